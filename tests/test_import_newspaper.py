"""The newspaper's own PDF pages import as the issue demands: the typeset test pages against their truth, the
layout's rules case by case, the accounting of every drawn character, and bad PDFs refused file by file."""

import json
import shutil
import sys
from pathlib import Path

import pytest
from robustness_helpers import EDITORIAL, run_import, snapshot

from tools.importer import layout, pipeline, repair, unwrap
from tools.importer.model import Line
from tools.importer.readers import pdf

sys.path.insert(0, str(Path(__file__).resolve().parent / "newspaper"))
import score  # noqa: E402  (tests/newspaper/score.py)

PAGES = Path(__file__).resolve().parent / "newspaper" / "pdf"
NOWHERE = Path("/nonexistent-editorial")


# ------------------------------------------------------------------ the test pages against their truth


@pytest.fixture(scope="module")
def pdf_scores():
    return score.score_form("pdf")


def test_every_heading_field_of_every_article_is_right(pdf_scores):
    total, _ = pdf_scores
    assert total.found == total.articles == 28
    misses = [m for m in total.misses if not m.startswith("paragraph:")]
    assert not misses, "\n".join(misses)
    for name in ("title", "kicker", "subtitle", "column", "authors", "note"):
        right, count = total.fields[name]
        assert right == count == total.articles, name
    assert total.headings_right == total.headings == 50


def test_paragraphs_are_whole_and_no_article_holds_another_s_text(pdf_scores):
    total, per_page = pdf_scores
    assert total.whole >= 0.98 * total.paragraphs, "\n".join(total.misses)
    assert total.foreign == 0
    assert total.extra_articles == 0
    for page, page_score in per_page.items():
        assert page_score.whole >= 0.95 * page_score.paragraphs, (page, page_score.misses)


@pytest.mark.parametrize("page", sorted(p.stem for p in PAGES.glob("*.pdf")))
def test_every_drawn_character_is_in_an_article_or_the_report(page):
    path = PAGES / f"{page}.pdf"
    document = pdf.read(path)
    drawn = sum(1 for p in document.pages for c in p.chars if c.text.strip())
    laid = sum(len("".join(line.text.split())) for p in document.pages for line in layout.lay_out(p).lines)
    assert laid == drawn
    report = pipeline.import_page(path, NOWHERE).report
    chars = report["characters"]
    assert report["balanced"] and chars["in"] == drawn
    assert chars["in_articles"] > 0.9 * drawn   # furniture and captions are the rest


def test_provenance_names_the_pdf_page_and_the_region_of_each_article():
    imported = pipeline.import_page(PAGES / "np06.pdf", NOWHERE)   # two PDF pages
    pages_seen = set()
    for article in imported.articles:
        source = article.meta["source"]
        on = {region[0] for region in source["regions"]}
        assert source["pdf_pages"] == pipeline.line_ranges(sorted(on))   # "1", "2" or "1-2"
        for page, x0, top, x1, bottom in source["regions"]:
            assert page in (1, 2) and 0 <= x0 < x1 <= 1100 and 0 <= top < bottom <= 1600
        pages_seen |= on
    assert pages_seen == {1, 2}
    assert imported.report["pdf"]["pictures"] is not None


def test_founder_punctuation_is_told_by_the_ink():
    imported = pipeline.import_page(PAGES / "np04.pdf", NOWHERE)   # set in FZShuSong-Z01, text layer damaged
    text = "".join(a.text for a in imported.articles)
    assert "尧" not in text and "袁" not in text.replace("袁鸿渝", "")   # 、 and ， came back, the name stayed
    assert "地方产业—地方高校—创新平台" in text                       # — was drawn where the layer says 要
    assert imported.report["repairs"]["founder-punctuation (told by the glyph's ink)"] > 100


@pytest.mark.parametrize("form, ink, mark", [
    ("袁", (0.18, 0.2), "，"),      # a comma's ink is a dot
    ("袁", (0.92, 0.93), ""),       # a real 袁 fills its square
    ("要", (0.86, 0.05), "—"),      # a dash: full width, no height (only the ink can tell it)
    ("要", (0.90, 0.91), ""),
    ("也", (0.3, 0.9), "〔"),       # a bracket: tall and narrow
    ("的", (0.1, 0.1), ""),         # not a damaged form at all
])
def test_founder_mark_by_ink(form, ink, mark):
    assert repair.founder_mark_by_ink(form, ink, (0.92, 0.92)) == mark


# ------------------------------------------------------------------ the layout's rules, case by case


def row(text, x, top, size=10.0, font="NotoSerifCJKsc-Regular", bold=False, advance=None):
    """Characters set one after another from x on one row, each `advance` wide."""
    step = advance or size
    return [pdf.Char(c, x + i * step, top, x + i * step + size, top + size * 1.2,
                     (x + i * step + 0.05 * size, top + 0.15 * size, x + i * step + 0.95 * size, top + 1.05 * size),
                     size, font, bold) for i, c in enumerate(text)]


