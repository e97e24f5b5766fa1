// Reliability, on both backends, with the real `did` binary in its own process:
// - killed at random points while submitting (50 times), the database stays consistent and
//   each submission is wholly there or wholly absent;
// - two processes submitting for the same provider and month at once leave exactly one
//   current file, the other superseded, nothing lost.

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>
#include <tuple>

#include "integration/process.hpp"
#include "store/audit_log.hpp"
#include "store/store.hpp"
#include "store/test_databases.hpp"

extern char** environ;

namespace {

using did::store::Backend;

// Starts `did` with `args`; returns its pid.
pid_t Spawn(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    std::string binary = DID_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    if (posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) != 0) pid = -1;
    posix_spawn_file_actions_destroy(&actions);
    return pid;
}

int Wait(pid_t pid) {
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

class ReliabilityTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        database_ = std::make_unique<did::store::TestDatabase>(GetParam());
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
        dir_ = did::testing::MakeTempDir("did_reliability");
        // Writing the samples needs no database.
        ASSERT_EQ(did::testing::Run("'" DID_BINARY "' refdata samples '" + dir_ + "/samples' > /dev/null").exit_code,
                  0);
        for (const char* file : {"epraccur", "etr", "ets", "ephp"}) {
            ASSERT_EQ(Did(std::string("refdata import-ods ") + dir_ + "/samples/" + file + ".csv").exit_code, 0);
        }
        ASSERT_EQ(Did("refdata import-postcodes " + dir_ + "/samples/onspd.csv").exit_code, 0);
    }
    void TearDown() override {
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    did::testing::ProcessResult Did(const std::string& args) const {
        return did::testing::Run("DID_DATA_DIR='" + dir_ + "/data' '" DID_BINARY "' " + args + " --db '" +
                                 database_->url() + "' > /dev/null 2>&1");
    }

    std::vector<std::string> SubmitArgs(const std::string& file) const {
        return {"submit",     "--provider",     "RXX",  "--period",       "2026-10",    file,          "--submitted",
                "2026-11-05", "--confirm-drop", "--db", database_->url(), "--data-dir", dir_ + "/data"};
    }

    std::string Generate(const std::string& name, int rows, int seed) const {
        const std::string path = dir_ + "/" + name;
        EXPECT_EQ(did::testing::Run("'" DID_BINARY "' generate --rows " + std::to_string(rows) + " --seed " +
                                    std::to_string(seed) +
                                    " --period 2026-10 --submitted 2026-11-05 --error-rate 0.01 --out '" + path + "'")
                      .exit_code,
                  0);
        return path;
    }

    // The invariants that must hold whatever happened: no half-stored submission.
    void ExpectConsistent(const std::string& when) {
        auto store = did::store::Store::Open(database_->url());
        ASSERT_TRUE(store) << when << ": " << store.error().message;
        auto& db = (*store)->db();
        auto problems = db.IntegrityCheck();
        ASSERT_TRUE(problems) << when;
        EXPECT_EQ(*problems, "") << when;
        int64_t current = 0;
        std::vector<std::tuple<int64_t, std::string, int64_t>> submissions;  // read first: no nested queries
        auto status = db.Query("SELECT id, status, accepted FROM submissions", {}, [&](const did::store::SqlRow& row) {
            submissions.emplace_back(row.Int(0), row.Text(1), row.Int(2));
            return true;
        });
        ASSERT_TRUE(status) << status.error().message;
        for (const auto& [id, state, accepted] : submissions) {
            EXPECT_TRUE(state == "current" || state == "superseded" || state == "rejected") << when << ": " << state;
            current += state == "current";
            auto records = db.QueryOne("SELECT COUNT(*) FROM records WHERE submission_id = ?", {id});
            ASSERT_TRUE(records) << records.error().message;
            EXPECT_EQ((*records)->Int(0), accepted) << when << ": submission " << id << " is partly stored";
        }
        EXPECT_LE(current, 1) << when;
        auto orphans =
            db.QueryOne("SELECT COUNT(*) FROM records WHERE submission_id NOT IN (SELECT id FROM submissions)");
        EXPECT_EQ((*orphans)->Int(0), 0) << when;
        auto orphan_findings =
            db.QueryOne("SELECT COUNT(*) FROM findings WHERE submission_id NOT IN (SELECT id FROM submissions)");
        EXPECT_EQ((*orphan_findings)->Int(0), 0) << when;
        did::store::AuditLog log(db);
        auto verdict = did::store::VerifyAuditChain(log);
        ASSERT_TRUE(verdict);
        EXPECT_TRUE(verdict->intact) << when;
    }

    std::unique_ptr<did::store::TestDatabase> database_;
    std::string dir_;
};

TEST_P(ReliabilityTest, KilledAtRandomPointsWhileSubmittingNothingIsHalfStored) {
    const std::string base = Generate("base.csv", 30000, 7);
    // How long a whole submission takes here, to spread the kills across it.
    const std::string first = dir_ + "/first.csv";
    std::filesystem::copy_file(base, first);
    const auto start = std::chrono::steady_clock::now();
    ASSERT_EQ(Wait(Spawn(SubmitArgs(first))), 0);
    const auto whole = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
    std::mt19937 random(12345);
    std::uniform_int_distribution<int64_t> delay(0, whole.count() * 11 / 10);
    int killed = 0;
    int finished = 0;
    for (int run = 0; run < 50; ++run) {
        // A different file each time (one extra record), so none is "already received".
        const std::string file = dir_ + "/run.csv";
        std::filesystem::copy_file(base, file, std::filesystem::copy_options::overwrite_existing);
        std::ofstream(file, std::ios::app) << "9990000050,01,1980-05-17,A,1,,,04,G1234567,X99999,2026-10-01,"
                                              "2026-10-02,2026-10-10,XCHES,,2026-10-11,RXX01,EXTRA"
                                           << run << "\n";
        const pid_t pid = Spawn(SubmitArgs(file));
        ASSERT_GT(pid, 0);
        std::this_thread::sleep_for(std::chrono::microseconds(delay(random)));
        ::kill(pid, SIGKILL);
        const int code = Wait(pid);
        code == -SIGKILL ? ++killed : ++finished;
        ExpectConsistent("after run " + std::to_string(run));
        if (HasFailure()) return;
    }
    EXPECT_GT(killed, 20) << "the kills should mostly land before the end";
    std::printf("%d of 50 submissions killed part-way, %d finished first\n", killed, finished);
}

TEST_P(ReliabilityTest, TwoSubmittersAtOnceLeaveOneCurrentFileAndLoseNothing) {
    const std::string a = Generate("a.csv", 40000, 1);
    const std::string b = Generate("b.csv", 40000, 2);
    const pid_t first = Spawn(SubmitArgs(a));
    const pid_t second = Spawn(SubmitArgs(b));
    EXPECT_EQ(Wait(first), 0);
    EXPECT_EQ(Wait(second), 0);
    ExpectConsistent("after both");
    auto store = did::store::Store::Open(database_->url());
    ASSERT_TRUE(store);
    std::vector<std::string> states;
    auto status =
        (*store)->db().Query("SELECT status FROM submissions ORDER BY id", {}, [&](const did::store::SqlRow& r) {
            states.push_back(r.Text(0));
            return true;
        });
    ASSERT_TRUE(status);
    EXPECT_EQ(states, (std::vector<std::string>{"superseded", "current"}));
    auto stored = (*store)->db().QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'submission.stored'");
    EXPECT_EQ((*stored)->Int(0), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReliabilityTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return did::store::BackendName(param_info.param); });

}  // namespace
