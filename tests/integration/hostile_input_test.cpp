// The `did` command line on hostile input: control characters in fields, files saved in the
// wrong encoding or with the wrong line ends, and paths that are not regular files.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "integration/process.hpp"

namespace {

using did::testing::ReadText;
using did::testing::WriteText;

const std::string kDid = DID_BINARY;

class HostileInputTest : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = did::testing::MakeTempDir("did_hostile"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string Path(const std::string& name) const { return dir_ + "/" + name; }
    // Runs did with the temporary directory as the data directory, so nothing touches $HOME.
    // `before` is shell run first, in the same directory.
    did::testing::ProcessResult Did(const std::string& args, bool with_stderr = false,
                                    const std::string& before = "") const {
        return did::testing::Run("cd '" + dir_ + "' && " + before + "DID_DATA_DIR='" + dir_ + "/data' '" + kDid + "' " +
                                 args + (with_stderr ? " 2>&1" : " 2>/dev/null"));
    }
    // did as a data manager runs it, with a database of its own; standard error included.
    did::testing::ProcessResult Collection(const std::string& args, const std::string& before = "") const {
        return did::testing::Run("cd '" + dir_ + "' && " + before + "DID_USER=dm.rxx DID_DATA_DIR='" + dir_ +
                                 "/data' DID_DB='sqlite:" + dir_ + "/did.sqlite' '" + kDid + "' " + args + " 2>&1");
    }
    did::testing::ProcessResult Submit(const std::string& path) const {
        return Collection("submit --provider RXX --period 2026-10 " + path + " --submitted 2026-11-05");
    }
    // A clean extract of `rows` records for 2026-10, as extract.csv.
    void Generate(int rows) const {
        ASSERT_EQ(Did("generate --rows " + std::to_string(rows) +
                      " --seed 4 --period 2026-10 --submitted 2026-11-05 --out extract.csv")
                      .exit_code,
                  0);
    }
    std::string dir_;
};

constexpr const char* kPeriod = " --period 2026-10 --submitted 2026-11-05";

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    for (size_t start = 0, end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        lines.push_back(text.substr(start, end - start));
    }
    return lines;
}

TEST_F(HostileInputTest, ANulInAFieldIsAFindingShownVisiblyInEveryReport) {
    Generate(20);
    std::vector<std::string> lines = Lines(ReadText(Path("extract.csv")));
    ASSERT_EQ(lines.size(), 21u);
    lines[3].insert(3, 1, '\0');                          // line 4: in the NHS number
    lines[6].insert(lines[6].rfind(',') - 2, 1, '\x1b');  // line 7: in the site code
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    WriteText(Path("nul.csv"), text);

    auto r = Did(std::string("validate nul.csv --format json --findings findings.csv") + kPeriod);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    const auto report = nlohmann::json::parse(r.out);
    EXPECT_EQ(report["records"]["rejected"], 2);
    EXPECT_EQ(report["records"]["accepted"], 18);
    std::vector<std::pair<int, std::string>> control;
    for (const auto& f : report["findings"]) {
        if (f["rule"] == "DIDC-CONTROL") control.emplace_back(f["line"].get<int>(), f["message"].get<std::string>());
    }
    ASSERT_EQ(control.size(), 2u);
    EXPECT_EQ(control[0].first, 4);
    EXPECT_NE(control[0].second.find("NHS NUMBER holds a control character, NUL (U+0000), at character 4"),
              std::string::npos)
        << control[0].second;
    EXPECT_EQ(control[1].first, 7);
    EXPECT_NE(control[1].second.find("SITE CODE (OF IMAGING) holds a control character, ESC (U+001B)"),
              std::string::npos)
        << control[1].second;
    // No report carries the raw bytes.
    const std::string csv = ReadText(Path("findings.csv"));
    EXPECT_NE(csv.find("<NUL>"), std::string::npos);
    EXPECT_EQ(csv.find('\0'), std::string::npos);
    EXPECT_EQ(csv.find('\x1b'), std::string::npos);
    r = Did(std::string("validate nul.csv") + kPeriod);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("DIDC-CONTROL"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find('\0'), std::string::npos);
}

