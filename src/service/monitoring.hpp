// Monitoring the collection: who has and has not submitted for a month (against the list of
// providers expected to), the submitters' feedback on the burden of the collection, how much
// activity came through local codes, and examinations possibly counted twice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "service/month_close.hpp"
#include "service/timetable.hpp"
#include "store/record_table.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

namespace did::service {

struct ProviderStatus {
    std::string provider;
    std::string name;    // from ODS, when loaded
    std::string region;  // the NHS England region's name, from ODS, when loaded
    bool expected = false;
    // "on time" or "late" (a usable file, first received by the cut-off or after it);
    // "rejected only" (files sent, none usable); "not yet due" or "overdue" (nothing sent,
    // and the cut-off is still to come or has passed).
    std::string state;
    // Days late (late), past the cut-off (overdue, rejected only after it) or left until it
    // (not yet due, rejected only before it); empty when on time.
    std::optional<int> days;
    std::optional<store::SubmissionRow> current;
    // The file current at the publication cut-off and at the final deadline (month_close.hpp).
    LastGoodFiles last_good;
    std::optional<core::Date> first_good_on;  // when the first usable file was received
    // Every time a file was sent (not a dry run) for the provider and month, whatever became
    // of it: stored, every record rejected, rejected at file level, held back, already
    // received or refused. Counted from the audit log, where each leaves one entry.
    int64_t attempts = 0;
};

// Every provider expected for the month or that sent something, most urgent first: overdue
// (longest first), rejected only, not yet due (fewest days left first), late, on time.
// `today` decides what is due.
core::Result<std::vector<ProviderStatus>> StatusFor(store::Store& store, const Window& window, core::Date today);

struct FeedbackEntry {
    std::string provider;
    int64_t submission_id = 0;
    std::optional<int64_t> prep_minutes;
    std::string comment;
};

struct FeedbackSummary {
    int64_t responses = 0;  // submissions with a preparation time
    double median_minutes = 0;
    double mean_minutes = 0;
    int64_t max_minutes = 0;
    std::vector<FeedbackEntry> entries;  // every submission with a time or a comment
};

core::Result<FeedbackSummary> FeedbackFor(store::Store& store, core::Period period);

struct LocalCodeUsage {
    std::string provider;
    int64_t accepted = 0;
    int64_t local_coded = 0;
};

// From each provider's current file for the month.
core::Result<std::vector<LocalCodeUsage>> LocalCodeUsageFor(store::Store& store, core::Period period);

// A record flagged DIDC-DUPLICATE-PROVIDER, and the other provider's file it repeats.
using PossibleDuplicate = store::DuplicateExamination;

// Examinations flagged DIDC-DUPLICATE-PROVIDER in current files of the month against another
// provider's file that is still current, for the central team.
core::Result<std::vector<PossibleDuplicate>> PossibleDuplicatesFor(store::Store& store, core::Period period);

}  // namespace did::service
