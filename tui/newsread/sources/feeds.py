"""RSS and Atom feeds: parse with feedparser into a ``Feed`` whose items open lazily."""

from __future__ import annotations

import codecs
import io
import time

import feedparser

from .extract import fragment_to_text, plain_to_text
from .model import Feed, FeedItem, SourceError


def _date(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return time.strftime("%Y-%m-%d", value)
    return None


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None


def _authors(entry: dict) -> tuple[str, ...]:
    names: list[str] = []
    for author in entry.get("authors") or ():
        name = _one_line(author.get("name")) if hasattr(author, "get") else None
        if name and name not in names:
            names.append(name)
    if not names:
        name = _one_line(entry.get("author"))
        if name:
            names.append(name)
    return tuple(names)


def _as_text(value: str, media_type: str | None) -> str:
    if (media_type or "text/html").lower() in ("text/plain",):
        return plain_to_text(value)
    return fragment_to_text(value)


def _content(entry: dict) -> tuple[str | None, str]:
    """The entry's full content (the first HTML one if there are several) and its type."""
    contents = [c for c in entry.get("content") or () if (c.get("value") or "").strip()]
    if not contents:
        return None, "text/html"
    contents.sort(key=lambda c: 0 if "html" in (c.get("type") or "") else 1)
    best = contents[0]
    media = (best.get("type") or "text/html").lower()
    if media == "application/xhtml+xml":
        media = "text/html"
    return best["value"], media


def _problem(exc: object, added_lines: int = 0) -> str:
    """`` (line 2: no element found)`` for a parse error, "" when there is nothing to say.

    ``added_lines``: lines feedparser put before the document (an XML declaration)."""
    if exc is None:
        return ""
    get_message = getattr(exc, "getMessage", None)
    get_line = getattr(exc, "getLineNumber", None)
    if callable(get_message) and callable(get_line):
        line, message = max(1, get_line() - added_lines), _one_line(str(get_message()))
        return f" (line {line}: {message or 'parse error'})"
    text = _one_line(str(exc))
    return f" ({text})" if text else ""


#: Byte order marks, longest first, as feedparser strips them before looking for a declaration.
_BOMS = (
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF8,
    codecs.BOM_UTF16_BE,
    codecs.BOM_UTF16_LE,
)
_DECLARATIONS = tuple(
    "<?xml".encode(codec) for codec in ("utf-8", "utf-16-be", "utf-16-le", "utf-32-be", "utf-32-le", "cp037")
)


def _declared(data: bytes) -> bool:
    """Whether feedparser finds an XML declaration (then it adds no line of its own):
    "<?xml" at the very start, after a byte order mark; not after blank space."""
    for bom in _BOMS:
        if data.startswith(bom):
            data = data[len(bom) :]
            break
    return data.startswith(_DECLARATIONS)


def parse_feed(data: bytes, *, source: str, url: str | None = None, content_type: str | None = None) -> Feed:
    """A ``Feed`` from the raw bytes of an RSS/Atom document.

    ``url`` (where the feed came from) resolves relative item links.  Raises
    ``SourceError`` when the document is not a feed feedparser can read.
    """
    headers = {}
    if url:
        headers["content-location"] = url
    if content_type:
        headers["content-type"] = content_type
    # Always a stream: feedparser reads a str or bytes argument as a URL or file name.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    # A truncated document can leave an entry with nothing in it: not an item.
    entries = [
        e
        for e in parsed.get("entries") or ()
        if any(e.get(k) for k in ("title", "link", "summary", "content"))
    ]
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        # feedparser puts an XML declaration and a newline before a document without one.
        detail = _problem(parsed.get("bozo_exception"), 0 if _declared(data) else 1)
        raise SourceError(source, f"malformed feed{detail}")
    feed_title = _one_line(parsed.feed.get("title"))
    items = []
    for entry in entries:
        content, content_type_ = _content(entry)
        summary_detail = entry.get("summary_detail") or {}
        summary = _as_text(entry.get("summary") or "", summary_detail.get("type"))
        items.append(
            FeedItem(
                title=_one_line(entry.get("title")),
                link=_one_line(entry.get("link")),
                date=_date(entry),
                summary=summary,
                content=content,
                content_type=content_type_,
                authors=_authors(entry),
                feed_title=feed_title,
                feed_source=source,
            )
        )
    return Feed(source=source, title=feed_title, items=tuple(items), url=url)


def content_text(item: FeedItem) -> str:
    """Plain text (one paragraph a line) of an item's full content; "" if it has none."""
    if not item.content:
        return ""
    return _as_text(item.content, item.content_type)
