#include "cli/inputs.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <sstream>

namespace tiqu {

namespace fs = std::filesystem;

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string BaseName(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

// Reads a whole file; its size is known up front, so one allocation and
// one read suffice even for a document of hundreds of megabytes.
static std::string ReadWholeFile(const std::string& path, std::string* text) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) return "cannot read " + path + ": " + std::strerror(errno);
  std::error_code ec;
  uintmax_t size = fs::file_size(path, ec);
  text->clear();
  if (!ec) text->reserve(static_cast<size_t>(size));
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text->append(buffer, n);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  return failed ? "read error in " + path : "";
}

StatusOr<std::unique_ptr<InputReader>> InputReader::Open(const std::vector<std::string>& arguments) {
  auto reader = std::unique_ptr<InputReader>(new InputReader());
  for (const std::string& arg : arguments) {
    if (arg != "-") {
      std::error_code ec;
      fs::file_status st = fs::status(arg, ec);
      if (ec || !fs::exists(st)) return IoError("no such file or directory: " + arg);
      if (fs::is_directory(st)) {
        fs::directory_iterator probe(arg, ec);
        if (ec) return IoError("cannot list " + arg + ": " + ec.message());
      }
    }
    reader->arguments_.push_back(arg);
  }
  return reader;
}

std::string InputReader::ListDirectory(const std::string& path) {
  DirectoryFrame frame;
  std::vector<std::pair<std::string, std::pair<std::string, bool>>> keyed;  // sort key -> entry
  std::error_code ec;
  // No skip_permission_denied: a directory we may not list gets an error
  // record instead of vanishing with the documents it holds.
  for (fs::directory_iterator it(path, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    std::error_code type_ec;
    bool is_dir = it->is_directory(type_ec) && !it->is_symlink(type_ec);
    bool is_txt = !is_dir && it->path().extension() == ".txt";
    if (!is_dir && !is_txt) continue;
    // A dangling link, a FIFO, a socket named .txt: still a document the
    // caller expects a record for, but not one to open (a FIFO would block).
    if (is_txt && !it->is_regular_file(type_ec)) not_regular_.insert(it->path().string());
    // A directory sorts as "name/", which orders the walk exactly like a
    // sort of the full paths of all files.
    std::string name = it->path().filename().string();
    keyed.emplace_back(is_dir ? name + "/" : name, std::make_pair(it->path().string(), is_dir));
  }
  if (ec) return "cannot list " + path + ": " + ec.message();
  std::sort(keyed.begin(), keyed.end());
  for (auto& [key, entry] : keyed) frame.entries.push_back(std::move(entry));
  directories_.push_back(std::move(frame));
  return "";
}

bool InputReader::NextPath(std::string* path, std::string* error) {
  error->clear();
  while (true) {
    if (!directories_.empty()) {
      DirectoryFrame& top = directories_.back();
      if (top.next == top.entries.size()) {
        directories_.pop_back();
        continue;
      }
      auto [entry, is_dir] = top.entries[top.next++];
      if (!is_dir) {
        *path = entry;
        if (not_regular_.count(entry)) {
          std::error_code exists_ec;
          *error = fs::exists(entry, exists_ec) ? "not a regular file: " + entry
                                                : "cannot read " + entry + " (a link to nothing)";
        }
        return true;
      }
      std::string failed = ListDirectory(entry);
      if (!failed.empty()) {
        *path = entry;
        *error = failed;
        return true;
      }
      continue;
    }
    if (next_argument_ >= arguments_.size()) return false;
    const std::string& arg = arguments_[next_argument_++];
    std::error_code ec;
    if (arg != "-" && fs::is_directory(arg, ec)) {
      std::string failed = ListDirectory(arg);
      if (!failed.empty()) {
        *path = arg;
        *error = failed;
        return true;
      }
      continue;
    }
    *path = arg;
    return true;
  }
}

size_t InputReader::TotalBytes(const std::vector<std::string>& arguments) {
  size_t total = 0;
  for (const std::string& arg : arguments) {
    if (arg == "-") return 0;
    std::error_code ec;
    if (!fs::is_directory(arg, ec)) {
      uintmax_t size = fs::file_size(arg, ec);
      if (!ec) total += static_cast<size_t>(size);
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code size_ec;
      if (it->path().extension() != ".txt" || !it->is_regular_file(size_ec)) continue;
      uintmax_t size = it->file_size(size_ec);
      if (!size_ec) total += static_cast<size_t>(size);
    }
  }
  return total;
}

bool InputReader::NextJsonl(InputDocument* doc) {
  std::string line;
  size_t skipped_bytes = 0;
  while (std::getline(*jsonl_, line)) {
    ++jsonl_line_;
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      skipped_bytes += line.size() + 1;
      continue;
    }
    *doc = InputDocument();
    doc->input_bytes = skipped_bytes + line.size() + 1;
    doc->source = jsonl_path_;
    google::protobuf::Struct record;
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    auto status = google::protobuf::util::JsonStringToMessage(line, &record, options);
    const auto& fields = record.fields();
    auto text_of = [&](const char* key) -> std::string {
      auto it = fields.find(key);
      if (it == fields.end()) return "";
      if (it->second.has_number_value()) {
        std::ostringstream s;
        s << it->second.number_value();
        return s.str();
      }
      return it->second.string_value();
    };
    doc->id = text_of("id");
    if (doc->id.empty()) doc->id = BaseName(jsonl_path_) + ":" + std::to_string(jsonl_line_);
    if (!status.ok()) {
      doc->error = jsonl_path_ + ":" + std::to_string(jsonl_line_) + ": not a JSON object: " +
                   std::string(status.message());
      return true;
    }
    auto text = fields.find("text");
    if (text == fields.end() || !text->second.has_string_value()) {
      doc->error = jsonl_path_ + ":" + std::to_string(jsonl_line_) + ": no \"text\" string";
      return true;
    }
    doc->text = text->second.string_value();
    if (!text_of("source").empty()) doc->source = text_of("source");
    doc->reference_date = text_of("reference_date");
    return true;
  }
  jsonl_.reset();
  return false;
}

bool InputReader::Next(InputDocument* doc) {
  while (true) {
    if (jsonl_ && NextJsonl(doc)) return true;
    std::string path, error;
    if (!NextPath(&path, &error)) return false;
    *doc = InputDocument();
    if (!error.empty()) {
      doc->id = BaseName(path);
      doc->source = path;
      doc->error = error;
      return true;
    }
    if (EndsWith(path, ".jsonl")) {
      jsonl_ = std::make_unique<std::ifstream>(path, std::ios::binary);
      jsonl_path_ = path;
      jsonl_line_ = 0;
      if (!*jsonl_) {
        jsonl_.reset();
        doc->id = BaseName(path);
        doc->source = path;
        doc->error = "cannot read " + path;
        return true;
      }
      continue;
    }
    if (path == "-") {
      doc->id = "stdin";
      doc->text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      doc->input_bytes = doc->text.size();
      return true;
    }
    doc->id = BaseName(path);
    doc->source = path;
    doc->error = ReadWholeFile(path, &doc->text);
    doc->input_bytes = doc->text.size();
    return true;
  }
}

}  // namespace tiqu
