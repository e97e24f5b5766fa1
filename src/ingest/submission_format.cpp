#include "ingest/submission_format.hpp"

#include "ingest/xml/pipeline.hpp"

namespace did::ingest {

SubmissionFormat DetectFormat(std::string_view head) {
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    const size_t first = head.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && head[first] == '<' ? SubmissionFormat::kXml : SubmissionFormat::kCsv;
}

core::Result<validate::ValidationReport> ValidateSubmission(ByteSource& source,
                                                            const validate::ValidationContext& context,
                                                            const PipelineOptions& options,
                                                            validate::AcceptedSink* sink) {
    auto reader = WindowReader::For(source, options.window_bytes);
    auto head = reader->Fill();  // the pipeline's first Fill returns the same window
    if (!head) return core::Fail(head.error());
    if (DetectFormat(*head) == SubmissionFormat::kXml) {
        return ValidateXml(source, std::move(reader), context, options, sink);
    }
    return ValidateCsv(source, std::move(reader), context, options, sink);
}

}  // namespace did::ingest
