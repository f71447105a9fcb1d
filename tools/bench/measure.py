"""Measure the edition's import and build against their natural floors on synthetic corpora of 1×, 10× and 100× the seeds.

Every figure is a ratio of two timings taken side by side in one run, alternating (bare, full, bare,
full …) and taking medians, so that the noise of the machine cancels out as far as it can:

- import_vs_jieba: import throughput (characters a second) ÷ jieba.cut's throughput on the same text;
- build_vs_bare: full HTML build ÷ a bare sphinx-build of the same articles (no glossary, index, themes, extension);
- incremental_vs_full: at 100×, the rebuild after correcting one word in one article ÷ the full build
  (the same correction is rebuilt in the bare build too: Sphinx's own floor for the figure);
- per_article_100_vs_10: full-build time per article at 100× ÷ the same at 10×;
- peak_rss_mb_100: peak memory of the 100× full build, in MB.

Beside them, `pdf_import` times the PDF import per page against pdftotext on the same PDFs (pdf_import.py).
"""

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import jieba

from ..importer.readers import text as decode
from . import pdf_import, synthetic
from ..apparatus.generate import generate
from ..importer.pipeline import import_page

REPO = Path(__file__).resolve().parents[2]
KEYS = ("import_vs_jieba", "build_vs_bare", "incremental_vs_full", "per_article_100_vs_10", "peak_rss_mb_100")
GOALS = {"import_vs_jieba": (">=", 0.5), "build_vs_bare": ("<=", 1.25), "incremental_vs_full": ("<=", 0.10),
         "per_article_100_vs_10": ("<=", 1.2), "peak_rss_mb_100": None}
#: The Makefile's jobs: one more than cores (Sphinx's main process resolves and indexes while jobs − 1 write).
JOBS = len(os.sched_getaffinity(0)) + 1
SPHINXOPTS = ["-W", "--keep-going", "-q", "-j", str(JOBS)]

# The bare build's configuration: the same parser, theme and search language, nothing of the edition's own.
BARE_CONF = '''"""A bare build of the same articles: MyST and the theme only, no enrichment, no generated pages.

It shares what the edition does to make Sphinx itself fast, so that the ratio measures what the
glossary, index, themes and apparatus cost, not Sphinx's own scaling: the theme's navigation fix
(tools.sphinxext.navigation), without which furo alone makes every build quadratic in the number
of articles, and the garbage collector's pace (tools.sphinxext.collector).
"""
import sys
sys.path.insert(0, @REPO@)
project = "bare"
language = "zh_CN"
extensions = ["myst_parser", "sphinx_design", "tools.sphinxext.navigation", "tools.sphinxext.collector"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence", "deflist"]
html_theme = "furo"
html_search_language = "zh"
suppress_warnings = ["myst.header", "toc.not_included"]
'''
BARE_INDEX = "# Bare\n\n```{toctree}\n:glob:\n:maxdepth: 1\n\narticles/*\n```\n"

