// Submissions end to end through the service, against SQLite and PostgreSQL alike.

#include "service/submission.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "service/engagement_admin.hpp"
#include "service/monitoring.hpp"
#include "service/reference_data.hpp"
#include "service/submission_admin.hpp"
#include "service/timetable.hpp"
#include "store/audit_log.hpp"
#include "store/submission_table.hpp"
#include "store/test_databases.hpp"
#include "store/test_store.hpp"
#include "synth/extract_generator.hpp"
#include "synth/reference_samples.hpp"

namespace did::service {
namespace {

using store::Backend;

const core::Period kPeriod = *core::Period::Parse("2026-10");
const core::Date kReceived = *core::Date::Parse("2026-11-05");

class SubmissionTest : public ::testing::TestWithParam<Backend>, protected store::TestStore {
  protected:
    void SetUp() override {
        OpenTestStore(GetParam());
        if (!store_) return;
        dir_ = std::filesystem::temp_directory_path() /
               ("did_submission_" + std::to_string(::getpid()) + "_" + std::to_string(counter_++));
        std::filesystem::create_directories(dir_);
        ASSERT_TRUE(synth::WriteReferenceSamples(dir_.string()));
        for (auto [file, kind] :
             {std::pair{"epraccur.csv", refdata::OrgKind::kGpPractice}, std::pair{"etr.csv", refdata::OrgKind::kTrust},
              std::pair{"ets.csv", refdata::OrgKind::kSite}, std::pair{"ephp.csv", refdata::OrgKind::kIndependent}}) {
            auto imported = ImportOds(*store_, admin_, Path(file), kind);
            ASSERT_TRUE(imported) << imported.error().message;
        }
        auto postcodes = ImportPostcodes(*store_, admin_, Path("onspd.csv"));
        ASSERT_TRUE(postcodes) << postcodes.error().message;
    }

    void TearDown() override {
        store_.reset();
        if (!dir_.empty()) std::filesystem::remove_all(dir_);
    }

    std::string Path(const std::string& name) const { return (dir_ / name).string(); }

    std::string Write(const std::string& name, const std::string& text) {
        std::ofstream(Path(name), std::ios::binary) << text;
        return Path(name);
    }

    std::string Extract(const std::string& name, uint64_t rows, uint64_t seed, double error_rate = 0,
                        const std::string& provider = "RXX", std::vector<std::string> sites = {}) {
        synth::GeneratorOptions options;
        options.rows = rows;
        options.seed = seed;
        options.period = kPeriod;
        options.submitted = kReceived;
        options.error_rate = error_rate;
        options.provider = provider;
        options.sites = std::move(sites);
        std::string text;
        EXPECT_TRUE(synth::GenerateExtract(options, refdata::NicipCatalogue::Shipped(),
                                           [&](std::string_view t) -> core::Status {
                                               text.append(t);
                                               return {};
                                           }));
        return Write(name, text);
    }

    SubmitOutcome Submit(const std::string& path, const std::string& provider = "RXX", bool confirm_drop = false,
                         bool dry_run = false, core::Date received = kReceived) {
        auto outcome = service::Submit(*store_, refdata::NicipCatalogue::Shipped(),
                                       Request(path, provider, confirm_drop, dry_run, received));
        EXPECT_TRUE(outcome) << outcome.error().message;
        return outcome ? std::move(*outcome) : SubmitOutcome{};
    }

    SubmitRequest Request(const std::string& path, const std::string& provider = "RXX", bool confirm_drop = false,
                          bool dry_run = false, core::Date received = kReceived) const {
        SubmitRequest request;
        request.provider = provider;
        request.period = kPeriod;
        request.path = path;
        request.file_name = std::filesystem::path(path).filename().string();
        request.received_on = received;
        // The tests' files are received on days of their choosing: the central team's act.
        request.actor = {"submitter", "test", Role::kCentralAdministrator};
        request.confirm_drop = confirm_drop;
        request.dry_run = dry_run;
        request.spool_directory = dir_.string();
        request.prep_minutes = 30;
        request.comment = "took a while";
        return request;
    }

    int64_t Count(const std::string& sql) {
        auto row = store_->db().QueryOne(sql);
        EXPECT_TRUE(row) << row.error().message;
        return row && *row ? (*row)->Int(0) : -1;
    }

    std::optional<store::SubmissionRow> Current(const std::string& provider = "RXX") {
        store::SubmissionTable table(store_->db());
        return *table.Current(provider, kPeriod);
    }

    inline static int counter_ = 0;
    Actor admin_{"admin", "test"};
    std::filesystem::path dir_;
};

TEST_P(SubmissionTest, AGoodFileIsStoredWhole) {
    const auto outcome = Submit(Extract("a.csv", 3000, 1, 0.02));
    ASSERT_EQ(outcome.result, SubmitResult::kStored) << outcome.message;
    ASSERT_TRUE(outcome.submission);
    const auto current = Current();
    ASSERT_TRUE(current);
    EXPECT_EQ(current->id, outcome.submission->id);
    EXPECT_EQ(current->records_total, 3000);
    EXPECT_EQ(current->accepted + current->rejected, 3000);
    EXPECT_GT(current->rejected, 0);
    const std::string id = std::to_string(current->id);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM records WHERE submission_id = " + id), current->accepted);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE submission_id = " + id),
              static_cast<int64_t>(outcome.report->findings.size()));
    EXPECT_EQ(Count("SELECT SUM(examinations) FROM cube_activity WHERE submission_id = " + id), current->accepted);
    EXPECT_EQ(Count("SELECT SUM(examinations) FROM cube_gp WHERE submission_id = " + id), current->accepted);
    EXPECT_EQ(Count("SELECT SUM(examinations) FROM cube_geography WHERE submission_id = " + id), current->accepted);
    EXPECT_GT(Count("SELECT SUM(examinations) FROM cube_waits WHERE submission_id = " + id), current->accepted);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'submission.stored'"), 1);
    EXPECT_EQ(current->prep_minutes, 30);
}

