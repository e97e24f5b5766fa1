// UK postcode format: outward code (A9, A99, AA9, AA99, A9A, AA9A), optional spaces, inward
// code (9AA), upper case as sent, at most 8 characters, with the letters each position may hold
// (the first never Q, V or X; the inward code's never C, I, K, M, O or V; …). Pure functions,
// table lookups only: DIDS017 runs on every record.
#pragma once

#include <string>
#include <string_view>

namespace did::core {

// The shape and the letters by position (DIDS017). GIR 0AA passes; so do the NHS's ZZ99
// pseudo-postcodes (no fixed abode, address not known, abroad), whose letters break the rules
// by design: the Data Dictionary asks for them, so they are checked for shape alone.
bool IsPostcodeFormat(std::string_view text);

// The shape alone, any letter in any position: for the ONS Postcode Directory, which is the
// authority on what postcodes exist, so that one row our letter rules disagree with does not
// refuse the whole national file.
bool IsPostcodeShape(std::string_view text);

// Why text of the right shape fails IsPostcodeFormat ("the first letter is never Q, V or X");
// empty when it passes or is not of the shape. For the finding's message, off the fast path.
std::string_view PostcodeLetterFault(std::string_view text);

// One space between outward and inward code ("LS14AP" and "LS1  4AP" become "LS1 4AP"):
// the form the ONS Postcode Directory's `pcds` column uses. Only for text that IsPostcodeShape.
std::string NormalisePostcode(std::string_view text);

// The outward code ("LS1") and the area, its leading letters ("LS"): the geography of last
// resort when no postcode directory is loaded. Only for text that IsPostcodeShape.
std::string_view PostcodeDistrict(std::string_view text);
std::string_view PostcodeArea(std::string_view text);

}  // namespace did::core
