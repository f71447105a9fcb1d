"""Typeset born-digital newspaper theory pages for the importer's tests, and nothing else.

From pages.toml (which article goes on which page, in which layout, and the typesetter's
print decisions), the corpus articles (../shared/corpus/NN.txt) and the seed articles
(source/articles/<slug>.md) this script writes, under tests/newspaper/:

    html/<page>.html           the typeset page (what was printed)
    pdf/<page>.pdf             printed by headless Debian Chromium
    text/<page>.pdftotext.txt  poppler pdftotext, default mode
    text/<page>.layout.txt     pdftotext -layout
    text/<page>.pdfminer.txt   pdfminer.six extract_text, default LAParams
    expected/<page>.json       the truth: furniture, captions and the articles as printed
    MANIFEST.json              tool versions and the sha256 of every file above

Run from the repository root:

    .venv/bin/python tests/newspaper/typeset.py [--preview DIR] [--fill]

--preview also renders every PDF page to DIR with pdftoppm -r 50 (keep those out of the repo);
--fill prints how full each region's columns are (what pages.toml's heights are tuned by).
The script checks its own output before it ends: no text overflows its region, no font fell
back to a Type 3 system font, every hanzi of the expected JSON is on the PDF's text layer
(on the Founder page: after the punctuation damage), and the Founder damage is visible.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime
import hashlib
import html
import io
import json
import re
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import yaml
from fontTools import subset as ft_subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CORPUS = REPO.parent / "shared" / "corpus"  # ../shared/corpus, beside the checkout
SEEDS = REPO / "source" / "articles"
ORIGIN = "http://newspaper.invalid"          # pages are served to Chromium from memory, never the network
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
NOTO = Path("/usr/share/fonts/opentype/noto")
WEEKDAYS = "一二三四五六日"

# The faces the pages are set in: PostScript name → (Noto collection, CSS family, weight, local() name);
# the Simplified Chinese face is number SC_FACE_INDEX in each collection.
FACES = {
    "NotoSerifCJKsc-Regular": ("NotoSerifCJK-Regular.ttc", "NP Serif", 400, "Noto Serif CJK SC"),
    "NotoSerifCJKsc-Bold": ("NotoSerifCJK-Bold.ttc", "NP Serif", 700, "Noto Serif CJK SC Bold"),
    "NotoSansCJKsc-Regular": ("NotoSansCJK-Regular.ttc", "NP Sans", 400, "Noto Sans CJK SC"),
    "NotoSansCJKsc-Bold": ("NotoSansCJK-Bold.ttc", "NP Sans", 700, "Noto Sans CJK SC Bold"),
}
SC_FACE_INDEX = 2
FOUNDER_FONT = "FZShuSong-Z01"          # the one font a Founder page is set in (a copy of the serif)


# ----------------------------------------------------------------------------------------------
# Articles as their sources give them, and as the typesetter prints them

@dataclasses.dataclass
class Block:
    kind: str                 # "heading" or "para"
    text: str
    level: int = 0
    lead: str = ""            # a bold lead sentence the paragraph opens with


@dataclasses.dataclass
class Article:
    source: str               # "corpus/01.txt" or "seed/<slug>.md"
    kicker: str
    title: str
    column: str
    subtitle: str
    authors: list[str]
    note: str                 # the end note as printed: （作者为…） / （作者单位：…） / （作者系…） / （载《…》）
    project_note: str
    blocks: list[Block]
    page_note: str = ""       # （本版由…编辑）: printed once at the foot of the page


def printed_form(field: str) -> str:
    """A title field as printed: the web text's double space between two parts is a full-width space."""
    return re.sub(r" {2,}", "\u3000", field.strip())


def corpus_article(name: str) -> Article:
    head, body = (CORPUS / name).read_text(encoding="utf-8").split("\n\n", 1)
    fields = dict(line.split(": ", 1) if ": " in line else (line.rstrip(":"), "")
                  for line in head.splitlines())
    lines = [line for line in body.splitlines() if line.strip()]
    page_note = lines.pop() if re.fullmatch(r"（本版由.+编辑）", lines[-1]) else ""
    blocks = [Block("heading", line[2:-2], 2) if line.startswith("**") and line.endswith("**")
              else Block("para", line) for line in lines]
    authors = [a for a in fields["authors"].split("、") if a]
    return Article(f"corpus/{name}", printed_form(fields["kicker"]), printed_form(fields["title"]),
                   fields["column"], printed_form(fields["subtitle"]), authors,
                   fields["affiliation"], "", blocks, page_note)


