// The provider's pages over real HTTP: a `did serve` on a database set up with `did` (the ODS
// samples, RXX expected, two files of RXX for last month, the second with faults, and one of
// RYJ), a submitter and a viewer of RXX and a submitter of RYJ. Each page is checked against
// what the command line says of the same data: counts, rules, findings, feedback, local codes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/period.hpp"
#include "core/with_commas.hpp"
#include "integration/portal_server.hpp"
#include "integration/process.hpp"

namespace did::testing {
namespace {

const std::string kPassword = "correct horse battery staple";

size_t Occurrences(const std::string& text, const std::string& needle) {
    size_t count = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
    return count;
}

bool Has(const std::string& text, const std::string& needle) {
    return text.find(needle) != std::string::npos;
}

// Every value of `attribute` on elements with class `css_class` ("did-finding" rows).
std::vector<std::string> Attributes(const std::string& html, const std::string& css_class,
                                    const std::string& attribute) {
    std::vector<std::string> values;
    const std::regex element("class=\"[^\"]*\\b" + css_class + "\\b[^\"]*\"([^>]*)>");
    const std::regex value(attribute + "=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), element); it != std::sregex_iterator(); ++it) {
        const std::string rest = (*it)[1].str();
        std::smatch match;
        if (std::regex_search(rest, match, value)) values.push_back(match[1].str());
    }
    return values;
}

// The part of `html` from the element with this id to the end of its table (or `end`).
std::string Section(const std::string& html, const std::string& id, const std::string& end = "</table>") {
    const size_t start = html.find("id=\"" + id + "\"");
    if (start == std::string::npos) return {};
    return html.substr(start, html.find(end, start) - start);
}

// The table row that holds `marker`, from it to its end.
std::string Row(const std::string& html, const std::string& marker) {
    const size_t at = html.find(marker);
    if (at == std::string::npos) return {};
    return html.substr(at, html.find("</tr>", at) - at);
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

// The records of a CSV text (quoted cells may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> CsvRecords(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string cell;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            record.push_back(std::move(cell));
            cell.clear();
        } else if (c == '\n') {
            record.push_back(std::move(cell));
            cell.clear();
            records.push_back(std::move(record));
            record.clear();
        } else if (c != '\r') {
            cell += c;
        }
    }
    return records;
}

std::string Amp(std::string url) {
    for (size_t at = url.find('&'); at != std::string::npos; at = url.find('&', at + 5)) url.replace(at, 1, "&amp;");
    return url;
}

class PortalPagesTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = MakeTempDir("did_portal_pages");
        period_ = core::Period::Of(core::Date::Today()).Previous();  // its window is open today
        const std::string month = period_.ToString();
        const std::string today = core::Date::Today().ToString();
        for (const std::string& args :
             {std::string("refdata samples samples"), std::string("refdata import-ods samples/epraccur.csv"),
              std::string("refdata import-ods samples/etr.csv"), std::string("refdata import-ods samples/ets.csv"),
              std::string("refdata import-ods samples/ephp.csv"),
              std::string("refdata import-postcodes samples/onspd.csv"),
              "expect add --provider RXX --from " + period_.Previous().Previous().ToString(),
              "generate --rows 200 --seed 1 --period " + month + " --submitted " + today + " --out good.csv",
              "generate --rows 1500 --seed 2 --period " + month + " --submitted " + today +
                  " --error-rate 0.15 --out faults.csv",
              "generate --rows 50 --seed 3 --provider RYJ --sites RYJ01 --period " + month + " --submitted " + today +
                  " --out ryj.csv",
              "submit --provider RXX --period " + month + " good.csv",
              "submit --provider RXX --period " + month + " faults.csv",
              "submit --provider RYJ --period " + month + " ryj.csv"}) {
            const auto r = Did(args);
            ASSERT_EQ(r.exit_code, 0) << args << "\n" << r.out;
        }
        const auto listed = nlohmann::json::parse(Did("submissions --format json --period " + month).out);
        for (const auto& row : listed) {
            if (row["provider"] == "RYJ") ryj_id_ = row["id"].get<int64_t>();
            if (row["provider"] == "RXX" && row["status"] == "superseded") good_id_ = row["id"].get<int64_t>();
            if (row["provider"] == "RXX" && row["status"] == "current") {
                faults_id_ = row["id"].get<int64_t>();
                faults_ = std::make_unique<nlohmann::json>(row);
            }
        }
        ASSERT_GT(good_id_, 0);
        ASSERT_GT(faults_id_, 0);
        ASSERT_GT(ryj_id_, 0);
        database_url_ = "sqlite:" + dir_ + "/did.sqlite";
        AddUser(database_url_, "sub.rxx", "RXX", "provider_submitter", kPassword);
        AddUser(database_url_, "view.rxx", "RXX", "provider_viewer", kPassword);
        AddUser(database_url_, "sub.ryj", "RYJ", "provider_submitter", kPassword);
        AddUser(database_url_, "analyst", "X26", "analyst", kPassword);
        server_ = std::make_unique<PortalServer>(dir_, database_url_, "--demo");
    }

    static void TearDownTestSuite() {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    void SetUp() override { ASSERT_TRUE(server_ && faults_) << "the suite's setup failed"; }

    static ProcessResult Did(const std::string& args) {
        return did::testing::Run("cd '" + dir_ + "' && DID_USER=dm.central DID_DATA_DIR='" + dir_ +
                                 "/data' DID_DB='sqlite:" + dir_ + "/did.sqlite' '" + DID_BINARY + "' " + args +
                                 " 2>&1");
    }

    static HttpClient SignedIn(const std::string& name) {
        HttpClient client(server_->port());
        EXPECT_TRUE(SignIn(client, name, kPassword)) << name;
        return client;
    }

    static std::string SubmissionPath(int64_t id, const std::string& organisation = "RXX") {
        return "/providers/" + organisation + "/submissions/" + std::to_string(id);
    }

    // The findings of the faulty file as `did findings` prints them (the CSV, header first).
    static std::string FindingsCsv() {
        const auto r = did::testing::Run("DID_USER=dm.central DID_DB='sqlite:" + dir_ + "/did.sqlite' '" + DID_BINARY +
                                         "' findings " + std::to_string(faults_id_));
        EXPECT_EQ(r.exit_code, 0);
        return r.out;
    }

    static int64_t FindingsReads(const std::string& actor) {
        int64_t count = 0;
        for (const auto& entry : nlohmann::json::parse(Did("audit list --format json").out)) {
            if (entry["action"] == "findings.read" && entry["actor"] == actor) ++count;
        }
        return count;
    }

    static std::string Count(const nlohmann::json& value) { return core::WithCommas(value.get<uint64_t>()); }

    inline static std::string dir_;
    inline static std::string database_url_;
    inline static core::Period period_ = *core::Period::Parse("2026-01");
    inline static int64_t good_id_ = 0;
    inline static int64_t faults_id_ = 0;
    inline static int64_t ryj_id_ = 0;
    inline static std::unique_ptr<nlohmann::json> faults_;
    inline static std::unique_ptr<PortalServer> server_;
};

