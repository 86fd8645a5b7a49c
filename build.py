#!/usr/bin/env python3
"""Build the edition: ``python build.py`` (everything), or ``tei``, ``site``, ``check``, ``text FILE``."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from honkoku.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
