#include "validate/rule_catalogue.hpp"

#include <gtest/gtest.h>

#include <set>

namespace did::validate {
namespace {

TEST(RuleCatalogueTest, EveryRuleOnceWithItsDocumentedSeverity) {
    const auto& rules = RuleCatalogue::Standard();
    std::set<std::string_view> codes;
    for (const RuleSpec& spec : rules.All()) {
        EXPECT_TRUE(codes.insert(spec.code).second) << spec.code;
        EXPECT_FALSE(spec.meaning.empty()) << spec.code;
        EXPECT_FALSE(spec.check.empty()) << spec.code;
    }
    EXPECT_EQ(codes.size(), 65u);
    for (auto code : {"DIDS023", "DIDS028", "DIDS038", "DIDS049", "DIDS062", "DIDS077", "DIDS078", "DIDS079", "DIDS080",
                      "DIDS081", "DIDC-EXCLUDED", "DIDC-DUPLICATE-PROVIDER"}) {
        EXPECT_EQ(rules.Spec(*rules.Find(code)).severity, Severity::kWarn) << code;
    }
    for (auto code : {"DIDS075", "DIDS076", "DIDC-ENCODING", "DIDC-EMPTY", "DIDC-HEADER"}) {
        EXPECT_EQ(rules.Spec(*rules.Find(code)).severity, Severity::kFile) << code;
    }
    EXPECT_EQ(rules.Spec(RuleId::kDids071).severity, Severity::kReject);
    EXPECT_EQ(rules.Spec(*rules.Find("DIDC-CONTROL")).severity, Severity::kReject);
    EXPECT_FALSE(rules.Find("DIDS004"));
}

TEST(RuleCatalogueTest, SeverityChangesTakeEffectOnTheirDate) {
    const auto on = *core::Date::Parse("2027-04-01");
    const auto rules = RuleCatalogue::Standard().WithSeverityChange(RuleId::kDids049, on, Severity::kReject);
    EXPECT_EQ(rules.SeverityOn(RuleId::kDids049, *core::Date::Parse("2027-03-31")), Severity::kWarn);
    EXPECT_EQ(rules.SeverityOn(RuleId::kDids049, on), Severity::kReject);
    EXPECT_EQ(RuleCatalogue::Standard().SeverityOn(RuleId::kDids049, on), Severity::kWarn);
}

}  // namespace
}  // namespace did::validate
