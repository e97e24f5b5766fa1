// The storage contract of the portal's account tables (users, recovery codes, sessions, API
// tokens, the sign-in throttle): every test runs against SQLite and PostgreSQL alike, the
// races with two connections to one database.

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>
#include <thread>
#include <vector>

#include "store/account_rows.hpp"
#include "store/api_token_table.hpp"
#include "store/recovery_code_table.hpp"
#include "store/session_table.hpp"
#include "store/store.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"
#include "store/throttle_table.hpp"
#include "store/user_table.hpp"

namespace did::store {
namespace {

class AccountTablesTest : public ::testing::TestWithParam<Backend>, protected TestStore {
  protected:
    void SetUp() override { OpenTestStore(GetParam()); }

    static UserRow User(const std::string& name, const std::string& organisation) {
        UserRow u;
        u.name = name;
        u.display_name = "Display " + name;
        u.organisation = organisation;
        u.role = "provider_submitter";
        u.password_hash = "$argon2id$v=19$hash-of-" + name;
        u.created_at = "2026-12-01T18:00:00Z";
        u.created_by = "admin";
        u.password_changed_at = "2026-12-01T18:00:00Z";
        return u;
    }

    int64_t AddUser(const std::string& name, const std::string& organisation = "RXX") {
        auto id = UserTable(store_->db()).Add(User(name, organisation));
        EXPECT_TRUE(id) << id.error().message;
        return id ? *id : 0;
    }

    static SessionRow Session(const std::string& digest, int64_t user_id, int64_t created_at, int64_t last_seen_at) {
        return {digest, user_id, "signed_in", "csrf-" + digest, created_at, last_seen_at, "10.0.0.1"};
    }

    static ApiTokenRow Token(const std::string& organisation, const std::string& digest) {
        ApiTokenRow t;
        t.organisation = organisation;
        t.name = "RIS nightly upload";
        t.digest = digest;
        t.created_by = "admin";
        t.created_at = "2026-12-01T18:00:00Z";
        t.expires_at = "2027-12-01T18:00:00Z";
        return t;
    }

