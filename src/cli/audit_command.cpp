// `did audit`: read the audit log, and check its hash chain (`did audit verify`).

#include <cstdio>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "store/audit_log.hpp"

namespace did::cli {

int RunAudit(const std::vector<std::string>& argv) {
    const char* kUsage = "usage: did audit verify\n       did audit list [--format text|csv]";
    auto args = Args::Parse(argv, WithSessionOptions({{"format"}}));
    if (!args) return UsageError("audit", args.error().message + "\n" + kUsage);
    const std::string action = args->positional().empty() ? "list" : args->positional()[0];
    auto session = OpenSession(*args, Access::kReadOnly);
    if (!session) return UsageError("audit", session.error().message);
    store::AuditLog log(session->store->db());
    if (action == "verify") {
        auto verdict = store::VerifyAuditChain(log);
        if (!verdict) return UsageError("audit", verdict.error().message);
        if (verdict->intact) {
            std::printf("The audit log is intact: %lld entries, each chained to the one before.\n",
                        static_cast<long long>(verdict->entries));
            return kExitOk;
        }
        std::printf("THE AUDIT LOG HAS BEEN ALTERED at entry %lld: %s.\n",
                    static_cast<long long>(verdict->first_bad_seq), verdict->problem.c_str());
        return kExitRejected;
    }
    if (action != "list") return UsageError("audit", kUsage);
    Table table{{"seq", "at", "actor", "origin", "action", "subject", "detail"}, {}};
    auto status = log.ForEach([&](const store::AuditRow& e) {
        table.rows.push_back({std::to_string(e.seq), e.at, e.actor, e.origin, e.action, e.subject, e.detail});
        return true;
    });
    if (!status) return UsageError("audit", status.error().message);
    PrintTable(table, args->GetOr("format", "text"));
    return kExitOk;
}

int RunDb(const std::vector<std::string>& argv) {
    const char* kUsage = "usage: did db migrate [--db URL]";
    auto args = Args::Parse(argv, WithSessionOptions({}));
    if (!args || args->positional().size() != 1 || args->positional()[0] != "migrate") return UsageError("db", kUsage);
    auto session = OpenSession(*args);  // opening migrates
    if (!session) return UsageError("db", session.error().message);
    auto version = store::SchemaVersion(session->store->db());
    if (!version) return UsageError("db", version.error().message);
    std::printf("The database %s is at schema version %d.\n", session->store->url().c_str(), *version);
    return kExitOk;
}

}  // namespace did::cli
