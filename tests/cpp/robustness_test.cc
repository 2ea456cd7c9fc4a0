// Inputs that scraped pages really contain, and inputs built to hurt: every
// one yields a document with a status, spans inside the input and fact texts
// equal to the input at their spans; time stays linear in the input size.
#include <gtest/gtest.h>
#include <sys/mman.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "normalize/text_normalizer.h"
#include "tiqu/io.h"
#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// A small frozen rule set, so that exact counts do not depend on the shipped rules.
constexpr char kFrozenRules[] = R"pb(
lexicons { name: "frozen_units" entries: ["户", "次", "个"] }
rules {
  id: "frozen.count"
  type: QUANTITY
  pattern: "(?P<span>(?P<num>{number})(?P<unit>{frozen_units}))"
  not_preceded_by: "第|[0-9.]"
  fields { name: "value" group: "num" normalizer: "number" }
  fields { name: "unit" group: "unit" }
  examples { text: "走访622户" expect { text: "622户" quantity { value: 622 unit: "户" } } }
}
)pb";

const Extractor& DefaultExtractor() {
  static const Extractor* extractor = [] {
    StatusOr<Extractor> ex = Extractor::Create();
    EXPECT_TRUE(ex.ok()) << ex.status().ToString();
    return new Extractor(std::move(*ex));
  }();
  return *extractor;
}

const Extractor& FrozenExtractor() {
  static const Extractor* extractor = [] {
    ExtractorOptions options;
    options.default_rules = false;
    options.rule_texts = {{"frozen", kFrozenRules}};
    StatusOr<Extractor> ex = Extractor::Create(options);
    EXPECT_TRUE(ex.ok()) << ex.status().ToString();
    return new Extractor(std::move(*ex));
  }();
  return *extractor;
}

// Every string field of `message`, at any depth, is valid UTF-8: protobuf
// strings must be, and Python refuses to parse a Document otherwise.
void ExpectValidUtf8Strings(const google::protobuf::Message& message) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      if (field->cpp_type() == FieldDescriptor::CPPTYPE_STRING && field->type() == FieldDescriptor::TYPE_STRING) {
        std::string value = field->is_repeated() ? reflection->GetRepeatedString(message, field, i)
                                                 : reflection->GetString(message, field);
        EXPECT_TRUE(IsValidUtf8(value)) << field->full_name();
      } else if (field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        ExpectValidUtf8Strings(field->is_repeated() ? reflection->GetRepeatedMessage(message, field, i)
                                                    : reflection->GetMessage(message, field));
      }
    }
  }
}

// The output contract for one document of `input`.
void ExpectContract(const std::string& name, std::string_view input, const v1::Document& doc) {
  SCOPED_TRACE(name);
  const bool valid = IsValidUtf8(input);
  EXPECT_EQ(doc.status().code(), valid ? v1::Status::OK : v1::Status::INVALID_UTF8);
  EXPECT_EQ(doc.length(), static_cast<int64_t>(CountCodePoints(input)));
  // Code points before each fact, counted incrementally: facts come in
  // input order (recounting from 0 per fact would be quadratic).
  size_t counted_to = 0, code_points = 0;
  for (const v1::Fact& f : doc.facts()) {
    ASSERT_LE(0, f.span().byte_begin());
    ASSERT_LT(f.span().byte_begin(), f.span().byte_end());
    ASSERT_LE(static_cast<size_t>(f.span().byte_end()), input.size());
    std::string_view raw = input.substr(f.span().byte_begin(), f.span().byte_end() - f.span().byte_begin());
    EXPECT_EQ(f.text(), valid ? std::string(raw) : RepairUtf8(raw));
    ASSERT_GE(static_cast<size_t>(f.span().byte_begin()), counted_to) << "facts out of order";
    code_points += CountCodePoints(input.substr(counted_to, f.span().byte_begin() - counted_to));
    counted_to = f.span().byte_begin();
    EXPECT_EQ(f.span().begin(), static_cast<int64_t>(code_points));
    EXPECT_EQ(f.span().end() - f.span().begin(), static_cast<int64_t>(CountCodePoints(raw)));
  }
  EXPECT_EQ(DocumentToJson(doc).find("\"INTERNAL\""), std::string::npos);
  ExpectValidUtf8Strings(doc);
}

