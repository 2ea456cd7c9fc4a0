#include "cli/inputs.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
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

StatusOr<std::unique_ptr<InputReader>> InputReader::Open(const std::vector<std::string>& arguments) {
  auto reader = std::unique_ptr<InputReader>(new InputReader());
  for (const std::string& arg : arguments) {
    if (arg == "-") {
      reader->paths_.push_back(arg);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) return IoError("no such file or directory: " + arg);
    if (fs::is_directory(st)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(arg, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".txt") found.push_back(it->path().string());
      }
      if (ec) return IoError("cannot list " + arg + ": " + ec.message());
      std::sort(found.begin(), found.end());
      reader->paths_.insert(reader->paths_.end(), found.begin(), found.end());
    } else {
      reader->paths_.push_back(arg);
    }
  }
  return reader;
}

bool InputReader::NextJsonl(InputDocument* doc) {
  std::string line;
  while (std::getline(*jsonl_, line)) {
    ++jsonl_line_;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    *doc = InputDocument();
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
    if (next_path_ >= paths_.size()) return false;
    const std::string& path = paths_[next_path_++];
    if (EndsWith(path, ".jsonl")) {
      jsonl_ = std::make_unique<std::ifstream>(path, std::ios::binary);
      jsonl_path_ = path;
      jsonl_line_ = 0;
      if (!*jsonl_) {
        jsonl_.reset();
        *doc = InputDocument();
        doc->id = BaseName(path);
        doc->source = path;
        doc->error = "cannot read " + path;
        return true;
      }
      continue;
    }
    *doc = InputDocument();
    if (path == "-") {
      doc->id = "stdin";
      doc->text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
      return true;
    }
    doc->id = BaseName(path);
    doc->source = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      doc->error = "cannot read " + path;
      return true;
    }
    doc->text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (in.bad()) doc->error = "read error in " + path;
    return true;
  }
}

}  // namespace tiqu
