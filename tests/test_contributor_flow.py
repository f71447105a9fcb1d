"""A contributor's correction, end to end: edit an article, `make html`, and the edit is in the site; `make import` says why it left the article alone."""

import shutil
import subprocess

from conftest import REPO

SLUG = "bazhun-xinzhishengchanli-fazhan-maibo"


def repository_copy(tmp_path):
    """The tracked files of the repository as they are in the work tree, sharing its virtualenv."""
    files = subprocess.run(["git", "ls-files", "-z"], capture_output=True, text=True, cwd=REPO, check=True).stdout
    copy = tmp_path / "edition"
    for name in filter(None, files.split("\0")):
        source = REPO / name
        if source.is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    shutil.copytree(REPO / "seeds", copy / "seeds", dirs_exist_ok=True)
    return copy


def make(copy, *targets):
    return subprocess.run(["make", *targets, f"VENV={REPO / '.venv'}", "SPHINXOPTS=-W --keep-going -q"],
                          capture_output=True, text=True, cwd=copy)


def test_a_hand_correction_reaches_the_html_and_survives_the_import(tmp_path):
    copy = repository_copy(tmp_path)
    article = copy / "source" / "articles" / f"{SLUG}.md"
    article.write_text(article.read_text(encoding="utf-8").replace("厚植坚实的生产力基础", "厚植坚实的生产力根基"),
                       encoding="utf-8")
    built = make(copy, "html")
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    page = (copy / "build" / "html" / "articles" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert "厚植坚实的生产力根基" in page and "厚植坚实的生产力基础" not in page
    corrections = (copy / "build" / "html" / "corrections.html").read_text(encoding="utf-8")
    assert "生产力根基" in corrections
    again = make(copy, "import")
    assert again.returncode == 0
    assert f"source/articles/{SLUG}.md: left alone: it was edited by hand after import" in again.stdout
    assert f"make import FORCE={SLUG}" in again.stdout
    assert "厚植坚实的生产力根基" in article.read_text(encoding="utf-8")
