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
    keys_.push_back(PostcodeDirectory::KeyOf(postcode));
    of_key_.push_back(static_cast<uint16_t>(std::min<size_t>(index, UINT16_MAX)));
}

core::Status PostcodeIcbs::Finish() {
    if (icbs_.size() > std::numeric_limits<uint16_t>::max()) {
        return core::Fail(core::Error::InvalidArgument("the postcode directory names more than 65,535 ICBs"));
    }
    // Sorted by key, each ICB moving with its postcode (a directory lists a postcode once).
    std::vector<size_t> order(keys_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return keys_[a] < keys_[b]; });
    std::vector<uint64_t> keys(keys_.size());
    std::vector<uint16_t> of_key(of_key_.size());
    for (size_t i = 0; i < order.size(); ++i) {
        keys[i] = keys_[order[i]];
        of_key[i] = of_key_[order[i]];
    }
    keys_ = std::move(keys);
    of_key_ = std::move(of_key);
    return {};
}

std::string_view PostcodeIcbs::Of(std::string_view postcode) const {
    const uint64_t key = PostcodeDirectory::KeyOf(postcode);
    const auto found = std::lower_bound(keys_.begin(), keys_.end(), key);
    if (found == keys_.end() || *found != key) return {};
    return icbs_[of_key_[static_cast<size_t>(found - keys_.begin())]];
}

std::string PostcodeIcbs::ToBytes() const {
    std::string out(kMagic);
    Put(out, static_cast<uint32_t>(icbs_.size()));
    for (const std::string& icb : icbs_) out.append(icb);  // each nine characters
    Put(out, static_cast<uint64_t>(keys_.size()));
    out.reserve(out.size() + keys_.size() * kEntryBytes);
    for (size_t i = 0; i < keys_.size(); ++i) {
        Put(out, keys_[i]);
        Put(out, of_key_[i]);
    }
    return out;
}

core::Result<PostcodeIcbs> PostcodeIcbs::FromBytes(std::string_view bytes) {
    auto damaged = [] { return core::Fail(core::Error::Corruption("the postcode ICB snapshot is damaged")); };
    if (bytes.substr(0, kMagic.size()) != kMagic) return damaged();
    bytes.remove_prefix(kMagic.size());
    PostcodeIcbs out;
    uint32_t icbs = 0;
    if (!Take(bytes, icbs) || bytes.size() / 9 < icbs) return damaged();
    for (uint32_t i = 0; i < icbs; ++i) {
        out.icbs_.emplace_back(bytes.substr(0, 9));
        bytes.remove_prefix(9);
    }
    uint64_t entries = 0;
    if (!Take(bytes, entries) || entries != bytes.size() / kEntryBytes || bytes.size() % kEntryBytes != 0) {
        return damaged();
    }
    out.keys_.resize(entries);
    out.of_key_.resize(entries);
    for (size_t i = 0; i < entries; ++i) {
        if (!Take(bytes, out.keys_[i]) || !Take(bytes, out.of_key_[i]) || out.of_key_[i] >= icbs) return damaged();
    }
    if (!std::is_sorted(out.keys_.begin(), out.keys_.end())) return damaged();
    return out;
}

}  // namespace did::refdata
