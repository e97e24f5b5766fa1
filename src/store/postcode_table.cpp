#include "store/postcode_table.hpp"

namespace did::store {
namespace {

std::string Hex(const std::string& bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char byte : bytes) {
        const auto c = static_cast<unsigned char>(byte);
        out += kDigits[c >> 4];
        out += kDigits[c & 0xF];
    }
    return out;
}

std::optional<std::string> Unhex(const std::string& hex) {
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out(hex.size() / 2, '\0');
    for (size_t i = 0; i < out.size(); ++i) {
        const int hi = value(hex[2 * i]);
        const int lo = value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<char>(hi * 16 + lo);
    }
    return out;
}

}  // namespace

core::Result<int64_t> PostcodeTable::Replace(const std::function<core::Status(const AddRow&)>& fill) {
    // The directory's 2.7 million rows go in unindexed and the index is built afterwards, in
    // one sort: kept up row by row, in the file's order, it costs ten times as much.
    const char* empty = db_.dialect() == Dialect::kPostgres ? "TRUNCATE postcodes" : "DELETE FROM postcodes";
    if (auto emptied = db_.ExecuteScript(std::string(empty) + "; DROP INDEX IF EXISTS postcodes_by_code"); !emptied) {
        return core::Fail(emptied.error());
    }
    auto loader = db_.BeginBulk("postcodes", {"postcode", "terminated", "local_authority", "region", "lsoa", "icb"});
    if (!loader) return core::Fail(loader.error());
    int64_t count = 0;
    auto filled = fill([&](const PostcodeRow& row) -> core::Status {
        ++count;
        return (*loader)->Add({row.postcode, TextOrNull(row.terminated), TextOrNull(row.local_authority),
                               TextOrNull(row.region), TextOrNull(row.lsoa), TextOrNull(row.icb)});
    });
    if (!filled) return core::Fail(filled.error());
    if (auto finished = (*loader)->Finish(); !finished) return core::Fail(finished.error());
    if (auto indexed = db_.ExecuteScript("CREATE UNIQUE INDEX postcodes_by_code ON postcodes (postcode)"); !indexed) {
        return core::Fail(core::Error::InvalidArgument("the directory lists a postcode more than once (" +
                                                       indexed.error().message + "); nothing was imported"));
    }
    return count;
}

core::Result<int64_t> PostcodeTable::Count() {
    auto row = db_.QueryOne("SELECT COUNT(*) FROM postcodes");
    if (!row) return core::Fail(row.error());
    return (*row)->Int(0);
}

core::Result<std::optional<PostcodeRow>> PostcodeTable::Find(const std::string& postcode) {
    auto row = db_.QueryOne(
        "SELECT postcode, terminated, local_authority, region, lsoa, icb FROM postcodes WHERE postcode = ?",
        {postcode});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<PostcodeRow>();
    const SqlRow& r = **row;
    return std::optional<PostcodeRow>(PostcodeRow{r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)});
}

core::Status PostcodeTable::PutSnapshot(const std::string& name, const std::string& built_at,
                                        const std::string& bytes) {
    return db_.Execute(
        "INSERT INTO refdata_snapshots (name, built_at, data) VALUES (?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET built_at = excluded.built_at, data = excluded.data",
        {name, built_at, Hex(bytes)});
}

core::Result<std::optional<std::string>> PostcodeTable::Snapshot(const std::string& name) {
    auto row = db_.QueryOne("SELECT data FROM refdata_snapshots WHERE name = ?", {name});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<std::string>();
    auto bytes = Unhex((*row)->Text(0));
    if (!bytes) return core::Fail(core::Error::Corruption("the reference data snapshot " + name + " is damaged"));
    return bytes;
}

core::Result<std::optional<SnapshotInfo>> PostcodeTable::SnapshotDetails(const std::string& name) {
    // Stored as hex: two characters a byte.
    auto row = db_.QueryOne("SELECT built_at, LENGTH(data) / 2 FROM refdata_snapshots WHERE name = ?", {name});
    if (!row) return core::Fail(row.error());
    if (!*row) return std::optional<SnapshotInfo>();
    return std::optional<SnapshotInfo>(SnapshotInfo{(*row)->Text(0), (*row)->Int(1)});
}

}  // namespace did::store
