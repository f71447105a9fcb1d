"""Shared fixtures: paths of the repository and a real, strict Sphinx build of any source folder."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sphinx_build(srcdir: Path, outdir: Path, builder: str = "html", *extra: str,
                 quiet: bool = True) -> subprocess.CompletedProcess:
    """Build srcdir with the edition's conf.py, warnings as errors; return the finished process.

    The output is never coloured (NO_COLOR beats a CI's FORCE_COLOR), so tests can read it.
    """
    command = [sys.executable, "-m", "sphinx", "-M", builder, str(srcdir), str(outdir),
               "-c", str(REPO), "-W", "--keep-going", *(["-q"] if quiet else []), *extra]
    env = dict(os.environ, PYTHONHASHSEED="0", NO_COLOR="1")
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)


@pytest.fixture(scope="session")
def tiny_builds(tmp_path_factory) -> dict[str, Path]:
    """HTML and EPUB builds of the tiny fixture source, each required to be free of warnings."""
    out = tmp_path_factory.mktemp("tiny")
    results = {}
    for builder in ("html", "epub"):
        done = sphinx_build(FIXTURES / "tiny", out, builder)
        assert done.returncode == 0, f"{builder} build failed:\n{done.stdout}\n{done.stderr}"
        assert done.stderr.strip() == "", f"{builder} build warned:\n{done.stderr}"
        results[builder] = out / builder
    return results


@pytest.fixture(scope="session")
def edition_builds(tmp_path_factory) -> dict[str, Path]:
    """Strict HTML and EPUB builds of the real edition in source/, as it is in the repository."""
    out = tmp_path_factory.mktemp("edition")
    results = {}
    for builder in ("html", "epub"):
        done = sphinx_build(REPO / "source", out, builder, "-j", "auto")
        assert done.returncode == 0, f"{builder} build of the edition failed:\n{done.stdout}\n{done.stderr}"
        assert done.stderr.strip() == "", f"{builder} build of the edition warned:\n{done.stderr}"
        results[builder] = out / builder
    return results


# a seed page under a name no editorial file has: its （一） headings come before any 一、
NEW_PAGE = "901_newpage"


@pytest.fixture(scope="session")
def pdf_edition(tmp_path_factory) -> dict:
    """tests/newspaper/pdf/np01.pdf, np06.pdf (two printed pages) and a renamed seed page, imported
    into a copy of the edition's source (its own articles left out), generated and built as HTML."""
    base = tmp_path_factory.mktemp("pdf-edition")
    seeds = base / "seeds"
    seeds.mkdir()
    for name in ("np01.pdf", "np06.pdf"):
        shutil.copy(REPO / "tests" / "newspaper" / "pdf" / name, seeds / name)
    shutil.copy(REPO / "seeds" / "001_ace4f7e8f7e9431c.txt", seeds / f"{NEW_PAGE}.txt")
    source = base / "source"
    shutil.copytree(REPO / "source", source, ignore=shutil.ignore_patterns("articles"))
    (source / "articles").mkdir()
    run = lambda *args: subprocess.run([sys.executable, "-m", "tools", *args], capture_output=True,  # noqa: E731
                                       text=True, cwd=REPO)
    imported = run("import", "--seeds", str(seeds), "--out", str(source / "articles"),
                   "--report", str(base / "import-report.json"))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    generated = run("generate", "--source", str(source))
    assert generated.returncode == 0, generated.stdout + generated.stderr
    built = sphinx_build(source, base / "build", "html", "-D", f"edition_seeds_dir={seeds}")
    from tools import articles

    metas = {path.stem: articles.read(path).meta for path in sorted((source / "articles").glob("*.md"))}
    return {"base": base, "source": source, "html": base / "build" / "html", "built": built, "metas": metas,
            "run": run}