def unescape_myst(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def seed_article(slug: str) -> Article:
    _, front, body = (SEEDS / f"{slug}.md").read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    assert not {"editorial", "fragments", "incomplete"} & meta.keys() and "〔" not in meta["title"], slug
    blocks = []
    for line in body.splitlines():
        if not line.strip() or line.startswith("# ") or re.fullmatch(r"\(.+\)=", line):
            continue
        heading = re.match(r"(#{2,3}) (.+)", line)
        blocks.append(Block("heading", unescape_myst(heading[2]), len(heading[1])) if heading
                      else Block("para", unescape_myst(line)))
    return Article(f"seed/{slug}.md", meta.get("kicker", ""), meta["title"], "", meta.get("subtitle", ""),
                   list(meta.get("authors", [])), seed_end_note(meta), meta.get("project_note", ""), blocks)


def seed_end_note(meta: dict) -> str:
    if "author_note" in meta:
        return f"（{meta['author_note']}）"
    if "affiliation" in meta:
        return f"（作者单位：{meta['affiliation']}）"
    if "reprinted_from" in meta:
        return f"（载{meta['reprinted_from']}）"
    return ""


def load_article(ref: str) -> Article:
    kind, name = ref.split("/", 1)
    return corpus_article(name) if kind == "corpus" else seed_article(name.removesuffix(".md"))


def apply_print_decisions(article: Article, decisions: dict) -> Article:
    """The typesetter's decisions: unmarked lines printed as headings, paragraphs opening bold."""
    for index in decisions.get("headings", []):
        block = article.blocks[index]
        assert block.kind == "para", (article.source, index)
        article.blocks[index] = Block("heading", block.text, 2)
    for lead in decisions.get("leads", []):
        block = article.blocks[lead["para"]]
        assert block.kind == "para" and block.text.startswith(lead["text"]), (article.source, lead)
        assert lead["text"].endswith("。") and "。" not in lead["text"][:-1], (article.source, lead)
        assert len(block.text) > len(lead["text"]), (article.source, lead)   # the paragraph goes on
        block.lead = lead["text"]
    return article


# ----------------------------------------------------------------------------------------------
# The page: sheets, regions on the column grid, furniture

def byline(authors: list[str]) -> str:
    """■ before the names; two-character names padded with a full-width space, as papers print them."""
    names = ["\u3000".join(name) if len(name) == 2 else name for name in authors]
    return "■" + "\u3000".join(names)


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def column_width(sheet: dict) -> float:
    return (sheet["width"] - 2 * sheet["margin"] - (sheet["columns"] - 1) * sheet["gap"]) / sheet["columns"]


def article_area_height(sheet: dict) -> float:
    return sheet["height"] - 2 * sheet["margin"] - sheet["masthead_height"] - sheet["foot_height"] - 5


def kicker_html(article: Article) -> str:
    return f'<div class="kicker">{esc(article.kicker)}</div>' if article.kicker else ""


def title_html(article: Article, region: dict) -> str:
    lines = region.get("title_lines", [article.title])
    assert "".join(lines) == article.title, (article.source, lines)
    label = region.get("label", "inline")
    tag = f'<span class="label-tag">{esc(article.column)}</span>' if article.column and label == "tag" else ""
    inline = (f'<span class="label-inline">（{esc(article.column)}）</span>'
              if article.column and label == "inline" else "")
    text = "<br>".join(esc(line) for line in lines)
    return f'<h1 class="title" style="font-size:{region.get("title_size", 20)}pt">{tag}{text}{inline}</h1>'


def head_html(article: Article, region: dict) -> str:
    above = (f'<div class="label-box">{esc(article.column)}</div>'
             if article.column and region.get("label") == "above" else "")
    subtitle = f'<div class="subtitle">{esc(article.subtitle)}</div>' if article.subtitle else ""
    names = f'<div class="byline">{esc(byline(article.authors))}</div>' if article.authors else ""
    align = region.get("head_align", "center")
    beside = " beside" if region.get("beside") else ""
    return (f'<header class="head{beside}" style="text-align:{align}">{above}{kicker_html(article)}'
            f'{title_html(article, region)}{subtitle}{names}</header>')


def block_html(block: Block) -> str:
    if block.kind == "heading":
        return f'<h2 class="heading level{block.level}">{esc(block.text)}</h2>'
    if block.lead:
        return f'<p><b class="lead">{esc(block.lead)}</b>{esc(block.text[len(block.lead):])}</p>'
    return f"<p>{esc(block.text)}</p>"


def end_notes_html(article: Article) -> str:
    project = f'<p class="project-note">{esc(article.project_note)}</p>' if article.project_note else ""
    note = f'<p class="note">{esc(article.note)}</p>' if article.note else ""
    return project + note


PICTURES = {
    # Vector art only (no text): a grey plate with shapes, as a halftone photo or chart would print.
    "books": '<rect x="0" y="0" width="300" height="200" fill="#b4b4b4"/>'
             '<rect x="70" y="30" width="70" height="140" fill="#8a8a8a"/><rect x="150" y="40" width="80" height="130" fill="#5f5f5f"/>'
             '<rect x="80" y="50" width="50" height="6" fill="#eeeeee"/><rect x="160" y="60" width="60" height="6" fill="#e0e0e0"/>'
             '<path d="M0 170 H300 V200 H0 Z" fill="#b0b0b0"/>',
    "factory": '<rect width="300" height="200" fill="#b0b0b0"/>'
               '<path d="M0 200 V120 L50 90 V120 L100 90 V120 L150 90 V120 L200 90 V60 H230 V200 Z" fill="#7d7d7d"/>'
               '<rect x="240" y="30" width="14" height="170" fill="#666"/><circle cx="250" cy="22" r="12" fill="#e6e6e6"/>'
               '<path d="M10 160 H190 M10 175 H190" stroke="#bbbbbb" stroke-width="4"/>',
    "skyline": '<rect width="300" height="200" fill="#b8b8b8"/><circle cx="240" cy="45" r="22" fill="#f2f2f2"/>'
               '<path d="M0 200 V140 H30 V100 H60 V130 H80 V70 H110 V120 H140 V90 H170 V150 H200 V110 H230 V135 H260 V95 H300 V200 Z" fill="#6e6e6e"/>'
               '<path d="M0 185 C60 170 120 195 180 180 S260 170 300 182 V200 H0 Z" fill="#9c9c9c"/>',
    "chart": '<rect width="300" height="200" fill="#c4c4c4"/>'
             '<path d="M30 20 V175 H285" stroke="#444" stroke-width="2" fill="none"/>'
             '<rect x="50" y="120" width="24" height="55" fill="#8c8c8c"/><rect x="95" y="100" width="24" height="75" fill="#8c8c8c"/>'
             '<rect x="140" y="85" width="24" height="90" fill="#8c8c8c"/><rect x="185" y="60" width="24" height="115" fill="#8c8c8c"/>'
             '<rect x="230" y="40" width="24" height="135" fill="#8c8c8c"/>'
             '<path d="M62 110 L107 92 L152 74 L197 52 L242 30" stroke="#222" stroke-width="3" fill="none"/>',
    "fields": '<rect width="300" height="200" fill="#b6b6b6"/>'
              '<path d="M0 90 C80 70 200 110 300 80 V200 H0 Z" fill="#a8a8a8"/>'
              '<path d="M0 130 C100 110 180 150 300 120 V200 H0 Z" fill="#8a8a8a"/>'
              '<path d="M0 165 C90 150 210 185 300 160 V200 H0 Z" fill="#6a6a6a"/>'
              '<path d="M140 90 V40 M140 40 L120 55 M140 40 L160 55" stroke="#555" stroke-width="3" fill="none"/>',
    "harbor": '<rect width="300" height="200" fill="#b9b9b9"/>'
              '<path d="M0 150 H300 V200 H0 Z" fill="#9a9a9a"/>'
              '<rect x="40" y="110" width="40" height="40" fill="#777"/><rect x="85" y="118" width="40" height="32" fill="#555"/>'
              '<rect x="130" y="104" width="40" height="46" fill="#888"/>'
              '<path d="M210 150 V40 H260 M250 40 V80" stroke="#444" stroke-width="5" fill="none"/>'
              '<path d="M20 160 H180 L165 178 H35 Z" fill="#5c5c5c"/>',
}


def picture_html(picture: dict) -> str:
    art = PICTURES[picture["art"]]
    return (f'<figure class="picture"><svg viewBox="0 0 300 200" preserveAspectRatio="none" '
            f'style="height:{picture["height"]}mm">{art}</svg>'
            f'<figcaption class="caption">{esc(picture["caption"])}</figcaption></figure>')


def article_html(article: Article, region: dict, span: int) -> str:
    picture = region.get("picture")
    top = picture_html(picture) if picture and picture.get("at", "top") == "top" else ""
    bottom = picture_html(picture) if picture and picture.get("at") == "bottom" else ""
    head = head_html(article, region)
    columns = region.get("text_columns", span)
    body = "".join(block_html(block) for block in article.blocks) + end_notes_html(article)
    if region.get("beside"):
        text = f'<div class="text" style="columns:{columns}">{head}{body}</div>'
        return f"<article>{top}{text}{bottom}</article>"
    return f'<article>{head}{top}<div class="text" style="columns:{columns}">{body}</div>{bottom}</article>'


def region_html(sheet: dict, region: dict, article: Article | None, number: int) -> str:
    width = column_width(sheet)
    col, span = region["col"], region["span"]
    assert col + span - 1 <= sheet["columns"], region
    assert region["top"] + region["height"] <= article_area_height(sheet) + 0.01, region
    left = (col - 1) * (width + sheet["gap"])
    box_width = span * width + (span - 1) * sheet["gap"]
    rules = ("rule-top " if region["top"] > 0 else "") + ("rule-left" if col > 1 else "")
    style = (f"left:{left:.2f}mm;top:{region['top']:.2f}mm;width:{box_width:.2f}mm;"
             f"height:{region['height']:.2f}mm")
    inner = article_html(article, region, span) if article else picture_html(region["picture"])
    return f'<section class="region {rules}" data-region="{number}" style="{style}">{inner}</section>'


def furniture_top_html(sheet: dict) -> str:
    folio = f'<div class="folio">{esc(sheet["folio_mark"])}</div>'
    running = f'<div class="running-head">{esc(sheet["running_head"])}</div>'
    paper = (f'<div class="paper"><span class="paper-name">{esc(sheet["masthead"])}</span>'
             f'<span class="date-line">{esc(sheet["date_line"])}</span></div>')
    left, right = (folio + running, paper) if sheet.get("folio_side", "left") == "left" else (paper, running + folio)
    return f'<header class="masthead"><div class="mast-left">{left}</div><div class="mast-right">{right}</div></header>'


def furniture_foot_html(sheet: dict, page_notes: list[str]) -> str:
    credits = "".join(f"<span>{esc(c)}</span>" for c in sheet["credits"])
    extras = "".join(f"<span>{esc(x)}</span>" for x in sheet.get("extras", []) + page_notes)
    return f'<footer class="foot"><div class="credits">{credits}</div><div class="extras">{extras}</div></footer>'


def page_notes(sheet: dict, articles: dict[str, Article]) -> list[str]:
    """（本版由…编辑）: an article's page note, printed once at the foot of its page."""
    return [articles[r["article"]].page_note for r in sheet["region"]
            if "article" in r and articles[r["article"]].page_note]


def sheet_html(sheet: dict, articles: dict[str, Article], founder: bool) -> str:
    regions = []
    for number, region in enumerate(sheet["region"], 1):
        regions.append(region_html(sheet, region, articles.get(region.get("article", "")), number))
    notes = page_notes(sheet, articles)
    style = (f"width:{sheet['width']}mm;height:{sheet['height']}mm;padding:{sheet['margin']}mm;"
             f"--fs:{sheet['font_size']}pt;--lh:{sheet['line_height']};--gap:{sheet['gap']}mm;"
             f"--indent:{sheet['indent']};--heading-align:{sheet['heading_align']};"
             f"--note-align:{sheet['note_align']};--rule:{'0.4pt solid #444' if sheet['column_rule'] else 'none'}")
    classes = "sheet founder" if founder else "sheet"
    return (f'<div class="{classes}" style="{style}">{furniture_top_html(sheet)}'
            f'<div class="area" style="height:{article_area_height(sheet):.2f}mm">{"".join(regions)}</div>'
            f"{furniture_foot_html(sheet, notes)}</div>")


def font_faces_css(founder: bool) -> str:
    if founder:
        return (f'@font-face{{font-family:"{FOUNDER_FONT}";font-weight:400;'
                f'src:url("fonts/{FOUNDER_FONT}.ttf") format("truetype"),local("Noto Serif CJK SC")}}\n')
    return "".join(f'@font-face{{font-family:"{family}";font-weight:{weight};'
                   f'src:url("fonts/{name}.ttf") format("truetype"),local("{local}")}}\n'
                   for name, (_, family, weight, local) in FACES.items())


STYLE = """
@page{size:%(width)smm %(height)smm;margin:0}
html,body{margin:0;padding:0;background:#fff;color:#000}
.sheet{position:relative;box-sizing:border-box;overflow:hidden;break-after:page;font-family:"NP Serif";
  font-size:var(--fs);line-height:var(--lh);font-kerning:none}
.sheet:last-child{break-after:auto}
.masthead{display:flex;justify-content:space-between;align-items:flex-end;height:%(masthead)smm;box-sizing:border-box;
  border-bottom:2.4pt double #000;padding-bottom:2mm}
.mast-left,.mast-right{display:flex;align-items:flex-end;gap:5mm}
.folio{font-family:"NP Sans";font-weight:700;font-size:30pt;line-height:1;border:1.2pt solid #000;padding:1mm 3mm}
.running-head{font-family:"NP Sans";font-weight:700;font-size:17pt;line-height:1.1;letter-spacing:0.05em}
.paper{display:flex;flex-direction:column;align-items:flex-end}
.mast-left .paper{align-items:flex-start}
.paper-name{font-family:"NP Sans";font-weight:700;font-size:20pt;line-height:1.1;letter-spacing:0.1em}
.date-line{font-family:"NP Sans";font-size:9pt;line-height:1.3}
.area{position:relative;margin-top:3mm}
.foot{position:absolute;left:var(--m);right:var(--m);bottom:var(--m);height:%(foot)smm;box-sizing:border-box;
  border-top:1pt solid #000;display:flex;justify-content:space-between;align-items:center;
  font-family:"NP Sans";font-size:8pt;line-height:1.2}
.foot span{margin-right:2em}.foot .extras span{margin:0 0 0 2em}
.region{position:absolute;box-sizing:border-box;padding-bottom:2mm}
.region.rule-top{border-top:0.8pt solid #000;padding-top:3mm}
.region.rule-left::before{content:"";position:absolute;left:calc(var(--gap) / -2);top:0;bottom:0;border-left:0.6pt solid #000}
article{display:flex;flex-direction:column;height:100%%}
.head{margin-bottom:2.5mm;flex:none}
.head.beside{float:left;width:100%%;margin-bottom:4mm;padding-bottom:2mm;border-bottom:0.6pt solid #000}
.kicker{font-family:"NP Sans";font-weight:700;font-size:12pt;line-height:1.4;margin-bottom:1mm}
.title{font-family:"NP Sans";font-weight:700;line-height:1.25;margin:0;letter-spacing:0.02em}
.label-inline{font-family:"NP Sans";font-weight:400;font-size:11pt;letter-spacing:0;margin-left:0.3em;vertical-align:0.15em}
.label-box{display:inline-block;font-family:"NP Sans";font-weight:700;font-size:10pt;line-height:1.3;
  border:0.8pt solid #000;padding:0.4mm 2mm;margin-bottom:1.5mm}
.label-tag{display:inline-block;font-weight:700;font-size:10pt;line-height:1.4;background:#222;color:#fff;
  padding:0.4mm 1.5mm;margin-right:3mm;vertical-align:0.45em;letter-spacing:0}
.subtitle{font-family:"NP Serif";font-size:12.5pt;line-height:1.4;margin-top:1.5mm;text-align:right;padding-right:10%%}
.byline{font-family:"NP Sans";font-size:11pt;line-height:1.4;margin-top:2mm}
.text{flex:1 1 auto;min-height:0;column-gap:var(--gap);column-fill:auto;column-rule:var(--rule);text-align:justify}
.text p{margin:0;text-indent:var(--indent);orphans:2;widows:2}
.text .lead{font-weight:700}
.heading{font-family:"NP Sans";font-weight:700;font-size:calc(var(--fs) + 0.5pt);line-height:1.45;margin:0.5em 0 0.4em;
  text-align:var(--heading-align);break-after:avoid}
.heading.level3{font-size:var(--fs);text-align:left;margin:0.3em 0 0.2em;text-indent:var(--indent)}
.text p.note,.text p.project-note{text-indent:0;text-align:var(--note-align)}
.picture{margin:0 0 3mm;flex:none}
article > .picture:last-child{margin:3mm 0 0}
.region > .picture{margin:0}
.picture svg{display:block;width:100%%}
.caption{font-family:"NP Sans";font-size:7.5pt;line-height:1.3;margin-top:1mm;text-align:left}
.founder,.founder *{font-family:"%(founder)s" !important;font-synthesis:none}
"""


def page_html(page: dict, articles: dict[str, Article]) -> str:
    founder = page.get("founder", False)
    first = page["sheet"][0]
    css = font_faces_css(founder) + STYLE % {"width": first["width"], "height": first["height"],
                                             "masthead": first["masthead_height"], "foot": first["foot_height"],
                                             "founder": FOUNDER_FONT}
    css += ".sheet{--m:%smm}\n" % first["margin"]
    sheets = "".join(sheet_html(sheet, articles, founder) for sheet in page["sheet"])
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<title>{esc(page["name"])}</title>\n<style>{css}</style>\n</head>\n<body>\n{sheets}\n</body>\n</html>\n')


# ----------------------------------------------------------------------------------------------
# Fonts: the system's Noto CJK faces, cut to the pages' characters and given TrueType outlines,
# so that Chromium embeds them as CID TrueType fonts (its PDF backend turns CFF outlines into
# one Type 3 font per 256 glyphs, tens of megabytes for a page). Every code point that the
# system font maps to a used glyph is kept, so Chromium writes the same ToUnicode as with the
# installed font (Kangxi radicals included).

def face_subset(name: str, text: set[str]) -> tuple[bytes, dict[int, int]]:
    collection = FACES[name][0]
    font = TTFont(NOTO / collection, fontNumber=SC_FACE_INDEX, recalcTimestamp=False)
    cmap = font.getBestCmap()
    glyphs = {cmap[ord(c)] for c in text if ord(c) in cmap}
    unicodes = {u for u, g in cmap.items() if g in glyphs}
    aliases = alias_table(cmap, {ord(c) for c in text}, glyphs)
    options = ft_subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.desubroutinize = True
    options.drop_tables += ["VORG"]
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    truetype_outlines(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), aliases


def alias_table(cmap: dict[int, str], wanted: set[int], glyphs: set[str]) -> dict[int, int]:
    """Code points a text layer may carry for a used glyph (⼈ for 人) → the character set."""
    by_glyph = collections.defaultdict(list)
    for u in sorted(wanted):
        if u in cmap:
            by_glyph[cmap[u]].append(u)
    return {u: by_glyph[g][0] for u, g in cmap.items()
            if g in glyphs and u not in wanted and len(by_glyph[g]) == 1}


def truetype_outlines(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def renamed_font(data: bytes, family: str) -> bytes:
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 6, 16):
            record.string = family
        elif record.nameID == 17:
            record.string = "Regular"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def build_fonts(text: set[str]) -> tuple[dict[str, bytes], dict[int, int]]:
    fonts, aliases = {}, {}
    for name in FACES:
        fonts[name], face_aliases = face_subset(name, text)
        for u, target in face_aliases.items():
            aliases.setdefault(u, target)
    fonts[FOUNDER_FONT] = renamed_font(fonts["NotoSerifCJKsc-Regular"], FOUNDER_FONT)
    return fonts, aliases


# ----------------------------------------------------------------------------------------------
# Printing with Chromium, and what the printer's layout says

MEASURE_JS = """
() => {
  const report = [];
  for (const region of document.querySelectorAll('.region')) {
    const box = region.getBoundingClientRect();
    const item = {region: +region.dataset.region, sheet: [...document.querySelectorAll('.sheet')]
                  .indexOf(region.closest('.sheet')) + 1, overflow: [], fill: []};
    for (const el of region.querySelectorAll('*')) {
      const b = el.getBoundingClientRect();
      if (!b.width && !b.height) continue;
      if (b.right > box.right + 1 || b.bottom > box.bottom + 1 || b.left < box.left - 1)
        item.overflow.push(el.tagName + '.' + el.className);
    }
    const text = region.querySelector('.text');
    if (text) {
      if (text.scrollWidth > text.clientWidth + 1) item.overflow.push('columns');
      const tb = text.getBoundingClientRect();
      const n = parseInt(getComputedStyle(text).columnCount) || 1;
      const gap = parseFloat(getComputedStyle(text).columnGap) || 0;
      const width = (tb.width + gap) / n;
      const bottoms = Array(n).fill(tb.top);
      const range = document.createRange();
      range.selectNodeContents(text);
      for (const r of range.getClientRects()) {
        if (!r.width) continue;
        const c = Math.max(0, Math.floor((r.left - tb.left + 1) / width));
        if (c >= n) item.overflow.push('column ' + (c + 1));
        while (bottoms.length <= c) bottoms.push(tb.top);
        bottoms[c] = Math.max(bottoms[c], r.bottom);
      }
      item.fill = bottoms.map(b => Math.round(100 * (b - tb.top) / tb.height));
      item.text_mm = Math.round(tb.height / 96 * 25.4);
    }
    report.push(item);
  }
  return report;
}
"""


def print_pages(pages: list[dict], html_pages: dict[str, str], fonts: dict[str, bytes]) -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    def serve(route):
        path = route.request.url.removeprefix(ORIGIN + "/")
        if path.startswith("html/fonts/"):
            route.fulfill(body=fonts[Path(path).stem], content_type="font/ttf")
        elif path.startswith("html/") and Path(path).stem in html_pages:
            route.fulfill(body=html_pages[Path(path).stem].encode("utf-8"), content_type="text/html; charset=utf-8")
        else:
            route.fulfill(status=404, body="")

    pdfs, layouts = {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.route(ORIGIN + "/**", serve)
        for page in pages:
            tab = context.new_page()
            tab.set_viewport_size({"width": int(page["sheet"][0]["width"] / 25.4 * 96) + 1, "height": 1200})
            tab.goto(f"{ORIGIN}/html/{page['name']}.html", wait_until="load")
            tab.evaluate("document.fonts.ready.then(() => true)")
            layouts[page["name"]] = tab.evaluate(MEASURE_JS)
            pdfs[page["name"]] = tab.pdf(prefer_css_page_size=True, print_background=True)
            tab.close()
        browser.close()
    return pdfs, layouts


def check_layout(name: str, layout: list[dict], show_fill: bool) -> list[str]:
    problems = []
    for item in layout:
        if item["overflow"]:
            problems.append(f"{name} sheet {item['sheet']} region {item['region']}: overflow {sorted(set(item['overflow']))[:4]}")
        if show_fill:
            print(f"  {name} s{item['sheet']} r{item['region']}: fill {item['fill']} of {item.get('text_mm')} mm")
    return problems


# ----------------------------------------------------------------------------------------------
# After printing: reproducible files, and the Founder page's damaged text layer

def without_dates(pdf: bytes) -> bytes:
    """Blank Chromium's /CreationDate and /ModDate (and any /ID) in place: offsets stay valid."""
    def blank(match: re.Match) -> bytes:
        return b" " * len(match[0])
    pdf = re.sub(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']*\)", blank, pdf)
    return re.sub(rb"/ID \[<[0-9a-fA-F]*> ?<[0-9a-fA-F]*>\]", blank, pdf)


def founder_punctuation(char: str) -> str:
    """The Founder damage (DESIGN.md): GBK symbol rows A1–A9 read with 0x31 added to the lead byte."""
    if char.isspace():
        return char
    try:
        code = char.encode("gbk")
    except UnicodeEncodeError:
        return char
    if len(code) != 2 or not 0xA1 <= code[0] <= 0xA9:
        return char
    try:
        return bytes([code[0] + 0x31, code[1]]).decode("gbk")
    except UnicodeDecodeError:
        return char


def founder_damage(text: str) -> str:
    return "".join(founder_punctuation(c) for c in text)


def parse_to_unicode(data: bytes) -> dict[int, str]:
    text = data.decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, value in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(value).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, start in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = bytes.fromhex(start).decode("utf-16-be")
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                mapping[code] = first[:-1] + chr(ord(first[-1]) + offset)
    return mapping


def write_to_unicode(mapping: dict[int, str]) -> bytes:
    entries = [f"<{code:04X}> <{value.encode('utf-16-be').hex().upper()}>" for code, value in sorted(mapping.items())]
    chunks = "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n"
                     for chunk in (entries[i:i + 100] for i in range(0, len(entries), 100)))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo\n<<  /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + chunks +
            "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode("ascii")


def founder_pdf(pdf: bytes) -> bytes:
    """Rewrite the Founder font's ToUnicode so its punctuation glyphs read as the wrong hanzi."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    done = set()
    for page in writer.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if FOUNDER_FONT not in font.get("/BaseFont", "") or ref.idnum in done:
                continue
            done.add(ref.idnum)
            stream = font["/ToUnicode"].get_object()
            mapping = {code: founder_damage(value) for code, value in parse_to_unicode(stream.get_data()).items()}
            stream.set_data(write_to_unicode(mapping))
            tag = font["/BaseFont"].split("+")[0]
            font[NameObject("/BaseFont")] = NameObject(f"{tag}+{FOUNDER_FONT}")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ----------------------------------------------------------------------------------------------
# What the real extractors make of the pages

def extract_texts(pdf_path: Path, text_dir: Path) -> None:
    from pdfminer.high_level import extract_text

    stem = pdf_path.stem
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf_path), str(text_dir / f"{stem}.pdftotext.txt")], check=True)
    subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(pdf_path), str(text_dir / f"{stem}.layout.txt")],
                   check=True)
    (text_dir / f"{stem}.pdfminer.txt").write_text(extract_text(str(pdf_path)), encoding="utf-8")


# ----------------------------------------------------------------------------------------------
# The truth

def sheet_furniture(sheet: dict, articles: dict[str, Article]) -> list[str]:
    top = [sheet["folio_mark"], sheet["running_head"], sheet["masthead"], sheet["date_line"]]
    if sheet.get("folio_side", "left") != "left":
        top = [sheet["masthead"], sheet["date_line"], sheet["running_head"], sheet["folio_mark"]]
    return top + sheet["credits"] + sheet.get("extras", []) + page_notes(sheet, articles)


def sheet_captions(sheet: dict) -> list[str]:
    return [r["picture"]["caption"] for r in sheet["region"] if "picture" in r]


def article_truth(article: Article, pdf_page: int) -> dict:
    blocks = []
    for block in article.blocks:
        if block.kind == "heading":
            blocks.append({"kind": "heading", "level": block.level, "text": block.text})
        else:
            blocks.append({"kind": "para", "text": block.text} | ({"lead": block.lead} if block.lead else {}))
    return {"from": article.source, "pdf_page": pdf_page, "kicker": article.kicker, "title": article.title,
            "column": article.column, "subtitle": article.subtitle, "authors": article.authors,
            "note": article.note, "project_note": article.project_note, "blocks": blocks}


def page_truth(page: dict, articles: dict[str, Article]) -> dict:
    sheets, furniture, captions, truths = [], [], [], []
    for number, sheet in enumerate(page["sheet"], 1):
        sheets.append({"pdf_page": number, "folio": sheet["folio"], "section": sheet["section"],
                       "furniture": sheet_furniture(sheet, articles), "captions": sheet_captions(sheet)})
        furniture += sheets[-1]["furniture"]
        captions += sheets[-1]["captions"]
        truths += [article_truth(articles[r["article"]], number) for r in sheet["region"] if "article" in r]
    first = page["sheet"][0]
    return {"file": f"{page['name']}.pdf", "pages": len(page["sheet"]), "newspaper": first["masthead"],
            "date": first["date"], "folio": first["folio"], "section": first["section"],
            "layout": page["layout"], "text_layer": "founder" if page.get("founder") else "clean",
            "furniture": furniture, "captions": captions, "sheets": sheets, "articles": truths}


def truth_json(truth: dict) -> str:
    return json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# ----------------------------------------------------------------------------------------------
# Checks: the printed text layer holds exactly the truth's hanzi

def is_hanzi(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def printed_strings(truth: dict, pdf_page: int) -> list[str]:
    sheet = truth["sheets"][pdf_page - 1]
    strings = sheet["furniture"] + sheet["captions"]
    for a in truth["articles"]:
        if a["pdf_page"] == pdf_page:
            strings += [a["kicker"], a["title"], a["column"], a["subtitle"], a["note"], a["project_note"]]
            strings += a["authors"] + [b["text"] for b in a["blocks"]]
    return strings


def printed_marks(sheet: dict, articles: dict[str, Article]) -> list[str]:
    """What is printed besides the truth's strings: the byline's ■ and an inline label's （）."""
    marks = []
    for region in sheet["region"]:
        article = articles.get(region.get("article", ""))
        if article and article.authors:
            marks.append("■")
        if article and article.column and region.get("label", "inline") == "inline":
            marks.append("（）")
    return marks


def check_text_layer(pdf_path: Path, truth: dict, aliases: dict[int, int], marks: list[list[str]]) -> list[str]:
    """The hanzi on each PDF page (Kangxi and radical code points read as the characters they draw)
    are exactly the truth's, furniture and captions included; on a Founder page, once damaged."""
    import pdfplumber

    problems = []
    damage = founder_damage if truth["text_layer"] == "founder" else (lambda s: s)
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            layer = "".join(chr(aliases.get(ord(c), ord(c))) for ch in page.chars for c in ch["text"])
            printed = collections.Counter(c for c in layer if is_hanzi(c))
            strings = printed_strings(truth, number) + marks[number - 1]
            expected = collections.Counter(c for s in strings for c in damage(s) if is_hanzi(c))
            if printed != expected:
                problems.append(f"{pdf_path.name} p{number}: hanzi differ: missing {dict(expected - printed)} "
                                f"extra {dict(printed - expected)}")
            fonts = {ch["fontname"] for ch in page.chars}
            if truth["text_layer"] == "founder" and fonts != {f for f in fonts if FOUNDER_FONT in f}:
                problems.append(f"{pdf_path.name} p{number}: not set in one Founder font: {fonts}")
    return problems


def check_fonts(pdf_path: Path) -> list[str]:
    from pypdf import PdfReader

    problems = []
    for number, page in enumerate(PdfReader(pdf_path).pages, 1):
        for ref in page["/Resources"]["/Font"].values():
            if ref.get_object()["/Subtype"] != "/Type0":
                problems.append(f"{pdf_path.name} p{number}: a {ref.get_object()['/Subtype']} font (fallback)")
    return problems


def check_founder_damage(text_dir: Path, truth: dict) -> list[str]:
    extracted = (text_dir / truth["file"].replace(".pdf", ".pdftotext.txt")).read_text(encoding="utf-8")
    problems = [f"{truth['file']}: pdftotext still shows {mark}" for mark in "，。、：（）“”■" if mark in extracted]
    truth_text = "".join(s for n in range(1, truth["pages"] + 1) for s in printed_strings(truth, n))
    if extracted.count("袁") != founder_damage(truth_text).count("袁"):
        problems.append(f"{truth['file']}: 袁 count {extracted.count('袁')} != damaged truth")
    return problems


# ----------------------------------------------------------------------------------------------
# The run

def sheet_defaults(page: dict, defaults: dict) -> dict:
    for sheet in page["sheet"]:
        for key, value in defaults.items():
            sheet.setdefault(key, page.get(key, value))
        date = datetime.date.fromisoformat(sheet["date"])
        assert f"星期{WEEKDAYS[date.weekday()]}" in sheet["date_line"], (page["name"], sheet["date_line"])
        assert f"{date.year}年{date.month}月{date.day}日" in sheet["date_line"], (page["name"], sheet["date_line"])
    return page


def load_pages() -> tuple[list[dict], dict[str, Article]]:
    data = tomllib.loads((HERE / "pages.toml").read_text(encoding="utf-8"))
    pages = [sheet_defaults(page, data["defaults"]) for page in data["page"]]
    for page in pages:
        for sheet in page["sheet"]:
            places = [(r["top"], r["col"]) for r in sheet["region"] if "article" in r]
            assert places == sorted(places), f"{page['name']}: regions not in reading order"
    refs = [r["article"] for p in pages for s in p["sheet"] for r in s["region"] if "article" in r]
    assert len(refs) == len(set(refs)), "an article printed twice"
    assert {f"corpus/{p.name}" for p in CORPUS.glob("[0-9][0-9].txt")} <= set(refs), "a corpus article left out"
    articles = {ref: apply_print_decisions(load_article(ref), data.get("article", {}).get(ref, {})) for ref in refs}
    return pages, articles


def page_characters(pages: list[dict], html_pages: dict[str, str]) -> set[str]:
    chars = set(chr(c) for c in range(0x20, 0x7F))
    for text in html_pages.values():
        chars |= set(html.unescape(re.sub(r"<[^>]+>", "", text.split("<body>", 1)[1])))
    return {c for c in chars if not c.isspace() or c == " "} | {"\u3000"}


def tool_versions() -> dict:
    import fontTools
    import pdfminer
    import pdfplumber
    import pypdf
    from importlib.metadata import version

    def run(*command: str) -> str:
        done = subprocess.run(command, capture_output=True, text=True)
        return (done.stdout.strip() or done.stderr.strip()).splitlines()[0]

    return {"chromium": run(CHROMIUM, "--version"), "pdftotext": run("pdftotext", "-v"),
            "pdfminer.six": pdfminer.__version__, "pdfplumber": pdfplumber.__version__,
            "fontTools": fontTools.version, "pypdf": pypdf.__version__, "playwright": version("playwright"),
            "fonts-noto-cjk": run("dpkg-query", "-W", "-f", "${Version}", "fonts-noto-cjk"),
            "python": sys.version.split()[0]}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(articles: dict[str, Article]) -> None:
    files = {f"{folder}/{path.name}": sha256(path)
             for folder in ("html", "pdf", "text", "expected") for path in sorted((HERE / folder).iterdir())}
    inputs = {"pages.toml": sha256(HERE / "pages.toml"), "typeset.py": sha256(Path(__file__))}
    for ref in sorted(articles):
        kind, name = ref.split("/", 1)
        inputs[ref] = sha256(CORPUS / name if kind == "corpus" else SEEDS / name)
    manifest = {"tools": tool_versions(), "inputs": inputs, "files": files}
    (HERE / "MANIFEST.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                        encoding="utf-8")


def preview(pdf_dir: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(pdf_dir.glob("*.pdf")):
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(out / pdf.stem)], check=True)


def write_page(page: dict, articles: dict[str, Article], page_source: str, printed: bytes,
               aliases: dict[int, int]) -> list[str]:
    """One page's files (HTML, PDF, the extractors' texts, the truth), and what is wrong with them."""
    name = page["name"]
    (HERE / "html" / f"{name}.html").write_text(page_source, encoding="utf-8")
    pdf = without_dates(printed)
    pdf = founder_pdf(pdf) if page.get("founder") else pdf
    pdf_path = HERE / "pdf" / f"{name}.pdf"
    pdf_path.write_bytes(pdf)
    extract_texts(pdf_path, HERE / "text")
    truth = page_truth(page, articles)
    (HERE / "expected" / f"{name}.json").write_text(truth_json(truth), encoding="utf-8")
    marks = [printed_marks(sheet, articles) for sheet in page["sheet"]]
    problems = check_fonts(pdf_path) + check_text_layer(pdf_path, truth, aliases, marks)
    if page.get("founder"):
        problems += check_founder_damage(HERE / "text", truth)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preview", type=Path, help="render the PDFs to PNGs in this folder")
    parser.add_argument("--fill", action="store_true", help="print how full each region's columns are")
    args = parser.parse_args()
    started = time.monotonic()
    pages, articles = load_pages()
    html_pages = {page["name"]: page_html(page, articles) for page in pages}
    fonts, aliases = build_fonts(page_characters(pages, html_pages))
    pdfs, layouts = print_pages(pages, html_pages, fonts)
    problems = []
    for folder in ("html", "pdf", "text", "expected"):
        (HERE / folder).mkdir(exist_ok=True)
        for stale in (HERE / folder).iterdir():
            stale.unlink()
    for page in pages:
        problems += check_layout(page["name"], layouts[page["name"]], args.fill)
        problems += write_page(page, articles, html_pages[page["name"]], pdfs[page["name"]], aliases)
    write_manifest(articles)
    if args.preview:
        preview(HERE / "pdf", args.preview)
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    print(f"{len(pages)} pages, {len(articles)} articles, {time.monotonic() - started:.1f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
