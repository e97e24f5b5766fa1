#include "service/data_issue_notes.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/utf8.hpp"
#include "service/audit_trail.hpp"
#include "service/organisation_check.hpp"
#include "store/data_issue_note_table.hpp"

namespace did::service {
namespace {

// Long enough for a paragraph; a note is read in every table's notes, not a document.
constexpr size_t kLongestNote = 1000;

}  // namespace

core::Result<std::string> AddDataIssueNote(store::Store& store, const Actor& actor, const std::string& provider,
                                           core::Period first, std::optional<core::Period> last,
                                           const std::string& note) {
    const core::Period until = last.value_or(first);
    if (until < first) return core::Fail(core::Error::InvalidArgument("--to is before --from"));
    if (note.empty() || core::FindInvalidUtf8(note) || core::HasControlCharacter(note) ||
        core::CountCodePoints(note) > kLongestNote) {
        return core::Fail(core::Error::InvalidArgument(
            fmt::format("a note is 1 to {} characters of printable text on one line", kLongestNote)));
    }
    if (auto known = CheckOrganisation(store, provider, OrgRole::kProvider); !known) return core::Fail(known.error());
    std::string replaced;
    auto status = store.InTransaction([&]() -> core::Status {
        store::DataIssueNoteTable table(store.db());
        auto earlier = table.Find(provider, first.ToString());
        if (!earlier) return core::Fail(earlier.error());
        if (*earlier) {
            replaced = fmt::format("the note for {} to {}: '{}'", (*earlier)->first_period, (*earlier)->last_period,
                                   (*earlier)->note);
        }
        if (auto put =
                table.Put({provider, first.ToString(), until.ToString(), note, actor.name, core::UtcTimestamp()});
            !put) {
            return put;
        }
        return Written(
            Record(store, actor, "data_issue_note.added", provider,
                   {{"from", first.ToString()}, {"to", until.ToString()}, {"note", note}, {"replaced", replaced}}));
    });
    if (!status) return core::Fail(status.error());
    return replaced;
}

core::Status RemoveDataIssueNote(store::Store& store, const Actor& actor, const std::string& provider,
                                 core::Period first) {
    return store.InTransaction([&]() -> core::Status {
        auto removed = store::DataIssueNoteTable(store.db()).Remove(provider, first.ToString());
        if (!removed) return core::Fail(removed.error());
        if (!*removed) {
            return core::Fail(core::Error::NotFound(
                fmt::format("there is no data issue note for {} from {}", provider, first.ToString())));
        }
        return Written(Record(store, actor, "data_issue_note.removed", provider, {{"from", first.ToString()}}));
    });
}

core::Result<std::vector<store::DataIssueNoteRow>> ListDataIssueNotes(store::Store& store) {
    return store::DataIssueNoteTable(store.db()).All();
}

core::Result<std::vector<store::DataIssueNoteRow>> DataIssueNotesFor(store::Store& store, core::Period first,
                                                                     core::Period last) {
    return store::DataIssueNoteTable(store.db()).Overlapping(first.ToString(), last.ToString());
}

}  // namespace did::service