TEST_P(SubmissionTest, TheNewestGoodFileReplacesTheCurrentOne) {
    const auto first = Submit(Extract("a.csv", 2000, 1));
    const auto second = Submit(Extract("b.csv", 2100, 2));
    ASSERT_EQ(second.result, SubmitResult::kStored) << second.message;
    EXPECT_EQ(Current()->id, second.submission->id);
    store::SubmissionTable table(store_->db());
    const auto old = *table.Get(first.submission->id);
    EXPECT_EQ(old->status, store::SubmissionStatus::kSuperseded);
    EXPECT_EQ(old->superseded_by, second.submission->id);
    // The history stays: both files' records are kept.
    EXPECT_EQ(Count("SELECT COUNT(*) FROM records"), 4100);
}

TEST_P(SubmissionTest, TheSameFileTwiceIsStoredOnce) {
    const std::string path = Extract("a.csv", 500, 1);
    ASSERT_EQ(Submit(path).result, SubmitResult::kStored);
    const auto again = Submit(path);
    EXPECT_EQ(again.result, SubmitResult::kAlreadyReceived);
    EXPECT_NE(again.message.find("already received"), std::string::npos);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM records"), 500);
}

TEST_P(SubmissionTest, AResentFileIsKnownByItsHashBeforeItIsValidatedAgain) {
    // Progress is told after each 8 MiB window but the last: a file of more than one window.
    const std::string path = Extract("a.csv", 60000, 1);
    ASSERT_EQ(Submit(path).result, SubmitResult::kStored);
    SubmitRequest request = Request(path);
    uint64_t validated_bytes = 0;
    request.pipeline.progress = [&](uint64_t bytes) { validated_bytes = bytes; };
    auto again = service::Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
    ASSERT_TRUE(again) << again.error().message;
    EXPECT_EQ(again->result, SubmitResult::kAlreadyReceived);
    EXPECT_EQ(validated_bytes, 0u) << "the resent file was validated before it was recognised";
    // A new file of another size is validated as ever.
    request.path = Extract("b.csv", 60001, 2);
    auto other = service::Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
    ASSERT_TRUE(other) << other.error().message;
    EXPECT_EQ(other->result, SubmitResult::kStored);
    EXPECT_GT(validated_bytes, 0u);
}

TEST_P(SubmissionTest, WhatTheCallerPromisedFailsAndNothingIsStored) {
    SubmitRequest request = Request(Extract("a.csv", 300, 1));
    request.write_outputs = [](const validate::ValidationReport& report, ingest::ByteSource&) -> core::Status {
        EXPECT_EQ(report.records.total, 300u);
        return core::Fail(core::Error::IoError("cannot write findings.csv"));
    };
    auto outcome = service::Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
    ASSERT_FALSE(outcome);
    EXPECT_EQ(outcome.error().message, "cannot write findings.csv");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM records"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM findings"), 0);
    request.write_outputs = nullptr;
    EXPECT_EQ(Submit(request.path).result, SubmitResult::kStored);
}

// What the caller promised is given the very bytes submitted, once, whatever the outcome
// that has a report: stored, rejected as a file, or a dry run.
TEST_P(SubmissionTest, WhatTheCallerPromisedIsGivenTheSubmittedBytesOnce) {
    const std::string stored = Extract("a.csv", 300, 1, 0.05);
    const std::string rejected = Write("b.csv", "1,2,3\n");
    for (const auto& [path, dry_run, result] :
         {std::tuple{stored, true, SubmitResult::kDryRun}, std::tuple{stored, false, SubmitResult::kStored},
          std::tuple{rejected, false, SubmitResult::kFileRejected}}) {
        SubmitRequest request = Request(path, "RXX", false, dry_run);
        int calls = 0;
        std::string bytes;
        request.write_outputs = [&](const validate::ValidationReport&, ingest::ByteSource& input) -> core::Status {
            ++calls;
            char buffer[4096];
            while (true) {
                auto n = input.Read(buffer, sizeof buffer);
                if (!n) return core::Fail(n.error());
                if (*n == 0) return input.CheckUnchanged();
                bytes.append(buffer, *n);
            }
        };
        auto outcome = service::Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
        ASSERT_TRUE(outcome) << outcome.error().message;
        EXPECT_EQ(outcome->result, result) << outcome->message;
        EXPECT_EQ(calls, 1) << path;
        std::ifstream in(path, std::ios::binary);
        EXPECT_EQ(bytes, std::string(std::istreambuf_iterator<char>(in), {})) << path;
    }
}