TEST_F(HostileInputTest, Utf16FilesAreNamedWithHowToConvertThem) {
    Generate(200);
    for (const auto& [encoding, endian] : {std::pair{"UTF-16", "little-endian"}, std::pair{"UTF-16LE", "little-endian"},
                                           std::pair{"UTF-16BE", "big-endian"}}) {
        const std::string name = std::string(encoding) + ".csv";
        ASSERT_EQ(did::testing::Run("cd '" + dir_ + "' && iconv -f UTF-8 -t " + encoding + " extract.csv > " + name)
                      .exit_code,
                  0);
        auto r = Did("validate " + name + " --format json" + kPeriod);
        EXPECT_EQ(r.exit_code, 1) << encoding;
        const auto report = nlohmann::json::parse(r.out);
        ASSERT_EQ(report["file_errors"].size(), 1u) << r.out;
        EXPECT_EQ(report["file_errors"][0]["rule"], "DIDC-ENCODING");
        EXPECT_EQ(report["file_errors"][0]["line"], 1);
        EXPECT_EQ(report["records"]["total"], 0);
        const std::string message = report["file_errors"][0]["message"];
        EXPECT_NE(message.find(std::string("the file is UTF-16 (") + endian + "), not UTF-8"), std::string::npos)
            << message;
        EXPECT_NE(message.find("'CSV UTF-8 (Comma delimited)'"), std::string::npos) << message;
        // The conversion the message gives works.
        const std::string from = message.substr(message.find("iconv -f ") + 9, 8);
        ASSERT_EQ(
            did::testing::Run("cd '" + dir_ + "' && iconv -f " + from + " -t UTF-8 " + name + " > back.csv").exit_code,
            0);
        EXPECT_EQ(Did("validate back.csv" + std::string(kPeriod)).exit_code, 0) << from;
        r = Did("validate " + name + kPeriod);
        EXPECT_EQ(r.exit_code, 1);
        EXPECT_NE(r.out.find("FILE REJECTED"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("the file is UTF-16"), std::string::npos) << r.out;
    }
}

TEST_F(HostileInputTest, MacLineEndsAreNamedWithHowToConvertThem) {
    Generate(200);
    ASSERT_EQ(did::testing::Run("cd '" + dir_ + "' && tr '\\n' '\\r' < extract.csv > mac.csv").exit_code, 0);
    ASSERT_EQ(ReadText(Path("mac.csv")).find('\n'), std::string::npos);
    auto r = Did(std::string("validate mac.csv --format json") + kPeriod);
    EXPECT_EQ(r.exit_code, 1);
    const auto report = nlohmann::json::parse(r.out);
    ASSERT_EQ(report["file_errors"].size(), 1u) << r.out;
    EXPECT_EQ(report["file_errors"][0]["rule"], "DIDS075");
    EXPECT_EQ(report["file_errors"][0]["line"], 1);
    const std::string message = report["file_errors"][0]["message"];
    EXPECT_NE(message.find("lines end with a carriage return (CR) only, as Excel's 'CSV (Macintosh)' writes them"),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("tr '\\r' '\\n'"), std::string::npos) << message;
    r = Did(std::string("validate mac.csv") + kPeriod);
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.out.find("carriage return (CR) only"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("the header row has"), std::string::npos) << r.out;  // as it said before: 3,418 columns
    // The conversion the message gives works.
    ASSERT_EQ(did::testing::Run("cd '" + dir_ + "' && tr '\\r' '\\n' < mac.csv > back.csv").exit_code, 0);
    EXPECT_EQ(Did("validate back.csv" + std::string(kPeriod)).exit_code, 0);
}

TEST_F(HostileInputTest, ANamedPipeIsReadOnceAProgramWritesToIt) {
    Generate(300);
    ASSERT_EQ(did::testing::Run("cd '" + dir_ + "' && mkfifo pipe").exit_code, 0);
    ASSERT_EQ(Collection("expect add --provider RXX --from 2026-01").exit_code, 0);
    // The writer is started first and waits for a reader; `timeout` ends it should none come.
    // Its output goes elsewhere, or the test would wait for it as for did.
    const std::string writer = "(timeout 60 sh -c 'cat extract.csv > pipe' >/dev/null 2>&1 &) && ";
    auto r = Did("validate pipe --format json" + std::string(kPeriod), false, writer);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out)["records"]["accepted"], 300);
    r = Collection("submit --provider RXX --period 2026-10 pipe --submitted 2026-11-05", writer);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find("Stored as submission 1: 300 records accepted"), std::string::npos) << r.out;
}

TEST_F(HostileInputTest, DirectoriesAndDevicesAreRefusedBeforeAnythingIsRead) {
    std::filesystem::create_directories(Path("folder"));
    for (const std::string path : {"folder", "/dev/zero"}) {
        const std::string what = path == "folder" ? "it is a directory, not a file" : "it is a device, not a file";
        auto r = Did("validate " + path + kPeriod, true);
        EXPECT_EQ(r.exit_code, 2) << r.out;
        EXPECT_NE(r.out.find("cannot read " + path + ": " + what), std::string::npos) << r.out;
        // `did submit` would have spooled /dev/zero up to the size limit before finding out.
        r = Submit(path);
        EXPECT_NE(r.exit_code, 0) << r.out;
        EXPECT_NE(r.out.find("cannot read " + path + ": " + what), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("Nothing was stored"), std::string::npos) << r.out;
    }
    const auto r = Did("validate - < /dev/zero", true);
    EXPECT_EQ(r.exit_code, 2) << r.out;
    EXPECT_NE(r.out.find("cannot read standard input: it is a device, not a file"), std::string::npos) << r.out;
}

}  // namespace
