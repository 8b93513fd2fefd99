"""Dispatch: a source string (path, URL, ``-``) to articles and feeds."""

from __future__ import annotations

import errno
import os
import re
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .decode import NotText, decode, meta_charset, normalise_newlines, sniff
from .files import (
    FEED_EXTENSIONS,
    HTML_EXTENSIONS,
    folder_files,
    os_reason,
    read_file,
    read_stream,
)
from .model import DEFAULT_LIMITS, Article, Feed, FeedItem, Limits, SourceError

# httpx, lxml, trafilatura and feedparser cost a tenth of a second to import:
# they are imported where a page, a feed or a URL needs them, never for plain text.
if TYPE_CHECKING:  # pragma: no cover
    import httpx

Item = Article | Feed

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_LOOKS_LIKE_HOST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.([a-z]{2,})(?:/|$)", re.IGNORECASE)
_FILE_SUFFIXES = {"txt", "md", "html", "htm", "xml", "rss", "atom", "json", "text", "markdown", "xhtml"}

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+xml",
}
_UNKNOWN_TYPES = {"", "application/octet-stream", "binary/octet-stream"}

# What lxml, trafilatura and feedparser may raise on hostile input (plus lxml's own errors).
_PARSER_ERRORS = (
    ValueError,
    TypeError,
    LookupError,
    RecursionError,
    MemoryError,
    AttributeError,
)


def _parser_errors(kind: str) -> tuple[type[BaseException], ...]:
    if kind == "text":
        return _PARSER_ERRORS
    from lxml import etree

    return (etree.LxmlError, *_PARSER_ERRORS)


# ------------------------------------------------------------ documents


def _text_article(data: bytes, *, source: str, url: str | None, charset: str | None, empty: str) -> Article:
    try:
        text = normalise_newlines(decode(data, charset))
    except NotText as exc:
        raise SourceError(source, str(exc)) from None
    if not text.strip():
        raise SourceError(source, empty)
    return Article(source=source, title=None, text=text, url=url)


def _html_article(data: bytes, *, source: str, url: str | None, charset: str | None, empty: str) -> Article:
    try:
        html = decode(data, charset or meta_charset(data))
    except NotText as exc:
        raise SourceError(source, str(exc)) from None
    if not html.strip():
        raise SourceError(source, empty)
    from .extract import extract_article, feed_link

    extracted = extract_article(html, url)
    if extracted is None:
        advertised = feed_link(html, url)
        hint = f" (the page offers a feed: {advertised})" if advertised else ""
        raise SourceError(source, f"no article text found{hint}")
    site = extracted.site
    if site is None and url:
        site = urlsplit(url).hostname
    return Article(
        source=source,
        title=extracted.title,
        text=extracted.text,
        site=site,
        authors=extracted.authors,
        date=extracted.date,
        url=url,
    )


def document(
    data: bytes,
    *,
    source: str,
    kind: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    content_type: str | None = None,
    empty: str = "file is empty",
) -> Item:
    """One article or feed from raw bytes.

    ``kind`` is ``"html"``, ``"feed"`` or ``"text"``; None sniffs the content
    (HTML and feeds are recognised by how they start; the rest is text).
    ``empty`` is the reason given when there is nothing but whitespace.
    """
    if not data.strip():
        raise SourceError(source, empty)
    kind = kind or sniff(data) or "text"
    try:
        if kind == "feed":
            from .feeds import parse_feed

            return parse_feed(data, source=source, url=url, content_type=content_type)
        if kind == "html":
            return _html_article(data, source=source, url=url, charset=charset, empty=empty)
        return _text_article(data, source=source, url=url, charset=charset, empty=empty)
    except SourceError:
        raise
    except _parser_errors(kind) as exc:
        # A parser (lxml, trafilatura, feedparser) choking on hostile input is the
        # input's fault: say so in one line rather than show a traceback.
        what = {"feed": "the feed", "html": "the page"}.get(kind, "the text")
        raise SourceError(source, f"could not read {what} ({type(exc).__name__})") from None


def _kind_for_path(path: str, data: bytes) -> str | None:
    ext = os.path.splitext(path)[1].lower()
    sniffed = sniff(data)
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in FEED_EXTENSIONS:
        return "html" if sniffed == "html" else "feed"
    return sniffed


