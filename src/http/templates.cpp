#include "http/templates.hpp"

#include <algorithm>
#include <filesystem>

#include "core/file_io.hpp"

namespace did::http {

namespace mustache = kainjow::mustache;

core::Result<std::string> Templates::Expand(const std::map<std::string, std::string>& sources, const std::string& name,
                                            std::vector<std::string>& including) {
    if (std::find(including.begin(), including.end(), name) != including.end()) {
        return core::Fail(core::Error::Internal("template " + including.front() + " includes " + name + " in itself"));
    }
    auto found = sources.find(name);
    if (found == sources.end()) {
        return core::Fail(core::Error::Internal("template " + including.back() + " names a partial '" + name +
                                                "' that is not in the templates"));
    }
    including.push_back(name);
    const std::string& source = found->second;
    std::string out;
    out.reserve(source.size());
    size_t from = 0;
    for (size_t at = source.find("{{>"); at != std::string::npos; at = source.find("{{>", from)) {
        const size_t end = source.find("}}", at);
        if (end == std::string::npos) break;  // left for the parser to report
        std::string partial = source.substr(at + 3, end - at - 3);
        partial.erase(0, partial.find_first_not_of(' '));
        partial.erase(partial.find_last_not_of(' ') + 1);
        auto expanded = Expand(sources, partial, including);
        if (!expanded) return expanded;
        out.append(source, from, at - from);
        out += *expanded;
        from = end + 2;
    }
    out.append(source, from);
    including.pop_back();
    return out;
}

core::Result<Templates> Templates::Load(const std::string& directory) {
    std::map<std::string, std::string> sources;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.path().extension() != ".mustache") continue;
        auto text = core::ReadFile(entry.path().string());
        if (!text) return core::Fail(text.error());
        sources[entry.path().stem().string()] = std::move(*text);
    }
    if (error)
        return core::Fail(core::Error::IoError("cannot read the templates in " + directory + ": " + error.message()));
    if (sources.empty()) {
        return core::Fail(core::Error::NotFound("no templates in " + directory + " (is --web-root right?)"));
    }
    // Partials are put in place here, once, rather than looked up at each render: kainjow would
    // parse a partial again every time it is included, and look it up among the page's values
    // (so a value named like a template, "error", would be taken for it).
    Templates templates;
    for (const auto& [name, source] : sources) {
        std::vector<std::string> including;
        auto expanded = Expand(sources, name, including);
        if (!expanded) return core::Fail(expanded.error());
        auto parsed = std::make_shared<mustache::mustache>(*expanded);
        if (!parsed->is_valid()) {
            return core::Fail(core::Error::Internal("template " + name + ": " + parsed->error_message()));
        }
        templates.parsed_.emplace(name, std::move(parsed));
    }
    return templates;
}

core::Result<std::string> Templates::Render(const std::string& name, const mustache::data& data) const {
    auto it = parsed_.find(name);
    if (it == parsed_.end()) return core::Fail(core::Error::Internal("no template named " + name));
    // kainjow's render is not const, but it only reads the parsed template: the one member it
    // writes is its error message, set only by lambdas and partials, which the pages' data and
    // the expanded templates do not have. So one parsed template serves every worker at once.
    mustache::mustache& page = *it->second;
    std::string out = page.render(data);
    if (!page.is_valid()) return core::Fail(core::Error::Internal("template " + name + ": " + page.error_message()));
    return out;
}

}  // namespace did::http
