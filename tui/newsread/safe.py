"""Make untrusted article text safe to put on a terminal.

Every character maps to exactly one character, so offsets computed on the
original text stay valid on the displayed text.  Control characters become
their visible Unicode "control picture" (ESC -> ␛), so an article can never
move the cursor, change the window title or write to the clipboard.
"""

from __future__ import annotations

import re

# C0 controls (but newline), DEL, C1 controls, and the bidi controls that can
# reorder what a reader sees (Trojan Source), plus other invisible format chars
# that have no business in a news article.
_UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f\x80-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufff9-\ufffb]"
)
_BIDI_AND_C1 = "\ufffd"


def _picture(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ .. ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return _BIDI_AND_C1


def display_text(text: str) -> str:
    """``text`` with every unsafe character replaced one-for-one by a visible one."""
    return _UNSAFE.sub(_picture, text)


def display_line(text: str) -> str:
    """Like ``display_text`` but for a single line: newlines become ␊ too."""
    return display_text(text).replace("\n", "\u240a")


def has_unsafe(text: str) -> bool:
    return _UNSAFE.search(text) is not None