// A RIS team finds the examination of a stored finding by its site and accession number.
TEST_P(SubmissionTest, StoredFindingsKeepTheirRecordsSiteAndAccessionNumber) {
    const std::string path = Write("c.csv", "NHS NUMBER,x\n");  // replaced below
    const std::string good = Extract("good.csv", 3, 1);
    std::ifstream in(good, std::ios::binary);
    std::string header;
    std::string record;
    std::getline(in, header);
    std::getline(in, record);
    // The same record with a bad gender (the fifth column) and its accession number changed.
    std::vector<std::string> fields;
    for (size_t at = 0, comma = 0; comma != std::string::npos; at = comma + 1) {
        comma = record.find(',', at);
        fields.push_back(record.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
    }
    ASSERT_EQ(fields.size(), 18u);
    std::string bad;
    for (size_t i = 0; i < fields.size(); ++i) {
        bad += (i ? "," : "") + (i == 4 ? std::string("7") : i == 17 ? std::string("=ACC 9") : fields[i]);
    }
    Write("c.csv", header + "\n" + record + "\n" + bad + "\n");
    const auto outcome = Submit(path);
    ASSERT_EQ(outcome.result, SubmitResult::kStored) << outcome.message;
    std::vector<store::FindingRow> findings;
    ASSERT_TRUE(ReadFindings(*store_, admin_, outcome.submission->id, [&](const store::FindingRow& f) {
        findings.push_back(f);
        return true;
    }));
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].line, 3);
    EXPECT_EQ(findings[0].rule, "DIDS014");
    EXPECT_EQ(findings[0].site_code, fields[16]);
    EXPECT_EQ(findings[0].accession_number, "=ACC 9");
}

TEST_P(SubmissionTest, AStoredFileHasAReceiptAndABackDatedOneIsAudited) {
    const std::string path = Extract("a.csv", 400, 1, 0.05);
    const auto stored = Submit(path);
    ASSERT_EQ(stored.result, SubmitResult::kStored);
    ASSERT_TRUE(stored.receipt);
    const Receipt& r = *stored.receipt;
    EXPECT_EQ(r.reference, "DID-RXX-2026-10-" + std::to_string(stored.submission->id));
    EXPECT_EQ(r.sha256, stored.submission->file_sha256);
    EXPECT_EQ(r.sha256.size(), 64u);
    EXPECT_EQ(r.bytes, static_cast<int64_t>(std::filesystem::file_size(path)));
    EXPECT_EQ(r.received_on, kReceived);
    EXPECT_EQ(r.cutoff.ToString(), "2026-11-26");
    EXPECT_TRUE(r.on_time);
    EXPECT_EQ(r.records, 400);
    EXPECT_EQ(r.accepted + r.rejected, 400);
    EXPECT_GT(r.rejected, 0);
    // The rules used 2026-11-05; the server received it today: back-dated, and audited so.
    EXPECT_EQ(r.backdated, kReceived != core::Date::Today());
    EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM audit_log WHERE action = 'submission.stored' AND detail LIKE "
                                "'%\"backdated\":\"") +
                    (r.backdated ? "yes" : "no") + "\"%'"),
              1);

    const auto late = Submit(Extract("late.csv", 400, 2), "RXX", false, false, *core::Date::Parse("2026-11-30"));
    ASSERT_EQ(late.result, SubmitResult::kStored);
    EXPECT_FALSE(late.receipt->on_time);
    // Nothing stored, no receipt.
    EXPECT_FALSE(Submit(path).receipt);
}

TEST_P(SubmissionTest, AnEarlierFileIsMadeCurrentAgain) {
    const auto first = Submit(Extract("a.csv", 300, 1, 0.05));
    const auto second = Submit(Extract("b.csv", 300, 2));
    ASSERT_EQ(second.result, SubmitResult::kStored);
    const Actor admin{"admin", "test"};
    auto restored = RestoreSubmission(*store_, admin, first.submission->id, kReceived);
    ASSERT_TRUE(restored) << restored.error().message;
    EXPECT_EQ(restored->restored.status, store::SubmissionStatus::kCurrent);
    EXPECT_EQ(restored->replaced->id, second.submission->id);
    EXPECT_EQ(Current()->id, first.submission->id);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions WHERE status = 'current'"), 1);
    auto again = RestoreSubmission(*store_, admin, first.submission->id, kReceived);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, core::ErrorCode::kConflict);
    std::vector<store::FindingRow> findings;
    ASSERT_TRUE(ReadFindings(*store_, admin, first.submission->id, [&](const store::FindingRow& f) {
        findings.push_back(f);
        return true;
    }));
    EXPECT_GT(findings.size(), 0u);
    EXPECT_EQ(static_cast<int64_t>(findings.size()),
              Count("SELECT COUNT(*) FROM findings WHERE submission_id = " + std::to_string(first.submission->id)));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action IN ('current_file.restored', "
                    "'findings.read')"),
              2);
}

TEST_P(SubmissionTest, AMuchSmallerResubmissionIsHeldBackUntilConfirmed) {
    ASSERT_EQ(Submit(Extract("full.csv", 1000, 1)).result, SubmitResult::kStored);
    const std::string partial = Extract("partial.csv", 600, 2);
    const auto held = Submit(partial);
    EXPECT_EQ(held.result, SubmitResult::kHeldBack);
    EXPECT_NE(held.message.find("400 records would drop out"), std::string::npos) << held.message;
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM records"), 1000);
    const auto confirmed = Submit(partial, "RXX", /*confirm_drop=*/true);
    EXPECT_EQ(confirmed.result, SubmitResult::kStored);
    EXPECT_EQ(Current()->accepted, 600);
}

