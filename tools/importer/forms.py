"""Recognizes the printed forms of lines: bylines, subtitles, numbered headings and end notes."""

import re

from ..textclass import HANZI, has_sentence_mark

# Marks printed before a byline (姻 is ■ damaged by a Founder font).
BYLINE_MARKERS = "■姻●▲◎□"
# A byline with a marker: ■ 关超艺 / 姻 侯喆 / ● 张三 李四.
MARKED_BYLINE = re.compile(rf"^[{BYLINE_MARKERS}]\s*(.{{1,40}})$")
# A name as printed in a byline: two to four hanzi, or a transliterated name joined by ·.
NAME = re.compile(rf"^[{HANZI}]{{2,4}}$|^[{HANZI}]{{1,10}}(·[{HANZI}]{{1,10}}){{1,3}}$")
# A subtitle: a dash line under the title, ——以……为例.
SUBTITLE = re.compile(r"^(——|--|—)\s*\S")

# Printed numbering schemes of section headings, from the highest rank to the lowest.
NUMBERING = [
    ("cn", re.compile(r"^[一二三四五六七八九十]{1,3}[、，,．.]\s*")),
    ("ordinal", re.compile(r"^第[一二三四五六七八九十]{1,3}[、，,：:]\s*")),
    ("paren", re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]\s*")),
    ("arabic", re.compile(r"^\d{1,2}[.．、]\s*(?!\d)")),
    ("paren-arabic", re.compile(r"^[（(]\d{1,2}[）)]\s*")),
]
# A concluding section that is numbered like the others (三、结语, 结束语).
CONCLUSION = re.compile(r"^(结语|结束语|结论|小结)$")

# End notes: who the author is, where the article first appeared, which project it belongs to.
AFFILIATION = re.compile(r"^[（(]\s*作者单位\s*(?:分别)?(?:[:：为系是]|系为)?\s*(.+?)\s*[）)]$"
                         r"|^作者单位\s*(?:分别)?(?:[:：为系是])\s*(.+?)[。.]?$")
AUTHOR_NOTE = re.compile(r"^[（(]\s*(作者(?:分别)?(?:系|为|是)\s*.+?)\s*[）)]$")
REPRINT = re.compile(r"^[（(]\s*(?:原?载|转载自|来源[:：]?)\s*(《[^》]+》.*?)\s*[）)]$")
PROJECT = re.compile(r"^(【课题项目】|【基金项目】|\[课题项目\]|本文(?:系|为|是)).+")
# An end note printed at the end of the last paragraph instead of on its own line.
INLINE_ENDNOTE = re.compile(r"^(.*[。！？”])\s*([（(]\s*(?:作者单位|作者系|作者为|原?载《).+[）)])\s*$")


def numbering(text: str) -> str:
    """The numbering scheme a line opens with ("cn", "paren", …), or ""."""
    for name, pattern in NUMBERING:
        if pattern.match(text):
            return name
    return ""


def paired_names(parts: list[str]) -> list[str]:
    """Names as printed, with the padding of two-character names undone: 李　涛　徐　翔 → 李涛, 徐翔.

    Papers set a two-character name to the width of three (王　兵); two single characters in a row
    are therefore one name. A longer part is a name of its own.
    """
    names: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        if len(part) == 1 and index + 1 < len(parts) and len(parts[index + 1]) == 1:
            names.append(part + parts[index + 1])
            index += 2
        else:
            names.append(part)
            index += 1
    return names


def is_byline(text: str, after_title: bool) -> bool:
    """True for a byline: a marked one anywhere, or a bare name (or names) right under a title."""
    match = MARKED_BYLINE.match(text)
    if match:
        names = paired_names([p for p in re.split(r"[\s、，,]+", match.group(1).strip()) if p])
        return bool(names) and all(NAME.match(name) for name in names)
    if not after_title:
        return False
    names = paired_names([p for p in re.split(r"[\s、，,]+", text.strip()) if p])
    return bool(names) and len(names) <= 4 and all(NAME.match(name) for name in names)


def byline_names(text: str) -> list[str]:
    """The names printed in a byline."""
    text = MARKED_BYLINE.sub(r"\1", text.strip())
    return paired_names([name for name in re.split(r"[\s、，,]+", text) if name])


def endnote_kind(text: str) -> str:
    """What kind of end note a line is: affiliation, author_note, reprinted_from, project_note; or ""."""
    text = text.strip()
    if AFFILIATION.match(text):
        return "affiliation"
    if AUTHOR_NOTE.match(text):
        return "author_note"
    if REPRINT.match(text):
        return "reprinted_from"
    if PROJECT.match(text) and not has_sentence_mark(text[:-1]) or text.startswith("【课题项目】"):
        return "project_note"
    return ""


def split_inline_endnote(text: str) -> tuple[str, str]:
    """Split a paragraph that ends with an end note into (paragraph, note); note is "" when none."""
    match = INLINE_ENDNOTE.match(text)
    if match and endnote_kind(match.group(2)):
        return match.group(1), match.group(2)
    return text, ""