    // A second connection to the same database, as a second server process would have.
    std::unique_ptr<Store> OtherConnection() {
        auto opened = Store::Open(database_->url());
        EXPECT_TRUE(opened) << opened.error().message;
        return opened ? std::move(*opened) : nullptr;
    }
};

TEST_P(AccountTablesTest, UsersAreFoundByNameWhateverItsCase) {
    UserTable users(store_->db());
    auto id = users.Add(User("Jane.Smith", "RXX"));
    ASSERT_TRUE(id) << id.error().message;

    auto found = users.FindByName("JANE.SMITH");
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_TRUE(found->has_value());
    const UserRow& u = **found;
    EXPECT_EQ(u.id, *id);
    EXPECT_EQ(u.name, "jane.smith");  // stored lower-cased
    EXPECT_EQ(u.display_name, "Display Jane.Smith");
    EXPECT_EQ(u.organisation, "RXX");
    EXPECT_EQ(u.role, "provider_submitter");
    EXPECT_EQ(u.password_hash, "$argon2id$v=19$hash-of-Jane.Smith");
    EXPECT_EQ(u.totp_secret, "");
    EXPECT_EQ(u.totp_last_step, 0);
    EXPECT_EQ(u.second_factor, "required");
    EXPECT_FALSE(u.disabled);
    EXPECT_EQ(u.created_at, "2026-12-01T18:00:00Z");
    EXPECT_EQ(u.created_by, "admin");

    auto by_id = users.FindById(*id);
    ASSERT_TRUE(by_id && by_id->has_value());
    EXPECT_EQ((*by_id)->name, "jane.smith");
    EXPECT_FALSE(users.FindByName("john.smith")->has_value());
    EXPECT_FALSE(users.FindById(*id + 100)->has_value());
}

TEST_P(AccountTablesTest, ATakenNameIsAConflictWhateverItsCase) {
    UserTable users(store_->db());
    ASSERT_TRUE(users.Add(User("jane.smith", "RXX")));
    auto again = users.Add(User("JANE.Smith", "RYY"));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::ErrorCode::kConflict) << again.error().message;
    // Refused inside a transaction too, without spoiling it.
    ASSERT_TRUE(store_->InTransaction([&]() -> core::Status {
        auto taken = users.Add(User("jane.smith", "RYY"));
        EXPECT_FALSE(taken);
        auto other = users.Add(User("john.smith", "RYY"));
        if (!other) return core::Fail(other.error());
        return {};
    }));
    EXPECT_EQ(users.List("")->size(), 2u);
}

TEST_P(AccountTablesTest, UsersAreListedByOrganisationOrAll) {
    AddUser("zoe", "RXX");
    AddUser("adam", "RXX");
    AddUser("central.one", "X26");
    UserTable users(store_->db());
    auto rxx = users.List("RXX");
    ASSERT_TRUE(rxx) << rxx.error().message;
    ASSERT_EQ(rxx->size(), 2u);
    EXPECT_EQ((*rxx)[0].name, "adam");
    EXPECT_EQ((*rxx)[1].name, "zoe");
    EXPECT_EQ(users.List("")->size(), 3u);
    EXPECT_TRUE(users.List("RYY")->empty());
}

TEST_P(AccountTablesTest, AUsersPasswordSecondFactorAndStateChange) {
    const int64_t id = AddUser("jane");
    UserTable users(store_->db());
    ASSERT_TRUE(users.SetPassword(id, "new-hash", "2026-12-02T09:00:00Z"));
    ASSERT_TRUE(users.SetDisabled(id, true));
    ASSERT_TRUE(users.SetTotp(id, "JBSWY3DPEHPK3PXP", 123));
    ASSERT_TRUE(users.SetSecondFactor(id, "off"));
    auto u = users.FindById(id);
    ASSERT_TRUE(u && u->has_value());
    EXPECT_EQ((*u)->password_hash, "new-hash");
    EXPECT_EQ((*u)->password_changed_at, "2026-12-02T09:00:00Z");
    EXPECT_TRUE((*u)->disabled);
    EXPECT_EQ((*u)->totp_secret, "JBSWY3DPEHPK3PXP");
    EXPECT_EQ((*u)->totp_last_step, 123);
    EXPECT_EQ((*u)->second_factor, "off");

    // Reset: no secret, no step.
    ASSERT_TRUE(users.SetTotp(id, "", 0));
    ASSERT_TRUE(users.SetDisabled(id, false));
    u = users.FindById(id);
    EXPECT_EQ((*u)->totp_secret, "");
    EXPECT_EQ((*u)->totp_last_step, 0);
    EXPECT_FALSE((*u)->disabled);

    auto wrong = users.SetSecondFactor(id, "sometimes");
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, core::ErrorCode::kInvalidArgument);
    auto nobody = users.SetPassword(id + 100, "hash", "2026-12-02T09:00:00Z");
    ASSERT_FALSE(nobody);
    EXPECT_EQ(nobody.error().code, core::ErrorCode::kNotFound);
}

TEST_P(AccountTablesTest, ATotpStepIsAcceptedOnceAndNeverAnEarlierOne) {
    const int64_t id = AddUser("jane");
    UserTable users(store_->db());
    ASSERT_TRUE(users.SetTotp(id, "JBSWY3DPEHPK3PXP", 0));
    EXPECT_TRUE(*users.UseTotpStep(id, 1000));
    EXPECT_FALSE(*users.UseTotpStep(id, 1000));  // the same code again: a replay
    EXPECT_FALSE(*users.UseTotpStep(id, 999));   // an earlier code
    EXPECT_TRUE(*users.UseTotpStep(id, 1001));
    EXPECT_EQ((*users.FindById(id))->totp_last_step, 1001);
    EXPECT_FALSE(*users.UseTotpStep(id + 100, 5000));  // no such user
}

