// `did generate`: synthetic RIS extracts for tests, the demo and benchmarks, as CSV or XML;
// with --national, a whole financial year shaped like England's (synth/national_year.hpp):
// reference data, a file per provider and month, and the list of them to submit.

#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "cli/options.hpp"
#include "cli/output_paths.hpp"
#include "core/file_io.hpp"
#include "core/with_commas.hpp"
#include "refdata/catalogue_files.hpp"
#include "service/published_tables.hpp"
#include "synth/extract_generator.hpp"
#include "synth/national_year.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::cli {
namespace {

struct GenerateOptions {
    synth::GeneratorOptions generator;
    int64_t rows = 0;
    int64_t seed = 0;
    std::optional<core::Period> period;
    std::optional<core::Date> submitted;
    std::string sites;
    bool no_header = false;
    bool crlf = false;
    std::string format = "csv";
    std::optional<std::string> faults;
    std::string out = "-";
    std::optional<std::string> data_dir;
    bool national = false;
    std::string year;
    double scale = 0.01;
    std::string out_dir;
};

int RunNational(GenerateOptions& o) {
    auto span = service::FinancialYear(o.year);
    if (!span) return UsageError("generate", span.error().message);
    if (!(o.scale > 0)) return UsageError("generate", "--scale must be more than 0");
    auto catalogue = refdata::LoadCatalogue(DataDir(o.data_dir));
    if (!catalogue) return UsageError("generate", catalogue.error().message);
    synth::NationalYearOptions options;
    options.first_month = span->first;
    options.scale = o.scale;
    options.seed = static_cast<uint64_t>(o.seed);
    options.file = o.generator;
    options.file.crlf = o.crlf;
    auto summary = synth::WriteNationalYear(options, **catalogue, o.out_dir);
    if (!summary) return UsageError("generate", summary.error().message);
    std::printf(
        "Wrote %s for %zu providers in %zu ICBs (%s GP practices, %s postcodes) to %s: %s files, %s records, %s "
        "bytes; the files to submit are listed in submissions.csv.\n",
        span->label.c_str(), summary->providers, summary->icbs, core::WithCommas(summary->practices).c_str(),
        core::WithCommas(summary->postcodes).c_str(), o.out_dir.c_str(), core::WithCommas(summary->files).c_str(),
        core::WithCommas(summary->records).c_str(), core::WithCommas(summary->bytes).c_str());
    return kExitOk;
}

// What is wrong with the options given together, empty when nothing: --national plans every
// file itself, so takes none of the options of a single extract, and the year's own options
// are for it alone. (Checked here rather than with CLI11's needs and excludes, which would
// print themselves into every option's line of --help.)
std::string NationalMismatch(const CLI::App& cmd, bool national) {
    if (national) {
        for (const char* single : {"--rows", "--period", "--submitted", "--provider", "--sites", "--format",
                                   "--no-header", "--faults", "--out"}) {
            if (cmd.count(single) > 0) {
                return fmt::format("{} is for a single extract; --national decides it for each file", single);
            }
        }
        if (cmd.count("--year") == 0 || cmd.count("--out-dir") == 0) return "--national needs --year and --out-dir";
        return "";
    }
    for (const char* own : {"--year", "--scale", "--out-dir"}) {
        if (cmd.count(own) > 0) return fmt::format("{} is for --national", own);
    }
    return "";
}

int RunGenerate(GenerateOptions& o) {
    if (o.national) return RunNational(o);
    synth::GeneratorOptions& options = o.generator;
    options.rows = static_cast<uint64_t>(o.rows);
    options.seed = static_cast<uint64_t>(o.seed);
    if (o.period) options.period = *o.period;
    if (o.submitted) options.submitted = *o.submitted;
    std::stringstream sites(o.sites);
    for (std::string site; std::getline(sites, site, ',');) {
        if (!site.empty()) options.sites.push_back(site);
    }
    options.header = !o.no_header;
    options.crlf = o.crlf;
    options.xml = o.format == "xml";
    if (options.xml && (o.no_header || options.quote_rate > 0)) {
        return UsageError("generate", "--no-header and --quote-rate are for CSV; an XML extract has neither");
    }
    if (auto clash = CheckOutputPaths({{"--out", o.out}, {"--faults", o.faults.value_or("")}}, {}); !clash) {
        return UsageError("generate", clash.error().message);
    }

    auto catalogue = refdata::LoadCatalogue(DataDir(o.data_dir));
    if (!catalogue) return UsageError("generate", catalogue.error().message);

    const std::string& out_path = o.out;
    std::FILE* out = out_path == "-" ? stdout : std::fopen(out_path.c_str(), "wb");
    if (out == nullptr) return UsageError("generate", "cannot create " + out_path);
    std::vector<synth::InjectedFault> faults;
    auto status = synth::GenerateExtract(
        options, **catalogue,
        [&](std::string_view text) -> core::Status {
            if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
                return core::Fail(core::Error::IoError("cannot write " + out_path));
            }
            return {};
        },
        o.faults ? &faults : nullptr);
    const bool closed = out == stdout ? std::fflush(out) == 0 : std::fclose(out) == 0;
    if (!status) return UsageError("generate", status.error().message);
    if (!closed) return UsageError("generate", "cannot write " + out_path);

