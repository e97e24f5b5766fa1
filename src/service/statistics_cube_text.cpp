#include "service/statistics_cube_text.hpp"

#include <array>

#include "service/day_bands.hpp"

namespace did::service {
namespace {

constexpr std::string_view kVersion = "C1";
constexpr std::string_view kCommissionerVersion = "K1";  // as long as kVersion
// The commissioner cube keeps bucket numbers, so its layout is these bands: a change to them
// must come with a new version (and a migration that counts every file again).
static_assert(DayBands::kStarts == std::array<int, 17>{0, 1, 2, 3, 4, 5, 6, 7, 8, 15, 29, 32, 43, 63, 94, 187, 366},
              "DayBands changed: give kCommissionerVersion a new number");
constexpr std::string_view kAgeSexVersion = "A1";
constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
constexpr uint64_t kMore = 32;  // a digit at or above this is followed by another
constexpr int kDigitBits = 5;
constexpr int64_t kMostDays = int64_t{1} << 20;  // days + 1: far beyond any wait the cube keeps

// Each character's digit value, 255 for a character that is not a digit.
constexpr std::array<uint8_t, 256> DigitValues() {
    std::array<uint8_t, 256> values{};
    for (auto& v : values) v = 255;
    for (size_t i = 0; i < kDigits.size(); ++i)
        values[static_cast<unsigned char>(kDigits[i])] = static_cast<uint8_t>(i);
    return values;
}
constexpr std::array<uint8_t, 256> kDigitValue = DigitValues();

void PutNumber(std::string& out, uint64_t n) {
    while (n >= kMore) {
        out.push_back(kDigits[(n & (kMore - 1)) | kMore]);
        n >>= kDigitBits;
    }
    out.push_back(kDigits[n]);
}

void PutName(std::string& out, std::string_view name) {
    PutNumber(out, name.size());
    out.append(name);
}

// Reads the text front to back; the first thing wrong sticks and every later read gives 0.
class Reader {
  public:
    explicit Reader(std::string_view text) : text_(text) {}

