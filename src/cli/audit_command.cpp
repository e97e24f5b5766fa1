// `did audit`: read the audit log, and check its hash chain (`did audit verify`); `did db
// migrate`.

#include <algorithm>
#include <cstdio>
#include <optional>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "service/audit_trail.hpp"
#include "service/catalogue.hpp"
#include "service/statistics_cube.hpp"

namespace did::cli {
namespace {

struct AuditOptions {
    SessionOptions session;
    std::string format;
    std::optional<store::AuditHead> head;  // --head SEQ:HASH, as verify prints it
};

// "SEQ:HASH", as `did audit verify` prints the head.
std::optional<store::AuditHead> ParseHead(const std::string& text) {
    const size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    store::AuditHead head;
    const std::string seq = text.substr(0, colon);
    if (!std::all_of(seq.begin(), seq.end(), [](char c) { return c >= '0' && c <= '9'; }) || seq.size() > 18) {
        return std::nullopt;
    }
    head.seq = std::stoll(seq);
    head.hash = text.substr(colon + 1);
    const bool hex = std::all_of(head.hash.begin(), head.hash.end(),
                                 [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (head.seq < 1 || head.hash.size() != 64 || !hex) return std::nullopt;
    return head;
}

int Verify(store::Store& store, const std::optional<store::AuditHead>& recorded) {
    auto verdict = service::VerifyAudit(store, recorded);
    if (!verdict) return UsageError("audit verify", verdict.error().message);
    if (!verdict->intact) {
        if (verdict->first_bad_seq == 0) {
            std::printf("THE AUDIT LOG HAS BEEN ALTERED: %s.\n", verdict->problem.c_str());
        } else {
            std::printf("THE AUDIT LOG HAS BEEN ALTERED at entry %lld: %s.\n",
                        static_cast<long long>(verdict->first_bad_seq), verdict->problem.c_str());
        }
        return kExitRejected;
    }
    const auto plural = [](int64_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    std::printf(
        "The audit log is intact: %s, each chained to the one before, ending at the entry appended last; %s, "
        "each with the entry that stored it.\n",
        plural(verdict->entries, "entry", "entries").c_str(),
        plural(verdict->submissions, "submission", "submissions").c_str());
    if (recorded) std::printf("Entry %lld is as noted down.\n", static_cast<long long>(recorded->seq));
    // Someone who can rewrite the whole database can rewrite the log and its anchors alike;
    // a head kept elsewhere is the one thing they cannot reach.
    const std::string head = std::to_string(verdict->head.seq) + ":" + verdict->head.hash;
    std::printf(
        "Head: %s\nKeep it outside the database: did audit verify --head %s shows later whether anything "
        "up to it has been removed or rewritten.\n",
        head.c_str(), head.c_str());
    return kExitOk;
}

int List(store::Store& store, const std::string& format) {
    Table table{{Id("seq"), "at", "actor", "origin", "action", "subject", "detail"}, {}};
    auto status = service::ForEachAuditEntry(store, [&](const store::AuditRow& e) {
        table.rows.push_back({std::to_string(e.seq), e.at, e.actor, e.origin, e.action, e.subject, e.detail});
        return true;
    });
    if (!status) return UsageError("audit list", status.error().message);
    PrintTable(table, format);
    return kExitOk;
}

int MigrateDatabase(const SessionOptions& options, bool recount_statistics) {
    auto session = OpenSession(options);  // opening migrates
    if (!session) return UsageError("db migrate", session.error().message);
    auto version = service::SchemaVersionOf(*session->store);
    if (!version) return UsageError("db migrate", version.error().message);
    std::printf("The database %s is at schema version %d.\n", session->store->url().c_str(), *version);
    // Files stored before the statistics cube existed are counted into it once, here; all of
    // them again when asked (after the PET/SPECT list or the cancer test groups changed).
    auto catalogue = service::LoadCatalogue(*session->store);
    if (!catalogue) return UsageError("db migrate", catalogue.error().message);
    auto counted = service::RebuildStatisticsCube(*session->store, *catalogue->catalogue, recount_statistics);
    if (!counted) return UsageError("db migrate", counted.error().message);
    if (*counted > 0)
        std::printf("Counted %lld stored file(s) into the statistics cube.\n", static_cast<long long>(*counted));
    return kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<AuditOptions>();
    CLI::App* audit = did.add_subcommand("audit", "the audit log, and the check of its hash chain");
    audit->require_subcommand(0, 1);
    AddSessionOptions(*audit, o->session);
    AddFormatOption(*audit, o->format, {"text", "csv", "json"});
    CLI::App* list = audit->add_subcommand("list", "every entry, oldest first (the default)");
    AddSessionOptions(*list, o->session);
    AddFormatOption(*list, o->format, {"text", "csv", "json"});
    CLI::App* verify = audit->add_subcommand(
        "verify", "check every entry is chained to the one before, and anchored by the submissions and the head");
    AddSessionOptions(*verify, o->session);
    verify
        ->add_option_function<std::string>(
            "--head",
            [o](const std::string& text) {
                o->head = ParseHead(text);
                if (!o->head) {
                    throw CLI::ValidationError("--head",
                                               "'" + text + "' is not SEQ:HASH as did audit verify prints it");
                }
            },
            "a head noted down earlier: check nothing up to it was removed or rewritten")
        ->type_name("SEQ:HASH");
    audit->callback([o, audit, &exit_status] {
        auto session = OpenSession(o->session, Access::kReadOnly);
        if (!session) {
            exit_status = UsageError("audit", session.error().message);
            return;
        }
        exit_status =
            audit->got_subcommand("verify") ? Verify(*session->store, o->head) : List(*session->store, o->format);
    });

    auto db = std::make_shared<SessionOptions>();
    CLI::App* database = did.add_subcommand("db", "the database itself");
    database->require_subcommand(1);
    CLI::App* migrate = database->add_subcommand("migrate", "bring the database schema up to date (creating it)");
    AddSessionOptions(*migrate, *db);
    auto recount = std::make_shared<bool>(false);
    migrate->add_flag("--recount-statistics", *recount,
                      "count every stored file's statistics cube again (after data/published_modality.csv or "
                      "data/cancer_test_groups.csv changed)");
    migrate->callback([db, recount, &exit_status] { exit_status = MigrateDatabase(*db, *recount); });
}

}  // namespace did::cli
