"""Paragraphs and quoted segments: pure text scanning, no NLP.

News puts one paragraph on a line; books and e-mails hard-wrap lines and put
a blank line between paragraphs.  A quote that is never closed runs to the
end of its paragraph, the convention news uses for multi-paragraph quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPEN, CLOSE, BOTH = "“", "”", '"'
#: spaCy's default ``max_length`` is 1,000,000; parse long paragraphs in pieces.
MAX_PIECE = 20_000


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    closed: bool


def is_hard_wrapped(text: str) -> bool:
    """True when paragraphs are blocks of lines separated by blank lines."""
    lines = [ln for ln in text.split("\n")[:2000]]
    pairs = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b.strip())
    nonblank = sum(1 for ln in lines if ln.strip())
    return "\n\n" in text and nonblank > 0 and pairs / nonblank >= 0.3


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank paragraph, trailing whitespace excluded."""
    sep = r"\n[ \t\r]*\n" if is_hard_wrapped(text) else r"\n"
    spans, pos = [], 0
    for m in re.finditer(sep, text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for s, e in spans:
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.extend(_pieces(text, s, e))
    return out


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split an over-long paragraph at sentence ends (or spaces) into parseable pieces."""
    out = []
    while end - start > MAX_PIECE:
        window = text[start : start + MAX_PIECE]
        cut = max(window.rfind(". "), window.rfind("\n"))
        if cut < MAX_PIECE // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut > 0 else MAX_PIECE
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


def _is_misused_open(text: str, i: int, end: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1 : min(end, i + 3)]
    return before in ",.?!" and (not after or (after[0] == " " and after[1:2].islower()))


def quoted_segments(text: str, start: int, end: int) -> list[Segment]:
    """Double-quoted segments of ``text[start:end]`` (one paragraph), marks excluded.

    Curly and straight marks may be mixed; a new opening mark closes a dangling
    one; an unclosed mark runs to the paragraph's end.
    """
    segs: list[Segment] = []
    open_at: int | None = None
    for m in re.finditer('[“”"]', text[start:end]):
        i = start + m.start()
        ch = m.group()
        if ch == OPEN and open_at is not None and _is_misused_open(text, i, end):
            ch = CLOSE  # “…,“ said Jones: an opening mark typed where the closing one belongs
        if ch == OPEN or (ch == BOTH and open_at is None):
            if open_at is not None:
                segs.append(Segment(open_at, i, False))
            open_at = i + 1
        elif open_at is not None:
            segs.append(Segment(open_at, i, True))
            open_at = None
    if open_at is not None:
        segs.append(Segment(open_at, end, False))
    return [s for s in segs if text[s.start : s.end].strip()]
