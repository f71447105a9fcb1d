"""Reading and writing article files: YAML front matter, a MyST body, and the import digest."""

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import BadFrontMatter

DIGEST_KEY = "import_digest"
# libyaml's safe loader where PyYAML was built with it (the wheels are), else the pure-Python one
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Article:
    """One article file: its metadata (front matter) and its MyST body."""

    meta: dict = field(default_factory=dict)
    body: str = ""

    @property
    def title(self) -> str:
        return self.meta.get("title", "")


class _Dumper(yaml.SafeDumper):
    """YAML dumper that keeps keys in the given order and writes Chinese as itself."""


def _str_presenter(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def _list_presenter(dumper, value: list):
    """A list of numbers (a region of a PDF page: [page, x0, top, x1, bottom]) on one line."""
    flow = bool(value) and all(isinstance(item, int | float) and not isinstance(item, bool) for item in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow or None)


_Dumper.add_representer(list, _list_presenter)


def dump_front_matter(meta: dict) -> str:
    """Serialize metadata as YAML in a stable, readable form."""
    return yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def render(article: Article) -> str:
    """The whole file text of an article, front matter first."""
    return f"---\n{dump_front_matter(article.meta)}---\n\n{article.body.rstrip()}\n"


def parse(text: str, path: str = "<article>") -> Article:
    """Split an article file into front matter and body; refuse malformed front matter."""
    if not text.startswith("---\n"):
        raise BadFrontMatter(path, 1, "front-matter", "an article must open with a `---` line "
                             "followed by YAML front matter")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise BadFrontMatter(path, 1, "front-matter", "the front matter is not closed by a `---` line")
    try:
        meta = yaml.load(text[4:end + 1], Loader=SAFE_LOADER) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(error, "problem", None) or str(error)
        raise BadFrontMatter(path, line, "front-matter", f"the front matter is not valid YAML: {problem}") from None
    if not isinstance(meta, dict):
        raise BadFrontMatter(path, 2, "front-matter", "the front matter must be a mapping of keys to values")
    return Article(meta=meta, body=text[end + 5:].lstrip("\n"))


def read(path: Path) -> Article:
    return parse(path.read_text(encoding="utf-8"), str(path))


def digest(text: str) -> str:
    """SHA-256 of an article file's text with its import_digest line left out."""
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith(DIGEST_KEY + ":")]
    return hashlib.sha256("".join(kept).encode("utf-8")).hexdigest()


def stamp(text: str) -> str:
    """Add (or refresh) the import_digest line at the end of the front matter."""
    kept = [line for line in text.splitlines(keepends=True) if not line.startswith(DIGEST_KEY + ":")]
    text = "".join(kept)
    end = text.find("\n---\n", 3)
    return f"{text[:end + 1]}{DIGEST_KEY}: {digest(text)}\n{text[end + 1:]}"


def hand_edited(text: str) -> bool:
    """True when the file was changed after the importer wrote it (or never carried a digest)."""
    for line in text.splitlines():
        if line.startswith(DIGEST_KEY + ":"):
            return line.split(":", 1)[1].strip() != digest(text)
    return True


def write_if_changed(path: Path, text: str) -> bool:
    """Write text to path atomically, only when it differs from what is there; True if written."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