// Two server processes given the same codes: each step is accepted by one of them at most.
TEST_P(AccountTablesTest, TwoConnectionsNeverBothAcceptOneTotpStep) {
    const int64_t id = AddUser("jane");
    auto other = OtherConnection();
    ASSERT_TRUE(other);
    constexpr int kSteps = 100;
    auto use_all = [id](Store* store, std::vector<int64_t>* won) {
        UserTable users(store->db());
        for (int64_t step = 1; step <= kSteps; ++step) {
            auto used = users.UseTotpStep(id, step);
            ASSERT_TRUE(used) << used.error().message;
            if (*used) won->push_back(step);
        }
    };
    std::vector<int64_t> first;
    std::vector<int64_t> second;
    std::thread a(use_all, store_.get(), &first);
    std::thread b(use_all, other.get(), &second);
    a.join();
    b.join();
    std::vector<int64_t> both;
    std::set_intersection(first.begin(), first.end(), second.begin(), second.end(), std::back_inserter(both));
    EXPECT_TRUE(both.empty()) << both.size() << " steps were accepted twice";
    EXPECT_EQ((*UserTable(store_->db()).FindById(id))->totp_last_step, kSteps);
}

TEST_P(AccountTablesTest, ARecoveryCodeWorksOnce) {
    const int64_t jane = AddUser("jane");
    const int64_t john = AddUser("john");
    RecoveryCodeTable codes(store_->db());
    ASSERT_TRUE(store_->InTransaction([&] { return codes.Replace(jane, {"d1", "d2", "d3"}); }));
    ASSERT_TRUE(store_->InTransaction([&] { return codes.Replace(john, {"d1"}); }));
    EXPECT_EQ(*codes.Remaining(jane), 3);

    EXPECT_TRUE(*codes.Use(jane, "d2", "2026-12-02T09:00:00Z"));
    EXPECT_FALSE(*codes.Use(jane, "d2", "2026-12-02T09:01:00Z"));  // used already
    EXPECT_FALSE(*codes.Use(jane, "d9", "2026-12-02T09:01:00Z"));  // not one of hers
    EXPECT_EQ(*codes.Remaining(jane), 2);
    EXPECT_EQ(*codes.Remaining(john), 1);  // another user's code of the same digest is his own

    // A new set replaces the old, used codes included.
    ASSERT_TRUE(store_->InTransaction([&] { return codes.Replace(jane, {"d2", "d4"}); }));
    EXPECT_EQ(*codes.Remaining(jane), 2);
    EXPECT_FALSE(*codes.Use(jane, "d1", "2026-12-02T09:02:00Z"));
    EXPECT_TRUE(*codes.Use(jane, "d2", "2026-12-02T09:02:00Z"));
    EXPECT_EQ(*codes.Remaining(jane), 1);
}

TEST_P(AccountTablesTest, SessionsAreCreatedFoundTouchedAndDeleted) {
    const int64_t jane = AddUser("jane");
    SessionTable sessions(store_->db());
    SessionRow half = Session("aaaa", jane, 1000, 1000);
    half.stage = "password";
    ASSERT_TRUE(sessions.Create(half));
    ASSERT_TRUE(sessions.Create(Session("bbbb", jane, 1000, 1000)));

    auto found = sessions.Find("aaaa");
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->user_id, jane);
    EXPECT_EQ((*found)->stage, "password");
    EXPECT_EQ((*found)->csrf_token, "csrf-aaaa");
    EXPECT_EQ((*found)->created_at, 1000);
    EXPECT_EQ((*found)->client, "10.0.0.1");
    EXPECT_FALSE(sessions.Find("cccc")->has_value());

    ASSERT_TRUE(sessions.Touch("aaaa", 1500));
    EXPECT_EQ((*sessions.Find("aaaa"))->last_seen_at, 1500);
    ASSERT_TRUE(sessions.Touch("aaaa", 1200));  // seen later elsewhere already: stays
    EXPECT_EQ((*sessions.Find("aaaa"))->last_seen_at, 1500);
    EXPECT_EQ((*sessions.Find("aaaa"))->created_at, 1000);

    ASSERT_TRUE(sessions.Delete("aaaa"));
    EXPECT_FALSE(sessions.Find("aaaa")->has_value());
    EXPECT_TRUE(sessions.Find("bbbb")->has_value());

    auto wrong = sessions.Create({"dddd", jane, "nearly", "csrf", 1000, 1000, "10.0.0.1"});
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, core::ErrorCode::kInvalidArgument);
}

