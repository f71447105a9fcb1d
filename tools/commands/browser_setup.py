"""Command `browser-setup`: make sure Debian's Chromium is installed for the browser tests."""

from ..debian import ensure

CHROMIUM = "/usr/bin/chromium"


def main(argv: list[str]) -> int:
    ready = ensure(CHROMIUM, ["chromium", "fonts-noto-cjk"], "The browser tests cannot run without it.", "browser-setup")
    return 0 if ready else 1
