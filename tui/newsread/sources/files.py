"""Reading local files and standard input safely: no blocking on FIFOs or devices,
sizes capped, every OS error turned into a ``SourceError`` with a plain reason."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator

from .model import Limits, SourceError, size_text

_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _special_kind(mode: int) -> str:
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return "a special file"


def os_reason(exc: OSError) -> str:
    """A short, plain reason for an OS error."""
    if isinstance(exc, FileNotFoundError) or exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return "no such file"
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    if exc.errno == errno.ENAMETOOLONG:
        return "file name too long"
    return f"cannot read ({exc.strerror or exc})".replace("(None)", "").strip()


def too_large(size: int, limits: Limits) -> str:
    return f"file is too large ({size_text(size)}; the limit is {size_text(limits.max_file)})"


def read_file(path: str, source: str, limits: Limits) -> bytes:
    """The bytes of a regular file, at most ``limits.max_file`` of them.

    Refuses FIFOs, sockets and devices without opening them (opening a FIFO
    for reading blocks until a writer appears), and checks again on the open
    descriptor in case the path changed in between.
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise SourceError(source, os_reason(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise SourceError(source, f"{_special_kind(st.st_mode)}, not a regular file; not reading it")
    if st.st_size > limits.max_file:
        raise SourceError(source, too_large(st.st_size, limits))
    flags = (
        os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SourceError(source, os_reason(exc)) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise SourceError(source, f"{_special_kind(st.st_mode)}, not a regular file; not reading it")
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = os.read(fd, 1024 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_file:
                raise SourceError(source, too_large(max(size, st.st_size), limits))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise SourceError(source, "is a folder") from None
        raise SourceError(source, os_reason(exc)) from None
    finally:
        os.close(fd)


def read_stream(stream: object, source: str, limits: Limits) -> bytes:
    """Everything on ``stream`` (standard input), at most ``limits.max_file`` bytes.

    Refuses a terminal: ``newsread -`` with nothing piped in would otherwise
    sit waiting for typed input.
    """
    if stream is None:
        raise SourceError(source, "there is no standard input")
    isatty = getattr(stream, "isatty", None)
    try:
        if callable(isatty) and isatty():
            raise SourceError(source, "is a terminal; pipe an article in, e.g. newsread - < article.txt")
    except (OSError, ValueError):
        pass
    binary = getattr(stream, "buffer", stream)
    try:
        data = binary.read(limits.max_file + 1)
    except (OSError, ValueError) as exc:
        raise SourceError(source, f"cannot read ({exc})") from None
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    if data is None:
        data = b""
    if len(data) > limits.max_file:
        raise SourceError(source, f"input is too large (the limit is {size_text(limits.max_file)})")
    return data


TEXT_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})
FEED_EXTENSIONS = frozenset({".rss", ".atom", ".xml"})
FOLDER_EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS | FEED_EXTENSIONS

_MAX_ENTRIES_SEEN = 50_000


def folder_files(
    path: str, source: str, limits: Limits, errors: list[SourceError]
) -> Iterator[tuple[str, str]]:
    """``(path, source)`` of every candidate file under the folder ``path``, recursively,
    in name order: hidden files and folders skipped, symlinked folders not followed,
    at most ``limits.max_folder_files`` files (a note goes to ``errors`` past that)."""
    found = seen = 0
    stack = [(path, source)]
    while stack:
        folder, folder_source = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            errors.append(SourceError(folder_source, os_reason(exc)))
            continue
        subfolders = []
        for entry in entries:
            seen += 1
            if seen > _MAX_ENTRIES_SEEN:
                errors.append(
                    SourceError(source, f"folder is too big; stopped after {_MAX_ENTRIES_SEEN} entries")
                )
                return
            if entry.name.startswith("."):
                continue
            entry_source = os.path.join(folder_source, entry.name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append((entry.path, entry_source))
                    continue
            except OSError:
                continue
            if os.path.splitext(entry.name)[1].lower() not in FOLDER_EXTENSIONS:
                continue
            found += 1
            if found > limits.max_folder_files:
                errors.append(
                    SourceError(source, f"more than {limits.max_folder_files} files; the rest were skipped")
                )
                return
            yield entry.path, entry_source
        stack.extend(reversed(subfolders))
