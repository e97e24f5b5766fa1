#include "validate/record_pass.hpp"

#include <fmt/format.h>

namespace did::validate {

using core::Date;
using core::Field;
using core::OptionalDate;

namespace {

const Date kBirthFloor = *Date::FromYmd(1900, 1, 1);
const Date kRequestFloor = *Date::FromYmd(1970, 1, 1);

}  // namespace

uint32_t RecordValidator::Pass::ParseDate(Field field, RuleId invalid_rule, std::string_view what) {
    const std::string_view text = Get(field);
    if (text.empty()) return 0;
    const uint32_t date = Date::ParsePacked(text);
    if (date == 0) {
        Add(invalid_rule, text,
            fmt::format("{} '{}' is not a valid date (CCYY-MM-DD, or a DID 2.0 timestamp)", what, text));
    }
    return date;
}

void RecordValidator::Pass::CheckDates() {
    const auto birth = OptionalDate::FromPacked(ParseDate(Field::kBirthDate, RuleId::kDids005, "birth date"));
    const auto request = OptionalDate::FromPacked(ParseDate(Field::kRequestDate, RuleId::kDids026, "request date"));
    const auto received =
        OptionalDate::FromPacked(ParseDate(Field::kRequestReceivedDate, RuleId::kDids036, "request received date"));
    if (Get(Field::kTestDate).empty()) {
        Add(RuleId::kDids050, "", "test date is missing: it decides the reporting period");
    }
    const auto test = OptionalDate::FromPacked(ParseDate(Field::kTestDate, RuleId::kDids045, "test date"));
    const auto report =
        OptionalDate::FromPacked(ParseDate(Field::kReportIssueDate, RuleId::kDids061, "report issue date"));
    facts_.birth = birth;
    facts_.request = request;
    facts_.received = received;
    facts_.test = test;
    facts_.report = report;

    const std::string_view b = Get(Field::kBirthDate);
    if (birth) {
        if (test && *birth > *test) {
            Add(RuleId::kDids006, b, fmt::format("birth date {} is after the test date {}", b, Iso(*test)));
        }
        if (report && *birth > *report) {
            Add(RuleId::kDids008, b, fmt::format("birth date {} is after the report issue date {}", b, Iso(*report)));
        }
        if (*birth <= kBirthFloor) {
            Add(RuleId::kDids009, b, fmt::format("birth date {} is on or before 1900-01-01", b));
        }
        if (request && *birth > request->AddMonths(6)) {
            Add(RuleId::kDids010, b,
                fmt::format("birth date {} is more than 6 months after the request date {} (latest {})", b,
                            Iso(*request), Iso(request->AddMonths(6))));
        }
    }
    const std::string_view rq = Get(Field::kRequestDate);
    if (request) {
        if (received && *request > *received) {
            Add(RuleId::kDids027, rq,
                fmt::format("request date {} is after the request received date {}", rq, Iso(*received)));
        }
        if (test && *request < test->AddMonths(-12)) {
            Add(RuleId::kDids028, rq,
                fmt::format("request date {} is more than a year before the test date {}", rq, Iso(*test)));
        }
        if (*request < kRequestFloor) {
            Add(RuleId::kDids031, rq, fmt::format("request date {} is before 1970-01-01", rq));
        }
        if (test && *request > *test) {
            Add(RuleId::kDids034, rq, fmt::format("request date {} is after the test date {}", rq, Iso(*test)));
        }
    }
    const std::string_view rr = Get(Field::kRequestReceivedDate);
    if (received) {
        if (test && *received < test->AddMonths(-12)) {
            Add(RuleId::kDids038, rr,
                fmt::format("request received date {} is more than a year before the test date {}", rr, Iso(*test)));
        }
        if (birth && *received < birth->AddMonths(-6)) {
            Add(RuleId::kDids040, rr,
                fmt::format("request received date {} is more than 6 months before the birth date {}", rr,
                            Iso(*birth)));
        }
        if (*received < kRequestFloor) {
            Add(RuleId::kDids041, rr, fmt::format("request received date {} is before 1970-01-01", rr));
        }
        if (test && *received > *test) {
            Add(RuleId::kDids043, rr,
                fmt::format("request received date {} is after the test date {}", rr, Iso(*test)));
        }
        if (report && *received > *report) {
            Add(RuleId::kDids044, rr,
                fmt::format("request received date {} is after the report issue date {}", rr, Iso(*report)));
        }
    }
    const std::string_view t = Get(Field::kTestDate);
    if (test) {
        if (*test < v_.warn_before_) {
            Add(RuleId::kDids049, t,
                fmt::format("test date {} is more than 3 months before the submission month (before {})", t,
                            Iso(v_.warn_before_)));
        }
        if (*test > context().submitted) {
            Add(RuleId::kDids051, t,
                fmt::format("test date {} is after the submission date {}", t, Iso(context().submitted)));
        }
        if (*test < v_.reject_before_) {
            Add(RuleId::kDids055, t,
                fmt::format("test date {} is more than 6 months before the submission month (before {})", t,
                            Iso(v_.reject_before_)));
        }
        if (context().period && !context().period->Contains(*test)) {
            Add(RuleId::kDidcPeriod, t,
                fmt::format("test date {} is outside the reporting period {}", t, context().period->ToString()));
        }
    }
    const std::string_view r = Get(Field::kReportIssueDate);
    if (report) {
        if (request && *report < *request) {
            Add(RuleId::kDids035, r,
                fmt::format("report issue date {} is before the request date {}", r, Iso(*request)));
        }
        if (test && *report < *test) {
            Add(RuleId::kDids048, r, fmt::format("report issue date {} is before the test date {}", r, Iso(*test)));
        }
        if (test && *report > test->AddMonths(1)) {
            Add(RuleId::kDids062, r,
                fmt::format("report issue date {} is more than a month after the test date {}", r, Iso(*test)));
        }
        if (*report > context().submitted) {
            Add(RuleId::kDids066, r,
                fmt::format("report issue date {} is after the submission date {}", r, Iso(context().submitted)));
        }
    }
}

}  // namespace did::validate