std::string RandomBytes(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

std::string Repeat(std::string_view unit, size_t times) {
  std::string s;
  s.reserve(unit.size() * times);
  for (size_t i = 0; i < times; ++i) s += unit;
  return s;
}

struct NamedInput {
  std::string name;
  std::string text;
};

std::vector<NamedInput> HostileInputs() {
  std::vector<NamedInput> inputs = {
      {"empty", ""},
      {"one NUL", std::string(1, '\0')},
      {"NULs among facts", std::string("走访群众") + '\0' + "622户" + std::string(2, '\0') + "开展检查288次" + '\0'},
      {"lone continuation bytes", "\x80\x81\xBF走访622户\x80"},
      {"overlong encodings", "\xC0\x80\xC1\xBF\xE0\x80\x80\xF0\x80\x80\x80 5次"},
      {"UTF-16 surrogates in UTF-8", "\xED\xA0\x80\xED\xBF\xBF检查3次"},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80\xF5\x80\x80\x80\xF8\x88\x80\x80\x80\xFC\x84\x80\x80\x80\x80"},
      {"truncated sequence at the end", "检查288次\xE6\xAC"},
      {"invalid byte in an article title",
       "全区召开\xFF工作会议\n    本报讯 近日,全区召开会议,部署今年的重点工作任务,要求各部门抓好落实,"
       "确保各项工作取得实效。会议指出,要坚持问题导向。\n"},
      {"truncated 4-byte sequence", "\xF0\x9F\x98"},
      {"Latin-1 text", "Stra\xDF" "e 12 F\xFC" "r 3 \xC4pfel"},
      {"GBK text", "\xD7\xDF\xB7\xC3\xC8\xBA\xD6\xDA\x36\x32\x32\xBB\xA7"},
      {"byte order marks", "\xEF\xBB\xBF走访622户\xEF\xBB\xBF\xFF\xFE"},
      {"C0 and C1 controls", "\x01\x02\x1B[31m走访\x7F\xC2\x80\xC2\x9F" "622户\x0B\x0C"},
      {"only ASCII punctuation", Repeat("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", 200)},
      {"only CJK punctuation", Repeat("。，、；：？！“”‘’《》（）【】……——·「」『』〈〉〔〕", 200)},
      {"mixed scripts",
       "Москва 2023年 مرحبا 5次 नमस्ते 3户 한국어 10个 カタカナ ١٢٣ ๑๒๓ 𝟏𝟐𝟑 ⅫⅣ ①②③ "
       "👨‍👩‍👧‍👦 🇨🇳 e\u0301\u0302 \u200F\u202E逆序\u202C \u2028\u2029 \uFEFF𠀀𪚥"},
      {"line and paragraph separators", Repeat("走访\u2028622户\u2029", 50)},
      {"carriage returns only", std::string(5000, '\r')},
      {"alternating line endings", Repeat("检\r\n查\n3\r次\n\r", 500)},
      {"unbalanced brackets", Repeat("《“「『(（【", 300) + "走访622户" + Repeat("》”」』)）】", 301)},
      {"nested titles", Repeat("《", 200) + "3个" + Repeat("》", 200)},
      {"huge number", std::string(5000, '9') + "次"},
      {"huge Chinese number", Repeat("九", 3000) + "万亿户"},
      {"decimal points everywhere", Repeat("1.", 3000) + "5次"},
      {"thousands separators everywhere", Repeat("1,", 3000) + "000户"},
      {"percent runs", Repeat("百分之", 1000) + Repeat("%", 1000)},
      {"whitespace of every kind", Repeat(" \t\u00A0\u3000\u2003\u200B\u200C\u200D\u2060", 500)},
  };
  for (unsigned seed : {1u, 2u, 3u}) inputs.push_back({"binary garbage " + std::to_string(seed), RandomBytes(65536, seed)});
  // Random valid UTF-8 from the scripts above, with digits and units mixed in.
  {
    std::mt19937 rng(7);
    const std::vector<std::string> pieces = {"走访", "622", "户", "。", "，", "“", "”", "《", "》", "\n", "1.5万", "次",
                                             "%", "约", "余", "第", "年", "月", "日", "Ж", "ا", "😀", " ", "两万三千"};
    std::string s;
    for (int i = 0; i < 20000; ++i) s += pieces[rng() % pieces.size()];
    inputs.push_back({"random pieces", s});
  }
  return inputs;
}

TEST(RobustnessTest, HostileInputsKeepTheOutputContract) {
  for (const NamedInput& in : HostileInputs()) {
    for (const Extractor* ex : {&DefaultExtractor(), &FrozenExtractor()}) {
      DocumentOptions options;
      options.id = in.name;
      options.include_text = true;
      StatusOr<v1::Document> doc = ex->Extract(in.text, options);
      ASSERT_TRUE(doc.ok()) << in.name << ": " << doc.status().ToString();
      EXPECT_EQ(doc->id(), in.name);
      EXPECT_EQ(doc->text(), IsValidUtf8(in.text) ? in.text : RepairUtf8(in.text)) << in.name;
      ExpectContract(in.name, in.text, *doc);
    }
  }
}

TEST(RobustnessTest, FactsAroundNulBytesAndInvalidBytesAreStillFound) {
  const std::string text = std::string("走访群众") + '\0' + "622户\xFF开展检查" + '\0' + "288次";
  StatusOr<v1::Document> doc = FrozenExtractor().Extract(text);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->status().code(), v1::Status::INVALID_UTF8);
  std::vector<std::string> texts;
  for (const v1::Fact& f : doc->facts()) texts.push_back(f.text());
  EXPECT_EQ(texts, (std::vector<std::string>{"622户", "288次"}));
  ExpectContract("NUL and 0xFF", text, *doc);
}

