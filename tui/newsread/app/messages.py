"""Messages the analysis worker posts to the reader screen (from its thread)."""

from __future__ import annotations

from textual.message import Message

from newsread.app.navigation import Navigator


class AnalysisUpdated(Message):
    """A partial (``progress < 1``) or final analysis, indexed for navigation."""

    def __init__(self, navigator: Navigator) -> None:
        self.navigator = navigator
        super().__init__()


class AnalysisFailed(Message):
    """The analysis could not run or stopped; ``reason`` is one line for the reader."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__()
