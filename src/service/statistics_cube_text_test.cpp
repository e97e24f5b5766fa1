// The text a file's statistics cube is kept in: what is written is read back exactly, and
// damaged or foreign text is refused with a message, never read as figures.

#include "service/statistics_cube_text.hpp"

#include <gtest/gtest.h>

namespace did::service {
namespace {

FileCube Sample() {
    FileCube cube;
    cube.names = {"Plain Radiography", "XCHES", "04", "unknown"};
    // Not known, then waits far apart (the step between days is what is written), and counts
    // that need several digits.
    cube.days = {{-1, 3}, {0, 1'000'000}, {31, 7}, {3660, 1}, {2, 40}};
    cube.series = {{0, 2, 1, true, 0, 4}, {0, 3, 0, false, 4, 1}};
    cube.codes = {{1, 0, 1'000'051}};
    return cube;
}

TEST(StatisticsCubeTextTest, ACubeIsReadBackAsItWasWritten) {
    const FileCube written = Sample();
    const auto text = EncodeFileCube(written);
    ASSERT_TRUE(text) << text.error().message;
    EXPECT_EQ(text->substr(0, 2), "C1");
    for (const char c : *text) EXPECT_TRUE(c >= 0x20 && c <= 0x7e) << static_cast<int>(c);
    FileCube read;
    ASSERT_TRUE(DecodeFileCube(*text, read));
    EXPECT_EQ(read.names, written.names);
    ASSERT_EQ(read.series.size(), written.series.size());
    for (size_t i = 0; i < read.series.size(); ++i) {
        EXPECT_EQ(read.series[i].modality, written.series[i].modality);
        EXPECT_EQ(read.series[i].setting, written.series[i].setting);
        EXPECT_EQ(read.series[i].group, written.series[i].group);
        EXPECT_EQ(read.series[i].request_to_test, written.series[i].request_to_test);
        EXPECT_EQ(read.series[i].first, written.series[i].first);
        EXPECT_EQ(read.series[i].size, written.series[i].size);
    }
    ASSERT_EQ(read.days.size(), written.days.size());
    for (size_t i = 0; i < read.days.size(); ++i) {
        EXPECT_EQ(read.days[i].days, written.days[i].days);
        EXPECT_EQ(read.days[i].examinations, written.days[i].examinations);
    }
    ASSERT_EQ(read.codes.size(), 1u);
    EXPECT_EQ(read.codes[0].examinations, 1'000'051);
    // Read again into the same cube: nothing of the first read is left over.
    ASSERT_TRUE(DecodeFileCube(*text, read));
    EXPECT_EQ(read.days.size(), written.days.size());
}

TEST(StatisticsCubeTextTest, AnEmptyCubeIsReadBackEmpty) {
    const auto text = EncodeFileCube({});
    ASSERT_TRUE(text);
    FileCube read = Sample();
    ASSERT_TRUE(DecodeFileCube(*text, read));
    EXPECT_TRUE(read.names.empty() && read.series.empty() && read.days.empty() && read.codes.empty());
}

TEST(StatisticsCubeTextTest, DamagedTextIsRefusedAndSaysWhere) {
    const std::string text = *EncodeFileCube(Sample());
    FileCube read;
    for (size_t cut = 0; cut < text.size(); ++cut) {
        EXPECT_FALSE(DecodeFileCube(text.substr(0, cut), read)) << "cut at " << cut;
    }
    EXPECT_FALSE(DecodeFileCube(text + "0", read));  // something after the end
    std::string foreign = text;
    foreign[0] = 'D';
    const auto refused = DecodeFileCube(foreign, read);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().message.find("another version"), std::string::npos) << refused.error().message;
    std::string bad_digit = text;
    bad_digit[2] = '*';
    const auto damaged = DecodeFileCube(bad_digit, read);
    ASSERT_FALSE(damaged);
    EXPECT_NE(damaged.error().message.find("damaged near character 2"), std::string::npos) << damaged.error().message;
    // A count larger than the text could hold is refused before anything is sized by it.
    EXPECT_FALSE(DecodeFileCube("C1_____3", read));
    // One name "A", one series, one cell: well formed, then with a step of days past any wait,
    // a number past 64 bits, and examinations past what an int64_t holds.
    EXPECT_TRUE(
        DecodeFileCube("C1"
                       "1"
                       "1A"
                       "1"
                       "0000"
                       "1"
                       "1"
                       "1"
                       "0",
                       read));
    EXPECT_EQ(read.days[0].days, 0);
    EXPECT_FALSE(
        DecodeFileCube("C1"
                       "1"
                       "1A"
                       "1"
                       "0000"
                       "1"
                       "_____0"
                       "1"
                       "0",
                       read));
    EXPECT_FALSE(
        DecodeFileCube("C1"
                       "1"
                       "1A"
                       "1"
                       "0000"
                       "1"
                       "1"
                       "____________G"
                       "0",
                       read));
    EXPECT_FALSE(
        DecodeFileCube("C1"
                       "1"
                       "1A"
                       "1"
                       "0000"
                       "1"
                       "1"
                       "____________F"
                       "0",
                       read));
    EXPECT_TRUE(
        DecodeFileCube("C1"
                       "1"
                       "1A"
                       "1"
                       "0000"
                       "1"
                       "1"
                       "____________7"
                       "0",
                       read));
    EXPECT_EQ(read.days[0].examinations, INT64_MAX);
}

TEST(StatisticsCubeTextTest, ANameThatIsNotPrintableAsciiIsNotWritten) {
    FileCube cube;
    cube.names = {"Plain\nRadiography"};
    EXPECT_FALSE(EncodeFileCube(cube));
    cube.names = {"caf\xc3\xa9"};
    EXPECT_FALSE(EncodeFileCube(cube));
}

}  // namespace
}  // namespace did::service
