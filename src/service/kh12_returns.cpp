#include "service/kh12_returns.hpp"

#include <fmt/format.h>

#include <set>

#include "core/clock.hpp"
#include "core/file_io.hpp"
#include "core/sha256.hpp"
#include "refdata/kh12.hpp"
#include "service/audit_trail.hpp"
#include "store/kh12_return_table.hpp"
#include "store/refdata_import_table.hpp"

namespace did::service {

core::Result<ImportCounts> ImportKh12Returns(store::Store& store, const Actor& actor, const std::string& path) {
    auto text = core::ReadFile(path);
    if (!text) return core::Fail(text.error());
    auto parsed = refdata::ParseKh12Returns(*text);
    if (!parsed) {
        return core::Fail(
            core::Error::InvalidArgument(fmt::format("{}: {}; nothing was imported", path, parsed.error().message)));
    }
    if (parsed->empty()) return core::Fail(core::Error::InvalidArgument(path + " holds no returns"));
    std::vector<store::Kh12ReturnRow> rows;
    std::set<std::string> years;
    rows.reserve(parsed->size());
    for (const refdata::Kh12Return& r : *parsed) {
        rows.push_back({r.year, r.provider, r.category, r.examinations});
        years.insert(r.year);
    }
    std::string year_list;
    for (const std::string& y : years) year_list += (year_list.empty() ? "" : " ") + y;
    const std::string sha256 = core::Sha256::Of(*text);
    auto status = store.InTransaction([&]() -> core::Status {
        if (auto replaced = store::Kh12ReturnTable(store.db()).ReplaceYears(rows); !replaced) return replaced;
        if (auto added = store::RefdataImportTable(store.db())
                             .Add({0, kKh12Dataset, core::UtcTimestamp(), actor.name, path, sha256,
                                   static_cast<int64_t>(rows.size())});
            !added) {
            return added;
        }
        return Written(
            Record(store, actor, "refdata.kh12_imported", "kh12",
                   {{"file", path}, {"sha256", sha256}, {"years", year_list}, {"rows", std::to_string(rows.size())}}));
    });
    if (!status) return core::Fail(status.error());
    return ImportCounts{static_cast<int64_t>(rows.size()), year_list};
}

}  // namespace did::service
