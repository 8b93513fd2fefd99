"""The status line under the article and under the library."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


def progress_bar() -> ProgressBar:
    """The analysis's ``#progress``, at the right of the status line."""
    return ProgressBar(total=None, show_eta=False, id="progress")


def status_bar(*, progress: bool = True) -> Horizontal:
    """Where you are (``#position``), the analysis state (``#state``) and its ``#progress``
    (unless ``progress`` is false: the caller mounts ``progress_bar()`` itself, later)."""
    return Horizontal(
        Static(id="position"),
        Static(id="state"),
        *([progress_bar()] if progress else []),
        id="status",
    )
