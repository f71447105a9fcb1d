"""Write tools/data/radicals.txt: each CJK radical code point with the unified ideograph it stands for.

    .venv/bin/python -m tools.importer.readers.radicals_table [/usr/share/unicode/EquivalentUnifiedIdeograph.txt]

PDF text layers written with CJK fonts (Chromium's among them) often name a hanzi's glyph by the
Kangxi radical (U+2F00–U+2FDF) or CJK Radicals Supplement (U+2E80–U+2EFF) code point that shares
it: ⼈ for 人, ⺠ for 民. The table is general Unicode data, nothing chosen by hand: the equivalent
unified ideograph of Unicode's EquivalentUnifiedIdeograph.txt (Debian package unicode-data) and,
for a code point it does not list, the NFKC form when that is one unified ideograph.
"""

import re
import sys
import unicodedata
from pathlib import Path

from ...tables import table

SOURCE = Path("/usr/share/unicode/EquivalentUnifiedIdeograph.txt")
RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF))
ENTRY = re.compile(r"^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})")


def ideograph(char: str) -> bool:
    return unicodedata.name(char, "").startswith("CJK UNIFIED IDEOGRAPH")


def equivalents(source: str) -> dict[int, tuple[int, str]]:
    """Code point → (ideograph, where the pairing comes from) for every radical code point that has one."""
    found: dict[int, tuple[int, str]] = {}
    for line in source.splitlines():
        match = ENTRY.match(line)
        if match:
            first = int(match[1], 16)
            last = int(match[2], 16) if match[2] else first
            for code in range(first, last + 1):
                found[code] = (int(match[3], 16), "EquivalentUnifiedIdeograph")
    for low, high in RANGES:
        for code in range(low, high + 1):
            nfkc = unicodedata.normalize("NFKC", chr(code))
            if code not in found and len(nfkc) == 1 and nfkc != chr(code) and ideograph(nfkc):
                found[code] = (ord(nfkc), "NFKC")
    return {code: value for code, value in sorted(found.items()) if any(lo <= code <= hi for lo, hi in RANGES)}


def render(found: dict[int, tuple[int, str]], version: str) -> str:
    lines = ["# Radical code points → the unified ideograph they stand for (one for one).",
             "# Written by `python -m tools.importer.readers.radicals_table` from Unicode's",
             f"# EquivalentUnifiedIdeograph.txt ({version}) and NFKC; general Unicode data, never edited by hand.",
             "# radical<TAB>ideograph<TAB>code points and source"]
    for code, (target, origin) in found.items():
        lines.append(f"{chr(code)}\t{chr(target)}\tU+{code:04X} → U+{target:04X} ({origin})")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else SOURCE
    text = source.read_text(encoding="utf-8")
    version = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("# Equivalent")), source.name)
    table("radicals.txt").write_text(render(equivalents(text), version), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
