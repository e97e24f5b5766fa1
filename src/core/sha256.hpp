// SHA-256, incremental or in one call, rendered as lower-case hex. For file fingerprints
// (a file sent twice is recognised) and the audit log's hash chain. One user per instance.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace did::core {

class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void Update(std::string_view bytes);
    // The digest as 64 hex characters; the hasher cannot be updated afterwards.
    std::string HexDigest();

    static std::string Of(std::string_view bytes);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace did::core
