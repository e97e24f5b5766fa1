#include "ingest/xml/prolog.hpp"

#include <climits>
#include <string>

#include <fmt/format.h>

#include "ingest/xml/expat.hpp"

namespace did::ingest::xml {
namespace {

struct State {
    Parser* parser = nullptr;
    bool root_only = true;  // stop at the root's start tag
    bool found = false;
    bool empty = false;
    size_t root_end = 0;
    std::optional<validate::Finding> error;
};

void OnStart(void* data, const XML_Char* name, const XML_Char**) {
    auto& state = *static_cast<State*>(static_cast<Parser*>(data)->user_data());
    if (!state.root_only) return;
    XML_Parser p = state.parser->get();
    if (std::string_view(name) != "DIDS") {
        state.error = StructureFinding(*state.parser,
                                       fmt::format("the root element is <{}>; a DID XML file's is <DIDS>", name), 0, 0);
        XML_StopParser(p, XML_FALSE);
        return;
    }
    state.found = true;
    state.root_end = static_cast<size_t>(XML_GetCurrentByteIndex(p)) + static_cast<size_t>(XML_GetCurrentByteCount(p));
    XML_StopParser(p, XML_FALSE);
}

}  // namespace

Prolog ReadProlog(std::string_view head, bool at_eof) {
    if (head.size() > INT_MAX) head = head.substr(0, INT_MAX);
    Parser parser;
    State state;
    state.parser = &parser;
    parser.Reset(&state);
    XML_SetStartElementHandler(parser.get(), &OnStart);
    const bool ok = XML_Parse(parser.get(), head.data(), static_cast<int>(head.size()), at_eof) == XML_STATUS_OK;
    Prolog prolog;
    auto error = [&](validate::Finding finding) {
        prolog.state = Prolog::State::kError;
        prolog.error = std::move(finding);
        return prolog;
    };
    if (state.error) return error(std::move(*state.error));
    if (parser.refused()) {
        validate::Finding finding = *parser.refused();
        finding.line = CurrentPlace(parser, 0, 0).first;
        return error(std::move(finding));
    }
    if (!state.found) {
        if (!ok) return error(ErrorFinding(parser, head, 0, 0, at_eof));
        return prolog;  // kNeedMoreData: no root yet
    }
    prolog.root_end = state.root_end;
    if (head.substr(0, state.root_end).ends_with("/>")) {
        // Nothing but comments may follow an empty root: read them all.
        if (!at_eof) return prolog;
        parser.Reset(&state);
        state.root_only = false;
        XML_SetStartElementHandler(parser.get(), &OnStart);
        if (XML_Parse(parser.get(), head.data(), static_cast<int>(head.size()), XML_TRUE) != XML_STATUS_OK) {
            if (parser.refused()) return error(*parser.refused());
            return error(ErrorFinding(parser, head, 0, 0, true));
        }
        prolog.state = Prolog::State::kEmptyRoot;
        return prolog;
    }
    prolog.state = Prolog::State::kRoot;
    return prolog;
}

}  // namespace did::ingest::xml
