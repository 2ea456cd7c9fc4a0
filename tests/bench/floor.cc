// The floor of any extractor: read the corpus bytes and run one trivial RE2
// scan (every run of ASCII digits) over them, on one thread. tiqu's time is
// reported as a multiple of this.
//
//   tiqu_floor DIR_OR_FILE...   ->  one JSON line: bytes, documents, matches, seconds
#include <re2/re2.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: tiqu_floor DIR_OR_FILE...\n");
    return 2;
  }
  auto started = std::chrono::steady_clock::now();
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& entry : fs::recursive_directory_iterator(argv[i])) {
        if (entry.is_regular_file() && entry.path().extension() == ".txt") paths.push_back(entry.path().string());
      }
    } else {
      paths.push_back(argv[i]);
    }
  }
  std::sort(paths.begin(), paths.end());
  RE2 digits("[0-9]+");
  size_t bytes = 0, matches = 0;
  std::string text;
  char buffer[1 << 16];
  for (const std::string& path : paths) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) continue;
    text.clear();
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
    std::fclose(f);
    bytes += text.size();
    re2::StringPiece input(text);
    while (RE2::FindAndConsume(&input, digits)) ++matches;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("{\"bytes\": %zu, \"documents\": %zu, \"matches\": %zu, \"seconds\": %.6f}\n", bytes, paths.size(),
              matches, seconds);
  return 0;
}
