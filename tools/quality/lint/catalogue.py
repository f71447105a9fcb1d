"""The lint catalogue and its findings: codes, severities, messages and hints from tools/data/lint_rules.toml."""

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from ...tables import table

CATALOGUE = table("lint_rules.toml")

# What a rule function yields: (line, col, code, params for the message's placeholders).
RawFinding = tuple[int, int, str, dict]


@dataclass(frozen=True)
class Rule:
    """One entry of the catalogue: a stable code, its severity, message, hint and optional regex."""

    code: str
    severity: str
    message: str
    hint: str
    pattern: re.Pattern | None = None


@cache
def catalogue() -> dict[str, Rule]:
    """The rules of tools/data/lint_rules.toml, by code."""
    with CATALOGUE.open("rb") as stream:
        table = tomllib.load(stream)["rules"]
    return {code: Rule(code, entry["severity"], entry["message"], entry["hint"],
                       re.compile(entry["pattern"]) if "pattern" in entry else None)
            for code, entry in table.items() if not entry.get("retired")}


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return "…"


@dataclass(frozen=True, order=True)
class Finding:
    """One breach of a rule at a place in a file; `params` fill the message's placeholders."""

    path: str
    line: int
    col: int
    code: str
    params: tuple = ()

    @property
    def rule(self) -> Rule:
        return catalogue()[self.code]

    @property
    def message(self) -> str:
        return self.rule.message.format_map(_Defaults(self.params))

    @property
    def hint(self) -> str:
        return self.rule.hint.format_map(_Defaults(self.params))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code} {self.message}\n    Hint: {self.hint}"


def report(findings: list[Finding]) -> str:
    """The printed report: each finding with its hint, then the count."""
    if not findings:
        return "0 problems"
    files = len({finding.path for finding in findings})
    errors = sum(finding.rule.severity == "error" for finding in findings)
    warnings = len(findings) - errors
    count = (f"{len(findings)} problem{'s' * (len(findings) != 1)} in {files} file{'s' * (files != 1)} "
             f"({errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)})")
    return "\n".join(map(str, findings)) + "\n" + count


def exit_code(findings: list[Finding]) -> int:
    """1 when any finding is an error, 0 otherwise."""
    return int(any(finding.rule.severity == "error" for finding in findings))
