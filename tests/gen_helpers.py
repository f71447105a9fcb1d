"""Shared helpers of the apparatus tests: a fresh copy of the generate fixture and its corpus."""

import shutil
from pathlib import Path

from tools.apparatus import corpus

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "generate"


def fresh_source(tmp_path: Path) -> Path:
    """A copy of the fixture source folder that a test may change."""
    target = tmp_path / "source"
    shutil.copytree(FIXTURE, target)
    return target


def fixture_docs() -> list[corpus.Doc]:
    return corpus.load(FIXTURE)
