#include "refdata/catalogue_files.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "core/file_io.hpp"

namespace did::refdata {
namespace {

class CatalogueFilesTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("did_catalogue_" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string Dir() const { return dir_.string(); }
    std::filesystem::path dir_;
};

TEST_F(CatalogueFilesTest, WithoutAnImportTheShippedCatalogueIsUsed) {
    const auto catalogue = LoadCatalogue(Dir());
    ASSERT_TRUE(catalogue);
    EXPECT_EQ((*catalogue)->size(), NicipCatalogue::Shipped().size());
}

TEST_F(CatalogueFilesTest, ImportReplacesTheCatalogueAndSaysWhatChanged) {
    const std::string release = Dir() + "/release.csv";
    ASSERT_TRUE(core::WriteFileAtomically(
        release,
        "nicip_code,snomed_ct_id,nicip_retired_on\nXCHES,399208008,\nUABDO,45036003,2026-06-01\n"
        "XNEW1,60027007,\nCCHES,399208008,\n"));
    const auto summary = ImportCatalogue(Dir(), release);
    ASSERT_TRUE(summary) << summary.error().message;
    EXPECT_EQ(summary->codes, 4u);
    EXPECT_EQ(summary->added, 1u);     // XNEW1
    EXPECT_EQ(summary->remapped, 1u);  // CCHES
    EXPECT_EQ(summary->retired, 1u);
    EXPECT_EQ(summary->removed, NicipCatalogue::Shipped().size() - 3);

    const auto loaded = LoadCatalogue(Dir());
    ASSERT_TRUE(loaded);
    EXPECT_EQ((*loaded)->size(), 4u);
    ASSERT_NE((*loaded)->FindNicip("XNEW1"), nullptr);
    EXPECT_EQ((*loaded)->FindNicip("XABDO"), nullptr);
}

TEST_F(CatalogueFilesTest, ABadReleaseChangesNothing) {
    const std::string release = Dir() + "/bad.csv";
    ASSERT_TRUE(core::WriteFileAtomically(release, "nicip_code,snomed_ct_id\nXCHES,399208009\n"));
    EXPECT_FALSE(ImportCatalogue(Dir(), release));
    EXPECT_FALSE(core::FileExists(CatalogueFilePath(Dir())));
}

}  // namespace
}  // namespace did::refdata
