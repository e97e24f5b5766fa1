// Submitting a month's file: spool it, check the timetable and whether it was already
// received, validate it with all the reference data and rules of engagement, then commit in
// one transaction the accepted records, every finding, the submission's details, the cube
// rows and the audit entry. The newest good file becomes the provider's current one for the
// month; earlier ones stay, superseded. A dry run reports what would change, storing nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/pipeline.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "service/actor.hpp"
#include "service/drop_guard.hpp"
#include "service/record_diff.hpp"
#include "store/store.hpp"
#include "store/types.hpp"
#include "validate/validation_report.hpp"

namespace did::service {

struct SubmitRequest {
    std::string provider;
    core::Period period = *core::Period::Parse("2026-01");
    std::string path;  // "-" for standard input
    std::string file_name;
    core::Date received_on = core::Date::Today();
    // Why the file is recorded as received on a day other than today (a central
    // administrator's act: the audit log keeps the real time beside it). Required then.
    std::string backdate_reason;
    Actor actor;
    bool confirm_drop = false;
    bool dry_run = false;
    std::optional<int64_t> prep_minutes;  // feedback: how long the extract took to prepare
    std::string comment;
    uint64_t max_bytes = uint64_t{4} << 30;
    std::string spool_directory = "/tmp";
    ingest::PipelineOptions pipeline;
    // What the caller promised besides storing (a findings file, the rejected records as sent),
    // given the report and `input`, the submitted bytes again from the first (checked, when read,
    // to be the bytes validated). Called once whenever there is a report: for a file that is
    // stored, inside the transaction before the commit, so that it happens with the submission
    // or a failure here stores nothing; otherwise (a dry run, a file rejected or held back) once
    // it is certain that nothing is stored, a failure then failing Submit.
    std::function<core::Status(const validate::ValidationReport&, ingest::ByteSource& input)> write_outputs;
};

enum class SubmitResult {
    kStored,             // the file is now the current one for the month
    kNoAcceptedRecords,  // stored, with its findings, as rejected; the current file (if any) stays
    kFileRejected,       // a file-level error: nothing stored
    kHeldBack,           // far fewer records than the current file: nothing stored until confirmed
    kAlreadyReceived,    // the same bytes were received before: nothing stored again
    kRefused,            // outside the window, unknown provider, too large: nothing stored
    kDryRun,             // nothing stored; see `diff`
};

std::string_view SubmitResultName(SubmitResult result);

// What a submitter keeps as proof of a stored submission.
struct Receipt {
    std::string reference;  // "DID-RXX-2026-10-42": provider, period, submission id
    std::string sha256;
    int64_t bytes = 0;
    std::string received_at;                       // the server's time, ISO 8601 UTC
    core::Date received_on = core::Date::Today();  // the day the rules used
    bool backdated = false;                        // received_on is not the day of received_at
    core::Date cutoff = core::Date::Today();       // the publication cut-off of the period
    bool on_time = false;                          // received_on <= cutoff
    int64_t records = 0;
    int64_t accepted = 0;
    int64_t rejected = 0;
    int64_t warned = 0;
};

struct SubmitOutcome {
    SubmitResult result = SubmitResult::kRefused;
    std::string message;  // what happened, for the submitter
    std::optional<validate::ValidationReport> report;
    std::optional<store::SubmissionRow> submission;  // the stored row, or the earlier one with the same bytes
    std::optional<store::SubmissionRow> previous;    // the current file it superseded (or would)
    RecordDiff diff;
    SubmitResult would_be = SubmitResult::kStored;  // for a dry run: what a real submission would do
    std::optional<Receipt> receipt;                 // whenever a submission was stored
};

core::Result<SubmitOutcome> Submit(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                   const SubmitRequest& request);

}  // namespace did::service
