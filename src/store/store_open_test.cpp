// Opening a store: a current database is opened with a read, never behind a writer's lock;
// a database that is not there is created only when asked to be.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "store/store.hpp"
#include "store/submission_table.hpp"
#include "store/test_databases.hpp"

namespace did::store {
namespace {

class StoreOpenTest : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        database_ = std::make_unique<TestDatabase>(GetParam());
        if (database_->url().empty()) {
            if (database_->required()) FAIL() << database_->skip_reason();
            GTEST_SKIP() << database_->skip_reason();
        }
    }
    std::unique_ptr<TestDatabase> database_;
};

// Another process's submission holds the write lock for as long as it runs. Opening the store
// and reading must not wait for it: with the lock held for the whole test, the old way of
// opening (migrating under BEGIN IMMEDIATE) waited out the busy timeout and then failed.
TEST_P(StoreOpenTest, ACurrentDatabaseOpensAndReadsWhileAWriterHoldsItsLock) {
    {
        auto created = Store::Open(database_->url());
        ASSERT_TRUE(created) << created.error().message;
    }
    auto writer = Connect(database_->url());
    ASSERT_TRUE(writer) << writer.error().message;
    ASSERT_TRUE((*writer)->Begin());
    ASSERT_TRUE((*writer)->LockKey("schema-migrations"));
    ASSERT_TRUE(
        (*writer)->Execute("INSERT INTO settings (key, value) VALUES ('held', 'by a writer that has not committed')"));

    for (IfMissing if_missing : {IfMissing::kCreate, IfMissing::kFail}) {
        auto reader = Store::Open(database_->url(), if_missing);
        ASSERT_TRUE(reader) << reader.error().message;
        SubmissionTable submissions((*reader)->db());
        auto rows = submissions.List(core::Period::Parse("2026-10"), "");
        ASSERT_TRUE(rows) << rows.error().message;
        EXPECT_TRUE(rows->empty());
    }
    EXPECT_TRUE((*writer)->Rollback());
}

TEST_P(StoreOpenTest, AMissingDatabaseIsNotCreatedWhenItMustExist) {
    auto opened = Store::Open(database_->url(), IfMissing::kFail);
    ASSERT_FALSE(opened);
    EXPECT_EQ(opened.error().code, core::ErrorCode::kNotFound);
    if (GetParam() == Backend::kSqlite) {
        // The file was not there, and is still not there.
        const std::string path = database_->url().substr(7);
        EXPECT_NE(opened.error().message.find("there is no database at " + path), std::string::npos)
            << opened.error().message;
        EXPECT_FALSE(std::filesystem::exists(path));
    } else {
        // The database exists (the test made it) but holds nothing of ours, and still does not.
        EXPECT_NE(opened.error().message.find("has no DID Collect schema"), std::string::npos)
            << opened.error().message;
        auto connection = Connect(database_->url());
        ASSERT_TRUE(connection);
        EXPECT_EQ(*SchemaVersion(**connection), 0);
    }
    auto created = Store::Open(database_->url());
    ASSERT_TRUE(created) << created.error().message;
    EXPECT_EQ(*SchemaVersion((*created)->db()),
              LatestSchemaVersion(GetParam() == Backend::kSqlite ? Dialect::kSqlite : Dialect::kPostgres));
    EXPECT_TRUE(Store::Open(database_->url(), IfMissing::kFail));
}

TEST_P(StoreOpenTest, AnEmptySqliteFileHasNoSchemaAndIsNotGivenOne) {
    if (GetParam() != Backend::kSqlite) GTEST_SKIP() << "a SQLite file only";
    const std::string path = database_->url().substr(7);
    { std::ofstream touch(path); }
    auto opened = Store::Open(database_->url(), IfMissing::kFail);
    ASSERT_FALSE(opened);
    EXPECT_NE(opened.error().message.find("has no DID Collect schema"), std::string::npos) << opened.error().message;
    auto connection = Connect(database_->url());
    ASSERT_TRUE(connection);
    EXPECT_EQ(*SchemaVersion(**connection), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreOpenTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return BackendName(param_info.param); });

}  // namespace
}  // namespace did::store