TEST(RobustnessTest, VeryLongLinesWithoutPunctuation) {
  // 1 MB in one line and one sentence: a wrapped web page with its breaks lost.
  std::string line = Repeat("全年走访群众622户开展检查288次", 1024 * 1024 / 42 + 1);
  StatusOr<v1::Document> doc = FrozenExtractor().Extract(line);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(static_cast<size_t>(doc->facts_size()), 2 * (1024 * 1024 / 42 + 1));
  ExpectContract("long line", line, *doc);
}

TEST(RobustnessTest, LargeDocumentGivesEveryFactOfEveryRepetition) {
  // A paragraph with three facts, repeated up to 48 MB (6 MB under the
  // sanitizers): each repetition gives the same facts, shifted. (`make
  // bench` runs the CLI on a 200 MB single document.)
  const std::string paragraph =
      "今年以来，全街道坚持问题导向，深入开展走访，共走访群众622户，开展检查1.5万次，"
      "处理问题3个。各项工作稳步推进，群众满意度持续提升，基层治理水平不断提高。\n";
  StatusOr<v1::Document> one = FrozenExtractor().Extract(paragraph);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->facts_size(), 3);
  const size_t repetitions = (kSanitized ? 6u : 48u) * 1024 * 1024 / paragraph.size();
  const std::string text = Repeat(paragraph, repetitions);
  StatusOr<v1::Document> doc = FrozenExtractor().Extract(text);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->status().code(), v1::Status::OK);
  ASSERT_EQ(static_cast<size_t>(doc->facts_size()), 3 * repetitions);
  const int64_t paragraph_chars = static_cast<int64_t>(CountCodePoints(paragraph));
  for (size_t r : {size_t{0}, repetitions / 2, repetitions - 1}) {
    for (int k = 0; k < 3; ++k) {
      const v1::Fact& f = doc->facts(static_cast<int>(3 * r) + k);
      const v1::Fact& expected = one->facts(k);
      EXPECT_EQ(f.text(), expected.text());
      EXPECT_EQ(f.span().begin(), expected.span().begin() + static_cast<int64_t>(r) * paragraph_chars);
      EXPECT_EQ(f.span().byte_begin(), expected.span().byte_begin() + static_cast<int64_t>(r * paragraph.size()));
      EXPECT_EQ(f.quantity().value(), expected.quantity().value());
    }
  }
  EXPECT_EQ(doc->length(), static_cast<int64_t>(repetitions) * paragraph_chars);
}

