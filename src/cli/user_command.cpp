// `did user add|disable|enable|reset|list`: the portal's users, from the command line, for the
// first central administrator and for scripts. A password is generated and printed once
// unless one is given on standard input (--password-stdin); it is never an argument, which
// the shell's history and `ps` would show.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <string>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "cli/table_output.hpp"
#include "service/accounts.hpp"
#include "service/secret_token.hpp"

namespace did::cli {
namespace {

struct UserOptions {
    SessionOptions session;
    std::string name;
    std::string display_name;
    std::string organisation;
    std::string role;
    bool password_stdin = false;
    bool second_factor = false;
    bool no_second_factor = false;
    std::string format;
};

std::string Password(const UserOptions& o, bool& generated) {
    generated = !o.password_stdin;
    if (generated) return service::NewSecretToken(12);
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

int Add(const UserOptions& o, Session& session) {
    bool generated = false;
    service::NewUser user;
    user.name = o.name;
    user.display_name = o.display_name.empty() ? o.name : o.display_name;
    user.organisation = o.organisation;
    user.role = *service::ParseRole(o.role);
    user.password = Password(o, generated);
    user.second_factor_off = o.no_second_factor;
    auto added = service::AddUser(*session.store, session.actor, user);
    if (!added) return UsageError("user add", added.error().message);
    std::printf("Added %s (%s, %s).\n", added->name.c_str(), o.role.c_str(), added->organisation.c_str());
    if (generated) std::printf("Password (shown once): %s\n", user.password.c_str());
    if (!o.no_second_factor) std::printf("At first sign-in they set up an authenticator app.\n");
    return kExitOk;
}

int Reset(const UserOptions& o, Session& session) {
    bool generated = false;
    std::optional<std::string> password;
    if (!o.second_factor || o.password_stdin) password = Password(o, generated);
    auto reset = service::ResetUser(*session.store, session.actor, o.name, password, o.second_factor);
    if (!reset) return UsageError("user reset", reset.error().message);
    std::printf("Reset %s; their sessions are ended.\n", o.name.c_str());
    if (generated) std::printf("New password (shown once): %s\n", password->c_str());
    if (o.second_factor) std::printf("They set up an authenticator app again at next sign-in.\n");
    return kExitOk;
}

int List(const UserOptions& o, Session& session) {
    auto users = service::ListUsers(*session.store, o.organisation);
    if (!users) return UsageError("user list", users.error().message);
    Table table{{"name", "display name", "organisation", "role", "disabled", "second factor"}, {}};
    for (const auto& user : *users) {
        table.rows.push_back({user.name, user.display_name, user.organisation,
                              std::string(service::RoleName(user.role)), user.disabled ? "yes" : "no",
                              !user.second_factor_required ? "off" : (user.enrolled ? "enrolled" : "due")});
    }
    PrintTable(table, o.format);
    return kExitOk;
}

void OnSession(CLI::App* app, const std::shared_ptr<UserOptions>& o, const std::string& name, int& exit_status,
               int (*run)(const UserOptions&, Session&), Access access) {
    app->callback([o, name, run, access, &exit_status] {
        auto session = OpenSession(o->session, access);
        if (!session) {
            exit_status = UsageError(name, session.error().message);
            return;
        }
        exit_status = run(*o, *session);
    });
}

}  // namespace

void AddUserCommands(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<UserOptions>();
    CLI::App* user = did.add_subcommand("user", "the portal's users: add, disable, enable, reset, list (audited)");
    user->require_subcommand(1);
    std::vector<std::string> roles;
    for (auto role : {service::Role::kProviderSubmitter, service::Role::kProviderViewer, service::Role::kGpPracticeUser,
                      service::Role::kAnalyst, service::Role::kCentralAdministrator}) {
        roles.emplace_back(service::RoleName(role));
    }

    CLI::App* add = user->add_subcommand("add", "add a user; prints a generated password once");
    add->add_option("name", o->name, "the sign-in name")->required();
    add->add_option("--display-name", o->display_name, "the name pages show");
    AddOrgCodeOption(*add, "--organisation", o->organisation, "their organisation's ODS code")->required();
    AddChoiceOption(*add, "--role", o->role, roles, "their role")->required();
    add->add_flag("--password-stdin", o->password_stdin, "read the password from standard input");
    add->add_flag("--no-second-factor", o->no_second_factor, "demo data only: sign in with the password alone");
    AddSessionOptions(*add, o->session);
    OnSession(add, o, "user add", exit_status, Add, Access::kReadWrite);

    for (const bool disable : {true, false}) {
        CLI::App* change = user->add_subcommand(
            disable ? "disable" : "enable",
            disable ? "stop a user signing in (ends their sessions)" : "let a disabled user sign in again");
        change->add_option("name", o->name, "the sign-in name")->required();
        AddSessionOptions(*change, o->session);
        change->callback([o, disable, &exit_status] {
            auto session = OpenSession(o->session, Access::kReadOnly);
            if (!session) {
                exit_status = UsageError("user", session.error().message);
                return;
            }
            auto done = service::SetUserDisabled(*session->store, session->actor, o->name, disable);
            exit_status = done ? kExitOk : UsageError(disable ? "user disable" : "user enable", done.error().message);
            if (done) std::printf("%s %s.\n", disable ? "Disabled" : "Enabled", o->name.c_str());
        });
    }

    CLI::App* reset = user->add_subcommand("reset", "a new password (printed once) and/or a new second factor");
    reset->add_option("name", o->name, "the sign-in name")->required();
    reset->add_flag("--password-stdin", o->password_stdin, "read the new password from standard input");
    reset->add_flag("--second-factor", o->second_factor,
                    "make them set up an authenticator app again (the password stays unless --password-stdin)");
    AddSessionOptions(*reset, o->session);
    OnSession(reset, o, "user reset", exit_status, Reset, Access::kReadOnly);

    CLI::App* list = user->add_subcommand("list", "every user, or one organisation's");
    AddOrgCodeOption(*list, "--organisation", o->organisation, "only this organisation's users");
    AddFormatOption(*list, o->format, {"text", "csv", "json"});
    AddSessionOptions(*list, o->session);
    OnSession(list, o, "user list", exit_status, List, Access::kReadOnly);
}

}  // namespace did::cli