TEST_P(SubmissionTest, AFileRejectedAtFileLevelStoresNothingAndLeavesTheCurrentFile) {
    ASSERT_EQ(Submit(Extract("good.csv", 300, 1)).result, SubmitResult::kStored);
    const auto rejected = Submit(Write("bad.csv", "1,2,3\n4,5,6\n"));
    EXPECT_EQ(rejected.result, SubmitResult::kFileRejected);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 1);
    EXPECT_EQ(Current()->accepted, 300);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'submission.file_rejected'"), 1);
}

TEST_P(SubmissionTest, AFileWithNoAcceptedRecordsIsKeptButNeverCurrent) {
    ASSERT_EQ(Submit(Extract("good.csv", 300, 1)).result, SubmitResult::kStored);
    // Every record is for the wrong month.
    synth::GeneratorOptions options;
    options.rows = 50;
    options.period = *core::Period::Parse("2026-09");
    options.submitted = kReceived;
    std::string text;
    ASSERT_TRUE(
        synth::GenerateExtract(options, refdata::NicipCatalogue::Shipped(), [&](std::string_view t) -> core::Status {
            text.append(t);
            return {};
        }));
    const auto outcome = Submit(Write("september.csv", text));
    EXPECT_EQ(outcome.result, SubmitResult::kNoAcceptedRecords);
    EXPECT_EQ(outcome.submission->status, store::SubmissionStatus::kRejected);
    EXPECT_EQ(Current()->accepted, 300);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE submission_id = " + std::to_string(outcome.submission->id)),
              50);
}

TEST_P(SubmissionTest, OnlyTheCentralTeamRecordsAFileAsReceivedOnAnotherDay) {
    const std::string path = Extract("a.csv", 100, 1);
    for (Role role : {Role::kProviderSubmitter, Role::kProviderViewer, Role::kGpPracticeUser, Role::kAnalyst}) {
        SubmitRequest request = Request(path);
        request.actor = {"dm.rxx", "portal", role};
        for (bool dry_run : {false, true}) {
            request.dry_run = dry_run;
            auto outcome = service::Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
            ASSERT_TRUE(outcome) << outcome.error().message;
            EXPECT_EQ(outcome->result, SubmitResult::kRefused);
            EXPECT_NE(outcome->message.find("only the central team"), std::string::npos) << outcome->message;
        }
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'submission.refused'"), 8);
    EXPECT_EQ(Submit(path).result, SubmitResult::kStored);  // the same file, from the central team
}

TEST_P(SubmissionTest, TheWindowAndItsExceptions) {
    const std::string path = Extract("a.csv", 100, 1);
    const auto early = Submit(path, "RXX", false, false, *core::Date::Parse("2026-10-31"));
    EXPECT_EQ(early.result, SubmitResult::kRefused);
    EXPECT_NE(early.message.find("opens on 2026-11-01"), std::string::npos) << early.message;
    const auto late = Submit(path, "RXX", false, false, *core::Date::Parse("2027-05-01"));
    EXPECT_EQ(late.result, SubmitResult::kRefused);
    EXPECT_NE(late.message.find("closed on 2027-04-30"), std::string::npos) << late.message;
    // A month closed early by the central team (before its cut-off); an exception lets one
    // provider in late.
    ASSERT_TRUE(OverrideWindow(*store_, admin_,
                               {kPeriod, *core::Date::Parse("2026-11-01"), *core::Date::Parse("2026-11-20"),
                                *core::Date::Parse("2026-11-25"), *core::Date::Parse("2026-11-30"), true, false},
                               *core::Date::Parse("2026-11-10")));
    const core::Date december = *core::Date::Parse("2026-12-03");
    EXPECT_EQ(Submit(path, "RXX", false, false, december).result, SubmitResult::kRefused);
    ASSERT_TRUE(GrantException(*store_, admin_, "RXX", kPeriod, *core::Date::Parse("2026-12-31"), "RIS replacement"));
    EXPECT_EQ(Submit(path, "RXX", false, false, december).result, SubmitResult::kStored);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'submission.refused'"), 3);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'exception.granted'"), 1);
}

TEST_P(SubmissionTest, ALateFileUnderAnExceptionIsAgedAsIfSentOnTheFinalDeadline) {
    // Sent in May 2027, October's records are more than six months old (DIDS055); the
    // exception would be worthless if that rejected them all.
    const std::string path = Extract("a.csv", 100, 1);
    ASSERT_TRUE(GrantException(*store_, admin_, "RXX", kPeriod, *core::Date::Parse("2027-05-31"), "RIS replacement"));
    const auto late = Submit(path, "RXX", false, false, *core::Date::Parse("2027-05-10"));
    EXPECT_EQ(late.result, SubmitResult::kStored) << late.message;
    ASSERT_TRUE(late.report);
    EXPECT_EQ(late.report->records.accepted, 100);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE rule = 'DIDS055'"), 0);
}

