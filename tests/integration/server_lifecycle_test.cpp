// `did serve` killed and stopped while files are arriving:
// - kill -9 at random moments, some while bodies are still being sent and some while they are
//   validated and committed, fifteen times: each (provider, month) holds whole submissions or
//   none, the audit chain holds, the server starts again on the same database every time and no
//   upload is left in the spool directory;
// - SIGTERM with an upload in flight: the server exits 0, an upload whose body had arrived is
//   stored, one half-sent stores nothing.

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "integration/portal_server.hpp"
#include "integration/process.hpp"
#include "integration/server_kit.hpp"
#include "store/store.hpp"

namespace {

using did::testing::HttpClient;
using did::testing::PortalServer;
using Clock = std::chrono::steady_clock;

constexpr const char* kPassword = "correct horse battery staple";
constexpr int kRows = 20000;  // about 3.2 MB a file, three at once

// One PUT of a file, sent by its own thread in pieces (so that a kill can land mid-body).
struct Upload {
    std::string provider;
    std::string token;
    std::string body;
    std::atomic<size_t> sent{0};
    std::atomic<bool> body_sent{false};
    std::atomic<bool> done{false};
    int status = 0;
    std::thread thread;

    void Start(int port, const std::string& period, std::chrono::milliseconds pause, size_t stop_after = 0) {
        thread = std::thread([this, port, period, pause, stop_after] {
            const int fd = did::testing::ConnectTo(port);
            if (fd < 0) {
                done = true;
                return;
            }
            const std::string header =
                "PUT /api/v1/submissions/" + provider + "/" + period +
                "?confirm_drop=true HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nAuthorization: Bearer " +
                token + "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
            bool ok = did::testing::SendBytes(fd, header);
            const size_t limit = stop_after == 0 ? body.size() : stop_after;
            constexpr size_t kPiece = 64 * 1024;
            while (ok && sent < limit) {
                const size_t n = std::min(kPiece, limit - sent);
                ok = did::testing::SendBytes(fd, body.substr(sent, n));
                if (ok) sent += n;
                if (pause.count() > 0) std::this_thread::sleep_for(pause);
            }
            body_sent = ok && sent == body.size();
            if (ok) status = did::testing::ReadReply(fd, std::chrono::seconds(120)).status;
            ::shutdown(fd, SHUT_RDWR);
            ::close(fd);
            done = true;
        });
    }
    void Join() {
        if (thread.joinable()) thread.join();
    }
};

class ServerLifecycleTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = did::testing::MakeTempDir("did_server_lifecycle");
        spool_ = dir_ + "/spool";
        std::filesystem::create_directories(spool_);
        database_url_ = "sqlite:" + dir_ + "/did.sqlite";
        did::testing::SetUpCollection(dir_, database_url_);
        did::testing::AddUser(database_url_, "sub.rxx", "RXX", "provider_submitter", kPassword);
        did::testing::AddUser(database_url_, "sub.ryj", "RYJ", "provider_submitter", kPassword);
        period_ = did::testing::OpenPeriod();
        Start();
        for (const auto& [provider, user] : {std::pair{"RXX", "sub.rxx"}, std::pair{"RYJ", "sub.ryj"}}) {
            HttpClient browser(server_->port());
            ASSERT_TRUE(did::testing::SignIn(browser, user, kPassword));
            tokens_[provider] = did::testing::MakeApiToken(browser, provider);
        }
    }
    void TearDown() override {
        server_.reset();
        std::filesystem::remove_all(dir_);
    }

    void Start(const std::string& extra = "") {
        server_.reset();
        server_ = std::make_unique<PortalServer>(dir_, database_url_, "--spool-dir '" + spool_ + "' " + extra);
    }

    std::string File(const std::string& provider, int seed) const {
        return did::testing::ReadText(did::testing::GenerateSubmission(
            dir_, provider + "-" + std::to_string(seed) + ".csv", kRows, seed, provider));
    }

    // Every submission is whole: all its records read, its accepted records all in the database,
    // at most one current file a provider; the audit chain and (`integrity_check`) the database
    // itself intact; nothing left in the spool directory.
    void ExpectWholeOrNothing(const std::string& when, bool integrity_check = true) {
        const auto listed = did::testing::DidOn(database_url_, "submissions --period " + period_ + " --format json");
        ASSERT_EQ(listed.exit_code, 0) << listed.out;
        const auto submissions = nlohmann::json::parse(listed.out);
        auto store = did::store::Store::Open(database_url_);
        ASSERT_TRUE(store) << store.error().message;
        auto& db = (*store)->db();
        if (integrity_check) {
            auto problems = db.IntegrityCheck();
            ASSERT_TRUE(problems);
            EXPECT_EQ(*problems, "") << when;
        }
        std::map<int64_t, int64_t> stored;  // records in the database, by submission
        auto counted = db.Query("SELECT submission_id, COUNT(*) FROM records GROUP BY submission_id", {},
                                [&](const did::store::SqlRow& row) {
                                    stored[row.Int(0)] = row.Int(1);
                                    return true;
                                });
        ASSERT_TRUE(counted) << counted.error().message;
        std::map<std::string, int> current;
        for (const auto& s : submissions) {
            const int64_t id = s.at("id").get<int64_t>();
            EXPECT_EQ(s.at("records").get<int>(), kRows) << when << ": submission " << id;
            EXPECT_EQ(s.at("accepted").get<int>() + s.at("rejected").get<int>(), kRows) << when;
            EXPECT_EQ(stored[id], s.at("accepted").get<int64_t>()) << when << ": submission " << id << " partly stored";
            stored.erase(id);
            if (s.at("status") == "current") ++current[s.at("provider").get<std::string>()];
        }
        // Records of no submission listed: a submission half-removed, or never finished.
        EXPECT_TRUE(stored.empty()) << when << ": records of " << stored.size() << " unlisted submissions";
        for (const auto& [provider, n] : current) EXPECT_EQ(n, 1) << when << ": " << provider;
        const auto verified = did::testing::DidOn(database_url_, "audit verify");
        EXPECT_EQ(verified.exit_code, 0) << when << ": " << verified.out;
        EXPECT_TRUE(std::filesystem::is_empty(spool_)) << when << ": an upload was left in the spool directory";
    }

    int Count() const { return did::testing::CountSubmissions(database_url_, period_); }

    std::string dir_;
    std::string spool_;
    std::string database_url_;
    std::string period_;
    std::map<std::string, std::string> tokens_;
    std::unique_ptr<PortalServer> server_;
};

