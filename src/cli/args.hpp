// Args: the command line of one subcommand: positional arguments and `--name value` or
// `--name=value` options, checked against the options the subcommand declares, so a typo
// is an error that names the option instead of being silently ignored.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace did::cli {

struct OptionSpec {
    std::string name;  // without the dashes
    bool takes_value = true;
};

class Args {
  public:
    static core::Result<Args> Parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs);

    const std::vector<std::string>& positional() const { return positional_; }
    bool Has(const std::string& name) const { return values_.count(name) > 0 || flags_.count(name) > 0; }
    std::optional<std::string> Get(const std::string& name) const;
    std::string GetOr(const std::string& name, const std::string& fallback) const;

  private:
    std::vector<std::string> positional_;
    std::map<std::string, std::string> values_;
    std::set<std::string> flags_;
};

}  // namespace did::cli
