"""The kinds of bad input the tools refuse, each with its own exit code and a file:line message."""

from dataclasses import dataclass


@dataclass
class EditionError(Exception):
    """Bad input: printed as `file:line: [rule] message`, and the command exits with `exit_code`."""

    path: str
    line: int | None
    rule: str
    message: str
    exit_code = 1

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: [{self.rule}] {self.message}"


class BadPage(EditionError):
    """A raw page that cannot be imported (binary, undecodable, empty, no article)."""

    exit_code = 65


class BadEditorial(EditionError):
    """An editorial decisions file that is malformed or names text the page does not have."""

    exit_code = 66


class BadFrontMatter(EditionError):
    """An article whose front matter is missing, malformed, or of the wrong shape."""

    exit_code = 67
