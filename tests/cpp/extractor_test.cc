// The engine on small texts, with a small frozen rule set of its own so that
// changes to the shipped rules never break these tests.
#include <gtest/gtest.h>

#include <thread>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

constexpr char kTestRules[] = R"(
lexicons { name: "test_units" entries: ["户", "人次", "个"] }
rules {
  id: "test.count"
  type: QUANTITY
  pattern: "(?P<span>(?P<num>{number})(?P<unit>{test_units}))(?P<item>\\p{Han}{1,4})?"
  not_preceded_by: "第"
  fields { name: "value" group: "num" normalizer: "number" }
  fields { name: "unit" group: "unit" }
  fields { name: "item" group: "item" }
  examples { text: "走访622户" expect { text: "622户" quantity { value: 622 unit: "户" } } }
}
rules {
  id: "test.idiom"
  type: QUANTITY
  suppress: true
  pattern: "千家万户"
  examples { text: "走进千家万户" }
}
rules {
  id: "test.share"
  type: PERCENTAGE
  pattern: "(?P<v>{arabic})%"
  fields { name: "value" group: "v" normalizer: "number" }
  examples { text: "占比30%" expect { text: "30%" percentage { value: 30 } } }
}
rules {
  id: "test.rise"
  type: CHANGE
  absorbs: PERCENTAGE
  pattern: "提高(?P<by>{arabic})%"
  fields { name: "direction" value: "INCREASE" }
  fields { name: "by" group: "by" normalizer: "number" }
  examples { text: "提高5%" expect { text: "提高5%" change { by: 5 } } }
}
rules {
  id: "test.custom"
  type: CUSTOM
  custom_type: "PHONE"
  pattern: "1[3-9][0-9]{9}"
  fields { name: "number" }
  examples { text: "电话13912345678" expect { text: "13912345678" } }
}
)";

Extractor TestExtractor() {
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_texts = {{"test_rules", kTestRules}};
  StatusOr<Extractor> ex = Extractor::Create(options);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  return *ex;
}

// Python-style slicing by code points.
std::string SliceCodePoints(const std::string& s, int begin, int end) {
  std::u32string u;
  for (size_t i = 0; i < s.size();) {
    unsigned char b = s[i];
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = n == 1 ? b : b & (0xFF >> (n + 1));
    for (size_t k = 1; k < n; ++k) c = (c << 6) | (s[i + k] & 0x3F);
    u.push_back(c);
    i += n;
  }
  std::string out;
  for (int i = begin; i < end; ++i) {
    char32_t c = u[i];
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

void ExpectOffsetsExact(const std::string& text, const v1::Document& doc) {
  for (const v1::Fact& f : doc.facts()) {
    EXPECT_EQ(SliceCodePoints(text, f.span().begin(), f.span().end()), f.text());
    EXPECT_EQ(text.substr(f.span().byte_begin(), f.span().byte_end() - f.span().byte_begin()), f.text());
  }
}

TEST(ExtractorTest, FindsFactsWithExactOffsets) {
  Extractor ex = TestExtractor();
  std::string text = "今年走访群众622户困难家庭，服务1.5万人次。";
  StatusOr<v1::Document> doc = ex.Extract(text);
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->facts_size(), 2);
  EXPECT_EQ(doc->facts(0).text(), "622户");
  EXPECT_EQ(doc->facts(0).quantity().value(), 622);
  EXPECT_EQ(doc->facts(0).quantity().item(), "困难家庭");
  EXPECT_EQ(doc->facts(0).rule(), "test.count");
  EXPECT_EQ(doc->facts(0).span().begin(), 6);
  EXPECT_EQ(doc->facts(0).span().end(), 10);
  EXPECT_EQ(doc->facts(1).quantity().value(), 15000);
  EXPECT_EQ(doc->facts(1).quantity().qualifier(), v1::EXACT);
  EXPECT_EQ(doc->status().code(), v1::Status::OK);
  ExpectOffsetsExact(text, *doc);
}

TEST(ExtractorTest, OffsetsPointIntoTheOriginalWhateverTheNormalization) {
  Extractor ex = TestExtractor();
  for (std::string text : {"走訪群眾６２２戶。", "服务\u3000１.５萬人次", "走访\n  群众62\n2户", "①號：约１２个。",
                           "走访群众\u00A0\u00A0622户\r\n完成"}) {
    StatusOr<v1::Document> doc = ex.Extract(text);
    ASSERT_TRUE(doc.ok());
    EXPECT_GE(doc->facts_size(), 1) << text;
    ExpectOffsetsExact(text, *doc);
  }
}

TEST(ExtractorTest, BrokenLineDoesNotStopAMatch) {
  Extractor ex = TestExtractor();
  std::string text = "全年走访群众62\n2户";
  StatusOr<v1::Document> doc = ex.Extract(text);
  ASSERT_EQ(doc->facts_size(), 1);
  EXPECT_EQ(doc->facts(0).text(), "62\n2户");
  EXPECT_EQ(doc->facts(0).quantity().value(), 622);
}

TEST(ExtractorTest, InvalidUtf8IsRepairedAndReported) {
  Extractor ex = TestExtractor();
  std::string text = "\xFF\xFE走访622户\xE4";
  StatusOr<v1::Document> doc = ex.Extract(text);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->status().code(), v1::Status::INVALID_UTF8);
  ASSERT_EQ(doc->facts_size(), 1);
  // Each invalid byte is one code point, as Python's decode("utf-8", "replace").
  EXPECT_EQ(doc->facts(0).span().begin(), 4);
  EXPECT_EQ(doc->facts(0).span().byte_begin(), 8);
  EXPECT_EQ(doc->length(), 9);
}

