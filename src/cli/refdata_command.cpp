// `did refdata`: reference data administration. `import FILE` replaces the NICIP catalogue
// with a newer release, without a rebuild; `show` says which catalogue is in use.

#include <cstdio>

#include <fmt/format.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "core/file_io.hpp"
#include "refdata/catalogue_files.hpp"

namespace did::cli {

int RunRefdata(const std::vector<std::string>& argv) {
    constexpr const char* kUsage =
        "usage: did refdata import FILE [--data-dir DIR]\n       did refdata show [--data-dir DIR]";
    auto args = Args::Parse(argv, {{"data-dir"}});
    if (!args) return UsageError("refdata", args.error().message + "\n" + kUsage);
    const auto& positional = args->positional();
    const std::string data_dir = DataDir(*args);
    if (positional.size() == 2 && positional[0] == "import") {
        auto summary = refdata::ImportCatalogue(data_dir, positional[1]);
        if (!summary) return UsageError("refdata", summary.error().message);
        std::printf(
            "Imported %zu NICIP codes into %s\n  %zu new, %zu removed, %zu mapped to a different SNOMED CT "
            "concept, %zu with a retirement date.\n",
            summary->codes, summary->path.c_str(), summary->added, summary->removed, summary->remapped,
            summary->retired);
        return kExitOk;
    }
    if (positional.size() == 1 && positional[0] == "show") {
        auto catalogue = refdata::LoadCatalogue(data_dir);
        if (!catalogue) return UsageError("refdata", catalogue.error().message);
        const std::string path = refdata::CatalogueFilePath(data_dir);
        std::printf("NICIP catalogue: %zu codes, %s\n", (*catalogue)->size(),
                    core::FileExists(path) ? ("imported, " + path).c_str() : "as shipped (data/nicip_catalogue.csv)");
        return kExitOk;
    }
    return UsageError("refdata", kUsage);
}

}  // namespace did::cli
