"""HTML to article text with trafilatura, and small HTML fragments (feed content) to text."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from lxml import etree

# trafilatura and its helpers log "discarding data" and the like at WARNING and
# ERROR; with no handler configured Python prints those to stderr, over the
# terminal UI.  A NullHandler keeps them quiet unless the app configures logging.
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

import trafilatura  # after the loggers are quietened
from trafilatura.utils import load_html


@dataclass(frozen=True)
class Extracted:
    title: str | None
    text: str
    site: str | None
    authors: tuple[str, ...]
    date: str | None


_OPEN_Q, _CLOSE_Q = "\u201c", "\u201d"


def _quote_q_elements(tree: lxml.html.HtmlElement) -> None:
    """Browsers draw quotation marks around ``<q>``; put them in the text so they survive."""
    for q in tree.iter("q"):
        q.text = _OPEN_Q + (q.text or "")
        if len(q):
            last = q[-1]
            last.tail = (last.tail or "") + _CLOSE_Q
        else:
            q.text += _CLOSE_Q


def _clean_lines(text: str) -> str:
    """One paragraph a line: whitespace squeezed inside lines, empty lines dropped."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _split_authors(author: str | None) -> tuple[str, ...]:
    if not author:
        return ()
    return tuple(a.strip() for a in author.split(";") if a.strip())


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


#: One of these stands in for "&" while trafilatura works: lxml has already decoded
#: the page's entities, and trafilatura would decode them again ("&amp;copy;" must
#: read "&copy;").  Printable, so trafilatura keeps them; the first one the page
#: does not use is taken.
_AMP_STAND_INS = ("\u2042", "\u2051", "\u205c", "\u2e0e", "\u2e4e")  # ⁂ ⁑ ⁜ ⸎ ⹎

#: Raw-text elements: lxml leaves their entities alone (``<script>`` holding
#: JSON-LD with "AT&amp;T"), so trafilatura's decoding is the only one and stays.
_RAW_TEXT = frozenset({"script", "style"})

#: Attributes trafilatura reads text from (meta ``content``, ``title``, ``alt``).
_TEXT_ATTRIBUTES = ("content", "title", "alt")


def _protect_ampersands(tree: lxml.html.HtmlElement) -> str | None:
    """Replace "&" in the page's decoded text (text nodes, text attributes) by a stand-in
    the page does not use, and return it; None (nothing done) if it uses them all."""
    nodes = list(tree.iter())
    used = "".join(
        chunk for el in nodes for chunk in (el.text or "", el.tail or "", *el.attrib.values())
    )
    amp = next((c for c in _AMP_STAND_INS if c not in used), None)
    if amp is None:
        return None
    for el in nodes:
        if el.tail and "&" in el.tail:
            el.tail = el.tail.replace("&", amp)
        if not isinstance(el.tag, str):  # a comment or processing instruction
            continue
        if el.text and "&" in el.text and el.tag.lower() not in _RAW_TEXT:
            el.text = el.text.replace("&", amp)
        for name in _TEXT_ATTRIBUTES:
            value = el.get(name)
            if value and "&" in value:
                el.set(name, value.replace("&", amp))
    return amp


def extract_article(html: str, url: str | None = None) -> Extracted | None:
    """The article in an HTML page: body text (one paragraph a line, boilerplate such as
    menus, ads, comments and related links left out), title, site name, authors, date.

    None when the page holds no article text.  The headline is left out of
    ``text`` when it is the first line (it is in ``title``).
    """
    tree = load_html(html)
    if tree is None:
        return None
    _quote_q_elements(tree)
    amp = _protect_ampersands(tree)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )
    if document is None:
        return None

    def back(value: str | None) -> str | None:
        return value.replace(amp, "&") if (value and amp) else value

    text = _clean_lines(back(document.text) or "")
    title = " ".join(back(document.title).split()) if document.title else None
    if title and text:
        first, _, rest = text.partition("\n")
        if _same_words(first, title):
            text = rest
    if not text.strip():
        return None
    return Extracted(
        title=title or None,
        text=text,
        site=back(document.sitename) or None,
        authors=_split_authors(back(document.author)),
        date=document.date or None,
    )


_FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def feed_link(html: str, base: str | None = None) -> str | None:
    """The first feed a page advertises with ``<link rel="alternate" type="application/rss+xml">``."""
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"))
    except (etree.ParserError, ValueError):
        return None
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in _FEED_LINK_TYPES and link.get("href"):
            href = link.get("href").strip()
            return urljoin(base, href) if base else href
    return None


# ------------------------------------------------------------ fragments

_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
}
_SKIP = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head"}
_PARAGRAPH_BREAK = "\n"


def fragment_to_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content): one paragraph a line,
    ``<br>`` a line break, scripts and styles dropped, ``<q>`` quoted."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return _clean_lines(re.sub(r"<[^>]*>", " ", html))
    _quote_q_elements(root)
    parts: list[str] = []

    def walk(element: lxml.html.HtmlElement) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _SKIP or not tag:
            return
        block = tag in _BLOCK
        if block:
            parts.append(_PARAGRAPH_BREAK)
        if tag == "br":
            parts.append(_PARAGRAPH_BREAK)
        if element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append(_PARAGRAPH_BREAK)

    walk(root)
    return _clean_lines("".join(parts))


def plain_to_text(text: str) -> str:
    """Feed text content: newlines normalised, blank lines dropped, one paragraph a line."""
    return _clean_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
