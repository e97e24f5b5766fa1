#include "cli/output_paths.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <system_error>

namespace did::cli {
namespace {

struct Identity {
    std::optional<std::pair<dev_t, ino_t>> inode;  // when the file exists
    std::string resolved;                          // links and dot segments resolved
};

Identity Identify(const std::string& path) {
    Identity id;
    struct stat st {};
    const int got = path == "-" ? ::fstat(STDIN_FILENO, &st) : ::stat(path.c_str(), &st);
    // Only regular files can be overwritten by mistake; a terminal or /dev/null on both sides is harmless.
    if (got == 0 && S_ISREG(st.st_mode)) id.inode = std::make_pair(st.st_dev, st.st_ino);
    if (path != "-") {
        std::error_code error;
        const auto resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(path, error), error);
        if (!error) id.resolved = resolved.string();
    }
    return id;
}

bool Same(const Identity& a, const Identity& b) {
    if (a.inode && b.inode) return *a.inode == *b.inode;
    return !a.resolved.empty() && a.resolved == b.resolved;
}

}  // namespace

std::vector<KeptFile> DatabaseFiles(const std::string& database_url) {
    if (!database_url.starts_with("sqlite:")) return {};
    const std::string path = database_url.substr(7);
    return {{path, "the database"},
            {path + "-wal", "the database's write-ahead log"},
            {path + "-shm", "the database's shared-memory file"},
            {path + "-journal", "the database's journal"}};
}

core::Status CheckOutputPaths(const std::vector<OutputPath>& outputs, const std::vector<KeptFile>& kept) {
    std::vector<Identity> kept_ids;
    kept_ids.reserve(kept.size());
    for (const auto& file : kept) kept_ids.push_back(Identify(file.path));
    std::vector<std::pair<const OutputPath*, Identity>> earlier;
    for (const auto& output : outputs) {
        if (output.path.empty() || output.path == "-") continue;  // not given, or standard output
        Identity id = Identify(output.path);
        for (size_t i = 0; i < kept.size(); ++i) {
            if (!Same(id, kept_ids[i])) continue;
            return core::Fail(core::Error::InvalidArgument(output.option + " " + output.path + " is " + kept[i].role +
                                                           ": writing there would destroy it; choose another path"));
        }
        for (const auto& [other, other_id] : earlier) {
            if (!Same(id, other_id)) continue;
            return core::Fail(core::Error::InvalidArgument(output.option + " and " + other->option +
                                                           " name the same file " + output.path));
        }
        earlier.emplace_back(&output, std::move(id));
    }
    return {};
}

}  // namespace did::cli