# Runs a command and prints its children's peak RSS (kB on Linux) on stdout; the command's own output goes to stderr.
RSS_WRAPPER = ("import resource, subprocess, sys; "
               "code = subprocess.run(sys.argv[1:], stdout=sys.stderr).returncode; "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


@dataclass
class Build:
    seconds: float
    peak_rss_mb: float


@dataclass
class ScaleResult:
    """What one scale measured."""

    scale: int
    pages: int = 0
    articles: int = 0
    characters: int = 0
    import_seconds: list[float] = field(default_factory=list)
    jieba_seconds: list[float] = field(default_factory=list)
    generate_seconds: float = 0.0
    full_seconds: list[float] = field(default_factory=list)
    bare_seconds: list[float] = field(default_factory=list)
    full_peak_rss_mb: float = 0.0
    noop_seconds: float | None = None
    bare_noop_seconds: float | None = None
    incremental_seconds: float | None = None
    incremental_generate_seconds: float | None = None
    bare_incremental_seconds: float | None = None
    import_failures: list[str] = field(default_factory=list)

    def incremental_ratio(self) -> float | None:
        """The one-word rebuild ÷ the full build (median), or None when not measured."""
        if self.incremental_seconds is None or not self.full_seconds:
            return None
        return self.incremental_seconds / statistics.median(self.full_seconds)

    def bare_incremental_ratio(self) -> float | None:
        """The bare build's one-word rebuild ÷ its full build (median): Sphinx's own floor."""
        if self.bare_incremental_seconds is None or not self.bare_seconds:
            return None
        return self.bare_incremental_seconds / statistics.median(self.bare_seconds)

    def bare_noop_ratio(self) -> float | None:
        """The bare build's rebuild with nothing changed ÷ its full build (median): below this, no rebuild goes."""
        if self.bare_noop_seconds is None or not self.bare_seconds:
            return None
        return self.bare_noop_seconds / statistics.median(self.bare_seconds)

    def as_json(self) -> dict:
        median = lambda xs: round(statistics.median(xs), 3) if xs else None
        return {
            "scale": self.scale, "pages": self.pages, "articles": self.articles, "characters": self.characters,
            "import_seconds": median(self.import_seconds), "jieba_seconds": median(self.jieba_seconds),
            "import_chars_per_second": round(self.characters / statistics.median(self.import_seconds)) if self.import_seconds else None,
            "jieba_chars_per_second": round(self.characters / statistics.median(self.jieba_seconds)) if self.jieba_seconds else None,
            "generate_seconds": round(self.generate_seconds, 3),
            "full_build_seconds": median(self.full_seconds), "bare_build_seconds": median(self.bare_seconds),
            "full_build_runs": [round(x, 3) for x in self.full_seconds],
            "bare_build_runs": [round(x, 3) for x in self.bare_seconds],
            "full_build_peak_rss_mb": round(self.full_peak_rss_mb, 1),
            "noop_seconds": None if self.noop_seconds is None else round(self.noop_seconds, 3),
            "bare_noop_seconds": None if self.bare_noop_seconds is None else round(self.bare_noop_seconds, 3),
            "incremental_seconds": None if self.incremental_seconds is None else round(self.incremental_seconds, 3),
            "incremental_generate_seconds": (None if self.incremental_generate_seconds is None
                                             else round(self.incremental_generate_seconds, 3)),
            "bare_incremental_seconds": (None if self.bare_incremental_seconds is None
                                         else round(self.bare_incremental_seconds, 3)),
            "import_failures": self.import_failures,
        }


def sphinx_build(source: Path, out: Path, conf_dir: Path) -> Build:
    """Run sphinx-build with the Makefile's flags in its own process; return its wall time and peak RSS."""
    command = [sys.executable, "-c", RSS_WRAPPER, str(Path(sys.executable).parent / "sphinx-build"),
               "-M", "html", str(source), str(out), "-c", str(conf_dir), *SPHINXOPTS]
    env = {**os.environ, "PYTHONHASHSEED": "0", "NO_COLOR": "1"}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"sphinx-build {source} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    return Build(seconds, int(done.stdout.split()[-1]) / 1024)


def import_pages(pages: list[Path], editorial_dir: Path) -> tuple[float, list, list[str]]:
    """Import every page in process; return the seconds, the imports and the pages that failed."""
    imports, failures = [], []
    start = time.perf_counter()
    for page in pages:
        try:
            imports.append(import_page(page, editorial_dir))
        except Exception as error:  # a synthetic page that does not import is a finding of the bench
            failures.append(f"{page.name}: {type(error).__name__}: {error}")
    return time.perf_counter() - start, imports, failures


def jieba_cut(texts: list[str]) -> float:
    """Seconds jieba.cut takes to segment every text (the floor of an import that segments text)."""
    start = time.perf_counter()
    for text in texts:
        for _ in jieba.cut(text):
            pass
    return time.perf_counter() - start


def write_articles(imports: list, out: Path) -> int:
    """Write the imported articles as the import command does; return how many (slugs unique across pages)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    taken: set[str] = set()
    for page in imports:
        for article in page.articles:
            slug, n = article.slug, 2
            while slug in taken:  # the import command keys articles by slug alone (see the report)
                slug, n = f"{article.slug}-{page.page}-{n}", n + 1
            taken.add(slug)
            text = article.file_text()
            (out / f"{slug}.md").write_text(text, encoding="utf-8")
    return len(taken)


def assemble(workdir: Path, imports: list, pages: list[Path]) -> tuple[Path, Path, int]:
    """Lay out the full source (articles, their raw pages in _seeds/, generated pages) and the bare source
    (the same articles and a glob toctree)."""
    full, bare = workdir / "source", workdir / "bare"
    count = write_articles(imports, full / "articles")
    shutil.rmtree(full / "_seeds", ignore_errors=True)
    (full / "_seeds").mkdir()
    for page in pages:
        shutil.copy2(page, full / "_seeds" / page.name)
    if bare.exists():
        shutil.rmtree(bare)
    shutil.copytree(full / "articles", bare / "articles")
    (bare / "index.md").write_text(BARE_INDEX, encoding="utf-8")
    (bare / "conf.py").write_text(BARE_CONF.replace("@REPO@", repr(str(REPO))), encoding="utf-8")
    return full, bare, count


def correct_one_word(source: Path) -> Path:
    """Correct one word in one article, as a contributor would: the first 发展 of the middle article becomes 进展."""
    files = sorted((source / "articles").glob("*.md"))
    path = files[len(files) // 2]
    text = path.read_text(encoding="utf-8")
    head, sep, body = text.partition("\n---\n")
    for old, new in (("发展", "进展"), ("建设", "建立"), ("工作", "工做")):
        if old in body:
            path.write_text(head + sep + body.replace(old, new, 1), encoding="utf-8")
            return path
    raise RuntimeError(f"{path}: no word to correct")


def measure_scale(scale: int, workdir: Path, seeds: Path, editorial_dir: Path, repeats: int,
                  incremental: bool, log=print) -> ScaleResult:
    """Build the scale's synthetic corpus and measure it: import vs jieba, full vs bare builds, incremental."""
    result = ScaleResult(scale)
    workdir.mkdir(parents=True, exist_ok=True)
    pages = synthetic.write_corpus(seeds, editorial_dir, workdir / "seeds", scale)
    empty = workdir / "editorial"  # synthetic pages have no editorial files
    empty.mkdir(exist_ok=True)
    texts = [decode.decode(p.read_bytes(), str(p)) for p in pages]
    result.pages, result.characters = len(pages), sum(map(len, texts))
    jieba.initialize()
    import_page(pages[0], empty)  # load dictionaries and tables outside the timings
    imports: list = []
    for _ in range(max(1, repeats if scale < 100 else 1)):
        result.jieba_seconds.append(jieba_cut(texts))
        seconds, imports, result.import_failures = import_pages(pages, empty)
        result.import_seconds.append(seconds)
    log(f"  {scale}×: {len(pages)} pages, {result.characters} characters; import "
        f"{statistics.median(result.import_seconds):.1f} s, jieba {statistics.median(result.jieba_seconds):.1f} s")
    full, bare, result.articles = assemble(workdir, imports, pages)
    start = time.perf_counter()
    generate(full)
    result.generate_seconds = time.perf_counter() - start
    for run in range(repeats):
        for kind in ("bare", "full"):
            out = workdir / f"{kind}-html"
            shutil.rmtree(out, ignore_errors=True)
            build = sphinx_build(bare if kind == "bare" else full, out, bare if kind == "bare" else REPO)
            (result.bare_seconds if kind == "bare" else result.full_seconds).append(build.seconds)
            if kind == "full":
                result.full_peak_rss_mb = max(result.full_peak_rss_mb, build.peak_rss_mb)
            log(f"  {scale}×: {kind} build {run + 1}/{repeats}: {build.seconds:.1f} s, peak {build.peak_rss_mb:.0f} MB")
    if incremental:
        # Rebuilt with nothing changed, each build does only what Sphinx does on every run (load and save the
        # environment, check every source, rewrite the general index and the search index).
        result.noop_seconds = sphinx_build(full, workdir / "full-html", REPO).seconds
        result.bare_noop_seconds = sphinx_build(bare, workdir / "bare-html", bare).seconds
        log(f"  {scale}×: rebuilt with nothing changed: {result.noop_seconds:.1f} s, bare {result.bare_noop_seconds:.1f} s")
        correct_one_word(full)
        start = time.perf_counter()
        generate(full)  # as `make html` does: the apparatus is regenerated, written only where it changed
        result.incremental_generate_seconds = time.perf_counter() - start
        build = sphinx_build(full, workdir / "full-html", REPO)
        result.incremental_seconds = result.incremental_generate_seconds + build.seconds
        log(f"  {scale}×: incremental rebuild {result.incremental_seconds:.1f} s "
            f"(generate {result.incremental_generate_seconds:.1f} s + sphinx-build {build.seconds:.1f} s)")
        correct_one_word(bare)  # the same article: the bare source holds the same files
        result.bare_incremental_seconds = sphinx_build(bare, workdir / "bare-html", bare).seconds
        log(f"  {scale}×: the bare build's incremental rebuild {result.bare_incremental_seconds:.1f} s")
    return result


def figures(results: dict[int, ScaleResult]) -> tuple[dict, dict]:
    """The five figures from the scales measured, and a note for each one that could not be measured."""
    figs: dict = dict.fromkeys(KEYS)
    notes: dict = {}
    median = statistics.median
    measured = sorted(results)
    if measured:
        top = results[measured[-1]]
        figs["import_vs_jieba"] = round(median(top.jieba_seconds) / median(top.import_seconds), 3)
        figs["build_vs_bare"] = round(median(top.full_seconds) / median(top.bare_seconds), 3)
        notes["import_vs_jieba"] = notes["build_vs_bare"] = f"measured at {top.scale}×"
    if 100 in results and results[100].incremental_ratio() is not None:
        top = results[100]
        figs["incremental_vs_full"] = round(top.incremental_ratio(), 3)
        if top.bare_incremental_ratio() is not None:
            notes["incremental_vs_full"] = (f"Sphinx's own floor, the bare build's one-word rebuild ÷ its full build: "
                                            f"{top.bare_incremental_ratio():.3f}")
            if top.bare_noop_ratio() is not None:
                notes["incremental_vs_full"] += f"; with nothing changed: {top.bare_noop_ratio():.3f}"
    else:
        notes["incremental_vs_full"] = "not measured: needs the 100× scale"
        if measured and results[measured[-1]].incremental_ratio() is not None:
            top = results[measured[-1]]
            notes["incremental_vs_full"] += f" (at {top.scale}×: {top.incremental_ratio():.3f}"
            if top.bare_incremental_ratio() is not None:
                notes["incremental_vs_full"] += f"; the bare build's own: {top.bare_incremental_ratio():.3f}"
            notes["incremental_vs_full"] += ")"
    per_article = {s: median(results[s].full_seconds) / results[s].articles for s in measured if results[s].articles}
    if 100 in per_article and 10 in per_article:
        figs["per_article_100_vs_10"] = round(per_article[100] / per_article[10], 3)
    else:
        notes["per_article_100_vs_10"] = "not measured: needs the 10× and 100× scales"
        if 1 in per_article and 10 in per_article:
            notes["per_article_100_vs_10"] += f" (10× vs 1×: {per_article[10] / per_article[1]:.3f})"
    if 100 in results:
        figs["peak_rss_mb_100"] = round(results[100].full_peak_rss_mb, 1)
    else:
        notes["peak_rss_mb_100"] = "not measured: needs the 100× scale"
    return figs, notes


def machine() -> dict:
    """The machine the figures were taken on."""
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    try:
        memory_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError):
        memory_gb = None
    import sphinx
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory_gb, "python": platform.python_version(),
            "sphinx": sphinx.__version__, "platform": platform.platform()}


