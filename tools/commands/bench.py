"""Command `bench`: measure import and build on synthetic corpora; write build/bench.json and print the figures."""

import argparse
from pathlib import Path

from ..bench.measure import run, table


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools bench", description=__doc__)
    parser.add_argument("--build", default="build/bench", type=Path,
                        help="working folder of the synthetic corpora; bench.json goes beside it (default: build/bench)")
    parser.add_argument("--scales", default="1,10,100",
                        help="comma-separated multiples of the seed pages to measure (default: 1,10,100)")
    parser.add_argument("--quick", action="store_true", help="measure 1× and 10× only (same as --scales 1,10)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="alternating bare/full build pairs per scale, medians taken (default: 3; at most 2 at 100×)")
    args = parser.parse_args(argv)
    try:
        scales = sorted({int(s) for s in ("1,10" if args.quick else args.scales).split(",") if s.strip()})
    except ValueError:
        parser.error(f"--scales must be whole numbers separated by commas, e.g. 1,10,100 (got {args.scales!r})")
    if not scales or min(scales) < 1:
        parser.error("--scales must name at least one multiple of 1 or more")
    data = run(args.build, scales, repeats=max(1, args.repeats))
    print(table(data))
    print(f"bench: figures in {args.build.parent / 'bench.json'}")
    return 0
