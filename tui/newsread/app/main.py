"""The newsread application: one reader screen, one stylesheet."""

from __future__ import annotations

import gc
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from newsread.analysis.model import Analysis
from newsread.app.reader import Analyser, ReaderScreen

#: Actions offered in the command palette (ctrl+p), by name.
COMMANDS: list[tuple[str, str, str]] = [
    ("Next mention", "Move to the next name in the text (n)", "next_mention(True)"),
    ("Previous mention", "Move to the previous name in the text (N)", "next_mention(False)"),
    ("Next mention of this entity", "Next mention of the current entity (e)", "next_entity_mention(True)"),
    ("Previous mention of this entity", "Previous mention of the current entity (E)", "next_entity_mention(False)"),
    ("Next quote", "Move to the next quote (])", "next_quote(True)"),
    ("Previous quote", "Move to the previous quote ([)", "next_quote(False)"),
    ("Show or hide reported speech", "Quotes without quotation marks (r)", "toggle_reported"),
    ("Switch pane", "Between the article and the side panel (tab)", "switch_pane"),
    ("Help", "Every key (? or F1)", "help"),
]


class NewsreadApp(App[None]):
    """Read one article: who is named, who said what."""

    CSS_PATH = "newsread.tcss"
    TITLE = "newsread"

    def __init__(
        self,
        text: str,
        *,
        source: str,
        title: str | None = None,
        model: str | None = None,
        analyser: Analyser | None = None,
    ) -> None:
        """``analyser`` replaces ``analyse_progressively`` (tests pass hand-made analyses)."""
        super().__init__()
        self.reader = ReaderScreen(text, source=source, title=title, model=model, analyser=analyser)

    def get_default_screen(self) -> Screen:
        return self.reader

    @property
    def analysis(self) -> Analysis:
        """The latest analysis (``progress`` 0 and nothing found until one arrives)."""
        return self.reader.analysis

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if screen is self.reader:
            for title, help_text, action in COMMANDS:
                yield SystemCommand(title, help_text, lambda action=action: self.reader.run_action(action))


def run_app(
    text: str, *, source: str, title: str | None, model: str | None, analyser: Analyser | None = None
) -> None:
    """Show ``text`` in the terminal until the reader quits (the CLI's entry point).

    ``analyser`` defaults to ``analyse_progressively``; a caller may pass one
    with the same signature (say, one that answers from the analysis cache).
    """
    app = NewsreadApp(text, source=source, title=title, model=model, analyser=analyser)
    # Everything imported so far lives as long as the process: out of the collector's
    # full passes, one of which (~12 ms) otherwise fell just before the first frame.
    gc.freeze()
    app.run()
