// XML submissions from the command line and over the API: the same records as CSV and as XML
// give the same findings, counts and stored records; hostile XML is refused as a whole file,
// at once, with nothing stored; an XML body PUT to the submission API is stored like a CSV one.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <vector>

#include "integration/collection_fixture.hpp"
#include "integration/portal_server.hpp"
#include "integration/process.hpp"

namespace did::testing {
namespace {

class XmlSubmissionTest : public CollectionCliTest {
  protected:
    void SetUp() override {
        CollectionCliTest::SetUp();
        // The same records as october.csv (the fixture's), as XML.
        ASSERT_EQ(Did("generate --rows 2000 --seed 3 --period 2026-10 --submitted 2026-11-05 --error-rate 0.02 "
                      "--format xml --out october.xml")
                      .exit_code,
                  0);
    }

    void Write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
    }

    nlohmann::json ValidateJson(const std::string& file) const {
        const auto r = did::testing::Run(Command("validate " + file +
                                                 " --provider RXX --period 2026-10 --submitted "
                                                 "2026-11-05 --db sqlite:" +
                                                 dir_ + "/did.sqlite --format json"));
        EXPECT_LE(r.exit_code, 1) << r.out;
        return nlohmann::json::parse(r.out);
    }

    // The stored records of a submission, every column but the line, in file order.
    std::string StoredRecords(int64_t submission) const {
        const auto r = did::testing::Run(
            "sqlite3 '" + dir_ +
            "/did.sqlite' \"SELECT nhs_number, nhs_number_status, birth_date, ethnic_category, gender, postcode, "
            "gp_practice, source_setting, referrer_code, referring_org, request_date, request_received_date, "
            "test_date, nicip_code, snomed_code, report_issue_date, site_code, accession_number, local_code, excluded "
            "FROM records WHERE submission_id = " +
            std::to_string(submission) + " ORDER BY id\"");
        EXPECT_EQ(r.exit_code, 0) << r.out;
        return r.out;
    }
};

// What a finding is, its line aside: rule, field, value.
std::vector<std::string> WithoutLines(const nlohmann::json& findings) {
    std::vector<std::string> out;
    for (const auto& f : findings) {
        out.push_back(f["rule"].get<std::string>() + "|" + f["field"].get<std::string>() + "|" +
                      f["value"].get<std::string>());
    }
    return out;
}

TEST_F(XmlSubmissionTest, TheSameRecordsAsCsvAndAsXmlGiveTheSameFindingsCountsAndStoredRecords) {
    const auto csv = ValidateJson("october.csv");
    const auto xml = ValidateJson("october.xml");
    EXPECT_EQ(xml["records"], csv["records"]);
    EXPECT_GT(csv["records"]["rejected"].get<int>(), 0);
    EXPECT_EQ(WithoutLines(xml["findings"]), WithoutLines(csv["findings"]));
    EXPECT_EQ(xml["findings"].size(), csv["findings"].size());
    EXPECT_EQ(xml["file_errors"].size(), 0u);
    // The lines are the ImagingActivity's: each DIDSRecord of the generated file starts with it
    // 17 lines further on.
    ASSERT_GT(xml["findings"].size(), 0u);
    const std::string xml_text = ReadText(dir_ + "/october.xml");
    size_t at = 0;
    for (uint64_t line = 1; line < xml["findings"][0]["line"].get<uint64_t>(); ++line) at = xml_text.find('\n', at) + 1;
    EXPECT_EQ(xml_text.substr(at, 19), "  <ImagingActivity>");

    auto stored_csv = Submit("october.csv", "--format json");
    ASSERT_EQ(stored_csv.exit_code, 0) << stored_csv.out;
    auto stored_xml = Submit("october.xml", "--format json");
    ASSERT_EQ(stored_xml.exit_code, 0) << stored_xml.out;
    const auto first = nlohmann::json::parse(stored_csv.out);
    const auto second = nlohmann::json::parse(stored_xml.out);
    EXPECT_EQ(second["result"], "stored") << stored_xml.out;
    EXPECT_EQ(second["report"]["records"], first["report"]["records"]);
    EXPECT_EQ(WithoutLines(second["report"]["findings"]), WithoutLines(first["report"]["findings"]));
    const int64_t first_id = first["submission"].get<int64_t>();
    const int64_t second_id = second["submission"].get<int64_t>();
    EXPECT_NE(first_id, second_id);
    const std::string records = StoredRecords(first_id);
    EXPECT_GT(records.size(), 1000u);
    EXPECT_EQ(StoredRecords(second_id), records);
}

TEST_F(XmlSubmissionTest, HostileXmlIsRefusedAsAWholeFileWithNothingStored) {
    std::string laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE DIDS [\n <!ENTITY a \"aaaaaaaaaa\">\n";
    for (char c = 'b'; c <= 'j'; ++c) {
        std::string refs;
        for (int i = 0; i < 10; ++i) refs += std::string("&") + static_cast<char>(c - 1) + ";";
        laughs += std::string(" <!ENTITY ") + c + " \"" + refs + "\">\n";
    }
    Write("laughs.xml", laughs + "]>\n<DIDS><DIDSRecord><PersonalAndDemographics><NHSNumber>&j;</NHSNumber>");
    Write("entity.xml", "<!DOCTYPE DIDS [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<DIDS>&x;</DIDS>\n");
    const std::string good = ReadText(dir_ + "/october.xml");
    Write("cut.xml", good.substr(0, good.size() / 2));
    for (const char* file : {"laughs.xml", "entity.xml", "cut.xml"}) {
        const auto r = Submit(file, "--format json");
        EXPECT_EQ(r.exit_code, 1) << file << "\n" << r.out;
        const auto report = nlohmann::json::parse(r.out);
        EXPECT_EQ(report["result"], "file rejected") << r.out;
        EXPECT_EQ(report["report"]["records"]["total"], 0) << r.out;
        EXPECT_EQ(report["report"]["file_errors"].size(), 1u) << r.out;
    }
    const auto laughs_report = Did("validate laughs.xml --period 2026-10 --submitted 2026-11-05");
    EXPECT_EQ(laughs_report.exit_code, 1);
    EXPECT_TRUE(Has(laughs_report, "DIDS076      line 2: the file has a DOCTYPE (a DTD)")) << laughs_report.out;
    // Nothing was stored from any of them.
    const auto count = did::testing::Run("sqlite3 '" + dir_ + "/did.sqlite' 'SELECT COUNT(*) FROM records'");
    EXPECT_EQ(count.out, "0\n");
}

TEST_F(XmlSubmissionTest, RejectedRecordsAreCopiedFromCsvOnly) {
    const auto r = Did("validate october.xml --period 2026-10 --submitted 2026-11-05 --rejected rejected.csv");
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_TRUE(Has(r, "this file is XML")) << r.out;
}

// The portal's API takes an XML body as it takes a CSV one: the same service::Submit.
TEST(XmlOverHttpTest, AnXmlBodyPutToTheSubmissionApiIsStored) {
    const std::string dir = MakeTempDir("xml_http");
    PortalServer server(dir, "", "--demo");
    const std::string password = "xml submission test passphrase";
    AddUser(server.database_url(), "sam", "RXX", "provider_submitter", password);
    HttpClient client(server.port());
    ASSERT_TRUE(SignIn(client, "sam", password));
    const auto page = client.Get("/providers/RXX/api-tokens");
    const auto made = client.PostForm("/providers/RXX/api-tokens",
                                      {{"csrf", FormValue(page.body, "csrf")}, {"name", "RIS"}, {"days", "2"}});
    std::smatch match;
    const std::string made_body = made.body;
    ASSERT_TRUE(std::regex_search(made_body, match, std::regex("(did_[A-Za-z0-9_-]+)")));
    const std::string token = match[1].str();
    const std::string period = did::testing::Run("date -d \"$(date +%Y-%m-15) -1 month\" +%Y-%m").out.substr(0, 7);
    const std::string file = dir + "/month.xml";
    ASSERT_EQ(did::testing::Run(std::string(DID_BINARY) + " generate --rows 300 --provider RXX --format xml --period " +
                                period + " --out " + file)
                  .exit_code,
              0);
    auto put = [&](const std::string& body) {
        return client.Send("PUT", "/api/v1/submissions/RXX/" + period, body,
                           {{"Authorization", "Bearer " + token}, {"Content-Type", "application/xml"}});
    };
    const auto stored = put(ReadText(file));
    EXPECT_EQ(stored.status, 201) << stored.body.substr(0, 400);
    const auto json = nlohmann::json::parse(stored.body);
    EXPECT_EQ(json["result"], "stored");
    EXPECT_EQ(json["report"]["records"]["total"], 300);
    // A DOCTYPE: the file is rejected, 400, at once.
    const auto refused = put("<!DOCTYPE DIDS [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<DIDS>&x;</DIDS>\n");
    EXPECT_EQ(refused.status, 400) << refused.body.substr(0, 400);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace did::testing
