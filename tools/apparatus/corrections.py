"""Lists the corrections made to each article after import, by comparing it with what the importer makes of its raw page."""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .. import articles
from ..errors import EditionError
from ..importer.pipeline import import_page

CONTEXT = 6  # characters of unchanged text shown on each side of a change


@dataclass
class Change:
    where: str      # 标题 / 第3段 / front-matter key
    before: str
    after: str


@dataclass
class Record:
    docname: str
    title: str
    changes: list[Change] = field(default_factory=list)


def quote(text: str) -> str:
    return f"“{text}”" if text else "（无）"


def line_changes(where: str, old: str, new: str) -> list[Change]:
    """The changes inside one line, neighbouring edits merged, each with a little unchanged text around it."""
    spans: list[list[int]] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and a1 - spans[-1][1] < 3:
            spans[-1][1], spans[-1][3] = a2, b2  # close to the last edit: one correction
        else:
            spans.append([a1, a2, b1, b2])
    result = []
    for a1, a2, b1, b2 in spans:
        left = old[max(0, a1 - CONTEXT): a1]
        result.append(Change(where, left + old[a1:a2] + old[a2: a2 + CONTEXT], left + new[b1:b2] + new[b2: b2 + CONTEXT]))
    return result


def place(lines: list[str], index: int) -> str:
    """Where a body line is, as a reader counts: the title, a heading, or the n-th paragraph."""
    line = lines[index] if index < len(lines) else ""
    if line.startswith("# "):
        return "标题"
    if line.startswith("#"):
        return "小标题"
    count = sum(1 for l in lines[: index + 1] if l.strip() and not l.startswith(("#", "(")))
    return f"第{max(count, 1)}段"


def compare(imported: articles.Article, current: articles.Article) -> list[Change]:
    changes = []
    for key in sorted(set(imported.meta) | set(current.meta) - {articles.DIGEST_KEY}):
        if key != articles.DIGEST_KEY and imported.meta.get(key) != current.meta.get(key):
            changes.append(Change(f"元数据 {key}", str(imported.meta.get(key, "")), str(current.meta.get(key, ""))))
    old, new = imported.body.splitlines(), current.body.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        where = place(old, a1)
        if tag == "replace" and a2 - a1 == b2 - b1:
            for offset in range(a2 - a1):
                changes += line_changes(place(old, a1 + offset), old[a1 + offset], new[b1 + offset])
        else:
            changes.append(Change(where, "\n".join(old[a1:a2]), "\n".join(new[b1:b2])))
    return changes


def find(source_dir: Path, seeds_dir: Path) -> list[Record]:
    """Every article edited by hand since import, with what changed."""
    imports: dict[str, dict[str, articles.Article]] = {}
    records = []
    for path in sorted((source_dir / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not articles.hand_edited(text):
            continue
        current = articles.parse(text, str(path))
        page = current.meta.get("source", {}).get("page", "")
        if page not in imports:
            seed = seeds_dir / f"{page}.txt"
            try:
                made = import_page(seed, source_dir / "editorial") if seed.is_file() else None
            except EditionError:
                made = None
            imports[page] = {a.slug: articles.Article(a.meta, a.text) for a in made.articles} if made else {}
        imported = imports[page].get(path.stem)
        record = Record(f"articles/{path.stem}", current.meta.get("title", path.stem))
        if imported is None:
            record.changes.append(Change("全文", "", "原版面导入结果中无此文，无法比对"))
        else:
            record.changes = compare(imported, current)
        if record.changes:
            records.append(record)
    return records


def escape(text: str) -> str:
    from ..importer.emit import escape as escape_text

    return " ".join(escape_text(line) for line in text.splitlines()) if text else ""


def render(records: list[Record]) -> str:
    """The corrections page, in MyST."""
    lines = [
        "(corrections)=", "# 更正记录", "",
        "本页列出文章导入之后经人工更正的全部改动：每处改动与导入时由原版面文字生成的文本逐字比对得出。"
        "引用本文选时，请同时注明所据版本（见页脚的版本号）。", "",
    ]
    if not records:
        lines += ["目前尚无更正。", ""]
    for record in records:
        lines += [f"## {{doc}}`{escape(record.title)} <{record.docname}>`", ""]
        for change in record.changes:
            lines.append(f"- {escape(change.where)}：原作{escape(quote(change.before))}，今作{escape(quote(change.after))}。")
        lines.append("")
    return "\n".join(lines)
