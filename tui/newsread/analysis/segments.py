"""Paragraphs and quoted segments: pure text scanning, no NLP.

News puts one paragraph on a line; books and e-mails hard-wrap lines and put
a blank line between paragraphs.  A quote that is never closed runs to the
end of its paragraph, the convention news uses for multi-paragraph quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsread.analysis.lexicon import reads_as_report

OPEN, CLOSE, BOTH, LOW_NINE = "“", "”", '"', "„"
#: spaCy's default ``max_length`` is 1,000,000; parse long paragraphs in pieces.
MAX_PIECE = 20_000


@dataclass(frozen=True, slots=True)
class Segment:
    start: int  # first character inside the marks
    end: int  # one past the last character inside the marks
    closed: bool


#: A line this long was not wrapped by hand (books and e-mails wrap at 60-80 columns).
WRAP_WIDTH = 120


def is_hard_wrapped(text: str) -> bool:
    """True when paragraphs are blocks of lines separated by blank lines: many lines run
    on into the next, and hardly any is longer than a wrapped line.  (A web page that puts
    a paragraph on each line and a blank line here and there is not wrapped.)"""
    lines = [ln for ln in text.split("\n")[:2000]]
    pairs = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b.strip())
    nonblank = sum(1 for ln in lines if ln.strip())
    long = sum(1 for ln in lines if len(ln.rstrip()) > WRAP_WIDTH)
    return "\n\n" in text and nonblank > 0 and pairs / nonblank >= 0.3 and long <= 0.1 * nonblank


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each unit the parser sees: a non-blank paragraph, or a piece of an
    over-long one; trailing whitespace excluded."""
    return [(s, e) for s, e, _ in parse_units(text)]


def parse_units(text: str) -> list[tuple[int, int, list[Segment]]]:
    """Paragraphs (or pieces of over-long ones) with their quoted segments.

    Quotes are found on the whole paragraph before it is cut, and cuts fall
    outside quotes, so a quote is never split by how the text was parsed.
    """
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
            segments = quoted_segments(text, s, e)
            for ps, pe in _pieces(text, s, e, segments):
                out.append((ps, pe, _within(segments, ps, pe)))
    return out


def _within(segments: list[Segment], start: int, end: int) -> list[Segment]:
    """The segments of a piece; one longer than a piece (rare) is clipped to it."""
    out = []
    for g in segments:
        if g.end > start and g.start < end:
            s, e = max(g.start, start), min(g.end, end)
            if s < e:
                out.append(g if (s, e) == (g.start, g.end) else Segment(s, e, False))
    return out


def _pieces(text: str, start: int, end: int, segments: list[Segment] = ()) -> list[tuple[int, int]]:
    """Split an over-long paragraph into parseable pieces at sentence ends (or spaces)
    that are not inside a quote."""
    inside = sorted((g.start - 1, g.end + 1) for g in segments)

    def free(i: int) -> bool:
        return not any(a <= i < b for a, b in inside)

    out = []
    while end - start > MAX_PIECE:
        window = text[start : start + MAX_PIECE]
        cut = -1
        for finder in (lambda w, k: max(w.rfind(". ", 0, k), w.rfind("\n", 0, k)), lambda w, k: w.rfind(" ", 0, k)):
            k = len(window)
            while True:
                c = finder(window, k)
                if c < MAX_PIECE // 4:
                    break
                if free(start + c):
                    cut = c
                    break
                k = c
            if cut > 0:
                break
        cut = cut + 1 if cut > 0 else MAX_PIECE
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


def _is_misused_open(text: str, i: int, end: int) -> bool:
    before = text[i - 1] if i else ""
    after = text[i + 1 : min(end, i + 3)]
    return before in ",.?!" and (not after or (after[0] == " " and after[1:2].islower()))


#: A height in feet and inches, ending in the mark: 6'3".
_INCHES = re.compile(r"\d['’]\d{1,2}\"$")

#: After an opening mark inside an open quote: its own closing mark, then the outer one.
_NESTED = re.compile(r'[^“”"„]{1,80}”[^“”"„]*[^\s“”"„][^“”"„]*”')
#: ...or, inside a straight mark that opens its paragraph: its own closing mark, and no
#: straight mark to the paragraph's end.
_NESTED_IN_STRAIGHT = re.compile(r'[^“”"„]{1,80}”[^"]*$')


def _nests(text: str, i: int, end: int, in_straight: bool) -> bool:
    """Whether the opening mark at ``i``, inside an open quote, opens a quote inside it: its
    closing mark comes, then the outer one (or, inside a transcript's straight mark, no other
    straight mark); and no report follows the inner quote ("“We are done. “No more,” she said,
    and left.”" is a dangling quote, then hers)."""
    m = _NESTED.match(text, i + 1, end) or (_NESTED_IN_STRAIGHT.match(text, i + 1, end) if in_straight else None)
    if m is None:
        return False
    inner_end = text.index("”", i + 1)
    return not any(reads_as_report(w) for w in re.findall(r"[a-z]+", text[inner_end : m.end()]))


def quoted_segments(text: str, start: int, end: int) -> list[Segment]:
    """Double-quoted segments of ``text[start:end]`` (one paragraph), marks excluded.

    Curly and straight marks may be mixed; a new opening mark closes a dangling
    one, unless two closing marks follow it (a quote inside the quote); an unclosed
    mark runs to the paragraph's end.
    """
    segs: list[Segment] = []
    open_at: int | None = None
    low_nine = False  # „…“ (German, Polish): the opener is „ and “ closes it
    nested = 0  # closing marks still owed to a quote inside the open one
    for m in re.finditer('[“”"„]', text[start:end]):
        i = start + m.start()
        ch = m.group()
        if nested:
            nested -= 1
            continue
        if ch == BOTH and open_at is None and _INCHES.search(text, max(start, i - 4), i + 1):
            continue  # "Trump is 6'3" tall": feet and inches, not a quote
        if ch == OPEN and open_at is not None and (low_nine or _is_misused_open(text, i, end)):
            ch = CLOSE  # “…,“ said Jones: an opening mark typed where the closing one belongs
        elif ch == OPEN and open_at is not None and _nests(text, i, end, open_at == start + 1 and text[start] == BOTH):
            # “I’d rather live in what he calls “hell” than …”: a quote inside a quote; and in a
            # paragraph a straight mark opens and never closes (a transcript's), curly marks are
            # a title or phrase it quotes: "PENCE: … an episode of “Shark Tank.” But …
            nested = 1
            continue
        if ch == LOW_NINE:
            ch = OPEN
            low_nine = True
        elif ch in (OPEN, BOTH) and open_at is None:
            low_nine = False
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
