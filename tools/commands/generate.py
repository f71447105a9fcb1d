"""Command `generate`: regenerate the glossary, index data, themes, related articles and listings."""

import argparse
import json
import sys
from pathlib import Path

from ..articles import write_if_changed
from ..errors import EditionError
from ..apparatus.generate import generate

REPORT = Path("build") / "generate-report.json"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools generate", description=__doc__)
    parser.add_argument("--source", default="source", help="the Sphinx source folder (default: source)")
    parser.add_argument("--report", default=str(REPORT), help=f"where to write the report (default: {REPORT})")
    args = parser.parse_args(argv)
    try:
        report = generate(Path(args.source))
    except EditionError as error:
        print(f"generate: {error}", file=sys.stderr)
        return error.exit_code
    write_if_changed(Path(args.report), json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    kinds = "，".join(f"{kind} {count}" for kind, count in report["index"].items())
    themes = "，".join(f"{name} {count}" for name, count in report["themes"].items())
    print(f"generate: {report['articles']} articles; glossary {report['glossary']['terms']} terms "
          f"({report['glossary']['defined']} defined in the texts); index: {kinds}")
    print(f"generate: themes: {themes}")
    print(f"generate: {len(report['written'])} files written, {report['unchanged']} unchanged; "
          f"explanations in {args.report}")
    return 0
