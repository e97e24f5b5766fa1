// The QR code an authenticator app scans at enrolment, drawn as an inline SVG (libqrencode,
// error correction level M): crisp at any zoom, no image file to serve, and labelled for
// screen readers. Pure functions; safe from any thread.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::http {

// The longest text encoded: an otpauth URI is about 150 bytes; the largest code at level M
// holds 2331.
inline constexpr size_t kMaxQrTextBytes = 2000;

// The symbol's modules, row by row, without the quiet zone.
struct QrModules {
    int width = 0;
    std::vector<bool> dark;  // width × width

    bool Dark(int x, int y) const {
        return dark[static_cast<size_t>(y) * static_cast<size_t>(width) + static_cast<size_t>(x)];
    }
};

// `text`'s bytes as a QR code at level M. Fails for empty text, text over kMaxQrTextBytes, or
// when libqrencode does (out of memory).
core::Result<QrModules> EncodeQr(std::string_view text);

// An <svg> 200 × 200 pixels with a 4-module quiet zone on a white background, one black square
// per dark module in a single <path>, role="img" and a <title> (`title`, escaped) that a screen
// reader speaks.
std::string RenderQrSvg(const QrModules& modules, std::string_view title);

// EncodeQr then RenderQrSvg.
core::Result<std::string> QrSvg(std::string_view text, std::string_view title);

}  // namespace did::http
