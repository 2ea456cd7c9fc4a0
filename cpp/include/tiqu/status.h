// tiqu's error type. The C++ API never throws: operations that can fail return
// a Status, or a StatusOr<T> holding either a value or the error.
//
//   tiqu::StatusOr<tiqu::Extractor> ex = tiqu::Extractor::Create(options);
//   if (!ex.ok()) { std::cerr << ex.status().ToString() << "\n"; return 1; }
//   tiqu::v1::Document doc = ex->Extract(text);
#ifndef TIQU_STATUS_H_
#define TIQU_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace tiqu {

enum class StatusCode {
  kOk = 0,
  // The caller passed something malformed (a bad date, an unknown option).
  kInvalidArgument,
  // A rule file could not be loaded: syntax, pattern, field, example.
  kRuleError,
  // A file or stream could not be read or written.
  kIoError,
  // Input data is damaged (a truncated or corrupt .binpb).
  kDataLoss,
  // A size or memory limit was exceeded.
  kResourceExhausted,
  kNotFound,
  kInternal,
};

const char* StatusCodeName(StatusCode code);

// Where in a rule file an error is; empty fields are unknown.
struct ErrorLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown.
  int column = 0;  // 1-based; 0 when unknown.
  std::string rule_id;
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, ErrorLocation location = {})
      : code_(code), message_(std::move(message)), location_(std::move(location)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const ErrorLocation& location() const { return location_; }

  // "file:line:column: rule 'id': message", omitting what is unknown.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  ErrorLocation location_;
};

inline Status InvalidArgumentError(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status IoError(std::string message) { return Status(StatusCode::kIoError, std::move(message)); }
inline Status InternalError(std::string message) {
  return Status(StatusCode::kInternal, std::move(message));
}

// Either a T or a non-OK Status.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : storage_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : storage_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(storage_).ok() && "StatusOr needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(storage_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(storage_);
  }

  const T& value() const& { return std::get<T>(storage_); }
  T& value() & { return std::get<T>(storage_); }
  T&& value() && { return std::get<T>(std::move(storage_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> storage_;
};

}  // namespace tiqu

// Returns early from a function returning Status or StatusOr.
#define TIQU_RETURN_IF_ERROR(expr)          \
  do {                                      \
    ::tiqu::Status tiqu_status_ = (expr);   \
    if (!tiqu_status_.ok()) return tiqu_status_; \
  } while (0)

#endif  // TIQU_STATUS_H_
