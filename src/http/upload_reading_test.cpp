#include "http/upload_reading.hpp"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>
#include <string>

namespace did::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

// A request arriving as fast as it is asked for: each read gives all the room it is offered,
// and counts. What a loopback socket with a full receive queue does.
class MemoryStream {
  public:
    explicit MemoryStream(std::string data) : data_(std::move(data)) {}

    template <class Buffers>
    size_t read_some(const Buffers& buffers, beast::error_code& error) {
        ++reads_;
        if (at_ == data_.size()) {
            error = net::error::eof;
            return 0;
        }
        const size_t copied = net::buffer_copy(buffers, net::buffer(data_.data() + at_, data_.size() - at_));
        at_ += copied;
        error = {};
        return copied;
    }
    template <class Buffers>
    size_t read_some(const Buffers& buffers) {
        beast::error_code error;
        const size_t copied = read_some(buffers, error);
        if (error) throw beast::system_error(error);
        return copied;
    }
    size_t reads() const { return reads_; }

  private:
    std::string data_;
    size_t at_ = 0;
    size_t reads_ = 0;
};

struct BodyRead {
    size_t bytes = 0;
    size_t socket_reads = 0;
};

// Reads an upload as the connection does: the header, then the body a chunk at a time.
BodyRead ReadUpload(size_t body_bytes, bool widen) {
    const std::string body(body_bytes, 'x');
    MemoryStream stream("PUT /api/v1/submissions/RXX/2026-11 HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\n\r\n" + body);
    beast::flat_buffer buffer;
    bhttp::request_parser<bhttp::empty_body> header;
    header.body_limit(body_bytes);
    bhttp::read_header(stream, buffer, header);
    bhttp::request_parser<bhttp::buffer_body> parser(std::move(header));
    parser.body_limit(body_bytes);
    if (widen) WidenForUpload(buffer);
    const auto chunk = NewUploadChunk();
    BodyRead read;
    const size_t reads_before = stream.reads();
    while (!parser.is_done()) {
        parser.get().body().data = chunk.get();
        parser.get().body().size = kUploadChunkBytes;
        beast::error_code error;
        bhttp::read(stream, buffer, parser, error);
        if (error == bhttp::error::need_buffer) error = {};
        EXPECT_FALSE(error) << error.message();
        if (error) break;
        read.bytes += kUploadChunkBytes - parser.get().body().size;
    }
    read.socket_reads = stream.reads() - reads_before;
    return read;
}

TEST(UploadReadingTest, AWidenedBufferReadsTheSocket64KiBAtATime) {
    const size_t body = size_t{8} * 1024 * 1024 + 123;
    const BodyRead read = ReadUpload(body, true);
    EXPECT_EQ(read.bytes, body);
    EXPECT_LE(read.socket_reads, body / kSocketReadBytes + 2);
}

// Why the buffer is widened: as the header left it, Beast offers the socket 512 bytes a read.
TEST(UploadReadingTest, TheBufferAsTheHeaderLeftItReadsInSmallPieces) {
    const size_t body = size_t{8} * 1024 * 1024 + 123;
    const BodyRead read = ReadUpload(body, false);
    EXPECT_EQ(read.bytes, body);
    EXPECT_GT(read.socket_reads, body / 1024);
}

TEST(UploadReadingTest, NarrowingKeepsTheBufferedBytes) {
    beast::flat_buffer buffer;
    WidenForUpload(buffer);
    EXPECT_GE(buffer.capacity(), kSocketReadBytes);
    const std::string next = "GET /healthz HTTP/1.1\r\n";
    buffer.commit(net::buffer_copy(buffer.prepare(next.size()), net::buffer(next)));
    NarrowAfterUpload(buffer);
    EXPECT_LT(buffer.capacity(), 1024U);
    EXPECT_EQ(beast::buffers_to_string(buffer.data()), next);
}

}  // namespace
}  // namespace did::http
