#include "service/submission.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/with_commas.hpp"
#include "ingest/background_sink.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/hashing_source.hpp"
#include "ingest/spool.hpp"
#include "ingest/submission_format.hpp"
#include "service/audit_trail.hpp"
#include "service/month_close.hpp"
#include "service/organisation_check.hpp"
#include "service/record_diff.hpp"
#include "service/store_sink.hpp"
#include "service/submission_context.hpp"
#include "service/timetable.hpp"
#include "store/bundle_note_table.hpp"
#include "store/record_table.hpp"
#include "store/statistics_cube_table.hpp"
#include "store/submission_table.hpp"
#include "validate/rule_catalogue.hpp"

namespace did::service {

std::string_view SubmitResultName(SubmitResult result) {
    switch (result) {
        case SubmitResult::kStored:
            return "stored";
        case SubmitResult::kNoAcceptedRecords:
            return "stored as rejected";
        case SubmitResult::kFileRejected:
            return "file rejected";
        case SubmitResult::kHeldBack:
            return "held back";
        case SubmitResult::kAlreadyReceived:
            return "already received";
        case SubmitResult::kRefused:
            return "refused";
        case SubmitResult::kDryRun:
            return "dry run";
    }
    return "?";
}

namespace {

using store::SubmissionRow;

bool IsProviderCode(const std::string& code) {
    return code.size() >= 3 && code.size() <= 5 && std::all_of(code.begin(), code.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
           });
}

// A count of records for a message: 199,658.
std::string Count(int64_t records) {
    return core::WithCommas(static_cast<uint64_t>(records));
}

core::Status StoreFindings(store::RecordTable& records, int64_t id, const validate::ValidationReport& report) {
    auto loader = records.Loader(store::BulkTable::kFindings);
    if (!loader) return core::Fail(loader.error());
    const auto& rules = validate::RuleCatalogue::Standard();
    core::Status failed;
    store::BulkRow row;
    auto add = [&](const validate::Finding& f) {
        const auto& spec = rules.Spec(f.rule);
        row.assign({id, static_cast<int64_t>(f.line), spec.code, validate::SeverityName(f.severity), spec.field_label,
                    f.value, f.message, f.site_code(), f.accession_number()});
        failed = (*loader)->Add(row);
        return static_cast<bool>(failed);
    };
    if (auto s = report.file_errors.ForEach(add); !s) return s;
    if (!failed) return failed;
    if (auto s = report.findings.ForEach(add); !s) return s;
    if (!failed) return failed;
    return (*loader)->Finish();
}

class Submission {
  public:
    Submission(store::Store& store, const refdata::NicipCatalogue& catalogue, const SubmitRequest& request)
        : store_(store), catalogue_(catalogue), r_(request), subject_(MonthSubject(request.provider, request.period)) {}

    core::Result<SubmitOutcome> Run() {
        if (backdated() && r_.actor.role != Role::kCentralAdministrator) {
            return Refuse("a file is received on the day it arrives: only the central team can record another day");
        }
        // A bundle is handed out to providers: patient data must never be written into one.
        auto bundle = store::BundleNoteTable(store_.db()).Get();
        if (!bundle) return core::Fail(bundle.error());
        if (*bundle) {
            return core::Fail(core::Error::InvalidArgument(
                "this database is a reference data bundle (did refdata export), not the collection's: submissions "
                "go to the collection's database"));
        }
        if (!IsProviderCode(r_.provider)) return Refuse("'" + r_.provider + "' is not an organisation code");
        if (auto known = CheckOrganisation(store_, r_.provider, OrgRole::kProvider); !known) {
            if (known.error().code != core::ErrorCode::kInvalidArgument) return core::Fail(known.error());
            return Refuse(known.error().message);
        }
        auto timetable = Timetable::Load(store_);
        if (!timetable) return core::Fail(timetable.error());
        auto refusal = timetable->Refusal(r_.provider, r_.period, r_.received_on);
        if (!refusal) return core::Fail(refusal.error());
        if (*refusal) {
            // A dry run still checks the file (it may be made ready before the window opens),
            // and says that a real submission would be refused.
            if (!r_.dry_run) return Refuse(**refusal);
            dry_run_refusal_ = **refusal;
        }
        if (auto opened = OpenInput(); !opened) {
            if (opened.error().code == core::ErrorCode::kInvalidArgument) return Refuse(opened.error().message);
            return core::Fail(opened.error());
        }
        if (!r_.dry_run) {  // a resent file is told at once, before it is validated again
            auto earlier = EarlierSameFile();
            if (!earlier) return core::Fail(earlier.error());
            if (*earlier) return AlreadyReceived(**earlier);
        }

        auto context = BuildSubmissionContext(store_, catalogue_, r_.provider, r_.period, r_.received_on);
        if (!context) return core::Fail(context.error());
        context_ = std::move(*context);
        if (!r_.dry_run) {  // whose each examination is, for the statistics cube of a file stored
            auto commissioners = Commissioners::Load(store_, &context_->reference->organisations);
            if (!commissioners) return core::Fail(commissioners.error());
            commissioners_ = std::move(*commissioners);
        }
        auto window = timetable->For(r_.period);
        if (!window) return core::Fail(window.error());
        window_ = *window;
        return r_.dry_run ? DryRun() : Store();
    }

