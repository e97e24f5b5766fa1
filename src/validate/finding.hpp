// Finding: one thing wrong with one record (or with the file), as data. Findings are
// never exceptions: a file can hold millions of them and every one reaches the submitter.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "validate/rule_id.hpp"

namespace did::validate {

// Where a record's examination is found in the RIS: its site code and accession number as
// sent (trimmed, control characters written visibly as in Finding::value), each empty when
// the record has none. Made once per record that has findings and shared by all of them, so
// that a file with millions of findings does not copy the two values into each one. Both are
// kept in the object itself when they fit, as they do in a real file (a site code has five
// characters, an accession number at most twenty): one allocation per record.
class FindingPlace {
  public:
    FindingPlace(std::string_view site_code, std::string_view accession_number)
        : site_size_(static_cast<uint32_t>(site_code.size())),
          accession_size_(static_cast<uint32_t>(accession_number.size())) {
        char* to = inline_.data();
        if (site_code.size() + accession_number.size() > inline_.size()) {
            heap_ = std::make_unique<char[]>(site_code.size() + accession_number.size());
            to = heap_.get();
        }
        site_code.copy(to, site_code.size());
        accession_number.copy(to + site_code.size(), accession_number.size());
    }

    std::string_view site_code() const { return {data(), site_size_}; }
    std::string_view accession_number() const { return {data() + site_size_, accession_size_}; }

  private:
    const char* data() const { return heap_ ? heap_.get() : inline_.data(); }

    uint32_t site_size_;
    uint32_t accession_size_;
    std::array<char, 40> inline_;
    std::unique_ptr<char[]> heap_;  // when the two do not fit in inline_
};

struct Finding {
    Finding() = default;
    // A file-level finding leaves out `place`.
    Finding(uint64_t line_number, RuleId rule_id, Severity applied, std::string field_value, std::string text,
            std::shared_ptr<const FindingPlace> record_place = nullptr)
        : line(line_number),
          rule(rule_id),
          severity(applied),
          value(std::move(field_value)),
          message(std::move(text)),
          place(std::move(record_place)) {}

    uint64_t line = 0;  // physical line on which the record starts (the header is line 1)
    RuleId rule = RuleId::kDids075;
    Severity severity = Severity::kReject;      // as it applied to this file's submission date
    std::string value;                          // the field as sent (trimmed), or empty
    std::string message;                        // specific: says what was found and what was expected
    std::shared_ptr<const FindingPlace> place;  // the record's; null for a file-level finding
    // XML: the line of the item element the finding is about, when it is not `line` (the
    // ImagingActivity's); chunk-relative until the chunk is merged, which says it in `message`.
    std::optional<uint64_t> element_line;

    // Empty (and never a null pointer, which a database would take as NULL) without a place.
    std::string_view site_code() const { return place ? place->site_code() : std::string_view(""); }
    std::string_view accession_number() const { return place ? place->accession_number() : std::string_view(""); }
};

}  // namespace did::validate
