"""Facts as tables (pandas, Arrow, Parquet) and as HTML."""
import html
import json
import re

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import tiqu

TEXT = "上周走访群众６２２户，开展检查288次；又走访3个村。"
VISITS_RULES = """
rules {
  id: "custom.visits"
  type: CUSTOM
  custom_type: "VISITS"
  pattern: "走访(?:群众)?(?P<span>(?P<n>{number})(?P<unit>户|个村))"
  fields { name: "count" group: "n" normalizer: "number" }
  fields { name: "unit" group: "unit" }
  examples {
    text: "本月走访群众40户"
    expect { text: "40户" custom { fields { key: "count" value { number_value: 40 } } } }
  }
}
"""


@pytest.fixture(scope="module")
def docs():
    ex = tiqu.Extractor(rule_texts={"visits.textproto": VISITS_RULES})
    return ex.extract_many([("a", TEXT), ("b", "全年检查１５次"), ("c", "没有数字")])


def test_to_pandas_one_row_per_fact(docs):
    df = tiqu.to_pandas(docs)
    assert len(df) == sum(len(d.facts) for d in docs)
    assert list(df.columns) == list(tiqu.FACT_COLUMNS)
    for column in ["doc_id", "type", "begin", "end", "text", "rule", "sentence", "value", "value_max", "unit",
                   "qualifier", "item", "metric", "amount", "currency", "time_value", "resolved", "name",
                   "category", "custom"]:
        assert column in df.columns
    by_text = df.set_index("text")
    row = by_text.loc["288次"]
    assert row["doc_id"] == "a" and row["type"] == "QUANTITY" and row["value"] == 288.0
    assert row["unit"] == "次" and row["qualifier"] == "EXACT"
    assert TEXT[row["begin"]:row["end"]] == "288次"
    assert by_text.loc["１５次", "value"] == 15.0
    visits = df[df["type"] == "CUSTOM"]
    assert list(visits["custom_type"]) == ["VISITS", "VISITS"]
    assert [c["count"] for c in visits["custom"]] == [622, 3]
    assert visits["value"].isna().all()


def test_to_pandas_dtypes(docs):
    df = tiqu.to_pandas(docs)
    assert df["begin"].dtype == "int64" and df["sentence"].dtype == "int64"
    assert df["value"].dtype == "float64" and df["amount"].dtype == "float64"
    assert isinstance(df["type"].dtype, pd.CategoricalDtype)
    assert isinstance(df["qualifier"].dtype, pd.CategoricalDtype)
    assert isinstance(df["unit"].dtype, pd.StringDtype)
    assert df["item"].isna().any() or df["item"].notna().any()


def test_to_pandas_empty_and_single(docs):
    empty = tiqu.to_pandas([docs[2]])
    assert len(empty) == 0 and list(empty.columns) == list(tiqu.FACT_COLUMNS)
    assert len(tiqu.to_pandas(docs[0])) == len(docs[0].facts)


def test_schema_names_are_unique_and_cover_every_value_field():
    assert len(set(tiqu.FACT_COLUMNS)) == len(tiqu.FACT_COLUMNS)
    oneof = tiqu.Fact.DESCRIPTOR.oneofs_by_name["value"]
    for member in oneof.fields:
        if member.name == "custom":
            continue
        for field in member.message_type.fields:
            assert field.name in tiqu.FACT_COLUMNS or f"{member.name}_{field.name}" in tiqu.FACT_COLUMNS


def test_every_type_fills_its_columns():
    doc = tiqu.Document(id="x")
    f = doc.facts.add(type=tiqu.Fact.TIME, text="今年")
    f.time.value, f.time.resolved, f.time.kind = "XXXX", "2024", tiqu.document_pb2.Time.DATE
    f = doc.facts.add(type=tiqu.Fact.MONEY, text="1.5亿元")
    f.money.amount, f.money.currency = 1.5e8, "CNY"
    f = doc.facts.add(type=tiqu.Fact.PERSON, text="张三")
    f.person.name = "张三"
    f.person.titles.extend(["书记", "主任"])
    f = doc.facts.add(type=tiqu.Fact.SLOGAN, text="两个维护")
    f.slogan.text, f.slogan.numbers[:] = "两个维护", [2]
    df = tiqu.to_pandas(doc)
    assert df.loc[0, "time_value"] == "XXXX" and df.loc[0, "resolved"] == "2024" and df.loc[0, "kind"] == "DATE"
    assert df.loc[1, "amount"] == 1.5e8 and df.loc[1, "currency"] == "CNY" and pd.isna(df.loc[1, "value"])
    assert df.loc[2, "titles"] == ["书记", "主任"] and df.loc[2, "name"] == "张三"
    assert df.loc[3, "slogan_text"] == "两个维护" and df.loc[3, "numbers"] == [2.0]
    table = tiqu.to_arrow(doc)
    assert table.column("titles").to_pylist()[2] == ["书记", "主任"]
    assert table.column("time_value").to_pylist()[0] == "XXXX"