// "October 2026", as the pages name a month.
std::string MonthName(core::Period period) {
    static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
    return std::string(kMonths[period.Month() - 1]) + " " + std::to_string(period.Year());
}

TEST_F(PortalPagesTest, HomeSaysWhatIsDueAndWhereTheOrganisationStands) {
    HttpClient submitter = SignedIn("sub.rxx");
    const HttpResponse home = submitter.Get("/providers/RXX");
    ASSERT_EQ(home.status, 200) << home.body;
    EXPECT_TRUE(Has(home.body, "<h1 id=\"organisation-name\">EXAMPLE HOSPITALS NHS TRUST</h1>")) << home.body;
    EXPECT_EQ(Occurrences(home.body, "<h1"), 1u);

    // Last month: the current file and its counts, on time or late as `did status` says.
    const std::string month = Section(home.body, "month-" + period_.ToString(), "</dl>");
    ASSERT_FALSE(month.empty()) << home.body;
    EXPECT_TRUE(Has(month, MonthName(period_)));
    EXPECT_TRUE(Has(month, "Submission " + std::to_string(faults_id_) + "</a>")) << month;
    EXPECT_TRUE(Has(month, Count((*faults_)["records"]) + " records, " + Count((*faults_)["accepted"]) + " accepted, " +
                               Count((*faults_)["rejected"]) + " rejected"))
        << month;
    const auto status =
        nlohmann::json::parse(Did("status --format json --provider RXX --period " + period_.ToString()).out);
    ASSERT_EQ(status.size(), 1u);
    const std::string state = status[0]["status"];
    EXPECT_TRUE(Has(month, state == "on time" ? ">On time</strong>" : ">Late</strong>")) << state << month;
    const auto timetable = nlohmann::json::parse(
        Did("timetable --format json --from " + period_.ToString() + " --to " + period_.ToString()).out);
    EXPECT_TRUE(Has(month, std::string(timetable[0]["publication_cut_off"]))) << timetable.dump();
    EXPECT_TRUE(Has(month, std::string(timetable[0]["final_deadline"])));

    // The month before: open too, and nothing sent.
    const std::string earlier = Section(home.body, "month-" + period_.Previous().ToString(), "</dl>");
    ASSERT_FALSE(earlier.empty()) << home.body;
    EXPECT_TRUE(Has(earlier, "nhsuk-tag--red\">Not submitted</strong>")) << earlier;
    EXPECT_TRUE(Has(earlier, "None"));

    // Links: each month's submissions, and for a submitter sending a file and API tokens.
    EXPECT_TRUE(Has(home.body, "href=\"/providers/RXX/submissions#month-" + period_.ToString() + "\""));
    EXPECT_TRUE(Has(home.body, "href=\"/providers/RXX/submit\""));
    EXPECT_TRUE(Has(home.body, "href=\"/providers/RXX/api-tokens\""));
    EXPECT_EQ(submitter.Get("/providers/RXX/api-tokens").status, 200);

    HttpClient viewer = SignedIn("view.rxx");
    const HttpResponse seen = viewer.Get("/providers/RXX");
    ASSERT_EQ(seen.status, 200);
    EXPECT_FALSE(Has(seen.body, "href=\"/providers/RXX/api-tokens\""));
    EXPECT_FALSE(Has(seen.body, "nhsuk-action-link"));
    EXPECT_FALSE(Has(seen.body, "href=\"/providers/RXX/submit\""));  // nor in the menu
    EXPECT_TRUE(Has(seen.body, "href=\"/providers/RXX/local-codes\""));
    // `/` sends a provider user to their organisation's home.
    EXPECT_EQ(viewer.Get("/").Header("location"), "/providers/RXX");
    EXPECT_EQ(viewer.Get("/providers/RYJ").status, 404);
}

