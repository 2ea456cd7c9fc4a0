// Output files: written whole or not at all, and read back with a clear error
// naming the record where a damaged .binpb stops.
#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tiqu/io.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

namespace fs = std::filesystem;

class OutputIntegrityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("tiqu_output_test_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // Files in the directory, by name.
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  static std::string ReadAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    return buf.str();
  }
  static void WriteAll(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    out << data;
  }

  // Documents of different sizes, one with facts from repaired invalid UTF-8.
  static std::vector<v1::Document> SampleDocuments() {
    StatusOr<Extractor> ex = Extractor::Create();
    EXPECT_TRUE(ex.ok());
    std::vector<v1::Document> docs;
    const std::vector<std::string> texts = {"全年走访群众622户，开展检查288次。", "",
                                            "\xFF无效字节后检查5次\xE4", std::string(300, 'x') + "服务200余件次。"};
    for (size_t i = 0; i < texts.size(); ++i) {
      DocumentOptions options;
      options.id = "doc" + std::to_string(i + 1);
      options.include_text = true;
      docs.push_back(*ex->Extract(texts[i], options));
    }
    return docs;
  }

  fs::path dir_;
};

TEST_F(OutputIntegrityTest, FileAppearsOnlyOnClose) {
  for (OutputFormat format : {OutputFormat::kBinpb, OutputFormat::kJsonl}) {
    const std::string out = Path(format == OutputFormat::kBinpb ? "facts.binpb" : "facts.jsonl");
    StatusOr<std::unique_ptr<DocumentWriter>> writer = DocumentWriter::Open(out, format);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    for (const v1::Document& doc : SampleDocuments()) ASSERT_TRUE((*writer)->Write(doc).ok());
    EXPECT_FALSE(fs::exists(out)) << "the final name exists before Close";
    ASSERT_TRUE((*writer)->Close().ok());
    EXPECT_TRUE(fs::exists(out));
  }
  EXPECT_EQ(Files(), (std::vector<std::string>{"facts.binpb", "facts.jsonl"})) << "a temporary file was left";
}

TEST_F(OutputIntegrityTest, AbandonedWriterLeavesNothingAndKeepsAnOldFile) {
  const std::string out = Path("facts.binpb");
  WriteAll(out, "the previous run's output");
  {
    StatusOr<std::unique_ptr<DocumentWriter>> writer = DocumentWriter::Open(out, OutputFormat::kBinpb);
    ASSERT_TRUE(writer.ok());
    for (const v1::Document& doc : SampleDocuments()) ASSERT_TRUE((*writer)->Write(doc).ok());
    // Destroyed without Close, as when a run fails half-way.
  }
  EXPECT_EQ(ReadAll(out), "the previous run's output");
  EXPECT_EQ(Files(), std::vector<std::string>{"facts.binpb"});
}

TEST_F(OutputIntegrityTest, WriterIntoAMissingDirectoryFailsCleanly) {
  StatusOr<std::unique_ptr<DocumentWriter>> writer =
      DocumentWriter::Open(Path("no/such/dir/facts.binpb"), OutputFormat::kBinpb);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kIoError);
  EXPECT_NE(writer.status().message().find("no/such/dir/facts.binpb"), std::string::npos);
}

