#include "synth/extract_generator.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/postcode.hpp"
#include "ingest/pipeline.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "synth/reference_samples.hpp"

namespace did::synth {
namespace {

std::string Generate(const GeneratorOptions& options, std::vector<InjectedFault>* faults = nullptr) {
    std::string out;
    auto status = GenerateExtract(
        options, refdata::NicipCatalogue::Shipped(),
        [&](std::string_view text) -> core::Status {
            out.append(text);
            return {};
        },
        faults);
    EXPECT_TRUE(status);
    return out;
}

GeneratorOptions Options(uint64_t rows, double error_rate) {
    GeneratorOptions options;
    options.rows = rows;
    options.seed = 42;
    options.period = *core::Period::Parse("2026-10");
    options.submitted = *core::Date::Parse("2026-11-05");
    options.error_rate = error_rate;
    return options;
}

struct Found {
    std::map<uint64_t, std::set<validate::RuleId>> by_line;
    validate::RecordCounts counts;
    bool file_rejected = false;
};

Found Validate(const std::string& text) {
    validate::ValidationContext context;
    context.submitted = *core::Date::Parse("2026-11-05");
    context.period = core::Period::Parse("2026-10");
    ingest::MemorySource source(text);
    auto report = ingest::ValidateCsv(source, context, {});
    EXPECT_TRUE(report);
    Found found;
    found.counts = report->records;
    found.file_rejected = report->file_rejected();
    (void)report->findings.ForEach([&](const validate::Finding& f) {
        found.by_line[f.line].insert(f.rule);
        return true;
    });
    return found;
}

TEST(ExtractGeneratorTest, CleanExtractsPassEveryRule) {
    auto options = Options(20000, 0);
    options.quote_rate = 0.1;
    options.crlf = true;
    const auto found = Validate(Generate(options));
    EXPECT_FALSE(found.file_rejected);
    EXPECT_EQ(found.counts.total, 20000u);
    EXPECT_EQ(found.counts.rejected, 0u);
    EXPECT_EQ(found.counts.warned, 0u);
    EXPECT_TRUE(found.by_line.empty()) << "first finding on line " << found.by_line.begin()->first;
}

TEST(ExtractGeneratorTest, EveryInjectedFaultIsFoundAndNothingElse) {
    std::vector<InjectedFault> faults;
    const auto found = Validate(Generate(Options(20000, 0.2), &faults));
    ASSERT_GT(faults.size(), 3500u);
    std::set<validate::RuleId> injected;
    std::set<uint64_t> faulty_lines;
    for (const InjectedFault& fault : faults) {
        injected.insert(fault.rule);
        faulty_lines.insert(fault.line);
        const auto it = found.by_line.find(fault.line);
        ASSERT_NE(it, found.by_line.end()) << "nothing found on line " << fault.line;
        EXPECT_TRUE(it->second.count(fault.rule))
            << "line " << fault.line << " lacks rule " << static_cast<int>(fault.rule);
    }
    EXPECT_EQ(injected.size(), InjectableRules().size());  // every rule type was injected
    for (const auto& [line, rules] : found.by_line) EXPECT_TRUE(faulty_lines.count(line)) << "clean line " << line;
}

// The sample directory (data/samples/onspd.csv, and the organisations' addresses) is where good
// records take their postcodes from: every one must pass DIDS017's letter rules.
TEST(ExtractGeneratorTest, SamplePostcodesAreWellFormed) {
    ASSERT_FALSE(SamplePostcodes().empty());
    for (const std::string& postcode : SamplePostcodes()) EXPECT_TRUE(core::IsPostcodeFormat(postcode)) << postcode;
}

// DIDS017's faults break each letter rule as well as the case, so a generated file exercises them all.
TEST(ExtractGeneratorTest, PostcodeFaultsBreakEachLetterRule) {
    std::vector<InjectedFault> faults;
    const std::string text = Generate(Options(20000, 0.2), &faults);
    validate::ValidationContext context;
    context.submitted = *core::Date::Parse("2026-11-05");
    context.period = core::Period::Parse("2026-10");
    ingest::MemorySource source(text);
    auto report = ingest::ValidateCsv(source, context, {});
    ASSERT_TRUE(report);
    std::set<std::string_view> why;
    (void)report->findings.ForEach([&](const validate::Finding& f) {
        if (f.rule == validate::RuleId::kDids017) why.insert(core::PostcodeLetterFault(f.value));
        return true;
    });
    EXPECT_EQ(why, (std::set<std::string_view>{
                       "",  // lower case: a fault of shape
                       "the first letter is never Q, V or X",
                       "the second letter is never I, J or Z",
                       "a letter third (A9A) is one of A B C D E F G H J K P S T U W",
                       "a letter fourth (AA9A) is one of A B E H M N P R V W X Y",
                       "the inward code's letters are never C, I, K, M, O or V",
                   }));
}

TEST(ExtractGeneratorTest, SameSeedSameFile) {
    EXPECT_EQ(Generate(Options(500, 0.1)), Generate(Options(500, 0.1)));
    auto other = Options(500, 0.1);
    other.seed = 43;
    EXPECT_NE(Generate(Options(500, 0.1)), Generate(other));
}

TEST(ExtractGeneratorTest, RealisticMix) {
    const std::string text = Generate(Options(20000, 0));
    std::map<char, int> modality;
    int gp_direct = 0;
    int lines = 0;
    size_t start = text.find('\n') + 1;
    while (start < text.size()) {
        const size_t end = text.find('\n', start);
        std::vector<std::string> f;
        size_t s = start;
        for (int i = 0; i < 18; ++i) {
            const size_t comma = text.find(',', s);
            f.push_back(text.substr(s, std::min(comma, end) - s));
            s = comma + 1;
        }
        ++lines;
        gp_direct += f[7] == "04";
        if (!f[13].empty()) ++modality[f[13][0]];
        EXPECT_TRUE(f[0].empty() || f[0].starts_with("999"));
        start = end + 1;
    }
    EXPECT_EQ(lines, 20000);
    EXPECT_NEAR(gp_direct / 20000.0, 0.34, 0.03);
    const int coded = modality['X'] + modality['U'] + modality['C'] + modality['M'];
    EXPECT_NEAR(static_cast<double>(modality['X']) / coded, 23.5 / 48.2, 0.03);
    EXPECT_NEAR(static_cast<double>(modality['M']) / coded, 4.9 / 48.2, 0.02);
}

}  // namespace
}  // namespace did::synth