def _kind_for_response(content_type: str, data: bytes, source: str) -> str:
    sniffed = sniff(data)
    if content_type in _HTML_TYPES:
        return "feed" if sniffed == "feed" else "html"
    if content_type in _FEED_TYPES or content_type.endswith("+xml"):
        return "html" if sniffed == "html" else "feed"
    if content_type == "text/plain":
        return "text"
    if content_type in _UNKNOWN_TYPES:
        if sniffed:
            return sniffed
        try:
            decode(data)
        except NotText:
            raise SourceError(source, f"not an article ({content_type or 'no content type'})") from None
        return "text"
    raise SourceError(source, f"not an article ({content_type})")


# ------------------------------------------------------------ sources


def _load_file(path: str, source: str, limits: Limits) -> Item:
    data = read_file(path, source, limits)
    return document(data, source=source, kind=_kind_for_path(path, data))


def _load_url(url: str, source: str, client: httpx.Client | None, limits: Limits) -> Item:
    from .fetch import fetch

    fetched = fetch(url, source=source, client=client, limits=limits)
    kind = _kind_for_response(fetched.content_type, fetched.body, source)
    return document(
        fetched.body,
        source=source,
        kind=kind,
        url=fetched.url,
        charset=fetched.charset,
        content_type=fetched.content_type,
        empty="empty response",
    )


def _sort_key(item: Item) -> tuple:
    if isinstance(item, Feed):
        return (2, "", "", item.source)
    return (
        0 if item.date else 1,
        item.date or "",
        (item.title or "").casefold(),
        item.source,
    )


def _load_folder(path: str, source: str, limits: Limits, errors: list[SourceError]) -> list[Item]:
    items: list[Item] = []
    failed = 0
    for file_path, file_source in folder_files(path, source, limits, errors):
        try:
            data = read_file(file_path, file_source, limits)
            if os.path.splitext(file_path)[1].lower() == ".xml" and sniff(data) != "feed":
                continue  # some other XML file, not a feed: not ours to read
            items.append(document(data, source=file_source, kind=_kind_for_path(file_path, data)))
        except SourceError as exc:
            failed += 1
            errors.append(exc)
    if not items:
        if failed:
            raise SourceError(source, f"no readable articles in this folder ({failed} failed)")
        raise SourceError(source, "no articles in this folder (looked for .txt, .md, .html and feed files)")
    items.sort(key=_sort_key)
    return items


def _file_url_path(source: str) -> str:
    parts = urlsplit(source)
    if parts.netloc not in ("", "localhost"):
        raise SourceError(source, "file URLs on other hosts are not supported")
    return unquote(parts.path)


def _missing(source: str) -> SourceError:
    match = _LOOKS_LIKE_HOST.match(source)
    if match and match.group(1).lower() not in _FILE_SUFFIXES:
        return SourceError(source, f"no such file (for a web page, give the whole URL: https://{source})")
    return SourceError(source, "no such file")


def load(
    source: str,
    *,
    stdin: object | None = None,
    client: httpx.Client | None = None,
    limits: Limits = DEFAULT_LIMITS,
    errors: list[SourceError] | None = None,
) -> list[Item]:
    """The articles and feeds one source names.

    - ``-``: standard input (``stdin``, default ``sys.stdin``), sniffed as HTML,
      a feed or text;
    - ``http://``/``https://``: fetched (see ``fetch``) and read by content type;
    - ``file://`` URLs and paths: a file (HTML by extension or content, a feed,
      else text) or a folder (every ``.txt``/``.md``/``.html``/feed file in it,
      recursively, hidden ones skipped; articles sorted by date, then title;
      undated ones last; feeds after the articles).

    Raises ``SourceError`` when the source gives nothing.  For a folder, the
    files that failed are appended to ``errors`` (when given) and the others
    are returned.
    """
    errors = errors if errors is not None else []
    if source == "-":
        data = read_stream(stdin if stdin is not None else sys.stdin, source, limits)
        return [document(data, source=source, empty="input is empty")]
    match = _SCHEME.match(source)
    if match:
        scheme = match.group(1).lower()
        if scheme in ("http", "https"):
            return [_load_url(source, source, client, limits)]
        if scheme == "file":
            path = _file_url_path(source)
        else:
            raise SourceError(source, f"unsupported URL scheme '{scheme}' (use http or https)")
    else:
        path = os.path.expanduser(source)
    if not path:
        raise SourceError(source, "no such file")
    try:
        is_dir = os.path.isdir(path)
        exists = is_dir or _lexists(path)
    except (OSError, ValueError) as exc:
        raise SourceError(
            source, os_reason(exc) if isinstance(exc, OSError) else "invalid file name"
        ) from None
    if not exists:
        raise _missing(source)
    if is_dir:
        return _load_folder(path, source, limits, errors)
    try:
        return [_load_file(path, source, limits)]
    except ValueError:
        raise SourceError(source, "invalid file name") from None


