// Input files are read through memory mappings (ingest/mapped_window_reader.hpp). If another
// program shortens a file while it is mapped, touching the lost pages raises SIGBUS, and
// the process would die with a bare "Bus error". Commands that read a user's file call this
// first, so the user is told what happened instead. Stopping at once loses nothing: what
// those commands store is committed only after the whole file has been read, and an open
// transaction is rolled back as after any crash.
#pragma once

namespace did::cli {

void ExplainFilesShortenedWhileRead();

}  // namespace did::cli