TEST_F(PortalPagesTest, SubmissionsListTheCurrentFileFirstThenTheOthers) {
    HttpClient viewer = SignedIn("view.rxx");
    const HttpResponse page = viewer.Get("/providers/RXX/submissions");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(Occurrences(page.body, "<h2 id=\"month-"), 13u);
    const std::string month = Section(page.body, "month-" + period_.ToString());
    const auto ids = Attributes(month, "nhsuk-table__row", "data-submission");
    EXPECT_EQ(ids, (std::vector<std::string>{std::to_string(faults_id_), std::to_string(good_id_)}));
    EXPECT_TRUE(Has(month, "nhsuk-tag--green\">Current</strong>"));
    EXPECT_TRUE(Has(month, "nhsuk-tag--grey\">Superseded</strong><br>by <a href=\"" + SubmissionPath(faults_id_)));
    EXPECT_TRUE(Has(month, "faults.csv"));
    EXPECT_TRUE(Has(month, ">" + Count((*faults_)["rejected"]) + "</td>"));
    EXPECT_FALSE(Has(month, "ryj.csv"));  // another organisation's
    EXPECT_TRUE(Has(page.body, "No file sent for " + MonthName(period_.Previous())));
    EXPECT_TRUE(Has(page.body, "Only check the file and compare it with my current file"));
}

TEST_F(PortalPagesTest, ASubmissionShowsItsCountsRulesAndEveryFindingPaged) {
    const auto csv = CsvRecords(FindingsCsv());
    ASSERT_GT(csv.size(), 201u) << "the faulty file should have more than two pages of findings";
    std::map<std::string, int64_t> per_rule;
    std::map<std::string, int64_t> per_field;
    std::vector<std::string> lines;  // each finding's line, in order
    for (size_t i = 1; i < csv.size(); ++i) {
        ASSERT_EQ(csv[i].size(), 8u) << i;
        lines.push_back(csv[i][0]);
        ++per_field[csv[i][3]];
        ++per_rule[csv[i][4]];
    }

    HttpClient submitter = SignedIn("sub.rxx");
    const HttpResponse page = submitter.Get(SubmissionPath(faults_id_));
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(Occurrences(page.body, "<h1"), 1u);
    const std::string counts = Section(page.body, "counts");
    for (const char* key : {"records", "accepted", "rejected", "warned"}) {
        EXPECT_TRUE(Has(counts, ">" + Count((*faults_)[key]) + "</td>")) << key << counts;
    }
    EXPECT_TRUE(Has(page.body, "rejected records are not counted"));  // current, with rejections: fix, resend

    // One row per rule, with its count, in the rule table.
    const std::string rules = Section(page.body, "rules");
    EXPECT_EQ(Attributes(rules, "nhsuk-table__row", "data-rule").size(), per_rule.size());
    for (const auto& [rule, count] : per_rule) {
        const std::string cells = Row(rules, "data-rule=\"" + rule + "\"");
        ASSERT_FALSE(cells.empty()) << rule;
        EXPECT_TRUE(Has(cells, ">" + core::WithCommas(static_cast<uint64_t>(count)) + "</td>")) << rule << cells;
        EXPECT_TRUE(Has(cells, "<li>line ")) << cells;
    }

    // Page 1 holds the first 100 findings, page 2 the next 100.
    EXPECT_EQ(Attributes(page.body, "did-finding", "data-line"),
              std::vector<std::string>(lines.begin(), lines.begin() + 100));
    EXPECT_TRUE(Has(page.body, "href=\"" + SubmissionPath(faults_id_) + "?page=2#findings\""));
    const HttpResponse second = submitter.Get(SubmissionPath(faults_id_) + "?page=2");
    ASSERT_EQ(second.status, 200);
    EXPECT_EQ(Attributes(second.body, "did-finding", "data-line"),
              std::vector<std::string>(lines.begin() + 100, lines.begin() + 200));
    EXPECT_TRUE(Has(second.body, "href=\"" + SubmissionPath(faults_id_) + "#findings\""));  // previous: page 1

    // Filtered by rule: that rule's findings only, and paging keeps the filter.
    std::string busiest;
    for (const auto& [rule, count] : per_rule) {
        if (busiest.empty() || count > per_rule[busiest]) busiest = rule;
    }
    const HttpResponse by_rule = submitter.Get(SubmissionPath(faults_id_) + "?rule=" + busiest);
    ASSERT_EQ(by_rule.status, 200);
    const auto rules_shown = Attributes(by_rule.body, "did-finding", "data-rule");
    EXPECT_EQ(rules_shown.size(), static_cast<size_t>(std::min<int64_t>(per_rule[busiest], 100)));
    for (const auto& shown : rules_shown) EXPECT_EQ(shown, busiest);
    EXPECT_TRUE(Has(by_rule.body, "<option value=\"" + busiest + "\" selected>"));
    if (per_rule[busiest] > 100) {
        EXPECT_TRUE(Has(by_rule.body, Amp(SubmissionPath(faults_id_) + "?rule=" + busiest + "&page=2#findings")));
    }

    // Filtered by field, the select listing only the fields present.
    std::string field;
    for (const auto& [name, count] : per_field) {
        if (!name.empty() && (field.empty() || count > per_field[field])) field = name;
    }
    ASSERT_FALSE(field.empty());
    EXPECT_EQ(Occurrences(Section(page.body, "field", "</select>"), "<option value=\""),
              per_field.size() + 1 - per_field.count(""));  // "every field" and each present
    const HttpResponse by_field = submitter.Get(SubmissionPath(faults_id_) + "?" + UrlEncodeForm({{"field", field}}));
    ASSERT_EQ(by_field.status, 200);
    EXPECT_EQ(Attributes(by_field.body, "did-finding", "data-line").size(),
              static_cast<size_t>(std::min<int64_t>(per_field[field], 100)));
}

