#include "synth/extract_generator.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/nhs_number.hpp"
#include "core/text_escape.hpp"
#include "synth/exam_mix.hpp"
#include "synth/fault_injector.hpp"
#include "synth/random.hpp"
#include "synth/reference_samples.hpp"
#include "synth/synth_record.hpp"
#include "synth/xml_writer.hpp"

namespace did::synth {

using core::Date;
using core::Field;
using validate::RuleId;

const std::vector<RuleId>& InjectableRules() {
    static const std::vector<RuleId> rules = {
        RuleId::kDids001,    RuleId::kDids002, RuleId::kDids003, RuleId::kDids005, RuleId::kDids006, RuleId::kDids008,
        RuleId::kDids009,    RuleId::kDids010, RuleId::kDids012, RuleId::kDids014, RuleId::kDids017, RuleId::kDids018,
        RuleId::kDids020,    RuleId::kDids021, RuleId::kDids023, RuleId::kDids026, RuleId::kDids027, RuleId::kDids028,
        RuleId::kDids031,    RuleId::kDids034, RuleId::kDids035, RuleId::kDids036, RuleId::kDids038, RuleId::kDids040,
        RuleId::kDids041,    RuleId::kDids043, RuleId::kDids044, RuleId::kDids045, RuleId::kDids048, RuleId::kDids049,
        RuleId::kDids050,    RuleId::kDids051, RuleId::kDids055, RuleId::kDids056, RuleId::kDids057, RuleId::kDids059,
        RuleId::kDids061,    RuleId::kDids062, RuleId::kDids066, RuleId::kDids067, RuleId::kDids068, RuleId::kDids069,
        RuleId::kDids070,    RuleId::kDids071, RuleId::kDids072, RuleId::kDids073, RuleId::kDids074, RuleId::kDids082,
        RuleId::kDidcPeriod,
    };
    return rules;
}

namespace {

constexpr size_t kFlushBytes = size_t{1} << 20;

struct Weighted {
    std::string_view value;
    double weight;
};

constexpr std::array<Weighted, 7> kSourceSettings = {
    {{"01", 12}, {"02", 3}, {"03", 24}, {"04", 34}, {"05", 20}, {"06", 4}, {"07", 3}}};
constexpr std::array<Weighted, 17> kEthnicCategories = {{{"A", 74},
                                                         {"B", 2},
                                                         {"C", 4},
                                                         {"D", 1},
                                                         {"E", 1},
                                                         {"F", 1},
                                                         {"G", 1},
                                                         {"H", 3},
                                                         {"J", 1.5},
                                                         {"K", 1},
                                                         {"L", 1},
                                                         {"M", 1},
                                                         {"N", 1},
                                                         {"P", 1},
                                                         {"S", 2},
                                                         {"Z", 3},
                                                         {"99", 2}}};
// Age bands (low, high, weight): imaging skews to older patients.
constexpr std::array<std::array<double, 3>, 6> kAges = {
    {{0, 0, 2}, {1, 17, 7}, {18, 39, 19}, {40, 64, 34}, {65, 84, 31}, {85, 102, 7}}};

template <size_t N>
std::string_view PickWeighted(Random& random, const std::array<Weighted, N>& table) {
    std::array<double, N> weights{};
    for (size_t i = 0; i < N; ++i) weights[i] = table[i].weight;
    return table[random.Pick(weights)].value;
}

class Generator {
  public:
    Generator(const GeneratorOptions& options, const refdata::NicipCatalogue& catalogue)
        : options_(options),
          catalogue_(catalogue),
          mix_(options.modalities.empty() ? ExamMix(catalogue) : ExamMix(catalogue, options.modalities)),
          random_(options.seed) {
        sites_ = options.sites;
        if (sites_.empty()) sites_ = {options.provider + "01", options.provider + "02"};
        gp_practices_ = SampleGpPractices();
        last_test_day_ = std::min(options.period.LastDay(), options.submitted);
        first_test_day_ = std::min(options.period.FirstDay(), last_test_day_);
    }

