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

TEST_F(CatalogueFilesTest, AFileLeftByAnEarlierVersionIsUsed) {
    ASSERT_TRUE(core::MakeDirectories(Dir() + "/refdata"));
    ASSERT_TRUE(core::WriteFileAtomically(CatalogueFilePath(Dir()),
                                          "nicip_code,snomed_ct_id\nXCHES,399208008\nXNEW1,60027007\n"));
    const auto loaded = LoadCatalogue(Dir());
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ((*loaded)->size(), 2u);
    ASSERT_NE((*loaded)->FindNicip("XNEW1"), nullptr);
    EXPECT_EQ((*loaded)->FindNicip("XABDO"), nullptr);
}

TEST_F(CatalogueFilesTest, ADamagedFileIsAnErrorNotTheShippedCatalogue) {
    ASSERT_TRUE(core::MakeDirectories(Dir() + "/refdata"));
    ASSERT_TRUE(core::WriteFileAtomically(CatalogueFilePath(Dir()), "nicip_code,snomed_ct_id\nXCHES,399208009\n"));
    const auto loaded = LoadCatalogue(Dir());
    ASSERT_FALSE(loaded);
    EXPECT_EQ(loaded.error().code, core::ErrorCode::kCorruption);
}

}  // namespace
}  // namespace did::refdata
