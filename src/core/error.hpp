// Error and Result<T>: how every fallible call in DID Collect reports failure.
// Expected failures are values (std::expected), never exceptions; validation findings
// are not errors at all but data in a report. Plain values: safe to copy between threads.
#pragma once

#include <expected>
#include <string>
#include <string_view>

namespace did::core {

enum class ErrorCode {
    kInvalidArgument,
    kNotFound,
    kConflict,
    kIoError,
    kCorruption,
    kPermissionDenied,
    kInternal,
};

std::string_view ErrorCodeName(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::kInternal;
    std::string message;

    static Error InvalidArgument(std::string message) { return {ErrorCode::kInvalidArgument, std::move(message)}; }
    static Error NotFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
    static Error Conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }
    static Error IoError(std::string message) { return {ErrorCode::kIoError, std::move(message)}; }
    static Error Corruption(std::string message) { return {ErrorCode::kCorruption, std::move(message)}; }
    static Error PermissionDenied(std::string message) { return {ErrorCode::kPermissionDenied, std::move(message)}; }
    static Error Internal(std::string message) { return {ErrorCode::kInternal, std::move(message)}; }
};

template <class T>
using Result = std::expected<T, Error>;

// Result<void> reads oddly at call sites; Status says what it is.
using Status = std::expected<void, Error>;

inline std::unexpected<Error> Fail(Error error) {
    return std::unexpected<Error>(std::move(error));
}

}  // namespace did::core
