"""Anchoring editorial knowledge to the witness by quotation, never by editing it.

An anchor is an exact ``quote`` plus, when it occurs more than once,
``prefix`` / ``suffix`` (text right before / after it) or ``occurrence``
(1-based, counted among the matches that fit prefix and suffix).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Anchor:
    quote: str
    prefix: str = ""
    suffix: str = ""
    occurrence: int = 0          # 0: the quote must be unique

    def describe(self) -> str:
        parts = [repr(self.quote)]
        if self.prefix:
            parts.append(f"prefix {self.prefix!r}")
        if self.suffix:
            parts.append(f"suffix {self.suffix!r}")
        if self.occurrence:
            parts.append(f"occurrence {self.occurrence}")
        return ", ".join(parts)


class AnchorError(ValueError):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def matches(text: str, anchor: Anchor) -> list[int]:
    """Start offsets where the anchor fits, before ``occurrence`` is applied."""
    found, pos = [], text.find(anchor.quote)
    while pos != -1 and anchor.quote:
        end = pos + len(anchor.quote)
        if text.endswith(anchor.prefix, 0, pos) and text.startswith(anchor.suffix, end):
            found.append(pos)
        pos = text.find(anchor.quote, pos + 1)
    return found


def resolve(text: str, anchor: Anchor) -> tuple[int, int]:
    """The one (start, end) the anchor names, or AnchorError saying how to fix it."""
    if not anchor.quote:
        raise AnchorError("empty quote", "quote the exact text this annotation is about")
    found = matches(text, anchor)
    if not found:
        near = "" if anchor.quote not in text else " (the quote exists, but not with this prefix/suffix)"
        raise AnchorError(f"quote {anchor.describe()} matches nothing in the source{near}",
                          "copy the quote from the .txt exactly (spaces included); the source may have changed")
    if anchor.occurrence:
        if not 0 < anchor.occurrence <= len(found):
            raise AnchorError(f"quote {anchor.describe()} occurs only {len(found)} time(s)",
                              f"use an occurrence from 1 to {len(found)}")
        start = found[anchor.occurrence - 1]
    elif len(found) > 1:
        lines = ", ".join(str(text.count("\n", 0, p) + 1) for p in found[:6])
        raise AnchorError(f"quote {anchor.describe()} matches {len(found)} times (source lines {lines})",
                          "add prefix or suffix (text just before or after it), or occurrence = N")
    else:
        start = found[0]
    return start, start + len(anchor.quote)
