"""The EPUB cover image: a plain PNG drawn with the standard library (no image tooling needed).

The cover's words are text on the XHTML cover page (source/_templates/epub-cover.html);
the image is only the coloured ground that reading systems show in their library.
Regenerate with `python -m tools.apparatus.cover` (it writes source/_static/cover.png)."""

import struct
import sys
import zlib
from pathlib import Path

WIDTH, HEIGHT = 600, 800
GROUND = (0x8B, 0x1A, 0x1A)      # 中国红, deepened
BAND = (0xF4, 0xEB, 0xD9)        # paper
BAND_ROWS = range(640, 664)      # a thin paper-coloured band low on the cover, like a printed rule


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def cover_png(width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """An 8-bit RGB PNG: the ground colour with one thin horizontal band."""
    rows = []
    for y in range(height):
        colour = BAND if y in BAND_ROWS else GROUND
        rows.append(b"\x00" + bytes(colour) * width)     # filter type 0, then the pixels
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + _chunk(b"IEND", b""))


def main() -> int:
    target = Path(__file__).resolve().parents[2] / "source" / "_static" / "cover.png"
    data = cover_png()
    if not target.exists() or target.read_bytes() != data:
        target.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
