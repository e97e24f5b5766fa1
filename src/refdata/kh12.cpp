#include "refdata/kh12.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>

#include "core/checked_csv.hpp"
#include "refdata/ods_file.hpp"

namespace did::refdata {
namespace {

bool IsFinancialYear(std::string_view year) {
    int start = 0;
    int end = 0;
    return year.size() == 7 && year[4] == '-' &&
           std::from_chars(year.data(), year.data() + 4, start).ec == std::errc() &&
           std::from_chars(year.data() + 5, year.data() + 7, end).ec == std::errc() && (start + 1) % 100 == end;
}

}  // namespace

std::string_view Kh12CategoryOf(std::string_view published_modality) {
    if (published_modality == "Plain Radiography") return kKh12Categories[0];
    if (published_modality == "Nuclear Medicine Procedure" || published_modality == "Positron Emission Tomography" ||
        published_modality == "Single Photon Emission Computerized Tomography") {
        return kKh12Categories[1];
    }
    if (published_modality == "Diagnostic Ultrasonography") return kKh12Categories[2];
    if (published_modality == "Computerized Axial Tomography") return kKh12Categories[3];
    if (published_modality == "Magnetic Resonance Imaging") return kKh12Categories[4];
    if (published_modality == "Fluoroscopy") return kKh12Categories[5];
    return {};
}

core::Result<std::vector<Kh12Return>> ParseKh12Returns(std::string_view csv) {
    std::vector<Kh12Return> returns;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    auto header = [](const core::CsvRow& row) -> std::string {
        if (row.columns == 4 && row.fields[0] == "year" && row.fields[1] == "provider" && row.fields[2] == "category" &&
            row.fields[3] == "examinations") {
            return {};
        }
        return "the header must be year,provider,category,examinations";
    };
    auto each = [&](const core::CsvRow& row) -> std::string {
        if (row.columns != 4) return fmt::format("{} columns; a row has 4", row.columns);
        Kh12Return r{std::string(row.fields[0]), std::string(row.fields[1]), std::string(row.fields[2]), 0};
        if (!IsFinancialYear(r.year)) return fmt::format("'{}' is not a financial year (2025-26)", r.year);
        if (!IsOdsCode(r.provider)) return fmt::format("'{}' is not an ODS code", r.provider);
        if (std::find(kKh12Categories.begin(), kKh12Categories.end(), r.category) == kKh12Categories.end()) {
            return fmt::format("'{}' is not a KH12 category (X-ray, Radio-isotopes, Ultrasound, CT, MRI, Fluoroscopy)",
                               r.category);
        }
        const std::string_view count = row.fields[3];
        if (count.empty() ||
            std::from_chars(count.data(), count.data() + count.size(), r.examinations).ec != std::errc() ||
            r.examinations < 0) {
            return fmt::format("'{}' is not a count of examinations", count);
        }
        if (!seen.insert({r.year, r.provider, r.category}).second) {
            return fmt::format("{} {} {} is given twice", r.provider, r.year, r.category);
        }
        returns.push_back(std::move(r));
        return {};
    };
    if (auto read = core::ReadCheckedCsv(csv, 8, header, each); !read) return core::Fail(read.error());
    return returns;
}

}  // namespace did::refdata
