"""The command line of the tools: `python -m tools <command> [options]`, one module per command."""

import importlib
import sys

COMMANDS = {
    "import": "Import raw pages from seeds/ into source/articles/.",
    "generate": "Generate the glossary, index data, themes and listings from the articles.",
    "lint": "Check the articles for typographic and structural problems.",
    "check": "Validate the builds: epubcheck and internal links.",
    "bench": "Benchmark the edition on synthetic corpora of growing size.",
    "browser-setup": "Install Debian's Chromium for the browser tests when it is missing.",
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in {"-h", "--help"} or argv[0] not in COMMANDS:
        width = max(map(len, COMMANDS))
        lines = [f"  {name:<{width}}  {text}" for name, text in COMMANDS.items()]
        print("usage: python -m tools <command> [options]\n\n" + "\n".join(lines))
        return 0 if argv and argv[0] in {"-h", "--help"} else 2
    module = importlib.import_module("tools.commands." + argv[0].replace("-", "_"))
    return module.main(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
