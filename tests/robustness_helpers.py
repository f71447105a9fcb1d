"""Shared helpers of the robustness tests: running the real import command and snapshotting folders."""

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
EDITORIAL = REPO / "source" / "editorial"
ROBUSTNESS = Path(__file__).resolve().parent / "fixtures" / "robustness"
HANZI_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def run_tools(*args: str) -> subprocess.CompletedProcess:
    """Run `python -m tools <args>` from the repository, as a user would."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    return subprocess.run([sys.executable, "-m", "tools", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=REPO)


def run_import(seeds: Path, out: Path, editorial: Path, report: Path) -> subprocess.CompletedProcess:
    return run_tools("import", "--seeds", seeds, "--out", out, "--editorial", editorial, "--report", report)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (relative path → bytes); {} when the folder does not exist."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def hanzi(text: str) -> Counter:
    return Counter(HANZI_RE.findall(text))
