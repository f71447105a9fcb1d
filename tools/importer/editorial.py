"""Reads and checks a page's editorial decisions (source/editorial/<page>.toml): what an editor ruled where automation cannot be sure."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BadEditorial

# Every kind of decision, and the keys each one takes (all need a `reason`).
KINDS = {
    "page": {"required": set(), "optional": {"newspaper", "date", "folio", "section", "reason"}},
    "break": {"required": {"after", "reason"}, "optional": {"new_article"}},
    "join": {"required": {"after", "reason"}, "optional": set()},
    "move": {"required": {"from", "to_article", "reason"}, "optional": {"to", "after", "join", "position"}},
    "drop": {"required": {"from", "reason"}, "optional": {"to"}},
    "supply_title": {"required": {"body_starts", "title", "reason"}, "optional": {"note"}},
    "title_fragment": {"required": {"text", "article", "reason"}, "optional": set()},
    "emend": {"required": {"article", "find", "replace", "reason"}, "optional": set()},
    "gap": {"required": {"article", "after", "reason"}, "optional": {"mark"}},
    "incomplete": {"required": {"article", "note", "reason"}, "optional": set()},
    "note": {"required": {"article", "text"}, "optional": {"reason"}},
}


@dataclass
class Decision:
    """One editorial decision: its kind, its keys, and the line of the file it sits on."""

    kind: str
    keys: dict
    line: int
    applied: bool = False

    def __getitem__(self, key):
        return self.keys[key]

    def get(self, key, default=None):
        return self.keys.get(key, default)


@dataclass
class Editorial:
    """All decisions for one page."""

    path: str = ""
    page: dict = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)

    def of(self, kind: str) -> list[Decision]:
        return [d for d in self.decisions if d.kind == kind]

    def fail(self, decision: Decision, message: str) -> BadEditorial:
        return BadEditorial(self.path, decision.line, f"editorial.{decision.kind}", message)


def table_lines(text: str, kind: str) -> list[int]:
    """The line numbers on which each [[kind]] table of a TOML file starts."""
    return [number for number, line in enumerate(text.splitlines(), 1) if line.strip() == f"[[{kind}]]"]


def load(path: Path) -> Editorial:
    """Load and validate an editorial file; a missing file means no decisions."""
    if not path.is_file():
        return Editorial(str(path))
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_of_error(str(error))
        raise BadEditorial(str(path), line, "editorial.syntax", f"not valid TOML: {error}") from None
    editorial = Editorial(str(path))
    for kind, value in data.items():
        if kind not in KINDS:
            line = next((n for n, l in enumerate(text.splitlines(), 1) if kind in l), None)
            raise BadEditorial(str(path), line, "editorial.kind",
                               f"unknown decision `{kind}`; expected one of: {', '.join(sorted(KINDS))}")
        if kind == "page":
            if not isinstance(value, dict):
                raise BadEditorial(str(path), None, "editorial.page", "`page` must be a table: [page]")
            editorial.page = value
            continue
        if not isinstance(value, list):
            raise BadEditorial(str(path), None, f"editorial.{kind}", f"`{kind}` must be written as [[{kind}]] tables")
        for entry, line in zip(value, table_lines(text, kind) + [None] * len(value)):
            decision = Decision(kind, entry, line or 1)
            spec = KINDS[kind]
            missing = spec["required"] - entry.keys()
            unknown = entry.keys() - spec["required"] - spec["optional"]
            if missing:
                raise editorial.fail(decision, f"[[{kind}]] needs the key(s) {', '.join(sorted(missing))}")
            if unknown:
                raise editorial.fail(decision, f"[[{kind}]] does not take the key(s) {', '.join(sorted(unknown))}; "
                                     f"allowed: {', '.join(sorted(spec['required'] | spec['optional']))}")
            for key, item in entry.items():
                if not isinstance(item, (str, bool)):
                    raise editorial.fail(decision, f"`{key}` must be a string, not {type(item).__name__}")
            editorial.decisions.append(decision)
    return editorial


def _line_of_error(message: str) -> int | None:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
