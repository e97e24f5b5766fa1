// Plain rows the store reads and writes. Values only; thread-safe to copy.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace did::store {

struct OrganisationRow {
    std::string code;
    std::string name;
    std::string kind;  // trust, site, gp, independent, other
    std::string parent;
    std::string postcode;
    std::string opened;  // YYYY-MM-DD or empty
    std::string closed;
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
    std::string period;
    std::string status;  // current, superseded, rejected
    std::string file_name;
    std::string file_sha256;
    int64_t file_bytes = 0;
    std::string submitted_at;  // ISO 8601, UTC
    std::string received_on;   // YYYY-MM-DD, the submission date the rules used
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

struct LocalCodeRow {
    std::string provider;
    std::string local_code;
    std::string nicip_code;
    std::string status;  // notified, approved, refused
    std::string notified_by;
    std::string notified_at;
    std::string decided_by;
    std::string decided_at;
    std::string reason;
};

struct AgreementRow {
    std::string provider;      // submits
    std::string organisation;  // for this organisation's sites
    std::string from_period;
    std::string until_period;  // empty: open-ended
};

struct ExpectedRow {
    std::string provider;
    std::string from_period;
    std::string until_period;
};

struct ExceptionRow {
    std::string provider;
    std::string period;
    std::string until;
    std::string reason;
    std::string granted_by;
    std::string granted_at;
};

struct ExclusionRow {
    std::string kind;  // site, code
    std::string value;
    std::string reason;
};

struct TimetableOverrideRow {
    std::string period;
    std::string opens;
    std::string cutoff;
    std::string provisional;
    std::string final;
};

}  // namespace did::store
