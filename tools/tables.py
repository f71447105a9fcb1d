"""Where the tools' tables live: the data files under tools/data/, found the same way from every package."""

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def table(name: str) -> Path:
    """The path of one table in tools/data/ (punctuation lists, furniture patterns, dictionary, …)."""
    return DATA / name
