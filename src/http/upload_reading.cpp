#include "http/upload_reading.hpp"

namespace did::http {

void WidenForUpload(boost::beast::flat_buffer& buffer) {
    buffer.reserve(buffer.size() + kSocketReadBytes);
}

void NarrowAfterUpload(boost::beast::flat_buffer& buffer) {
    buffer.shrink_to_fit();
}

std::unique_ptr<char[]> NewUploadChunk() {
    return std::make_unique_for_overwrite<char[]>(kUploadChunkBytes);
}

}  // namespace did::http
