"""tiqu.spark in a local Spark (local[2]): the facts of the sample documents
through the Arrow batch UDF equal those of Extractor.extract_many."""
import os
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")

import tiqu  # noqa: E402
from tiqu.spark import extract_facts, fact_schema  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="module")
def spark():
    # The executors' Python must be this one, where tiqu is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("tiqu-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def _documents():
    paths = sorted(CORPUS.glob("*.txt"))
    assert paths, f"no sample documents in {CORPUS}"
    return [(p.stem, p.read_text(encoding="utf-8")) for p in paths]


def _key(row):
    return (row["doc_id"], row["begin"], row["end"], row["type"], row["rule"])


def test_spark_facts_equal_extract_many(spark):
    documents = _documents()
    # Three partitions over two cores: several batches, several tasks.
    df = spark.createDataFrame(documents, ["id", "text"]).repartition(3)
    rows = [r.asDict() for r in extract_facts(df, reference_date="2024-01-04").collect()]

    local = tiqu.to_pandas(tiqu.Extractor().extract_many(documents, reference_date="2024-01-04"))
    expected = local.astype(object).where(local.notna(), None).to_dict("records")

    assert len(expected) > 50, "the sample documents should give many facts"
    assert sorted(map(_key, rows)) == sorted(map(_key, expected))
    by_key = {_key(r): r for r in expected}
    for row in rows:
        want = by_key[_key(row)]
        assert row["text"] == want["text"]
        assert row["sentence"] == want["sentence"]
        for column in ("value", "unit", "item", "qualifier", "time_value", "resolved", "name"):
            if column in row:
                got, exp = row[column], want.get(column)
                if isinstance(exp, float) and exp != exp:  # NaN: absent
                    exp = None
                assert got == exp, (column, row)


def test_schema_has_the_fact_columns(spark):
    assert fact_schema().fieldNames() == list(tiqu.FACT_COLUMNS)


def test_missing_column_is_a_clear_error(spark):
    df = spark.createDataFrame([("a", "text")], ["doc", "body"])
    with pytest.raises(ValueError, match="no column 'id'"):
        extract_facts(df)


def test_bad_rule_file_fails_on_the_driver(spark, tmp_path):
    bad = tmp_path / "bad.textproto"
    bad.write_text("rules { id: ", encoding="utf-8")
    df = spark.createDataFrame([("a", "全年走访群众622户")], ["id", "text"])
    with pytest.raises(tiqu.RuleError):
        extract_facts(df, rules=[str(bad)])


def test_null_text_gives_no_facts_and_no_crash(spark):
    df = spark.createDataFrame([("a", None), ("b", "走访群众622户")], "id string, text string")
    rows = extract_facts(df).collect()
    assert {r["doc_id"] for r in rows} == {"b"}


def test_types_reach_the_executors(spark):
    df = spark.createDataFrame([("a", "2023年全区走访群众622户,投入资金300万元")], ["id", "text"])
    rows = extract_facts(df, types=["TIME", "MONEY"]).collect()
    assert sorted(r["type"] for r in rows) == ["MONEY", "TIME"]
    with pytest.raises(ValueError, match="weather"):
        extract_facts(df, types=["weather"])
