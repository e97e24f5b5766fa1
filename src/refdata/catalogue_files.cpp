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

}  // namespace did::refdata
