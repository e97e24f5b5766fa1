#include "core/sha256.hpp"

#include <gtest/gtest.h>

namespace did::core {
namespace {

TEST(Sha256Test, KnownVectors) {
    EXPECT_EQ(Sha256::Of(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(Sha256::Of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    Sha256 incremental;
    incremental.Update("a");
    incremental.Update("bc");
    EXPECT_EQ(incremental.HexDigest(), Sha256::Of("abc"));
}

}  // namespace
}  // namespace did::core