TEST_P(AccountTablesTest, SigningAUserOutEverywhereLeavesOthersSignedIn) {
    const int64_t jane = AddUser("jane");
    const int64_t john = AddUser("john");
    SessionTable sessions(store_->db());
    ASSERT_TRUE(sessions.Create(Session("j1", jane, 1000, 1000)));
    ASSERT_TRUE(sessions.Create(Session("j2", jane, 1000, 1000)));
    ASSERT_TRUE(sessions.Create(Session("k1", john, 1000, 1000)));
    ASSERT_TRUE(sessions.DeleteForUser(jane));
    EXPECT_FALSE(sessions.Find("j1")->has_value());
    EXPECT_FALSE(sessions.Find("j2")->has_value());
    EXPECT_TRUE(sessions.Find("k1")->has_value());
}

TEST_P(AccountTablesTest, SessionsExpireWhenIdleOrTooOld) {
    const int64_t jane = AddUser("jane");
    SessionTable sessions(store_->db());
    constexpr int64_t kNow = 100000;
    constexpr int64_t kIdle = 1800;
    constexpr int64_t kAbsolute = 43200;
    ASSERT_TRUE(sessions.Create(Session("fresh", jane, kNow - 100, kNow - 10)));
    ASSERT_TRUE(sessions.Create(Session("idle", jane, kNow - 5000, kNow - kIdle - 1)));
    ASSERT_TRUE(sessions.Create(Session("idle-edge", jane, kNow - 5000, kNow - kIdle)));  // idle exactly: kept
    ASSERT_TRUE(sessions.Create(Session("old", jane, kNow - kAbsolute - 1, kNow - 5)));   // busy, but too old
    ASSERT_TRUE(sessions.Create(Session("old-edge", jane, kNow - kAbsolute, kNow - 5)));

    auto removed = sessions.DeleteExpired(kNow, kIdle, kAbsolute);
    ASSERT_TRUE(removed) << removed.error().message;
    EXPECT_EQ(*removed, 2);
    EXPECT_TRUE(sessions.Find("fresh")->has_value());
    EXPECT_FALSE(sessions.Find("idle")->has_value());
    EXPECT_TRUE(sessions.Find("idle-edge")->has_value());
    EXPECT_FALSE(sessions.Find("old")->has_value());
    EXPECT_TRUE(sessions.Find("old-edge")->has_value());
    EXPECT_EQ(*sessions.DeleteExpired(kNow, kIdle, kAbsolute), 0);
}

