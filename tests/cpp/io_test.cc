// Output files through the public API: .binpb and .binpb.gz round trips, the
// exact record a damaged file stops at, and serialized extraction.
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/util/delimited_message_util.h>
#include <gtest/gtest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "tiqu/io.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

std::string TempPath(const std::string& name) {
  return ::testing::TempDir() + "/io_test_" + std::to_string(getpid()) + "_" + name;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

v1::Document MakeDocument(int i) {
  v1::Document doc;
  doc.set_id("doc" + std::to_string(i));
  doc.mutable_status()->set_code(v1::Status::OK);
  v1::Fact* fact = doc.add_facts();
  fact->set_type(v1::Fact::QUANTITY);
  fact->set_text(std::to_string(i) + "次");
  fact->mutable_quantity()->set_value(i);
  return doc;
}

void WriteDocuments(const std::string& path, int count) {
  auto writer = DocumentWriter::Open(path, FormatForPath(path));
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (int i = 0; i < count; ++i) ASSERT_TRUE((*writer)->Write(MakeDocument(i)).ok());
  ASSERT_TRUE((*writer)->Close().ok());
}

// Reads until the end or an error; returns the status of the last Next().
Status ReadDocuments(const std::string& path, std::vector<v1::Document>* docs) {
  auto reader = DocumentReader::Open(path);
  if (!reader.ok()) return reader.status();
  v1::Document doc;
  while (true) {
    StatusOr<bool> more = (*reader)->Next(&doc);
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    docs->push_back(doc);
  }
}

TEST(DocumentIo, PlainAndGzipHoldTheSameRecords) {
  std::string plain = TempPath("a.binpb"), compressed = TempPath("a.binpb.gz");
  WriteDocuments(plain, 5);
  WriteDocuments(compressed, 5);
  std::string gz = ReadAll(compressed);
  ASSERT_GE(gz.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(gz[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>(gz[1]), 0x8b);
  std::vector<v1::Document> from_plain, from_gz;
  ASSERT_TRUE(ReadDocuments(plain, &from_plain).ok());
  ASSERT_TRUE(ReadDocuments(compressed, &from_gz).ok());
  ASSERT_EQ(from_plain.size(), 5u);
  ASSERT_EQ(from_gz.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(from_plain[i].SerializeAsString(), MakeDocument(i).SerializeAsString());
    EXPECT_EQ(from_gz[i].SerializeAsString(), MakeDocument(i).SerializeAsString());
  }
  std::remove(plain.c_str());
  std::remove(compressed.c_str());
}

// The framing is protobuf's own: its delimited-message reader, with nothing of
// tiqu's, reads what DocumentWriter wrote.
TEST(DocumentIo, ProtobufDelimitedReaderReadsBinpb) {
  std::string path = TempPath("d.binpb");
  WriteDocuments(path, 4);
  int fd = ::open(path.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  int count = 0;
  {
    google::protobuf::io::FileInputStream input(fd);
    v1::Document doc;
    bool clean_eof = false;
    while (google::protobuf::util::ParseDelimitedFromZeroCopyStream(&doc, &input, &clean_eof)) {
      EXPECT_EQ(doc.SerializeAsString(), MakeDocument(count).SerializeAsString());
      ++count;
      doc.Clear();
    }
    EXPECT_TRUE(clean_eof);
  }
  ::close(fd);
  EXPECT_EQ(count, 4);
  std::remove(path.c_str());
}

TEST(DocumentIo, TruncatedFileNamesTheRecordAndOffset) {
  std::string path = TempPath("b.binpb");
  WriteDocuments(path, 3);
  std::string data = ReadAll(path);
  // Record 3 starts after two records of (1-byte length + body).
  size_t third = 0;
  for (int i = 0; i < 2; ++i) third += 1 + static_cast<unsigned char>(data[third]);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data.substr(0, third + 3);
  std::vector<v1::Document> docs;
  Status st = ReadDocuments(path, &docs);
  EXPECT_EQ(st.code(), StatusCode::kDataLoss);
  EXPECT_EQ(docs.size(), 2u);
  EXPECT_NE(st.message().find("record 3 at byte " + std::to_string(third) + " is truncated"), std::string::npos)
      << st.message();
  std::remove(path.c_str());
}

TEST(DocumentIo, TruncatedGzipIsDataLoss) {
  std::string path = TempPath("c.binpb.gz");
  WriteDocuments(path, 50);
  std::string data = ReadAll(path);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << data.substr(0, data.size() - 6);
  std::vector<v1::Document> docs;
  Status st = ReadDocuments(path, &docs);
  EXPECT_EQ(st.code(), StatusCode::kDataLoss) << st.ToString();
  EXPECT_NE(st.message().find("gzip"), std::string::npos) << st.message();
  std::remove(path.c_str());
}

TEST(Extractor, ExtractSerializedIsTheDocumentsWireFormat) {
  StatusOr<Extractor> extractor = Extractor::Create();
  ASSERT_TRUE(extractor.ok()) << extractor.status().ToString();
  DocumentOptions options;
  options.id = "s1";
  const std::string text = "今年共组织志愿服务活动36场。";
  StatusOr<std::string> bytes = extractor->ExtractSerialized(text, options);
  ASSERT_TRUE(bytes.ok());
  StatusOr<v1::Document> doc = extractor->Extract(text, options);
  ASSERT_TRUE(doc.ok());
  v1::Document parsed;
  ASSERT_TRUE(parsed.ParseFromString(*bytes));
  EXPECT_EQ(parsed.id(), "s1");
  EXPECT_EQ(parsed.SerializeAsString(), doc->SerializeAsString());
  options.reference_date = "2024-13-01";
  EXPECT_EQ(extractor->ExtractSerialized(text, options).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace tiqu
