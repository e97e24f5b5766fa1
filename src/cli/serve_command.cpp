// `did serve`: the web portal and the API on one database. Migrates the database first (so
// that two servers starting at once do not race to), then serves until SIGTERM or SIGINT.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <memory>

#include "cli/command.hpp"
#include "cli/options.hpp"
#include "cli/session.hpp"
#include "http/portal.hpp"
#include "http/request_log.hpp"
#include "http/server.hpp"

#ifndef DID_WEB_ROOT
#define DID_WEB_ROOT "web"
#endif

namespace did::cli {
namespace {

struct ServeOptions {
    SessionOptions session;
    std::string listen = "127.0.0.1:8080";
    std::string tls_cert;
    std::string tls_key;
    std::string behind_proxy;
    std::string web_root = DID_WEB_ROOT;
    std::string spool_dir = "/tmp";
    int64_t workers = 4;
    int64_t max_upload_mib = 4096;
    int64_t header_deadline_seconds = 10;
    int64_t grace_seconds = 30;
    bool demo = false;
};

int Serve(const ServeOptions& o) {
    auto session = OpenSession(o.session, Access::kReadWrite);
    if (!session) return UsageError("serve", session.error().message);
    session->store.reset();  // each worker opens its own connection

    http::PortalOptions portal_options;
    portal_options.web_root = o.web_root;
    portal_options.demo = o.demo;
    portal_options.spool_directory = o.spool_dir;
    portal_options.limits.upload_bytes = static_cast<uint64_t>(o.max_upload_mib) << 20;
    portal_options.limits.header_deadline = std::chrono::seconds(o.header_deadline_seconds);
    auto portal = http::Portal::Create(portal_options);
    if (!portal) return UsageError("serve", portal.error().message);

    http::ServerOptions options;
    options.database_url = DatabaseUrl(o.session);
    options.listen = o.listen;
    options.tls_cert = o.tls_cert;
    options.tls_key = o.tls_key;
    options.trusted_proxy = o.behind_proxy;
    options.database_threads = static_cast<size_t>(o.workers);
    options.spool_directory = o.spool_dir;
    options.limits = portal_options.limits;
    options.grace = std::chrono::seconds(o.grace_seconds);
    auto server = http::Server::Create(options, **portal);
    if (!server) return UsageError("serve", server.error().message);
    http::LogServer("listening on " + o.listen.substr(0, o.listen.rfind(':')) + ":" +
                    std::to_string((*server)->port()) + (o.tls_cert.empty() ? "" : " (TLS)") + " database " +
                    store::DisplayedUrl(options.database_url));
    auto ran = (*server)->Run();
    if (!ran) return UsageError("serve", ran.error().message);
    return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& did, int& exit_status) {
    auto o = std::make_shared<ServeOptions>();
    CLI::App* serve = did.add_subcommand("serve", "the web portal and the submission API");
    serve
        ->add_option("--listen", o->listen,
                     "the address to listen on (default 127.0.0.1:8080; port 0: any free port, printed at start)")
        ->type_name("HOST:PORT");
    serve->add_option("--tls-cert", o->tls_cert, "PEM certificate chain, to serve HTTPS itself")->type_name("FILE");
    serve->add_option("--tls-key", o->tls_key, "PEM private key of --tls-cert")->type_name("FILE");
    serve
        ->add_option("--behind-proxy", o->behind_proxy,
                     "the reverse proxy's address: X-Forwarded-For/-Proto are believed from it only")
        ->type_name("ADDRESS");
    serve
        ->add_option("--web-root", o->web_root,
                     "the folder holding templates/, assets/ and node_modules/ (default: the source tree's web/)")
        ->type_name("DIR");
    serve->add_option("--spool-dir", o->spool_dir, "where uploads are written as they arrive (default /tmp)")
        ->type_name("DIR");
    AddWholeNumberOption(*serve, "--workers", o->workers, 1, 64, "database workers (connections)");
    AddWholeNumberOption(*serve, "--max-upload-mib", o->max_upload_mib, 1, 65536, "the largest file taken, in MiB");
    AddWholeNumberOption(*serve, "--header-deadline-seconds", o->header_deadline_seconds, 1, 600,
                         "a request's header (and a form's body) must arrive within this (default 10; shorter in "
                         "tests)");
    AddWholeNumberOption(*serve, "--grace-seconds", o->grace_seconds, 0, 3600,
                         "after SIGTERM, how long requests in flight may take before uploads still arriving are "
                         "dropped (default 30)");
    serve->add_flag("--demo", o->demo,
                    "say on every page that this is a demonstration (demo users have no second factor)");
    AddSessionOptions(*serve, o->session);
    serve->callback([o, &exit_status] { exit_status = Serve(*o); });
}

}  // namespace did::cli
