#include "tiqu/status.h"

namespace tiqu {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case StatusCode::kRuleError: return "RULE_ERROR";
    case StatusCode::kIoError: return "IO_ERROR";
    case StatusCode::kDataLoss: return "DATA_LOSS";
    case StatusCode::kResourceExhausted: return "RESOURCE_EXHAUSTED";
    case StatusCode::kNotFound: return "NOT_FOUND";
    case StatusCode::kInternal: return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out;
  if (!location_.file.empty()) {
    out += location_.file;
    if (location_.line > 0) out += ":" + std::to_string(location_.line);
    if (location_.column > 0) out += ":" + std::to_string(location_.column);
    out += ": ";
  }
  if (!location_.rule_id.empty() && message_.find("'" + location_.rule_id + "'") == std::string::npos) {
    out += "rule '" + location_.rule_id + "': ";
  }
  return out + message_;
}

}  // namespace tiqu
