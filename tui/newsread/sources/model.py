"""The plain values that the sources layer hands out: articles, feeds, failures, limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsread import __version__
from newsread.safe import display_line

MB = 1024 * 1024

USER_AGENT = f"newsread/{__version__} (+terminal news reader)"


@dataclass(frozen=True)
class Limits:
    """Every bound the sources layer applies, in one place.

    ``timeout`` bounds a whole fetch: connecting, every redirect hop and the
    whole body.  Tests pass a small one; the defaults are what the CLI uses.
    """

    timeout: float = 10.0  # seconds, a whole fetch including redirects
    connect_timeout: float = 5.0  # seconds, at most; never more than ``timeout``
    max_download: int = 5 * MB  # bytes of (decompressed) response body
    max_redirects: int = 5
    max_file: int = 20 * MB  # bytes of a local file or of standard input
    max_folder_files: int = 1000  # candidate files looked at in one folder
    max_feed_items: int = 20  # items of one feed that ``load_articles`` opens, in feed order


DEFAULT_LIMITS = Limits()


def size_text(n: int) -> str:
    """A byte count for messages: ``"20 MB"``, ``"25.3 MB"``, ``"64 KB"``, ``"900 bytes"``."""
    if n >= MB:
        return f"{n / MB:.1f}".removesuffix(".0") + " MB"
    if n >= 1024:
        return f"{n / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{n} bytes"


def describe_source(source: str) -> str:
    """How a source is named in messages: ``-`` is standard input."""
    return "standard input" if source == "-" else source


class SourceError(Exception):
    """A source (a path, a URL, ``-``) that could not be opened.

    ``str()`` is one line naming the source and the reason, fit to show to the
    user as is: ``"seeds/x.txt: file is empty"``.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{display_line(describe_source(self.source))}: {display_line(self.reason)}"


@dataclass(frozen=True)
class Article:
    """One article ready to analyse.

    ``text`` is plain text with one paragraph a line (LF only).  For a plain
    text file it is the decoded file with a BOM removed and CRLF/CR turned
    into LF, nothing else: offsets index that normalised text.  For HTML it is
    the extracted body, one paragraph a line, the headline (``title``) left out.
    ``date`` is ``YYYY-MM-DD`` when known.
    """

    source: str
    title: str | None
    text: str
    site: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, not fetched yet: ``open_item`` turns it into an Article.

    ``summary`` is plain text (may be empty).  ``content`` is the entry's full
    content when the feed carries it (RSS ``content:encoded`` or Atom
    ``<content>``), as ``content_type`` says (``text/html`` or ``text/plain``).
    """

    title: str | None
    link: str | None
    date: str | None
    summary: str
    content: str | None
    content_type: str = "text/html"
    authors: tuple[str, ...] = ()
    feed_title: str | None = None
    feed_source: str | None = None


@dataclass(frozen=True)
class Feed:
    """An RSS or Atom feed: its items are opened one by one with ``open_item``."""

    source: str
    title: str | None
    items: tuple[FeedItem, ...] = field(default_factory=tuple)
    url: str | None = None
