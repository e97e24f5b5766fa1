// Commissioners: who commissioned an examination, as the statistics tables by commissioner
// (7a, 7b, 8) count it: the Integrated Care Board of the patient's GP practice (its ODS code,
// ODS column 4 of the practice), else the ICB of the patient's postcode (its E54 code, from the
// ONS Postcode Directory), else none. The tables join the two kinds of code through the ONS
// ICB names and codes (`did refdata import-icbs`), so that file is not needed to count.
// Read-only once loaded: safe to share between threads.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "refdata/organisation_directory.hpp"
#include "refdata/postcode_icbs.hpp"
#include "store/store.hpp"

namespace did::service {

// Whether the last postcode directory import kept the postcodes' ICBs (one made before the
// commissioner tables existed did not).
core::Result<bool> PostcodeIcbsLoaded(store::Store& store);

class Commissioners {
  public:
    Commissioners() = default;  // knows no commissioner
    Commissioners(const refdata::OrganisationDirectory* organisations, refdata::PostcodeIcbs postcodes)
        : organisations_(organisations), postcodes_(std::move(postcodes)) {}

    // The organisations as given, and the postcodes' ICBs as the last postcode directory
    // import kept them (none before it was imported).
    static core::Result<Commissioners> Load(store::Store& store, const refdata::OrganisationDirectory* organisations);

    // The ICB ODS code of a GP practice; "" when it is not a practice ODS lists with an English
    // ICB (a code starting with Q).
    std::string_view OfPractice(std::string_view practice) const;
    // The ICB E54 code of a postcode; "" when it is not well formed or has no English ICB.
    std::string_view OfPostcode(std::string_view postcode) const;

  private:
    const refdata::OrganisationDirectory* organisations_ = nullptr;
    refdata::PostcodeIcbs postcodes_;
};

}  // namespace did::service
