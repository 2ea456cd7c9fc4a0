#include "cli/progress.h"

#include <cstdio>

#include "cli/inputs.h"

namespace tiqu {
namespace {

std::string Duration(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  }
  return buf;
}

}  // namespace

ProgressBar::ProgressBar(const std::vector<std::string>& inputs)
    : started_(std::chrono::steady_clock::now()), last_draw_(started_) {
  sizer_ = std::thread([this, inputs] { total_bytes_.store(InputReader::TotalBytes(inputs)); });
}

ProgressBar::~ProgressBar() {
  // Sizing cannot be interrupted; it only stats files, so waiting is short.
  if (sizer_.joinable()) sizer_.join();
}

std::string ProgressBar::Format(size_t documents, size_t bytes, size_t facts, double seconds,
                                size_t total_bytes) {
  double mb = bytes / 1e6;
  double rate = seconds > 0 ? mb / seconds : 0;
  char buf[160];
  int n = std::snprintf(buf, sizeof buf, "%zu docs  %.1f MB  %.1f MB/s  %zu facts", documents, mb, rate, facts);
  std::string line(buf, static_cast<size_t>(n));
  if (total_bytes > 0 && bytes <= total_bytes) {
    double fraction = static_cast<double>(bytes) / static_cast<double>(total_bytes);
    std::snprintf(buf, sizeof buf, "  %3.0f%%", fraction * 100);
    line += buf;
    if (rate > 0 && bytes < total_bytes) {
      line += "  ETA " + Duration((total_bytes - bytes) / 1e6 / rate);
    }
  }
  return line;
}

void ProgressBar::Draw(size_t documents, size_t bytes, size_t facts) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string line = Format(documents, bytes, facts, seconds, total_bytes_.load());
  // \r returns to the line start, ESC[K clears what a longer line left.
  std::fprintf(stderr, "\r%s\x1b[K", line.c_str());
  std::fflush(stderr);
}

void ProgressBar::Update(size_t documents, size_t bytes, size_t facts) {
  auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(200)) return;
  last_draw_ = now;
  Draw(documents, bytes, facts);
}

void ProgressBar::Finish(size_t documents, size_t bytes, size_t facts) {
  if (finished_) return;
  finished_ = true;
  Draw(documents, bytes, facts);
  std::fputc('\n', stderr);
}

}  // namespace tiqu
