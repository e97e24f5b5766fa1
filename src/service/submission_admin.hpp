// What happens to a stored submission after it is stored: an earlier file made current again
// (audited), its findings read back (audited: findings hold values as sent, patient data
// among them), and the submitter's feedback on the burden given afterwards (audited). Reads
// and writes through the store; one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "service/actor.hpp"
#include "store/store.hpp"
#include "store/types.hpp"

namespace did::service {

struct Restored {
    store::SubmissionRow restored;                 // now current
    std::optional<store::SubmissionRow> replaced;  // the file that was current until now
};

// Makes submission `id`, superseded by a later file, the current file of its month again.
// A rejected submission cannot be made current; one that already is, is said so. After the
// month's final deadline only under an exception in force `today` (see month_close.hpp).
core::Result<Restored> RestoreSubmission(store::Store& store, const Actor& actor, int64_t id,
                                         core::Date today = core::Date::Today());

// Every submission of `period` (of `provider` when not empty), oldest first.
core::Result<std::vector<store::SubmissionRow>> ListSubmissions(store::Store& store, core::Period period,
                                                                const std::string& provider);

// Whether the day the rules used is not the day the server received the file.
bool IsBackdated(const store::SubmissionRow& row);

// The stored submission `id`, or kNotFound.
core::Result<store::SubmissionRow> GetSubmission(store::Store& store, int64_t id);

// The findings stored with submission `id`, in line order; `visit` returns false to stop.
// Recorded in the audit log as a view of patient-level data.
core::Status ReadFindings(store::Store& store, const Actor& actor, int64_t id,
                          const std::function<bool(const store::FindingRow&)>& visit);

inline constexpr int64_t kMaxPrepMinutes = 100000;
inline constexpr size_t kMaxFeedbackComment = 1000;  // characters

// The burden of the collection as the submitter of submission `id` saw it: the minutes its
// extract took to prepare (0 to kMaxPrepMinutes) and a comment (one line: line breaks become
// spaces), in the columns `did submit --prep-minutes/--comment` fills, so `did feedback`
// lists it. Replaces what was given before; at least one of the two is needed. Audited.
core::Status RecordFeedback(store::Store& store, const Actor& actor, int64_t id, std::optional<int64_t> minutes,
                            const std::string& comment);

}  // namespace did::service