TEST_P(SubmissionTest, SitesOfOthersNeedAnAgreementAndDoubleCountingIsFlagged) {
    // RYY's own file for its sites.
    ASSERT_EQ(Submit(Extract("ryy.csv", 400, 1, 0, "RYY", {"RYY01"}), "RYY").result, SubmitResult::kStored);
    // RXX also sends activity at RYY01: refused site without an agreement.
    const std::string rxx = Extract("rxx.csv", 400, 1, 0, "RXX", {"RYY01"});
    auto outcome = Submit(rxx);
    EXPECT_EQ(outcome.result, SubmitResult::kNoAcceptedRecords) << outcome.message;
    EXPECT_EQ(outcome.report->tallies[static_cast<size_t>(validate::Index(validate::RuleId::kDidcSite))].count, 400u);
    // With an agreement the records are accepted, and the same examinations are flagged.
    ASSERT_TRUE(AddAgreement(*store_, admin_, "RXX", "RYY", kPeriod, std::nullopt));
    outcome = Submit(Extract("rxx2.csv", 400, 1, 0, "RXX", {"RYY01"}));
    ASSERT_EQ(outcome.result, SubmitResult::kStored) << outcome.message;
    const auto& duplicates =
        outcome.report->tallies[static_cast<size_t>(validate::Index(validate::RuleId::kDidcDuplicateProvider))];
    EXPECT_GT(duplicates.count, 300u);  // same seed, same examinations (NHS number, date, code, site)
    auto listed = PossibleDuplicatesFor(*store_, kPeriod);
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), duplicates.count);
    EXPECT_EQ((*listed)[0].other_provider, "RYY");
}

// Once the file a record repeats is superseded, the flag no longer holds: the new file is
// checked afresh against the other provider's, and flagged again only if it still repeats it.
TEST_P(SubmissionTest, DuplicatesOfASupersededFileAreNoLongerListed) {
    ASSERT_TRUE(AddAgreement(*store_, admin_, "RXX", "RYY", kPeriod, std::nullopt));
    const auto ryy = Submit(Extract("ryy.csv", 400, 1, 0, "RYY", {"RYY01"}), "RYY");
    ASSERT_EQ(ryy.result, SubmitResult::kStored) << ryy.message;
    const auto rxx = Submit(Extract("rxx.csv", 400, 1, 0, "RXX", {"RYY01"}));
    ASSERT_EQ(rxx.result, SubmitResult::kStored) << rxx.message;
    auto listed = PossibleDuplicatesFor(*store_, kPeriod);
    ASSERT_TRUE(listed);
    EXPECT_GT(listed->size(), 300u);

    // RYY replaces its file with other examinations: nothing of RXX's repeats a current file.
    const auto ryy2 = Submit(Extract("ryy2.csv", 400, 2, 0, "RYY", {"RYY01"}), "RYY");
    ASSERT_EQ(ryy2.result, SubmitResult::kStored) << ryy2.message;
    const auto flagged =
        ryy2.report->tallies[static_cast<size_t>(validate::Index(validate::RuleId::kDidcDuplicateProvider))].count;
    listed = PossibleDuplicatesFor(*store_, kPeriod);
    ASSERT_TRUE(listed);
    EXPECT_EQ(listed->size(), flagged);
    for (const auto& d : *listed) {
        EXPECT_EQ(d.submission_id, ryy2.submission->id);
        EXPECT_EQ(d.other_submission_id, rxx.submission->id);
    }

    // RYY sends the first file's examinations again: they repeat RXX's current file, and are
    // listed once, from RYY's side.
    const auto ryy3 = Submit(Extract("ryy3.csv", 401, 1, 0, "RYY", {"RYY01"}), "RYY");
    ASSERT_EQ(ryy3.result, SubmitResult::kStored) << ryy3.message;
    listed = PossibleDuplicatesFor(*store_, kPeriod);
    ASSERT_TRUE(listed);
    EXPECT_GT(listed->size(), 300u);
    for (const auto& d : *listed) {
        EXPECT_EQ(d.submission_id, ryy3.submission->id);
        EXPECT_EQ(d.provider, "RYY");
        EXPECT_EQ(d.other_provider, "RXX");
    }
}

// Attempts are files sent, whatever became of them; a dry run is not one.
TEST_P(SubmissionTest, AttemptsCountEveryFileSentWhateverBecameOfIt) {
    const core::Date closed = *core::Date::Parse("2027-06-01");
    const std::string path = Extract("a.csv", 1000, 1);
    ASSERT_EQ(Submit(path).result, SubmitResult::kStored);
    ASSERT_EQ(Submit(path).result, SubmitResult::kAlreadyReceived);
    ASSERT_EQ(Submit(Extract("short.csv", 100, 2)).result, SubmitResult::kHeldBack);
    ASSERT_EQ(Submit(Write("wrong.csv", "not,a,did,file\n")).result, SubmitResult::kFileRejected);
    ASSERT_EQ(Submit(path, "RXX", false, false, closed).result, SubmitResult::kRefused);
    ASSERT_EQ(Submit(path, "RXX", false, /*dry_run=*/true).result, SubmitResult::kDryRun);
    ASSERT_EQ(Submit(Extract("ryy.csv", 10, 3, 0, "RYY"), "RYY", false, false, closed).result, SubmitResult::kRefused);
    ASSERT_EQ(Submit(Write("nv7.csv", "not,a,did,file\n"), "NV7").result, SubmitResult::kFileRejected);

    auto window = Timetable::Load(*store_)->For(kPeriod);
    auto statuses = StatusFor(*store_, *window, kReceived);
    ASSERT_TRUE(statuses);
    std::map<std::string, ProviderStatus> by_provider;
    for (const auto& s : *statuses) by_provider[s.provider] = s;
    EXPECT_EQ(by_provider["RXX"].attempts, 5);
    EXPECT_EQ(by_provider["RXX"].state, "on time");
    EXPECT_EQ(by_provider["RYY"].attempts, 1);  // refused: sent, but nothing usable
    EXPECT_EQ(by_provider["RYY"].state, "rejected only");
    EXPECT_EQ(by_provider["NV7"].attempts, 1);
    EXPECT_EQ(by_provider["NV7"].state, "rejected only");
    EXPECT_EQ(by_provider.size(), 3u);
}

