#include "refdata/postcode_icbs.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "refdata/postcode_directory.hpp"

namespace did::refdata {
namespace {

constexpr std::string_view kMagic = "ICB1";
constexpr size_t kEntryBytes = 10;  // key, index

bool IsEnglishIcb(std::string_view code) {
    return code.size() == 9 && code.substr(0, 3) == "E54";
}

template <class T>
void Put(std::string& out, T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <class T>
bool Take(std::string_view& in, T& value) {
    if (in.size() < sizeof value) return false;
    std::memcpy(&value, in.data(), sizeof value);
    in.remove_prefix(sizeof value);
    return true;
}

}  // namespace

void PostcodeIcbs::Add(std::string_view postcode, std::string_view icb) {
    if (!IsEnglishIcb(icb)) return;
    // A directory lists each ICB's postcodes together, so the last one is checked first.
    size_t index = icbs_.size();
    if (!icbs_.empty() && icbs_.back() == icb) {
        index = icbs_.size() - 1;
    } else {
        const auto found = std::find(icbs_.begin(), icbs_.end(), icb);
        index = static_cast<size_t>(found - icbs_.begin());
        if (found == icbs_.end()) icbs_.emplace_back(icb);
    }
    entries_.push_back(
        {PostcodeDirectory::KeyOf(postcode), static_cast<uint16_t>(std::min<size_t>(index, UINT16_MAX))});
}

core::Status PostcodeIcbs::Finish() {
    if (icbs_.size() > std::numeric_limits<uint16_t>::max()) {
        return core::Fail(core::Error::InvalidArgument("the postcode directory names more than 65,535 ICBs"));
    }
    std::stable_sort(entries_.begin(), entries_.end());
    return {};
}

std::string_view PostcodeIcbs::Of(std::string_view postcode) const {
    const Entry wanted{PostcodeDirectory::KeyOf(postcode), 0};
    const auto found = std::lower_bound(entries_.begin(), entries_.end(), wanted);
    if (found == entries_.end() || found->key != wanted.key) return {};
    return icbs_[found->icb];
}

std::string PostcodeIcbs::ToBytes() const {
    std::string out(kMagic);
    Put(out, static_cast<uint32_t>(icbs_.size()));
    for (const std::string& icb : icbs_) out.append(icb);  // each nine characters
    Put(out, static_cast<uint64_t>(entries_.size()));
    out.reserve(out.size() + entries_.size() * kEntryBytes);
    for (const Entry& e : entries_) {
        Put(out, e.key);
        Put(out, e.icb);
    }
    return out;
}

core::Result<PostcodeIcbs> PostcodeIcbs::FromBytes(std::string_view bytes) {
    auto damaged = [] { return core::Fail(core::Error::Corruption("the postcode ICB snapshot is damaged")); };
    if (bytes.substr(0, kMagic.size()) != kMagic) return damaged();
    bytes.remove_prefix(kMagic.size());
    PostcodeIcbs out;
    uint32_t icbs = 0;
    if (!Take(bytes, icbs) || bytes.size() < size_t{icbs} * 9) return damaged();
    for (uint32_t i = 0; i < icbs; ++i) {
        out.icbs_.emplace_back(bytes.substr(0, 9));
        bytes.remove_prefix(9);
    }
    uint64_t entries = 0;
    if (!Take(bytes, entries) || bytes.size() != entries * kEntryBytes) return damaged();
    out.entries_.resize(entries);
    for (Entry& e : out.entries_) {
        if (!Take(bytes, e.key) || !Take(bytes, e.icb) || e.icb >= icbs) return damaged();
    }
    if (!std::is_sorted(out.entries_.begin(), out.entries_.end())) return damaged();
    return out;
}

}  // namespace did::refdata
