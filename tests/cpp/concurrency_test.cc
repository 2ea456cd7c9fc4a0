// One Extractor shared by many threads, as the CLI and the Python module use
// it. Built and run under ThreadSanitizer by `make test` (build-tsan), so a
// data race in the engine, the rule set or the normalizers fails the build.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

// Texts with facts of every shipped kind, plus the sample documents.
std::vector<std::string> Texts() {
  std::vector<std::string> texts = {
      "2023年全年走访群众622户，开展监督检查1.5万次，同比增长12.5%。",
      "截至2024年3月底，累计投入资金约3亿元，惠及群众两万三千余人。",
      "報告稱：去年處理問題線索１２８件，立案４５件。",
      "“千家万户”工程覆盖《关于3个方面的通知》所列的15个示范村。",
      std::string("\xFF\xFE无效\xE4字节5次", 13),
  };
  for (const char* name : {"01_linjiang_discipline_2023.txt", "03_newspaper_page_06.txt",
                           "05_traditional_fullwidth.txt"}) {
    std::ifstream in(std::string(TIQU_EXAMPLES_DIR) + "/corpus/" + name, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    if (!buf.str().empty()) texts.push_back(buf.str());
  }
  return texts;
}

Extractor DefaultExtractor() {
  StatusOr<Extractor> ex = Extractor::Create();
  EXPECT_TRUE(ex.ok()) << ex.status().ToString();
  return *ex;
}

TEST(ConcurrencyTest, ThreadsSharingOneExtractorAgreeWithASingleThread) {
  const Extractor extractor = DefaultExtractor();
  const std::vector<std::string> texts = Texts();
  std::vector<std::string> expected;
  for (const std::string& text : texts) expected.push_back(extractor.Extract(text)->SerializeAsString());

  constexpr int kThreads = 4;
  constexpr int kRounds = 3;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          size_t k = (i + t) % texts.size();  // threads work on different texts at once
          StatusOr<v1::Document> doc = extractor.Extract(texts[k]);
          if (!doc.ok() || doc->SerializeAsString() != expected[k]) ++mismatches;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(ConcurrencyTest, CopiesOfAnExtractorShareRulesSafely) {
  const Extractor original = DefaultExtractor();
  const std::vector<std::string> texts = Texts();
  const std::string expected = original.Extract(texts[0])->SerializeAsString();
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Extractor copy = original;  // copies share the compiled rules
      for (int i = 0; i < 5; ++i) {
        if (copy.Extract(texts[0])->SerializeAsString() != expected) ++mismatches;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(ConcurrencyTest, BatchOnManyThreadsMatchesSingleCalls) {
  const Extractor extractor = DefaultExtractor();
  const std::vector<std::string> texts = Texts();
  std::vector<DocumentInput> inputs;
  for (int i = 0; i < 64; ++i) {
    DocumentInput in;
    in.text = texts[i % texts.size()];
    in.options.id = std::to_string(i);
    in.options.include_text = i % 2 == 0;
    inputs.push_back(std::move(in));
  }
  StatusOr<std::vector<v1::Document>> docs = extractor.ExtractBatch(inputs, 4);
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    EXPECT_EQ((*docs)[i].SerializeAsString(), extractor.Extract(inputs[i].text, inputs[i].options)->SerializeAsString())
        << i;
  }
}

TEST(ConcurrencyTest, ExtractorsCreatedOnSeveralThreadsAtOnce) {
  // Rule compilation touches process-wide registries (normalizers, protobuf
  // descriptors) the first time: several threads may do it together.
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      StatusOr<Extractor> ex = Extractor::Create();
      if (!ex.ok() || ex->Extract("走访群众622户")->facts_size() == 0) ++failures;
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace tiqu