  private:
    // A regular file is read once, hashed on the way, straight into validation and the
    // database. Anything else (standard input, a pipe) is spooled first, so that a slow
    // sender never holds the database's write lock.
    core::Status OpenInput() {
        auto file = ingest::FileSource::Open(r_.path);
        if (!file) return core::Fail(file.error());
        if ((*file)->SizeHint()) {
            if (*(*file)->SizeHint() > r_.max_bytes) {
                return core::Fail(core::Error::InvalidArgument("the file is larger than the " +
                                                               std::to_string(r_.max_bytes >> 20) + " MiB allowed"));
            }
            hashing_ = new ingest::HashingSource(std::move(*file), r_.max_bytes);
            input_.reset(hashing_);
            return {};
        }
        auto spool = ingest::Spool::Create(**file, r_.spool_directory, r_.max_bytes);
        if (!spool) return core::Fail(spool.error());
        spool_ = std::move(*spool);
        sha256_ = spool_->sha256();
        bytes_ = spool_->size();
        input_ = spool_->Open();
        return {};
    }

    // A usable earlier submission of these exact bytes. A regular file is hashed as it is
    // validated; it is hashed first only when an earlier file of the month has its size, so a
    // resent file is recognised in the time it takes to hash it, and a new one costs nothing.
    core::Result<std::optional<SubmissionRow>> EarlierSameFile() {
        store::SubmissionTable submissions(store_.db());
        if (sha256_.empty()) {
            const auto size = input_->SizeHint();
            if (!size) return std::optional<SubmissionRow>();
            auto earlier = submissions.List(r_.period, r_.provider);
            if (!earlier) return core::Fail(earlier.error());
            const bool same_size = std::any_of(earlier->begin(), earlier->end(), [&](const SubmissionRow& row) {
                return row.file_bytes == static_cast<int64_t>(*size);
            });
            if (!same_size) return std::optional<SubmissionRow>();
            auto file = ingest::FileSource::Open(r_.path);
            if (!file) return core::Fail(file.error());
            ingest::HashingSource hashing(std::move(*file), r_.max_bytes);
            auto digest = hashing.FinishDigest();
            if (!digest) return core::Fail(digest.error());
            return submissions.ByFile(r_.provider, r_.period, *digest);
        }
        return submissions.ByFile(r_.provider, r_.period, sha256_);
    }

    // The file's digest and size, once validation has read it (see OpenInput).
    core::Status FinishInput() {
        if (hashing_ == nullptr) return {};
        auto digest = hashing_->FinishDigest();
        if (!digest) return core::Fail(digest.error());
        // Validation checked this too; the digest read on after it, so check again.
        if (auto unchanged = hashing_->CheckUnchanged(); !unchanged) return unchanged;
        sha256_ = *digest;
        bytes_ = hashing_->bytes();
        return {};
    }

