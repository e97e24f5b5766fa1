#include "ingest/window_reader.hpp"

#include "ingest/buffered_window_reader.hpp"
#include "ingest/mapped_window_reader.hpp"

namespace did::ingest {

std::unique_ptr<WindowReader> WindowReader::For(ByteSource& source, size_t window_bytes) {
    // A source that can be mapped is a regular file, whose size is known.
    const auto fd = source.MappableFd();
    const auto size = source.SizeHint();
    if (fd && size) return std::make_unique<MappedWindowReader>(*fd, *size, window_bytes);
    return std::make_unique<BufferedWindowReader>(source, window_bytes);
}

}  // namespace did::ingest