TEST_P(AccountTablesTest, ApiTokensAreCreatedFoundListedAndRevoked) {
    ApiTokenTable tokens(store_->db());
    auto first = tokens.Create(Token("RXX", "digest-1"));
    ASSERT_TRUE(first) << first.error().message;
    auto second = tokens.Create(Token("RYY", "digest-2"));
    ASSERT_TRUE(second) << second.error().message;
    auto third = tokens.Create(Token("RXX", "digest-3"));
    ASSERT_TRUE(third) << third.error().message;

    auto same = tokens.Create(Token("RZZ", "digest-1"));
    ASSERT_FALSE(same);
    EXPECT_EQ(same.error().code, core::ErrorCode::kConflict);

    auto found = tokens.FindByDigest("digest-2");
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->id, *second);
    EXPECT_EQ((*found)->organisation, "RYY");
    EXPECT_EQ((*found)->name, "RIS nightly upload");
    EXPECT_EQ((*found)->created_by, "admin");
    EXPECT_EQ((*found)->created_at, "2026-12-01T18:00:00Z");
    EXPECT_EQ((*found)->expires_at, "2027-12-01T18:00:00Z");
    EXPECT_EQ((*found)->revoked_at, "");
    EXPECT_EQ((*found)->last_used_at, "");
    EXPECT_FALSE(tokens.FindByDigest("digest-9")->has_value());

    auto rxx = tokens.List("RXX");
    ASSERT_TRUE(rxx) << rxx.error().message;
    ASSERT_EQ(rxx->size(), 2u);
    EXPECT_EQ((*rxx)[0].id, *first);
    EXPECT_EQ((*rxx)[1].id, *third);
    EXPECT_EQ(tokens.List("")->size(), 3u);

    ASSERT_TRUE(tokens.MarkUsed(*first, "2026-12-02T02:00:00Z"));
    ASSERT_TRUE(tokens.Revoke(*first, "2026-12-03T10:00:00Z", "admin.two"));
    ASSERT_TRUE(tokens.Revoke(*first, "2026-12-04T10:00:00Z", "admin.three"));  // the first revocation stays
    auto revoked = tokens.FindById(*first);
    ASSERT_TRUE(revoked && revoked->has_value());
    EXPECT_EQ((*revoked)->revoked_at, "2026-12-03T10:00:00Z");
    EXPECT_EQ((*revoked)->revoked_by, "admin.two");
    EXPECT_EQ((*revoked)->last_used_at, "2026-12-02T02:00:00Z");
    EXPECT_EQ((*tokens.FindById(*third))->revoked_at, "");
    EXPECT_EQ(tokens.List("RXX")->size(), 2u);  // revoked tokens are still listed

    auto nothing = tokens.Revoke(*third + 100, "2026-12-03T10:00:00Z", "admin.two");
    ASSERT_FALSE(nothing);
    EXPECT_EQ(nothing.error().code, core::ErrorCode::kNotFound);
}

TEST_P(AccountTablesTest, FailuresAreCountedWithinAWindowThatRestarts) {
    ThrottleTable throttle(store_->db());
    constexpr int64_t kWindow = 900;
    auto row = throttle.RecordFailure("user:jane", 1000, kWindow);
    ASSERT_TRUE(row) << row.error().message;
    EXPECT_EQ(row->key, "user:jane");
    EXPECT_EQ(row->failures, 1);
    EXPECT_EQ(row->window_start, 1000);
    EXPECT_EQ(row->locked_until, 0);

    EXPECT_EQ(throttle.RecordFailure("user:jane", 1500, kWindow)->failures, 2);
    row = throttle.RecordFailure("user:jane", 1000 + kWindow, kWindow);  // the window's last second
    EXPECT_EQ(row->failures, 3);
    EXPECT_EQ(row->window_start, 1000);
    EXPECT_EQ(throttle.RecordFailure("addr:10.0.0.1", 1500, kWindow)->failures, 1);  // keys apart

    row = throttle.RecordFailure("user:jane", 1000 + kWindow + 1, kWindow);  // a new window
    EXPECT_EQ(row->failures, 1);
    EXPECT_EQ(row->window_start, 1000 + kWindow + 1);

    auto found = throttle.Find("user:jane");
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->failures, 1);
    EXPECT_FALSE(throttle.Find("user:john")->has_value());
}

