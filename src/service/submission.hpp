// Submitting a month's file: spool it, check the timetable and whether it was already
// received, validate it with all the reference data and rules of engagement, then commit in
// one transaction the accepted records, every finding, the submission's details, the cube
// rows and the audit entry. The newest good file becomes the provider's current one for the
// month; earlier ones stay, superseded. A dry run reports what would change, storing nothing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "ingest/pipeline.hpp"
#include "refdata/nicip_catalogue.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"
#include "store/types.hpp"
#include "validate/validation_report.hpp"

namespace did::service {

// A resubmission with fewer than this share of the current file's accepted records is held
// back until confirmed: more often a partial extract than a real fall in activity.
inline constexpr double kDropThreshold = 0.7;

struct SubmitRequest {
    std::string provider;
    core::Period period = *core::Period::Parse("2026-01");
    std::string path;  // "-" for standard input
    std::string file_name;
    core::Date received_on = core::Date::Today();
    Actor actor;
    bool confirm_drop = false;
    bool dry_run = false;
    std::optional<int64_t> prep_minutes;  // feedback: how long the extract took to prepare
    std::string comment;
    uint64_t max_bytes = uint64_t{4} << 30;
    std::string spool_directory = "/tmp";
    ingest::PipelineOptions pipeline;
};

enum class SubmitResult {
    kStored,            // the file is now the current one for the month
    kNoAcceptedRecords, // stored, with its findings, as rejected; the current file (if any) stays
    kFileRejected,      // a file-level error: nothing stored
    kHeldBack,          // far fewer records than the current file: nothing stored until confirmed
    kAlreadyReceived,   // the same bytes were received before: nothing stored again
    kRefused,           // outside the window, unknown provider, too large: nothing stored
    kDryRun,            // nothing stored; see `diff`
};

std::string_view SubmitResultName(SubmitResult result);

// How a file differs from the current one, record by record (keyed by accession number and site).
struct RecordDiff {
    bool against_current = false;
    int64_t added = 0;
    int64_t removed = 0;
    int64_t changed = 0;
    int64_t unchanged = 0;
    std::vector<std::string> examples;  // "added: site RH802, accession ACC123", … (no patient details)
};

struct SubmitOutcome {
    SubmitResult result = SubmitResult::kRefused;
    std::string message;  // what happened, for the submitter
    std::optional<validate::ValidationReport> report;
    std::optional<store::SubmissionRow> submission;  // the stored row, or the earlier one with the same bytes
    std::optional<store::SubmissionRow> previous;    // the current file it superseded (or would)
    RecordDiff diff;
    SubmitResult would_be = SubmitResult::kStored;   // for a dry run: what a real submission would do
};

core::Result<SubmitOutcome> Submit(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                   const SubmitRequest& request);

}  // namespace did::service
