// The one place expat is set up: a parser that refuses every DTD (no entity is ever declared,
// so none is expanded, internal or external: a billion-laughs or an external-entity file stops
// at its DOCTYPE), and the findings for what expat reports as wrong. Each Parser is used by one
// thread at a time.
#pragma once

#include <expat.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "validate/finding.hpp"

namespace did::ingest::xml {

class Parser {
  public:
    Parser();
    ~Parser();
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    // Makes the parser new again, reading UTF-8 whatever the document declares, with
    // `user_data` for the handlers and the DTD refused. Handlers are set after this.
    void Reset(void* user_data);
    XML_Parser get() const { return parser_; }
    void* user_data() const { return user_data_; }

    // Set by the handlers installed by Reset: why the parser was stopped (a DOCTYPE, a
    // declared encoding other than UTF-8), as a finding without its line.
    const std::optional<validate::Finding>& refused() const { return refused_; }

  private:
    static void OnDoctype(void* data, const XML_Char* name, const XML_Char* sysid, const XML_Char* pubid,
                          int has_internal_subset);
    static void OnXmlDecl(void* data, const XML_Char* version, const XML_Char* encoding, int standalone);

    XML_Parser parser_;
    void* user_data_ = nullptr;
    std::optional<validate::Finding> refused_;
};

// The finding for expat's error on `parser`, which was fed `fed` (the bytes of the file from
// `line_base`'s line on, after `prefix` bytes that are not in the file): DIDC-ENCODING when the
// bytes are not UTF-8 before where expat stopped, else DIDS076 with expat's reason and the
// column. `first_column` is the column (0-based) at which the fed bytes start in their line.
// The finding's line is relative to the first fed line (0-based), as in a ChunkResult.
validate::Finding ErrorFinding(const Parser& parser, std::string_view fed, size_t prefix, uint64_t first_column,
                               bool at_eof);

// Line (0-based, counted from the first fed byte) and column (1-based, in the file) of the
// parser's current place.
std::pair<uint64_t, uint64_t> CurrentPlace(const Parser& parser, size_t prefix, uint64_t first_column);

// A DIDS076 finding at the parser's current place: `what` (column n).
validate::Finding StructureFinding(const Parser& parser, std::string_view what, size_t prefix, uint64_t first_column);

}  // namespace did::ingest::xml