TEST_F(OutputIntegrityTest, BinpbRoundTripKeepsEveryDocument) {
  const std::string out = Path("facts.binpb");
  const std::vector<v1::Document> docs = SampleDocuments();
  {
    auto writer = DocumentWriter::Open(out, OutputFormat::kBinpb);
    ASSERT_TRUE(writer.ok());
    for (const v1::Document& doc : docs) ASSERT_TRUE((*writer)->Write(doc).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  auto reader = DocumentReader::Open(out);
  ASSERT_TRUE(reader.ok());
  v1::Document doc;
  for (const v1::Document& expected : docs) {
    StatusOr<bool> more = (*reader)->Next(&doc);
    ASSERT_TRUE(more.ok() && *more);
    EXPECT_EQ(doc.SerializeAsString(), expected.SerializeAsString());
  }
  StatusOr<bool> more = (*reader)->Next(&doc);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
  EXPECT_EQ((*reader)->records(), docs.size());
}

TEST_F(OutputIntegrityTest, TruncationAtEveryByteIsDetectedAndNamesTheRecord) {
  const std::string out = Path("facts.binpb");
  const std::vector<v1::Document> docs = SampleDocuments();
  std::vector<size_t> record_ends;  // byte offset where each record ends
  {
    auto writer = DocumentWriter::Open(out, OutputFormat::kBinpb);
    ASSERT_TRUE(writer.ok());
    for (const v1::Document& doc : docs) ASSERT_TRUE((*writer)->Write(doc).ok());
    ASSERT_TRUE((*writer)->Close().ok());
  }
  const std::string data = ReadAll(out);
  {
    size_t end = 0;
    for (const v1::Document& doc : docs) {
      size_t size = doc.ByteSizeLong();
      size_t varint = 1;
      for (size_t v = size; v >= 0x80; v >>= 7) ++varint;
      end += varint + size;
      record_ends.push_back(end);
    }
    ASSERT_EQ(end, data.size());
  }
  const std::string cut_path = Path("cut.binpb");
  google::protobuf::LogSilencer quiet;  // protobuf logs each string it finds cut
  for (size_t cut = 0; cut < data.size(); ++cut) {
    WriteAll(cut_path, data.substr(0, cut));
    // Records that end at or before the cut are whole.
    const size_t whole = std::upper_bound(record_ends.begin(), record_ends.end(), cut) - record_ends.begin();
    const bool at_boundary = cut == 0 || std::binary_search(record_ends.begin(), record_ends.end(), cut);
    auto reader = DocumentReader::Open(cut_path);
    ASSERT_TRUE(reader.ok());
    v1::Document doc;
    size_t read = 0;
    Status error;
    while (true) {
      StatusOr<bool> more = (*reader)->Next(&doc);
      if (!more.ok()) {
        error = more.status();
        break;
      }
      if (!*more) break;
      ++read;
    }
    ASSERT_EQ(read, whole) << "cut at byte " << cut;
    if (at_boundary) {
      EXPECT_TRUE(error.ok()) << "cut at byte " << cut << ": " << error.ToString();
    } else {
      ASSERT_FALSE(error.ok()) << "cut at byte " << cut << " went unnoticed";
      EXPECT_EQ(error.code(), StatusCode::kDataLoss);
      EXPECT_NE(error.message().find("record " + std::to_string(whole + 1) + " "), std::string::npos)
          << "cut at byte " << cut << ": " << error.message();
      const size_t record_start = whole == 0 ? 0 : record_ends[whole - 1];
      EXPECT_NE(error.message().find("at byte " + std::to_string(record_start)), std::string::npos)
          << error.message();
    }
  }
}

TEST_F(OutputIntegrityTest, CorruptFilesAreDataLossNotACrash) {
  const std::vector<std::pair<std::string, std::string>> damaged = {
      {"garbage", "this is not a binpb file at all"},
      {"length beyond the file", std::string("\xFF\xFF\xFF\xFF\x07", 5) + "abc"},
      {"length over 2 GiB", std::string("\xFF\xFF\xFF\xFF\x0F", 5)},
      {"overlong varint", std::string(12, '\xFF')},
      {"valid length, invalid message", std::string("\x04\xFF\xFF\xFF\xFF", 5)},
  };
  for (const auto& [name, bytes] : damaged) {
    const std::string path = Path("damaged.binpb");
    WriteAll(path, bytes);
    auto reader = DocumentReader::Open(path);
    ASSERT_TRUE(reader.ok());
    v1::Document doc;
    StatusOr<bool> more = (*reader)->Next(&doc);
    ASSERT_FALSE(more.ok()) << name;
    EXPECT_EQ(more.status().code(), StatusCode::kDataLoss) << name;
    EXPECT_NE(more.status().message().find("record 1 "), std::string::npos) << name << ": " << more.status().message();
  }
}

TEST_F(OutputIntegrityTest, JsonlHoldsOneValidLinePerDocument) {
  const std::string out = Path("facts.jsonl");
  const std::vector<v1::Document> docs = SampleDocuments();
  auto writer = DocumentWriter::Open(out, OutputFormat::kJsonl);
  ASSERT_TRUE(writer.ok());
  for (const v1::Document& doc : docs) ASSERT_TRUE((*writer)->Write(doc).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  std::istringstream lines(ReadAll(out));
  std::string line;
  size_t n = 0;
  while (std::getline(lines, line)) {
    EXPECT_NE(line.find("\"id\":\"doc" + std::to_string(n + 1) + "\""), std::string::npos) << line.substr(0, 80);
    EXPECT_EQ(line.find("\"INTERNAL\""), std::string::npos) << line.substr(0, 200);
    ++n;
  }
  EXPECT_EQ(n, docs.size());
}

}  // namespace
}  // namespace tiqu
