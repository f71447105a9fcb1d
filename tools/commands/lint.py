"""Command `lint`: check article files against the catalogue of rules and print the findings."""

import argparse
import sys
from pathlib import Path

from ..quality import lint


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools lint",
                                     description="Check article files for typographic and structural problems.")
    parser.add_argument("paths", nargs="*", type=Path,
                        help="article files, or folders (a folder with articles/ is linted there); default: source/")
    parser.add_argument("--source", type=Path, default=Path("source"),
                        help="the edition's source folder, for the glossary and labels (default: source/)")
    args = parser.parse_args(argv)
    paths = args.paths or [args.source]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(f"lint: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    findings = lint.lint_paths(paths, lint.Project.from_source(args.source))
    print(lint.report(findings))
    return lint.exit_code(findings)
