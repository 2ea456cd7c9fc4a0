#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/util/delimited_message_util.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>

#include "tiqu/io.h"

namespace tiqu {

namespace pbio = google::protobuf::io;

StatusOr<OutputFormat> ParseOutputFormat(std::string_view name) {
  if (name == "binpb") return OutputFormat::kBinpb;
  if (name == "jsonl") return OutputFormat::kJsonl;
  if (name == "json") return OutputFormat::kJson;
  return InvalidArgumentError("unknown format '" + std::string(name) + "' (binpb, jsonl or json)");
}

namespace {

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

OutputFormat FormatForPath(std::string_view path) {
  if (EndsWith(path, ".binpb") || EndsWith(path, ".binpb.gz") || EndsWith(path, ".pb")) return OutputFormat::kBinpb;
  if (EndsWith(path, ".json")) return OutputFormat::kJson;
  return OutputFormat::kJsonl;
}

std::string DocumentToJson(const v1::Document& doc, bool pretty) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.add_whitespace = pretty;
  std::string out;
  auto status = google::protobuf::util::MessageToJsonString(doc, &out, options);
  if (!status.ok()) {
    // Only invalid UTF-8 in a string field can get here; the engine repairs
    // all text, so this is a bug worth reporting in the output itself.
    return "{\"id\": \"" + doc.id() + "\", \"status\": {\"code\": \"INTERNAL\", \"message\": \"JSON: " +
           std::string(status.message()) + "\"}}";
  }
  return out;
}

namespace {

class FileWriter : public DocumentWriter {
 public:
  FileWriter(std::string path, OutputFormat format) : path_(std::move(path)), format_(format) {}
  ~FileWriter() override {
    if (!closed_) Abandon();
  }

  Status Open() {
    if (path_ == "-") {
      fd_ = STDOUT_FILENO;
    } else {
      temp_path_ = path_ + ".tmp." + std::to_string(getpid());
      fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd_ < 0) return IoError("cannot write " + path_ + ": " + std::strerror(errno));
    }
    stream_ = std::make_unique<pbio::FileOutputStream>(fd_);
    return Status::Ok();
  }

  Status Write(const v1::Document& doc) override {
    if (format_ == OutputFormat::kJson && written_ > 0) {
      return InvalidArgumentError("--format json holds one document; use jsonl for several");
    }
    bool ok;
    if (format_ == OutputFormat::kBinpb) {
      ok = google::protobuf::util::SerializeDelimitedToZeroCopyStream(doc, stream_.get());
    } else {
      std::string line = DocumentToJson(doc, format_ == OutputFormat::kJson);
      line.push_back('\n');
      ok = WriteRaw(line);
    }
    ++written_;
    if (!ok) return IoError("write failed for " + path_ + ": " + std::strerror(stream_->GetErrno()));
    return Status::Ok();
  }

  Status Close() override {
    closed_ = true;
    bool ok = stream_->Flush();
    stream_.reset();
    if (path_ == "-") return ok ? Status::Ok() : IoError("write failed on standard output");
    ok = ::fsync(fd_) == 0 && ok;
    ok = ::close(fd_) == 0 && ok;
    if (!ok) {
      ::unlink(temp_path_.c_str());
      return IoError("write failed for " + path_ + ": " + std::strerror(errno));
    }
    if (::rename(temp_path_.c_str(), path_.c_str()) != 0) {
      ::unlink(temp_path_.c_str());
      return IoError("cannot move output into place at " + path_ + ": " + std::strerror(errno));
    }
    return Status::Ok();
  }

 private:
  bool WriteRaw(const std::string& data) {
    pbio::CodedOutputStream coded(stream_.get());
    coded.WriteRaw(data.data(), static_cast<int>(data.size()));
    return !coded.HadError();
  }

  void Abandon() {
    stream_.reset();
    if (path_ != "-") {
      ::close(fd_);
      ::unlink(temp_path_.c_str());
    }
  }

  std::string path_, temp_path_;
  OutputFormat format_;
  int fd_ = -1;
  std::unique_ptr<pbio::FileOutputStream> stream_;
  size_t written_ = 0;
  bool closed_ = false;
};

class FileReader : public DocumentReader {
 public:
  explicit FileReader(std::string path) : path_(std::move(path)) {}
  ~FileReader() override {
    input_.reset();
    if (fd_ >= 0 && path_ != "-") ::close(fd_);
  }

  Status Open() {
    fd_ = path_ == "-" ? STDIN_FILENO : ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return IoError("cannot read " + path_ + ": " + std::strerror(errno));
    input_ = std::make_unique<pbio::FileInputStream>(fd_);
    return Status::Ok();
  }

  StatusOr<bool> Next(v1::Document* doc) override {
    int64_t offset = input_->ByteCount();
    bool clean_eof = false;
    doc->Clear();  // the delimited parser merges into what is there
    if (google::protobuf::util::ParseDelimitedFromZeroCopyStream(doc, input_.get(), &clean_eof)) {
      ++records_;
      return true;
    }
    if (clean_eof) return false;
    return Status(StatusCode::kDataLoss, path_ + ": record " + std::to_string(records_ + 1) + " at byte " +
                                             std::to_string(offset) + " is truncated or corrupt (" +
                                             std::to_string(records_) + " complete record(s) before it)");
  }

  size_t records() const override { return records_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::unique_ptr<pbio::FileInputStream> input_;
  size_t records_ = 0;
};

}  // namespace

StatusOr<std::unique_ptr<DocumentWriter>> DocumentWriter::Open(const std::string& path, OutputFormat format) {
  auto writer = std::make_unique<FileWriter>(path, format);
  TIQU_RETURN_IF_ERROR(writer->Open());
  return std::unique_ptr<DocumentWriter>(std::move(writer));
}

StatusOr<std::unique_ptr<DocumentReader>> DocumentReader::Open(const std::string& path) {
  auto reader = std::make_unique<FileReader>(path);
  TIQU_RETURN_IF_ERROR(reader->Open());
  return std::unique_ptr<DocumentReader>(std::move(reader));
}

}  // namespace tiqu