TEST_P(AccountTablesTest, AKeyIsLockedAndCleared) {
    ThrottleTable throttle(store_->db());
    ASSERT_TRUE(throttle.RecordFailure("user:jane", 1000, 900));
    ASSERT_TRUE(throttle.RecordFailure("user:jane", 1001, 900));
    ASSERT_TRUE(throttle.Lock("user:jane", 2000));
    auto found = throttle.Find("user:jane");
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->locked_until, 2000);
    EXPECT_EQ((*found)->failures, 2);  // locking counts nothing
    // A lock survives the window restarting: only Clear lifts it early.
    EXPECT_EQ(throttle.RecordFailure("user:jane", 5000, 900)->locked_until, 2000);

    ASSERT_TRUE(throttle.Lock("addr:10.0.0.9", 3000));  // no failures recorded first
    EXPECT_EQ((*throttle.Find("addr:10.0.0.9"))->locked_until, 3000);
    EXPECT_EQ(throttle.RecordFailure("addr:10.0.0.9", 1000, 900)->failures, 1);

    ASSERT_TRUE(throttle.Clear("user:jane"));
    EXPECT_FALSE(throttle.Find("user:jane")->has_value());
    EXPECT_TRUE(throttle.Find("addr:10.0.0.9")->has_value());
}

TEST_P(AccountTablesTest, KeysThatHoldNothingBackArePruned) {
    ThrottleTable throttle(store_->db());
    constexpr int64_t kWindow = 900;
    ASSERT_TRUE(throttle.RecordFailure("user:old", 1000, kWindow));     // its window ended
    ASSERT_TRUE(throttle.RecordFailure("user:recent", 2500, kWindow));  // still counting
    ASSERT_TRUE(throttle.RecordFailure("addr:locked", 1000, kWindow));  // window ended, still locked
    ASSERT_TRUE(throttle.Lock("addr:locked", 5000));
    ASSERT_TRUE(throttle.RecordFailure("addr:unlocked", 1000, kWindow));  // window ended, lock passed
    ASSERT_TRUE(throttle.Lock("addr:unlocked", 2000));

    auto removed = throttle.DeleteStale(3000, kWindow);
    ASSERT_TRUE(removed) << removed.error().message;
    EXPECT_EQ(*removed, 2);
    EXPECT_FALSE(throttle.Find("user:old")->has_value());
    EXPECT_FALSE(throttle.Find("addr:unlocked")->has_value());
    EXPECT_TRUE(throttle.Find("user:recent")->has_value());
    EXPECT_TRUE(throttle.Find("addr:locked")->has_value());
    EXPECT_EQ(*throttle.DeleteStale(3000, kWindow), 0);
}

// Two server processes counting failures for one name at the same moment lose none, and each
// failure sees its own count.
TEST_P(AccountTablesTest, TwoConnectionsCountingFailuresLoseNone) {
    auto other = OtherConnection();
    ASSERT_TRUE(other);
    constexpr int kEach = 200;
    auto fail_many = [](Store* store, std::vector<int64_t>* seen) {
        ThrottleTable throttle(store->db());
        for (int i = 0; i < kEach; ++i) {
            auto row = throttle.RecordFailure("user:jane", 1000, 900);
            ASSERT_TRUE(row) << row.error().message;
            seen->push_back(row->failures);
        }
    };
    std::vector<int64_t> first;
    std::vector<int64_t> second;
    std::thread a(fail_many, store_.get(), &first);
    std::thread b(fail_many, other.get(), &second);
    a.join();
    b.join();
    auto found = ThrottleTable(store_->db()).Find("user:jane");
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->failures, 2 * kEach);

    std::vector<int64_t> counts = first;
    counts.insert(counts.end(), second.begin(), second.end());
    std::sort(counts.begin(), counts.end());
    std::vector<int64_t> expected(2 * kEach);
    std::iota(expected.begin(), expected.end(), 1);
    EXPECT_EQ(counts, expected);  // every count returned once: no two failures saw the same row
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountTablesTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace did::store
