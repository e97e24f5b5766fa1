// RecordBuilder: the DID structure of an XML submission, as a state machine driven by a
// parser's events (an element starts, text, an element ends). It checks that every element
// is where the structure puts it (DIDS076 otherwise), keeps the items of the DIDSRecord being
// read, and when a DIDSRecord closes hands each of its ImagingActivity elements to the
// ChunkValidator as one record of eighteen fields: the same checks, counts and keys as a CSV
// line. One per worker thread.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

#include "core/field.hpp"
#include "ingest/xml/elements.hpp"
#include "validate/chunk_validator.hpp"

namespace did::ingest::xml {

// No DID item comes near this; a longer text is a file error, so an element cannot make the
// reader hold an unbounded amount of memory.
inline constexpr size_t kMaxItemBytes = 4096;

// DIDS > DIDSRecord > group > item: any element deeper than an item is already refused, so
// the depth the reader ever keeps is bounded by this.
inline constexpr size_t kMaxDepth = 4;

class RecordBuilder {
  public:
    RecordBuilder(const validate::RecordValidator& validator, bool keep_accepted)
        : validator_(validator, keep_accepted) {}

    // Starts a chunk: records go to `out`, which is cleared.
    void Begin(validate::ChunkResult& out, bool structure_only);

    // The events. Each returns false when the file breaks the structure; error() then says
    // how. `line` is chunk-relative, as in a ChunkResult.
    bool Start(std::string_view name, bool has_attributes, uint64_t line);
    // The same for an element of the structure already looked up, without attributes.
    bool Start(const ElementInfo& info, std::string_view name, uint64_t line);
    bool Text(std::string_view text);
    // An item's whole text, checked by the caller: no control character but the tabs or LFs it
    // says it has, and it stays where it is until the chunk ends, so it is kept as a view.
    bool Text(std::string_view text, bool has_control);
    bool End();

    // Elements open: 0 outside the root, 1 inside DIDS, 2 inside a DIDSRecord, …
    size_t depth() const { return depth_; }
    // True just after the End() that closed a DIDSRecord (a record boundary).
    bool closed_record() const { return closed_record_; }
    const std::string& error() const { return error_; }

  private:
    struct Activity {
        uint64_t line = 0;
        std::array<std::string, 6> values;      // text that came in pieces
        std::array<uint64_t, 6> lines{};        // each item element's line + 1; 0 when not sent
        std::array<std::string_view, 6> views;  // each value: into `values`, or into the chunk
    };

    bool Fail(std::string message);
    bool StartGroup(const ElementInfo& info, std::string_view name, uint64_t line);
    bool StartItem(const ElementInfo& info, std::string_view name, uint64_t line);
    void EmitRecords();
    // Gives the findings of the record just validated (from `first`) their item element's line.
    void PlaceFindings(size_t first, const Activity& activity) const;

    validate::ChunkValidator validator_;
    validate::ChunkResult* out_ = nullptr;
    std::array<Element, kMaxDepth + 1> open_{};
    size_t depth_ = 0;
    bool closed_record_ = false;
    std::string error_;

    // The DIDSRecord being read.
    bool has_demographics_ = false;
    bool has_referrals_ = false;
    size_t activities_ = 0;
    std::deque<Activity> activity_;          // a deque: growing it moves no value a view points into;         // [0,
                                             // activities_) in use; kept for their buffers
    std::array<std::string, 12> patient_{};  // the patient's and the referral's items
    std::array<std::string_view, 12> patient_views_{};
    std::array<uint64_t, 12> patient_lines_{};  // as Activity::lines
    uint32_t seen_items_ = 0;                   // bit per field, in the group being read
    bool may_hold_control_ = false;
    std::string* item_ = nullptr;            // where the open item's text goes when it comes in pieces
    std::string_view* item_view_ = nullptr;  // the open item's value
    core::Field open_item_ = core::Field::kNhsNumber;
    std::array<std::string_view, core::kFieldCount> fields_{};
};

}  // namespace did::ingest::xml
