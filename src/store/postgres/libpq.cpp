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
    auto bind = [&](const char* name, auto& into) { return Bind(library, path, name, into, out.error); };
    const bool all = bind("PQconnectdb", f.connectdb) && bind("PQstatus", f.status) && bind("PQfinish", f.finish) &&
                     bind("PQerrorMessage", f.errorMessage) && bind("PQexec", f.exec) &&
                     bind("PQsendQueryParams", f.sendQueryParams) && bind("PQsetSingleRowMode", f.setSingleRowMode) &&
                     bind("PQgetResult", f.getResult) && bind("PQresultStatus", f.resultStatus) &&
                     bind("PQresultErrorMessage", f.resultErrorMessage) && bind("PQnfields", f.nfields) &&
                     bind("PQgetisnull", f.getisnull) && bind("PQgetvalue", f.getvalue) &&
                     bind("PQgetlength", f.getlength) && bind("PQclear", f.clear) &&
                     bind("PQtransactionStatus", f.transactionStatus) && bind("PQputCopyData", f.putCopyData) &&
                     bind("PQputCopyEnd", f.putCopyEnd);
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
