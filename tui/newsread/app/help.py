"""The help screen: every key, in one table."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

#: (section, [(keys, what they do)]).  Tests check every binding appears here.
KEYS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Reading",
        [
            ("n / N", "next / previous mention of any entity"),
            ("e / E", "next / previous mention of the current entity (wraps around)"),
            ("] / [", "next / previous quote; its speaker is selected in the panel"),
            ("r", "show / hide reported speech (“she said that …”, no quotation marks)"),
            ("j / k, ↓ / ↑", "scroll one line"),
            ("space / b, PgDn / PgUp", "scroll one page"),
            ("g / G, Home / End", "top / bottom of the article"),
            ("click", "select the mention or quote under the mouse"),
        ],
    ),
    (
        "Side panel",
        [
            ("tab / shift+tab", "switch between the article and the panel"),
            ("↓ / ↑, j / k, g / G", "move in the panel"),
            ("enter", "jump to it: a speaker's first quote, a quote, an entity's first mention"),
            ("space", "fold or unfold a group"),
            ("escape", "back to the article"),
        ],
    ),
    (
        "Anywhere",
        [
            ("? / F1", "this help (escape or q closes it)"),
            ("ctrl+p", "command palette: every action by name, and themes"),
            ("q", "quit"),
        ],
    ),
    (
        "Library (several articles)",
        [
            ("j / k, ↓ / ↑, g / G", "move in the list of articles"),
            ("enter", "open the article (a feed item is fetched first)"),
            ("escape", "on an article: back to the library (or to the speakers)"),
            ("s", "speakers across the articles; enter on a quote opens its article there; s or escape: back"),
        ],
    ),
]

INTRO = (
    "Names are coloured by type (see the legend above the article). Quotes are in italics; "
    "the current quote is highlighted and the quotes of the selected speaker are tinted. "
    "The status line shows where you are, e.g. “Keir Starmer · Person · mention 3/7” "
    "or “quote 2/9 — Keir Starmer”."
)


def help_text() -> str:
    """The help as plain text (what the tests search)."""
    lines = [INTRO]
    for section, rows in KEYS:
        lines.append(section)
        lines += [f"{keys}  {action}" for keys, action in rows]
    return "\n".join(lines)


def help_renderable() -> Group:
    parts: list = [Text("newsread keys", style="bold", justify="center"), Text(""), Text(INTRO), Text("")]
    for section, rows in KEYS:
        table = Table(title=section, title_style="bold", title_justify="left", box=None, expand=True)
        table.add_column("Key", style="bold", no_wrap=True, width=24)
        table.add_column("Action", ratio=1)
        for keys, action in rows:
            table.add_row(Text(keys), Text(action))
        parts += [table, Text("")]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    """Lists every key; escape, q, ? or F1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="newsread.close-help"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(help_renderable(), id="help-text")