TEST_F(PortalPagesTest, TheFindingsCsvIsTheCommandLinesAndItsReadingIsAudited) {
    HttpClient viewer = SignedIn("view.rxx");
    const int64_t before = FindingsReads("view.rxx");
    const HttpResponse csv = viewer.Get(SubmissionPath(faults_id_) + "/findings.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
    EXPECT_TRUE(csv.Header("content-disposition").starts_with("attachment; filename=\"RXX-"))
        << csv.Header("content-disposition");
    const auto lines = Lines(csv.body);
    ASSERT_GT(lines.size(), 200u);
    EXPECT_EQ(lines[0], "line,site_code,accession_number,field,rule,severity,value,message");
    EXPECT_EQ(csv.body, FindingsCsv());  // the same rows `did findings` prints, header and all
    EXPECT_EQ(FindingsReads("view.rxx"), before + 1);
    // The page reads the findings too, and says so in the audit log.
    ASSERT_EQ(viewer.Get(SubmissionPath(faults_id_)).status, 200);
    EXPECT_EQ(FindingsReads("view.rxx"), before + 2);
}

TEST_F(PortalPagesTest, AnotherOrganisationsSubmissionIsNotFound) {
    HttpClient other = SignedIn("sub.ryj");
    const int64_t before = FindingsReads("sub.ryj");
    EXPECT_EQ(other.Get(SubmissionPath(faults_id_, "RYJ")).status, 404);
    EXPECT_EQ(other.Get(SubmissionPath(faults_id_, "RYJ") + "/findings.csv").status, 404);
    EXPECT_EQ(other.Get(SubmissionPath(faults_id_)).status, 404);  // RXX's pages
    EXPECT_EQ(other.Get("/providers/RYJ/submissions/999999").status, 404);
    EXPECT_EQ(other.Get("/providers/RYJ/submissions/abc").status, 404);
    EXPECT_EQ(other.Get("/providers/RYJ/submissions/-1").status, 404);
    EXPECT_EQ(FindingsReads("sub.ryj"), before);                       // nothing was read
    EXPECT_EQ(other.Get(SubmissionPath(ryj_id_, "RYJ")).status, 200);  // its own

    HttpClient submitter = SignedIn("sub.rxx");
    EXPECT_EQ(submitter.Get(SubmissionPath(ryj_id_)).status, 404);
    const HttpResponse page = submitter.Get(SubmissionPath(faults_id_));
    EXPECT_EQ(submitter
                  .PostForm(SubmissionPath(ryj_id_) + "/feedback",
                            {{"csrf", FormValue(page.body, "csrf")}, {"prep_minutes", "5"}})
                  .status,
              404);
}

TEST_F(PortalPagesTest, FeedbackIsStoredWithTheFileAndDidFeedbackListsIt) {
    HttpClient submitter = SignedIn("sub.rxx");
    const HttpResponse page = submitter.Get(SubmissionPath(good_id_));
    ASSERT_EQ(page.status, 200);
    EXPECT_TRUE(Has(page.body, "A later file replaced this one"));  // superseded: nothing to do
    const std::string csrf = FormValue(page.body, "csrf");
    ASSERT_FALSE(csrf.empty());
    const std::string url = SubmissionPath(good_id_) + "/feedback";

    // Not a number: the form again, the field marked; nothing stored.
    const HttpResponse wrong = submitter.PostForm(url, {{"csrf", csrf}, {"prep_minutes", "an afternoon"}});
    EXPECT_EQ(wrong.status, 400);
    EXPECT_TRUE(Has(wrong.body, "nhsuk-error-summary"));
    EXPECT_TRUE(Has(wrong.body, "<a href=\"#prep_minutes\">"));
    EXPECT_TRUE(Has(wrong.body, "nhsuk-input--error"));
    EXPECT_TRUE(Has(wrong.body, "value=\"an afternoon\""));
    EXPECT_EQ(submitter.PostForm(url, {{"prep_minutes", "75"}}).status, 403);  // no CSRF token

    const HttpResponse sent =
        submitter.PostForm(url, {{"csrf", csrf}, {"prep_minutes", "75"}, {"comment", "Two of us, an afternoon"}});
    ASSERT_EQ(sent.status, 303) << sent.body;
    EXPECT_EQ(sent.Header("location"), SubmissionPath(good_id_) + "?feedback=saved#feedback");
    const HttpResponse after = submitter.Get(SubmissionPath(good_id_) + "?feedback=saved");
    EXPECT_TRUE(Has(after.body, "Thank you: your feedback is saved"));
    EXPECT_TRUE(Has(after.body, "the extract took 75 minutes to prepare"));

    const auto feedback = nlohmann::json::parse(Did("feedback --format json --period " + period_.ToString()).out);
    bool found = false;
    for (const auto& entry : feedback) {
        if (entry["submission"] == good_id_) {
            found = true;
            EXPECT_EQ(entry["minutes"], 75);
            EXPECT_EQ(entry["comment"], "Two of us, an afternoon");
        }
    }
    EXPECT_TRUE(found) << feedback.dump();
    bool audited = false;
    for (const auto& entry : nlohmann::json::parse(Did("audit list --format json").out)) {
        audited |= entry["action"] == "feedback.recorded" && entry["actor"] == "sub.rxx";
    }
    EXPECT_TRUE(audited);
}

TEST_F(PortalPagesTest, AViewerReadsButChangesNothing) {
    HttpClient viewer = SignedIn("view.rxx");
    const HttpResponse page = viewer.Get(SubmissionPath(faults_id_));
    ASSERT_EQ(page.status, 200);
    EXPECT_FALSE(Has(page.body, "name=\"prep_minutes\""));
    const std::string csrf = FormValue(page.body, "csrf");  // the sign-out form's
    ASSERT_FALSE(csrf.empty());
    EXPECT_EQ(
        viewer.PostForm(SubmissionPath(faults_id_) + "/feedback", {{"csrf", csrf}, {"prep_minutes", "10"}}).status,
        403);
    const HttpResponse codes = viewer.Get("/providers/RXX/local-codes");
    ASSERT_EQ(codes.status, 200);
    EXPECT_FALSE(Has(codes.body, "name=\"local_code\""));
    EXPECT_EQ(
        viewer
            .PostForm("/providers/RXX/local-codes", {{"csrf", csrf}, {"local_code", "VIEW1"}, {"nicip_code", "XCHES"}})
            .status,
        403);
    EXPECT_FALSE(Has(Did("local-codes --format json").out, "VIEW1"));
    EXPECT_FALSE(Has(Did("feedback --format json --period " + period_.ToString()).out, "\"minutes\":10"));
}

TEST_F(PortalPagesTest, ALocalCodeIsNotifiedOrItsProblemShown) {
    HttpClient submitter = SignedIn("sub.rxx");
    const HttpResponse page = submitter.Get("/providers/RXX/local-codes");
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(Occurrences(page.body, "<h1"), 1u);
    EXPECT_FALSE(Has(page.body, "nhsuk-error-summary"));
    const std::string csrf = FormValue(page.body, "csrf");

    const HttpResponse unknown = submitter.PostForm(
        "/providers/RXX/local-codes", {{"csrf", csrf}, {"local_code", "RXCHX9"}, {"nicip_code", "NOPE99"}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_TRUE(Has(unknown.body, "nhsuk-error-summary"));
    EXPECT_TRUE(Has(unknown.body, "NOPE99 is not in the NICIP catalogue"));
    EXPECT_TRUE(Has(unknown.body, "<a href=\"#nicip_code\">"));
    EXPECT_TRUE(Has(unknown.body, "id=\"nicip_code-error\""));
    EXPECT_TRUE(Has(unknown.body, "value=\"RXCHX9\""));  // what was typed stays

    const HttpResponse sent = submitter.PostForm("/providers/RXX/local-codes",
                                                 {{"csrf", csrf}, {"local_code", "RXCHX9"}, {"nicip_code", "XCHES"}});
    ASSERT_EQ(sent.status, 303) << sent.body;
    const HttpResponse after = submitter.Get(sent.Header("location"));
    EXPECT_TRUE(Has(after.body, "Local code RXCHX9 notified"));
    const std::string row = Section(after.body, "local-codes");
    EXPECT_TRUE(Has(row, "data-code=\"RXCHX9\""));
    EXPECT_TRUE(Has(row, "XCHES"));
    EXPECT_TRUE(Has(row, "Notified: awaiting a decision"));
    const auto listed = nlohmann::json::parse(Did("local-codes --format json --provider RXX").out);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["local_code"], "RXCHX9");
    EXPECT_EQ(listed[0]["nicip"], "XCHES");
    EXPECT_EQ(listed[0]["notified_by"], "sub.rxx");

    // Refused centrally: the page says so, with the reason.
    ASSERT_EQ(Did("local-codes refuse --provider RXX --code RXCHX9 --reason 'use XCHES itself'").exit_code, 0);
    const HttpResponse refused = submitter.Get("/providers/RXX/local-codes");
    EXPECT_TRUE(Has(refused.body, "nhsuk-tag--red\">Refused</strong><br>Reason: use XCHES itself"));
}

TEST_F(PortalPagesTest, TheTimetableIsForEverySignedInUser) {
    HttpClient analyst = SignedIn("analyst");
    const HttpResponse page = analyst.Get("/timetable");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_TRUE(Has(page.body, "The rule: the window opens the 1st of the following month"));
    EXPECT_EQ(Attributes(page.body, "nhsuk-table__row", "data-period").size(), 13u);
    const std::string last = Row(page.body, "data-period=\"" + period_.ToString() + "\"");
    EXPECT_TRUE(Has(last, ">Open</strong>")) << last;
    EXPECT_TRUE(Has(last, ">The rule</td>")) << last;
    const std::string current = Row(page.body, "data-period=\"" + period_.Next().ToString() + "\"");
    EXPECT_TRUE(Has(current, ">Not open yet</strong>")) << current;
    EXPECT_EQ(analyst.Get("/providers/RXX").status, 403);  // a provider's pages are not an analyst's

    HttpClient nobody(server_->port());
    const HttpResponse signed_out = nobody.Get("/timetable");
    EXPECT_EQ(signed_out.status, 303);
    EXPECT_EQ(signed_out.Header("location"), "/sign-in");
}

// Text as the browser reads it from the page's escaped HTML.
std::string Unescaped(std::string text) {
    for (const auto& [entity, character] : std::vector<std::pair<std::string, std::string>>{
             {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}}) {
        for (size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + character.size())) {
            text.replace(at, entity.size(), character);
        }
    }
    return text;
}

// The statistics page's table: each row's cells, as shown.
std::vector<std::vector<std::string>> StatisticsRows(const std::string& html) {
    std::vector<std::vector<std::string>> rows;
    const std::string table = Section(html, "statistics");
    const std::regex row("<tr class=\"nhsuk-table__row[^\"]*\">(.*?)</tr>");
    const std::regex cell("<td[^>]*>([^<]*)</td>");
    for (auto r = std::sregex_iterator(table.begin(), table.end(), row); r != std::sregex_iterator(); ++r) {
        const std::string cells = (*r)[1].str();
        std::vector<std::string> values;
        for (auto c = std::sregex_iterator(cells.begin(), cells.end(), cell); c != std::sregex_iterator(); ++c) {
            values.push_back(Unescaped((*c)[1].str()));
        }
        rows.push_back(values);
    }
    return rows;
}

// The statistics pages build each table as `did report` does and write it with its writers: the
// page's table, its downloads and the chart's figures are the command line's, rounded and
// suppressed; the central team's notes on data issues are among its notes.
TEST_F(PortalPagesTest, StatisticsPagesShowTheCommandLinesTablesWithAChartOfEngland) {
    const std::string month = period_.ToString();
    ASSERT_EQ(Did("data-issues add --provider RYJ --from " + month + " --note 'ultrasound sent late'").exit_code, 0);
    HttpClient analyst = SignedIn("analyst");
    const HttpResponse index = analyst.Get("/statistics");
    ASSERT_EQ(index.status, 200) << index.body;
    for (const std::string name : {"table1", "table9", "table12", "table13"}) {
        EXPECT_TRUE(Has(index.body, "href=\"/statistics/" + name + "?period=")) << name;
    }
    for (const std::string name : {"table1", "table4", "table9", "table11", "table13"}) {
        const std::string query = "?period=" + month;
        const HttpResponse page = analyst.Get("/statistics/" + name + query);
        ASSERT_EQ(page.status, 200) << name << page.body.substr(0, 500);
        EXPECT_EQ(page.Header("cache-control"), "no-store");
        const auto json = nlohmann::json::parse(Did("report " + name + " --period " + month + " --format json").out);
        // The table: every row's headings and figures, as the command line shows them.
        std::vector<std::vector<std::string>> expected;
        for (const auto& row : json["rows"]) {
            std::vector<std::string> cells = row["headings"].get<std::vector<std::string>>();
            for (const auto& value : row["values"]) cells.push_back(value.get<std::string>());
            expected.push_back(cells);
        }
        ASSERT_FALSE(expected.empty()) << name;
        EXPECT_EQ(StatisticsRows(page.body), expected) << name;
        EXPECT_TRUE(Has(Unescaped(page.body), json["title"].get<std::string>())) << name;
        const std::string notes = Unescaped(Section(page.body, "notes", "</ul>"));
        EXPECT_TRUE(Has(notes, ": ultrasound sent late")) << name << notes;
        // The chart: England's rows, the figures as shown; suppressed ones left out (null).
        std::smatch match;
        ASSERT_TRUE(std::regex_search(page.body, match, std::regex("data-chart=\"([^\"]*)\""))) << name;
        const auto chart = nlohmann::json::parse(Unescaped(match[1].str()));
        ASSERT_FALSE(chart["datasets"].empty()) << name;
        if (name == "table1") {
            EXPECT_EQ(chart["type"], "line");
            ASSERT_EQ(chart["labels"].size(), 13u);
            ASSERT_EQ(chart["datasets"].size(), 9u);  // England's nine modalities
            for (size_t d = 0; d < 9; ++d) {
                EXPECT_EQ(chart["datasets"][d]["label"], json["rows"][d]["headings"][3]);
                for (size_t m = 0; m < 13; ++m) {
                    const std::string shown = json["rows"][d]["values"][m];
                    const auto& plotted = chart["datasets"][d]["data"][m];
                    if (shown == "*") {
                        EXPECT_TRUE(plotted.is_null());
                    } else {
                        EXPECT_EQ(plotted.get<double>(), std::stod(shown)) << d << " " << m;
                    }
                }
            }
        } else {
            EXPECT_EQ(chart["type"], name == "table4" ? "line" : "bar") << name;  // table 4 is by month too
        }
        // The downloads: the command line's files, byte for byte.
        for (const std::string format : {"csv", "json"}) {
            const HttpResponse file = analyst.Get("/statistics/" + name + "/download" + query + "&format=" + format);
            ASSERT_EQ(file.status, 200) << name << " " << format;
            EXPECT_EQ(file.body, Did("report " + name + " --period " + month + " --format " + format).out)
                << name << " " << format;
            EXPECT_TRUE(Has(file.Header("content-disposition"), "attachment; filename=\"" + name + "-"));
        }
    }
    const HttpResponse workbook = analyst.Get("/statistics/table1/download?format=xlsx&period=" + month);
    ASSERT_EQ(workbook.status, 200);
    EXPECT_EQ(workbook.body.substr(0, 2), "PK");  // a zip, as every .xlsx is
    EXPECT_EQ(workbook.Header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    // A financial year; the default (the 13 months to last month); what cannot be answered.
    const int start = period_.Month() >= 4 ? period_.Year() : period_.Year() - 1;
    const std::string year = std::to_string(start) + "-" + std::to_string(start + 1).substr(2);
    const HttpResponse by_year = analyst.Get("/statistics/table2?year=" + year);
    ASSERT_EQ(by_year.status, 200);
    EXPECT_TRUE(Has(by_year.body, ">Year</th>"));
    EXPECT_EQ(analyst.Get("/statistics/table3").status, 200);
    const HttpResponse bad_year = analyst.Get("/statistics/table1?year=2025-27");
    EXPECT_EQ(bad_year.status, 400);
    EXPECT_TRUE(Has(bad_year.body, "is not a financial year")) << bad_year.body;
    EXPECT_EQ(analyst.Get("/statistics/table1/download?format=pdf&period=" + month).status, 400);
    EXPECT_EQ(analyst.Get("/statistics/table99").status, 404);
    // A provider's users read the published months only: last month's cut-off is still to come.
    for (const std::string user : {"sub.rxx", "view.rxx"}) {
        HttpClient client = SignedIn(user);
        const HttpResponse early = client.Get("/statistics/table1?period=" + month);
        EXPECT_EQ(early.status, 403) << user;
        EXPECT_TRUE(Has(early.body, month + " is not published yet")) << early.body;
        EXPECT_EQ(client.Get("/statistics/table1/download?format=csv&period=" + month).status, 403) << user;
        const HttpResponse published = client.Get("/statistics/table1");
        ASSERT_EQ(published.status, 200) << user;
        const std::string earlier = period_.Previous().ToString();
        EXPECT_TRUE(Has(published.body, ">" + earlier + "</th>")) << user;  // the latest published month
        EXPECT_FALSE(Has(published.body, ">" + month + "</th>")) << user;
        EXPECT_TRUE(Has(client.Get("/statistics").body, "?period=" + earlier + "\"")) << user;
    }
    HttpClient nobody(server_->port());
    EXPECT_EQ(nobody.Get("/statistics/table1").status, 303);
    EXPECT_EQ(nobody.Get("/statistics/table1/download?format=csv").status, 303);
}

// What the accessibility check needs of every page: one h1, a caption for every table and a
// scope for every header cell, a label for every input, and no empty error summary.
TEST_F(PortalPagesTest, EveryPageHasOneHeadingCaptionedTablesAndLabelledFields) {
    HttpClient submitter = SignedIn("sub.rxx");
    for (const std::string& path :
         {std::string("/providers/RXX"), std::string("/providers/RXX/submissions"), SubmissionPath(faults_id_),
          SubmissionPath(good_id_), std::string("/providers/RXX/local-codes"), std::string("/timetable"),
          std::string("/providers/RXX/api-tokens"), std::string("/statistics"), std::string("/statistics/table1")}) {
        const HttpResponse page = submitter.Get(path);
        ASSERT_EQ(page.status, 200) << path;
        EXPECT_EQ(Occurrences(page.body, "<h1"), 1u) << path;
        EXPECT_EQ(Occurrences(page.body, "<table"), Occurrences(page.body, "<caption")) << path;
        EXPECT_EQ(Occurrences(page.body, "<th "), Occurrences(page.body, "<th scope=\"col\"")) << path;
        EXPECT_FALSE(Has(page.body, "nhsuk-error-summary")) << path;
        const std::regex field("<(input|select|textarea)[^>]*\\bid=\"([^\"]+)\"");
        for (auto it = std::sregex_iterator(page.body.begin(), page.body.end(), field); it != std::sregex_iterator();
             ++it) {
            const std::string tag = (*it)[0].str();
            if (Has(tag, "type=\"hidden\"")) continue;
            EXPECT_TRUE(Has(page.body, "for=\"" + (*it)[2].str() + "\"")) << path << ": " << tag;
        }
    }
    HttpClient nobody(server_->port());
    EXPECT_FALSE(Has(nobody.Get("/sign-in").body, "nhsuk-error-summary"));
}

// A file far smaller than the current one is held back: the page shows both counts side by
// side and a form that sends the file again confirmed.
TEST_F(PortalPagesTest, AFileFarSmallerThanTheCurrentIsHeldBackWithAFormToConfirmIt) {
    const std::string month = period_.ToString();
    ASSERT_EQ(Did("generate --rows 5 --seed 9 --provider RYJ --sites RYJ01 --error-rate 0 --period " + month +
                  " --submitted " + core::Date::Today().ToString() + " --out ryj-small.csv")
                  .exit_code,
              0);
    const std::string small = ReadText(dir_ + "/ryj-small.csv");
    int64_t current_accepted = 0;
    for (const auto& row : nlohmann::json::parse(Did("submissions --format json --period " + month).out)) {
        if (row["provider"] == "RYJ" && row["status"] == "current") current_accepted = row["accepted"].get<int64_t>();
    }
    ASSERT_GT(current_accepted, 5);

    HttpClient client = SignedIn("sub.ryj");
    std::smatch match;
    const std::string form = client.Get("/providers/RYJ/submit").body;
    ASSERT_TRUE(std::regex_search(form, match, std::regex("data-csrf=\"([^\"]+)\"")));
    const std::string csrf = match[1].str();

    const auto held =
        client.Send("POST", "/providers/RYJ/submit?csrf=" + csrf + "&period=" + month + "&file_name=ryj-small.csv",
                    small, {{"Content-Type", "text/csv"}});
    ASSERT_EQ(held.status, 200) << held.body.substr(0, 400);
    EXPECT_TRUE(Has(held.body, "data-result=\"held back\"")) << held.body;
    const std::string counts = Row(held.body.substr(held.body.find("id=\"drop\"")), "<tbody");
    EXPECT_TRUE(Has(counts, Count(nlohmann::json(current_accepted)) + " accepted records")) << counts;
    EXPECT_TRUE(Has(counts, ">5 accepted records")) << counts;
    EXPECT_TRUE(Has(counts, ">" + Count(nlohmann::json(current_accepted - 5)) + "<")) << counts;
    EXPECT_FALSE(Has(held.body, "--confirm-drop"));  // the command line's words, not the page's

    // The confirm form, sent as a browser would: its hidden fields and the file chosen again.
    const std::string confirm = held.body.substr(held.body.find("id=\"confirm-form\""));
    ASSERT_TRUE(Has(confirm, "name=\"confirm_drop\" value=\"on\"")) << confirm;
    ASSERT_TRUE(Has(confirm, "name=\"period\" value=\"" + month + "\"")) << confirm;
    const std::string boundary = "----did-confirm-1";
    std::string body;
    for (const auto& [name, value] : std::map<std::string, std::string>{{"period", month}, {"confirm_drop", "on"}}) {
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }
    body += "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ryj-small.csv\"\r\nContent-Type: "
            "text/csv\r\n\r\n" +
            small + "\r\n--" + boundary + "--\r\n";
    const auto stored = client.Send("POST", "/providers/RYJ/submit?csrf=" + csrf, body,
                                    {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
    EXPECT_EQ(stored.status, 303) << stored.body.substr(0, 400);
    EXPECT_TRUE(stored.Header("location").starts_with("/providers/RYJ/submissions/")) << stored.Header("location");
    for (const auto& row : nlohmann::json::parse(Did("submissions --format json --period " + month).out)) {
        if (row["provider"] == "RYJ" && row["status"] == "current") {
            EXPECT_EQ(row["accepted"], 5);
        }
    }
}

}  // namespace
}  // namespace did::testing
