// What the provider's pages show the same way: a month by its name, a stored submission as a
// row (its status an NHS.UK tag in words, never colour alone), the id in a path, and whether
// the user may change things (submitters) or only read (viewers). Pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/period.hpp"
#include "http/context.hpp"
#include "http/principal.hpp"
#include "service/submission_admin.hpp"

namespace did::http {

// "October 2026".
std::string MonthName(core::Period period);

// A whole number from a path or a form (digits only, at most 18); nullopt for anything else.
std::optional<int64_t> ParseWholeNumber(const std::string& text);

// A provider submitter (or the central team, acting for one): may send files and forms.
bool CanSubmit(const Principal& principal);

// {id, url, file_name, submitted_by, submitted_at, received_on, backdated, status, status_class,
//  records, accepted, rejected, warned, superseded_by, superseded_url}
PageData SubmissionView(const store::SubmissionRow& row);

// The submission's page.
std::string SubmissionUrl(const store::SubmissionRow& row);

}  // namespace did::http