def verdicts(figs: dict) -> dict:
    """For each figure with a goal: "met", "missed" or None when not measured."""
    out = {}
    for key, goal in GOALS.items():
        if goal is None or figs[key] is None:
            out[key] = None
        else:
            op, bound = goal
            out[key] = "met" if (figs[key] >= bound if op == ">=" else figs[key] <= bound) else "missed"
    return out


def report(results: dict[int, ScaleResult]) -> dict:
    """The content of bench.json: the five figures under their keys, then goals, notes, details and the machine."""
    figs, notes = figures(results)
    return {**figs, "goals": {k: (f"{g[0]} {g[1]}" if g else None) for k, g in GOALS.items()},
            "verdicts": verdicts(figs), "notes": notes,
            "scales": {f"{s}x": results[s].as_json() for s in sorted(results)}, "machine": machine()}


def table(data: dict) -> str:
    """The figures as a terminal table: figure, value, goal, verdict, note."""
    rows = [("figure", "value", "goal", "verdict", "note")]
    for key in KEYS:
        value = data[key]
        rows.append((key, "—" if value is None else f"{value}", data["goals"][key] or "", data["verdicts"][key] or "",
                     data["notes"].get(key, "")))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * width for width in widths))
    pdf = data.get("pdf_import")
    if pdf:
        lines.append(f"PDF import: {pdf['import_seconds_per_page']} s a page ({pdf['pages']} pages)"
                     + (f"; pdftotext {pdf['pdftotext_seconds_per_page']} s a page; import ÷ pdftotext "
                        f"{pdf['import_vs_pdftotext']}" if "import_vs_pdftotext" in pdf else f"; {pdf.get('note', '')}"))
    return "\n".join(lines)


def run(build_dir: Path, scales: list[int], repeats: int = 3, seeds: Path = REPO / "seeds",
        editorial_dir: Path = REPO / "source" / "editorial", log=print) -> dict:
    """Measure every scale, write build_dir/../bench.json (build/bench.json for build/bench) and return it."""
    results: dict[int, ScaleResult] = {}
    path = build_dir.parent / "bench.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    for scale in scales:
        log(f"bench: scale {scale}×")
        results[scale] = measure_scale(scale, build_dir / f"{scale}x", seeds, editorial_dir,
                                       repeats, incremental=scale == max(scales), log=log)
        data = report(results)  # written after every scale, so a long run that is stopped keeps what it measured
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log("bench: the PDF import, side by side with pdftotext")
    data["pdf_import"] = pdf_import.measure(repeats, log=log)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return data