def _lexists(path: str) -> bool:
    """Like ``os.path.lexists``, but an error other than "not there" (a name too long,
    a loop) is raised, so the user is told what it is."""
    try:
        os.lstat(path)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return False
        raise
    return True


def _is_web_url(source: str) -> bool:
    match = _SCHEME.match(source)
    return bool(match) and match.group(1).lower() in ("http", "https")


def load_many(
    sources: Iterable[str],
    *,
    stdin: object | None = None,
    client: httpx.Client | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[Item], list[SourceError]]:
    """Open every source, in order; what fails is collected, not raised.

    Returns ``(items, errors)``; the caller shows both and exits non-zero only
    when ``items`` is empty.  One HTTP client serves all URLs.
    """
    sources = list(sources)
    items: list[Item] = []
    errors: list[SourceError] = []
    with _SharedClient(client, limits) as shared:
        client = shared.get() if any(_is_web_url(s) for s in sources) else shared.client
        for source in sources:
            try:
                items.extend(load(source, stdin=stdin, client=client, limits=limits, errors=errors))
            except SourceError as exc:
                errors.append(exc)
    return items, errors


def load_articles(
    sources: Iterable[str],
    *,
    stdin: object | None = None,
    client: httpx.Client | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[Article], list[SourceError]]:
    """Like ``load_many``, but every feed is opened into articles: its first
    ``limits.max_feed_items`` items in feed order (feeds list the newest first),
    each with ``open_item``; items that fail go to the errors, and so does an
    empty feed.  For callers that want text only, such as ``newsread quotes``."""
    sources = list(sources)
    with _SharedClient(client, limits) as shared:
        client = shared.get() if any(_is_web_url(s) for s in sources) else shared.client
        items, errors = load_many(sources, stdin=stdin, client=client, limits=limits)
        articles: list[Article] = []
        for item in items:
            if isinstance(item, Article):
                articles.append(item)
                continue
            if not item.items:
                errors.append(SourceError(item.source, "the feed has no items"))
                continue
            for entry in item.items[: limits.max_feed_items]:
                try:
                    articles.append(open_item(entry, client=shared.get(), limits=limits))
                except SourceError as exc:
                    errors.append(exc)
    return articles, errors


class _SharedClient:
    """One HTTP client for a batch of sources: the caller's, or one made on first need
    (httpx is imported only then) and closed when the batch is done."""

    def __init__(self, client: httpx.Client | None, limits: Limits) -> None:
        self.client, self._own, self._limits = client, None, limits

    def get(self) -> httpx.Client:
        if self.client is None:
            from .fetch import make_client

            self.client = self._own = make_client(self._limits)
        return self.client

    def __enter__(self) -> _SharedClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own is not None:
            self._own.close()


def open_item(
    item: FeedItem,
    *,
    client: httpx.Client | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Article:
    """The article behind a feed item: the feed's own full content when it carries
    it, else the linked page fetched and extracted, else the item's summary."""
    from .feeds import content_text

    source = item.link or item.feed_source or "feed item"
    text = content_text(item)
    if not text and item.link:
        if not _SCHEME.match(item.link) or urlsplit(item.link).scheme.lower() not in ("http", "https"):
            raise SourceError(source, "the item links to no web page that can be fetched")
        loaded = _load_url(item.link, item.link, client, limits)
        if isinstance(loaded, Feed):
            raise SourceError(source, "not an article (the link leads to a feed)")
        return Article(
            source=loaded.source,
            title=loaded.title or item.title,
            text=loaded.text,
            site=loaded.site or item.feed_title,
            authors=loaded.authors or item.authors,
            date=loaded.date or item.date,
            url=loaded.url,
        )
    if not text:
        text = item.summary
    if not text:
        raise SourceError(source, "the feed item has no content and no link")
    return Article(
        source=source,
        title=item.title,
        text=text,
        site=item.feed_title,
        authors=item.authors,
        date=item.date,
        url=item.link,
    )
