// The documents named on the command line, read one at a time: text files,
// directories (every .txt inside, recursively, in name order), "-" for
// standard input, and .jsonl files of {"id", "text"} objects (optionally
// "source" and "reference_date"). Whatever cannot be read still becomes a
// document, with a READ_ERROR status, so that nothing silently disappears.
#ifndef TIQU_CLI_INPUTS_H_
#define TIQU_CLI_INPUTS_H_

#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tiqu/status.h"

namespace tiqu {

struct InputDocument {
  std::string id;
  std::string source;
  std::string text;
  std::string reference_date;
  std::string error;  // non-empty: the document could not be read
  size_t input_bytes = 0;  // bytes of the input files this document took up
};

class InputReader {
 public:
  // An error for an argument that does not exist. Directories are listed
  // lazily, one at a time, so memory does not grow with the corpus.
  static StatusOr<std::unique_ptr<InputReader>> Open(const std::vector<std::string>& arguments);

  // The next document; false when all are read.
  bool Next(InputDocument* doc);

  // The bytes of all inputs, found by walking them again (for a progress
  // bar's ETA); 0 when unknown (standard input).
  static size_t TotalBytes(const std::vector<std::string>& arguments);

 private:
  // A directory being walked: its .txt files and subdirectories, sorted so
  // that the walk yields paths in the order of a sort of all full paths.
  struct DirectoryFrame {
    std::vector<std::pair<std::string, bool>> entries;  // (path, is directory)
    size_t next = 0;
  };
  bool NextPath(std::string* path, std::string* error);
  std::string ListDirectory(const std::string& path);  // pushes a frame; returns an error
  bool NextJsonl(InputDocument* doc);

  std::vector<std::string> arguments_;
  size_t next_argument_ = 0;
  std::vector<DirectoryFrame> directories_;
  // Entries named .txt found in directories that are not regular files.
  std::set<std::string> not_regular_;
  // The .jsonl file being read, if any.
  std::unique_ptr<std::ifstream> jsonl_;
  std::string jsonl_path_;
  size_t jsonl_line_ = 0;
};

}  // namespace tiqu

#endif  // TIQU_CLI_INPUTS_H_
