// `did refdata`: reference data administration. The NICIP catalogue lives in the data
// directory (import, show); ODS organisations and the postcode directory live in the
// database (import-ods, import-postcodes); `samples DIR` writes synthetic files in the
// official layouts.

#include <cstdio>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "core/file_io.hpp"
#include "refdata/catalogue_files.hpp"
#include "refdata/ods_file.hpp"
#include "service/reference_data.hpp"
#include "synth/reference_samples.hpp"

namespace did::cli {

namespace {

struct RefdataOptions {
    std::string file;  // the file to import, or the directory for samples
    std::string kind;
    SessionOptions session;
};

int ImportCatalogue(const RefdataOptions& o) {
    auto summary = refdata::ImportCatalogue(DataDir(o.session.data_dir), o.file);
    if (!summary) return UsageError("refdata import", summary.error().message);
    std::printf(
        "Imported %zu NICIP codes into %s\n  %zu new, %zu removed, %zu mapped to a different SNOMED CT "
        "concept, %zu with a retirement date.\n",
        summary->codes, summary->path.c_str(), summary->added, summary->removed, summary->remapped, summary->retired);
    return kExitOk;
}

int ShowCatalogue(const RefdataOptions& o) {
    const std::string data_dir = DataDir(o.session.data_dir);
    auto catalogue = refdata::LoadCatalogue(data_dir);
    if (!catalogue) return UsageError("refdata show", catalogue.error().message);
    const std::string path = refdata::CatalogueFilePath(data_dir);
    std::printf("NICIP catalogue: %zu codes, %s\n", (*catalogue)->size(),
                core::FileExists(path) ? ("imported, " + path).c_str() : "as shipped (data/nicip_catalogue.csv)");
    return kExitOk;
}

int WriteSamples(const RefdataOptions& o) {
    if (auto written = synth::WriteReferenceSamples(o.file); !written) {
        return UsageError("refdata samples", written.error().message);
    }
    std::printf("Wrote epraccur.csv, etr.csv, ets.csv, ephp.csv and onspd.csv to %s\n", o.file.c_str());
    return kExitOk;
}

int ImportPostcodes(const RefdataOptions& o) {
    auto session = OpenSession(o.session);
    if (!session) return UsageError("refdata import-postcodes", session.error().message);
    auto counts = service::ImportPostcodes(*session->store, session->actor, o.file);
    if (!counts) return UsageError("refdata import-postcodes", counts.error().message);
    std::printf("Imported %lld postcodes: DIDS016 now checks postcodes against them.\n",
                static_cast<long long>(counts->rows));
    return kExitOk;
}

int ImportOds(const RefdataOptions& o) {
    std::optional<refdata::OrgKind> kind =
        o.kind.empty() ? refdata::OdsKindFromFileName(o.file) : refdata::ParseOrgKind(o.kind);
    if (!kind) {
        return UsageError("refdata import-ods", "say what the file holds with --kind (its name is not one ODS uses)");
    }
    auto session = OpenSession(o.session);
    if (!session) return UsageError("refdata import-ods", session.error().message);
    auto counts = service::ImportOds(*session->store, session->actor, o.file, *kind);
    if (!counts) return UsageError("refdata import-ods", counts.error().message);
    std::printf("Imported %lld %s organisations.\n", static_cast<long long>(counts->rows), counts->kind.c_str());
    return kExitOk;
}

}  // namespace

void AddRefdataCommand(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<RefdataOptions>();
    CLI::App* cmd = did.add_subcommand("refdata", "reference data: the NICIP catalogue, ODS, the postcode directory");
    cmd->require_subcommand(1);
    auto add = [&](const std::string& name, const std::string& help, const std::string& file_help, bool database,
                   int (*run)(const RefdataOptions&)) {
        CLI::App* sub = cmd->add_subcommand(name, help);
        if (!file_help.empty()) sub->add_option(name == "samples" ? "dir" : "file", o->file, file_help)->required();
        if (database) {
            AddSessionOptions(*sub, o->session);
        } else {
            AddDataDirOption(*sub, o->session.data_dir);
        }
        sub->callback([o, run, &exit_status] {
            ExplainFilesShortenedWhileRead();
            exit_status = run(*o);
        });
        return sub;
    };
    add("import", "replace the NICIP catalogue with a newer release", "the release, as CSV", false, ImportCatalogue);
    add("show", "which NICIP catalogue is in use", "", false, ShowCatalogue);
    add("samples", "write synthetic ODS and ONSPD files in the official layouts", "where to write them", false,
        WriteSamples);
    add("import-postcodes", "load the ONS Postcode Directory (CSV)", "the directory's CSV", true, ImportPostcodes);
    CLI::App* ods = add("import-ods", "load an ODS organisation file", "the ODS file (epraccur, etr, ets, ephp, …)",
                        true, ImportOds);
    AddChoiceOption(*ods, "--kind", o->kind, {"gp", "trust", "site", "independent", "other"},
                    "what the file holds (default: from its name)");
}

}  // namespace did::cli
