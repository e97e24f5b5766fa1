#include "http/multipart.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>

namespace did::http {
namespace {

core::Error Malformed(const std::string& what) {
    return core::Error::InvalidArgument("The upload is not a well-formed form: " + what + ".");
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// `name="x"` (or name=x) from a header's parameters; "" when absent.
std::string Parameter(const std::string& header, const std::string& name) {
    const std::string lower = Lower(header);
    size_t at = 0;
    while ((at = lower.find(name + "=", at)) != std::string::npos) {
        const bool starts = at == 0 || lower[at - 1] == ';' || lower[at - 1] == ' ';
        at += name.size() + 1;
        if (!starts) continue;
        if (at < header.size() && header[at] == '"') {
            const size_t end = header.find('"', at + 1);
            if (end == std::string::npos) return {};
            return header.substr(at + 1, end - at - 1);
        }
        const size_t end = header.find(';', at);
        std::string value = header.substr(at, end == std::string::npos ? std::string::npos : end - at);
        while (!value.empty() && value.back() == ' ') value.pop_back();
        return value;
    }
    return {};
}

class BodyReader {
  public:
    explicit BodyReader(int fd) : fd_(fd) {}
    ~BodyReader() { ::close(fd_); }
    BodyReader(const BodyReader&) = delete;
    BodyReader& operator=(const BodyReader&) = delete;
    // Appends what is next to `buffer`; false at the end.
    core::Result<bool> More(std::string& buffer) {
        char chunk[64 * 1024];
        while (true) {
            const ssize_t n = ::read(fd_, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return core::Fail(core::Error::IoError("cannot read the upload back"));
            if (n == 0) return false;
            buffer.append(chunk, static_cast<size_t>(n));
            return true;
        }
    }

  private:
    int fd_;
};

}  // namespace

std::string MultipartBoundary(const std::string& content_type) {
    if (!Lower(content_type).starts_with("multipart/form-data")) return {};
    std::string boundary = Parameter(content_type, "boundary");
    // RFC 2046: 1 to 70 characters.
    if (boundary.empty() || boundary.size() > 70) return {};
    return boundary;
}

bool IsMultipart(const std::string& content_type) {
    return Lower(content_type.substr(0, 10)) == "multipart/";
}

core::Result<MultipartForm> ReadMultipart(const std::string& body_path, const std::string& content_type,
                                          const std::string& spool_directory, size_t field_limit) {
    const std::string boundary = MultipartBoundary(content_type);
    if (boundary.empty()) return core::Fail(Malformed("it is not multipart/form-data with a boundary"));
    const int fd = ::open(body_path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return core::Fail(core::Error::IoError("cannot read the upload back"));
    BodyReader reader(fd);
    MultipartForm form;
    std::string buffer;
    bool at_end = false;
    auto fill = [&]() -> core::Status {
        if (at_end) return {};
        auto more = reader.More(buffer);
        if (!more) return core::Fail(more.error());
        at_end = !*more;
        return {};
    };

    // The first delimiter may follow a preamble; every later one follows a line break.
    const std::string first = "--" + boundary;
    const std::string delimiter = "\r\n--" + boundary;
    size_t found = std::string::npos;
    while ((found = buffer.find(first)) == std::string::npos) {
        if (buffer.size() > size_t{64} * 1024 || at_end) return core::Fail(Malformed("its first boundary is missing"));
        if (auto filled = fill(); !filled) return core::Fail(filled.error());
    }
    buffer.erase(0, found + first.size());

    while (true) {
        while (buffer.size() < 2 && !at_end) {
            if (auto filled = fill(); !filled) return core::Fail(filled.error());
        }
        if (buffer.starts_with("--")) return form;  // the closing delimiter
        // The part's headers, up to an empty line.
        // Held to the same limit however much of them the last read happened to bring.
        constexpr size_t kPartHeaderLimit = size_t{16} * 1024;
        size_t headers_end;
        while ((headers_end = buffer.find("\r\n\r\n")) == std::string::npos) {
            if (buffer.size() > kPartHeaderLimit) return core::Fail(Malformed("a part's headers are too long"));
            if (at_end) return core::Fail(Malformed("a part's headers are cut short"));
            if (auto filled = fill(); !filled) return core::Fail(filled.error());
        }
        if (headers_end > kPartHeaderLimit) return core::Fail(Malformed("a part's headers are too long"));
        if (!buffer.starts_with("\r\n")) return core::Fail(Malformed("a boundary is followed by other text"));
        const std::string headers = buffer.substr(2, headers_end - 2);
        buffer.erase(0, headers_end + 4);
        std::string disposition;
        size_t line_start = 0;
        while (line_start <= headers.size()) {
            const size_t line_end = std::min(headers.find("\r\n", line_start), headers.size());
            const std::string line = headers.substr(line_start, line_end - line_start);
            if (Lower(line).starts_with("content-disposition:")) disposition = line.substr(20);
            line_start = line_end + 2;
        }
        const std::string name = Parameter(disposition, "name");
        if (name.empty()) return core::Fail(Malformed("a part has no name"));
        const bool is_file = Lower(disposition).find("filename=") != std::string::npos;
        if (is_file && form.file) return core::Fail(Malformed("it holds more than one file"));
        std::string value;
        if (is_file) {
            auto file = UploadFile::Create(spool_directory);
            if (!file) return core::Fail(file.error());
            form.file = std::move(*file);
            form.file_field = name;
            std::string file_name = Parameter(disposition, "filename");
            const size_t slash = file_name.find_last_of("/\\");
            form.file_name = slash == std::string::npos ? file_name : file_name.substr(slash + 1);
        }
        // The part's body runs to the next delimiter; bytes that could start one wait for more.
        while (true) {
            const size_t end = buffer.find(delimiter);
            const size_t safe = end != std::string::npos            ? end
                                : buffer.size() >= delimiter.size() ? buffer.size() - (delimiter.size() - 1)
                                                                    : 0;
            if (is_file) {
                if (auto written = form.file->Append(buffer.data(), safe); !written) return core::Fail(written.error());
            } else {
                value.append(buffer, 0, safe);
                if (value.size() > field_limit) return core::Fail(Malformed("the field '" + name + "' is too long"));
            }
            buffer.erase(0, end != std::string::npos ? end + delimiter.size() : safe);
            if (end != std::string::npos) break;
            if (at_end) return core::Fail(Malformed("it ends before its closing boundary (was the upload cut short?)"));
            if (auto filled = fill(); !filled) return core::Fail(filled.error());
        }
        if (!is_file) form.fields[name] = std::move(value);
    }
}

}  // namespace did::http
