"""Where the measurement data lives (../shared), shared by the bench scripts."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def split_dirs(split: str) -> tuple[Path, Path]:
    """(text dir, gold dir) of a PolNeAR split, or of the seed."""
    if split == "seed":
        return SHARED / "seeds", SHARED / "gold"
    base = SHARED / "corpus" / "polnear" / split
    return base / "text", base / "gold"


def open_split(split: str) -> tuple[Path, Path] | int:
    """The split's directories, or the exit code after saying why not (reserved, absent)."""
    if split == "test":
        print("the test split is reserved for independent evaluation", file=sys.stderr)
        return 2
    text_dir, gold_dir = split_dirs(split)
    if not gold_dir.is_dir():
        print(f"skipped: {gold_dir} not present")
        return 0
    return text_dir, gold_dir
