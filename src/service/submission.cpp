#include "service/submission.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/with_commas.hpp"
#include "ingest/background_sink.hpp"
#include "ingest/byte_source.hpp"
#include "ingest/hashing_source.hpp"
#include "ingest/spool.hpp"
#include "service/audit_trail.hpp"
#include "service/organisation_check.hpp"
#include "service/store_sink.hpp"
#include "service/submission_context.hpp"
#include "service/timetable.hpp"
#include "store/record_table.hpp"
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

// (site, accession) -> content hash of the accepted records, for a dry run's comparison.
class DigestSink final : public validate::AcceptedSink {
  public:
    core::Status Consume(validate::AcceptedBatch& batch) override {
        for (const auto& record : batch.records()) {
            if (record.dropped) continue;
            digests[Key(batch.Get(record, core::Field::kSiteCode), batch.Get(record, core::Field::kAccessionNumber))] =
                record.digest;
        }
        return {};
    }
    core::Status Finish(bool) override { return {}; }

    static std::string Key(std::string_view site, std::string_view accession) {
        std::string key(site);
        key += '\x1f';
        key += accession;
        return key;
    }
    std::unordered_map<std::string, uint64_t> digests;
};

// A count of records for a message: 199,658.
std::string Count(int64_t records) {
    return core::WithCommas(static_cast<uint64_t>(records));
}

