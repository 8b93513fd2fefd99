"""Word-wrapping measured in terminal cells, as offsets into the text.

The document pane wraps once per width and keeps, for each screen line, the
``[start, end)`` offsets it shows; offset -> line is then a binary search.
Widths come from Rich's cell functions, so CJK and emoji (two cells) line up.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from rich.cells import cell_len, get_character_cell_size

# A word and the spaces after it, or a run of spaces (a paragraph's indent).
# Lines break only at ASCII spaces; anything longer than a line is cut.
_TOKEN = re.compile(r"[^ ]+ *| +")


@dataclass(frozen=True, slots=True)
class Wrapped:
    """Screen lines of one text at one width."""

    width: int
    #: Offset of the first character of each line (strictly increasing).
    starts: list[int]
    #: Offset just past the last visible character of each line.
    ends: list[int]

    def __len__(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The line showing ``offset`` (clamped to the text)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def lines_of(self, start: int, end: int) -> range:
        """The lines showing any of ``[start, end)``."""
        return range(self.line_of(start), self.line_of(max(start, end - 1)) + 1)


def wrap(text: str, width: int) -> Wrapped:
    """Wrap every paragraph (line of ``text``) to ``width`` cells."""
    width = max(1, width)
    starts: list[int] = []
    ends: list[int] = []
    paragraphs = text.split("\n")
    if len(paragraphs) > 1 and paragraphs[-1] == "":
        paragraphs.pop()  # a final newline ends the last paragraph; it starts no new one
    base = 0
    for paragraph in paragraphs:
        _wrap_paragraph(paragraph, base, width, starts, ends)
        base += len(paragraph) + 1
    return Wrapped(width, starts, ends)


def _wrap_paragraph(paragraph: str, base: int, width: int, starts: list[int], ends: list[int]) -> None:
    size = len(paragraph)
    fits = size <= width if paragraph.isascii() else cell_len(paragraph) <= width
    if fits:
        starts.append(base)
        ends.append(base + len(paragraph.rstrip(" ")))
        return

    line_start = 0  # paragraph offsets
    line_end = 0
    used = 0  # cells on the current line, trailing spaces included
    for match in _TOKEN.finditer(paragraph):
        token_start = match.start()
        token = match.group()
        word = token.rstrip(" ")
        spaces = len(token) - len(word)
        word_cells = len(word) if word.isascii() else cell_len(word)
        if used + word_cells <= width:
            used += word_cells + spaces
            if word:
                line_end = token_start + len(word)
            continue
        if used:
            starts.append(base + line_start)
            ends.append(base + line_end)
            line_start = line_end = token_start
            used = 0
        if word_cells <= width:
            used = word_cells + spaces
            line_end = token_start + len(word)
            continue
        # A word wider than the line: cut it between characters, never inside one.
        for index, char in enumerate(word, token_start):
            cells = get_character_cell_size(char)
            if used + cells > width and used and cells:
                starts.append(base + line_start)
                ends.append(base + index)
                line_start = index
                used = 0
            used += cells
        used += spaces
        line_end = token_start + len(word)
    starts.append(base + line_start)
    ends.append(base + line_end)


def offset_at_cell(line: str, x: int) -> int:
    """Index in ``line`` of the character drawn at cell ``x`` (``len(line)`` past the end)."""
    cells = 0
    for index, char in enumerate(line):
        cells += get_character_cell_size(char)
        if cells > x:
            return index
    return len(line)