TEST_P(SubmissionTest, LocalCodesPassOnlyOnceApproved) {
    std::string text =
        "NHS NUMBER,NHS NUMBER STATUS INDICATOR CODE,PERSON BIRTH DATE,ETHNIC CATEGORY,"
        "PERSON GENDER CODE CURRENT,POSTCODE OF USUAL ADDRESS,"
        "GENERAL MEDICAL PRACTICE CODE (PATIENT REGISTRATION),"
        "PATIENT SOURCE SETTING TYPE (DIAGNOSTIC IMAGING),REFERRER CODE,REFERRING ORGANISATION CODE,"
        "DIAGNOSTIC TEST REQUEST DATE,DIAGNOSTIC TEST REQUEST RECEIVED DATE,DIAGNOSTIC TEST DATE,"
        "IMAGING CODE (NICIP),IMAGING CODE (SNOMED CT),SERVICE REPORT ISSUE DATE,SITE CODE (OF IMAGING),"
        "RADIOLOGICAL ACCESSION NUMBER\n";
    const std::string postcode = synth::SamplePostcodes()[0];
    const std::string gp = synth::SampleGpPractices()[0];
    text += "4010232137,01,1980-05-17,A,1," + postcode + "," + gp + ",04,G1234567," + gp +
            ",2026-10-01,2026-10-02,2026-10-10,ZCHX1,,2026-10-11,RXX01,ACC1\n";
    const std::string path = Write("local.csv", text);
    ASSERT_TRUE(
        NotifyLocalCode(*store_, {"submitter", "test"}, refdata::NicipCatalogue::Shipped(), "RXX", "ZCHX1", "XCHES"));
    auto outcome = Submit(path);
    EXPECT_EQ(outcome.result, SubmitResult::kNoAcceptedRecords);  // notified, not yet approved: DIDS057
    ASSERT_TRUE(DecideLocalCode(*store_, admin_, "RXX", "ZCHX1", store::LocalCodeStatus::kApproved, ""));
    outcome = Submit(Write("local2.csv", text + "\n"));
    ASSERT_EQ(outcome.result, SubmitResult::kStored) << outcome.message;
    auto row = store_->db().QueryOne("SELECT nicip_code, local_code FROM records WHERE submission_id = ?",
                                     {outcome.submission->id});
    ASSERT_TRUE(row && *row);
    EXPECT_EQ((*row)->Text(0), "XCHES");
    EXPECT_EQ((*row)->Text(1), "ZCHX1");
    EXPECT_EQ(Count("SELECT SUM(examinations) FROM cube_activity WHERE local_coded = 1 AND modality = "
                    "'Plain Radiography' AND submission_id = " +
                    std::to_string(outcome.submission->id)),
              1);
    EXPECT_EQ(Current()->local_coded, 1);
    auto usage = LocalCodeUsageFor(*store_, kPeriod);
    ASSERT_TRUE(usage);
    EXPECT_EQ((*usage)[0].local_coded, 1);
}

TEST_P(SubmissionTest, ExcludedActivityIsKeptOutOfTheCounts) {
    ASSERT_TRUE(AddExclusion(*store_, admin_, "site", "RXX09", "breast screening"));
    const auto outcome = Submit(Extract("a.csv", 600, 1, 0, "RXX", {"RXX01", "RXX09"}));
    ASSERT_EQ(outcome.result, SubmitResult::kStored);
    const auto current = Current();
    EXPECT_GT(current->excluded, 200);
    const std::string id = std::to_string(current->id);
    EXPECT_EQ(Count("SELECT SUM(examinations) FROM cube_activity WHERE excluded = 1 AND submission_id = " + id),
              current->excluded);
    EXPECT_EQ(Count("SELECT SUM(examinations) FROM cube_gp WHERE submission_id = " + id),
              current->accepted - current->excluded);
}

