#include "ingest/xml/chunk_parser.hpp"

#include "ingest/xml/plain_reader.hpp"

#include <algorithm>
#include <climits>

namespace did::ingest::xml {
namespace {

// What the chunk is fed first: it puts the chunk's bytes inside the root, as they are in the file.
constexpr std::string_view kRoot = "<DIDS>";

}  // namespace

void XmlChunkParser::Parse(std::string_view buffer, size_t begin, size_t stop, bool at_eof, bool structure_only,
                           uint64_t first_column, validate::ChunkResult& out) {
    builder_.Begin(out, structure_only);
    out.begin = begin;
    buffer_ = buffer;
    begin_ = begin;
    stop_ = stop;
    first_column_ = first_column;
    boundary_ = begin;
    stopped_at_ = SIZE_MAX;
    out_ = &out;
    if (begin >= buffer.size()) {
        out.end = begin;
        return;
    }
    if (plain_reader_ && ReadPlainChunk(buffer, begin, stop, at_eof, builder_, out)) return;
    builder_.Begin(out, structure_only);  // expat reads it again, from the start
    out.begin = begin;
    parser_.Reset(this);
    XML_Parser p = parser_.get();
    XML_SetElementHandler(p, &XmlChunkParser::OnStart, &XmlChunkParser::OnEnd);
    XML_SetCharacterDataHandler(p, &XmlChunkParser::OnText);

    const std::string_view bytes = buffer.substr(begin);
    bool ok = XML_Parse(p, kRoot.data(), static_cast<int>(kRoot.size()), XML_FALSE) == XML_STATUS_OK;
    // Fed in pieces under INT_MAX, as expat takes an int.
    constexpr size_t kPiece = size_t{1} << 30;
    for (size_t at = 0; ok && at < bytes.size() && !out.unreadable && stopped_at_ == SIZE_MAX; at += kPiece) {
        const size_t n = std::min(kPiece, bytes.size() - at);
        const bool last = at_eof && at + n == bytes.size();
        ok = XML_Parse(p, bytes.data() + at, static_cast<int>(n), last ? XML_TRUE : XML_FALSE) == XML_STATUS_OK;
    }
    if (out.unreadable) {  // stopped by a handler
        out.end = begin;
    } else if (stopped_at_ != SIZE_MAX) {
        out.end = stopped_at_;
    } else if (parser_.refused()) {
        validate::Finding finding = *parser_.refused();
        finding.line = CurrentPlace(parser_, kRoot.size(), first_column).first;
        out.unreadable = std::move(finding);
        out.end = begin;
    } else if (!ok) {
        out.unreadable = ErrorFinding(parser_, bytes, kRoot.size(), first_column, at_eof);
        out.end = begin;
    } else if (at_eof) {
        out.end = buffer.size();
    } else {
        out.needs_more_data = true;
        out.end = boundary_;
    }
    out.line_breaks = static_cast<uint64_t>(std::count(buffer.begin() + static_cast<std::ptrdiff_t>(begin),
                                                       buffer.begin() + static_cast<std::ptrdiff_t>(out.end), '\n'));
}

size_t XmlChunkParser::EventOffset() const {
    const auto index = static_cast<size_t>(XML_GetCurrentByteIndex(parser_.get()));
    return begin_ + index - kRoot.size();
}

void XmlChunkParser::Stop(validate::Finding finding) {
    out_->unreadable = std::move(finding);
    XML_StopParser(parser_.get(), XML_FALSE);
}

void XmlChunkParser::OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
    auto& self = *static_cast<XmlChunkParser*>(static_cast<Parser*>(data)->user_data());
    if (self.out_->unreadable) return;  // expat ends an empty element's tag after a stop
    const std::string_view element(name);
    if (self.builder_.depth() == 1 && element == "DIDSRecord" && XML_GetCurrentByteIndex(self.parser_.get()) > 0) {
        if (self.EventOffset() >= self.stop_) {  // the next chunk's first record
            self.stopped_at_ = self.EventOffset();
            XML_StopParser(self.parser_.get(), XML_FALSE);
            return;
        }
    }
    const auto line = static_cast<uint64_t>(XML_GetCurrentLineNumber(self.parser_.get()) - 1);
    if (!self.builder_.Start(element, attributes[0] != nullptr, line)) {
        self.Stop(StructureFinding(self.parser_, self.builder_.error(), kRoot.size(), self.first_column_));
    }
}

void XmlChunkParser::OnEnd(void* data, const XML_Char*) {
    auto& self = *static_cast<XmlChunkParser*>(static_cast<Parser*>(data)->user_data());
    if (self.out_->unreadable) return;  // expat ends an empty element's tag after a stop
    if (!self.builder_.End()) {
        self.Stop(StructureFinding(self.parser_, self.builder_.error(), kRoot.size(), self.first_column_));
        return;
    }
    if (self.builder_.closed_record()) {
        self.boundary_ = self.EventOffset() + static_cast<size_t>(XML_GetCurrentByteCount(self.parser_.get()));
    }
}

void XmlChunkParser::OnText(void* data, const XML_Char* text, int length) {
    auto& self = *static_cast<XmlChunkParser*>(static_cast<Parser*>(data)->user_data());
    if (self.out_->unreadable) return;  // expat ends an empty element's tag after a stop
    if (!self.builder_.Text(std::string_view(text, static_cast<size_t>(length)))) {
        self.Stop(StructureFinding(self.parser_, self.builder_.error(), kRoot.size(), self.first_column_));
    }
}

}  // namespace did::ingest::xml
