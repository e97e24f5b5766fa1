// Output paths a command is told to write (--findings, --accepted, --out, …) are checked
// before anything is read or written: one that names the input file, the database or one of
// the database's companion files (WAL, journal), by any path or link, would destroy what the
// user meant to keep. Checked by file identity (device and inode) where the file exists, and
// by resolved path where it does not yet (a WAL file comes and goes).
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"

namespace did::cli {

// A file no output may replace, and how to name it in the message ("the input file").
struct KeptFile {
    std::string path;  // "-" is standard input
    std::string role;
};

// An output and the option that named it.
struct OutputPath {
    std::string option;  // "--findings"
    std::string path;
};

// The SQLite database file of `database_url` and its companions (-wal, -shm, -journal);
// nothing for PostgreSQL.
std::vector<KeptFile> DatabaseFiles(const std::string& database_url);

// Fails, naming the option, when an output is one of `kept` or two outputs are one file.
core::Status CheckOutputPaths(const std::vector<OutputPath>& outputs, const std::vector<KeptFile>& kept);

}  // namespace did::cli
