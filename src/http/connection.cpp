#include "http/connection.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <type_traits>

#include "http/request_log.hpp"
#include "http/security_headers.hpp"
#include "http/target.hpp"
#include "http/upload_file.hpp"
#include "http/upload_reading.hpp"

namespace did::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// Beast (Boost 1.74) speaks boost::string_view.
std::string_view View(beast::string_view text) {
    return {text.data(), text.size()};
}
beast::string_view BeastView(std::string_view text) {
    return {text.data(), text.size()};
}

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

std::string Trim(std::string_view text) {
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const size_t last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

template <class Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>>, public ResponseStream {
  public:
    template <class... Args>
    explicit Connection(ServerShared& shared, Args&&... args) : shared_(shared), stream_(std::forward<Args>(args)...) {
        shared_.open.fetch_add(1);
    }
    ~Connection() override {
        if (counted_busy_) shared_.busy.fetch_sub(1);
        shared_.open.fetch_sub(1);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void Start() {
        beast::error_code ec;
        const auto peer = beast::get_lowest_layer(stream_).socket().remote_endpoint(ec);
        peer_ = ec ? std::string("unknown") : peer.address().to_string();
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            beast::get_lowest_layer(stream_).expires_after(shared_.limits.header_deadline);
            stream_.async_handshake(net::ssl::stream_base::server,
                                    [self = this->shared_from_this()](beast::error_code error) {
                                        if (error) return self->Close();
                                        self->ReadHeader();
                                    });
        } else {
            ReadHeader();
        }
    }

    // ResponseStream, called from a database worker.
    bool wanted() const override { return request_.Header("accept").find("application/x-ndjson") != std::string::npos; }
    void Begin(int status, const std::string& content_type) override {
        net::post(stream_.get_executor(), [self = this->shared_from_this(), status, content_type] {
            self->streamed_ = true;
            auto header = std::make_shared<bhttp::response<bhttp::empty_body>>(static_cast<bhttp::status>(status), 11);
            self->Decorate(*header, content_type, false);
            header->keep_alive(false);
            header->chunked(true);
            self->Enqueue([self, header](const std::function<void(beast::error_code)>& done) {
                auto serializer = std::make_shared<bhttp::response_serializer<bhttp::empty_body>>(*header);
                bhttp::async_write_header(self->stream_, *serializer,
                                          [header, serializer, done](beast::error_code error, size_t) { done(error); });
            });
        });
    }
    void Part(std::string part) override {
        net::post(stream_.get_executor(), [self = this->shared_from_this(), part = std::move(part)]() mutable {
            self->EnqueueChunk(std::move(part));
        });
    }

  private:
    // ---- reading a request

    void ReadHeader() {
        if (shared_.draining.load()) return Close();
        request_ = Request();
        upload_.reset();
        streamed_ = false;
        header_parser_.emplace();
        header_parser_->header_limit(shared_.limits.header_bytes);
        // The body's limit depends on the route, known once the header is read: ReadBody checks
        // a declared length against it, with the request's path known (an API caller gets JSON).
        // Not boost::none: Beast 1.74 takes a length over "none" as over the limit.
        header_parser_->body_limit(std::numeric_limits<uint64_t>::max());
        beast::get_lowest_layer(stream_).expires_after(shared_.limits.header_deadline);
        bhttp::async_read_header(
            stream_, buffer_, *header_parser_,
            [self = this->shared_from_this()](beast::error_code error, size_t) { self->OnHeader(error); });
    }

    void OnHeader(beast::error_code error) {
        if (error == bhttp::error::header_limit) return Refuse(431, "The request's headers are too large.");
        if (error) {
            // A closed connection or a deadline passed: nothing to answer. A malformed request: 400.
            if (error == bhttp::error::end_of_stream || error == beast::error::timeout ||
                error == net::error::operation_aborted || error == net::error::eof ||
                error == net::error::connection_reset || error.category() == net::error::get_ssl_category() ||
                error == net::ssl::error::stream_truncated) {
                return Close();
            }
            return Refuse(400, "The request is not well-formed HTTP.");
        }
        shared_.busy.fetch_add(1);
        counted_busy_ = true;
        started_ = Clock::now();
        const auto& header = header_parser_->get();
        request_.method = std::string(View(header.method_string()));
        request_.target = std::string(View(header.target()));
        for (const auto& field : header) {
            request_.headers.emplace(Lower(View(field.name_string())), std::string(View(field.value())));
        }
        keep_alive_ = header.keep_alive();
        // A coding other than chunked last leaves the body's end unknown (RFC 9112, 6.3): Beast
        // would read such a body as none, and the rest of it as the next request.
        if (header.count(bhttp::field::transfer_encoding) > 0 && !header.chunked()) {
            return Refuse(400, "The request's Transfer-Encoding is not chunked: the server takes no other.");
        }
        FindClient();
        auto target = ParseTarget(request_.target);
        if (!target) return Refuse(400, target.error().message);
        request_.path = std::move(target->path);
        request_.query = std::move(target->query);

        ReadBody(shared_.app.PlanBody(request_));
    }

    void ReadBody(const BodyPlan& plan) {
        // A declared length over the route's limit is refused before a byte of it is read (a
        // chunked body is counted against the limit as it arrives).
        const auto declared = header_parser_->content_length();
        const uint64_t limit = plan.kind == BodyKind::kUpload
                                   ? plan.max_bytes
                                   : std::min<uint64_t>(plan.max_bytes, shared_.limits.form_bytes);
        if (declared && *declared > limit) {
            return Refuse(413, plan.kind == BodyKind::kUpload ? "The file is larger than the service takes."
                                                              : "The request's body is larger than this page takes.");
        }
        if (plan.kind == BodyKind::kUpload) return AdmitUpload(plan);
        Proceed([self = this->shared_from_this(), plan] { self->ReadSmallBody(plan); });
    }

    // Whether the caller may send this upload at all is asked before its body is read, so that
    // a caller without the right costs no disk (and, with Expect: 100-continue, sends nothing).
    void AdmitUpload(const BodyPlan& plan) {
        beast::get_lowest_layer(stream_).expires_never();
        shared_.workers.Post([self = this->shared_from_this(), plan](store::Store* store, const core::Error*) {
            std::optional<Response> refusal;
            if (store == nullptr) {
                refusal = self->shared_.app.ServerError(self->request_, 503,
                                                        "The service cannot reach its database just now. Try "
                                                        "again in a few minutes.");
            } else {
                refusal = self->shared_.app.Admit(self->request_, *store);
            }
            net::post(self->stream_.get_executor(), [self, plan, refusal = std::move(refusal)]() mutable {
                if (refusal) {
                    self->keep_alive_ = false;  // the body is still on the connection
                    return self->Send(std::move(*refusal));
                }
                self->Proceed([self, plan] { self->StartUpload(plan); });
            });
        });
    }

    // Answers "100 Continue" when the client waits for it, then `next`.
    void Proceed(std::function<void()> next) {
        if (Lower(request_.Header("expect")) != "100-continue") return next();
        auto proceed = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, 11);
        beast::get_lowest_layer(stream_).expires_after(shared_.limits.write_deadline);
        bhttp::async_write(
            stream_, *proceed,
            [self = this->shared_from_this(), proceed, next = std::move(next)](beast::error_code write_error, size_t) {
                if (write_error) return self->Close();
                next();
            });
    }

    // A body that breaks HTTP's framing (a bad chunk size, say) is answered, not just dropped.
    static bool Malformed(const beast::error_code& error) {
        return error.category() == bhttp::make_error_code(bhttp::error::bad_chunk).category() &&
               error != bhttp::error::partial_message && error != bhttp::error::end_of_stream &&
               error != bhttp::error::need_buffer;
    }

    void ReadSmallBody(const BodyPlan& plan) {
        small_parser_.emplace(std::move(*header_parser_));
        small_parser_->body_limit(std::min<uint64_t>(plan.max_bytes, shared_.limits.form_bytes));
        beast::get_lowest_layer(stream_).expires_after(shared_.limits.header_deadline);
        bhttp::async_read(stream_, buffer_, *small_parser_,
                          [self = this->shared_from_this()](beast::error_code error, size_t) {
                              if (error == bhttp::error::body_limit) {
                                  return self->Refuse(413, "The request's body is larger than this page takes.");
                              }
                              if (Malformed(error)) return self->Refuse(400, "The request's body is not well-formed.");
                              if (error) return self->Close();
                              self->request_.body = std::move(self->small_parser_->get().body());
                              self->Dispatch();
                          });
    }

    void StartUpload(const BodyPlan& plan) {
        auto file = UploadFile::Create(shared_.spool_directory);
        if (!file) return Refuse(503, "The server cannot take uploads just now. Try again later.");
        upload_ = std::move(*file);
        chunk_ = NewUploadChunk();
        WidenForUpload(buffer_);
        upload_parser_.emplace(std::move(*header_parser_));
        upload_parser_->body_limit(plan.max_bytes);
        ReadUploadPart();
    }

    void ReadUploadPart() {
        if (upload_parser_->is_done()) {
            request_.upload_path = upload_->path();
            request_.upload_bytes = upload_->size();
            return Dispatch();
        }
        auto& body = upload_parser_->get().body();
        body.data = chunk_.get();
        body.size = kUploadChunkBytes;
        // Each read must bring something within the idle limit; a large file may take as long
        // as it keeps arriving.
        beast::get_lowest_layer(stream_).expires_after(shared_.limits.upload_idle);
        bhttp::async_read(stream_, buffer_, *upload_parser_,
                          [self = this->shared_from_this()](beast::error_code error, size_t) {
                              if (error == bhttp::error::need_buffer) error = {};
                              if (error == bhttp::error::body_limit) {
                                  return self->Refuse(413, "The file is larger than the service takes.");
                              }
                              if (Malformed(error)) return self->Refuse(400, "The upload is not well-formed HTTP.");
                              // Abandoned: the upload file goes with this connection; nothing is stored.
                              if (error) return self->Close();
                              const size_t got = kUploadChunkBytes - self->upload_parser_->get().body().size;
                              if (auto written = self->upload_->Append(self->chunk_.get(), got); !written) {
                                  return self->Refuse(503, "The server cannot store the upload just now.");
                              }
                              self->ReadUploadPart();
                          });
    }

    // The client's address: the peer's, or behind the trusted proxy the last address it added.
    void FindClient() {
        request_.client = peer_;
        request_.secure = std::is_same_v<Stream, TlsStream>;
        if (shared_.trusted_proxy.empty() || peer_ != shared_.trusted_proxy) return;
        const std::string& forwarded = request_.Header("x-forwarded-for");
        if (!forwarded.empty()) {
            const size_t comma = forwarded.rfind(',');
            request_.client = Trim(comma == std::string::npos ? forwarded : forwarded.substr(comma + 1));
        }
        request_.secure = Lower(Trim(request_.Header("x-forwarded-proto"))) == "https";
    }

    // ---- answering

    void Dispatch() {
        // The socket waits for nothing while the worker runs: the deadline is for the client.
        beast::get_lowest_layer(stream_).expires_never();
        shared_.workers.Post([self = this->shared_from_this()](store::Store* store, const core::Error* error) {
            Response response;
            if (store == nullptr) {
                response = self->shared_.app.ServerError(self->request_, 503,
                                                         "The service cannot reach its database just now. Try "
                                                         "again in a few minutes.");
                (void)error;
            } else {
                response = self->shared_.app.Handle(self->request_, *store, *self);
            }
            net::post(self->stream_.get_executor(),
                      [self, response = std::move(response)]() mutable { self->Send(std::move(response)); });
        });
    }

    // An answer the server gives itself, before the request was read whole: the connection
    // cannot be reused (the rest of the body is still on it).
    void Refuse(int status, const std::string& message) {
        if (!counted_busy_) {
            shared_.busy.fetch_add(1);
            counted_busy_ = true;
            started_ = Clock::now();
        }
        keep_alive_ = false;
        Response response = shared_.app.ServerError(request_, status, message);
        Send(std::move(response));
    }

    template <class Message>
    void Decorate(Message& message, const std::string& content_type, bool cacheable) {
        message.set(bhttp::field::server, "DID Collect");
        message.set(bhttp::field::content_type, content_type);
        for (const auto& [name, value] : SecurityHeaders()) message.set(BeastView(name), BeastView(value));
        message.set(bhttp::field::cache_control, cacheable ? "public, max-age=86400" : "no-store");
    }

    void Send(Response response) {
        ReleaseUpload();
        if (streamed_) return FinishStream(std::move(response));
        auto message =
            std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(response.status), 11);
        Decorate(*message, response.content_type, response.cacheable);
        for (const auto& [name, value] : response.headers) message->insert(name, value);
        const bool keep = keep_alive_ && !shared_.draining.load();
        message->keep_alive(keep);
        message->body() = std::move(response.body);
        message->prepare_payload();
        beast::get_lowest_layer(stream_).expires_after(shared_.limits.write_deadline);
        bhttp::async_write(stream_, *message,
                           [self = this->shared_from_this(), message, keep, response = std::move(response)](
                               beast::error_code error, size_t) { self->Done(response, error, keep); });
    }

    void FinishStream(Response response) {
        if (!response.body.empty()) EnqueueChunk(std::move(response.body));
        Enqueue(
            [self = this->shared_from_this(), response](const std::function<void(beast::error_code)>& done) mutable {
                net::async_write(self->stream_, bhttp::make_chunk_last(),
                                 [self, response, done](beast::error_code error, size_t) {
                                     done(error);
                                     self->Done(response, error, false);
                                 });
            });
    }

    void Done(const Response& response, beast::error_code error, bool keep) {
        const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started_).count();
        LogRequest(request_.method.empty() ? "-" : request_.method, response.route, response.status, elapsed,
                   response.who);
        if (counted_busy_) {
            shared_.busy.fetch_sub(1);
            counted_busy_ = false;
        }
        if (error || !keep) return Close();
        small_parser_.reset();
        upload_parser_.reset();
        ReadHeader();
    }

    // Streamed parts are written one after another, in the order they were queued.
    void Enqueue(std::function<void(std::function<void(beast::error_code)>)> write) {
        queue_.push_back(std::move(write));
        if (queue_.size() == 1) WriteNext();
    }
    void EnqueueChunk(std::string text) {
        auto part = std::make_shared<std::string>(std::move(text));
        Enqueue([self = this->shared_from_this(), part](const std::function<void(beast::error_code)>& done) {
            beast::get_lowest_layer(self->stream_).expires_after(self->shared_.limits.write_deadline);
            net::async_write(self->stream_, bhttp::make_chunk(net::buffer(*part)),
                             [part, done](beast::error_code error, size_t) { done(error); });
        });
    }
    void WriteNext() {
        if (queue_.empty()) return;
        queue_.front()([self = this->shared_from_this()](beast::error_code error) {
            self->queue_.pop_front();
            if (error) {
                self->queue_.clear();
                return self->Close();
            }
            self->WriteNext();
        });
    }

    // The upload file and the buffers that read it; any bytes of a next request stay buffered.
    void ReleaseUpload() {
        upload_.reset();
        if (chunk_) {
            chunk_.reset();
            NarrowAfterUpload(buffer_);
        }
    }

    void Close() {
        ReleaseUpload();
        beast::error_code ignored;
        if constexpr (std::is_same_v<Stream, TlsStream>) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(2));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
                beast::error_code ignore;
                beast::get_lowest_layer(self->stream_).socket().close(ignore);
            });
        } else {
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
            stream_.socket().close(ignored);
        }
    }

    ServerShared& shared_;
    Stream stream_;
    beast::flat_buffer buffer_;
    std::string peer_;
    std::optional<bhttp::request_parser<bhttp::empty_body>> header_parser_;
    std::optional<bhttp::request_parser<bhttp::string_body>> small_parser_;
    std::optional<bhttp::request_parser<bhttp::buffer_body>> upload_parser_;
    std::unique_ptr<char[]> chunk_;  // kUploadChunkBytes while an upload is read
    std::unique_ptr<UploadFile> upload_;
    Request request_;
    bool keep_alive_ = false;
    bool streamed_ = false;
    bool counted_busy_ = false;
    Clock::time_point started_ = Clock::now();
    std::deque<std::function<void(std::function<void(beast::error_code)>)>> queue_;
};

}  // namespace

void StartConnection(tcp::socket socket, ServerShared& shared) {
    std::make_shared<Connection<PlainStream>>(shared, std::move(socket))->Start();
}

void StartTlsConnection(tcp::socket socket, net::ssl::context& tls, ServerShared& shared) {
    std::make_shared<Connection<TlsStream>>(shared, std::move(socket), tls)->Start();
}

}  // namespace did::http
