#include "ingest/hashing_source.hpp"

#include <string_view>
#include <vector>

namespace did::ingest {

core::Result<size_t> HashingSource::Read(char* into, size_t size) {
    auto n = inner_->Read(into, size);
    if (!n) return n;
    bytes_ += *n;
    if (bytes_ > max_bytes_) {
        return core::Fail(core::Error::InvalidArgument("the file is larger than the " +
                                                       std::to_string(max_bytes_ >> 20) + " MiB allowed"));
    }
    hasher_.Update(std::string_view(into, *n));
    return n;
}

core::Result<std::string> HashingSource::FinishDigest() {
    std::vector<char> rest(size_t{1} << 20);
    while (true) {
        auto n = Read(rest.data(), rest.size());
        if (!n) return core::Fail(n.error());
        if (*n == 0) break;
    }
    return hasher_.HexDigest();
}

}  // namespace did::ingest
