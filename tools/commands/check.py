"""Command `check`: validate the builds — the EPUB with epubcheck, the HTML site's internal links.

    python -m tools check --build build [--skip-epub] [--skip-links]

Each problem is printed as `file:line: [rule] message`, then a count; the exit code is 1 when
anything was found, 2 when a build to check is missing (the checks: tools/quality/check.py)."""

import argparse
import sys
from pathlib import Path

from ..quality.check import epub_problems, internal_link_problems


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools check", description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build", help="the build folder (holding html/ and epub/)")
    parser.add_argument("--skip-epub", action="store_true", help="do not run epubcheck")
    parser.add_argument("--skip-links", action="store_true", help="do not check the HTML's internal links")
    args = parser.parse_args(argv)
    build = Path(args.build)
    problems: list[tuple[str, int, str, str]] = []
    if not args.skip_epub:
        books = sorted((build / "epub").glob("*.epub"))
        if not books:
            print(f"check: no EPUB in {build / 'epub'}; build it first (make epub)", file=sys.stderr)
            return 2
        for book in books:
            problems += epub_problems(book)
    if not args.skip_links:
        if not (build / "html").is_dir():
            print(f"check: no HTML build in {build / 'html'}; build it first (make html)", file=sys.stderr)
            return 2
        problems += internal_link_problems(build / "html")
    for where, line, rule, message in problems:
        print(f"{where}:{line}: [{rule}] {message}")
    print(f"check: {len(problems)} problem{'s' if len(problems) != 1 else ''}")
    return 1 if problems else 0
