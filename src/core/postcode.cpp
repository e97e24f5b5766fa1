#include "core/postcode.hpp"

#include <array>
#include <cstdint>

namespace did::core {
namespace {

// What each byte may be, as bits: one table lookup per character. The letter rules are
// Royal Mail's: which letters each position of a postcode is ever given.
enum : uint8_t {
    kDigit = 1U << 0,
    kLetter = 1U << 1,  // any upper-case letter: the shape alone
    kFirst = 1U << 2,   // first letter: never Q, V or X
    kSecond = 1U << 3,  // second letter: never I, J or Z
    kThird = 1U << 4,   // the letter of A9A
    kFourth = 1U << 5,  // the letter of AA9A
    kInward = 1U << 6,  // the inward code's letters: never C, I, K, M, O or V
};

constexpr std::array<uint8_t, 256> kClasses = [] {
    std::array<uint8_t, 256> classes{};
    auto mark = [&](std::string_view letters, uint8_t bit) {
        for (const char c : letters) classes[static_cast<unsigned char>(c)] |= bit;
    };
    mark("0123456789", kDigit);
    mark("ABCDEFGHIJKLMNOPQRSTUVWXYZ", kLetter);
    mark("ABCDEFGHIJKLMNOPRSTUWYZ", kFirst);
    mark("ABCDEFGHKLMNOPQRSTUVWXY", kSecond);
    mark("ABCDEFGHJKPSTUW", kThird);
    mark("ABEHMNPRVWXY", kFourth);
    mark("ABDEFGHJLNPQRSTUWXYZ", kInward);
    return classes;
}();

inline bool Is(char c, unsigned bits) {
    return (kClasses[static_cast<unsigned char>(c)] & bits) != 0;
}

// The bit each letter position must carry: positional for DIDS017, kLetter for the shape alone.
struct LetterRules {
    uint8_t first;
    uint8_t second;
    uint8_t third;
    uint8_t fourth;
    uint8_t inward;
};
constexpr LetterRules kByPosition{kFirst, kSecond, kThird, kFourth, kInward};
constexpr LetterRules kAnyLetter{kLetter, kLetter, kLetter, kLetter, kLetter};

template <const LetterRules& r>
bool IsOutward(std::string_view o) {
    switch (o.size()) {
        case 2:  // A9
            return Is(o[0], r.first) && Is(o[1], kDigit);
        case 3:  // A99, A9A, AA9
            return Is(o[0], r.first) &&
                   ((Is(o[1], kDigit) && Is(o[2], kDigit | r.third)) || (Is(o[1], r.second) && Is(o[2], kDigit)));
        case 4:  // AA99, AA9A
            return Is(o[0], r.first) && Is(o[1], r.second) && Is(o[2], kDigit) && Is(o[3], kDigit | r.fourth);
        default:
            return false;
    }
}

template <const LetterRules& r>
bool IsInward(std::string_view i) {
    return i.size() == 3 && Is(i[0], kDigit) && Is(i[1], r.inward) && Is(i[2], r.inward);
}

std::string_view Outward(std::string_view text) {
    std::string_view outward = text.substr(0, text.size() - 3);
    while (!outward.empty() && outward.back() == ' ') outward.remove_suffix(1);
    return outward;
}

// The rules are a template argument so that each check compiles to its own constant masks.
template <const LetterRules& rules>
bool IsPostcode(std::string_view text) {
    if (text.size() < 5 || text.size() > 8) return false;
    const std::string_view inward = text.substr(text.size() - 3);
    const std::string_view outward = Outward(text);
    if (IsOutward<rules>(outward) && IsInward<rules>(inward)) return true;
    if (outward == "GIR" && inward == "0AA") return true;      // Girobank's non-geographic postcode
    return outward == "ZZ99" && IsInward<kAnyLetter>(inward);  // the NHS's pseudo-postcodes
}

}  // namespace

bool IsPostcodeFormat(std::string_view text) {
    return IsPostcode<kByPosition>(text);
}

bool IsPostcodeShape(std::string_view text) {
    return IsPostcode<kAnyLetter>(text);
}

std::string_view PostcodeLetterFault(std::string_view text) {
    if (!IsPostcodeShape(text) || IsPostcodeFormat(text)) return {};
    const std::string_view outward = Outward(text);
    if (!Is(outward[0], kFirst)) return "the first letter is never Q, V or X";
    if (Is(outward[1], kLetter) && !Is(outward[1], kSecond)) return "the second letter is never I, J or Z";
    if (outward.size() == 3 && Is(outward[2], kLetter) && !Is(outward[2], kThird)) {
        return "a letter third (A9A) is one of A B C D E F G H J K P S T U W";
    }
    if (outward.size() == 4 && Is(outward[3], kLetter) && !Is(outward[3], kFourth)) {
        return "a letter fourth (AA9A) is one of A B E H M N P R V W X Y";
    }
    return "the inward code's letters are never C, I, K, M, O or V";
}

std::string NormalisePostcode(std::string_view text) {
    std::string out(Outward(text));
    out += ' ';
    out += text.substr(text.size() - 3);
    return out;
}

std::string_view PostcodeDistrict(std::string_view text) {
    return Outward(text);
}

std::string_view PostcodeArea(std::string_view text) {
    size_t letters = 0;
    while (letters < text.size() && Is(text[letters], kLetter)) ++letters;
    return text.substr(0, letters);
}

}  // namespace did::core
