// PostcodeDirectory: the set of postcodes in the ONS Postcode Directory, held as sorted
// 8-byte keys (about 22 MB for the 2.7 million of the full directory) so that validation can
// load it whole and look a postcode up without a database round trip. Read-only once built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace did::refdata {

class PostcodeDirectory {
  public:
    // From a list of postcodes in any spacing; duplicates are dropped.
    static PostcodeDirectory FromPostcodes(std::vector<uint64_t> keys);
    // The compact form (little-endian keys), as stored in the database.
    static core::Result<PostcodeDirectory> FromBytes(std::string_view bytes);
    std::string ToBytes() const;

    // `postcode` must already be in a UK postcode format; any spacing.
    bool Contains(std::string_view postcode) const;
    size_t size() const { return keys_.size(); }
    bool empty() const { return keys_.empty(); }

    // The key of a well-formed postcode: its one-space form packed into eight bytes.
    static uint64_t KeyOf(std::string_view postcode);

  private:
    std::vector<uint64_t> keys_;  // sorted, unique
};

}  // namespace did::refdata