def test_to_arrow_and_parquet(tmp_path, docs):
    table = tiqu.to_arrow(docs)
    assert isinstance(table, pa.Table)
    assert table.num_rows == sum(len(d.facts) for d in docs)
    assert table.schema.field("value").type == pa.float64()
    assert pa.types.is_dictionary(table.schema.field("type").type)
    path = tmp_path / "facts.parquet"
    tiqu.write_parquet(path, docs)
    back = pq.read_table(path)
    assert back.num_rows == table.num_rows
    assert back.column("text").to_pylist() == [f.text for d in docs for f in d.facts]
    assert {"count": 622, "unit": "户"} in [json.loads(c) for c in back.column("custom").to_pylist() if c]


# --- HTML --------------------------------------------------------------------------------

def test_html_highlights_facts_with_legend_and_hover(docs):
    page = tiqu.to_html(docs[0])
    # Each fragment has its own CSS scope; otherwise Document's HTML is to_html's.
    assert re.sub(r"tiqu-doc-\d+", "", page) == re.sub(r"tiqu-doc-\d+", "", docs[0]._repr_html_())
    counts = {}
    for f in docs[0].facts:
        counts[tiqu.Fact.Type.Name(f.type)] = counts.get(tiqu.Fact.Type.Name(f.type), 0) + 1
    assert {"QUANTITY", "CUSTOM"} <= set(counts)
    for name, count in counts.items():  # the legend names and counts the types
        assert f">{name} {count}</span>" in page
    marks = re.findall(r'<mark[^>]*style="background:(#[0-9a-f]+)" title="([^"]*)">([^<]*)</mark>', page)
    texts = {m[2]: (m[0], html.unescape(m[1])) for m in marks}
    # 288次 is a QUANTITY only; 村 ends the CUSTOM fact 3个村 only: different colours.
    assert texts["288次"][0] != texts["村"][0]
    hover = texts["288次"][1]
    assert "QUANTITY" in hover and "value: 288" in hover and "unit: 次" in hover
    assert "VISITS" in texts["村"][1] and "count: 3\n" in texts["村"][1]
    # Where two facts cover the same characters, the hover shows both.
    both = texts["６２２户"][1]
    assert "QUANTITY" in both and "VISITS" in both and "count: 622" in both
    # The full text is there, in order.
    assert re.sub(r"<[^>]+>", "", page.split('class="tq-text">', 1)[1]).startswith(TEXT)


def test_html_is_escaped():
    ex = tiqu.Extractor()
    text = '<script>alert("x")</script> & 检查288次 <b>"引号"</b>'
    doc = ex.extract(text, id="<id>")
    page = tiqu.to_html(doc)
    assert "<script>" not in page and "<b>" not in page and "<id>" not in page
    assert "&lt;script&gt;" in page and "&amp;" in page and "&lt;id&gt;" in page
    assert "288次</mark>" in page


def test_html_of_nested_facts():
    doc = tiqu.Document(id="n", text="西宁市城东区纪委")
    outer = doc.facts.add(type=tiqu.Fact.ORGANIZATION, text="西宁市城东区纪委")
    outer.span.begin, outer.span.end = 0, 8
    inner = doc.facts.add(type=tiqu.Fact.LOCATION, text="西宁市")
    inner.span.begin, inner.span.end = 0, 3
    page = tiqu.to_html(doc)
    assert page.count("<mark") == 2
    first = re.search(r'<mark[^>]*title="([^"]*)">西宁市</mark>', page)
    assert "LOCATION" in first.group(1) and "ORGANIZATION" in first.group(1)


def test_html_without_text_lists_facts(docs):
    ex = tiqu.Extractor()
    doc = ex.extract("检查288次", keep_text=False)
    page = tiqu.to_html(doc)
    assert "288次" in page and "not kept" in page
    assert "<mark" in tiqu.to_html(doc, text="检查288次")


def test_show_outside_ipython_returns_html(docs):

    assert "<mark" in tiqu.show(docs[0])
