#include "store/postgres/postgres_copy_loader.hpp"

#include "store/postgres/libpq.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>
#include <limits>

namespace did::store {
namespace {

// Writes `value` in network byte order, as the binary format wants; returns the byte after.
template <typename T>
char* PutBigEndian(char* out, T value) {
    auto bits = static_cast<std::make_unsigned_t<T>>(value);
    if constexpr (std::endian::native == std::endian::little) bits = std::byteswap(bits);
    std::memcpy(out, &bits, sizeof(T));
    return out + sizeof(T);
}

class PostgresCopyLoader final : public BulkLoader {
  public:
    PostgresCopyLoader(PGconn* conn, std::vector<std::string> columns, std::vector<CopyColumn> encodings)
        : conn_(conn), columns_(std::move(columns)), encodings_(std::move(encodings)), buffer_(kFlushAt) {
        static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // and its terminating zero byte
        std::memcpy(buffer_.data(), kSignature, sizeof kSignature);
        used_ = sizeof kSignature;
        used_ = static_cast<size_t>(PutBigEndian<int32_t>(buffer_.data() + used_, 0) - buffer_.data());  // no OIDs
        used_ = static_cast<size_t>(PutBigEndian<int32_t>(buffer_.data() + used_, 0) - buffer_.data());  // no extension
    }

    ~PostgresCopyLoader() override {
        if (finished_) return;
        Pq().putCopyEnd(conn_, "abandoned");
        while (PGresult* r = Pq().getResult(conn_)) Pq().clear(r);
    }

    core::Status Add(const BulkRow& row) override {
        if (row.size() != encodings_.size()) {
            return core::Fail(core::Error::Internal("a row of " + std::to_string(row.size()) + " values for " +
                                                    std::to_string(encodings_.size()) + " columns"));
        }
        // The row is written straight into the buffer, which is first made sure to hold it:
        // appending a few bytes at a time to a string was a tenth of a submission's own CPU.
        size_t most = 2;
        for (const BulkValue& value : row) {
            const auto* text = std::get_if<std::string_view>(&value);
            most += 4 + (text != nullptr ? std::max(text->size(), sizeof(int64_t)) : 24);
        }
        if (used_ + most > buffer_.size()) {
            if (auto status = Flush(); !status) return status;
            if (most > buffer_.size()) buffer_.resize(most);
        }
        char* out = PutBigEndian(buffer_.data() + used_, static_cast<int16_t>(row.size()));
        for (size_t i = 0; i < row.size(); ++i) {
            auto written = PutValue(out, i, row[i]);
            if (!written) return core::Fail(written.error());
            out = *written;
        }
        used_ = static_cast<size_t>(out - buffer_.data());
        return {};
    }

    core::Status Finish() override {
        if (used_ + 2 > buffer_.size()) {
            if (auto status = Flush(); !status) return status;
        }
        used_ = static_cast<size_t>(PutBigEndian<int16_t>(buffer_.data() + used_, -1) - buffer_.data());  // trailer
        if (auto status = Flush(); !status) return status;
        finished_ = true;
        if (Pq().putCopyEnd(conn_, nullptr) != 1)
            return core::Fail(core::Error::IoError("COPY: " + ErrorMessage(conn_)));
        PGresult* result = Pq().getResult(conn_);
        const bool ok = Pq().resultStatus(result) == PGRES_COMMAND_OK;
        std::string why = ok ? "" : Pq().resultErrorMessage(result);
        Pq().clear(result);
        while (PGresult* r = Pq().getResult(conn_)) Pq().clear(r);
        if (!ok) return core::Fail(core::Error::IoError("COPY: " + why));
        return {};
    }

  private:
    static constexpr size_t kFlushAt = size_t{1} << 20;

    // Writes one value at `out` (the caller made room); returns the byte after it.
    core::Result<char*> PutValue(char* out, size_t column, const BulkValue& value) {
        if (std::holds_alternative<std::monostate>(value)) return PutBigEndian<int32_t>(out, -1);
        const CopyColumn encoding = encodings_[column];
        if (encoding == CopyColumn::kText) {
            char digits[24];
            std::string_view text;
            if (const auto* t = std::get_if<std::string_view>(&value)) {
                text = *t;
            } else {
                text = std::string_view(digits,
                                        std::to_chars(digits, digits + sizeof digits, std::get<int64_t>(value)).ptr);
            }
            out = PutBigEndian<int32_t>(out, static_cast<int32_t>(text.size()));
            std::memcpy(out, text.data(), text.size());
            return out + text.size();
        }
        int64_t number = 0;
        if (const auto* n = std::get_if<int64_t>(&value)) {
            number = *n;
        } else {
            const auto text = std::get<std::string_view>(value);
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (error != std::errc() || end != text.data() + text.size()) return core::Fail(OutOfRange(column, text));
        }
        switch (encoding) {
            case CopyColumn::kInt2:
                if (number < std::numeric_limits<int16_t>::min() || number > std::numeric_limits<int16_t>::max())
                    return core::Fail(OutOfRange(column, std::to_string(number)));
                out = PutBigEndian<int32_t>(out, 2);
                return PutBigEndian(out, static_cast<int16_t>(number));
            case CopyColumn::kInt4:
                if (number < std::numeric_limits<int32_t>::min() || number > std::numeric_limits<int32_t>::max())
                    return core::Fail(OutOfRange(column, std::to_string(number)));
                out = PutBigEndian<int32_t>(out, 4);
                return PutBigEndian(out, static_cast<int32_t>(number));
            default:
                out = PutBigEndian<int32_t>(out, 8);
                return PutBigEndian(out, number);
        }
    }

    core::Error OutOfRange(size_t column, std::string_view value) const {
        return core::Error::InvalidArgument("'" + std::string(value) + "' does not fit column " + columns_[column]);
    }

    core::Status Flush() {
        if (used_ == 0) return {};
        if (Pq().putCopyData(conn_, buffer_.data(), static_cast<int>(used_)) != 1) {
            return core::Fail(core::Error::IoError("COPY: " + ErrorMessage(conn_)));
        }
        used_ = 0;
        return {};
    }

    PGconn* conn_;
    std::vector<std::string> columns_;
    std::vector<CopyColumn> encodings_;
    std::vector<char> buffer_;  // rows not yet sent: used_ bytes of it
    size_t used_ = 0;
    bool finished_ = false;
};

}  // namespace

std::optional<CopyColumn> CopyColumnFor(std::string_view type_name) {
    if (type_name == "text" || type_name == "varchar" || type_name == "bpchar") return CopyColumn::kText;
    if (type_name == "int2") return CopyColumn::kInt2;
    if (type_name == "int4") return CopyColumn::kInt4;
    if (type_name == "int8") return CopyColumn::kInt8;
    return std::nullopt;
}

core::Result<std::unique_ptr<BulkLoader>> StartCopy(PGconn* conn, std::string_view table,
                                                    const std::vector<std::string>& columns,
                                                    std::vector<CopyColumn> encodings) {
    std::string sql = "COPY " + std::string(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? "," : "") + columns[i];
    sql += ") FROM STDIN (FORMAT binary)";
    PGresult* result = Pq().exec(conn, sql.c_str());
    const bool started = Pq().resultStatus(result) == PGRES_COPY_IN;
    Pq().clear(result);
    if (!started) return core::Fail(core::Error::IoError("PostgreSQL: " + ErrorMessage(conn)));
    return std::unique_ptr<BulkLoader>(new PostgresCopyLoader(conn, columns, std::move(encodings)));
}

}  // namespace did::store
