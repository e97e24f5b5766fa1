#include "service/reference_data.hpp"

#include <limits>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/file_io.hpp"
#include "core/sha256.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/csv_file_rows.hpp"
#include "ingest/hashing_source.hpp"
#include "refdata/icb_names.hpp"
#include "refdata/ods_file.hpp"
#include "refdata/onspd_file.hpp"
#include "refdata/postcode_icbs.hpp"
#include "service/audit_trail.hpp"
#include "store/icb_table.hpp"
#include "store/organisation_table.hpp"
#include "store/postcode_table.hpp"
#include "store/refdata_import_table.hpp"

namespace did::service {
namespace {

std::string Iso(const std::optional<core::Date>& date) {
    return date ? date->ToString() : "";
}

}  // namespace

core::Result<ImportCounts> ImportOds(store::Store& store, const Actor& actor, const std::string& path,
                                     refdata::OrgKind kind) {
    auto text = core::ReadFile(path);
    if (!text) return core::Fail(text.error());
    auto parsed = refdata::ParseOdsFile(*text, kind);
    if (parsed.problem_count > 0) {
        std::string message = fmt::format("{} has {} problem(s); nothing was imported:", path, parsed.problem_count);
        for (const std::string& p : parsed.problems) message += "\n  " + p;
        return core::Fail(core::Error::InvalidArgument(message));
    }
    if (parsed.organisations.empty()) return core::Fail(core::Error::InvalidArgument(path + " holds no organisations"));
    std::vector<store::OrganisationRow> rows;
    rows.reserve(parsed.organisations.size());
    for (const auto& o : parsed.organisations) {
        rows.push_back({o.code, o.name, std::string(refdata::OrgKindName(kind)), o.parent, o.postcode, Iso(o.opened),
                        Iso(o.closed), o.region, o.icb});
    }
    const std::string kind_name(refdata::OrgKindName(kind));
    const std::string sha256 = core::Sha256::Of(*text);
    auto status = store.InTransaction([&]() -> core::Status {
        store::OrganisationTable table(store.db());
        if (auto replaced = table.ReplaceKind(kind_name, rows); !replaced) return replaced;
        store::RefdataImportTable imports(store.db());
        if (auto added = imports.Add({0, OdsDataset(kind), core::UtcTimestamp(), actor.name, path, sha256,
                                      static_cast<int64_t>(rows.size())});
            !added) {
            return added;
        }
        return Written(Record(store, actor, "refdata.ods_imported", kind_name,
                              {{"file", path}, {"sha256", sha256}, {"organisations", std::to_string(rows.size())}}));
    });
    if (!status) return core::Fail(status.error());
    return ImportCounts{static_cast<int64_t>(rows.size()), kind_name};
}

core::Result<ImportCounts> ImportPostcodes(store::Store& store, const Actor& actor, const std::string& path) {
    auto file = ingest::FileSource::Open(path);
    if (!file) return core::Fail(file.error());
    std::vector<uint64_t> keys;
    refdata::PostcodeIcbs icbs;
    if (auto size = (*file)->SizeHint()) keys.reserve(static_cast<size_t>(*size / 60));
    // Hashed as it is read: the directory is read once.
    ingest::HashingSource source(std::move(*file), std::numeric_limits<uint64_t>::max());
    int64_t count = 0;
    auto status = store.InTransaction([&]() -> core::Status {
        store::PostcodeTable table(store.db());
        auto loaded = table.Replace([&](const store::PostcodeTable::AddRow& add) -> core::Status {
            std::optional<refdata::OnspdColumns> columns;
            refdata::OnspdEntry entry;
            store::PostcodeRow row;
            return ingest::ForEachCsvFileRow(
                source, 256,
                [&](uint64_t line, std::span<const std::string_view> fields, uint32_t) -> core::Result<bool> {
                    if (!columns) {
                        auto found = refdata::OnspdColumns::FromHeader({fields.begin(), fields.end()});
                        if (!found) return core::Fail(found.error());
                        columns = *found;
                        return true;
                    }
                    if (auto read = refdata::ReadOnspdRow(*columns, fields, entry); !read) {
                        return core::Fail(core::Error::InvalidArgument(
                            fmt::format("{} line {}: {}; nothing was imported", path, line, read.error().message)));
                    }
                    row.postcode = entry.postcode;
                    row.terminated = entry.terminated;
                    row.local_authority = entry.local_authority;
                    row.region = entry.region;
                    row.lsoa = entry.lsoa;
                    row.icb = entry.icb;
                    keys.push_back(refdata::PostcodeDirectory::KeyOf(row.postcode));
                    icbs.Add(row.postcode, row.icb);
                    if (auto added = add(row); !added) {
                        return core::Fail(core::Error::InvalidArgument(
                            fmt::format("{} line {}: postcode {} cannot be stored ({}); nothing was imported", path,
                                        line, row.postcode, added.error().message)));
                    }
                    return true;
                });
        });
        if (!loaded) return core::Fail(loaded.error());
        count = *loaded;
        if (count == 0) return core::Fail(core::Error::InvalidArgument(path + " holds no postcodes"));
        const auto directory = refdata::PostcodeDirectory::FromPostcodes(std::move(keys));
        if (auto put = table.PutSnapshot(kPostcodeSnapshot, core::UtcTimestamp(), directory.ToBytes()); !put)
            return put;
        if (auto finished = icbs.Finish(); !finished) return finished;
        if (auto put = table.PutSnapshot(kPostcodeIcbSnapshot, core::UtcTimestamp(), icbs.ToBytes()); !put) return put;
        auto sha256 = source.FinishDigest();
        if (!sha256) return core::Fail(sha256.error());
        store::RefdataImportTable imports(store.db());
        if (auto added = imports.Add({0, kPostcodeDataset, core::UtcTimestamp(), actor.name, path, *sha256, count});
            !added) {
            return added;
        }
        return Written(Record(store, actor, "refdata.postcodes_imported", "postcodes",
                              {{"file", path}, {"sha256", *sha256}, {"postcodes", std::to_string(count)}}));
    });
    if (!status) return core::Fail(status.error());
    return ImportCounts{count, "postcodes"};
}

core::Result<ImportCounts> ImportIcbNames(store::Store& store, const Actor& actor, const std::string& path) {
    auto text = core::ReadFile(path);
    if (!text) return core::Fail(text.error());
    auto parsed = refdata::ParseIcbNames(*text);
    if (!parsed) {
        return core::Fail(
            core::Error::InvalidArgument(fmt::format("{}: {}; nothing was imported", path, parsed.error().message)));
    }
    if (parsed->empty()) return core::Fail(core::Error::InvalidArgument(path + " holds no ICBs"));
    std::vector<store::IcbRow> rows;
    rows.reserve(parsed->size());
    for (const refdata::IcbName& icb : *parsed) rows.push_back({icb.code, icb.ods_code, icb.name});
    const std::string sha256 = core::Sha256::Of(*text);
    auto status = store.InTransaction([&]() -> core::Status {
        if (auto replaced = store::IcbTable(store.db()).Replace(rows); !replaced) return replaced;
        if (auto added = store::RefdataImportTable(store.db())
                             .Add({0, kIcbDataset, core::UtcTimestamp(), actor.name, path, sha256,
                                   static_cast<int64_t>(rows.size())});
            !added) {
            return added;
        }
        return Written(Record(store, actor, "refdata.icbs_imported", "icbs",
                              {{"file", path}, {"sha256", sha256}, {"icbs", std::to_string(rows.size())}}));
    });
    if (!status) return core::Fail(status.error());
    return ImportCounts{static_cast<int64_t>(rows.size()), "icbs"};
}

core::Result<std::unique_ptr<ReferenceData>> LoadReferenceData(store::Store& store) {
    auto data = std::make_unique<ReferenceData>();
    store::OrganisationTable organisations(store.db());
    auto status = organisations.ForEach([&](const store::OrganisationRow& r) {
        refdata::Organisation o;
        o.code = r.code;
        o.name = r.name;
        o.kind = refdata::ParseOrgKind(r.kind).value_or(refdata::OrgKind::kOther);
        o.parent = r.parent;
        o.postcode = r.postcode;
        o.region = r.region;
        o.icb = r.icb;
        if (!r.opened.empty()) o.opened = core::Date::Parse(r.opened);
        if (!r.closed.empty()) o.closed = core::Date::Parse(r.closed);
        data->organisations.Add(std::move(o));
    });
    if (!status) return core::Fail(status.error());
    store::PostcodeTable postcodes(store.db());
    auto snapshot = postcodes.Snapshot(kPostcodeSnapshot);
    if (!snapshot) return core::Fail(snapshot.error());
    if (const auto& bytes = *snapshot) {
        auto directory = refdata::PostcodeDirectory::FromBytes(*bytes);
        if (!directory) return core::Fail(directory.error());
        data->postcodes = std::move(*directory);
    }
    return data;
}

}  // namespace did::service
