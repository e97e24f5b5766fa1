// The JSON answer to a submission, as `did submit --format json` prints it and the API's PUT
// answers: the result, the message, the submission and the one it superseded, the receipt, a
// dry run's diff, and the whole validation report (docs/command-line.md).
#pragma once

#include "report/output_stream.hpp"
#include "report/reference_data_used.hpp"
#include "service/submission.hpp"

namespace did::service {

void WriteSubmitJson(const SubmitRequest& request, const SubmitOutcome& outcome,
                     const report::ReferenceDataUsed& reference, report::OutputStream& out);

}  // namespace did::service
