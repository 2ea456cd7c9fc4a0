#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/util/delimited_message_util.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <fcntl.h>

#include "output/json_printer.h"
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

// Files whose name ends in .gz are gzip-compressed, whatever their format.
bool IsGzipPath(std::string_view path) { return path != "-" && EndsWith(path, ".gz"); }

// zlib's gzFile as a protobuf byte stream. gzread also reads several
// concatenated gzip members (`cat a.gz b.gz`) and checks every member's CRC.
class GzipInput : public pbio::CopyingInputStream {
 public:
  explicit GzipInput(gzFile file) : file_(file) {}
  ~GzipInput() override { gzclose(file_); }

  int Read(void* buffer, int size) override {
    int n = gzread(file_, buffer, static_cast<unsigned>(size));
    if (n > 0) return n;  // data before a damaged spot is still good
    // A gzip member cut short reads as end of data with Z_BUF_ERROR set, so
    // the error state is checked even when gzread returned 0.
    int code = Z_OK;
    std::string message = gzerror(file_, &code);
    if (n < 0 || code != Z_OK) {
      // zlib prefixes its messages with the file's name, here "<fd:N>".
      size_t colon = message.rfind(": ");
      error_ = colon == std::string::npos ? message : message.substr(colon + 2);
      if (error_.empty()) error_ = "zlib error " + std::to_string(code);
      return -1;
    }
    return 0;
  }

  // Empty unless the compressed data was truncated or corrupt.
  const std::string& error() const { return error_; }

 private:
  gzFile file_;
  std::string error_;
};

class GzipOutput : public pbio::CopyingOutputStream {
 public:
  explicit GzipOutput(gzFile file) : file_(file) {}
  ~GzipOutput() override {
    if (file_ != nullptr) gzclose(file_);
  }

  bool Write(const void* buffer, int size) override {
    return gzwrite(file_, buffer, static_cast<unsigned>(size)) == size;
  }

  // Writes the gzip trailer. The stream must be flushed first.
  bool Finish() {
    int result = gzclose(file_);
    file_ = nullptr;
    return result == Z_OK;
  }

 private:
  gzFile file_;
};

}  // namespace

OutputFormat FormatForPath(std::string_view path) {
  if (IsGzipPath(path)) path.remove_suffix(3);  // the format is the name's before .gz
  if (EndsWith(path, ".binpb") || EndsWith(path, ".pb")) return OutputFormat::kBinpb;
  if (EndsWith(path, ".json")) return OutputFormat::kJson;
  return OutputFormat::kJsonl;
}

std::string DocumentToJson(const v1::Document& doc, bool pretty) {
  // The compact form comes from tiqu's own printer (several times faster,
  // same bytes); whatever it cannot print identically, protobuf prints.
  if (!pretty) {
    std::string out;
    if (AppendCompactJson(doc, &out)) return out;
  }
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

// Temporary files being written, for the signal handler: fixed slots of
// plain chars, because a signal handler may neither allocate nor lock.
constexpr int kPendingSlots = 32;
constexpr size_t kPendingPathMax = 4096;
struct PendingFile {
  std::atomic<int> state{0};  // 0 free, 1 being filled, 2 holds a path
  char path[kPendingPathMax];
};
PendingFile g_pending[kPendingSlots];

// Returns the slot holding `path`, or -1 when all are taken (the file is
// then only cleaned up by the writer itself).
int RegisterPending(const std::string& path) {
  if (path.size() >= kPendingPathMax) return -1;
  for (int i = 0; i < kPendingSlots; ++i) {
    int expected = 0;
    if (g_pending[i].state.compare_exchange_strong(expected, 1)) {
      std::memcpy(g_pending[i].path, path.c_str(), path.size() + 1);
      g_pending[i].state.store(2);
      return i;
    }
  }
  return -1;
}

void UnregisterPending(int slot) {
  if (slot >= 0) g_pending[slot].state.store(0);
}

void RemovePendingAndDie(int signal_number) {
  for (PendingFile& pending : g_pending) {
    if (pending.state.load() == 2) ::unlink(pending.path);
  }
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

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
      pending_slot_ = RegisterPending(temp_path_);
      fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
      if (fd_ < 0) return IoError("cannot write " + path_ + ": " + std::strerror(errno));
    }
    if (IsGzipPath(path_)) {
      // zlib closes the descriptor it is given; a duplicate keeps fd_ open
      // for the fsync in Close().
      int gz_fd = ::dup(fd_);
      gzFile gz = gz_fd < 0 ? nullptr : gzdopen(gz_fd, "wb");
      if (gz == nullptr) {
        if (gz_fd >= 0) ::close(gz_fd);
        return IoError("cannot start gzip output for " + path_);
      }
      gzip_ = std::make_unique<GzipOutput>(gz);
      stream_ = std::make_unique<pbio::CopyingOutputStreamAdaptor>(gzip_.get());
    } else {
      stream_ = std::make_unique<pbio::FileOutputStream>(fd_);
    }
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
    if (!ok) return IoError("write failed for " + path_ + ": " + std::strerror(errno));
    return Status::Ok();
  }

  Status Close() override {
    closed_ = true;
    struct Unregister {
      int slot;
      ~Unregister() { UnregisterPending(slot); }
    } unregister{pending_slot_};
    bool ok = stream_->Flush();
    stream_.reset();
    if (gzip_ != nullptr) ok = gzip_->Finish() && ok;
    gzip_.reset();
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
    gzip_.reset();
    if (path_ != "-") {
      if (fd_ >= 0) ::close(fd_);
      ::unlink(temp_path_.c_str());
    }
    UnregisterPending(pending_slot_);
  }

  std::string path_, temp_path_;
  OutputFormat format_;
  int fd_ = -1;
  std::unique_ptr<GzipOutput> gzip_;  // set for .gz paths; stream_ writes through it
  std::unique_ptr<pbio::CopyingOutputStreamAdaptor> stream_;  // a FileOutputStream is one too
  size_t written_ = 0;
  bool closed_ = false;
  int pending_slot_ = -1;
};

