// Per-rule costs, for `tiqu rules profile`: how long each rule's scans take
// and how much of its matching survives. The engine fills a RuleProfile only
// when it is given one; without it, it reads no clock.
#ifndef TIQU_EXTRACT_RULE_PROFILE_H_
#define TIQU_EXTRACT_RULE_PROFILE_H_

#include <chrono>
#include <cstdint>
#include <vector>

namespace tiqu {

struct RuleProfile {
  struct RuleCounts {
    double scan_seconds = 0;
    uint64_t scans = 0;    // sentences scanned (documents, for document-scope rules)
    uint64_t matches = 0;  // matches of the pattern
    uint64_t kept = 0;     // candidates left after the context checks and the normalizers
  };
  std::vector<RuleCounts> rules;  // indexed like CompiledRules::rules()
  // The RE2::Set that picks the rules to run per sentence (and per document).
  double prefilter_seconds = 0;
};

// Adds the time of its scope to `*seconds`; does nothing for nullptr.
class ScopedProfileTimer {
 public:
  explicit ScopedProfileTimer(double* seconds) : seconds_(seconds) {
    if (seconds_ != nullptr) started_ = std::chrono::steady_clock::now();
  }
  ~ScopedProfileTimer() {
    if (seconds_ != nullptr) {
      *seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    }
  }
  ScopedProfileTimer(const ScopedProfileTimer&) = delete;
  ScopedProfileTimer& operator=(const ScopedProfileTimer&) = delete;

 private:
  double* seconds_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace tiqu

#endif  // TIQU_EXTRACT_RULE_PROFILE_H_