TEST(ExtractorTest, OrdinalsAreNotQuantities) {
  Extractor ex = TestExtractor();
  EXPECT_EQ(ex.Extract("第3个").value().facts_size(), 0);
}

TEST(ExtractorTest, NumbersInsideTitlesAndQuotedNamesAreOpaque) {
  Extractor ex = TestExtractor();
  EXPECT_EQ(ex.Extract("印发《关于3个方面的通知》").value().facts_size(), 0);
  EXPECT_EQ(ex.Extract("打造“15个示范”品牌").value().facts_size(), 0);
  // Quoted speech is ordinary text.
  EXPECT_EQ(ex.Extract("他说：“今年我们走访了622户，收获很大。”").value().facts_size(), 1);
}

TEST(ExtractorTest, SuppressRulesBlockFixedPhrases) {
  Extractor ex = TestExtractor();
  EXPECT_EQ(ex.Extract("走进千家万户").value().facts_size(), 0);
}

TEST(ExtractorTest, AbsorbedFactsAreDropped) {
  Extractor ex = TestExtractor();
  StatusOr<v1::Document> doc = ex.Extract("占比30%，同比提高5%");
  ASSERT_EQ(doc->facts_size(), 2);
  EXPECT_EQ(doc->facts(0).type(), v1::Fact::PERCENTAGE);
  EXPECT_EQ(doc->facts(1).type(), v1::Fact::CHANGE);
  EXPECT_EQ(doc->facts(1).text(), "提高5%");
}

TEST(ExtractorTest, CustomFactsCarryTheirFields) {
  Extractor ex = TestExtractor();
  StatusOr<v1::Document> doc = ex.Extract("联系电话13912345678");
  ASSERT_EQ(doc->facts_size(), 1);
  EXPECT_EQ(doc->facts(0).type(), v1::Fact::CUSTOM);
  EXPECT_EQ(doc->facts(0).custom_type(), "PHONE");
  EXPECT_EQ(doc->facts(0).custom().fields().at("number").string_value(), "13912345678");
}

TEST(ExtractorTest, SentenceIndex) {
  Extractor ex = TestExtractor();
  StatusOr<v1::Document> doc = ex.Extract("第一句没有。第二句有5户。");
  ASSERT_EQ(doc->facts_size(), 1);
  EXPECT_EQ(doc->facts(0).sentence(), 1);
}

TEST(ExtractorTest, BadReferenceDateIsAnError) {
  Extractor ex = TestExtractor();
  DocumentOptions options;
  options.reference_date = "2024-02-30";
  EXPECT_EQ(ex.Extract("x", options).status().code(), StatusCode::kInvalidArgument);
  options.reference_date = "2024-02-29";
  EXPECT_TRUE(ex.Extract("x", options).ok());
}

TEST(ExtractorTest, EmptyAndHostileInputs) {
  Extractor ex = TestExtractor();
  for (std::string text : {std::string(), std::string("\0\0\0", 3), std::string(100000, '9'),
                           std::string(30000, '\n'), std::string("”“《》", 12)}) {
    StatusOr<v1::Document> doc = ex.Extract(text);
    ASSERT_TRUE(doc.ok());
    ExpectOffsetsExact(text, *doc);
  }
}

TEST(ExtractorTest, TooLargeDocumentsYieldARecord) {
  ExtractorOptions options;
  options.default_rules = false;
  options.max_document_bytes = 10;
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_TRUE(ex.ok());
  StatusOr<v1::Document> doc = ex->Extract("这是一段超过十个字节的文本", {"big", "", "", false});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->id(), "big");
  EXPECT_EQ(doc->status().code(), v1::Status::TOO_LARGE);
}

TEST(ExtractorTest, BatchKeepsOrderAndMatchesSingleCalls) {
  Extractor ex = TestExtractor();
  std::vector<DocumentInput> inputs;
  for (int i = 0; i < 200; ++i) {
    inputs.push_back({"走访" + std::to_string(i) + "户，服务" + std::to_string(i * 7) + "人次", {std::to_string(i)}});
  }
  StatusOr<std::vector<v1::Document>> docs = ex.ExtractBatch(inputs, 4);
  ASSERT_TRUE(docs.ok());
  ASSERT_EQ(docs->size(), inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    v1::Document single = *ex.Extract(inputs[i].text, inputs[i].options);
    EXPECT_EQ((*docs)[i].SerializeAsString(), single.SerializeAsString()) << i;
  }
}

}  // namespace
}  // namespace tiqu
