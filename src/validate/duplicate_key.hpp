// The byte form of an (accession number, site code) pair for DIDS071: the site's length
// as a varint, the site, then the accession number. Unambiguous whatever bytes the two
// values hold, and short. Pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace did::validate {

inline void AppendVarint(std::string& out, uint64_t value) {
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7F) | 0x80);
        value >>= 7;
    }
    out += static_cast<char>(value);
}

// Reads a varint at `p`, advancing it.
inline uint64_t ReadVarint(const char*& p) {
    uint64_t value = 0;
    for (int shift = 0;; shift += 7) {
        const auto byte = static_cast<uint8_t>(*p++);
        value |= static_cast<uint64_t>(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0) return value;
    }
}

inline void AppendDuplicateKey(std::string& out, std::string_view site, std::string_view accession) {
    if (site.size() < 0x80) {
        // One size byte: the usual case (site codes are five characters), without the loop.
        const size_t at = out.size();
        out.resize(at + 1 + site.size() + accession.size());
        out[at] = static_cast<char>(site.size());
        site.copy(out.data() + at + 1, site.size());
        accession.copy(out.data() + at + 1 + site.size(), accession.size());
        return;
    }
    AppendVarint(out, site.size());
    out.append(site);
    out.append(accession);
}

struct DuplicateKeyParts {
    std::string_view site;
    std::string_view accession;
};

inline DuplicateKeyParts SplitDuplicateKey(std::string_view key) {
    const char* p = key.data();
    const auto site_size = static_cast<size_t>(ReadVarint(p));
    const auto header = static_cast<size_t>(p - key.data());
    return {key.substr(header, site_size), key.substr(header + site_size)};
}

}  // namespace did::validate
