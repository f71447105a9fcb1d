"""Lint rules of cross-references: glossary terms and labels that must exist in the edition."""

import re
from collections.abc import Iterator

from .catalogue import RawFinding
from .document import Document, Project, defined_labels


TERM_ROLE = re.compile(r"\{term\}`(?P<content>[^`]+)`")
REF_ROLE = re.compile(r"\{ref\}`(?P<content>[^`]+)`")
LOCAL_LINK = re.compile(r"\[[^\]]*\]\(#(?P<content>[^)\s]+)\)")
EXPLICIT_TARGET = re.compile(r"<(?P<target>[^<>]+)>\s*$")


def _role_target(content: str) -> str:
    match = EXPLICIT_TARGET.search(content)
    return (match["target"] if match else content).strip()


def term_targets(document: Document, project: Project) -> Iterator[RawFinding]:
    """x-001: {term}`X` where X is not a term of source/glossary.md (skipped without a glossary)."""
    if project.glossary is None:
        return
    for line in document.text_lines():
        for match in TERM_ROLE.finditer(line.text):
            target = _role_target(match["content"])
            if target.lower() not in project.glossary:
                yield line.number, match.start() + 1, "x-001", {"target": target}


def ref_targets(document: Document, project: Project) -> Iterator[RawFinding]:
    """x-002: {ref}`label` and [](#label) where no `(label)=` in source/ defines label."""
    local = defined_labels(document.text)
    for line in document.text_lines():
        for pattern in (REF_ROLE, LOCAL_LINK):
            for match in pattern.finditer(line.text):
                target = _role_target(match["content"])
                if target not in project.labels and target not in local:
                    yield line.number, match.start() + 1, "x-002", {"target": target}


RULES = (term_targets, ref_targets,)
