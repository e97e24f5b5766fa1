// Templates: the pages' mustache templates (web/templates/*.mustache), read and parsed once at
// start. kainjow mustache escapes every {{value}} for HTML; only {{{content}}} in the layout,
// which holds a page this class rendered, is inserted as it is. Thread-safe once loaded.
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace did::http {

class Templates {
  public:
    // Fails on a template that does not parse, or names a partial that is not there, or
    // includes itself: at start, not on the page that uses it.
    static core::Result<Templates> Load(const std::string& directory);

    bool Has(const std::string& name) const { return parsed_.contains(name); }
    // Renders `name` with `data`; a partial ({{> name}}) is the template of that name.
    core::Result<std::string> Render(const std::string& name, const kainjow::mustache::data& data) const;

  private:
    // `name`'s source with every {{> partial}} replaced by the partial's own (expanded) source.
    static core::Result<std::string> Expand(const std::map<std::string, std::string>& sources, const std::string& name,
                                            std::vector<std::string>& including);

    // Shared, and rendered by many threads at once: see Render.
    std::map<std::string, std::shared_ptr<kainjow::mustache::mustache>> parsed_;
};

}  // namespace did::http