    // What the caller promised besides storing, with the submitted bytes to read again.
    core::Status WriteOutputs(const validate::ValidationReport& report) const {
        if (!r_.write_outputs) return {};
        // A regular file is read again through the descriptor it was validated from, and checked
        // unchanged once read; a spool cannot change.
        auto again = input_->ReadAgain();
        if (!again) return core::Fail(core::Error::Internal("the submitted file cannot be read again"));
        return r_.write_outputs(report, *again);
    }

    core::Result<SubmitOutcome> Refuse(const std::string& reason) {
        if (auto audited = RecordAlone(store_, r_.actor, "submission.refused", subject_,
                                       {{"reason", reason}, {"file", r_.file_name}});
            !audited) {
            return core::Fail(audited.error());
        }
        SubmitOutcome outcome;
        outcome.result = SubmitResult::kRefused;
        outcome.message = "Refused: " + reason + ". Nothing was stored.";
        return outcome;
    }

    core::Result<SubmitOutcome> AlreadyReceived(const SubmissionRow& earlier) {
        if (auto audited = RecordAlone(store_, r_.actor, "submission.duplicate_file", subject_,
                                       {{"sha256", sha256_}, {"same_as", std::to_string(earlier.id)}});
            !audited) {
            return core::Fail(audited.error());
        }
        SubmitOutcome outcome;
        outcome.result = SubmitResult::kAlreadyReceived;
        outcome.submission = earlier;
        outcome.message = fmt::format(
            "This exact file was already received on {} as submission {} ({}). Nothing was "
            "stored again.",
            earlier.submitted_at, earlier.id, store::SubmissionStatusName(earlier.status));
        if (earlier.status == store::SubmissionStatus::kSuperseded) {
            outcome.message += fmt::format(" To make it the current file again: did submission restore {}", earlier.id);
        }
        return outcome;
    }

    // Validates the input (only once: it is read forward) into `sink`.
    core::Result<validate::ValidationReport> Validate(validate::AcceptedSink* sink) {
        auto report = ingest::ValidateSubmission(*input_, context_->context, r_.pipeline, sink);
        if (!report) {
            too_large_ = hashing_ != nullptr && hashing_->bytes() > r_.max_bytes;
            return report;
        }
        if (auto finished = FinishInput(); !finished) return core::Fail(finished.error());
        return report;
    }

    // Would a real submission of this file be stored as current, rejected or held back?
    SubmitResult Verdict(const validate::ValidationReport& report, const std::optional<SubmissionRow>& current,
                         std::string& message) const {
        if (report.file_rejected()) {
            message = "Rejected: the file has file-level errors (see the report). Nothing was stored.";
            return SubmitResult::kFileRejected;
        }
        const int64_t accepted = static_cast<int64_t>(report.records.accepted);
        if (accepted == 0) {
            message = "Every record was rejected: the file is kept with its findings, but does not replace " +
                      std::string(current ? "the current file." : "anything.");
            return SubmitResult::kNoAcceptedRecords;
        }
        // A resubmission with far fewer accepted records than the current file (drop_guard.hpp).
        if (current && !r_.confirm_drop && DropsTooMuch(accepted, current->accepted)) {
            message = fmt::format(
                "Held back: this file has {} accepted records, {:.0f}% of the {} in the current file (submission {} of "
                "{}); {} records would drop out of the month. If that is right, send it again with --confirm-drop. "
                "Nothing was stored.",
                Count(accepted), 100.0 * static_cast<double>(accepted) / static_cast<double>(current->accepted),
                Count(current->accepted), current->id, current->submitted_at, Count(current->accepted - accepted));
            return SubmitResult::kHeldBack;
        }
        return SubmitResult::kStored;
    }

