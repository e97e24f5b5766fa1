// Templates: the pages' mustache templates (web/templates/*.mustache), read once at start.
// kainjow mustache escapes every {{value}} for HTML; only {{{content}}} in the layout, which
// holds a page this class rendered, is inserted as it is. Thread-safe once loaded (read-only).
#pragma once

#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "core/error.hpp"

namespace did::http {

class Templates {
  public:
    static core::Result<Templates> Load(const std::string& directory);

    bool Has(const std::string& name) const { return sources_.contains(name); }
    // Renders `name` with `data`; partials are the other templates, by name ({{> name}}).
    core::Result<std::string> Render(const std::string& name, const kainjow::mustache::data& data) const;

  private:
    // The templates `name` includes as partials, and those they include in turn.
    std::set<std::string> PartialsOf(const std::string& name) const;

    std::map<std::string, std::string> sources_;
};

}  // namespace did::http
