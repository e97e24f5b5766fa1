#include "store/postgres/libpq.hpp"

#include <dlfcn.h>

#include <cstdlib>

namespace did::store {
namespace {

constexpr const char* kLibrary = "libpq.so.5";  // Debian package libpq5

struct Loading {
    Libpq functions{};
    std::string error;
};

template <typename Function>
bool Bind(void* library, const char* name, Function& into, std::string& error) {
    void* symbol = ::dlsym(library, name);
    if (symbol == nullptr) {
        error = std::string(kLibrary) + " has no " + name + ": too old a libpq";
        return false;
    }
    into = reinterpret_cast<Function>(symbol);  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast): dlsym's contract
    return true;
}

Loading LoadOnce() {
    Loading out;
    void* library = ::dlopen(kLibrary, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
        const char* why = ::dlerror();
        out.error = std::string("cannot load the PostgreSQL client library ") + kLibrary + " (" +
                    (why != nullptr ? why : "not found") + "): install the libpq5 package";
        return out;
    }
    Libpq& f = out.functions;
    std::string& e = out.error;
    const bool all =
        Bind(library, "PQconnectdb", f.connectdb, e) && Bind(library, "PQstatus", f.status, e) &&
        Bind(library, "PQfinish", f.finish, e) && Bind(library, "PQerrorMessage", f.errorMessage, e) &&
        Bind(library, "PQexec", f.exec, e) && Bind(library, "PQsendQueryParams", f.sendQueryParams, e) &&
        Bind(library, "PQsetSingleRowMode", f.setSingleRowMode, e) && Bind(library, "PQgetResult", f.getResult, e) &&
        Bind(library, "PQresultStatus", f.resultStatus, e) &&
        Bind(library, "PQresultErrorMessage", f.resultErrorMessage, e) && Bind(library, "PQnfields", f.nfields, e) &&
        Bind(library, "PQgetisnull", f.getisnull, e) && Bind(library, "PQgetvalue", f.getvalue, e) &&
        Bind(library, "PQgetlength", f.getlength, e) && Bind(library, "PQclear", f.clear, e) &&
        Bind(library, "PQtransactionStatus", f.transactionStatus, e) &&
        Bind(library, "PQputCopyData", f.putCopyData, e) && Bind(library, "PQputCopyEnd", f.putCopyEnd, e);
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