TEST_P(SubmissionTest, ADryRunSaysWhatWouldChangeAndStoresNothing) {
    ASSERT_EQ(Submit(Extract("a.csv", 1000, 1)).result, SubmitResult::kStored);
    // The same examinations, ten fewer, one changed, five new.
    std::ifstream in(Path("a.csv"));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::string text;
    for (size_t i = 0; i < lines.size() - 10; ++i) {
        std::string line = lines[i];
        if (i == 5) line.replace(line.find(",01,"), 4, ",02,");  // NHS number status changes
        text += line + "\n";
    }
    for (size_t i = 0; i < 5; ++i) {
        std::string line = lines[lines.size() - 1];
        line.replace(line.rfind(',') + 1, std::string::npos, "NEW" + std::to_string(i));
        text += line + "\n";
    }
    const auto before = Count("SELECT COUNT(*) FROM audit_log");
    const auto dry = Submit(Write("b.csv", text), "RXX", false, /*dry_run=*/true);
    EXPECT_EQ(dry.result, SubmitResult::kDryRun);
    EXPECT_EQ(dry.would_be, SubmitResult::kStored);
    EXPECT_EQ(dry.diff.removed, 10);
    EXPECT_EQ(dry.diff.added, 5);
    EXPECT_EQ(dry.diff.changed, 1);
    EXPECT_EQ(dry.diff.unchanged, 989);
    EXPECT_EQ(std::count_if(dry.diff.examples.begin(), dry.diff.examples.end(),
                            [](const std::string& e) { return e.starts_with("changed: site RXX0"); }),
              1);
    EXPECT_EQ(dry.message, "Dry run, nothing stored. A real submission would be: stored.");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), before);
}

// A dry run says what a real submission would do, including the checks made before the file
// is read: the same file again, or a day outside the month's window. It still checks the file.
TEST_P(SubmissionTest, ADryRunKnowsAResentFileAndAClosedWindow) {
    const std::string path = Extract("a.csv", 300, 1);
    ASSERT_EQ(Submit(path).result, SubmitResult::kStored);
    const auto resent = Submit(path, "RXX", false, /*dry_run=*/true);
    EXPECT_EQ(resent.would_be, SubmitResult::kAlreadyReceived);
    EXPECT_NE(resent.message.find("would be: already received. This exact file was already received on"),
              std::string::npos)
        << resent.message;
    EXPECT_EQ(resent.diff.unchanged, 300);

    const auto early =
        Submit(Extract("b.csv", 300, 2), "RXX", false, /*dry_run=*/true, *core::Date::Parse("2026-10-31"));
    EXPECT_EQ(early.would_be, SubmitResult::kRefused);
    EXPECT_NE(early.message.find("would be: refused. The window for 2026-10 opens on 2026-11-01"), std::string::npos)
        << early.message;
    EXPECT_NE(early.message.find("opens on 2026-11-01"), std::string::npos) << early.message;
    ASSERT_TRUE(early.report);
    EXPECT_EQ(early.report->records.total, 300u);
    EXPECT_GT(early.report->records.accepted, 0u);
    EXPECT_EQ(early.diff.added + early.diff.changed + early.diff.unchanged,
              static_cast<int64_t>(early.report->records.accepted));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 1);
}

TEST_P(SubmissionTest, StatusFeedbackAndAnIntactAuditChain) {
    ASSERT_TRUE(ExpectProvider(*store_, admin_, "RXX", *core::Period::Parse("2026-04"), std::nullopt));
    ASSERT_TRUE(ExpectProvider(*store_, admin_, "RYY", *core::Period::Parse("2026-04"), std::nullopt));
    ASSERT_TRUE(ExpectProvider(*store_, admin_, "NV7", *core::Period::Parse("2026-04"), std::nullopt));
    ASSERT_EQ(Submit(Extract("rxx.csv", 200, 1)).result, SubmitResult::kStored);
    ASSERT_EQ(
        Submit(Extract("nv7.csv", 200, 2, 0, "NV7", {"NV701"}), "NV7", false, false, *core::Date::Parse("2026-11-30"))
            .result,
        SubmitResult::kStored);
    auto timetable = Timetable::Load(*store_);
    auto window = timetable->For(kPeriod);
    auto statuses = StatusFor(*store_, *window, *core::Date::Parse("2026-11-30"));
    ASSERT_TRUE(statuses);
    std::map<std::string, ProviderStatus> by_provider;
    for (const auto& s : *statuses) by_provider[s.provider] = s;
    EXPECT_EQ(by_provider["RXX"].state, "on time");
    EXPECT_FALSE(by_provider["RXX"].days);
    EXPECT_EQ(by_provider["NV7"].state, "late");  // after the cut-off on the 26th
    EXPECT_EQ(by_provider["NV7"].days, 4);
    EXPECT_EQ(by_provider["RYY"].state, "overdue");
    EXPECT_EQ(by_provider["RYY"].days, 4);
    EXPECT_EQ(by_provider["RYY"].name, "SAMPLE HEALTHCARE NHS FOUNDATION TRUST");
    // The most urgent first: overdue, then late, then on time.
    std::vector<std::string> order;
    for (const auto& s : *statuses) order.push_back(s.provider);
    EXPECT_EQ(order, (std::vector<std::string>{"RYY", "NV7", "RXX"}));
    // Before the cut-off, nothing sent is not yet due, with the days left.
    auto earlier = StatusFor(*store_, *window, *core::Date::Parse("2026-11-20"));
    ASSERT_TRUE(earlier);
    EXPECT_EQ(earlier->front().provider, "RYY");
    EXPECT_EQ(earlier->front().state, "not yet due");
    EXPECT_EQ(earlier->front().days, 6);
    auto feedback = FeedbackFor(*store_, kPeriod);
    ASSERT_TRUE(feedback);
    EXPECT_EQ(feedback->responses, 2);
    EXPECT_EQ(feedback->median_minutes, 30);
    store::AuditLog log(store_->db());
    auto verdict = store::VerifyAuditChain(log);
    ASSERT_TRUE(verdict);
    EXPECT_TRUE(verdict->intact) << verdict->problem;
    EXPECT_GT(verdict->entries, 8);
    // Each stored submission names the entry that recorded storing it, written with it.
    EXPECT_EQ(verdict->submissions, 2);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions s JOIN audit_log a ON a.seq = s.audit_seq AND "
                    "a.hash = s.audit_hash WHERE a.action = 'submission.stored' AND "
                    "a.detail LIKE '{\"submission\":\"' || s.id || '\",%'"),
              2);
}

