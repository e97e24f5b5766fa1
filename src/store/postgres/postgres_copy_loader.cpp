#include "store/postgres/postgres_copy_loader.hpp"

#include "store/postgres/libpq.hpp"

#include <bit>
#include <charconv>
#include <cstring>
#include <limits>

namespace did::store {
namespace {

// Network byte order, as the binary format wants.
template <typename T>
void AppendBigEndian(std::string& out, T value) {
    auto bits = static_cast<std::make_unsigned_t<T>>(value);
    if constexpr (std::endian::native == std::endian::little) bits = std::byteswap(bits);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &bits, sizeof(T));
    out.append(bytes, sizeof(T));
}

class PostgresCopyLoader final : public BulkLoader {
  public:
    PostgresCopyLoader(PGconn* conn, std::vector<std::string> columns, std::vector<CopyColumn> encodings)
        : conn_(conn), columns_(std::move(columns)), encodings_(std::move(encodings)) {
        buffer_.reserve(kFlushAt + 4096);
        static constexpr char kSignature[] = "PGCOPY\n\377\r\n";  // and its terminating zero byte
        buffer_.append(kSignature, sizeof kSignature);
        AppendBigEndian<int32_t>(buffer_, 0);  // flags: no OIDs
        AppendBigEndian<int32_t>(buffer_, 0);  // no header extension
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
        AppendBigEndian<int16_t>(buffer_, static_cast<int16_t>(row.size()));
        for (size_t i = 0; i < row.size(); ++i) {
            if (auto status = AppendValue(i, row[i]); !status) return status;
        }
        return buffer_.size() >= kFlushAt ? Flush() : core::Status{};
    }

    core::Status Finish() override {
        AppendBigEndian<int16_t>(buffer_, -1);  // the trailer
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

    core::Status AppendValue(size_t column, const BulkValue& value) {
        if (std::holds_alternative<std::monostate>(value)) {
            AppendBigEndian<int32_t>(buffer_, -1);
            return {};
        }
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
            AppendBigEndian<int32_t>(buffer_, static_cast<int32_t>(text.size()));
            buffer_.append(text);
            return {};
        }
        int64_t number = 0;
        if (const auto* n = std::get_if<int64_t>(&value)) {
            number = *n;
        } else {
            const auto text = std::get<std::string_view>(value);
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
            if (error != std::errc() || end != text.data() + text.size()) return OutOfRange(column, text);
        }
        switch (encoding) {
            case CopyColumn::kInt2:
                if (number < std::numeric_limits<int16_t>::min() || number > std::numeric_limits<int16_t>::max())
                    return OutOfRange(column, std::to_string(number));
                AppendBigEndian<int32_t>(buffer_, 2);
                AppendBigEndian(buffer_, static_cast<int16_t>(number));
                break;
            case CopyColumn::kInt4:
                if (number < std::numeric_limits<int32_t>::min() || number > std::numeric_limits<int32_t>::max())
                    return OutOfRange(column, std::to_string(number));
                AppendBigEndian<int32_t>(buffer_, 4);
                AppendBigEndian(buffer_, static_cast<int32_t>(number));
                break;
            default:
                AppendBigEndian<int32_t>(buffer_, 8);
                AppendBigEndian(buffer_, number);
        }
        return {};
    }

    core::Status OutOfRange(size_t column, std::string_view value) const {
        return core::Fail(
            core::Error::InvalidArgument("'" + std::string(value) + "' does not fit column " + columns_[column]));
    }

    core::Status Flush() {
        if (buffer_.empty()) return {};
        if (Pq().putCopyData(conn_, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
            return core::Fail(core::Error::IoError("COPY: " + ErrorMessage(conn_)));
        }
        buffer_.clear();
        return {};
    }

    PGconn* conn_;
    std::vector<std::string> columns_;
    std::vector<CopyColumn> encodings_;
    std::string buffer_;
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
