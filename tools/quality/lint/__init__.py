"""Check article files against the edition's typographic and structural rules and report coded findings.

The rules are listed, with code, severity, message and hint, in tools/data/lint_rules.toml; a rule
with a `pattern` there is data-driven, the others are functions in this package's families of
rules (typography, damage, structure, references), each yielding (line, col, code, params). A
deliberate exception is kept by a comment on the line above it: `<!-- lint: ignore CODE [CODE …] -->`
(or `% lint: ignore CODE` in the body, or `# lint: ignore CODE` in the front matter); see CONTRIBUTING.md.
"""

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from . import damage, references, structure, typography
from .catalogue import Finding, RawFinding, Rule, catalogue, exit_code, report
from .document import SUPPRESSION, Document, Project, load

__all__ = ["Finding", "Project", "Rule", "article_files", "catalogue", "exit_code", "lint_paths", "lint_text", "report"]

RULES: tuple[Callable[[Document, Project], Iterable[RawFinding]], ...] = (
    *typography.RULES, *damage.RULES, *structure.RULES, *references.RULES)


def suppressions(document: Document) -> tuple[dict[int, set[str]], list[Finding]]:
    """Codes silenced per line by a `lint: ignore CODE …` comment on the line above; unknown codes."""
    silenced: dict[int, set[str]] = {}
    unknown: list[Finding] = []
    comment_lines = [(number, text) for number, text in enumerate(document.front_matter, start=2)]
    comment_lines += [(line.number, line.text) for line in document.lines if line.kind == "comment"]
    for number, text in comment_lines:
        match = SUPPRESSION.search(text)
        if not match:
            continue
        codes = {code for code in re.split(r"[\s,]+", match["codes"].strip()) if code}
        silenced.setdefault(number + 1, set()).update(codes)
        for code in sorted(codes - set(catalogue())):
            unknown.append(Finding(document.path, number, text.find(code) + 1, "l-002", (("code", code),)))
    return silenced, unknown


def lint_text(path: str, data: bytes | str, project: Project | None = None) -> list[Finding]:
    """All findings for one article file's content, sorted by place, suppressions applied."""
    project = project or Project()
    data = data.encode("utf-8") if isinstance(data, str) else data
    document, findings = load(path, data)
    for function in RULES:
        for number, col, code, params in function(document, project):
            findings.append(Finding(path, number, col, code, tuple(sorted(params.items()))))
    silenced, unknown = suppressions(document)
    kept = [finding for finding in findings if finding.code not in silenced.get(finding.line, ())]
    return sorted(set(kept + unknown))


def article_files(path: Path) -> list[Path]:
    """The article files a path stands for: itself, `articles/**/*.md` of a source folder, or `**/*.md`."""
    if path.is_file():
        return [path]
    if (path / "articles").is_dir():
        return sorted((path / "articles").rglob("*.md"))
    return sorted(path.rglob("*.md"))


def lint_paths(paths: Iterable[Path], project: Project) -> list[Finding]:
    """All findings for the article files the paths stand for, file by file."""
    findings = []
    for path in paths:
        for file in article_files(path):
            findings += lint_text(display(file), file.read_bytes(), project)
    return findings


def display(path: Path) -> str:
    """A path as it is printed: relative to the working directory when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
