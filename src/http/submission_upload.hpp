// Submitting an uploaded file, for the API's PUT and the portal's upload form alike: the same
// service::Submit the command line calls, with the spooled upload as the file, the signed-in
// user or token as the actor, and the validation's progress passed on as it goes.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "core/period.hpp"
#include "http/context.hpp"
#include "service/submission.hpp"

namespace did::http {

struct UploadRequest {
    std::string provider;
    core::Period period = core::Period::Of(core::Date::Today());
    std::string file_name;
    bool dry_run = false;
    bool confirm_drop = false;
    std::optional<int64_t> prep_minutes;
    std::string comment;
    std::function<void(uint64_t bytes_done)> progress;
};

struct UploadResult {
    service::SubmitOutcome outcome;
    std::string json;  // as `did submit --format json` prints it
};

core::Result<UploadResult> SubmitUpload(Context& context, const std::string& path, const UploadRequest& upload);

// The HTTP status for each outcome, so a RIS can act on the status alone.
int SubmitStatus(service::SubmitResult result);

}  // namespace did::http
