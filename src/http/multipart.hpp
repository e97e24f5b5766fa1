// Reading a multipart/form-data upload (the submit page's form without JavaScript) from its
// spooled body: the small fields into memory, each within a limit, and the one file part
// copied on into a file of its own as it is read, never held whole. A body that is not
// well-formed multipart is an error naming what is wrong.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "http/upload_file.hpp"

namespace did::http {

struct MultipartForm {
    std::map<std::string, std::string> fields;
    std::string file_field;  // the file part's name, "" when there was none
    std::string file_name;   // as the browser sent it, without any folder
    std::unique_ptr<UploadFile> file;
};

core::Result<MultipartForm> ReadMultipart(const std::string& body_path, const std::string& content_type,
                                          const std::string& spool_directory, size_t field_limit = size_t{64} * 1024);

// The boundary of a multipart/form-data content type, or "" when it is not one.
std::string MultipartBoundary(const std::string& content_type);

// Whether the body claims to be multipart (of any kind, with a boundary or not): such a body
// is read as a form or refused as a malformed one, never taken for the file itself.
bool IsMultipart(const std::string& content_type);

}  // namespace did::http
