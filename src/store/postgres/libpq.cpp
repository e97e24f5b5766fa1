#include "store/postgres/libpq.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace did::store {
namespace {

constexpr const char* kLibrary = "libpq.so.5";  // Debian package libpq5

// A libpq outside the loader's search path (PostgreSQL's own packages on some systems put it
// in /usr/pgsql-15/lib, say) is named by its full path in this variable.
constexpr const char* kLibraryVariable = "DID_LIBPQ";

struct Loading {
    Libpq functions{};
    std::string error;
};

template <typename Function>
bool Bind(void* library, const std::string& path, const char* name, Function& into, std::string& error) {
    void* symbol = ::dlsym(library, name);
    if (symbol == nullptr) {
        error = path + " has no " + name + ": it is not libpq, or too old a one";
        return false;
    }
    into = reinterpret_cast<Function>(symbol);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast): dlsym's contract
    return true;
}

Loading LoadOnce() {
    Loading out;
    const char* chosen = std::getenv(kLibraryVariable);
    const bool named = chosen != nullptr && *chosen != '\0';
    const std::string path = named ? chosen : kLibrary;
    void* library = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = ::dlerror();
        out.error = "cannot load the PostgreSQL client library " + path + " (" + (why != nullptr ? why : "not found") +
                    (named ? std::string("): check ") + kLibraryVariable
                           : std::string("): install the libpq5 package, or name the library in ") + kLibraryVariable);
        return out;
    }
    Libpq& f = out.functions;
    std::string& e = out.error;
    const bool all =
        Bind(library, path, "PQconnectdb", f.connectdb, e) && Bind(library, path, "PQstatus", f.status, e) &&
        Bind(library, path, "PQfinish", f.finish, e) && Bind(library, path, "PQerrorMessage", f.errorMessage, e) &&
        Bind(library, path, "PQexec", f.exec, e) && Bind(library, path, "PQsendQueryParams", f.sendQueryParams, e) &&
        Bind(library, path, "PQsetSingleRowMode", f.setSingleRowMode, e) &&
        Bind(library, path, "PQgetResult", f.getResult, e) &&
        Bind(library, path, "PQresultStatus", f.resultStatus, e) &&
        Bind(library, path, "PQresultErrorMessage", f.resultErrorMessage, e) &&
        Bind(library, path, "PQnfields", f.nfields, e) && Bind(library, path, "PQgetisnull", f.getisnull, e) &&
        Bind(library, path, "PQgetvalue", f.getvalue, e) && Bind(library, path, "PQgetlength", f.getlength, e) &&
        Bind(library, path, "PQclear", f.clear, e) &&
        Bind(library, path, "PQtransactionStatus", f.transactionStatus, e) &&
        Bind(library, path, "PQputCopyData", f.putCopyData, e) && Bind(library, path, "PQputCopyEnd", f.putCopyEnd, e);
    if (!all) ::dlclose(library);
    return out;
}

const Loading& Instance() {
    static const Loading loading = LoadOnce();
    return loading;
}

}  // namespace

core::Result<const Libpq*> Libpq::Load() {
    const Loading& loading = Instance();
    if (!loading.error.empty()) return core::Fail(core::Error::IoError(loading.error));
    return &loading.functions;
}

const Libpq& Pq() {
    const Loading& loading = Instance();
    if (!loading.error.empty()) std::abort();  // a connection exists only once Load() succeeded
    return loading.functions;
}

std::string ErrorMessage(PGconn* conn) {
    std::string text = Pq().errorMessage(conn);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

}  // namespace did::store
