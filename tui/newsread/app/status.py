"""The status line under the article and under the library."""

from __future__ import annotations

from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


def status_bar() -> Horizontal:
    """Where you are (``#position``), the analysis state (``#state``) and its ``#progress``."""
    return Horizontal(
        Static(id="position"),
        Static(id="state"),
        ProgressBar(total=None, show_eta=False, id="progress"),
        id="status",
    )
