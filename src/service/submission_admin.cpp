#include "service/submission_admin.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/utf8.hpp"
#include "service/audit_trail.hpp"
#include "service/month_close.hpp"
#include "store/record_table.hpp"
#include "store/submission_table.hpp"

namespace did::service {

core::Result<std::vector<store::SubmissionRow>> ListSubmissions(store::Store& store, core::Period period,
                                                                const std::string& provider) {
    return store::SubmissionTable(store.db()).List(period, provider);
}

bool IsBackdated(const store::SubmissionRow& row) {
    return row.received_on.ToString() != core::LocalDayOf(row.submitted_at);
}

core::Result<store::SubmissionRow> GetSubmission(store::Store& store, int64_t id) {
    auto read = store::SubmissionTable(store.db()).Get(id);
    if (!read) return core::Fail(read.error());
    const std::optional<store::SubmissionRow>& row = *read;
    if (!row) return core::Fail(core::Error::NotFound(fmt::format("there is no submission {}", id)));
    return *row;
}

core::Result<Restored> RestoreSubmission(store::Store& store, const Actor& actor, int64_t id, core::Date today) {
    Restored result;
    auto status = store.InTransaction([&]() -> core::Status {
        auto row = GetSubmission(store, id);
        if (!row) return core::Fail(row.error());
        const std::string subject = MonthSubject(row->provider, row->period);
        if (auto locked = store.db().LockKey(subject); !locked) return locked;
        if (row->status == store::SubmissionStatus::kCurrent) {
            return core::Fail(core::Error::Conflict(fmt::format(
                "submission {} is already the current file of {} for {}", id, row->provider, row->period.ToString())));
        }
        if (row->status != store::SubmissionStatus::kSuperseded) {
            return core::Fail(core::Error::InvalidArgument(
                fmt::format("submission {} was {}: only a file that was once current can be made current again", id,
                            store::SubmissionStatusName(row->status))));
        }
        store::SubmissionTable submissions(store.db());
        auto current = submissions.Current(row->provider, row->period);
        if (!current) return core::Fail(current.error());
        if (auto closing = BeforeCurrentFileChanges(store, actor, row->provider, row->period, today,
                                                    *current ? std::optional((*current)->id) : std::nullopt, id);
            !closing) {
            return closing;
        }
        if (*current) {
            if (auto s = submissions.Supersede((*current)->id, id, core::UtcTimestamp()); !s) return s;
        }
        if (auto s = submissions.Reinstate(id); !s) return s;
        result.replaced = *current;
        auto restored = GetSubmission(store, id);
        if (!restored) return core::Fail(restored.error());
        result.restored = *restored;
        return Written(
            Record(store, actor, "current_file.restored", subject,
                   {{"submission", std::to_string(id)}, {"replaces", *current ? std::to_string((*current)->id) : ""}}));
    });
    if (!status) return core::Fail(status.error());
    return result;
}

core::Status ReadFindings(store::Store& store, const Actor& actor, int64_t id,
                          const std::function<bool(const store::FindingRow&)>& visit) {
    auto row = GetSubmission(store, id);
    if (!row) return core::Fail(row.error());
    if (auto audited = RecordAlone(store, actor, "findings.read", MonthSubject(row->provider, row->period),
                                   {{"submission", std::to_string(id)}});
        !audited) {
        return audited;
    }
    return store::RecordTable(store.db()).ForEachFinding(id, visit);
}

namespace {

// A comment as `did feedback` lists it: on one line, without surrounding blanks.
std::string OneLine(const std::string& text) {
    std::string out;
    bool blank = false;
    for (const char c : text) {
        if (c == '\r' || c == '\n' || c == '\t' || c == ' ') {
            blank = !out.empty();
            continue;
        }
        if (blank) out += ' ';
        blank = false;
        out += c;
    }
    return out;
}

}  // namespace

core::Status RecordFeedback(store::Store& store, const Actor& actor, int64_t id, std::optional<int64_t> minutes,
                            const std::string& comment) {
    if (minutes && (*minutes < 0 || *minutes > kMaxPrepMinutes)) {
        return core::Fail(core::Error::InvalidArgument(
            fmt::format("the time the extract took is a whole number of minutes from 0 to {}", kMaxPrepMinutes)));
    }
    const std::string line = OneLine(comment);
    if (core::FindInvalidUtf8(line) || core::HasControlCharacter(line)) {
        return core::Fail(core::Error::InvalidArgument("the comment has characters that are not text"));
    }
    if (core::CountCodePoints(line) > kMaxFeedbackComment) {
        return core::Fail(
            core::Error::InvalidArgument(fmt::format("the comment is longer than {} characters", kMaxFeedbackComment)));
    }
    if (!minutes && line.empty()) {
        return core::Fail(core::Error::InvalidArgument("say how long the extract took, or leave a comment"));
    }
    return store.InTransaction([&]() -> core::Status {
        auto row = GetSubmission(store, id);
        if (!row) return core::Fail(row.error());
        if (auto set = store::SubmissionTable(store.db()).SetFeedback(id, minutes, line); !set) return set;
        return Written(Record(store, actor, "feedback.recorded", MonthSubject(row->provider, row->period),
                              {{"submission", std::to_string(id)},
                               {"prep_minutes", minutes ? std::to_string(*minutes) : ""},
                               {"comment", line.empty() ? "no" : "yes"}}));
    });
}

}  // namespace did::service