    if (const auto& faults_path = o.faults) {
        std::string csv = "line,rule\n";
        const auto& rules = validate::RuleCatalogue::Standard();
        for (const auto& fault : faults) csv += fmt::format("{},{}\n", fault.line, rules.Spec(fault.rule).code);
        if (auto written = core::WriteFileAtomically(*faults_path, csv); !written) {
            return UsageError("generate", written.error().message);
        }
    }
    return kExitOk;
}

}  // namespace

void AddGenerateCommand(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<GenerateOptions>();
    const synth::GeneratorOptions defaults;
    o->rows = static_cast<int64_t>(defaults.rows);
    o->seed = static_cast<int64_t>(defaults.seed);
    o->generator.provider = defaults.provider;
    CLI::App* cmd = did.add_subcommand("generate", "write a synthetic RIS extract (tests, demos, benchmarks)");
    AddWholeNumberOption(*cmd, "--rows", o->rows, 0, 100'000'000, "records to write (default 1,000)");
    AddWholeNumberOption(*cmd, "--seed", o->seed, 0, INT64_MAX, "the random seed: the same seed, the same file");
    AddPeriodOption(*cmd, "--period", o->period, "the reporting month of the test dates");
    AddDateOption(*cmd, "--submitted", o->submitted, "the day the file is to be submitted");
    AddOrgCodeOption(*cmd, "--provider", o->generator.provider, "the provider the sites belong to");
    cmd->add_option("--sites", o->sites, "site codes to use, comma-separated")->type_name("A,B,…");
    AddFractionOption(*cmd, "--error-rate", o->generator.error_rate, "share of records with a fault injected");
    AddFractionOption(*cmd, "--quote-rate", o->generator.quote_rate, "share of fields written in quotes");
    AddFractionOption(*cmd, "--timestamp-rate", o->generator.timestamp_rate, "share of dates written with a time");
    AddChoiceOption(*cmd, "--format", o->format, {"csv", "xml"},
                    "the file format: csv (default) or xml (the DID XML structure, docs/xml-submissions.md)");
    cmd->add_flag("--no-header", o->no_header, "no header row");
    cmd->add_flag("--crlf", o->crlf, "end lines with CR LF");
    cmd->add_option("--faults", o->faults, "write the injected faults here: line, rule")->type_name("OUT.csv");
    cmd->add_option("--out", o->out, "where to write the extract (default standard output)")->type_name("FILE");
    AddDataDirOption(*cmd, o->data_dir);

    cmd->add_flag("--national", o->national,
                  "a financial year shaped like England's into --out-dir: reference data, a file per provider and "
                  "month, submissions.csv (needs --year and --out-dir)");
    AddFinancialYearOption(*cmd, "--year", o->year, "--national: the financial year, as 2025-26");
    AddFractionOption(*cmd, "--scale", o->scale, "--national: the share of England's year (default 0.01)");
    cmd->add_option("--out-dir", o->out_dir, "--national: where to write the year")->type_name("DIR");
    cmd->callback([o, cmd, &exit_status] {
        if (auto wrong = NationalMismatch(*cmd, o->national); !wrong.empty()) {
            exit_status = UsageError("generate", wrong);
            return;
        }
        exit_status = RunGenerate(*o);
    });
}

}  // namespace did::cli
