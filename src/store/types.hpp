// Plain rows the store reads and writes. Values only; thread-safe to copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "core/period.hpp"

namespace did::store {

// Where a submission stands. A row is inserted as loading before its file has been read, in
// the transaction that completes it, so no other connection ever sees that state.
enum class SubmissionStatus { kLoading, kCurrent, kSuperseded, kRejected };

// The words the database and the reports use: loading, current, superseded, rejected.
inline std::string_view SubmissionStatusName(SubmissionStatus status) {
    switch (status) {
        case SubmissionStatus::kLoading:
            return "loading";
        case SubmissionStatus::kCurrent:
            return "current";
        case SubmissionStatus::kSuperseded:
            return "superseded";
        case SubmissionStatus::kRejected:
            return "rejected";
    }
    return "loading";
}
inline std::optional<SubmissionStatus> ParseSubmissionStatus(std::string_view name) {
    for (auto status : {SubmissionStatus::kLoading, SubmissionStatus::kCurrent, SubmissionStatus::kSuperseded,
                        SubmissionStatus::kRejected}) {
        if (SubmissionStatusName(status) == name) return status;
    }
    return std::nullopt;
}

struct OrganisationRow {
    std::string code;
    std::string name;
    std::string kind;  // trust, site, gp, independent, other
    std::string parent;
    std::string postcode;
    std::string opened;  // YYYY-MM-DD or empty
    std::string closed;
    std::string region;  // the NHS England region's code (ODS national grouping, Y56…Y63), or empty
    std::string icb;     // the ODS code of its Integrated Care Board (ODS column 4), or empty
};

struct PostcodeRow {
    std::string postcode;  // one space between outward and inward code
    std::string terminated;
    std::string local_authority;
    std::string region;
    std::string lsoa;
    std::string icb;
};

struct SubmissionRow {
    int64_t id = 0;
    std::string provider;
    // Placeholders until the row is filled; every row read from the store has real values.
    core::Period period = core::Period::Of(core::Date::FromValidYmd(1, 1, 1));
    SubmissionStatus status = SubmissionStatus::kLoading;
    // Usable: its accepted records count (it is, or was, the provider's file for the month).
    bool usable() const { return status == SubmissionStatus::kCurrent || status == SubmissionStatus::kSuperseded; }
    std::string file_name;
    std::string file_sha256;
    int64_t file_bytes = 0;
    std::string submitted_at;                                    // ISO 8601, UTC
    core::Date received_on = core::Date::FromValidYmd(1, 1, 1);  // the submission date the rules used
    std::string submitted_by;
    std::string origin;
    int64_t records_total = 0;
    int64_t accepted = 0;
    int64_t rejected = 0;
    int64_t warned = 0;
    int64_t excluded = 0;
    int64_t local_coded = 0;
    std::optional<int64_t> prep_minutes;
    std::string comment;
    std::optional<int64_t> superseded_by;
};

// One stored finding of a submission, as the findings CSV lists it.
struct FindingRow {
    int64_t line = 0;
    std::string site_code;         // the record's, as sent; empty for a file-level finding
    std::string accession_number;  // likewise
    std::string rule;              // DIDS001, DIDC-PERIOD, …
    std::string severity;          // reject, warn, file
    std::string field;
    std::string value;  // as sent
    std::string message;
};

struct AuditRow {
    int64_t seq = 0;
    std::string at;
    std::string actor;
    std::string origin;
    std::string action;   // submission.stored, local_code.approved, …
    std::string subject;  // what it concerns: "RXX 2026-10", a code, …
    std::string detail;   // JSON
    std::string prev_hash;
    std::string hash;
};

// Where a local code stands: notified by its provider, then approved or refused centrally.
enum class LocalCodeStatus { kNotified, kApproved, kRefused };

// The words the database, the audit log and the reports use: notified, approved, refused.
inline std::string_view LocalCodeStatusName(LocalCodeStatus status) {
    switch (status) {
        case LocalCodeStatus::kNotified:
            return "notified";
        case LocalCodeStatus::kApproved:
            return "approved";
        case LocalCodeStatus::kRefused:
            return "refused";
    }
    return "notified";
}
inline std::optional<LocalCodeStatus> ParseLocalCodeStatus(std::string_view name) {
    for (auto status : {LocalCodeStatus::kNotified, LocalCodeStatus::kApproved, LocalCodeStatus::kRefused}) {
        if (LocalCodeStatusName(status) == name) return status;
    }
    return std::nullopt;
}

struct LocalCodeRow {
    std::string provider;
    std::string local_code;
    std::string nicip_code;
    LocalCodeStatus status = LocalCodeStatus::kNotified;
    std::string notified_by;
    std::string notified_at;
    std::string decided_by;
    std::string decided_at;
    std::string reason;
};

struct AgreementRow {
    std::string provider;      // submits
    std::string organisation;  // for this organisation's sites
    core::Period from_period;
    std::optional<core::Period> until_period;  // none: open-ended
    bool covers(core::Period month) const { return from_period <= month && (!until_period || month <= *until_period); }
};

// A provider that must submit every month from `from_period`, up to `until_period` if any.
struct ExpectedRow {
    std::string provider;
    core::Period from_period;
    std::optional<core::Period> until_period;  // none: open-ended
    bool covers(core::Period month) const { return from_period <= month && (!until_period || month <= *until_period); }
};

// Lets `provider` submit `period` late, up to and including `until`.
struct ExceptionRow {
    std::string provider;
    core::Period period;
    core::Date until;
    std::string reason;
    std::string granted_by;
    std::string granted_at;
};

struct ExclusionRow {
    std::string kind;  // site, code
    std::string value;
    std::string reason;
};

// A month's dates, set for it rather than by the rule (an override), or kept as they were
// when the rule changed after its cut-off (a frozen month).
struct TimetableOverrideRow {
    core::Period period;
    core::Date opens;
    core::Date cutoff;
    core::Date provisional;
    core::Date final;
};

// When a last good file was taken: as the publication cut-off passed, or the final deadline.
enum class LastGoodFileStage { kProvisional, kFinal };

// The words the database uses: provisional, final.
inline std::string_view LastGoodFileStageName(LastGoodFileStage stage) {
    return stage == LastGoodFileStage::kFinal ? "final" : "provisional";
}
inline std::optional<LastGoodFileStage> ParseLastGoodFileStage(std::string_view name) {
    for (auto stage : {LastGoodFileStage::kProvisional, LastGoodFileStage::kFinal}) {
        if (LastGoodFileStageName(stage) == name) return stage;
    }
    return std::nullopt;
}

// A provider's file for a month as it stood when the publication cut-off (stage
// provisional) or the final deadline (final) passed.
struct LastGoodFileRow {
    std::string provider;
    core::Period period;
    LastGoodFileStage stage;
    std::optional<int64_t> submission_id;  // none: no usable file then
    std::string recorded_at;               // ISO 8601, UTC
    std::string note;                      // why it was recorded then
};

// One NICIP code of an imported catalogue, as its release file gives it.
struct NicipCodeRow {
    std::string code;
    std::string snomed_ct_id;
    std::string modality;          // the published label
    std::string nicip_retired_on;  // YYYY-MM-DD or empty
    std::string snomed_retired_on;
};

// One reference data import: the catalogue, an ODS file, the postcode directory.
struct RefdataImportRow {
    int64_t id = 0;
    std::string dataset;      // nicip, ods.gp, ods.trust, ods.site, ods.independent, ods.other, postcodes
    std::string imported_at;  // ISO 8601, UTC
    std::string imported_by;
    std::string file_name;
    std::string file_sha256;  // empty for imports made before schema version 3
    int64_t rows = 0;
};

// What a reference data bundle says of itself.
struct BundleNoteRow {
    std::string exported_at;  // ISO 8601, UTC
    std::string exported_by;
    std::string source;  // the database it came from, without a password
    bool postcodes = false;
};

// A compact snapshot's date and size, without its contents.
struct SnapshotInfo {
    std::string built_at;
    int64_t bytes = 0;
};

}  // namespace did::store
