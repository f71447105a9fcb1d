"""Command `import`: raw pages in seeds/ become articles in source/articles/, never overwriting a hand correction."""

import argparse
import json
import re
import sys
from pathlib import Path

from .. import articles
from ..errors import BadFrontMatter, BadPage, EditionError
from ..importer.pipeline import import_page

PAGE_FORMS = {".txt", ".pdf"}


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools import", description=__doc__)
    parser.add_argument("--seeds", default="seeds", type=Path, help="folder of raw pages (*.txt, *.pdf)")
    parser.add_argument("--out", default="source/articles", type=Path, help="folder of article files")
    parser.add_argument("--editorial", type=Path, default=None,
                        help="folder of editorial decision files (default: editorial/ beside --out)")
    parser.add_argument("--report", type=Path, default=Path("build/import-report.json"))
    parser.add_argument("--force", action="append", default=[], metavar="SLUG",
                        help="re-import this article even though it was edited by hand (repeatable; 'all' for every one)")
    return parser.parse_args(argv)


def existing_articles(out: Path) -> dict[str, tuple[str, str]]:
    """Article files already there: slug → (text, seed page); raise BadFrontMatter for one that cannot be read.

    An article whose front matter cannot be read may hold a hand correction: the import stops
    rather than guess whether to keep, overwrite or remove it.
    """
    found = {}
    for path in sorted(out.glob("*.md")):
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadFrontMatter(str(path), data[:error.start].count(b"\n") + 1, "front-matter",
                                 f"an article file must be UTF-8 text; byte 0x{data[error.start]:02X} "
                                 f"at offset {error.start} is not") from None
        source = articles.parse(text, str(path)).meta.get("source", {})
        page = source.get("page", "") if isinstance(source, dict) else None
        if not isinstance(page, str):
            raise BadFrontMatter(str(path), 2, "front-matter",
                                 "`source` must be a mapping whose `page` names the seed page, e.g. `source: {page: 000_c579e9d260a4ea39}`")
        found[path.stem] = (text, page)
    return found


def raw_pages(seeds: Path) -> list[Path]:
    """The raw pages of a folder: extracted text (*.txt) and the newspaper's own PDFs (*.pdf)."""
    pages = sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix.lower() in PAGE_FORMS) if seeds.is_dir() else []
    stems: dict[str, Path] = {}
    for page in pages:
        if page.stem in stems:
            raise BadPage(str(page), None, "page-twice", f"{stems[page.stem].name} is the same page in another form; "
                          "keep one of them (the PDF, if you have it)")
        stems[page.stem] = page
    return pages


def unique_slug(slug: str, page: str, taken) -> str:
    """A slug no other article has: the title's slug, then its page's name (its first part, then all
    of it in ASCII), then a number."""
    whole = re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-")
    for candidate in (f"{slug}-{page.split('_')[0].lower()}", f"{slug}-{whole}"):
        if candidate not in taken:
            return candidate
    n = 2
    while f"{slug}-{whole}-{n}" in taken:
        n += 1
    return f"{slug}-{whole}-{n}"


def main(argv: list[str]) -> int:
    options = parse(argv)
    editorial_dir = options.editorial or options.out.parent / "editorial"
    try:
        pages = raw_pages(options.seeds)
    except EditionError as error:
        print(f"{error}\nNothing was written.", file=sys.stderr)
        return error.exit_code
    if not pages:
        print(f"{options.seeds}: [no-pages] the folder holds no raw pages (*.txt or *.pdf) to import", file=sys.stderr)
        return 65
    imports, refused = [], []
    try:
        for page in pages:
            try:
                imports.append(import_page(page, editorial_dir))
            except BadPage as error:
                if page.suffix.lower() != ".pdf":
                    raise
                refused.append((page, error))   # a PDF that cannot be read: the other pages go on
        before = existing_articles(options.out)
    except EditionError as error:
        print(f"{error}\nNothing was written.", file=sys.stderr)
        return error.exit_code
    if not imports:
        for page, error in refused:
            print(f"{error}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return refused[0][1].exit_code
    force = set(options.force)
    produced: dict[str, str] = {}
    kept_by_hand, written, unchanged = [], [], []
    for page in imports:
        for article, entry in zip(page.articles, page.report["articles"]):
            if article.slug in produced:  # the same title on another page: name it after its page too
                article.rename(unique_slug(article.slug, page.page, produced))
                entry["slug"] = article.slug
            text = article.file_text()
            produced[article.slug] = text
    for slug, text in produced.items():
        path = options.out / f"{slug}.md"
        old = before.get(slug, (None, ""))[0]
        if old is not None and old != text and articles.hand_edited(old) and not ({slug, "all"} & force):
            kept_by_hand.append(slug)
            continue
        (written if articles.write_if_changed(path, text) else unchanged).append(slug)
    live_pages = {page.page for page in imports}
    skipped = {page.stem for page, _ in refused}
    removed, orphaned = [], []
    for slug, (old, page) in before.items():
        if slug in produced or page in skipped:
            continue   # an article of a page that could not be read this time stays as it was
        if articles.hand_edited(old) and not ({slug, "all"} & force):
            kept_by_hand.append(slug)  # a correction is never thrown away, even when its page is gone
            if page not in live_pages:
                orphaned.append(slug)
            continue
        (options.out / f"{slug}.md").unlink()
        removed.append(slug)
    report = {"pages": [page.report for page in imports],
              "refused": [{"page": page.name, "rule": error.rule, "message": error.message} for page, error in refused],
              "written": written, "unchanged": unchanged,
              "kept_hand_edited": kept_by_hand, "kept_without_page": orphaned, "removed": removed}
    options.report.parent.mkdir(parents=True, exist_ok=True)
    articles.write_if_changed(options.report, json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    print_summary(report, options)
    for page, error in refused:
        print(f"{error}\n  {page.name} was not imported (its articles, if any, are left as they were); "
              f"the other pages were.", file=sys.stderr)
    unbalanced = [page["page"] for page in report["pages"] if not page["balanced"]]
    if unbalanced:
        print(f"import: [accounting] characters do not add up on {', '.join(unbalanced)}", file=sys.stderr)
        return 70
    return refused[0][1].exit_code if refused else 0


def print_summary(report: dict, options: argparse.Namespace) -> None:
    for page in report["pages"]:
        chars = page["characters"]
        repairs = sum(page["repairs"].values())
        print(f"{page['page']}: {len(page['articles'])} articles; {chars['in']} characters = "
              f"{chars['in_articles']} in articles + {chars['furniture']} furniture + {chars['duplicates']} duplicates"
              f" + {chars['markup']} markup + {chars['unplaced']} unplaced; {repairs} repairs; "
              f"{sum(1 for d in page['editorial'] if d['applied'])} editorial decisions applied")
        for warning in page["warnings"]:
            print(f"  warning: {page['page']}: {warning}")
    for slug in report["kept_hand_edited"]:
        if slug in report["kept_without_page"]:
            print(f"{options.out / slug}.md: kept: it was edited by hand, but its raw page is no longer in "
                  f"{options.seeds}/. To remove it, delete the file or run `make import FORCE={slug}`.")
            continue
        print(f"{options.out / slug}.md: left alone: it was edited by hand after import. "
              f"To redo it from its raw page (losing the edit), run `make import FORCE={slug}`.")
    print(f"import: {len(report['written'])} written, {len(report['unchanged'])} unchanged, "
          f"{len(report['kept_hand_edited'])} kept (hand-edited), {len(report['removed'])} removed; "
          f"report in {options.report}")