    core::Status Run(const std::function<core::Status(std::string_view)>& write, std::vector<InjectedFault>* faults) {
        std::string out;
        out.reserve(kFlushBytes + 4096);
        const std::string_view eol = options_.crlf ? "\r\n" : "\n";
        uint64_t line = 1;
        if (options_.xml) {
            out += XmlFileStart();
            line += 2;
        } else if (options_.header) {
            for (size_t i = 0; i < core::kFieldCount; ++i) {
                out += i == 0 ? "" : ",";
                out += core::FieldName(core::kAllFields[i]);
            }
            out += eol;
            ++line;
        }
        const auto& injectable = InjectableRules();
        FaultContext fault_context{options_.submitted, options_.period.FirstDay(), nullptr, &catalogue_};
        SynthRecord previous;
        bool has_previous = false;
        for (uint64_t i = 0; i < options_.rows; ++i) {
            SynthRecord record = MakeRecord(i);
            if (options_.error_rate > 0 && random_.Chance(options_.error_rate)) {
                fault_context.previous = has_previous ? &previous : nullptr;
                RuleId rule = injectable[random_.Below(injectable.size())];
                if (!InjectFault(rule, fault_context, random_, record)) {
                    rule = RuleId::kDids057;
                    InjectFault(rule, fault_context, random_, record);
                }
                if (faults != nullptr) faults->push_back({line, rule});
            }
            if (options_.xml) {
                uint64_t activity_line = 0;
                const uint64_t lines = AppendXmlRecord(out, record, eol, activity_line);
                if (faults != nullptr && !faults->empty() && faults->back().line == line) {
                    faults->back().line += activity_line;  // findings are on the ImagingActivity's line
                }
                line += lines;
            } else {
                Append(out, record, eol);
                ++line;
            }
            previous = std::move(record);
            has_previous = true;
            if (out.size() >= kFlushBytes) {
                if (auto status = write(out); !status) return status;
                out.clear();
            }
        }
        if (options_.xml) out += XmlFileEnd();
        return write(out);
    }

  private:
    std::string NhsNumber() {
        while (true) {
            std::string nine = fmt::format("999{:06d}", random_.Below(1000000));
            const auto check = core::NhsNumberCheckDigit(nine);
            if (!check) continue;
            std::string number = nine + static_cast<char>('0' + *check);
            if (core::CheckNhsNumber(number) == core::NhsNumberCheck::kValid) return number;
        }
    }

    // From the sample directory (data/samples/onspd.csv), so that records pass DIDS016 when it is loaded.
    std::string Postcode() { return SamplePostcodes()[random_.Below(SamplePostcodes().size())]; }

    std::string Referrer(std::string_view setting) {
        if (random_.Chance(0.02)) return "R9999981";
        if (random_.Chance(0.01)) return "99";
        if (setting == "04") return fmt::format("G{:07d}", random_.Below(10000000));
        if (random_.Chance(0.06)) {
            return fmt::format("{:02d}{}{:04d}{}", random_.Below(100), static_cast<char>('A' + random_.Below(26)),
                               random_.Below(10000), static_cast<char>('A' + random_.Below(26)));
        }
        if (random_.Chance(0.04)) return fmt::format("RA{:06d}", random_.Below(1000000));
        return fmt::format("C{:07d}", random_.Below(10000000));
    }

    // A DID 2.0 timestamp in UK local time: +01:00 in summer time (roughly April to October).
    std::string Timestamp(Date date, int first_hour, int last_hour) {
        const bool summer = (date.Month() > 3 && date.Month() < 10) || (date.Month() == 3 && date.Day() >= 26) ||
                            (date.Month() == 10 && date.Day() < 26);
        return fmt::format("{}T{:02d}:{:02d}:{:02d}{}", date.ToString(), random_.Between(first_hour, last_hour),
                           random_.Between(0, 59), random_.Between(0, 59), summer ? "+01:00" : "Z");
    }

