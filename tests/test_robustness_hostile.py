"""A raw page full of markup, script, links and control characters imports and builds (HTML and EPUB) as plain text."""

import re
import zipfile

import pytest
from conftest import sphinx_build
from robustness_helpers import ROBUSTNESS, run_import

PAGE = ROBUSTNESS / "hostile.txt"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile page imported, and HTML and EPUB builds of a source folder holding its articles."""
    base = tmp_path_factory.mktemp("hostile")
    seeds, src = base / "seeds", base / "src"
    seeds.mkdir()
    (seeds / PAGE.name).write_bytes(PAGE.read_bytes())
    done = run_import(seeds, src / "articles", base / "editorial", base / "report.json")
    assert done.returncode == 0, done.stderr
    slugs = sorted(p.stem for p in (src / "articles").glob("*.md"))
    entries = "\n".join(f"articles/{slug}" for slug in slugs)
    (src / "index.md").write_text(f"# 测试\n\n```{{toctree}}\n:maxdepth: 1\n\n{entries}\n```\n", encoding="utf-8")
    builds = {}
    for builder in ("html", "epub"):
        built = sphinx_build(src, base / "build", builder, "-D", f"edition_seeds_dir={seeds}")
        assert built.returncode == 0 and built.stderr.strip() == "", f"{builder}:\n{built.stdout}\n{built.stderr}"
    builds["raw"] = (base / "build" / "html" / "raw" / f"{PAGE.stem}.html").read_text(encoding="utf-8")
    builds["html"] = "\n".join(p.read_text(encoding="utf-8")
                               for p in sorted((base / "build" / "html" / "articles").glob("*.html")))
    with zipfile.ZipFile(base / "build" / "epub" / "lilunban-wenxuan.epub") as book:
        builds["epub"] = "\n".join(book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("articles/"))
    import json
    report = json.loads((base / "report.json").read_text(encoding="utf-8"))
    return {"builds": builds, "report": report["pages"][0],
            "articles": "\n".join(p.read_text(encoding="utf-8") for p in (src / "articles").glob("*.md"))}


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_no_markup_from_the_text_survives_into_the_output(hostile, builder):
    out = hostile["builds"][builder]
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", out, re.S | re.I)
    assert not [body for body in scripts if "alert" in body]   # the theme's own scripts only
    assert "<script>alert" not in out
    assert not re.search(r"""href=["'][^"']*javascript:""", out, re.I)
    assert "<em>" not in out and "<table" not in out and "<strong>y" not in out
    assert '<a href="javascript' not in out


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_the_hostile_strings_appear_as_text(hostile, builder):
    out = hostile["builds"][builder]
    for text in ["&lt;script&gt;alert(1)&lt;/script&gt;", "[a](javascript:alert(1))", "{role}`x`", "{eval-rst}",
                 "*x*", "_y_", "|a|b|", "&amp;amp", "%comment", "(label)=", "```", "：：：这不是指令", "#井号开头",
                 "\u200b", "\uff1c", "\u0430", "长" * 2500]:
        assert text in out, f"{text!r} is not shown as text in the {builder} output"


@pytest.mark.parametrize("builder", ["html", "epub"])
def test_no_control_character_reaches_the_output(hostile, builder):
    out = hostile["builds"][builder]
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", out)


def test_control_characters_are_accounted_as_repairs_and_the_page_balances(hostile):
    report = hostile["report"]
    assert report["balanced"] is True
    assert report["repairs"].get("control-characters") == 2
    assert "\x07" not in hostile["articles"] and "\x1b" not in hostile["articles"]
    assert "控制字符响铃和转义出现在正文之中" in hostile["articles"]


def test_raw_page_view_shows_control_characters_without_holding_them(hostile):
    """The verbatim raw page view may not pass a control character to the browser (an HTML parse error)."""
    raw = hostile["builds"]["raw"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw and "<script>alert" not in raw
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw)
