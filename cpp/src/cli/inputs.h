// The documents named on the command line, read one at a time: text files,
// directories (every .txt inside, recursively, in name order), "-" for
// standard input, and .jsonl files of {"id", "text"} objects (optionally
// "source" and "reference_date"). Whatever cannot be read still becomes a
// document, with a READ_ERROR status, so that nothing silently disappears.
#ifndef TIQU_CLI_INPUTS_H_
#define TIQU_CLI_INPUTS_H_

#include <fstream>
#include <memory>
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
};

class InputReader {
 public:
  // Expands directories; an error for an argument that does not exist.
  static StatusOr<std::unique_ptr<InputReader>> Open(const std::vector<std::string>& arguments);

  // The next document; false when all are read.
  bool Next(InputDocument* doc);

 private:
  bool NextJsonl(InputDocument* doc);

  std::vector<std::string> paths_;
  size_t next_path_ = 0;
  // The .jsonl file being read, if any.
  std::unique_ptr<std::ifstream> jsonl_;
  std::string jsonl_path_;
  size_t jsonl_line_ = 0;
};

}  // namespace tiqu

#endif  // TIQU_CLI_INPUTS_H_