TEST_F(ServerLifecycleTest, KilledDuringUploadsEverySubmissionIsWholeOrAbsent) {
    // A round that is not killed: how long the three uploads take to be answered, and that
    // (two for RXX at once, one for RYJ) they are all stored.
    constexpr int kUploads = 3;
    const char* providers[kUploads] = {"RXX", "RYJ", "RXX"};
    auto start_round = [&](std::vector<std::unique_ptr<Upload>>& uploads, int seed, std::chrono::milliseconds pause) {
        for (int i = 0; i < kUploads; ++i) {
            auto upload = std::make_unique<Upload>();
            upload->provider = providers[i];
            upload->token = tokens_[providers[i]];
            upload->body = File(providers[i], seed * 10 + i);
            uploads.push_back(std::move(upload));
        }
        for (auto& upload : uploads) upload->Start(server_->port(), period_, pause);
    };
    std::vector<std::unique_ptr<Upload>> first;
    start_round(first, 1, std::chrono::milliseconds(0));
    const auto began = Clock::now();
    for (auto& upload : first) upload->Join();
    const auto whole = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - began);
    for (auto& upload : first) EXPECT_EQ(upload->status, 201) << upload->provider;
    ASSERT_EQ(Count(), 3);
    ExpectWholeOrNothing("after the first round");

    std::mt19937 random(20261201);
    int killed_mid_body = 0;
    int killed_after_body = 0;
    int stored_before = Count();
    int stored_by_killed_rounds = 0;
    for (int round = 0; round < 15; ++round) {
        const std::string when = "round " + std::to_string(round);
        std::vector<std::unique_ptr<Upload>> uploads;
        // Bodies sent in 64 KiB pieces 3 ms apart: about a seventh of a second each.
        start_round(uploads, round + 2, std::chrono::milliseconds(3));
        if (round % 2 == 0) {
            // Before the bodies are complete: once the first upload is 5-95% sent.
            const size_t total = uploads[0]->body.size();
            const size_t at = total * std::uniform_int_distribution<size_t>(5, 95)(random) / 100;
            while (uploads[0]->sent < at && !uploads[0]->done)
                std::this_thread::sleep_for(std::chrono::microseconds(200));
            killed_mid_body += !uploads[0]->body_sent;
        } else {
            // After the bodies, while they are validated and committed (or just after).
            for (auto& upload : uploads) {
                while (!upload->body_sent && !upload->done) std::this_thread::sleep_for(std::chrono::microseconds(200));
            }
            std::this_thread::sleep_for(
                std::chrono::microseconds(std::uniform_int_distribution<int64_t>(0, whole.count() * 3 / 4)(random)));
            ++killed_after_body;
        }
        server_->Kill();
        for (auto& upload : uploads) upload->Join();
        // The database's own check reads all of it: every fifth round, and at the end.
        ExpectWholeOrNothing(when, round % 5 == 4);
        // Starts again on the same database, cleanly, every time.
        ASSERT_NO_THROW(Start()) << when;
        const int stored = Count();
        stored_by_killed_rounds += stored - stored_before;
        stored_before = stored;
        if (HasFailure()) return;
    }
    // The server still takes a file once all that is over.
    std::vector<std::unique_ptr<Upload>> last;
    start_round(last, 99, std::chrono::milliseconds(0));
    for (auto& upload : last) upload->Join();
    for (auto& upload : last) EXPECT_EQ(upload->status, 201) << upload->provider;
    ExpectWholeOrNothing("after the last round");
    EXPECT_GT(killed_mid_body, 0);
    std::printf("a round not killed took %.2f s\n", static_cast<double>(whole.count()) / 1e6);
    std::printf("15 kills: %d mid-body, %d after the bodies; %d submissions stored by the killed rounds\n",
                killed_mid_body, killed_after_body, stored_by_killed_rounds);
}

