#include "http/templates.hpp"

#include <filesystem>
#include <vector>

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

std::set<std::string> Templates::PartialsOf(const std::string& name) const {
    std::set<std::string> found;
    std::vector<std::string> pending{name};
    while (!pending.empty()) {
        const std::string source = sources_.at(pending.back());
        pending.pop_back();
        for (size_t at = source.find("{{>"); at != std::string::npos; at = source.find("{{>", at + 3)) {
            const size_t end = source.find("}}", at);
            if (end == std::string::npos) break;
            std::string partial = source.substr(at + 3, end - at - 3);
            partial.erase(0, partial.find_first_not_of(' '));
            partial.erase(partial.find_last_not_of(' ') + 1);
            if (partial != name && sources_.contains(partial) && found.insert(partial).second) {
                pending.push_back(partial);
            }
        }
    }
    return found;
}

core::Result<std::string> Templates::Render(const std::string& name, const mustache::data& data) const {
    auto it = sources_.find(name);
    if (it == sources_.end()) return core::Fail(core::Error::Internal("no template named " + name));
    mustache::mustache page(it->second);
    if (!page.is_valid()) return core::Fail(core::Error::Internal("template " + name + ": " + page.error_message()));
    // Partials are looked up by name among the other templates. Only those the page names are
    // added: kainjow looks partials up among the data, so every template added would answer for
    // a key of that name the page left unset ({{#error}} would open on the template "error").
    mustache::data with_partials(data);
    for (const std::string& partial_name : PartialsOf(name)) {
        with_partials.set(partial_name, mustache::partial([text = sources_.at(partial_name)]() -> const std::string& {
                              return text;
                          }));
    }
    std::string out = page.render(with_partials);
    if (!page.is_valid()) return core::Fail(core::Error::Internal("template " + name + ": " + page.error_message()));
    return out;
}

}  // namespace did::http