// "site RH802, accession ACC123"; an accession number may hold spaces, so it is quoted then.
std::string Describe(const std::string& key) {
    const size_t split = key.find('\x1f');
    const std::string site = key.substr(0, split);
    const std::string accession = key.substr(split + 1);
    const bool quoted = accession.empty() || accession.find(' ') != std::string::npos;
    return "site " + site + ", accession " + (quoted ? "\"" + accession + "\"" : accession);
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
        : store_(store),
          catalogue_(catalogue),
          r_(request),
          subject_(request.provider + " " + request.period.ToString()) {}

    core::Result<SubmitOutcome> Run() {
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
        auto window = timetable->For(r_.period);
        if (!window) return core::Fail(window.error());
        window_ = *window;
        if (r_.received_on > window->final) context_->context.aged_from = window->final;  // late, by exception
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
            auto earlier = submissions.List(r_.period.ToString(), r_.provider);
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
            return submissions.ByFile(r_.provider, r_.period.ToString(), *digest);
        }
        return submissions.ByFile(r_.provider, r_.period.ToString(), sha256_);
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
            earlier.submitted_at, earlier.id, earlier.status);
        if (earlier.status == "superseded") {
            outcome.message += fmt::format(" To make it the current file again: did submission restore {}", earlier.id);
        }
        return outcome;
    }

    // Validates the input (only once: it is read forward) into `sink`.
    core::Result<validate::ValidationReport> Validate(validate::AcceptedSink* sink) {
        auto report = ingest::ValidateCsv(*input_, context_->context, r_.pipeline, sink);
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
        if (current && !r_.confirm_drop &&
            static_cast<double>(accepted) < kDropThreshold * static_cast<double>(current->accepted)) {
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
        auto current = submissions.Current(r_.provider, r_.period.ToString());
        if (!current) return core::Fail(current.error());
        SubmitOutcome outcome;
        outcome.result = SubmitResult::kDryRun;
        outcome.previous = *current;
        // The checks a real submission makes, in the order it makes them.
        auto earlier = submissions.ByFile(r_.provider, r_.period.ToString(), sha256_);
        if (!earlier) return core::Fail(earlier.error());
        std::string verdict;
        if (dry_run_refusal_) {
            outcome.would_be = SubmitResult::kRefused;
            verdict = *dry_run_refusal_ + ".";
            verdict[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(verdict[0])));
        } else if (*earlier) {
            outcome.would_be = SubmitResult::kAlreadyReceived;
            verdict = fmt::format("This exact file was already received on {} as submission {} ({}).",
                                  (*earlier)->submitted_at, (*earlier)->id, (*earlier)->status);
        } else {
            outcome.would_be = Verdict(*report, *current, verdict);
        }
        if (*current) {
            outcome.diff.against_current = true;
            store::RecordTable records(store_.db());
            auto status = records.ForEachDigest(
                (*current)->id, [&](std::string_view site, std::string_view accession, uint64_t hash) {
                    const std::string key = DigestSink::Key(site, accession);
                    const auto it = digests.digests.find(key);
                    if (it == digests.digests.end()) {
                        ++outcome.diff.removed;
                        if (outcome.diff.examples.size() < 10)
                            outcome.diff.examples.push_back("removed: " + Describe(key));
                        return;
                    }
                    if (it->second == hash) {
                        ++outcome.diff.unchanged;
                    } else {
                        ++outcome.diff.changed;
                        if (outcome.diff.examples.size() < 10)
                            outcome.diff.examples.push_back("changed: " + Describe(key));
                    }
                    digests.digests.erase(it);
                });
            if (!status) return core::Fail(status.error());
        }
        outcome.diff.added = static_cast<int64_t>(digests.digests.size());
        for (const auto& [key, hash] : digests.digests) {
            if (outcome.diff.examples.size() >= 15) break;
            outcome.diff.examples.push_back("added: " + Describe(key));
        }
        outcome.message =
            "Dry run, nothing stored. A real submission would be: " + std::string(SubmitResultName(outcome.would_be)) +
            "." + (verdict.empty() ? "" : " " + verdict);
        if (auto promised = WriteOutputs(*report); !promised) return core::Fail(promised.error());
        outcome.report = std::move(*report);
        return outcome;
    }

    core::Result<SubmitOutcome> Store() {
        store::RecordTable records(store_.db());
        auto partition = records.EnsurePartition(r_.period.ToString());  // leased until the end of Store()
        if (!partition) return core::Fail(partition.error());
        SubmitOutcome outcome;
        std::optional<std::string> after_rollback;  // an audit entry for an outcome that stores nothing
        auto status = store_.InTransaction([&]() -> core::Status {
            if (auto locked = store_.db().LockKey(subject_); !locked) return locked;
            store::SubmissionTable submissions(store_.db());
            SubmissionRow row;
            row.provider = r_.provider;
            row.period = r_.period.ToString();
            row.status = "loading";
            row.file_name = r_.file_name;
            row.file_sha256 = "";  // set once the file has been read: it may be read only now
            row.submitted_at = core::UtcTimestamp();
            row.received_on = r_.received_on.ToString();
            row.submitted_by = r_.actor.name;
            row.origin = r_.actor.origin;
            row.prep_minutes = r_.prep_minutes;
            row.comment = r_.comment;
            auto id = submissions.Insert(row);
            if (!id) return core::Fail(id.error());
            row.id = *id;

            auto sink = StoreSink::Open(records, row.id, row.period, &context_->registry);
            if (!sink) return core::Fail(sink.error());
            // The records go to the database on a thread of their own while later windows
            // are validated; nothing else touches the connection until validation ends.
            ingest::BackgroundSink background(**sink);
            auto report = Validate(&background);
            if (!report) return core::Fail(report.error());
            // Under the lock, now that the whole file has been read: was it received before?
            auto same = submissions.ByFile(r_.provider, row.period, sha256_);
            if (!same) return core::Fail(same.error());
            if (*same) {
                outcome.result = SubmitResult::kAlreadyReceived;
                outcome.submission = **same;
                return core::Fail(core::Error::Conflict("already received"));
            }
            row.file_sha256 = sha256_;
            row.file_bytes = static_cast<int64_t>(bytes_);
            auto current = submissions.Current(r_.provider, row.period);
            if (!current) return core::Fail(current.error());
            outcome.previous = *current;
            outcome.result = Verdict(*report, *current, outcome.message);
            if (outcome.result == SubmitResult::kFileRejected || outcome.result == SubmitResult::kHeldBack) {
                after_rollback =
                    outcome.result == SubmitResult::kFileRejected ? "submission.file_rejected" : "submission.held_back";
                outcome.report = std::move(*report);
                return core::Fail(core::Error::Conflict("not stored"));
            }

            const bool current_file = outcome.result == SubmitResult::kStored;
            row.status = current_file ? "current" : "rejected";
            row.records_total = static_cast<int64_t>(report->records.total);
            row.accepted = static_cast<int64_t>(report->records.accepted);
            row.rejected = static_cast<int64_t>(report->records.rejected);
            row.warned = static_cast<int64_t>(report->records.warned);
            row.excluded = (*sink)->excluded();
            row.local_coded = (*sink)->local_coded();
            if ((*sink)->stored() != row.accepted) {
                return core::Fail(core::Error::Internal(fmt::format(
                    "{} records were stored but {} accepted: nothing was kept", (*sink)->stored(), row.accepted)));
            }
            if (auto f = StoreFindings(records, row.id, *report); !f) return f;
            if (current_file) {
                if (auto c = (*sink)->cube().Write(records, row.id, row.provider, row.period); !c) return c;
                if (auto d = (*sink)->WriteDuplicates(records); !d) return d;
                if (*current) {
                    if (auto s = submissions.Supersede((*current)->id, row.id, row.submitted_at); !s) return s;
                }
            }
            if (auto done = submissions.Complete(row); !done) return done;
            auto audited =
                Record(store_, r_.actor, current_file ? "submission.stored" : "submission.all_rejected", subject_,
                       {{"submission", std::to_string(row.id)},
                        {"sha256", row.file_sha256},
                        {"bytes", std::to_string(row.file_bytes)},
                        {"accepted", std::to_string(row.accepted)},
                        {"rejected", std::to_string(row.rejected)},
                        {"supersedes", current_file && *current ? std::to_string((*current)->id) : ""},
                        // The entry's own time is the real one; a back-dating sits beside it.
                        {"received_on", row.received_on},
                        {"backdated", backdated() ? "yes" : "no"},
                        {"backdate_reason", r_.backdate_reason}});
            if (!audited) return core::Fail(audited.error());
            if (auto a = submissions.SetAuditEntry(row.id, audited->seq, audited->hash); !a) return a;
            if (auto promised = WriteOutputs(*report); !promised) return promised;
            outcome.receipt = MakeReceipt(row);
            if (current_file) {
                outcome.message =
                    fmt::format("Stored as submission {}: {} records accepted{}.", row.id, Count(row.accepted),
                                *current ? fmt::format(", replacing submission {} as the current file for {}",
                                                       (*current)->id, row.period)
                                         : std::string());
            }
            outcome.submission = row;
            outcome.report = std::move(*report);
            return {};
        });
        if (!status) {
            if (too_large_) return Refuse(status.error().message);
            if (outcome.result == SubmitResult::kAlreadyReceived && outcome.submission) {
                return AlreadyReceived(*outcome.submission);
            }
            if (!after_rollback) return core::Fail(status.error());
            auto audited = RecordAlone(store_, r_.actor, *after_rollback, subject_,
                                       {{"sha256", sha256_}, {"reason", outcome.message}});
            if (!audited) return core::Fail(audited.error());
            if (auto promised = WriteOutputs(*outcome.report); !promised) return core::Fail(promised.error());
        }
        return outcome;
    }

    // The day the rules use is not the day the file arrived: an administrator's act.
    bool backdated() const { return r_.received_on != core::Date::Today(); }

    Receipt MakeReceipt(const SubmissionRow& row) const {
        Receipt receipt;
        receipt.reference = fmt::format("DID-{}-{}-{}", row.provider, row.period, row.id);
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
    std::optional<Window> window_;
};

}  // namespace

core::Result<SubmitOutcome> Submit(store::Store& store, const refdata::NicipCatalogue& catalogue,
                                   const SubmitRequest& request) {
    Submission submission(store, catalogue, request);
    return submission.Run();
}

}  // namespace did::service
