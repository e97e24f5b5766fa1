// The NICIP catalogue in the database, against SQLite and PostgreSQL alike: imported, held
// back when it would remove most codes, checked again when read, and never silently replaced
// by the shipped one while an earlier version's catalogue file waits to be imported.

#include "service/catalogue.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "store/audit_log.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"

namespace did::service {
namespace {

using store::Backend;

class CatalogueTest : public ::testing::TestWithParam<Backend>, protected store::TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
        dir_ = std::filesystem::temp_directory_path() / ("did_catalogue_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override {
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    std::string Write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return (dir_ / name).string();
    }
    std::vector<std::string> Actions() const {
        std::vector<std::string> actions;
        store::AuditLog log(store_->db());
        EXPECT_TRUE(log.ForEach([&](const store::AuditRow& row) {
            actions.push_back(row.action);
            return true;
        }));
        return actions;
    }

    const Actor admin_{"admin", "test"};
    std::filesystem::path dir_;
};

TEST_P(CatalogueTest, TheShippedCatalogueIsUsedUntilOneIsImported) {
    auto in_use = LoadCatalogue(*store_);
    ASSERT_TRUE(in_use) << in_use.error().message;
    EXPECT_EQ(in_use->catalogue.get(), &refdata::NicipCatalogue::Shipped());
    EXPECT_FALSE(in_use->import);
}

TEST_P(CatalogueTest, AReleaseReplacesTheCatalogueAndIsRecorded) {
    // The shipped catalogue with one code remapped, one new, one retired and the last gone.
    std::string release = refdata::NicipCatalogue::Shipped().ToCsv();
    release.erase(release.rfind('\n', release.size() - 2) + 1);
    release.replace(release.find("XCHES,399208008,"), 16, "XCHES,45036003,");
    release += "XNEW1,60027007,Plain Radiography,,\n";
    const size_t knee = release.find("XKNEL,427019001,Plain Radiography,,");
    release.replace(knee, 35, "XKNEL,427019001,Plain Radiography,2026-09-01,");
    const std::string path = Write("release.csv", release);

    auto imported = ImportCatalogue(*store_, admin_, path, false);
    ASSERT_TRUE(imported) << imported.error().message;
    EXPECT_EQ(imported->result, CatalogueImportResult::kImported);
    EXPECT_TRUE(imported->replaced_shipped);
    EXPECT_EQ(imported->changes.added, 1u);
    EXPECT_EQ(imported->changes.removed, 1u);
    EXPECT_EQ(imported->changes.remapped, 1u);
    EXPECT_EQ(imported->sha256.size(), 64u);

    auto in_use = LoadCatalogue(*store_);
    ASSERT_TRUE(in_use) << in_use.error().message;
    ASSERT_TRUE(in_use->import);
    EXPECT_EQ(in_use->import->file_name, path);
    EXPECT_EQ(in_use->import->imported_by, "admin");
    EXPECT_EQ(in_use->import->file_sha256, imported->sha256);
    EXPECT_EQ(in_use->catalogue->size(), refdata::NicipCatalogue::Shipped().size());
    EXPECT_EQ(in_use->catalogue->FindNicip("XCHES")->snomed, 45036003u);
    EXPECT_TRUE(in_use->catalogue->FindNicip("XKNEL")->nicip_retired_on);
    EXPECT_EQ(Actions(), std::vector<std::string>{"refdata.nicip_imported"});
}

TEST_P(CatalogueTest, AReleaseWithoutMostCodesIsHeldBackUntilConfirmed) {
    const std::string path = Write("small.csv", "nicip_code,snomed_ct_id\nXCHES,399208008\n");
    auto held = ImportCatalogue(*store_, admin_, path, false);
    ASSERT_TRUE(held) << held.error().message;
    EXPECT_EQ(held->result, CatalogueImportResult::kHeldBack);
    EXPECT_NE(held->message.find("--confirm-drop"), std::string::npos) << held->message;
    EXPECT_FALSE(LoadCatalogue(*store_)->import);  // nothing changed

    auto confirmed = ImportCatalogue(*store_, admin_, path, true);
    ASSERT_TRUE(confirmed) << confirmed.error().message;
    EXPECT_EQ(confirmed->result, CatalogueImportResult::kImported);
    EXPECT_EQ(LoadCatalogue(*store_)->catalogue->size(), 1u);
    EXPECT_EQ(Actions(), (std::vector<std::string>{"refdata.nicip_held_back", "refdata.nicip_imported"}));
}

TEST_P(CatalogueTest, ABadReleaseChangesNothing) {
    const std::string path = Write("bad.csv", "nicip_code,snomed_ct_id\nXCHES,399208009\n");
    auto imported = ImportCatalogue(*store_, admin_, path, true);
    ASSERT_FALSE(imported);
    EXPECT_NE(imported.error().message.find("Verhoeff"), std::string::npos) << imported.error().message;
    EXPECT_FALSE(LoadCatalogue(*store_)->import);
    EXPECT_TRUE(Actions().empty());
}

TEST_P(CatalogueTest, ACatalogueAlteredInTheDatabaseIsNotTrusted) {
    const std::string path = Write("small.csv", "nicip_code,snomed_ct_id\nXCHES,399208008\n");
    ASSERT_TRUE(ImportCatalogue(*store_, admin_, path, true));
    ASSERT_TRUE(store_->db().Execute("UPDATE nicip_codes SET snomed_ct_id = '399208009'"));
    auto in_use = LoadCatalogue(*store_);
    ASSERT_FALSE(in_use);
    EXPECT_EQ(in_use.error().code, core::ErrorCode::kCorruption);
}

TEST_P(CatalogueTest, AnEarlierVersionsFileMustBeImportedFirst) {
    const std::string earlier = Write("nicip_catalogue.csv", "nicip_code,snomed_ct_id\nXCHES,399208008\n");
    auto in_use = LoadCatalogue(*store_, earlier);
    ASSERT_FALSE(in_use);
    EXPECT_EQ(in_use.error().code, core::ErrorCode::kConflict);
    EXPECT_NE(in_use.error().message.find("did refdata import " + earlier), std::string::npos);
    EXPECT_TRUE(LoadCatalogue(*store_, (dir_ / "absent.csv").string()));
    ASSERT_TRUE(ImportCatalogue(*store_, admin_, earlier, true));
    EXPECT_TRUE(LoadCatalogue(*store_, earlier));  // once the database has one, the file is ignored
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogueTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return store::BackendName(param_info.param); });

}  // namespace
}  // namespace did::service
