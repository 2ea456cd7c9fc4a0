// Splitting a page into articles, on pages written for these tests.
#include "extract/article_annotator.h"

#include <gtest/gtest.h>

#include "tiqu/tiqu.h"

namespace tiqu {
namespace {

std::string Slice(const std::string& text, size_t begin, size_t end) { return text.substr(begin, end - begin); }

constexpr char kPage[] =
    "乡村振兴 奋进有我\n"
    "河湾村:小菜园长出大产业\n"
    "记者 王小明\n"
    "今年以来,河湾村发展庭院经济,带动农户增收。\n"
    "发展特色种植\n"
    "村里成立合作社,统一收购蔬菜。\n"
    "县城关镇\n"
    "调解室里化纠纷 邻里和睦暖人心\n"
    "本报讯(记者 王小明 通讯员 赵丽)近日,城关镇调解室成功调解一起纠纷。\n"
    "移风易俗树新风\n"
    "——县里推进文明乡风建设纪实\n"
    "张 岩\n"
    "文明乡风建设在全县铺开,红白喜事简办成为新风尚。\n"
    "县实验小学\n"
    "课后服务有温度\n"
    "学校开设二十余门兴趣课程,学生自主选择。\n"
    "(教体组)\n"
    "返回顶部\n";

TEST(FindArticlesTest, SplitsAPageByItsHeadlines) {
  std::string text = kPage;
  std::vector<ArticleLayout> articles = FindArticles(text);
  ASSERT_EQ(articles.size(), 4u);

  // The banner at the top is not part of the first article; a section
  // heading inside it (发展特色种植) does not start another.
  EXPECT_EQ(Slice(text, articles[0].begin, articles[0].title_end), "河湾村:小菜园长出大产业");
  EXPECT_EQ(Slice(text, articles[0].byline_begin, articles[0].byline_end), "记者 王小明");

  // A unit line before the headline belongs to the article; the byline comes from 本报讯(…).
  EXPECT_EQ(Slice(text, articles[1].begin, articles[1].title_begin), "县城关镇\n");
  EXPECT_EQ(Slice(text, articles[1].title_begin, articles[1].title_end), "调解室里化纠纷 邻里和睦暖人心");
  EXPECT_EQ(Slice(text, articles[1].byline_begin, articles[1].byline_end), "记者 王小明 通讯员 赵丽");

  // Subtitle and a bare name as byline.
  EXPECT_EQ(Slice(text, articles[2].subtitle_begin, articles[2].subtitle_end), "县里推进文明乡风建设纪实");
  EXPECT_EQ(Slice(text, articles[2].byline_begin, articles[2].byline_end), "张 岩");

  // Unit line, headline, text, closing credit; page furniture after it is cut.
  EXPECT_EQ(Slice(text, articles[3].title_begin, articles[3].title_end), "课后服务有温度");
  EXPECT_EQ(Slice(text, articles[3].byline_begin, articles[3].byline_end), "教体组");
  EXPECT_EQ(Slice(text, articles[3].end - std::string("(教体组)").size(), articles[3].end), "(教体组)");
  // Each article ends where the next begins, or before.
  for (size_t k = 0; k + 1 < articles.size(); ++k) EXPECT_LE(articles[k].end, articles[k + 1].begin);
}

TEST(FindArticlesTest, PortalPageWithADateLine) {
  std::string text =
      "首页>>地方>>县区\n"
      "春耕时节农事忙\n"
      "2024年03月05日09:30 | 来源:县融媒体中心\n"
      "眼下正值春耕时节,田间地头一派繁忙景象。\n";
  std::vector<ArticleLayout> articles = FindArticles(text);
  ASSERT_EQ(articles.size(), 1u);
  EXPECT_EQ(Slice(text, articles[0].title_begin, articles[0].title_end), "春耕时节农事忙");
  EXPECT_EQ(articles[0].begin, articles[0].title_begin);
}

TEST(FindArticlesTest, PlainTextHasNoArticles) {
  EXPECT_TRUE(FindArticles("今年以来,全县新建村级活动场所12个。各村积极开展活动。").empty());
}

TEST(ArticleAnnotatorTest, FactsCarryOriginalTextEvenWhenLinesWouldJoin) {
  ExtractorOptions options;
  options.default_rules = false;
  StatusOr<Extractor> ex = Extractor::Create(options);
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  // 发布日期…日 and the headline touch across a single line break, which
  // the matching text joins; the article still starts at the headline.
  std::string text = "发布日期:2024年01月04日\n小菜园长出大产业\n——河湾村庭院经济见闻\n今年以来,河湾村发展庭院经济。";
  StatusOr<v1::Document> doc = ex->Extract(text);
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->facts_size(), 1);
  const v1::Fact& f = doc->facts(0);
  EXPECT_EQ(f.type(), v1::Fact::ARTICLE);
  EXPECT_EQ(f.article().title(), "小菜园长出大产业");
  EXPECT_EQ(f.article().subtitle(), "河湾村庭院经济见闻");
  EXPECT_EQ(f.text().substr(0, std::string("小菜园").size()), "小菜园");
}

}  // namespace
}  // namespace tiqu
