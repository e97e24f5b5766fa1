# Script mode: writes OUTPUT, a C++ file whose function NS::FN() returns INPUT's bytes.
# Hex bytes rather than a raw string literal, so any content (quotes, long lines) is safe.
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
string(REGEX REPLACE "(0x[0-9a-f][0-9a-f],){24}" "\\0\n" bytes "${bytes}")
file(WRITE ${OUTPUT}.tmp
"// Generated from ${INPUT} by cmake/EmbedFile.cmake; do not edit.
#include <string_view>
namespace ${NS} {
namespace {
constexpr unsigned char kBytes[] = {
${bytes}0};
}  // namespace
std::string_view ${FN}() { return {reinterpret_cast<const char*>(kBytes), ${size}}; }
}  // namespace ${NS}
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
