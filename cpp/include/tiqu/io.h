// Reading and writing tiqu's output files.
//
//   .binpb   a stream of length-delimited tiqu.v1.Document messages: each is a
//            varint byte length followed by that many bytes of the serialized
//            message (protobuf's writeDelimitedTo / SerializeDelimitedTo).
//   .jsonl   one Document per line, protobuf JSON with proto field names.
//   .json    one Document, pretty-printed.
//   .gz      any of these gzip-compressed (facts.binpb.gz), when the name ends
//            in .gz; readers accept concatenated gzip members.
//
// Writers create `path` atomically: they write to a temporary file next to it
// and rename it on Close(), so an interrupted run never leaves a half-written
// file under the final name. The path "-" is standard output.
#ifndef TIQU_IO_H_
#define TIQU_IO_H_

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "tiqu/status.h"
#include "tiqu/v1/document.pb.h"

namespace tiqu {

enum class OutputFormat { kBinpb, kJsonl, kJson };

// "binpb", "jsonl" or "json".
StatusOr<OutputFormat> ParseOutputFormat(std::string_view name);
// The format a file name implies (.binpb, .jsonl, .json, each also with .gz);
// jsonl otherwise.
OutputFormat FormatForPath(std::string_view path);

// Protobuf JSON of a document with proto field names; one line unless `pretty`.
std::string DocumentToJson(const v1::Document& doc, bool pretty = false);

class DocumentWriter {
 public:
  static StatusOr<std::unique_ptr<DocumentWriter>> Open(const std::string& path, OutputFormat format);
  virtual ~DocumentWriter() = default;
  virtual Status Write(const v1::Document& doc) = 0;
  // Flushes and moves the file into place. Without Close the file is removed.
  virtual Status Close() = 0;
};

// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of writers
// that are still open before the process dies of the signal, so an
// interrupted run leaves neither a partial file under the final name nor a
// stray temporary one. Only signals whose action is the default are taken
// over (a host such as Python keeps its own SIGINT handling). For programs
// like the tiqu command line; SIGKILL cannot be caught: after it only the
// temporary file remains, never a partial final one.
void InstallOutputCleanupOnSignals();

class DocumentReader {
 public:
  static StatusOr<std::unique_ptr<DocumentReader>> Open(const std::string& path);
  virtual ~DocumentReader() = default;
  // Reads the next record into `doc`: true, or false at a clean end of file.
  // A truncated or corrupt record is StatusCode::kDataLoss naming the record
  // number (counting from 1) and its byte offset.
  virtual StatusOr<bool> Next(v1::Document* doc) = 0;
  // Records read so far.
  virtual size_t records() const = 0;
};

}  // namespace tiqu

#endif  // TIQU_IO_H_
