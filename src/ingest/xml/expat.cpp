#include "ingest/xml/expat.hpp"

#include <algorithm>
#include <new>
#include <string>

#include <fmt/format.h>

#include "core/utf8.hpp"

namespace did::ingest::xml {
namespace {

using validate::Finding;
using validate::RuleId;
using validate::Severity;

bool IsUtf8Name(std::string_view encoding) {
    std::string lower(encoding);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    return lower == "utf-8" || lower == "utf8";
}

}  // namespace

std::pair<uint64_t, uint64_t> CurrentPlace(const Parser& parser, size_t prefix, uint64_t first_column) {
    const uint64_t line = XML_GetCurrentLineNumber(parser.get()) - 1;
    uint64_t column = XML_GetCurrentColumnNumber(parser.get());
    if (line == 0) column = column >= prefix ? column - prefix + first_column : first_column;
    return {line, column + 1};
}

Parser::Parser() : parser_(XML_ParserCreate("UTF-8")) {
    if (parser_ == nullptr) throw std::bad_alloc();
}

Parser::~Parser() {
    XML_ParserFree(parser_);
}

void Parser::Reset(void* user_data) {
    XML_ParserReset(parser_, "UTF-8");
    user_data_ = user_data;
    refused_.reset();
    XML_SetUserData(parser_, this);
    // No parameter entities, no external subset: and a DOCTYPE stops everything at once.
    XML_SetParamEntityParsing(parser_, XML_PARAM_ENTITY_PARSING_NEVER);
    XML_SetStartDoctypeDeclHandler(parser_, &Parser::OnDoctype);
    XML_SetXmlDeclHandler(parser_, &Parser::OnXmlDecl);
}

void Parser::OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* self = static_cast<Parser*>(data);
    self->refused_ = Finding{0, RuleId::kDids076, Severity::kFile, "",
                             "the file has a DOCTYPE (a DTD): a DID XML file has none, and no DTD, entity or external "
                             "reference is ever read"};
    XML_StopParser(self->parser_, XML_FALSE);
}

void Parser::OnXmlDecl(void* data, const XML_Char*, const XML_Char* encoding, int) {
    auto* self = static_cast<Parser*>(data);
    if (encoding == nullptr || IsUtf8Name(encoding)) return;
    self->refused_ =
        Finding{0, RuleId::kDidcEncoding, Severity::kFile, "",
                fmt::format("the XML declaration says encoding=\"{}\": a DID XML file is UTF-8; save it as UTF-8",
                            std::string_view(encoding).substr(0, 40))};
    XML_StopParser(self->parser_, XML_FALSE);
}

Finding ErrorFinding(const Parser& parser, std::string_view fed, size_t prefix, uint64_t first_column, bool at_eof) {
    const XML_Index index = XML_GetCurrentByteIndex(parser.get());
    const size_t at =
        index < 0
            ? 0
            : std::min(fed.size(), static_cast<size_t>(index) - std::min<size_t>(prefix, static_cast<size_t>(index)));
    // Expat calls a byte that is not UTF-8 an invalid token: say what it really is.
    const std::string_view upto = fed.substr(0, std::min(fed.size(), at + 4));
    if (const auto bad = core::FindInvalidUtf8(upto)) {
        const auto line =
            static_cast<uint64_t>(std::count(fed.begin(), fed.begin() + static_cast<std::ptrdiff_t>(*bad), '\n'));
        return Finding{line, RuleId::kDidcEncoding, Severity::kFile, "",
                       "the file is not valid UTF-8 from this line on: save it as UTF-8 (not Windows-1252 or "
                       "Latin-1) and send it again"};
    }
    const auto [line, column] = CurrentPlace(parser, prefix, first_column);
    const XML_Error code = XML_GetErrorCode(parser.get());
    const std::string reason = XML_ErrorString(code);
    const bool cut_short =
        at_eof && (code == XML_ERROR_UNCLOSED_TOKEN || code == XML_ERROR_PARTIAL_CHAR ||
                   code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_CDATA_SECTION || at >= fed.size());
    if (cut_short) {
        return Finding{line, RuleId::kDids076, Severity::kFile, "",
                       fmt::format("the file ends before its XML does (cut short?): {} (column {})", reason, column)};
    }
    return Finding{line, RuleId::kDids076, Severity::kFile, "",
                   fmt::format("not well-formed XML: {} (column {})", reason, column)};
}

Finding StructureFinding(const Parser& parser, std::string_view what, size_t prefix, uint64_t first_column) {
    const auto [line, column] = CurrentPlace(parser, prefix, first_column);
    return Finding{line, RuleId::kDids076, Severity::kFile, "", fmt::format("{} (column {})", what, column)};
}

}  // namespace did::ingest::xml
