// The DID XML structure written out (`did generate --format xml`): one DIDSRecord per record,
// holding its patient's items, its referral's items and one ImagingActivity, one element a
// line, empty items left out. Pure functions over a string being built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "synth/synth_record.hpp"

namespace did::synth {

// The XML declaration and the root's start tag; the root's end tag.
std::string_view XmlFileStart();
std::string_view XmlFileEnd();

// Appends `record` as a DIDSRecord, each line ended by `eol`. Returns the lines written, and
// sets `activity_line` to the line (counted from 0 at the DIDSRecord) of its ImagingActivity.
uint64_t AppendXmlRecord(std::string& out, const SynthRecord& record, std::string_view eol, uint64_t& activity_line);

}  // namespace did::synth
