#include "ingest/xml/plain_reader.hpp"

#include <emmintrin.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace did::ingest::xml {
namespace {

// What each byte is to the scanner: letters make names; in text, kPlain bytes are kept as they
// are, kLineFeed is counted and the rest (kOther) is looked at one by one.
enum ByteClass : uint8_t { kPlain, kLineFeed, kOther };

constexpr std::array<uint8_t, 256> kText = [] {
    std::array<uint8_t, 256> text{};
    for (int c = 0; c < 256; ++c) {
        const bool plain = (c >= 0x20 && c < 0x7F && c != '<' && c != '&' && c != ']') || c == '\t';
        text[static_cast<size_t>(c)] = plain ? kPlain : c == '\n' ? kLineFeed : kOther;
    }
    return text;
}();

size_t ByteOf(const char* p) {
    return static_cast<unsigned char>(*p);
}

// A bit for each of the 16 bytes at `p` that is not kPlain text other than a tab: a control
// character, DEL or a byte above 0x7F (signed, all below 0x20), '<', '&' or ']'.
int NotPlain(const char* p) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    __m128i odd = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
    odd = _mm_or_si128(odd, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x7F)));
    odd = _mm_or_si128(odd, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('<')));
    odd = _mm_or_si128(odd, _mm_cmpeq_epi8(bytes, _mm_set1_epi8('&')));
    odd = _mm_or_si128(odd, _mm_cmpeq_epi8(bytes, _mm_set1_epi8(']')));
    return _mm_movemask_epi8(odd);
}

// Finds the '<' that ends the text starting at `from`, counting the LFs on the way; null at
// anything expat might read otherwise than as these bytes (a reference, a CR that is not part
// of a CRLF, a byte above 0x7F, a control character XML does not allow, "]]>") or, outside an
// item, anything but white space; `end` when the buffer ends first. One pass over the bytes.
const char* PlainText(const char* from, const char* end, bool item, bool& has_control, uint64_t& lines) {
    const char* p = from;
    if (item) {
        // Sixteen bytes at a time while they are all plain; the first that is not (usually
        // the '<' of the end tag) is looked at by the loop below.
        while (end - p >= 16) {
            const int mask = NotPlain(p);
            if (mask == 0) {
                p += 16;
                continue;
            }
            p += std::countr_zero(static_cast<unsigned>(mask));
            if (*p == '<') return p;
            break;
        }
        while (p < end) {
            const uint8_t c = kText[ByteOf(p)];
            if (c == kPlain) {
                has_control |= *p == '\t';
                ++p;
            } else if (c == kLineFeed) {
                has_control = true;  // a line feed in a value is a control character too
                ++lines;
                ++p;
            } else {
                return *p == '<' ? p : nullptr;
            }
        }
        return end;
    }
    // Between tags: usually a line feed and an indent of spaces, sixteen bytes at a time.
    if (end - p >= 17) {
        if (*p == '\n') {
            ++lines;
            ++p;
        }
        const int spaces =
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), _mm_set1_epi8(' ')));
        if (spaces != 0xFFFF) {
            p += std::countr_one(static_cast<unsigned>(spaces));
            if (*p == '<') return p;
        }
    }
    for (; p < end; ++p) {
        if (*p == ' ' || *p == '\t') continue;
        if (*p == '\n') {
            ++lines;
        } else if (*p == '<') {
            return p;
        } else if (*p != '\r' || p + 1 >= end || p[1] != '\n') {
            return nullptr;
        }
    }
    return end;
}

// The names of the structure, each followed by '>' and padded to 32 bytes, so that a tag in
// the file is checked with two 16-byte comparisons: a start tag found by the hash of its
// length and end letters (as FindElement), an end tag against the element it closes.
struct TagName {
    alignas(16) std::array<char, 32> bytes{};  // the name, '>', then NULs
    uint32_t mask = 0;                         // a bit for each byte that must match
    std::string_view name;                     // into the structure's table: lives forever
    std::optional<ElementInfo> info;
};

class TagNames {
  public:
    TagNames() {
        std::vector<std::string_view> names = {"DIDS", "DIDSRecord"};
        for (const Element group :
             {Element::kPersonalAndDemographics, Element::kReferrals, Element::kImagingActivity}) {
            names.push_back(GroupName(group));
        }
        for (const core::Field field : core::kAllFields) names.push_back(ItemName(field));
        for (const std::string_view name : names) {
            TagName& tag = tags_[count_];
            std::memcpy(tag.bytes.data(), name.data(), name.size());
            tag.bytes[name.size()] = '>';
            tag.mask = name.size() + 1 == 32 ? ~0U : (1U << (name.size() + 1)) - 1;
            tag.name = name;
            tag.info = FindElement(name);
            size_t slot = Hash(name.size(), name.front(), name.back());
            while (slots_[slot] != 0) slot = (slot + 1) % kSlots;
            slots_[slot] = static_cast<uint8_t>(++count_);
        }
    }

