// The central team's notes on providers' data issues ("no ultrasound activity sent for May
// 2025: a RIS migration"), for the months they cover. Every statistics table and analysis over
// any of those months prints them in its notes (published_tables.hpp). Each change audited;
// every provider code is checked against ODS (organisation_check.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/period.hpp"
#include "service/actor.hpp"
#include "store/data_issue_note_table.hpp"
#include "store/store.hpp"

namespace did::service {

// Notes the issue for `provider` from `first` to `last` (`first` alone when not given). A note
// of the same provider and first month is replaced: what it said is returned (empty when new).
core::Result<std::string> AddDataIssueNote(store::Store& store, const Actor& actor, const std::string& provider,
                                           core::Period first, std::optional<core::Period> last,
                                           const std::string& note);
core::Status RemoveDataIssueNote(store::Store& store, const Actor& actor, const std::string& provider,
                                 core::Period first);
core::Result<std::vector<store::DataIssueNoteRow>> ListDataIssueNotes(store::Store& store);
// The notes whose months meet [first, last].
core::Result<std::vector<store::DataIssueNoteRow>> DataIssueNotesFor(store::Store& store, core::Period first,
                                                                     core::Period last);

}  // namespace did::service
