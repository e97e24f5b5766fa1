// Closing a month, provider by provider: the file that was current when the publication
// cut-off passed (the provisional last good file, which the monthly publication uses) and
// when the final deadline passed (the final one). Each is recorded just before the first
// change of the current file after its day, so until then it is the current file. After the
// final deadline the current file changes only under an exception, which reopens the month
// for that provider; the final last good file then follows it, audited. Reads and writes
// through the store; one thread.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/period.hpp"
#include "service/actor.hpp"
#include "service/timetable.hpp"
#include "store/store.hpp"

namespace did::service {

struct LastGoodFile {
    std::optional<int64_t> submission;  // none: no usable file
    // Its day has passed: this is the file for good (or until an exception, for the final
    // one). Otherwise it is the current file so far.
    bool fixed = false;
};

struct LastGoodFiles {
    LastGoodFile provisional;  // at the publication cut-off
    LastGoodFile final;        // at the final deadline
};

// One provider's month, as of `today`.
core::Result<LastGoodFiles> LastGoodFilesOf(store::Store& store, const std::string& provider, core::Period period,
                                            core::Date today);

// Every provider of the window's month that has a file or a recorded last good file.
core::Result<std::map<std::string, LastGoodFiles>> LastGoodFilesFor(store::Store& store, const Window& window,
                                                                    core::Date today);

// Records the last good files of the month whose day has passed by `today` and that are not
// recorded yet, for every provider expected that month or with a file: what the statistics
// call before they read them, so that a file later back-dated to before the cut-off does not
// change what they used.
core::Status RecordLastGoodFiles(store::Store& store, core::Period period, core::Date today);

// Inside the transaction, under the provider and month's lock, just before `next` replaces
// `current` (none: there is no current file) as the provider's current file for `period`.
// `day` is the day of the change as the rules see it: the day a submission is received on
// (back-dated or not), today for a restore. Records the last good files whose day has passed
// and that are not recorded yet: `current`, as it still is. After the final deadline the
// change needs an exception in force on `day` (otherwise kConflict, and nothing may change),
// and the final last good file becomes `next`, with an audit entry naming the exception.
core::Status BeforeCurrentFileChanges(store::Store& store, const Actor& actor, const std::string& provider,
                                      core::Period period, core::Date day, std::optional<int64_t> current,
                                      int64_t next);

}  // namespace did::service
