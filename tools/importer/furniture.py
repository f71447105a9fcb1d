"""Removes page furniture (mastheads, dates, page numbers, hotlines, e-mails, credits, notes) and reads the page's facts from it."""

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from .model import Line
from ..tables import table

DATA = table("furniture.toml")

# A masthead date: 2025 年 8 月 24 日.
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# A running head: the page number and the page's name, 第5版　理论周刊.
RUNNING_HEAD = re.compile(r"^第(\d{1,3})版(\S*)$")
# What the geometry of a PDF page says of a line that no rule names: its zone, and why it goes.
ZONES = {
    "head": ("masthead", "the page's masthead: above its first full-width rule"),
    "foot": ("page-foot", "the foot of the page: below its last full-width rule"),
    "caption": ("caption", "a picture's caption (pictures are left out of the edition)"),
}
# The Latin name of a newspaper in a masthead, e.g. ENTREPRENEURS' DAILY.
LATIN_NAME = re.compile(r"[A-Z][A-Z'’ ]*(DAILY|NEWS|TIMES|HERALD|JOURNAL|POST|GAZETTE)")


@dataclass
class Removed:
    """A line of furniture taken off the page, and why."""

    line: int
    text: str
    rule: str
    reason: str


@dataclass
class PageFacts:
    """What the furniture tells about the page: date, page number, page name, newspaper."""

    date: str = ""
    folio: str = ""
    section: str = ""
    newspaper: str = ""          # the name the masthead prints: 人民日报
    newspaper_latin: str = ""
    removed: list[Removed] = field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    name: str
    scope: str
    pattern: re.Pattern
    reason: str


@cache
def rules() -> tuple[int, frozenset[str], tuple[Rule, ...]]:
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    table = tuple(Rule(r["name"], r["scope"], re.compile(r["pattern"]), r["reason"]) for r in data["rule"])
    return data["top_lines"], frozenset(data["section_names"]), table


def squeeze(text: str) -> str:
    """Text with the spaces extraction put between characters removed (Latin words keep theirs)."""
    return re.sub(r"(?<![A-Za-z'’])\s+|\s+(?![A-Za-z])", "", text.strip())


def match_rule(text: str, in_top: bool) -> Rule | None:
    """The furniture rule a line matches, or None."""
    _, sections, table = rules()
    flat = squeeze(text)
    if in_top and flat in sections:
        return Rule("section-name", "top", re.compile(""), "masthead: the page's name")
    for rule in table:
        if rule.scope == "top" and not in_top:
            continue
        if rule.pattern.search(flat):
            return rule
    return None


def read_facts(facts: PageFacts, rule: Rule, text: str) -> None:
    flat = squeeze(text)
    if (date := DATE.search(flat)) and not facts.date:
        facts.date = f"{date[1]}-{int(date[2]):02d}-{int(date[3]):02d}"
    if (name := LATIN_NAME.search(text)) and not facts.newspaper_latin:
        facts.newspaper_latin = name.group(0).strip()
    if rule.name == "folio" and not facts.folio:
        facts.folio = re.sub(r"\D", "", flat)
    if rule.name == "section-name" and not facts.section:
        facts.section = flat
    if rule.name == "running-head" and (head := RUNNING_HEAD.match(flat)):
        facts.folio = facts.folio or head[1]
        facts.section = facts.section or head[2]
    if rule.name == "newspaper-name" and not facts.newspaper:
        facts.newspaper = flat


def remove_furniture(lines: list[Line]) -> tuple[list[Line], PageFacts]:
    """Split a page's lines into the text kept and the furniture removed, reading page facts on the way."""
    top_lines, _, _ = rules()
    facts = PageFacts()
    kept: list[Line] = []
    seen_text = 0
    for line in lines:
        if not line.text.strip():
            kept.append(line)
            continue
        seen_text += 1
        zone = line.geometry.zone if line.geometry is not None else ""
        in_top = zone == "head" if line.geometry is not None else seen_text <= top_lines and not line.level
        rule = match_rule(line.text, in_top=in_top)
        if rule is None and zone in ZONES:
            rule = Rule(*ZONES[zone][:1], "zone", re.compile(""), ZONES[zone][1])
        if rule is None:
            kept.append(line)
            continue
        read_facts(facts, rule, line.text)
        facts.removed.append(Removed(line.number, line.text, rule.name, rule.reason))
        kept.append(Line(line.number, "", geometry=line.geometry))  # keep the line count so numbers stay true
    return kept, facts
