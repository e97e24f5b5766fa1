// A month of the collection set up for command-line tests: a temporary directory with its own
// SQLite database and data directory, the ODS and postcode samples imported, RXX and RYJ
// expected from 2026-01, and october.csv (2,000 records of RXX for 2026-10, 2% with faults).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "integration/process.hpp"

namespace did::testing {

inline const std::string kDid = DID_BINARY;

class CollectionCliTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = did::testing::MakeTempDir("did_collection");
        ASSERT_EQ(Did("refdata samples samples").exit_code, 0);
        for (const char* file : {"epraccur", "etr", "ets", "ephp"}) {
            const auto r = Did(std::string("refdata import-ods samples/") + file + ".csv");
            ASSERT_EQ(r.exit_code, 0) << r.out;
        }
        ASSERT_EQ(Did("refdata import-postcodes samples/onspd.csv").exit_code, 0);
        ASSERT_EQ(Did("expect add --provider RXX --from 2026-01").exit_code, 0);
        ASSERT_EQ(Did("expect add --provider RYJ --from 2026-01").exit_code, 0);
        ASSERT_EQ(Did("generate --rows 2000 --seed 3 --period 2026-10 --submitted 2026-11-05 --error-rate 0.02 "
                      "--out october.csv")
                      .exit_code,
                  0);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // did in the temporary directory, with its own database and data directory.
    did::testing::ProcessResult Did(const std::string& args, const std::string& user = "dm.rxx") const {
        return did::testing::Run(Command(args, user) + " 2>&1");
    }
    // The shell command that runs `did args` there, for a test that redirects its output itself.
    std::string Command(const std::string& args, const std::string& user = "dm.rxx") const {
        return "cd '" + dir_ + "' && DID_USER=" + user + " DID_DATA_DIR='" + dir_ + "/data' DID_DB='sqlite:" + dir_ +
               "/did.sqlite' '" + kDid + "' " + args;
    }
    did::testing::ProcessResult Submit(const std::string& file, const std::string& more = "") const {
        return Did("submit --provider RXX --period 2026-10 " + file + " --submitted 2026-11-05 " + more);
    }
    // The first `lines` lines of october.csv (the header and lines-1 records) as `name`.
    void Head(const std::string& name, int lines) const {
        std::istringstream in(did::testing::ReadText(dir_ + "/october.csv"));
        std::ofstream out(dir_ + "/" + name);
        std::string line;
        for (int i = 0; i < lines && std::getline(in, line); ++i) out << line << "\n";
    }
    static bool Has(const did::testing::ProcessResult& r, const std::string& text) {
        return r.out.find(text) != std::string::npos;
    }
    std::string dir_;
};

}  // namespace did::testing
