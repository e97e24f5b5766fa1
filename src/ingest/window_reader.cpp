#include "ingest/window_reader.hpp"

#include "ingest/buffered_window_reader.hpp"
#include "ingest/mapped_window_reader.hpp"

namespace did::ingest {

std::unique_ptr<WindowReader> WindowReader::For(ByteSource& source, size_t window_bytes) {
    if (const auto fd = source.MappableFd()) {
        return std::make_unique<MappedWindowReader>(*fd, *source.SizeHint(), window_bytes);
    }
    return std::make_unique<BufferedWindowReader>(source, window_bytes);
}

}  // namespace did::ingest
