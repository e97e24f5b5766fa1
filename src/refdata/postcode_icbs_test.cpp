// Each postcode's ICB: found in any spacing, only English ICBs kept, and the snapshot read back
// as written or refused when damaged.

#include "refdata/postcode_icbs.hpp"

#include <gtest/gtest.h>

namespace did::refdata {
namespace {

PostcodeIcbs Sample() {
    PostcodeIcbs icbs;
    icbs.Add("LS1 4AP", "E54000054");
    icbs.Add("SW1A 1AA", "E54000027");
    icbs.Add("LS2 7EW", "E54000054");
    icbs.Add("CF10 1AA", "W11000028");  // a Welsh health board: not an English ICB
    icbs.Add("EH1 1YZ", "");            // none given
    EXPECT_TRUE(icbs.Finish());
    return icbs;
}

TEST(PostcodeIcbsTest, APostcodeIsFoundInAnySpacingAndOnlyEnglishIcbsAreKept) {
    const PostcodeIcbs icbs = Sample();
    EXPECT_EQ(icbs.size(), 3u);
    EXPECT_EQ(icbs.Of("LS1 4AP"), "E54000054");
    EXPECT_EQ(icbs.Of("LS14AP"), "E54000054");
    EXPECT_EQ(icbs.Of("SW1A1AA"), "E54000027");
    EXPECT_EQ(icbs.Of("LS2 7EW"), "E54000054");
    EXPECT_EQ(icbs.Of("CF10 1AA"), "");
    EXPECT_EQ(icbs.Of("EH1 1YZ"), "");
    EXPECT_EQ(icbs.Of("M1 1AE"), "");  // not in the directory
}

TEST(PostcodeIcbsTest, TheSnapshotIsReadBackAsWrittenAndRefusedWhenDamaged) {
    const std::string bytes = Sample().ToBytes();
    const auto read = PostcodeIcbs::FromBytes(bytes);
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->size(), 3u);
    EXPECT_EQ(read->Of("SW1A 1AA"), "E54000027");
    EXPECT_EQ(read->Of("LS2 7EW"), "E54000054");
    EXPECT_FALSE(PostcodeIcbs::FromBytes(bytes.substr(0, bytes.size() - 1)));
    EXPECT_FALSE(PostcodeIcbs::FromBytes("XXXX" + bytes.substr(4)));
    std::string bad_index = bytes;
    bad_index[bad_index.size() - 1] = '\x7f';  // the last entry's ICB, far past the two there are
    EXPECT_FALSE(PostcodeIcbs::FromBytes(bad_index));
    EXPECT_FALSE(PostcodeIcbs::FromBytes(""));
}

}  // namespace
}  // namespace did::refdata
