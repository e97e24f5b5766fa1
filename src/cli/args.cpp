#include "cli/args.hpp"

#include <algorithm>

namespace did::cli {

core::Result<Args> Args::Parse(const std::vector<std::string>& argv, const std::vector<OptionSpec>& specs) {
    Args args;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg == "-" || !arg.starts_with("--")) {
            args.positional_.push_back(arg);
            continue;
        }
        std::string name = arg.substr(2);
        std::optional<std::string> value;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            value = name.substr(eq + 1);
            name.resize(eq);
        }
        const auto spec = std::find_if(specs.begin(), specs.end(), [&](const OptionSpec& s) { return s.name == name; });
        if (spec == specs.end()) return core::Fail(core::Error::InvalidArgument("unknown option --" + name));
        if (!spec->takes_value) {
            if (value) return core::Fail(core::Error::InvalidArgument("--" + name + " takes no value"));
            args.flags_.insert(name);
            continue;
        }
        if (!value) {
            if (i + 1 >= argv.size()) return core::Fail(core::Error::InvalidArgument("--" + name + " needs a value"));
            value = argv[++i];
        }
        args.values_[name] = *value;
    }
    return args;
}

std::optional<std::string> Args::Get(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::string Args::GetOr(const std::string& name, const std::string& fallback) const {
    return Get(name).value_or(fallback);
}

}  // namespace did::cli
