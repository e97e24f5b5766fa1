#include "http/target.hpp"

#include <optional>

namespace did::http {
namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// `plus_is_space`: a form's encoding; a path keeps '+' as it is.
std::optional<std::string> Decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = HexValue(text[i + 1]);
            const int lo = HexValue(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

bool HasControl(std::string_view text) {
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7f) return true;
    }
    return false;
}

}  // namespace

core::Result<std::map<std::string, std::string>> ParseUrlEncoded(std::string_view text) {
    std::map<std::string, std::string> values;
    while (!text.empty()) {
        const size_t amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        auto name = Decode(pair.substr(0, eq), true);
        auto value = Decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
        if (!name || !value) return core::Fail(core::Error::InvalidArgument("a form value is not well encoded"));
        if (HasControl(*name)) return core::Fail(core::Error::InvalidArgument("a form name holds a control character"));
        values.emplace(std::move(*name), std::move(*value));
    }
    return values;
}

core::Result<Target> ParseTarget(std::string_view target) {
    if (target.empty() || target.front() != '/') {
        return core::Fail(core::Error::InvalidArgument("the request target is not a path"));
    }
    const size_t question = target.find('?');
    const std::string_view raw_path = target.substr(0, question);
    Target parsed;
    // Segment by segment, so that an encoded "/" cannot make two segments of one.
    size_t start = 1;
    parsed.path = "/";
    while (start <= raw_path.size()) {
        const size_t slash = raw_path.find('/', start);
        const std::string_view raw_segment =
            raw_path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        auto segment = Decode(raw_segment, false);
        if (!segment || HasControl(*segment) || segment->find('/') != std::string::npos ||
            segment->find('\\') != std::string::npos || *segment == "." || *segment == "..") {
            return core::Fail(core::Error::InvalidArgument("the request path is not allowed"));
        }
        if (parsed.path.size() > 1) parsed.path += '/';
        parsed.path += *segment;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
        if (start == raw_path.size()) break;  // a trailing slash is ignored
    }
    if (question != std::string_view::npos) {
        auto query = ParseUrlEncoded(target.substr(question + 1));
        if (!query) return core::Fail(query.error());
        parsed.query = std::move(*query);
    }
    return parsed;
}

std::string UrlEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out.push_back(c);
        } else {
            out.push_back('%');
            out.push_back(kHex[byte >> 4]);
            out.push_back(kHex[byte & 15]);
        }
    }
    return out;
}

}  // namespace did::http