    SynthRecord MakeRecord(uint64_t index) {
        SynthRecord r;
        const int period_days = last_test_day_.DaysSinceEpoch() - first_test_day_.DaysSinceEpoch();
        r.test = first_test_day_.AddDays(static_cast<int>(random_.Below(static_cast<uint64_t>(period_days) + 1)));

        const double ages[] = {kAges[0][2], kAges[1][2], kAges[2][2], kAges[3][2], kAges[4][2], kAges[5][2]};
        const auto& band = kAges[random_.Pick(ages)];
        const int age = random_.Between(static_cast<int>(band[0]), static_cast<int>(band[1]));
        r.birth = r.test.AddMonths(-12 * age).AddDays(-random_.Between(0, 364));
        if (r.birth > r.test) r.birth = r.test;

        const refdata::NicipEntry& exam = mix_.PickExam(random_);
        // Waits are capped so that babies are never requested more than 5 months before birth.
        const int days_alive = r.test.DaysSinceEpoch() - r.birth.DaysSinceEpoch();
        const int wait = std::min(mix_.WaitDays(random_, exam), days_alive + 150);
        r.request = r.test.AddDays(-wait);
        r.received = r.request.AddDays(std::min(wait, random_.Chance(0.7) ? 0 : random_.Between(1, 3)));
        r.report = std::min(r.test.AddDays(mix_.ReportDays(random_, exam)), options_.submitted);
        if (r.report < r.test) r.report = r.test;

        const std::string_view setting = PickWeighted(random_, kSourceSettings);
        Patient patient{};
        if (options_.catchment != nullptr) {
            patient = options_.catchment->Draw(random_);
        } else {
            patient.practice = &gp_practices_[random_.Below(gp_practices_.size())];
            patient.nearby_practice = patient.practice;
        }
        const std::string_view gp = patient.practice != nullptr ? std::string_view(*patient.practice) : "";
        r[Field::kNhsNumber] = random_.Chance(0.99) ? NhsNumber() : "";
        r[Field::kNhsNumberStatus] = r[Field::kNhsNumber].empty() ? "07" : (random_.Chance(0.96) ? "01" : "02");
        r[Field::kBirthDate] = r.birth.ToString();
        r[Field::kEthnicCategory] = PickWeighted(random_, kEthnicCategories);
        r[Field::kGender] = random_.Chance(0.52) ? "2" : (random_.Chance(0.99) ? "1" : "9");
        r[Field::kPostcode] = patient.postcode != nullptr ? *patient.postcode : Postcode();
        r[Field::kGpPractice] = gp;
        r[Field::kSourceSetting] = setting;
        r[Field::kReferrerCode] = Referrer(setting);
        r[Field::kReferringOrg] = setting == "04"   ? std::string_view(*patient.nearby_practice)
                                  : setting == "06" ? std::string_view(options_.other_provider)
                                  : setting == "07" ? "X99999"
                                                    : std::string_view(options_.provider);
        const bool timestamps = random_.Chance(options_.timestamp_rate);
        r[Field::kRequestDate] = timestamps ? Timestamp(r.request, 8, 17) : r.request.ToString();
        r[Field::kRequestReceivedDate] = timestamps ? Timestamp(r.received, 8, 17) : r.received.ToString();
        r[Field::kTestDate] = timestamps ? Timestamp(r.test, 8, 18) : r.test.ToString();
        const double codes = random_.Unit();
        if (codes < 0.85) r[Field::kNicipCode] = exam.code;
        if (codes > 0.25) r[Field::kSnomedCode] = std::to_string(exam.snomed);
        r[Field::kReportIssueDate] = timestamps ? Timestamp(r.report, 9, 20) : r.report.ToString();
        const std::string& site = sites_[random_.Below(sites_.size())];
        r[Field::kSiteCode] = site;
        // RIS accession numbers: some systems pad with a space, most run the year into a sequence.
        const uint64_t accession = options_.first_accession + index;
        r[Field::kAccessionNumber] = accession % 4 == 3
                                         ? fmt::format("{} {:012d}", site, accession)
                                         : fmt::format("{}{}{:010d}", options_.provider, r.test.Year(), accession);
        return r;
    }

    void Append(std::string& out, const SynthRecord& r, std::string_view eol) {
        for (size_t i = 0; i < core::kFieldCount; ++i) {
            if (i > 0) out += ',';
            const std::string& value = r.fields[i];
            if (options_.quote_rate > 0 && !value.empty() && random_.Chance(options_.quote_rate)) {
                out += '"';
                for (char c : value) {
                    if (c == '"') out += '"';
                    out += c;
                }
                out += '"';
            } else {
                core::AppendCsvField(out, value);
            }
        }
        out += eol;
    }

    const GeneratorOptions& options_;
    const refdata::NicipCatalogue& catalogue_;
    ExamMix mix_;
    Random random_;
    std::vector<std::string> sites_;
    std::vector<std::string> gp_practices_;
    Date first_test_day_ = Date::FromPacked(0);
    Date last_test_day_ = Date::FromPacked(0);
};

}  // namespace

core::Status GenerateExtract(const GeneratorOptions& options, const refdata::NicipCatalogue& catalogue,
                             const std::function<core::Status(std::string_view)>& write,
                             std::vector<InjectedFault>* faults) {
    Generator generator(options, catalogue);
    return generator.Run(write, faults);
}

}  // namespace did::synth
