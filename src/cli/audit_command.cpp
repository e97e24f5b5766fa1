// `did audit`: read the audit log, and check its hash chain (`did audit verify`).

#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "store/audit_log.hpp"

namespace did::cli {
namespace {

struct AuditOptions {
    SessionOptions session;
    std::string format;
};

int VerifyAudit(store::AuditLog& log) {
    auto verdict = store::VerifyAuditChain(log);
    if (!verdict) return UsageError("audit verify", verdict.error().message);
    if (verdict->intact) {
        std::printf("The audit log is intact: %lld entries, each chained to the one before.\n",
                    static_cast<long long>(verdict->entries));
        return kExitOk;
    }
    std::printf("THE AUDIT LOG HAS BEEN ALTERED at entry %lld: %s.\n", static_cast<long long>(verdict->first_bad_seq),
                verdict->problem.c_str());
    return kExitRejected;
}

int ListAudit(store::AuditLog& log, const std::string& format) {
    Table table{{Id("seq"), "at", "actor", "origin", "action", "subject", "detail"}, {}};
    auto status = log.ForEach([&](const store::AuditRow& e) {
        table.rows.push_back({std::to_string(e.seq), e.at, e.actor, e.origin, e.action, e.subject, e.detail});
        return true;
    });
    if (!status) return UsageError("audit list", status.error().message);
    PrintTable(table, format);
    return kExitOk;
}

int MigrateDatabase(const SessionOptions& options) {
    auto session = OpenSession(options);  // opening migrates
    if (!session) return UsageError("db migrate", session.error().message);
    auto version = store::SchemaVersion(session->store->db());
    if (!version) return UsageError("db migrate", version.error().message);
    std::printf("The database %s is at schema version %d.\n", session->store->url().c_str(), *version);
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
    CLI::App* verify = audit->add_subcommand("verify", "check every entry is chained to the one before");
    AddSessionOptions(*verify, o->session);
    audit->callback([o, audit, &exit_status] {
        auto session = OpenSession(o->session);
        if (!session) {
            exit_status = UsageError("audit", session.error().message);
            return;
        }
        store::AuditLog log(session->store->db());
        exit_status = audit->got_subcommand("verify") ? VerifyAudit(log) : ListAudit(log, o->format);
    });

    auto db = std::make_shared<SessionOptions>();
    CLI::App* database = did.add_subcommand("db", "the database itself");
    database->require_subcommand(1);
    CLI::App* migrate = database->add_subcommand("migrate", "bring the database schema up to date (creating it)");
    AddSessionOptions(*migrate, *db);
    migrate->callback([db, &exit_status] { exit_status = MigrateDatabase(*db); });
}

}  // namespace did::cli