    uint64_t Number() {
        uint64_t n = 0;
        for (int shift = 0; shift < 64; shift += kDigitBits) {
            if (at_ >= text_.size()) return Broken();
            const uint8_t digit = kDigitValue[static_cast<unsigned char>(text_[at_])];
            if (digit == 255) return Broken();
            ++at_;
            n |= uint64_t{digit & (kMore - 1)} << shift;
            if (digit < kMore) {
                // The last digit may not carry bits beyond 64 (the thirteenth digit has 4 of them).
                if (shift == 60 && digit > 15) return Broken();
                return n;
            }
        }
        return Broken();
    }
    // A count of things still to read, each at least `least` characters: more than the text
    // holds is damage, and must not size a vector.
    uint64_t Count(uint64_t least) {
        const uint64_t n = Number();
        if (n > (text_.size() - at_) / least) return Broken();
        return n;
    }
    std::string_view Name() {
        const uint64_t size = Number();
        if (size > text_.size() - at_) {
            Broken();
            return {};
        }
        const std::string_view name = text_.substr(at_, size);
        at_ += size;
        return name;
    }
    // An index into `size` names.
    uint32_t Index(size_t size) {
        const uint64_t n = Number();
        if (n >= size) return static_cast<uint32_t>(Broken());
        return static_cast<uint32_t>(n);
    }
    void Fail() { Broken(); }
    // A count of examinations: at most what an int64_t holds.
    int64_t Examinations() {
        const uint64_t n = Number();
        if (n > static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(Broken());
        return static_cast<int64_t>(n);
    }
    bool Ok() const { return ok_; }
    bool AtEnd() const { return at_ == text_.size(); }
    size_t broken_at() const { return broken_at_; }

  private:
    uint64_t Broken() {
        if (ok_) broken_at_ = at_;
        ok_ = false;
        at_ = text_.size();
        return 0;
    }
    std::string_view text_;
    size_t at_ = 0;
    size_t broken_at_ = 0;
    bool ok_ = true;
};

// The names, counted; fails when one is not printable ASCII.
core::Status PutNames(std::string& out, const std::vector<std::string_view>& names) {
    PutNumber(out, names.size());
    for (const std::string_view name : names) {
        for (const char c : name) {
            if (c < 0x20 || c > 0x7e) {
                return core::Fail(core::Error::Internal("a statistics cube name is not printable ASCII: " +
                                                        std::to_string(static_cast<unsigned char>(c))));
            }
        }
        PutName(out, name);
    }
    return {};
}

core::Status OtherVersion() {
    return core::Fail(core::Error::Internal(
        "a file's statistics cube is of another version: count it again with `did db migrate --recount-statistics`"));
}

// Where `in` (reading `text` after its version) stopped, as a place in `text`.
core::Status Damaged(const Reader& in, std::string_view text) {
    const size_t at = (in.Ok() ? text.size() - kVersion.size() : in.broken_at()) + kVersion.size();
    return core::Fail(core::Error::Internal("a file's statistics cube is damaged near character " + std::to_string(at) +
                                            ": count it again with `did db migrate --recount-statistics`"));
}

}  // namespace

core::Result<std::string> EncodeFileCube(const FileCube& cube) {
    std::string out(kVersion);
    out.reserve(cube.days.size() * 3 + cube.names.size() * 12 + 64);
    if (auto put = PutNames(out, cube.names); !put) return core::Fail(put.error());
    PutNumber(out, cube.series.size());
    for (const CubeSeries& s : cube.series) {
        PutNumber(out, s.modality);
        PutNumber(out, s.setting);
        PutNumber(out, s.group);
        PutNumber(out, s.request_to_test ? 1 : 0);
        PutNumber(out, s.size);
        int64_t previous = 0;  // days + 1 of the cell before
        for (uint32_t i = s.first; i < s.first + s.size; ++i) {
            const DayCount& cell = cube.days[i];
            PutNumber(out, static_cast<uint64_t>(cell.days + 1 - previous));
            PutNumber(out, static_cast<uint64_t>(cell.examinations));
            previous = cell.days + 1;
        }
    }
    PutNumber(out, cube.codes.size());
    for (const CubeCodeCount& c : cube.codes) {
        PutNumber(out, c.code);
        PutNumber(out, c.modality);
        PutNumber(out, static_cast<uint64_t>(c.examinations));
    }
    return out;
}

core::Status DecodeFileCube(std::string_view text, FileCube& cube) {
    cube.names.clear();
    cube.series.clear();
    cube.days.clear();
    cube.codes.clear();
    if (text.substr(0, kVersion.size()) != kVersion) return OtherVersion();
    Reader in(text.substr(kVersion.size()));
    for (uint64_t n = in.Count(1); n > 0 && in.Ok(); --n) cube.names.push_back(in.Name());
    for (uint64_t n = in.Count(5); n > 0 && in.Ok(); --n) {
        CubeSeries s;
        s.modality = in.Index(cube.names.size());
        s.setting = in.Index(cube.names.size());
        s.group = static_cast<uint32_t>(in.Number());
        s.request_to_test = in.Number() != 0;
        const uint64_t cells = in.Count(2);
        s.first = static_cast<uint32_t>(cube.days.size());
        s.size = static_cast<uint32_t>(cells);
        int64_t day = 0;  // days + 1
        for (uint64_t i = 0; i < cells && in.Ok(); ++i) {
            const uint64_t step = in.Number();
            if (step > static_cast<uint64_t>(kMostDays - day)) in.Fail();
            day += static_cast<int64_t>(step);
            cube.days.push_back({static_cast<int32_t>(day - 1), in.Examinations()});
        }
        cube.series.push_back(s);
    }
    for (uint64_t n = in.Count(3); n > 0 && in.Ok(); --n) {
        CubeCodeCount c;
        c.code = in.Index(cube.names.size());
        c.modality = in.Index(cube.names.size());
        c.examinations = in.Examinations();
        cube.codes.push_back(c);
    }
    if (!in.Ok() || !in.AtEnd()) return Damaged(in, text);
    return {};
}

core::Result<std::string> EncodeCommissionerCube(const CommissionerCube& cube) {
    std::string out(kCommissionerVersion);
    out.reserve(cube.cells.size() * 3 + cube.names.size() * 12 + 64);
    if (auto put = PutNames(out, cube.names); !put) return core::Fail(put.error());
    PutNumber(out, cube.series.size());
    for (const CommissionerSeries& s : cube.series) {
        PutNumber(out, s.commissioner);
        PutNumber(out, s.modality);
        PutNumber(out, s.group);
        PutNumber(out, s.gp_direct ? 1 : 0);
        PutNumber(out, s.request_to_test ? 1 : 0);
        PutNumber(out, s.size);
        uint32_t previous = 0;
        for (uint32_t i = s.first; i < s.first + s.size; ++i) {
            PutNumber(out, cube.cells[i].bucket - previous);
            PutNumber(out, static_cast<uint64_t>(cube.cells[i].examinations));
            previous = cube.cells[i].bucket;
        }
    }
    return out;
}

core::Status DecodeCommissionerCube(std::string_view text, CommissionerCube& cube) {
    cube.names.clear();
    cube.series.clear();
    cube.cells.clear();
    if (text.substr(0, kCommissionerVersion.size()) != kCommissionerVersion) return OtherVersion();
    Reader in(text.substr(kCommissionerVersion.size()));
    for (uint64_t n = in.Count(1); n > 0 && in.Ok(); --n) cube.names.push_back(in.Name());
    for (uint64_t n = in.Count(6); n > 0 && in.Ok(); --n) {
        CommissionerSeries s;
        s.commissioner = in.Index(cube.names.size());
        s.modality = in.Index(cube.names.size());
        s.group = static_cast<uint32_t>(in.Number());
        s.gp_direct = in.Number() != 0;
        s.request_to_test = in.Number() != 0;
        const uint64_t cells = in.Count(2);
        s.first = static_cast<uint32_t>(cube.cells.size());
        s.size = static_cast<uint32_t>(cells);
        uint64_t bucket = 0;
        for (uint64_t i = 0; i < cells && in.Ok(); ++i) {
            const uint64_t step = in.Number();
            if (step >= DayBands::kBuckets - bucket) in.Fail();
            bucket += step;
            cube.cells.push_back({static_cast<uint32_t>(bucket), in.Examinations()});
        }
        cube.series.push_back(s);
    }
    if (!in.Ok() || !in.AtEnd()) return Damaged(in, text);
    return {};
}

core::Result<std::string> EncodeAgeSexCube(const AgeSexCube& cube) {
    std::string out(kAgeSexVersion);
    out.reserve(cube.entries.size() * 6 + cube.names.size() * 8 + 64);
    if (auto put = PutNames(out, cube.names); !put) return core::Fail(put.error());
    PutNumber(out, cube.entries.size());
    for (const AgeSexCount& e : cube.entries) {
        PutNumber(out, e.code);
        PutNumber(out, e.age_band);
        PutNumber(out, e.sex);
        PutNumber(out, static_cast<uint64_t>(e.examinations));
    }
    return out;
}

core::Status DecodeAgeSexCube(std::string_view text, AgeSexCube& cube) {
    cube.names.clear();
    cube.entries.clear();
    if (text.substr(0, kAgeSexVersion.size()) != kAgeSexVersion) return OtherVersion();
    Reader in(text.substr(kAgeSexVersion.size()));
    for (uint64_t n = in.Count(1); n > 0 && in.Ok(); --n) cube.names.push_back(in.Name());
    for (uint64_t n = in.Count(4); n > 0 && in.Ok(); --n) {
        AgeSexCount e;
        e.code = in.Index(cube.names.size());
        e.age_band = in.Index(cube.names.size());
        e.sex = in.Index(cube.names.size());
        e.examinations = in.Examinations();
        cube.entries.push_back(e);
    }
    if (!in.Ok() || !in.AtEnd()) return Damaged(in, text);
    return {};
}

}  // namespace did::service
