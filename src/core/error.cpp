#include "core/error.hpp"

namespace did::core {

std::string_view ErrorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return "invalid argument";
        case ErrorCode::kNotFound:
            return "not found";
        case ErrorCode::kConflict:
            return "conflict";
        case ErrorCode::kIoError:
            return "I/O error";
        case ErrorCode::kCorruption:
            return "corruption";
        case ErrorCode::kPermissionDenied:
            return "permission denied";
        case ErrorCode::kInternal:
            return "internal error";
    }
    return "unknown error";
}

}  // namespace did::core