def test_a_title_row_stays_one_row_beside_body_text_at_nearly_its_height():
    title = row("紧紧抓住时间窗", 100, 100, size=22) + row("口", 100 + 7 * 22, 103, size=22)
    body = row("正文一行", 400, 108, size=10)   # another column, centre between the title's characters
    rows = layout.rows(title + body)
    texts = sorted("".join(c.text for c in sorted(r, key=lambda c: c.x0)) for r in rows)
    assert texts == ["正文一行", "紧紧抓住时间窗口"]


def page_of(*rows_, width=600, height=800):
    return pdf.PdfPage(1, width, height, [c for r in rows_ for c in r], [])


def read_lines(page):
    return [(line.text, line.geometry) for line in layout.lay_out(page).lines]


def test_a_title_over_the_middle_columns_owns_the_columns_on_both_sides():
    """A title centred over columns 2–3 of a four-column article: its byline and body follow it."""
    title = row("标题居中", 200, 40, size=24)
    byline = row("■某某", 250, 80, size=11)
    columns = [[row("正文正文正文正文", x, 110 + 14 * i, size=10) for i in range(6)] for x in (20, 160, 300, 440)]
    lines = read_lines(page_of(title, byline, *[r for column in columns for r in column]))
    texts = [text for text, _ in lines]
    assert texts[:2] == ["标题居中", "■某某"]
    assert [g.column[0] for _, g in lines[2:]] == sorted(g.column[0] for _, g in lines[2:])


def test_columns_are_read_one_after_another():
    left = [row("左栏第" + "一二三四五"[i] + "行文字", 20, 100 + 14 * i) for i in range(5)]
    right = [row("右栏第" + "一二三四五"[i] + "行文字", 160, 100 + 14 * i) for i in range(5)]
    texts = [text for text, _ in read_lines(page_of(*left, *right))]
    assert texts == [f"左栏第{n}行文字" for n in "一二三四五"] + [f"右栏第{n}行文字" for n in "一二三四五"]


def blocks_of(*rows_):
    raw_lines = read_lines(page_of(*rows_))
    lines = [Line(n, text, bold=g.bold, bold_lead=g.bold_lead, geometry=g)
             for n, (text, g) in enumerate(raw_lines, 1)]
    return unwrap.unwrap_geometric(lines)


def test_paragraphs_come_from_indents_and_short_last_lines_not_line_length():
    rows_ = [row("第一段首行缩进两字", 40, 100),            # indented
             row("第一段续行排满整栏宽度", 20, 114),
             row("末行短", 20, 128),                        # short: the paragraph ends
             row("第二段不缩进也开始新段", 20, 142),
             row("第二段续行排满整栏宽度", 20, 156)]
    blocks = blocks_of(*rows_)
    assert [b.kind for b in blocks] == ["para", "para"]
    assert blocks[0].text == "第一段首行缩进两字第一段续行排满整栏宽度末行短"


def test_a_bold_lead_of_several_lines_runs_on_into_its_paragraph():
    bold = "NotoSansCJKsc-Bold"
    rows_ = [row("加粗的领句占满一行", 40, 100, font=bold, bold=True),      # 9 + 2 of indent = 11 wide
             row("领句还在继续加粗排满行", 20, 114, font=bold, bold=True),   # 11
             row("接着是正文排满了一整行", 20, 128),
             row("正文末行", 20, 142)]
    blocks = blocks_of(*rows_)
    assert [b.kind for b in blocks] == ["para"]
    assert blocks[0].bold_lead == "加粗的领句占满一行领句还在继续加粗排满行"


def test_a_whole_bold_line_that_ends_short_is_a_heading():
    bold = "NotoSansCJKsc-Bold"
    rows_ = [row("一、小标题", 20, 100, font=bold, bold=True),
             row("正文首行缩进两个字", 40, 114),
             row("正文续行排满整栏宽度了", 20, 128),
             row("正文末行", 20, 142)]
    blocks = blocks_of(*rows_)
    assert [b.kind for b in blocks] == ["head", "para"]


def test_a_small_centred_kicker_over_a_title_is_its_kicker():
    body = "正文续行排满整栏宽度的文字零一二三四五六七八九十"    # 24 wide: the column is 20–260
    rows_ = [row("引题稍大居中", 104, 60, size=12),
             row("主标题大字", 80, 80, size=24),
             row("■作者", 123.5, 115, size=11),
             row(body[:22], 40, 140),
             row(body, 20, 154),
             row("末行", 20, 168)]
    blocks = blocks_of(*rows_)
    assert [(b.kind, b.level) for b in blocks[:3]] == [("head", 2), ("head", 1), ("byline", 0)]
    assert [b.kind for b in blocks[3:]] == ["para"]


