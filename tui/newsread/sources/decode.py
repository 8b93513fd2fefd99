"""Bytes to text: encoding detection, binary detection, newline normalisation, sniffing.

All pure functions.  ``decode`` raises ``NotText`` (with a short reason) for
data that is not text; callers turn that into a ``SourceError``.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of common binary formats someone may name by mistake.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media"),
    (b"OggS", "Ogg media"),
    (b"\x00asm", "WebAssembly module"),
)

# Encodings that mean "Western" and that browsers read as windows-1252.
_WINDOWS_1252_ALIASES = frozenset(codecs.lookup(name).name for name in ("latin-1", "ascii", "cp1252"))

_SAMPLE = 64 * 1024


class NotText(ValueError):
    """The data is not text; ``str()`` is the reason, e.g. ``binary file, not text``."""


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """``data`` without its byte order mark, and the encoding the mark names (or None)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def binary_kind(data: bytes) -> str | None:
    """The name of a known binary format ``data`` starts with, or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    return None


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when NUL bytes sit on every other position, as in
    BOM-less UTF-16 text that is mostly ASCII; else None."""
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) <= 0.1 * half:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) <= 0.1 * half:
        return "utf-16-be"
    return None


def _mostly_western(text: str) -> bool:
    """True when ``text`` (decoded as windows-1252) looks like a Western language:
    few non-ASCII letters among the letters and no C1 controls."""
    letters = non_ascii = 0
    for ch in text[:_SAMPLE]:
        if ch.isalpha():
            letters += 1
            if ord(ch) > 0x7F:
                non_ascii += 1
        elif 0x80 <= ord(ch) <= 0x9F:
            return False
    return letters > 0 and non_ascii <= 0.25 * letters


def _decode_cp1252(data: bytes) -> str:
    """windows-1252, the five bytes it leaves undefined read as Latin-1 (as browsers do)."""
    return data.decode("cp1252", errors="newsread-latin1-fallback")


def _latin1_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    bad = err.object[err.start : err.end]
    return bytes(bad).decode("latin-1"), err.end


codecs.register_error("newsread-latin1-fallback", _latin1_fallback)


def _decode_with(data: bytes, encoding: str) -> str | None:
    encoding = _codec_name(encoding) or encoding
    if encoding in _WINDOWS_1252_ALIASES:
        return _decode_cp1252(data)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _too_many_controls(text: str) -> bool:
    sample = text[:_SAMPLE]
    if not sample:
        return False
    controls = sum(1 for ch in sample if (ord(ch) < 0x20 and ch not in "\t\n\r\f\v\x1b") or ch == "\x7f")
    return controls > 0.05 * len(sample)


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text, BOM removed, newlines left as they are.

    Order: a byte order mark wins; then the ``declared`` charset (HTTP header or
    HTML ``<meta>``) if the data decodes with it; then strict UTF-8; then UTF-8
    with replacement characters when the data is plainly UTF-8 with a few bad
    bytes; then windows-1252 when the result reads as a Western language; then
    charset-normalizer.  Latin-1 and ASCII labels are read as windows-1252, as
    browsers do, so curly quotes in bytes 0x93/0x94 survive.

    Raises ``NotText`` for binary data (known magic numbers, NUL bytes,
    control characters) and for data no encoding makes sense of.
    """
    body, bom_encoding = strip_bom(data)
    if bom_encoding is not None:
        try:
            text = body.decode(bom_encoding)
        except UnicodeDecodeError:
            raise NotText("binary file, not text (bad " + bom_encoding.upper() + ")") from None
        if "\x00" in text or _too_many_controls(text):
            raise NotText("binary file, not text")
        return text

    kind = binary_kind(data)
    if kind is not None:
        raise NotText(f"binary file, not text ({kind})")

    if b"\x00" in data:
        utf16 = _utf16_without_bom(data[:_SAMPLE])
        if utf16 is None:
            raise NotText("binary file, not text")
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise NotText("binary file, not text") from None
        if "\x00" in text or _too_many_controls(text):
            raise NotText("binary file, not text")
        return text

    text = _decode_text(data, _codec_name(declared))
    if _too_many_controls(text):
        raise NotText("binary file, not text")
    return text


def _decode_text(data: bytes, declared: str | None) -> str:
    if declared is not None:
        text = _decode_with(data, declared)
        if text is not None:
            return text

    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass

    # Mostly valid UTF-8 with a few broken bytes: keep it UTF-8, mark the damage.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good_multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F) - bad
    if good_multibyte > bad:
        return replaced

    western = _decode_cp1252(data)
    if _mostly_western(western):
        return western

    from charset_normalizer import from_bytes  # the last resort, and slow to import

    best = from_bytes(data[: 4 * _SAMPLE]).best()
    if best is None or best.encoding is None:
        raise NotText("binary file, not text (no text encoding fits)")
    text = _decode_with(data, best.encoding)
    if text is None:
        raise NotText("binary file, not text (no text encoding fits)")
    return text


# ---------------------------------------------------------------- sniffing

_PROLOG = re.compile(
    r"""\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!doctype(?!\s+html)[^>\[]*(?:\[.*?\])?\s*>)*""",
    re.IGNORECASE | re.DOTALL,
)
_HTML_START = re.compile(r"<!doctype\s+html|<(?:html|head|body)[\s>/]", re.IGNORECASE)
_FEED_START = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>/]", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)


def _head(data: bytes | str) -> str:
    if isinstance(data, str):
        return data[:4096]
    body, bom_encoding = strip_bom(data[:4096])
    if bom_encoding and bom_encoding != "utf-8":
        return body.decode(bom_encoding, errors="ignore")
    return body.decode("latin-1")


def sniff(data: bytes | str) -> str | None:
    """``"html"`` or ``"feed"`` when the document starts like one (after an XML
    declaration, comments and whitespace), else None."""
    head = _head(data)
    rest = head[_PROLOG.match(head).end() :]
    if _FEED_START.match(rest):
        return "feed"
    if _HTML_START.match(rest):
        return "html"
    return None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a ``<meta>`` in its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None