TEST_F(ServerLifecycleTest, SigtermStoresTheUploadThatArrivedAndDropsTheHalfSentOne) {
    Start("--grace-seconds 8");
    Upload arrived;
    arrived.provider = "RXX";
    arrived.token = tokens_["RXX"];
    arrived.body = File("RXX", 1);
    Upload half;
    half.provider = "RYJ";
    half.token = tokens_["RYJ"];
    half.body = File("RYJ", 2);
    // Half the body, then nothing more: a client gone quiet mid-upload, its connection open.
    half.Start(server_->port(), period_, std::chrono::milliseconds(0), half.body.size() / 2);
    arrived.Start(server_->port(), period_, std::chrono::milliseconds(0));
    while (!arrived.body_sent && !arrived.done) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    while (half.sent < half.body.size() / 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_TRUE(arrived.body_sent);
    ::kill(server_->pid(), SIGTERM);
    // Once it has begun stopping, no new connection is taken.
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (did::testing::ReadText(server_->log_path()).find("stopping") == std::string::npos &&
           Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const int late = did::testing::ConnectTo(server_->port());
    EXPECT_LT(late, 0) << "a connection was accepted after SIGTERM";
    if (late >= 0) ::close(late);

    EXPECT_EQ(server_->Stop(), 0) << did::testing::ReadText(server_->log_path());
    arrived.Join();
    half.Join();
    EXPECT_EQ(arrived.status, 201);
    EXPECT_EQ(half.status, 0) << "the half-sent upload was answered";
    const auto listed = did::testing::DidOn(database_url_, "submissions --period " + period_ + " --format json");
    const auto submissions = nlohmann::json::parse(listed.out);
    ASSERT_EQ(submissions.size(), 1u) << listed.out;
    EXPECT_EQ(submissions[0].at("provider"), "RXX");
    ExpectWholeOrNothing("after SIGTERM");
    const std::string log = did::testing::ReadText(server_->log_path());
    EXPECT_NE(log.find("grace period over"), std::string::npos) << log;
    // And it starts again on the same database.
    ASSERT_NO_THROW(Start());
    ExpectWholeOrNothing("after the restart");
}

}  // namespace
