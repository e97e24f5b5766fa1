#include "core/postcode.hpp"

namespace did::core {
namespace {

inline bool IsUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
inline bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

bool IsOutward(std::string_view o) {
    switch (o.size()) {
        case 2:
            return IsUpper(o[0]) && IsDigit(o[1]);
        case 3:
            return IsUpper(o[0]) &&
                   ((IsDigit(o[1]) && (IsDigit(o[2]) || IsUpper(o[2]))) || (IsUpper(o[1]) && IsDigit(o[2])));
        case 4:
            return IsUpper(o[0]) && IsUpper(o[1]) && IsDigit(o[2]) && (IsDigit(o[3]) || IsUpper(o[3]));
        default:
            return false;
    }
}

bool IsInward(std::string_view i) {
    return i.size() == 3 && IsDigit(i[0]) && IsUpper(i[1]) && IsUpper(i[2]);
}

std::string_view Outward(std::string_view text) {
    std::string_view outward = text.substr(0, text.size() - 3);
    while (!outward.empty() && outward.back() == ' ') outward.remove_suffix(1);
    return outward;
}

}  // namespace

bool IsPostcodeFormat(std::string_view text) {
    if (text.size() < 5 || text.size() > 8) return false;
    const std::string_view inward = text.substr(text.size() - 3);
    const std::string_view outward = Outward(text);
    if (outward == "GIR" && inward == "0AA") return true;  // Girobank's non-geographic postcode
    return IsOutward(outward) && IsInward(inward);
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
    while (letters < text.size() && IsUpper(text[letters])) ++letters;
    return text.substr(0, letters);
}

}  // namespace did::core