    // The name of the structure that `at` starts with, followed by '>', or null. `at` has at
    // least 32 bytes after it.
    const TagName* Match(const char* at) const {
        const __m128i low = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
        const __m128i high = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16));
        const uint32_t close = Mask(_mm_cmpeq_epi8(low, _mm_set1_epi8('>')), _mm_cmpeq_epi8(high, _mm_set1_epi8('>')));
        if (close == 0) return nullptr;
        const auto size = static_cast<size_t>(std::countr_zero(close));
        if (size == 0) return nullptr;
        for (size_t slot = Hash(size, at[0], at[size - 1]); slots_[slot] != 0; slot = (slot + 1) % kSlots) {
            const TagName& tag = tags_[slots_[slot] - 1];
            if (Equal(tag, low, high)) return &tag;
        }
        return nullptr;
    }

    // The name of the structure `name` is, or null; for the last bytes of a buffer.
    const TagName* Find(std::string_view name) const {
        for (size_t i = 0; i < count_; ++i) {
            if (tags_[i].name == name) return &tags_[i];
        }
        return nullptr;
    }

    // Whether `at` (32 bytes readable) starts with `tag`'s name and '>'.
    static bool Matches(const TagName& tag, const char* at) {
        return Equal(tag, _mm_loadu_si128(reinterpret_cast<const __m128i*>(at)),
                     _mm_loadu_si128(reinterpret_cast<const __m128i*>(at + 16)));
    }

  private:
    static constexpr size_t kSlots = 64;

    static size_t Hash(size_t size, char first, char last) {
        return (size * 31 + size_t{static_cast<unsigned char>(first)} * 7 + size_t{static_cast<unsigned char>(last)}) %
               kSlots;
    }
    static uint32_t Mask(__m128i low, __m128i high) {
        return static_cast<uint32_t>(_mm_movemask_epi8(low)) | (static_cast<uint32_t>(_mm_movemask_epi8(high)) << 16);
    }
    static bool Equal(const TagName& tag, __m128i low, __m128i high) {
        const uint32_t same =
            Mask(_mm_cmpeq_epi8(low, _mm_load_si128(reinterpret_cast<const __m128i*>(tag.bytes.data()))),
                 _mm_cmpeq_epi8(high, _mm_load_si128(reinterpret_cast<const __m128i*>(tag.bytes.data() + 16))));
        return (same & tag.mask) == tag.mask;
    }

    std::array<TagName, 32> tags_{};
    size_t count_ = 0;
    std::array<uint8_t, kSlots> slots_{};  // 1 + index into tags_; 0 for an empty slot
};

const TagNames& Names() {
    static const TagNames names;
    return names;
}

}  // namespace

bool ReadPlainChunk(std::string_view buffer, size_t begin, size_t stop, bool at_eof, RecordBuilder& builder,
                    validate::ChunkResult& out) {
    const char* const base = buffer.data();
    const char* const end = base + buffer.size();
    const char* p = base + begin;
    uint64_t line = 0;
    size_t boundary = begin;  // after the last DIDSRecord closed
    uint64_t boundary_line = 0;
    const TagNames& names = Names();
    std::array<const TagName*, kMaxDepth + 2> open{};
    if (!builder.Start("DIDS", false, 0)) return false;
    open[0] = names.Find("DIDS");
    auto need_more_data = [&] {
        if (at_eof) return false;  // a file cut short: expat says so
        out.needs_more_data = true;
        out.end = boundary;
        out.line_breaks = boundary_line;
        return true;
    };
    while (true) {
        const bool in_item = builder.depth() == kMaxDepth;  // DIDS > DIDSRecord > group > item
        bool has_control = false;
        const char* lt = PlainText(p, end, in_item, has_control, line);
        if (lt == nullptr) return false;
        if (builder.depth() == 0) {  // after the root's end tag: white space to the end
            if (lt != end || !at_eof) return false;
            out.end = buffer.size();
            out.line_breaks = line;
            return true;
        }
        if (lt == end) return need_more_data();
        // An item's text, whole and in place: the builder may keep a view of it.
        if (in_item && lt > p && !builder.Text(std::string_view(p, static_cast<size_t>(lt - p)), has_control)) {
            return false;
        }
        const bool closing = lt + 1 < end && lt[1] == '/';
        const char* name = lt + (closing ? 2 : 1);
        const bool room = end - name >= 32;  // for the 32-byte comparisons
        if (closing) {
            // Only the open element's end tag, exactly: no need to look for where it ends.
            const TagName& expected = *open[builder.depth() - 1];
            const size_t size = expected.name.size();
            if (room) {
                if (!TagNames::Matches(expected, name)) return false;
            } else {
                if (static_cast<size_t>(end - name) <= size) return need_more_data();
                if (std::memcmp(name, expected.name.data(), size) != 0 || name[size] != '>') return false;
            }
            p = name + size + 1;
            if (!builder.End()) return false;
            if (builder.closed_record()) {
                boundary = static_cast<size_t>(p - base);
                boundary_line = line;
            }
            continue;
        }
        // A start tag is a name of the structure and '>': anything else (attributes, an empty
        // element, <!--, <?, a name the structure does not have) is not found among the names.
        const TagName* tag = nullptr;
        if (room) {
            tag = names.Match(name);
        } else {
            const char* gt = name;
            while (gt < end && *gt != '>') ++gt;
            if (gt == end) return need_more_data();
            tag = names.Find(std::string_view(name, static_cast<size_t>(gt - name)));
        }
        if (tag == nullptr) return false;
        p = name + tag->name.size() + 1;
        const auto offset = static_cast<size_t>(lt - base);
        if (builder.depth() == 1 && offset >= stop && tag->info->element == Element::kDidsRecord) {
            out.end = offset;  // the next chunk's first record
            out.line_breaks = line;
            return true;
        }
        if (builder.depth() > kMaxDepth || !builder.Start(*tag->info, tag->name, line)) return false;
        open[builder.depth() - 1] = tag;
    }
}

}  // namespace did::ingest::xml
