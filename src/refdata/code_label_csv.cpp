#include "refdata/code_label_csv.hpp"

#include <fmt/format.h>

namespace did::refdata {

core::Status ForEachCodeAndLabel(std::string_view csv, std::string_view columns,
                                 const std::function<core::Status(size_t, std::string_view, std::string_view)>& add) {
    size_t line_number = 0;
    while (!csv.empty()) {
        const size_t eol = csv.find('\n');
        std::string_view line = csv.substr(0, eol);
        csv = eol == std::string_view::npos ? std::string_view() : csv.substr(eol + 1);
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line_number == 1 || line.empty()) continue;  // the header
        const size_t comma = line.find(',');
        if (comma == std::string_view::npos) {
            return core::Fail(core::Error::InvalidArgument(fmt::format("line {}: expected {}", line_number, columns)));
        }
        if (auto added = add(line_number, line.substr(0, comma), line.substr(comma + 1)); !added) return added;
    }
    return {};
}

}  // namespace did::refdata