    core::Result<SubmitOutcome> DryRun() {
        DigestSink digests;
        auto report = Validate(&digests);
        if (!report) return core::Fail(report.error());
        store::SubmissionTable submissions(store_.db());
        auto current = submissions.Current(r_.provider, r_.period);
        if (!current) return core::Fail(current.error());
        SubmitOutcome outcome;
        outcome.result = SubmitResult::kDryRun;
        outcome.previous = *current;
        auto verdict = WouldBe(submissions, *report, *current, outcome.would_be);
        if (!verdict) return core::Fail(verdict.error());
        store::RecordTable records(store_.db());
        auto diff = digests.DiffAgainst(records, *current ? std::optional<int64_t>((*current)->id) : std::nullopt);
        if (!diff) return core::Fail(diff.error());
        outcome.diff = std::move(*diff);
        outcome.message =
            "Dry run, nothing stored. A real submission would be: " + std::string(SubmitResultName(outcome.would_be)) +
            "." + (verdict->empty() ? "" : " " + *verdict);
        if (auto promised = WriteOutputs(*report); !promised) return core::Fail(promised.error());
        outcome.report = std::move(*report);
        return outcome;
    }

    // What a real submission of the file would come to, with the checks it makes in the order
    // it makes them, and what it would say.
    core::Result<std::string> WouldBe(store::SubmissionTable& submissions, const validate::ValidationReport& report,
                                      const std::optional<SubmissionRow>& current, SubmitResult& would_be) const {
        auto earlier = submissions.ByFile(r_.provider, r_.period, sha256_);
        if (!earlier) return core::Fail(earlier.error());
        std::string verdict;
        if (dry_run_refusal_) {
            would_be = SubmitResult::kRefused;
            verdict = *dry_run_refusal_ + ".";
            verdict[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(verdict[0])));
        } else if (*earlier) {
            would_be = SubmitResult::kAlreadyReceived;
            verdict =
                fmt::format("This exact file was already received on {} as submission {} ({}).",
                            (*earlier)->submitted_at, (*earlier)->id, store::SubmissionStatusName((*earlier)->status));
        } else {
            would_be = Verdict(report, current, verdict);
        }
        return verdict;
    }

    // Storing: one transaction holds the submission row, its records, findings and cubes, the
    // superseding of the current file and the audit entry; anything that fails leaves nothing.
    // An outcome that stores nothing (file rejected, held back) is audited after the rollback.
    core::Result<SubmitOutcome> Store() {
        store::RecordTable records(store_.db());
        auto partition = records.EnsurePartition(r_.period);  // leased until the end of Store()
        if (!partition) return core::Fail(partition.error());
        SubmitOutcome outcome;
        std::optional<std::string> not_stored;  // the audit action for an outcome that stores nothing
        auto status = store_.InTransaction([&] { return StoreInTransaction(records, outcome, not_stored); });
        if (status) return outcome;
        if (too_large_) return Refuse(status.error().message);
        if (outcome.result == SubmitResult::kAlreadyReceived && outcome.submission) {
            return AlreadyReceived(*outcome.submission);
        }
        if (!not_stored) return core::Fail(status.error());
        if (auto audited = RecordAlone(store_, r_.actor, *not_stored, subject_,
                                       {{"sha256", sha256_}, {"reason", outcome.message}});
            !audited) {
            return core::Fail(audited.error());
        }
        // Nothing stored, but the submitter still gets the findings and rejected records asked for.
        if (auto promised = WriteOutputs(*outcome.report); !promised) return core::Fail(promised.error());
        return outcome;
    }

