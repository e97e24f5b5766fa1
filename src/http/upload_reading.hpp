// How an upload's body is read off the socket. Beast asks the socket for as much as the
// connection's read buffer has room for (at least 512 bytes, at most 64 KiB) and its parser
// copies the body into a chunk, which the connection writes to the upload file. These size
// that room and that chunk. For one connection's buffer, used by one handler at a time.
#pragma once

#include <boost/beast/core/flat_buffer.hpp>
#include <cstddef>
#include <memory>

namespace did::http {

// Beast's largest single read from the socket.
inline constexpr size_t kSocketReadBytes = size_t{64} * 1024;
// The body is handed to the parser this much at a time and written to the upload file in one
// write: sixteen socket reads per write, and per renewal of the idle deadline.
inline constexpr size_t kUploadChunkBytes = size_t{1024} * 1024;

// Room in `buffer` for reads of kSocketReadBytes. Left as reading the header made it, the
// buffer had room for 512 bytes: a 160 MB upload took 320,000 reads, each with its timer and
// epoll updates, and arrived at 27 MB/s. Keeps the bytes already buffered (the body's first).
void WidenForUpload(boost::beast::flat_buffer& buffer);

// Gives that room back once the upload is read, so that a connection kept alive idles on a
// few hundred bytes; keeps the bytes already buffered (a next request's).
void NarrowAfterUpload(boost::beast::flat_buffer& buffer);

// A chunk of kUploadChunkBytes, left uninitialised: the parser writes it before it is read.
std::unique_ptr<char[]> NewUploadChunk();

}  // namespace did::http
