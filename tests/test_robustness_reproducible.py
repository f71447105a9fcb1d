"""Building the edition twice gives identical HTML, and with SOURCE_DATE_EPOCH identical EPUB content."""

import zipfile

import pytest
from conftest import REPO, sphinx_build

SOURCE = REPO / "source"
EPOCH = "1700000000"   # 2023-11-14T22:13:20Z


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The real edition built twice, HTML and EPUB, into different folders, SOURCE_DATE_EPOCH set."""
    import os
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        outs = []
        for run in ("first", "second"):
            out = tmp_path_factory.mktemp(run)
            for builder in ("html", "epub"):
                done = sphinx_build(SOURCE, out, builder)
                assert done.returncode == 0, f"{run} {builder}:\n{done.stdout}\n{done.stderr}"
            outs.append(out)
        return outs
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def test_two_html_builds_are_identical(two_builds):
    first, second = (out / "html" for out in two_builds)
    names = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.suffix in {".html", ".js"}
                   and "_static" not in p.parts)
    assert "searchindex.js" in names and len([n for n in names if n.endswith(".html")]) >= 10
    differing = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert differing == []
    assert names == sorted(str(p.relative_to(second)) for p in second.rglob("*") if p.suffix in {".html", ".js"}
                           and "_static" not in p.parts)


def members(book) -> dict[str, bytes]:
    with zipfile.ZipFile(book) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def test_two_epub_builds_have_identical_content(two_builds):
    first, second = (members(out / "epub" / "lilunban-wenxuan.epub") for out in two_builds)
    assert list(first) == list(second) and list(first)[0] == "mimetype"
    assert [name for name in first if first[name] != second[name]] == []
    assert b'<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>' in first["content.opf"]


def test_two_epub_builds_are_byte_identical_files(two_builds):
    """The zip container stores each member's mtime; with SOURCE_DATE_EPOCH it must store that time instead."""
    first, second = (out / "epub" / "lilunban-wenxuan.epub" for out in two_builds)
    with zipfile.ZipFile(first) as archive:
        times = {info.filename: info.date_time for info in archive.infolist()}
    assert set(times.values()) == {(2023, 11, 14, 22, 13, 20)}, times
    assert first.read_bytes() == second.read_bytes()