# ------------------------------------------------------------------ bad PDFs, one by one


def make_bad_pdfs(folder: Path) -> dict[str, str]:
    """Encrypted, a scan (no text layer), truncated, not a PDF: file name → the rule that refuses it."""
    import pypdf
    from PIL import Image
    reader = pypdf.PdfReader(PAGES / "np03.pdf")
    writer = pypdf.PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(folder / "locked.pdf", "wb") as out:
        writer.write(out)
    Image.new("RGB", (600, 800), "white").save(folder / "scan.pdf")
    (folder / "truncated.pdf").write_bytes((PAGES / "np01.pdf").read_bytes()[:30000])
    (folder / "notes.pdf").write_bytes("这不是PDF文件\n".encode("utf-8"))
    return {"locked.pdf": "pdf-encrypted", "scan.pdf": "pdf-no-text", "truncated.pdf": "pdf-truncated",
            "notes.pdf": "not-pdf"}


def test_bad_pdfs_are_refused_by_name_and_the_other_pages_still_import(tmp_path):
    seeds, out, report = tmp_path / "seeds", tmp_path / "out" / "articles", tmp_path / "out" / "report.json"
    seeds.mkdir()
    shutil.copy(PAGES / "np02.pdf", seeds)
    bad = make_bad_pdfs(seeds)
    done = run_import(seeds, out, EDITORIAL, report)
    assert done.returncode == 65, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    for name, rule in bad.items():
        assert f"{seeds / name}: [{rule}]" in done.stderr, done.stderr
        assert f"{name} was not imported" in done.stderr
    assert "OCR" in done.stderr
    written = json.loads(report.read_text(encoding="utf-8"))
    assert {r["page"]: r["rule"] for r in written["refused"]} == bad
    assert [p["page"] for p in written["pages"]] == ["np02.pdf"]
    assert len(list(out.glob("*.md"))) == 3
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".tmp", "~"))]


def test_a_pdf_that_turns_bad_keeps_the_articles_it_gave(tmp_path):
    seeds, out, report = tmp_path / "seeds", tmp_path / "out" / "articles", tmp_path / "out" / "report.json"
    seeds.mkdir()
    shutil.copy(PAGES / "np02.pdf", seeds)
    assert run_import(seeds, out, EDITORIAL, report).returncode == 0
    before = snapshot(out)
    (seeds / "np02.pdf").write_bytes((PAGES / "np02.pdf").read_bytes()[:20000])   # a bad copy over it
    shutil.copy(PAGES / "np05.pdf", seeds)
    done = run_import(seeds, out, EDITORIAL, report)
    assert done.returncode == 65 and "[pdf-truncated]" in done.stderr
    after = snapshot(out)
    assert all(after.get(name) == data for name, data in before.items())   # nothing of np02 removed
    assert len(after) == len(before) + 3                                   # np05's three articles


def test_a_scanned_page_inside_a_pdf_is_reported_and_the_rest_imported(tmp_path):
    import pypdf
    from PIL import Image
    Image.new("RGB", (600, 800), "white").save(tmp_path / "scan.pdf")
    writer = pypdf.PdfWriter()
    writer.append(str(PAGES / "np01.pdf"))
    writer.append(str(tmp_path / "scan.pdf"))
    mixed = tmp_path / "mixed.pdf"
    with open(mixed, "wb") as out:
        writer.write(out)
    imported = pipeline.import_page(mixed, NOWHERE)
    assert len(imported.articles) == 3 and imported.report["balanced"]
    assert imported.report["pdf"]["unreadable_pages"][0]["pdf_page"] == 2
    assert any("PDF page 2 was not imported" in w and "OCR" in w for w in imported.report["warnings"])


def test_a_page_in_two_forms_is_refused(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(PAGES / "np02.pdf", seeds / "p.pdf")
    (seeds / "p.txt").write_text("标题\n\n正文。\n", encoding="utf-8")
    done = run_import(seeds, tmp_path / "out" / "articles", EDITORIAL, tmp_path / "out" / "r.json")
    assert done.returncode == 65 and "[page-twice]" in done.stderr and "Nothing was written." in done.stderr
    assert not (tmp_path / "out").exists()


def test_titles_and_kickers_keep_the_full_width_space_that_sets_their_phrases_apart():
    for page in score.PAGES:
        truth = score.expected(page)
        imported = pipeline.import_page(PAGES / f"{page}.pdf", NOWHERE)
        printed = {(a.meta["title"], a.meta.get("kicker", ""), a.meta.get("subtitle", "")) for a in imported.articles}
        wanted = {(a["title"], a["kicker"], a["subtitle"]) for a in truth["articles"]}
        assert printed == wanted, page
