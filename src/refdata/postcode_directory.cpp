#include "refdata/postcode_directory.hpp"

#include <algorithm>
#include <cstring>

#include "core/postcode.hpp"

namespace did::refdata {

uint64_t PostcodeDirectory::KeyOf(std::string_view postcode) {
    const std::string normal = core::NormalisePostcode(postcode);
    uint64_t key = 0;
    std::memcpy(&key, normal.data(), std::min<size_t>(normal.size(), 8));
    return key;
}

PostcodeDirectory PostcodeDirectory::FromPostcodes(std::vector<uint64_t> keys) {
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    PostcodeDirectory directory;
    directory.keys_ = std::move(keys);
    return directory;
}

core::Result<PostcodeDirectory> PostcodeDirectory::FromBytes(std::string_view bytes) {
    if (bytes.size() % 8 != 0) return core::Fail(core::Error::Corruption("the postcode snapshot is truncated"));
    std::vector<uint64_t> keys(bytes.size() / 8);
    std::memcpy(keys.data(), bytes.data(), bytes.size());
    if (!std::is_sorted(keys.begin(), keys.end())) {
        return core::Fail(core::Error::Corruption("the postcode snapshot is out of order"));
    }
    PostcodeDirectory directory;
    directory.keys_ = std::move(keys);
    return directory;
}

std::string PostcodeDirectory::ToBytes() const {
    return std::string(reinterpret_cast<const char*>(keys_.data()), keys_.size() * 8);
}

bool PostcodeDirectory::Contains(std::string_view postcode) const {
    return std::binary_search(keys_.begin(), keys_.end(), KeyOf(postcode));
}

}  // namespace did::refdata
