// `did refdata`: reference data administration. The NICIP catalogue lives in the data
// directory (import, show); ODS organisations and the postcode directory live in the
// database (import-ods, import-postcodes); `samples DIR` writes synthetic files in the
// official layouts.

#include <cstdio>

#include <fmt/format.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/session.hpp"
#include "core/file_io.hpp"
#include "refdata/catalogue_files.hpp"
#include "refdata/ods_file.hpp"
#include "service/reference_data.hpp"
#include "synth/reference_samples.hpp"

namespace did::cli {

int RunRefdata(const std::vector<std::string>& argv) {
    ExplainFilesShortenedWhileRead();
    constexpr const char* kUsage =
        "usage: did refdata import FILE                     a NICIP catalogue release\n"
        "       did refdata show\n"
        "       did refdata import-ods FILE [--kind gp|trust|site|independent|other]\n"
        "       did refdata import-postcodes FILE            the ONS Postcode Directory (CSV)\n"
        "       did refdata samples DIR                      synthetic ODS and ONSPD files";
    auto args = Args::Parse(argv, WithSessionOptions({{"kind"}}));
    if (!args) return UsageError("refdata", args.error().message + "\n" + kUsage);
    const auto& positional = args->positional();
    const std::string data_dir = DataDir(*args);
    const std::string action = positional.empty() ? "" : positional[0];
    if (positional.size() == 2 && action == "import") {
        auto summary = refdata::ImportCatalogue(data_dir, positional[1]);
        if (!summary) return UsageError("refdata", summary.error().message);
        std::printf("Imported %zu NICIP codes into %s\n  %zu new, %zu removed, %zu mapped to a different SNOMED CT "
                    "concept, %zu with a retirement date.\n",
                    summary->codes, summary->path.c_str(), summary->added, summary->removed, summary->remapped,
                    summary->retired);
        return kExitOk;
    }
    if (positional.size() == 1 && action == "show") {
        auto catalogue = refdata::LoadCatalogue(data_dir);
        if (!catalogue) return UsageError("refdata", catalogue.error().message);
        const std::string path = refdata::CatalogueFilePath(data_dir);
        std::printf("NICIP catalogue: %zu codes, %s\n", (*catalogue)->size(),
                    core::FileExists(path) ? ("imported, " + path).c_str() : "as shipped (data/nicip_catalogue.csv)");
        return kExitOk;
    }
    if (positional.size() == 2 && action == "samples") {
        if (auto written = synth::WriteReferenceSamples(positional[1]); !written) {
            return UsageError("refdata", written.error().message);
        }
        std::printf("Wrote epraccur.csv, etr.csv, ets.csv, ephp.csv and onspd.csv to %s\n", positional[1].c_str());
        return kExitOk;
    }
    if (positional.size() == 2 && (action == "import-ods" || action == "import-postcodes")) {
        auto session = OpenSession(*args);
        if (!session) return UsageError("refdata", session.error().message);
        if (action == "import-postcodes") {
            auto counts = service::ImportPostcodes(*session->store, session->actor, positional[1]);
            if (!counts) return UsageError("refdata", counts.error().message);
            std::printf("Imported %lld postcodes: DIDS016 now checks postcodes against them.\n",
                        static_cast<long long>(counts->rows));
            return kExitOk;
        }
        std::optional<refdata::OrgKind> kind;
        if (auto named = args->Get("kind")) {
            kind = refdata::ParseOrgKind(*named);
            if (!kind) return UsageError("refdata", "--kind must be gp, trust, site, independent or other");
        } else {
            kind = refdata::OdsKindFromFileName(positional[1]);
            if (!kind) return UsageError("refdata", "say what the file holds with --kind (its name is not one ODS uses)");
        }
        auto counts = service::ImportOds(*session->store, session->actor, positional[1], *kind);
        if (!counts) return UsageError("refdata", counts.error().message);
        std::printf("Imported %lld %s organisations.\n", static_cast<long long>(counts->rows), counts->kind.c_str());
        return kExitOk;
    }
    return UsageError("refdata", kUsage);
}

}  // namespace did::cli
