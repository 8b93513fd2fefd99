"""Sources: turn whatever the user names (a path, a URL, ``-``) into articles.

Public API::

    load(source, *, stdin=None, client=None, limits=DEFAULT_LIMITS, errors=None) -> list[Article | Feed]
    load_many(sources, *, stdin=None, client=None, limits=DEFAULT_LIMITS) -> (items, errors)
    load_articles(sources, *, stdin=None, client=None, limits=DEFAULT_LIMITS) -> (articles, errors)
    open_item(item, *, client=None, limits=DEFAULT_LIMITS) -> Article

Every failure caused by the input is a ``SourceError`` whose ``str()`` is one
line naming the source and the reason (``"seeds/x.txt: file is empty"``);
nothing here lets a traceback reach the user for bad input.

Text: ``Article.text`` holds one paragraph a line (LF only).  For plain text
it is the decoded input with its BOM removed and CRLF/CR turned into LF and
nothing else, so character offsets index that normalised text.

Limits (``Limits``, defaults in ``DEFAULT_LIMITS``): a fetch gives up after
10 s in all (connect at most 5 s; redirects and body included), follows at
most 5 redirects, reads at most 5 MB of body; files and standard input are
capped at 20 MB; a folder yields at most 1000 files; ``load_articles``
opens at most 20 items of a feed.

This package imports neither spaCy nor Textual, and a plain-text file
imports none of httpx, lxml, trafilatura, feedparser or charset-normalizer.
"""

from .load import document, load, load_articles, load_many, open_item
from .model import (
    DEFAULT_LIMITS,
    USER_AGENT,
    Article,
    Feed,
    FeedItem,
    Limits,
    SourceError,
)

__all__ = [
    "DEFAULT_LIMITS",
    "USER_AGENT",
    "Article",
    "Feed",
    "FeedItem",
    "Limits",
    "SourceError",
    "document",
    "load",
    "load_articles",
    "load_many",
    "make_client",
    "open_item",
]


def __getattr__(name: str):
    # Imported on first use: httpx is slow to import and plain text never needs it.
    if name == "make_client":
        from .fetch import make_client

        return make_client
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
