#include "service/sign_in.hpp"

#include <gtest/gtest.h>

#include "service/accounts.hpp"
#include "service/api_tokens.hpp"
#include "service/audit_trail.hpp"
#include "service/totp.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"

namespace did::service {
namespace {

using store::Backend;

constexpr int64_t kStart = 1'800'000'000;  // 2027-01-15, a fixed clock
const char* const kPassword = "a long enough passphrase";

class SignInTest : public ::testing::TestWithParam<Backend>, protected store::TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
        NewUser jo{"jo", "Jo Bloggs", "RXX", Role::kProviderSubmitter, kPassword, false};
        ASSERT_TRUE(AddUser(*store_, admin_, jo));
        NewUser demo{"demo", "Demo", "RXX", Role::kProviderViewer, kPassword, true};
        ASSERT_TRUE(AddUser(*store_, admin_, demo));
    }

    // Signs jo in with the password and enrols an app, returning the session and the secret.
    std::pair<std::string, std::string> Enrol(int64_t now) {
        auto step = SignInWithPassword(*store_, "jo", kPassword, "10.0.0.1", now);
        EXPECT_TRUE(step);
        EXPECT_EQ(step->outcome, SignInOutcome::kEnrolmentDue);
        const std::string secret = NewTotpSecret();
        auto enrolled = CompleteEnrolment(*store_, step->session_token, secret, TotpCode(*Base32Decode(secret), now),
                                          "10.0.0.1", now);
        EXPECT_TRUE(enrolled);
        EXPECT_EQ(enrolled->outcome, SignInOutcome::kSignedIn);
        EXPECT_EQ(enrolled->recovery_codes.size(), 10u);
        recovery_ = enrolled->recovery_codes;
        return {enrolled->session_token, secret};
    }

    Actor admin_{"admin", "cli@test", Role::kCentralAdministrator};
    std::vector<std::string> recovery_;
};

TEST_P(SignInTest, PasswordThenEnrolmentThenCodeGivesASessionWithANewId) {
    if (!store_) return;
    auto [session, secret] = Enrol(kStart);
    auto resumed = ResumeSession(*store_, session, kStart + 10);
    ASSERT_TRUE(resumed && *resumed);
    EXPECT_EQ((*resumed)->user.name, "jo");
    EXPECT_FALSE((*resumed)->second_factor_due);

    // Next time: the code from the app, on a new pending session, and again a new id.
    auto step = SignInWithPassword(*store_, "JO", kPassword, "10.0.0.1", kStart + 100);
    ASSERT_TRUE(step);
    ASSERT_EQ(step->outcome, SignInOutcome::kSecondFactorDue);
    auto pending = ResumeSession(*store_, step->session_token, kStart + 101);
    ASSERT_TRUE(pending && *pending);
    EXPECT_TRUE((*pending)->second_factor_due);
    const std::string code = TotpCode(*Base32Decode(secret), kStart + 100);
    auto done = SignInWithSecondFactor(*store_, step->session_token, code, "10.0.0.1", kStart + 100);
    ASSERT_TRUE(done);
    EXPECT_EQ(done->outcome, SignInOutcome::kSignedIn);
    EXPECT_NE(done->session_token, step->session_token);
    // The pending session is gone: its cookie signs no one in.
    auto old = ResumeSession(*store_, step->session_token, kStart + 101);
    ASSERT_TRUE(old);
    EXPECT_FALSE(*old);
}

TEST_P(SignInTest, ACodeWorksOnceAndARecoveryCodeOnce) {
    if (!store_) return;
    auto [session, secret] = Enrol(kStart);
    // The enrolment used the current step: the same code again is refused.
    auto again = SignInWithPassword(*store_, "jo", kPassword, "10.0.0.1", kStart + 5);
    auto replay = SignInWithSecondFactor(*store_, again->session_token, TotpCode(*Base32Decode(secret), kStart),
                                         "10.0.0.1", kStart + 5);
    ASSERT_TRUE(replay);
    EXPECT_EQ(replay->outcome, SignInOutcome::kRefused);

    auto with_recovery = SignInWithPassword(*store_, "jo", kPassword, "10.0.0.1", kStart + 200);
    auto used = SignInWithSecondFactor(*store_, with_recovery->session_token, recovery_[3], "10.0.0.1", kStart + 200);
    ASSERT_TRUE(used);
    EXPECT_EQ(used->outcome, SignInOutcome::kSignedIn);
    auto second = SignInWithPassword(*store_, "jo", kPassword, "10.0.0.1", kStart + 300);
    auto reused = SignInWithSecondFactor(*store_, second->session_token, recovery_[3], "10.0.0.1", kStart + 300);
    EXPECT_EQ(reused->outcome, SignInOutcome::kRefused);
}

TEST_P(SignInTest, SessionsEndWhenIdleAfterTwelveHoursAndAtSignOut) {
    if (!store_) return;
    auto first = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.1", kStart);
    ASSERT_EQ(first->outcome, SignInOutcome::kSignedIn);
    // Used every 20 minutes: alive at 11h40, gone after 12 hours.
    int64_t now = kStart;
    for (; now < kStart + 12 * 3600 - 1200; now += 1200) {
        auto resumed = ResumeSession(*store_, first->session_token, now);
        ASSERT_TRUE(resumed && *resumed) << "at " << (now - kStart);
    }
    auto late = ResumeSession(*store_, first->session_token, kStart + 12 * 3600 + 1);
    EXPECT_FALSE(*late);

    auto idle = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.1", kStart);
    EXPECT_TRUE(*ResumeSession(*store_, idle->session_token, kStart + 29 * 60));
    EXPECT_FALSE(*ResumeSession(*store_, idle->session_token, kStart + 29 * 60 + 31 * 60));

    auto ended = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.1", kStart);
    ASSERT_TRUE(SignOut(*store_, ended->session_token, "10.0.0.1"));
    EXPECT_FALSE(*ResumeSession(*store_, ended->session_token, kStart + 1));
}