    core::Status StoreInTransaction(store::RecordTable& records, SubmitOutcome& outcome,
                                    std::optional<std::string>& not_stored) {
        if (auto locked = store_.db().LockKey(subject_); !locked) return locked;
        store::SubmissionTable submissions(store_.db());
        auto inserted = InsertLoadingRow(submissions);
        if (!inserted) return core::Fail(inserted.error());
        SubmissionRow& row = *inserted;

        auto sink = StoreSink::Open(records, row.id, row.period, &context_->registry, &commissioners_);
        if (!sink) return core::Fail(sink.error());
        auto report = ValidateInto(**sink);
        if (!report) return core::Fail(report.error());
        // Under the lock, now that the whole file has been read: was it received before?
        auto same = submissions.ByFile(r_.provider, r_.period, sha256_);
        if (!same) return core::Fail(same.error());
        if (*same) {
            outcome.result = SubmitResult::kAlreadyReceived;
            outcome.submission = **same;
            return core::Fail(core::Error::Conflict("already received"));
        }
        auto current = submissions.Current(r_.provider, r_.period);
        if (!current) return core::Fail(current.error());
        outcome.previous = *current;
        outcome.result = Verdict(*report, *current, outcome.message);
        if (outcome.result == SubmitResult::kFileRejected || outcome.result == SubmitResult::kHeldBack) {
            not_stored =
                outcome.result == SubmitResult::kFileRejected ? "submission.file_rejected" : "submission.held_back";
            outcome.report = std::move(*report);
            return core::Fail(core::Error::Conflict("not stored"));
        }

        const bool current_file = outcome.result == SubmitResult::kStored;
        if (auto counted = CountInto(row, *report, **sink, current_file); !counted) return counted;
        if (auto kept = KeepResults(records, submissions, row, *report, **sink, *current); !kept) return kept;
        if (auto audited = AuditStored(submissions, row, *current); !audited) return audited;
        if (auto promised = WriteOutputs(*report); !promised) return promised;
        outcome.receipt = MakeReceipt(row);
        if (current_file) {
            outcome.message =
                fmt::format("Stored as submission {}: {} records accepted{}.", row.id, Count(row.accepted),
                            *current ? fmt::format(", replacing submission {} as the current file for {}",
                                                   (*current)->id, row.period.ToString())
                                     : std::string());
        }
        outcome.submission = row;
        outcome.report = std::move(*report);
        return {};
    }

    // The row goes in first, as loading, so that its records can carry its id; its file's
    // digest is set once the file has been read (a regular file is read only now).
    core::Result<SubmissionRow> InsertLoadingRow(store::SubmissionTable& submissions) const {
        SubmissionRow row;
        row.provider = r_.provider;
        row.period = r_.period;
        row.status = store::SubmissionStatus::kLoading;
        row.file_name = r_.file_name;
        row.submitted_at = core::UtcTimestamp();
        row.received_on = r_.received_on;
        row.submitted_by = r_.actor.name;
        row.origin = r_.actor.origin;
        row.prep_minutes = r_.prep_minutes;
        row.comment = r_.comment;
        auto id = submissions.Insert(row);
        if (!id) return core::Fail(id.error());
        row.id = *id;
        return row;
    }

    // The records go to the database on a thread of their own while later windows are
    // validated; nothing else touches the connection until validation ends.
    core::Result<validate::ValidationReport> ValidateInto(StoreSink& sink) {
        ingest::BackgroundSink background(sink);
        return Validate(&background);
    }

    core::Status CountInto(SubmissionRow& row, const validate::ValidationReport& report, const StoreSink& sink,
                           bool current_file) const {
        row.status = current_file ? store::SubmissionStatus::kCurrent : store::SubmissionStatus::kRejected;
        row.file_sha256 = sha256_;
        row.file_bytes = static_cast<int64_t>(bytes_);
        row.records_total = static_cast<int64_t>(report.records.total);
        row.accepted = static_cast<int64_t>(report.records.accepted);
        row.rejected = static_cast<int64_t>(report.records.rejected);
        row.warned = static_cast<int64_t>(report.records.warned);
        row.excluded = sink.excluded();
        row.local_coded = sink.local_coded();
        if (sink.stored() != row.accepted) {
            return core::Fail(core::Error::Internal(
                fmt::format("{} records were stored but {} accepted: nothing was kept", sink.stored(), row.accepted)));
        }
        return {};
    }