class FileReader : public DocumentReader {
 public:
  explicit FileReader(std::string path) : path_(std::move(path)) {}
  ~FileReader() override {
    input_.reset();
    gzip_.reset();  // closes fd_ when it owns it
    if (fd_ >= 0 && path_ != "-" && !IsGzipPath(path_)) ::close(fd_);
  }

  Status Open() {
    fd_ = path_ == "-" ? STDIN_FILENO : ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return IoError("cannot read " + path_ + ": " + std::strerror(errno));
    if (IsGzipPath(path_)) {
      gzFile gz = gzdopen(fd_, "rb");
      if (gz == nullptr) {
        ::close(fd_);
        fd_ = -1;
        return IoError("cannot start gzip input for " + path_);
      }
      gzip_ = std::make_unique<GzipInput>(gz);
      input_ = std::make_unique<pbio::CopyingInputStreamAdaptor>(gzip_.get());
    } else {
      input_ = std::make_unique<pbio::FileInputStream>(fd_);
    }
    return Status::Ok();
  }

  // One record: a varint length, then that many bytes of a Document. Read
  // step by step so that an error can say which part is missing or broken.
  StatusOr<bool> Next(v1::Document* doc) override {
    int64_t offset = input_->ByteCount();
    pbio::CodedInputStream coded(input_.get());
    uint32_t size = 0;
    if (!coded.ReadVarint32(&size)) {
      if (coded.CurrentPosition() == 0 && input_->ByteCount() == offset && GzipError().empty()) return false;
      return Damaged(offset, "truncated or corrupt: its length prefix is cut off or malformed");
    }
    if (size > static_cast<uint32_t>(INT_MAX)) {
      return Damaged(offset, "corrupt: its length prefix says " + std::to_string(size) + " bytes, more than a record can hold");
    }
    int prefix_bytes = coded.CurrentPosition();
    std::string body;
    if (!coded.ReadString(&body, static_cast<int>(size))) {
      int got = coded.CurrentPosition() - prefix_bytes;
      return Damaged(offset, "truncated: its length prefix says " + std::to_string(size) + " bytes, the data ends after " +
                                 std::to_string(got));
    }
    doc->Clear();
    if (!doc->ParseFromString(body)) {
      return Damaged(offset, "corrupt: its " + std::to_string(size) + " bytes do not parse as a tiqu.v1.Document");
    }
    ++records_;
    return true;
  }

  size_t records() const override { return records_; }

 private:
  std::string GzipError() const { return gzip_ != nullptr ? gzip_->error() : std::string(); }

  Status Damaged(int64_t offset, const std::string& what) const {
    std::string where = gzip_ != nullptr ? " of the uncompressed data" : "";
    std::string message = path_ + ": record " + std::to_string(records_ + 1) + " at byte " + std::to_string(offset) +
                          where + " is " + what;
    if (std::string gz = GzipError(); !gz.empty()) message += " (gzip: " + gz + ")";
    return Status(StatusCode::kDataLoss, message + "; " + std::to_string(records_) + " complete record(s) before it");
  }

  std::string path_;
  int fd_ = -1;
  std::unique_ptr<GzipInput> gzip_;  // set for .gz paths; input_ reads through it
  std::unique_ptr<pbio::ZeroCopyInputStream> input_;
  size_t records_ = 0;
};

}  // namespace

void InstallOutputCleanupOnSignals() {
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction current;
    if (::sigaction(signal_number, nullptr, &current) != 0 || current.sa_handler != SIG_DFL) continue;
    struct sigaction action {};
    action.sa_handler = RemovePendingAndDie;
    sigemptyset(&action.sa_mask);
    ::sigaction(signal_number, &action, nullptr);
  }
}

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
