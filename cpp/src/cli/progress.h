// A one-line progress bar for `tiqu extract` on a terminal: documents, MB,
// MB/s, facts and, once the size of the inputs is known, percent and ETA.
#ifndef TIQU_CLI_PROGRESS_H_
#define TIQU_CLI_PROGRESS_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

namespace tiqu {

class ProgressBar {
 public:
  // Sizes the inputs on a background thread, so a big corpus starts at once.
  explicit ProgressBar(const std::vector<std::string>& inputs);
  ~ProgressBar();

  // Redraws at most a few times a second.
  void Update(size_t documents, size_t bytes, size_t facts);
  // Draws the final state and ends the line.
  void Finish(size_t documents, size_t bytes, size_t facts);

  // The line Update would draw; exposed for tests.
  static std::string Format(size_t documents, size_t bytes, size_t facts, double seconds, size_t total_bytes);

 private:
  void Draw(size_t documents, size_t bytes, size_t facts);

  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_draw_;
  std::atomic<size_t> total_bytes_{0};
  std::thread sizer_;
  bool finished_ = false;
};

}  // namespace tiqu

#endif  // TIQU_CLI_PROGRESS_H_
