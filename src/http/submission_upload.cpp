#include "http/submission_upload.hpp"

#include <cstdio>
#include <cstdlib>

#include "http/portal.hpp"
#include "service/catalogue.hpp"
#include "service/reference_validation.hpp"
#include "service/submit_json.hpp"

namespace did::http {
namespace {

// The JSON is written through a FILE* (the command line's stream); here, into memory.
std::string Captured(const std::function<void(report::OutputStream&)>& write) {
    char* data = nullptr;
    size_t size = 0;
    std::FILE* memory = ::open_memstream(&data, &size);
    if (memory == nullptr) return "{}";
    {
        report::OutputStream out(memory);
        write(out);
        (void)out.Flush();
    }
    std::fclose(memory);
    std::string text(data, size);
    std::free(data);  // NOLINT(cppcoreguidelines-no-malloc): open_memstream's buffer
    return text;
}

}  // namespace

int SubmitStatus(service::SubmitResult result) {
    switch (result) {
        case service::SubmitResult::kStored:
            return 201;
        case service::SubmitResult::kNoAcceptedRecords:
            return 422;
        case service::SubmitResult::kFileRejected:
            return 400;
        case service::SubmitResult::kHeldBack:
            return 409;
        case service::SubmitResult::kAlreadyReceived:
            return 200;
        case service::SubmitResult::kRefused:
            return 403;
        case service::SubmitResult::kDryRun:
            return 200;
    }
    return 500;
}

core::Result<UploadResult> SubmitUpload(Context& context, const std::string& path, const UploadRequest& upload) {
    auto catalogue = service::LoadCatalogue(context.store);
    if (!catalogue) return core::Fail(catalogue.error());
    const report::ReferenceDataUsed reference = service::DatabaseReferenceData(context.store, *catalogue);

    service::SubmitRequest request;
    request.provider = upload.provider;
    request.period = upload.period;
    request.path = path;
    request.file_name = upload.file_name;
    request.actor = context.Actor();
    request.dry_run = upload.dry_run;
    request.confirm_drop = upload.confirm_drop;
    request.prep_minutes = upload.prep_minutes;
    request.comment = upload.comment;
    request.max_bytes = context.portal.options().limits.upload_bytes;
    request.spool_directory = context.portal.options().spool_directory;
    request.pipeline.progress = upload.progress;
    auto outcome = service::Submit(context.store, *catalogue->catalogue, request);
    if (!outcome) return core::Fail(outcome.error());
    UploadResult result;
    result.json =
        Captured([&](report::OutputStream& out) { service::WriteSubmitJson(request, *outcome, reference, out); });
    result.outcome = std::move(*outcome);
    return result;
}

}  // namespace did::http