TEST_P(SignInTest, RepeatedFailuresSlowDownThenLockTheAccountButNotOthers) {
    if (!store_) return;
    int64_t now = kStart;
    int refused = 0;
    int waits = 0;
    // Tries as fast as the answers allow: slowed after 3, locked after 10.
    for (int i = 0; i < 40; ++i) {
        auto step = SignInWithPassword(*store_, "demo", "wrong password!", "10.0.0.2", now);
        ASSERT_TRUE(step);
        if (step->outcome == SignInOutcome::kWait) {
            ++waits;
            EXPECT_GT(step->wait_seconds, 0);
        } else {
            EXPECT_EQ(step->outcome, SignInOutcome::kRefused);
            ++refused;
        }
        now += 1;
    }
    EXPECT_LE(refused, 10);
    EXPECT_GT(waits, 20);
    // Locked: even the right password waits.
    auto locked = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.3", now);
    EXPECT_EQ(locked->outcome, SignInOutcome::kWait);
    // Another account from another address is not affected.
    auto other = SignInWithPassword(*store_, "jo", kPassword, "10.0.0.3", now);
    EXPECT_EQ(other->outcome, SignInOutcome::kEnrolmentDue);
    // After the lock-out, the right password works.
    auto later = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.3", now + 16 * 60);
    EXPECT_EQ(later->outcome, SignInOutcome::kSignedIn);
}

TEST_P(SignInTest, UnknownNamesAndWrongPasswordsGetTheSameAnswer) {
    if (!store_) return;
    auto unknown = SignInWithPassword(*store_, "nobody", kPassword, "10.0.0.4", kStart);
    auto wrong = SignInWithPassword(*store_, "jo", "not the password", "10.0.0.5", kStart);
    ASSERT_TRUE(unknown && wrong);
    EXPECT_EQ(unknown->outcome, SignInOutcome::kRefused);
    EXPECT_EQ(unknown->message, wrong->message);
}

TEST_P(SignInTest, DisablingOrResettingAUserEndsTheirSessions) {
    if (!store_) return;
    auto session = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.1", kStart);
    ASSERT_TRUE(SetUserDisabled(*store_, admin_, "demo", true));
    EXPECT_FALSE(*ResumeSession(*store_, session->session_token, kStart + 1));
    auto refused = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.1", kStart + 2);
    EXPECT_EQ(refused->outcome, SignInOutcome::kRefused);
    ASSERT_TRUE(SetUserDisabled(*store_, admin_, "demo", false));

    auto again = SignInWithPassword(*store_, "demo", kPassword, "10.0.0.1", kStart + 3);
    ASSERT_TRUE(ResetUser(*store_, admin_, "demo", std::string("another long passphrase"), false));
    EXPECT_FALSE(*ResumeSession(*store_, again->session_token, kStart + 4));
    EXPECT_EQ(SignInWithPassword(*store_, "demo", kPassword, "10.0.0.1", kStart + 5)->outcome, SignInOutcome::kRefused);
    EXPECT_FALSE(ResetUser(*store_, admin_, "demo", std::string("short"), false));
}

TEST_P(SignInTest, EveryStepIsAudited) {
    if (!store_) return;
    (void)SignInWithPassword(*store_, "jo", "wrong wrong wrong", "10.0.0.9", kStart);
    Enrol(kStart + 60);
    std::vector<std::string> actions;
    ASSERT_TRUE(ForEachAuditEntry(*store_, [&](const store::AuditRow& row) {
        actions.push_back(row.action);
        return true;
    }));
    for (const char* action : {"user.added", "user.sign_in_failed", "user.enrolled", "user.signed_in"}) {
        EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
    }
}

TEST_P(SignInTest, ApiTokensResolveUntilRevokedAndOnlyForTheirOrganisation) {
    if (!store_) return;
    auto made = CreateApiToken(*store_, admin_, "RXX", "RIS", 30);
    ASSERT_TRUE(made);
    auto found = ResolveApiToken(*store_, made->token);
    ASSERT_TRUE(found && *found);
    EXPECT_EQ((*found)->organisation, "RXX");
    EXPECT_FALSE(*ResolveApiToken(*store_, made->token + "x"));
    EXPECT_FALSE(RevokeApiToken(*store_, admin_, "RYY", made->id));  // another's: not found
    ASSERT_TRUE(RevokeApiToken(*store_, admin_, "RXX", made->id));
    EXPECT_FALSE(*ResolveApiToken(*store_, made->token));
    EXPECT_FALSE(CreateApiToken(*store_, admin_, "RXX", "", 30));
    EXPECT_FALSE(CreateApiToken(*store_, admin_, "RXX", "RIS", 0));
}

INSTANTIATE_TEST_SUITE_P(Backends, SignInTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return store::BackendName(param_info.param); });

}  // namespace
}  // namespace did::service
