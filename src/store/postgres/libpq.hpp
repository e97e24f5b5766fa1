// Libpq: the PostgreSQL client library's functions, loaded (dlopen) when the first PostgreSQL
// connection is opened instead of linked into the binary. Linked, libpq and what it pulls in
// (Kerberos, LDAP, GnuTLS: some twenty libraries) cost every `did` command about 6 ms before
// main, the SQLite users' included: three percent of validating a month's file. Loaded once,
// never unloaded; thread-safe.
#pragma once

#include <libpq-fe.h>

#include <string>

#include "core/error.hpp"

namespace did::store {

struct Libpq {
    // Named as in libpq, without the PQ prefix.
    decltype(&::PQconnectdb) connectdb;
    decltype(&::PQstatus) status;
    decltype(&::PQfinish) finish;
    decltype(&::PQerrorMessage) errorMessage;
    decltype(&::PQexec) exec;
    decltype(&::PQsendQueryParams) sendQueryParams;
    decltype(&::PQsetSingleRowMode) setSingleRowMode;
    decltype(&::PQgetResult) getResult;
    decltype(&::PQresultStatus) resultStatus;
    decltype(&::PQresultErrorMessage) resultErrorMessage;
    decltype(&::PQnfields) nfields;
    decltype(&::PQgetisnull) getisnull;
    decltype(&::PQgetvalue) getvalue;
    decltype(&::PQgetlength) getlength;
    decltype(&::PQclear) clear;
    decltype(&::PQtransactionStatus) transactionStatus;
    decltype(&::PQputCopyData) putCopyData;
    decltype(&::PQputCopyEnd) putCopyEnd;

    // Loads the library (libpq.so.5, or the path in DID_LIBPQ) on the first call; an error
    // naming the library and what to do when it cannot.
    static core::Result<const Libpq*> Load();
};

// The loaded library, for code that holds a connection (which Libpq::Load() made possible).
const Libpq& Pq();

// The connection's last error, without libpq's trailing line break.
std::string ErrorMessage(PGconn* conn);

}  // namespace did::store
