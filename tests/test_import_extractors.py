"""Rule tests of tools/importer/readers/extractors.py: each PDF extractor's signature recognised and undone, seeds untouched, and the figures reached on the typeset test pages."""

from collections import Counter
from pathlib import Path

import pytest

from tools.importer.readers import extractors
from tools.importer.readers.text import decode
from tools.textclass import visible

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEXTS = ROOT / "tests" / "newspaper" / "text"

# Column lines of invented prose, 12 hanzi wide: A is one column, B the next.
A = ["春风吹过田野万物开始生长，", "农民在地里忙着播种希望的", "种子。", "夏天来了雨水充足庄稼长得"]
B = ["城市里的街道干净又整齐，", "行人来来往往各自忙碌着生", "活。", "晚上灯火通明热闹非凡一片"]


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n\n\f"


# (name, page text, extractor recognised)
RECOGNITION = [
    ("hand-extracted text", "标题\n\n正文第一段。\n正文第二段。\n", extractors.NONE),
    ("hand-extracted, paragraph per line with spaces", "甲乙丙丁戊己 庚辛壬癸子丑 寅卯辰巳午未\n", extractors.NONE),
    ("pdftotext: form feed, columns joined by one space", lines(f"{A[0]} {B[0]}", f"{A[1]} {B[1]}"), extractors.PDFTOTEXT),
    ("pdfminer: radical code points", lines("⼈⺠⽇报", "⼀⼯⻛"), extractors.PDFMINER),
    ("layout: columns at offsets", lines(f"  {A[0]}      {B[0]}", f"{A[1]}      {B[1]}", f"{A[3]}      {B[3]}"),
     extractors.LAYOUT),
]


@pytest.mark.parametrize("name, text, expected", RECOGNITION, ids=[r[0] for r in RECOGNITION])
def test_recognition(name, text, expected):
    assert extractors.recognise(text) == expected


def test_interleaved_line_is_cut_into_its_columns():
    assert extractors.cut(f"{A[0]} {B[0]}", 12) == [A[0], B[0]]
    assert extractors.cut(f"{A[1]} {B[2]}", 12) == [A[1], B[2]]


def test_pdftotext_columns_rebuilt_one_after_the_other():
    page = lines(f"{A[0]} {B[0]}", f"{A[1]} {B[1]}", A[2], B[2], f"{A[3]} {B[3]}")
    text = extractors.undo(page).text
    assert [line for line in text.split("\n") if line] == A + B


# (radical code point, ideograph): Kangxi radicals NFKC repairs and Supplement ones it does not.
RADICALS = [("⼈", "人"), ("⽇", "日"), ("⼀", "一"), ("⼯", "工"), ("⺠", "民"), ("⻔", "门"), ("⻛", "风")]


@pytest.mark.parametrize("radical, ideograph", RADICALS)
def test_radical_code_points_become_ideographs(radical, ideograph):
    assert extractors.radicals()[radical] == ideograph
    result = extractors.undo(lines(f"⼈⼈⼈{radical}"))
    assert result.text.split("\n")[0] == f"人人人{ideograph}"


# (letter-spaced line, as it reads once the spacing is taken out)
SPACED = [
    ("习 近 平 总 书 记 指 出 ：“ 要", "习近平总书记指出：“要"),
    ("共 提 出 300 多 项 改 革", "共提出300多项改革"),
    ("GDP 增长", "GDP 增长"),               # a short run is no letter-spacing
]


@pytest.mark.parametrize("spaced, squeezed", SPACED)
def test_letter_spacing_taken_out(spaced, squeezed):
    assert extractors.unspace(spaced, Counter()) == squeezed


def test_blank_line_at_a_column_break_is_kept_for_unwrap():
    page = lines("⼈" + A[0], A[1], "", A[3])  # pdfminer: a paragraph runs on after the blank line
    text = extractors.undo(page).text
    assert text.split("\n")[:4] == ["人" + A[0], A[1], "", A[3]]


def test_horizontal_bars_become_em_dashes():
    result = extractors.undo(lines("⼈⺠⼀――读书"))
    assert result.text.split("\n")[0] == "人民一——读书"
    assert result.repairs["horizontal-bar-dashes"] == 2


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_no_seed_is_taken_for_an_extractors_output(path):
    text = decode(path.read_bytes(), str(path))
    result = extractors.undo(text)
    assert result.extractor == extractors.NONE
    assert result.text == text


@pytest.mark.parametrize("path", sorted(TEXTS.glob("*.txt")), ids=lambda p: p.name)
def test_nothing_lost_nothing_invented(path):
    text = decode(path.read_bytes(), str(path))
    result = extractors.undo(text)
    assert result.extractor != extractors.NONE
    table = extractors.radicals()
    before = Counter(table.get(c, c).replace("\u2015", "\u2014") for c in text if not c.isspace())
    after = Counter(c for c in result.text if not c.isspace())
    assert before == after and visible(text) == visible(result.text)


# The figures reached on the typeset test pages (tests/newspaper/): floors, not the goal of 90 %
# for pdftotext and pdfminer, which is not reached yet (see the import report's extractor entry).
FLOORS = {"pdfminer": (0.72, 11), "pdftotext": (0.37, 10), "layout": (0.38, 9)}


@pytest.mark.parametrize("form", sorted(FLOORS))
def test_score_on_the_test_pages(form):
    from tests.newspaper.score import score_form

    total, _ = score_form(form)
    share, titles = FLOORS[form]
    assert total.share_whole() >= share
    assert total.fields["title"][0] >= titles
