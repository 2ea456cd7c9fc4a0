// ExtractionStream and Extractor::ExtractStream: order, bounded memory,
// early stop, and per-document errors. Uses a small rule set of its own so
// that changes to the shipped rules never break these tests.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

constexpr char kRules[] = R"pb(
rules {
  id: "stream_test.households"
  type: QUANTITY
  pattern: "(?P<span>(?P<num>{number})户)"
  fields { name: "value" group: "num" normalizer: "number" }
  fields { name: "unit" value: "户" }
  examples { text: "走访622户" expect { text: "622户" quantity { value: 622 unit: "户" } } }
}
)pb";

Extractor TestExtractor() {
  ExtractorOptions options;
  options.default_rules = false;
  options.rule_texts.push_back({"stream_test", kRules});
  StatusOr<Extractor> ex = Extractor::Create(options);
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  return std::move(*ex);
}

DocumentInput Input(int i) {
  // Lengths differ a lot so that later documents often finish first.
  std::string text;
  for (int k = 0; k < (i * 37) % 50 + 1; ++k) text += "本周走访" + std::to_string(i * 100 + k) + "户。";
  return {text, {"doc" + std::to_string(i)}};
}

TEST(StreamTest, ResultsComeInInputOrderAndMatchSingleCalls) {
  Extractor ex = TestExtractor();
  StreamOptions options;
  options.threads = 4;
  options.max_in_flight_documents = 3;
  ExtractionStream stream(ex, options);
  constexpr int kDocs = 300;
  std::thread producer([&] {
    for (int i = 0; i < kDocs; ++i) stream.Push(Input(i));
    stream.Close();
  });
  v1::Document doc;
  int taken = 0;
  while (stream.Next(&doc)) {
    DocumentInput in = Input(taken);
    v1::Document single = *ex.Extract(in.text, in.options);
    ASSERT_EQ(doc.id(), "doc" + std::to_string(taken));
    EXPECT_EQ(doc.SerializeAsString(), single.SerializeAsString()) << taken;
    EXPECT_GT(doc.facts_size(), 0);
    ++taken;
  }
  producer.join();
  EXPECT_EQ(taken, kDocs);
  EXPECT_EQ(stream.documents_taken(), static_cast<size_t>(kDocs));
}

TEST(StreamTest, PushBlocksWhenTheDocumentLimitIsReached) {
  Extractor ex = TestExtractor();
  StreamOptions options;
  options.threads = 2;
  options.max_in_flight_documents = 2;
  ExtractionStream stream(ex, options);
  EXPECT_TRUE(stream.CanPush(10));
  stream.Push(Input(1));
  stream.Push(Input(2));
  // Done or not, results not taken still count against the limit.
  EXPECT_FALSE(stream.CanPush(10));
  std::atomic<bool> third_pushed{false};
  std::thread producer([&] {
    stream.Push(Input(3));
    third_pushed = true;
    stream.Close();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(third_pushed.load());
  v1::Document doc;
  ASSERT_TRUE(stream.Next(&doc));
  EXPECT_EQ(doc.id(), "doc1");
  producer.join();
  EXPECT_TRUE(third_pushed.load());
  ASSERT_TRUE(stream.Next(&doc));
  EXPECT_EQ(doc.id(), "doc2");
  ASSERT_TRUE(stream.Next(&doc));
  EXPECT_EQ(doc.id(), "doc3");
  EXPECT_FALSE(stream.Next(&doc));
}

TEST(StreamTest, ByteLimitHoldsBackButADocumentLargerThanItGoesAlone) {
  Extractor ex = TestExtractor();
  StreamOptions options;
  options.threads = 2;
  options.max_in_flight_bytes = 100;
  ExtractionStream stream(ex, options);
  std::string big;
  for (int i = 0; i < 50; ++i) big += "走访12户。";  // well over 100 bytes
  EXPECT_TRUE(stream.CanPush(big.size()));
  stream.Push({big, {"big"}});
  EXPECT_FALSE(stream.CanPush(1));
  v1::Document doc;
  ASSERT_TRUE(stream.Next(&doc));
  EXPECT_EQ(doc.facts_size(), 50);
  EXPECT_TRUE(stream.CanPush(big.size()));
  stream.Close();
  EXPECT_FALSE(stream.Next(&doc));
}

TEST(StreamTest, InvalidReferenceDateIsThatDocumentsStatus) {
  Extractor ex = TestExtractor();
  ExtractionStream stream(ex, {});
  DocumentInput bad{"走访5户", {"bad"}};
  bad.options.reference_date = "2024-13-01";
  stream.Push(bad);
  stream.Push({"走访6户", {"good"}});
  stream.Close();
  v1::Document doc;
  ASSERT_TRUE(stream.Next(&doc));
  EXPECT_EQ(doc.id(), "bad");
  EXPECT_EQ(doc.status().code(), v1::Status::READ_ERROR);
  EXPECT_NE(doc.status().message().find("2024-13-01"), std::string::npos);
  ASSERT_TRUE(stream.Next(&doc));
  EXPECT_EQ(doc.status().code(), v1::Status::OK);
  EXPECT_EQ(doc.facts_size(), 1);
}

TEST(StreamTest, DestroyingAnUndrainedStreamReturns) {
  Extractor ex = TestExtractor();
  {
    ExtractionStream stream(ex, {});
    for (int i = 0; i < 5; ++i) stream.Push(Input(i));
  }  // neither closed nor drained: the destructor must not hang
  SUCCEED();
}

TEST(ExtractStreamTest, WritesEveryDocumentInOrder) {
  Extractor ex = TestExtractor();
  int next = 0;
  std::vector<std::string> ids;
  StreamOptions options;
  options.threads = 3;
  options.max_in_flight_documents = 4;
  Status st = ex.ExtractStream(
      [&](DocumentInput* in) {
        if (next == 100) return false;
        *in = Input(next++);
        return true;
      },
      [&](v1::Document&& doc) {
        ids.push_back(doc.id());
        return Status::Ok();
      },
      options);
  ASSERT_TRUE(st.ok()) << st.ToString();
  ASSERT_EQ(ids.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(ids[i], "doc" + std::to_string(i));
}

TEST(ExtractStreamTest, AWriteErrorStopsTheStreamEarly) {
  Extractor ex = TestExtractor();
  std::atomic<int> read{0};
  int written = 0;
  StreamOptions options;
  options.threads = 2;
  options.max_in_flight_documents = 4;
  Status st = ex.ExtractStream(
      [&](DocumentInput* in) {
        *in = Input(read++);
        return true;  // an endless input
      },
      [&](v1::Document&&) {
        return ++written == 10 ? IoError("disk full") : Status::Ok();
      },
      options);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("disk full"), std::string::npos);
  EXPECT_EQ(written, 10);
  // The reader stopped: at most the in-flight window past the failed write.
  EXPECT_LE(read.load(), 10 + 4 + 2);
}

}  // namespace
}  // namespace tiqu