TEST(RobustnessTest, ManyTinyDocumentsEachGetARecord) {
  // 100,000 documents of a few bytes, good and bad mixed, in batches as the CLI runs them.
  const size_t kDocuments = kSanitized ? 20000 : 100000;
  const std::vector<std::string> shapes = {"", "5次", "\xFF", "走访622户", std::string(1, '\0'), "。", "第3个"};
  size_t done = 0, facts = 0, invalid = 0;
  for (size_t start = 0; start < kDocuments; start += 1000) {
    std::vector<DocumentInput> batch;
    for (size_t i = start; i < std::min(kDocuments, start + 1000); ++i) {
      DocumentInput in;
      in.text = shapes[i % shapes.size()];
      in.options.id = std::to_string(i);
      batch.push_back(std::move(in));
    }
    StatusOr<std::vector<v1::Document>> docs = DefaultExtractor().ExtractBatch(batch, 2);
    ASSERT_TRUE(docs.ok());
    ASSERT_EQ(docs->size(), batch.size());
    for (size_t k = 0; k < docs->size(); ++k) {
      const v1::Document& d = (*docs)[k];
      ASSERT_EQ(d.id(), batch[k].options.id);
      ASSERT_NE(d.status().code(), v1::Status::CODE_UNSPECIFIED) << d.id();
      if (d.status().code() == v1::Status::INVALID_UTF8) ++invalid;
      facts += d.facts_size();
      ++done;
    }
  }
  EXPECT_EQ(done, kDocuments);
  EXPECT_EQ(invalid, (kDocuments + shapes.size() - 1 - 2) / shapes.size());  // the "\xFF" documents
  EXPECT_GT(facts, 0u);
}

TEST(RobustnessTest, DocumentsBeyondTheOffsetRangeAreRefusedNotTruncated) {
  // Offsets are int32 in the output, so a document over 2 GiB cannot be
  // described even when max_document_bytes allows it. A sparse mapping stands
  // in for such a document without using the memory.
  ExtractorOptions options;
  options.default_rules = false;
  options.max_document_bytes = size_t{8} << 30;
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_TRUE(ex.ok());
  const size_t size = (size_t{1} << 31) + 16;
  void* mapping = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(mapping, MAP_FAILED);
  StatusOr<v1::Document> doc = ex->Extract(std::string_view(static_cast<const char*>(mapping), size));
  munmap(mapping, size);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->status().code(), v1::Status::TOO_LARGE);
  EXPECT_EQ(doc->facts_size(), 0);
}

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// CPU seconds of one extraction of `text` on this thread: unlike wall time,
// other processes on a loaded machine do not count.
double ExtractionCpuSeconds(const Extractor& ex, const std::string& text) {
  double start = ThreadCpuSeconds();
  StatusOr<v1::Document> doc = ex.Extract(text);
  double took = ThreadCpuSeconds() - start;
  EXPECT_TRUE(doc.ok());
  return took;
}

TEST(RobustnessTest, PathologicalInputsTakeLinearTime) {
  // Each shape repeated n and 4n times: linear time gives a ratio near 4
  // (a little more when the larger input falls out of the caches), quadratic
  // near 16. Ratios of CPU time, not absolute times, so a slow or loaded
  // machine does not matter; the best of three runs evens out noise.
  struct Shape {
    const char* name;
    std::string unit;
  };
  const std::vector<Shape> shapes = {
      {"digits", "9"},
      {"full-width digits", "９"},
      {"Chinese numerals", "九"},
      {"opening quotes", "“"},
      {"closing quotes", "”"},
      {"ASCII quotes", "\""},
      {"quote pairs with a word", "“字”"},
      {"opening titles", "《"},
      {"dense facts", "1次"},
      {"ordinal markers", "第"},
      {"enumeration commas", "、"},
      {"digits with points", "1."},
      {"digits with commas", "1,"},
      {"years", "2023年"},
      {"broken lines", "字\n"},
      {"blank lines", "\n\n"},
      {"spaces", " \u3000"},
      {"invalid bytes", "\xFF"},
      {"percent words", "百分之"},
      {"sentence ends", "。"},
  };
  const size_t n = kSanitized ? 25000 : 100000;
  for (const Shape& shape : shapes) {
    const std::string small = Repeat(shape.unit, n);
    const std::string large = Repeat(shape.unit, 4 * n);
    double t_small = 1e9, t_large = 1e9;
    for (int round = 0; round < 3; ++round) {  // interleaved, so load changes hit both
      t_small = std::min(t_small, ExtractionCpuSeconds(DefaultExtractor(), small));
      t_large = std::min(t_large, ExtractionCpuSeconds(DefaultExtractor(), large));
    }
    // Below 50 ms the large input is fast whatever its growth, and the
    // ratio would mostly measure cache effects.
    if (t_large < 0.05) continue;
    EXPECT_LT(t_large / t_small, 10.0) << shape.name << ": " << t_small << " s for " << n << " repetitions, " << t_large
                                      << " s for " << 4 * n;
  }
}

}  // namespace
}  // namespace tiqu
