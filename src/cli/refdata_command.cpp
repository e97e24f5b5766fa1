// `did refdata`: reference data administration, all of it in the database so that every server
// on it validates alike: the NICIP catalogue (import, held back when it would remove most
// codes), ODS organisations (import-ods) and the postcode directory (import-postcodes), each
// import audited; `show` lists every data set; `export BUNDLE` writes what validation needs
// for `did validate --refdata`; `samples DIR` writes synthetic files in the official layouts.

#include <cstdio>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/input_file_guard.hpp"
#include "cli/options.hpp"
#include "cli/output_paths.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "core/file_io.hpp"
#include "core/terminal_text.hpp"
#include "core/with_commas.hpp"
#include "refdata/catalogue_files.hpp"
#include "refdata/ods_file.hpp"
#include "service/catalogue.hpp"
#include "service/kh12_returns.hpp"
#include "service/refdata_bundle.hpp"
#include "service/refdata_listing.hpp"
#include "service/reference_data.hpp"
#include "synth/reference_samples.hpp"

namespace did::cli {

namespace {

struct RefdataOptions {
    std::string file;  // the file to import, the bundle to write, or the directory for samples
    std::string kind;
    std::string format;
    bool confirm_drop = false;
    bool no_postcodes = false;
    SessionOptions session;
};

int ImportCatalogue(const RefdataOptions& o) {
    auto session = OpenSession(o.session);
    if (!session) return UsageError("refdata import", session.error().message);
    auto imported = service::ImportCatalogue(*session->store, session->actor, o.file, o.confirm_drop);
    if (!imported) return UsageError("refdata import", imported.error().message);
    std::printf("%s\n", core::ForTerminal(imported->message).c_str());
    if (imported->result == service::CatalogueImportResult::kHeldBack) return kExitHeldBack;
    if (core::FileExists(refdata::CatalogueFilePath(session->data_dir))) {
        std::printf("%s, an earlier version's import, is no longer used by anything with a database: remove it.\n",
                    core::ForTerminal(refdata::CatalogueFilePath(session->data_dir)).c_str());
    }
    return kExitOk;
}

int Show(const RefdataOptions& o) {
    auto session = OpenSession(o.session, Access::kReadOnly);
    if (!session) return UsageError("refdata show", session.error().message);
    auto sets = service::ListReferenceData(*session->store);
    if (!sets) return UsageError("refdata show", sets.error().message);
    Table table{{"data set", "source", "date", Count("count"), "file", "by"}, {}};
    for (const service::DatasetSummary& s : *sets) {
        table.rows.push_back({s.name, s.source, s.date, std::to_string(s.count), s.file, s.by});
    }
    // An earlier version kept an imported catalogue in the data directory; only `did validate`
    // without a database still reads it (catalogue_files.hpp).
    const std::string earlier = refdata::CatalogueFilePath(session->data_dir);
    if (core::FileExists(earlier)) {
        auto catalogue = refdata::LoadCatalogue(session->data_dir);
        table.rows.push_back({"NICIP catalogue file of an earlier version",
                              "data directory: only did validate without --db or --refdata reads it", "",
                              catalogue ? std::to_string((*catalogue)->size()) : "", earlier, ""});
    }
    PrintTable(table, o.format);
    return kExitOk;
}

int Export(const RefdataOptions& o) {
    // The collection's own database must never be written over.
    if (auto clash = CheckOutputPaths({{"bundle", o.file}}, DatabaseFiles(DatabaseUrl(o.session))); !clash) {
        return UsageError("refdata export", clash.error().message);
    }
    auto session = OpenSession(o.session, Access::kReadOnly);
    if (!session) return UsageError("refdata export", session.error().message);
    service::BundleOptions options;
    options.postcodes = !o.no_postcodes;
    options.earlier_catalogue_file = refdata::CatalogueFilePath(session->data_dir);
    auto bundle = service::ExportBundle(*session->store, session->actor, o.file, options);
    if (!bundle) return UsageError("refdata export", bundle.error().message);
    auto count = [](int64_t n) { return core::WithCommas(static_cast<uint64_t>(n)); };
    std::printf(
        "Exported %s (%s bytes, SHA-256 %s) at %s:\n  NICIP catalogue (%s, %s codes), %s ODS organisations, %s, "
        "%s agreements, %s approved local codes, %s exclusions.\nValidate with it: did validate FILE --provider CODE "
        "--period YYYY-MM --refdata %s\n",
        core::ForTerminal(o.file).c_str(), count(bundle->bytes).c_str(), bundle->sha256.c_str(),
        bundle->exported_at.c_str(), bundle->catalogue_imported ? "imported" : "shipped", count(bundle->codes).c_str(),
        count(bundle->organisations).c_str(),
        o.no_postcodes ? "no postcode directory" : (count(bundle->postcodes) + " postcodes").c_str(),
        count(bundle->agreements).c_str(), count(bundle->local_codes).c_str(), count(bundle->exclusions).c_str(),
        core::ForTerminal(ShellWord(o.file)).c_str());
    return kExitOk;
}

int WriteSamples(const RefdataOptions& o) {
    if (auto written = synth::WriteReferenceSamples(o.file); !written) {
        return UsageError("refdata samples", written.error().message);
    }
    std::printf("Wrote epraccur.csv, etr.csv, ets.csv, ephp.csv, onspd.csv and icb.csv to %s\n", o.file.c_str());
    return kExitOk;
}

int ImportPostcodes(const RefdataOptions& o) {
    auto session = OpenSession(o.session);
    if (!session) return UsageError("refdata import-postcodes", session.error().message);
    auto counts = service::ImportPostcodes(*session->store, session->actor, o.file);
    if (!counts) return UsageError("refdata import-postcodes", counts.error().message);
    std::printf("Imported %lld postcodes: DIDS016 now checks postcodes against them.\n",
                static_cast<long long>(counts->rows));
    std::printf(
        "Files stored before keep the postcodes' ICBs known then in the tables by commissioner: "
        "did db migrate --recount-statistics counts them again.\n");
    return kExitOk;
}

int ImportIcbNames(const RefdataOptions& o) {
    auto session = OpenSession(o.session);
    if (!session) return UsageError("refdata import-icbs", session.error().message);
    auto counts = service::ImportIcbNames(*session->store, session->actor, o.file);
    if (!counts) return UsageError("refdata import-icbs", counts.error().message);
    std::printf("Imported %lld ICBs: the tables by commissioner name them.\n", static_cast<long long>(counts->rows));
    return kExitOk;
}

int ImportKh12(const RefdataOptions& o) {
    auto session = OpenSession(o.session);
    if (!session) return UsageError("refdata import-kh12", session.error().message);
    auto counts = service::ImportKh12Returns(*session->store, session->actor, o.file);
    if (!counts) return UsageError("refdata import-kh12", counts.error().message);
    std::printf("Imported %lld KH12 return rows for %s: did report kh12 --year holds the DID against them.\n",
                static_cast<long long>(counts->rows), counts->kind.c_str());
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
    if (*kind == refdata::OrgKind::kGpPractice) {
        std::printf(
            "Files stored before keep the practices' ICBs known then in the tables by commissioner: "
            "did db migrate --recount-statistics counts them again.\n");
    }
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
        if (!file_help.empty()) {
            const char* argument = name == "samples" ? "dir" : name == "export" ? "bundle" : "file";
            sub->add_option(argument, o->file, file_help)->required();
        }
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
    CLI::App* import = add("import", "replace the NICIP catalogue in the database with a newer release",
                           "the release, as CSV", true, ImportCatalogue);
    import->add_flag("--confirm-drop", o->confirm_drop, "import a release that removes most of the codes in use");
    import->footer(std::string(kExitStatusHelp) + "\n3 held back: the release removes most codes (--confirm-drop).");
    CLI::App* show = add("show", "every reference data set in use, with its source, date and size", "", true, Show);
    AddFormatOption(*show, o->format, {"text", "csv", "json"});
    CLI::App* bundle = add("export", "write what validation needs (never patient data) for did validate --refdata",
                           "the bundle to write (a SQLite file)", true, Export);
    bundle->add_flag("--no-postcodes", o->no_postcodes, "leave the postcode directory out (DIDS016 is not checked)");
    add("samples", "write synthetic ODS and ONSPD files in the official layouts", "where to write them", false,
        WriteSamples);
    add("import-postcodes", "load the ONS Postcode Directory (CSV)", "the directory's CSV", true, ImportPostcodes);
    add("import-icbs", "load the ONS names and codes of the Integrated Care Boards (CSV)",
        "the file (ICB23CD, ICB23CDH, ICB23NM)", true, ImportIcbNames);
    add("import-kh12", "load the old KH12 returns to compare did report kh12 with (CSV)",
        "the file (year,provider,category,examinations)", true, ImportKh12);
    CLI::App* ods = add("import-ods", "load an ODS organisation file", "the ODS file (epraccur, etr, ets, ephp, …)",
                        true, ImportOds);
    AddChoiceOption(*ods, "--kind", o->kind, {"gp", "trust", "site", "independent", "other"},
                    "what the file holds (default: from its name)");
}

}  // namespace did::cli
