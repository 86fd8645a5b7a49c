"""One error type for problems in the user's input.

A UserError names the file, line and column, says what is wrong and how to
fix it. The CLI prints it as ``path:line:col: error: what (hint)`` and exits
with EXIT_USER_ERROR; anything else escaping is a bug in honkoku.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_USER_ERROR = 2      # bad input: fix the named file and run again
EXIT_INTERNAL = 3        # a bug in honkoku: please report it


@dataclass
class Problem:
    path: str
    line: int
    col: int
    message: str
    hint: str = ""
    severity: str = "error"

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class UserError(Exception):
    """A problem in the user's input; carries one or more Problems."""

    def __init__(self, path: str | Path, message: str, line: int = 1, col: int = 1, hint: str = ""):
        self.problems = [Problem(str(path), line, col, message, hint)]
        super().__init__(str(self.problems[0]))

    @classmethod
    def many(cls, problems: list[Problem]) -> "UserError":
        err = cls(problems[0].path, problems[0].message, problems[0].line, problems[0].col, problems[0].hint)
        err.problems = list(problems)
        return err


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
