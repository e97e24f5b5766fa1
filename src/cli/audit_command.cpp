// `did audit`: read the audit log, and check its hash chain (`did audit verify`).

#include <algorithm>
#include <cstdio>
#include <optional>

#include "cli/command.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "store/audit_log.hpp"

namespace did::cli {

namespace {

// "SEQ:HASH", as `did audit verify` prints the head.
std::optional<store::AuditHead> ParseHead(const std::string& text) {
    const size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    store::AuditHead head;
    try {
        size_t used = 0;
        head.seq = std::stoll(text.substr(0, colon), &used);
        if (used != colon || head.seq < 1) return std::nullopt;
    } catch (...) {
        return std::nullopt;
    }
    head.hash = text.substr(colon + 1);
    const bool hex = std::all_of(head.hash.begin(), head.hash.end(),
                                 [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    if (head.hash.size() != 64 || !hex) return std::nullopt;
    return head;
}

int Verify(store::AuditLog& log, const Args& args) {
    std::optional<store::AuditHead> recorded;
    if (auto text = args.Get("head")) {
        recorded = ParseHead(*text);
        if (!recorded) return UsageError("audit", "--head takes SEQ:HASH, as did audit verify prints it");
    }
    auto verdict = store::VerifyAuditChain(log, recorded);
    if (!verdict) return UsageError("audit", verdict.error().message);
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

}  // namespace

int RunAudit(const std::vector<std::string>& argv) {
    const char* kUsage = "usage: did audit verify [--head SEQ:HASH]\n       did audit list [--format text|csv]";
    auto args = Args::Parse(argv, WithSessionOptions({{"format"}, {"head"}}));
    if (!args) return UsageError("audit", args.error().message + "\n" + kUsage);
    const std::string action = args->positional().empty() ? "list" : args->positional()[0];
    auto session = OpenSession(*args, Access::kReadOnly);
    if (!session) return UsageError("audit", session.error().message);
    store::AuditLog log(session->store->db());
    if (action == "verify") return Verify(log, *args);
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
