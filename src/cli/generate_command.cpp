// `did generate`: synthetic RIS extracts for tests, the demo and benchmarks.

#include <cstdio>
#include <sstream>

#include <fmt/format.h>

#include "cli/args.hpp"
#include "cli/command.hpp"
#include "cli/data_dir.hpp"
#include "core/file_io.hpp"
#include "refdata/catalogue_files.hpp"
#include "synth/extract_generator.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::cli {
namespace {

constexpr const char* kUsage =
    "usage: did generate [--rows N] [--seed S] [--period YYYY-MM] [--submitted YYYY-MM-DD]\n"
    "                    [--provider CODE] [--sites A,B,…] [--error-rate R] [--quote-rate R]\n"
    "                    [--timestamp-rate R]\n"
    "                    [--no-header] [--crlf] [--faults OUT.csv] [--out FILE]";

int Fail(const std::string& message) {
    return UsageError("generate", message + "\n" + kUsage);
}

template <class T>
bool ParseNumber(const std::string& text, T& out) {
    std::istringstream in(text);
    in >> out;
    return !in.fail() && in.eof();
}

}  // namespace

int RunGenerate(const std::vector<std::string>& argv) {
    auto args = Args::Parse(argv, {{"rows"},
                                   {"seed"},
                                   {"period"},
                                   {"submitted"},
                                   {"provider"},
                                   {"sites"},
                                   {"error-rate"},
                                   {"quote-rate"},
                                   {"timestamp-rate"},
                                   {"no-header", false},
                                   {"crlf", false},
                                   {"faults"},
                                   {"out"},
                                   {"data-dir"}});
    if (!args) return Fail(args.error().message);
    if (!args->positional().empty()) return Fail("unexpected argument " + args->positional()[0]);

    synth::GeneratorOptions options;
    if (auto v = args->Get("rows"); v && !ParseNumber(*v, options.rows)) return Fail("--rows must be a whole number");
    if (auto v = args->Get("seed"); v && !ParseNumber(*v, options.seed)) return Fail("--seed must be a whole number");
    if (auto v = args->Get("error-rate");
        v && (!ParseNumber(*v, options.error_rate) || options.error_rate < 0 || options.error_rate > 1)) {
        return Fail("--error-rate must be between 0 and 1");
    }
    if (auto v = args->Get("quote-rate");
        v && (!ParseNumber(*v, options.quote_rate) || options.quote_rate < 0 || options.quote_rate > 1)) {
        return Fail("--quote-rate must be between 0 and 1");
    }
    if (auto v = args->Get("timestamp-rate");
        v && (!ParseNumber(*v, options.timestamp_rate) || options.timestamp_rate < 0 || options.timestamp_rate > 1)) {
        return Fail("--timestamp-rate must be between 0 and 1");
    }
    if (auto v = args->Get("period")) {
        const auto period = core::Period::Parse(*v);
        if (!period) return Fail("--period must be YYYY-MM");
        options.period = *period;
    }
    if (auto v = args->Get("submitted")) {
        const auto date = core::Date::Parse(*v);
        if (!date) return Fail("--submitted must be YYYY-MM-DD");
        options.submitted = *date;
    }
    options.provider = args->GetOr("provider", options.provider);
    if (auto v = args->Get("sites")) {
        std::stringstream in(*v);
        for (std::string site; std::getline(in, site, ',');) {
            if (!site.empty()) options.sites.push_back(site);
        }
    }
    options.header = !args->Has("no-header");
    options.crlf = args->Has("crlf");

    auto catalogue = refdata::LoadCatalogue(DataDir(*args));
    if (!catalogue) return Fail(catalogue.error().message);

    const std::string out_path = args->GetOr("out", "-");
    std::FILE* out = out_path == "-" ? stdout : std::fopen(out_path.c_str(), "wb");
    if (out == nullptr) return Fail("cannot create " + out_path);
    std::vector<synth::InjectedFault> faults;
    auto status = synth::GenerateExtract(
        options, **catalogue,
        [&](std::string_view text) -> core::Status {
            if (std::fwrite(text.data(), 1, text.size(), out) != text.size()) {
                return core::Fail(core::Error::IoError("cannot write " + out_path));
            }
            return {};
        },
        args->Has("faults") ? &faults : nullptr);
    const bool closed = out == stdout ? std::fflush(out) == 0 : std::fclose(out) == 0;
    if (!status) return UsageError("generate", status.error().message);
    if (!closed) return UsageError("generate", "cannot write " + out_path);

    if (auto faults_path = args->Get("faults")) {
        std::string csv = "line,rule\n";
        const auto& rules = validate::RuleCatalogue::Standard();
        for (const auto& fault : faults) csv += fmt::format("{},{}\n", fault.line, rules.Spec(fault.rule).code);
        if (auto written = core::WriteFileAtomically(*faults_path, csv); !written) {
            return UsageError("generate", written.error().message);
        }
    }
    return kExitOk;
}

}  // namespace did::cli
