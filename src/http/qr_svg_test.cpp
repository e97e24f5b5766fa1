#include "http/qr_svg.hpp"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <regex>
#include <set>
#include <string>
#include <utility>

namespace did::http {
namespace {

constexpr std::string_view kUri =
    "otpauth://totp/DID%20Collect:jane.smith%40nhs.net?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    "&issuer=DID%20Collect&algorithm=SHA1&digits=6&period=30";

// The dark modules libqrencode itself reports for `text` at level M, as (x, y).
std::set<std::pair<int, int>> LibqrencodeDark(std::string_view text) {
    QRcode* code = QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()),
                                     0, QR_ECLEVEL_M);
    EXPECT_NE(code, nullptr);
    std::set<std::pair<int, int>> dark;
    if (code == nullptr) return dark;
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if ((code->data[y * code->width + x] & 1) != 0) dark.emplace(x, y);
        }
    }
    QRcode_free(code);
    return dark;
}

// The squares the SVG's path draws, moved back out of the quiet zone; fails the test on any
// path command other than a unit square.
std::set<std::pair<int, int>> PathSquares(const std::string& svg) {
    const std::string marker = R"(<path fill="#000" d=")";
    const size_t start = svg.find(marker);
    EXPECT_NE(start, std::string::npos);
    if (start == std::string::npos) return {};
    const size_t from = start + marker.size();
    const std::string path = svg.substr(from, svg.find('"', from) - from);
    static const std::regex square(R"(M(\d+) (\d+)h1v1h-1z)");
    std::set<std::pair<int, int>> squares;
    size_t covered = 0;
    for (auto it = std::sregex_iterator(path.begin(), path.end(), square); it != std::sregex_iterator(); ++it) {
        EXPECT_EQ(static_cast<size_t>(it->position()), covered) << "unexpected path text at " << covered;
        covered = static_cast<size_t>(it->position() + it->length());
        squares.emplace(std::stoi((*it)[1]) - 4, std::stoi((*it)[2]) - 4);
    }
    EXPECT_EQ(covered, path.size());
    return squares;
}

TEST(QrSvgTest, DrawsEveryDarkModuleOnceInsideTheQuietZone) {
    const auto svg = QrSvg(kUri, "QR code");
    ASSERT_TRUE(svg) << svg.error().message;
    const auto expected = LibqrencodeDark(kUri);
    ASSERT_FALSE(expected.empty());
    const auto drawn = PathSquares(*svg);
    EXPECT_EQ(drawn.size(), expected.size());
    EXPECT_EQ(drawn, expected);

    const auto modules = EncodeQr(kUri);
    ASSERT_TRUE(modules);
    const int side = modules->width + 8;
    EXPECT_NE(svg->find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side) + "\""), std::string::npos)
        << *svg;
}

TEST(QrSvgTest, IsAnSvgWithARoleAndATitle) {
    const auto svg = QrSvg("hello", "Scan this with your authenticator app");
    ASSERT_TRUE(svg);
    EXPECT_TRUE(svg->starts_with(R"(<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox=")"))
        << *svg;
    EXPECT_TRUE(svg->ends_with("</svg>"));
    EXPECT_NE(svg->find(R"(role="img")"), std::string::npos);
    EXPECT_NE(svg->find("<title>Scan this with your authenticator app</title>"), std::string::npos);
    EXPECT_NE(svg->find(R"(<rect width="100%" height="100%" fill="#fff"/>)"), std::string::npos);
    // The title comes first, so that a screen reader takes it as the image's name.
    EXPECT_LT(svg->find("<title>"), svg->find("<rect"));
}

TEST(QrSvgTest, EscapesTheTitle) {
    const auto svg = QrSvg("hello", "<&>\"' code\x01");
    ASSERT_TRUE(svg);
    EXPECT_NE(svg->find("<title>&lt;&amp;&gt;&quot;&#39; code</title>"), std::string::npos) << *svg;
}

TEST(QrSvgTest, EncodesBytesAfterANul) {
    const std::string with_nul("a\0b", 3);
    const auto svg = QrSvg(with_nul, "QR code");
    ASSERT_TRUE(svg);
    EXPECT_EQ(PathSquares(*svg), LibqrencodeDark(with_nul));
    EXPECT_NE(PathSquares(*svg), LibqrencodeDark("a"));
}

TEST(QrSvgTest, RefusesEmptyAndOverLongText) {
    const auto empty = QrSvg("", "QR code");
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, core::ErrorCode::kInvalidArgument);
    const auto too_long = QrSvg(std::string(kMaxQrTextBytes + 1, 'a'), "QR code");
    ASSERT_FALSE(too_long);
    EXPECT_EQ(too_long.error().code, core::ErrorCode::kInvalidArgument);
    const auto longest = QrSvg(std::string(kMaxQrTextBytes, 'a'), "QR code");
    EXPECT_TRUE(longest) << longest.error().message;
}

}  // namespace
}  // namespace did::http
