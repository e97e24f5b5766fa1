#include "http/qr_svg.hpp"

#include <fmt/format.h>
#include <qrencode.h>

#include <memory>

namespace did::http {
namespace {

// The white border a scanner needs to find the symbol (ISO/IEC 18004: 4 modules).
constexpr int kQuietZone = 4;
constexpr int kPixels = 200;

struct QrcodeFree {
    void operator()(QRcode* code) const { QRcode_free(code); }
};

// Text for XML character data and attribute values. Control characters other than tab and
// line ends are not allowed in XML 1.0 at all, so they are dropped.
void AppendXmlEscaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
                out += c;
        }
    }
}

}  // namespace

core::Result<QrModules> EncodeQr(std::string_view text) {
    if (text.empty()) return core::Fail(core::Error::InvalidArgument("nothing to put in a QR code"));
    if (text.size() > kMaxQrTextBytes) {
        return core::Fail(core::Error::InvalidArgument(
            fmt::format("{} bytes is too long for a QR code (at most {})", text.size(), kMaxQrTextBytes)));
    }
    // encodeData takes a length, so a NUL byte is encoded rather than ending the text; version 0
    // lets libqrencode pick the smallest symbol that holds it.
    const std::unique_ptr<QRcode, QrcodeFree> code(QRcode_encodeData(
        static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
    if (!code) return core::Fail(core::Error::Internal("libqrencode could not encode the text"));
    QrModules modules;
    modules.width = code->width;
    const auto count = static_cast<size_t>(code->width) * static_cast<size_t>(code->width);
    modules.dark.resize(count);
    // Bit 0 of each byte is the module's colour; the other bits say what part of the symbol it is.
    for (size_t i = 0; i < count; ++i) modules.dark[i] = (code->data[i] & 1U) != 0;
    return modules;
}

std::string RenderQrSvg(const QrModules& modules, std::string_view title) {
    const int side = modules.width + 2 * kQuietZone;
    std::string svg =
        fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{0}" viewBox="0 0 {1} {1}" )"
                    R"(role="img" shape-rendering="crispEdges"><title>)",
                    kPixels, side);
    AppendXmlEscaped(svg, title);
    svg += R"(</title><rect width="100%" height="100%" fill="#fff"/><path fill="#000" d=")";
    for (int y = 0; y < modules.width; ++y) {
        for (int x = 0; x < modules.width; ++x) {
            if (modules.Dark(x, y))
                fmt::format_to(std::back_inserter(svg), "M{} {}h1v1h-1z", x + kQuietZone, y + kQuietZone);
        }
    }
    svg += R"("/></svg>)";
    return svg;
}

core::Result<std::string> QrSvg(std::string_view text, std::string_view title) {
    auto modules = EncodeQr(text);
    if (!modules) return core::Fail(std::move(modules.error()));
    return RenderQrSvg(*modules, title);
}

}  // namespace did::http
