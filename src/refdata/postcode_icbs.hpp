// PostcodeIcbs: the Integrated Care Board of each postcode that has an English one, from the
// ONS Postcode Directory's `icb` column (an E54 code), for the statistics tables by
// commissioner: the ICB of the patient's postcode where the GP practice gives none. Compact
// (the postcode's eight-byte key and a two-byte index into the ICB codes, 10 bytes a
// postcode), built at the directory's import and kept as a snapshot, loaded only to count a
// file's cube. Built once, then read-only: safe to share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::refdata {

class PostcodeIcbs {
  public:
    // Adds a postcode (well formed, any spacing) and its ICB code; ignored unless the code is an
    // English ICB's (E54…). Then Finish() before use.
    void Add(std::string_view postcode, std::string_view icb);
    // Sorts what was added; fails when there are more ICBs than the index can hold (65,535).
    core::Status Finish();

    // The ICB (E54…) of a well-formed postcode in any spacing; "" when it has none.
    std::string_view Of(std::string_view postcode) const;
    size_t size() const { return keys_.size(); }

    // The compact form kept as a snapshot, and back.
    std::string ToBytes() const;
    static core::Result<PostcodeIcbs> FromBytes(std::string_view bytes);

  private:
    // Apart, not as pairs, so that a postcode costs 10 bytes rather than a padded 16.
    std::vector<uint64_t> keys_;     // sorted once finished
    std::vector<uint16_t> of_key_;   // the ICB of keys_[i], as an index into icbs_
    std::vector<std::string> icbs_;  // index → E54 code
};

}  // namespace did::refdata
