"""Progress of long work: a bar on stderr (only on a terminal, only for more than a few
documents), and a summary table at the end. ``--quiet`` (for CI) turns both off.

The bar is redrawn at most ten times a second and erased when done, so logs
and pipes never see it.
"""
from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

MIN_ITEMS = 5          # fewer documents than this finish before a bar is worth reading


class Progress:
    def __init__(self, total: int, label: str = "tei", stream: TextIO | None = None, enabled: bool | None = None):
        self.total, self.label = total, label
        self.stream = stream or sys.stderr
        tty = getattr(self.stream, "isatty", lambda: False)()
        self.enabled = (tty and total > MIN_ITEMS) if enabled is None else enabled
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def step(self, name: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn < 0.1 and self.done < self.total:
            return
        self._drawn = now
        self.stream.write("\r" + self.line(name))
        self.stream.flush()

    def line(self, name: str = "") -> str:
        width = shutil.get_terminal_size((80, 20)).columns
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate else 0.0
        head = f"{self.label} {self.done}/{self.total} "
        tail = f" {rate:.0f}/s, {eta:.0f} s left {name}"
        bar_width = max(10, min(40, width - len(head) - len(tail) - 4))
        filled = int(bar_width * self.done / self.total) if self.total else bar_width
        text = f"{head}[{'#' * filled}{'.' * (bar_width - filled)}]{tail}"
        return text[:width - 1].ljust(width - 1)

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * (shutil.get_terminal_size((80, 20)).columns - 1) + "\r")
            self.stream.flush()


def summary_table(rows: list[tuple[str, str]], title: str = "") -> str:
    """A two-column table, labels left, values right, for the end of a build."""
    label_w = max(len(k) for k, _ in rows)
    value_w = max(len(v) for _, v in rows)
    rule = "-" * (label_w + value_w + 3)
    lines = ([title] if title else []) + [rule]
    lines += [f"{k.ljust(label_w)}   {v.rjust(value_w)}" for k, v in rows]
    return "\n".join(lines + [rule]) + "\n"


def build_summary(report, out, seconds: float) -> str:
    """The table after ``honkoku tei``/``build``: built, skipped as unchanged, warnings, errors, time."""
    skipped = len(getattr(report, "skipped", [])) + len(report.unchanged)
    return summary_table([
        ("documents built (TEI written)", str(len(report.written))),
        ("skipped as unchanged", str(skipped)),
        ("warnings", str(len(report.warnings))),
        ("errors", str(len(report.problems))),
        ("time", f"{seconds:.2f} s"),
    ], f"tei -> {out}")