TEST_P(SubmissionTest, FeedbackGivenAfterwardsIsStoredListedAndAuditedButIsNoAttempt) {
    auto request = Request(Extract("a.csv", 100, 1));
    request.prep_minutes.reset();
    request.comment.clear();
    auto outcome = service::Submit(*store_, refdata::NicipCatalogue::Shipped(), request);
    ASSERT_TRUE(outcome && outcome->submission) << (outcome ? outcome->message : outcome.error().message);
    const int64_t id = outcome->submission->id;
    ASSERT_TRUE(FeedbackFor(*store_, kPeriod)->entries.empty());

    const Actor submitter{"sub.rxx", "portal", Role::kProviderSubmitter};
    ASSERT_TRUE(RecordFeedback(*store_, submitter, id, 90, "  two  people,\r\nhalf a day "));
    auto feedback = FeedbackFor(*store_, kPeriod);
    ASSERT_TRUE(feedback);
    ASSERT_EQ(feedback->entries.size(), 1u);
    EXPECT_EQ(feedback->entries[0].submission_id, id);
    EXPECT_EQ(feedback->entries[0].prep_minutes, 90);
    EXPECT_EQ(feedback->entries[0].comment, "two people, half a day");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'feedback.recorded' AND subject = 'RXX 2026-10'"),
              1);
    // Given again, it replaces what was there.
    ASSERT_TRUE(RecordFeedback(*store_, submitter, id, std::nullopt, "quicker with the new RIS"));
    feedback = FeedbackFor(*store_, kPeriod);
    EXPECT_FALSE(feedback->entries[0].prep_minutes);
    EXPECT_EQ(feedback->entries[0].comment, "quicker with the new RIS");

    // Out of range, nothing given, not text, too long, no such submission: refused, unchanged.
    EXPECT_EQ(RecordFeedback(*store_, submitter, id, -1, "").error().code, core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(RecordFeedback(*store_, submitter, id, kMaxPrepMinutes + 1, "").error().code,
              core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(RecordFeedback(*store_, submitter, id, std::nullopt, " \n ").error().code,
              core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(RecordFeedback(*store_, submitter, id, 5, std::string("a\x01b")).error().code,
              core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(RecordFeedback(*store_, submitter, id, 5, std::string(kMaxFeedbackComment + 1, 'x')).error().code,
              core::ErrorCode::kInvalidArgument);
    EXPECT_EQ(RecordFeedback(*store_, submitter, id + 1000, 5, "").error().code, core::ErrorCode::kNotFound);
    EXPECT_EQ(FeedbackFor(*store_, kPeriod)->entries[0].comment, "quicker with the new RIS");

    // Feedback is not a file sent: the month's attempts count the submission only.
    auto window = Timetable::Load(*store_)->For(kPeriod);
    auto statuses = StatusFor(*store_, *window, kReceived);
    ASSERT_TRUE(statuses);
    ASSERT_EQ(statuses->size(), 1u);
    EXPECT_EQ(statuses->front().attempts, 1);
    store::AuditLog log(store_->db());
    auto verdict = store::VerifyAuditChain(log);
    ASSERT_TRUE(verdict);
    EXPECT_TRUE(verdict->intact) << verdict->problem;
}

TEST_P(SubmissionTest, HostileFilesAreRefusedAndChangeNoData) {
    std::string binary(200000, '\0');
    for (size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<char>((i * 7919) % 251);
    std::string long_line = std::string(10 << 20, 'A') + "\n";
    std::string columns;
    for (int i = 0; i < 1000000; ++i) columns += "x,";
    columns += "x\n";
    ASSERT_EQ(Submit(Extract("good.csv", 100, 1)).result, SubmitResult::kStored);
    for (const auto& [name, text] :
         {std::pair{"binary.csv", &binary}, std::pair{"long.csv", &long_line}, std::pair{"wide.csv", &columns}}) {
        const auto outcome = Submit(Write(name, *text));
        EXPECT_EQ(outcome.result, SubmitResult::kFileRejected) << name;
        ASSERT_TRUE(outcome.report) << name;
        EXPECT_TRUE(outcome.report->file_rejected()) << name;
        EXPECT_EQ(Count("SELECT COUNT(*) FROM submissions"), 1) << name;
        EXPECT_EQ(Count("SELECT COUNT(*) FROM records"), 100) << name;
        EXPECT_EQ(Count("SELECT COUNT(*) FROM findings WHERE submission_id <> " + std::to_string(Current()->id)), 0);
    }
}

INSTANTIATE_TEST_SUITE_P(Backends, SubmissionTest, ::testing::Values(Backend::kSqlite, Backend::kPostgres),
                         [](const auto& param_info) { return store::BackendName(param_info.param); });

}  // namespace
}  // namespace did::service
