#include "refdata/catalogue_files.hpp"

#include "core/file_io.hpp"

namespace did::refdata {

std::string CatalogueFilePath(const std::string& data_dir) {
    return data_dir + "/refdata/nicip_catalogue.csv";
}

core::Result<std::shared_ptr<const NicipCatalogue>> LoadCatalogue(const std::string& data_dir) {
    const std::string path = CatalogueFilePath(data_dir);
    if (data_dir.empty() || !core::FileExists(path)) {
        // The shipped catalogue lives for the whole program: share it without owning it.
        return std::shared_ptr<const NicipCatalogue>(&NicipCatalogue::Shipped(), [](const NicipCatalogue*) {});
    }
    auto text = core::ReadFile(path);
    if (!text) return core::Fail(text.error());
    auto catalogue = NicipCatalogue::Parse(*text);
    if (!catalogue) {
        return core::Fail(
            core::Error::Corruption("the imported catalogue " + path + " is unreadable: " + catalogue.error().message));
    }
    return std::make_shared<const NicipCatalogue>(std::move(*catalogue));
}

core::Result<ImportSummary> ImportCatalogue(const std::string& data_dir, const std::string& release_path) {
    auto text = core::ReadFile(release_path);
    if (!text) return core::Fail(text.error());
    auto incoming = NicipCatalogue::Parse(*text);
    if (!incoming) return core::Fail(incoming.error());
    auto current = LoadCatalogue(data_dir);
    if (!current) return core::Fail(current.error());

    ImportSummary summary;
    summary.codes = incoming->size();
    for (const NicipEntry& entry : incoming->entries()) {
        const NicipEntry* before = (*current)->FindNicip(entry.code);
        if (before == nullptr) {
            ++summary.added;
        } else if (before->snomed != entry.snomed) {
            ++summary.remapped;
        }
        if (entry.nicip_retired_on) ++summary.retired;
    }
    for (const NicipEntry& entry : (*current)->entries()) {
        if (incoming->FindNicip(entry.code) == nullptr) ++summary.removed;
    }
    if (auto made = core::MakeDirectories(data_dir + "/refdata"); !made) return core::Fail(made.error());
    summary.path = CatalogueFilePath(data_dir);
    if (auto written = core::WriteFileAtomically(summary.path, incoming->ToCsv()); !written) {
        return core::Fail(written.error());
    }
    return summary;
}

}  // namespace did::refdata
