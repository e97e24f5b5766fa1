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

core::Result<OnspdColumns> OnspdColumns::FromHeader(const std::vector<std::string_view>& header) {
    OnspdColumns columns;
    int lsoa11 = -1;
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string_view name = header[i];
        const int index = static_cast<int>(i);
        if (name == "pcds") columns.pcds = index;
        if (name == "doterm") columns.doterm = index;
        if (name == "oslaua") columns.oslaua = index;
        if (name == "rgn") columns.rgn = index;
        if (name == "lsoa21") columns.lsoa = index;
        if (name == "lsoa11") lsoa11 = index;
        if (name == "icb") columns.icb = index;
    }
    if (columns.lsoa < 0) columns.lsoa = lsoa11;
    if (columns.pcds < 0) {
        return core::Fail(core::Error::InvalidArgument(
            "the first row is not an ONS Postcode Directory header: it has no pcds column"));
    }
    return columns;
}

}  // namespace did::refdata