    // The findings always; for a file that becomes current, its cubes and possible duplicates,
    // and the file it replaces marked superseded.
    core::Status KeepResults(store::RecordTable& records, store::SubmissionTable& submissions, const SubmissionRow& row,
                             const validate::ValidationReport& report, const StoreSink& sink,
                             const std::optional<SubmissionRow>& current) const {
        if (auto f = StoreFindings(records, row.id, report); !f) return f;
        if (row.status == store::SubmissionStatus::kCurrent) {
            // A month past its cut-off or final deadline keeps the file that was current then.
            if (auto closing = BeforeCurrentFileChanges(store_, r_.actor, r_.provider, r_.period, r_.received_on,
                                                        current ? std::optional(current->id) : std::nullopt, row.id);
                !closing) {
                return closing;
            }
            if (auto c = sink.cube().Write(records, row.id, row.provider, row.period); !c) return c;
            auto statistics = sink.cube().statistics().Encode();
            if (!statistics) return core::Fail(statistics.error());
            auto by_commissioner = sink.cube().statistics().EncodeCommissioners();
            if (!by_commissioner) return core::Fail(by_commissioner.error());
            auto by_age_and_sex = sink.cube().statistics().EncodeAgeAndSex();
            if (!by_age_and_sex) return core::Fail(by_age_and_sex.error());
            if (auto c = store::StatisticsCubeTable(store_.db())
                             .Write(row.id, row.provider, row.period.ToString(),
                                    {*statistics, *by_commissioner, *by_age_and_sex});
                !c) {
                return c;
            }
            if (auto d = sink.WriteDuplicates(records); !d) return d;
            if (current) {
                if (auto s = submissions.Supersede(current->id, row.id, row.submitted_at); !s) return s;
            }
        }
        return submissions.Complete(row);
    }

    // The entry's own time is the real one; a back-dating sits beside it. The row keeps the
    // entry's place in the chain, so that removing the entry shows (`did audit verify`).
    core::Status AuditStored(store::SubmissionTable& submissions, const SubmissionRow& row,
                             const std::optional<SubmissionRow>& current) const {
        const bool current_file = row.status == store::SubmissionStatus::kCurrent;
        auto audited =
            Record(store_, r_.actor, current_file ? "submission.stored" : "submission.all_rejected", subject_,
                   {{"submission", std::to_string(row.id)},
                    {"sha256", row.file_sha256},
                    {"bytes", std::to_string(row.file_bytes)},
                    {"accepted", std::to_string(row.accepted)},
                    {"rejected", std::to_string(row.rejected)},
                    {"supersedes", current_file && current ? std::to_string(current->id) : ""},
                    {"received_on", row.received_on.ToString()},
                    {"backdated", backdated() ? "yes" : "no"},
                    {"backdate_reason", r_.backdate_reason}});
        if (!audited) return core::Fail(audited.error());
        return submissions.SetAuditEntry(row.id, audited->seq, audited->hash);
    }

    // The day the rules use is not the day the file arrived: an administrator's act.
    bool backdated() const { return r_.received_on != core::Date::Today(); }

    Receipt MakeReceipt(const SubmissionRow& row) const {
        Receipt receipt;
        receipt.reference = fmt::format("DID-{}-{}-{}", row.provider, row.period.ToString(), row.id);
        receipt.sha256 = row.file_sha256;
        receipt.bytes = row.file_bytes;
        receipt.received_at = row.submitted_at;
        receipt.received_on = r_.received_on;
        receipt.backdated = backdated();
        receipt.cutoff = window_->cutoff;
        receipt.on_time = r_.received_on <= window_->cutoff;
        receipt.records = row.records_total;
        receipt.accepted = row.accepted;
        receipt.rejected = row.rejected;
        receipt.warned = row.warned;
        return receipt;
    }

    store::Store& store_;
    const refdata::NicipCatalogue& catalogue_;
    const SubmitRequest& r_;
    std::string subject_;
    std::unique_ptr<ingest::Spool> spool_;      // standard input and pipes only
    ingest::HashingSource* hashing_ = nullptr;  // a regular file: input_, hashing as it is read
    std::unique_ptr<ingest::ByteSource> input_;
    std::string sha256_;  // empty until known
    uint64_t bytes_ = 0;
    bool too_large_ = false;                      // the file grew past the cap while being read
    std::optional<std::string> dry_run_refusal_;  // why a real submission would be refused now
    std::unique_ptr<SubmissionContext> context_;
    Commissioners commissioners_;
    std::optional<Window> window_;
};

}  // namespace

core::Result<SubmitOutcome> Submit(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                   const SubmitRequest& request) {
    Submission submission(store, catalogue, request);
    return submission.Run();
}

}  // namespace did::service
