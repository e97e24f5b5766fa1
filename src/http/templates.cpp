#include "http/templates.hpp"

#include <filesystem>

#include "core/file_io.hpp"

namespace did::http {

namespace mustache = kainjow::mustache;

core::Result<Templates> Templates::Load(const std::string& directory) {
    Templates templates;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.path().extension() != ".mustache") continue;
        auto text = core::ReadFile(entry.path().string());
        if (!text) return core::Fail(text.error());
        templates.sources_[entry.path().stem().string()] = std::move(*text);
    }
    if (error)
        return core::Fail(core::Error::IoError("cannot read the templates in " + directory + ": " + error.message()));
    if (templates.sources_.empty()) {
        return core::Fail(core::Error::NotFound("no templates in " + directory + " (is --web-root right?)"));
    }
    return templates;
}

core::Result<std::string> Templates::Render(const std::string& name, const mustache::data& data) const {
    auto it = sources_.find(name);
    if (it == sources_.end()) return core::Fail(core::Error::Internal("no template named " + name));
    mustache::mustache page(it->second);
    if (!page.is_valid()) return core::Fail(core::Error::Internal("template " + name + ": " + page.error_message()));
    // Partials are looked up by name among the other templates, but never in place of a value
    // the page was given: a page's "error" is its message, not the error page.
    mustache::data with_partials(data);
    for (const auto& [partial_name, source] : sources_) {
        if (partial_name == name || data.get(partial_name) != nullptr) continue;
        with_partials.set(partial_name, mustache::partial([text = source]() { return text; }));
    }
    std::string out = page.render(with_partials);
    if (!page.is_valid()) return core::Fail(core::Error::Internal("template " + name + ": " + page.error_message()));
    return out;
}

}  // namespace did::http
