"""Bad files through the real command (`python -m newsread quotes …`, in a subprocess).

Each either works or fails with a non-zero exit and exactly one ``newsread: …`` line on
stderr; never a traceback, never a hang (every run has a timeout).  Failures that come
from the sources layer exit before spaCy is imported, so they are fast.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pytest

from hostile.support import one_line_error, run_cli

MB = 1024 * 1024
FAST = 30  # seconds: a refusal must come long before this
_rng = random.Random(7)
NOISE = bytes(_rng.randrange(256) for _ in range(4096))
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def refuse(path, cli_env, expected: str, *extra: str, timeout: float = FAST) -> None:
    """`newsread quotes PATH` exits 1 with exactly ``newsread: PATH: expected``."""
    proc = run_cli("quotes", str(path), *extra, env=cli_env, timeout=timeout)
    line = one_line_error(proc)
    assert proc.returncode == 1
    assert line == f"newsread: {path}: {expected}"


def analysed(path, cli_env, timeout: float = 120) -> dict:
    """The JSON analysis (with text) of one file, asserting a clean run."""
    proc = run_cli("quotes", str(path), "--format", "json", "--with-text", env=cli_env, timeout=timeout)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0 and err == "", err
    return json.loads(proc.stdout)


# ------------------------------------------------------------------ refused contents


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b" \n\t\r\n  \n" * 100, "file is empty"),
        ("image.txt", PNG, "binary file, not text (PNG image)"),
        ("nul.txt", b"\xe2\x80\x9cHello,\xe2\x80\x9d said Jane\x00 Doe.\n", "binary file, not text"),
        ("noise.txt", NOISE, "binary file, not text"),
        ("noise-no-nul.txt", NOISE.replace(b"\x00", b""), "binary file, not text (no text encoding fits)"),
        ("controls.txt", b"\x01\x02\x03\x04 said Jane Doe \x05\x06\x07\x08" * 50, "binary file, not text"),
        ("bad-utf32.txt", b"\xff\xfe\x00\x00\xff\xff\xff\xff", "binary file, not text (bad UTF-32-LE)"),
        ("empty.html", b"<html><head><title>t</title></head><body></body></html>", "no article text found"),
        ("broken.rss", b'<?xml version="1.0"?>\n<rss version="2.0">\n<channel><item><title>x</titl>\n',
         "malformed feed (line 3: mismatched tag)"),
    ],
    ids=lambda v: v if isinstance(v, str) and v.endswith((".txt", ".html", ".rss")) else "",
)
def test_bad_content_is_one_line_error(tmp_path, cli_env, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    refuse(path, cli_env, reason)


def test_feed_error_names_the_right_line(tmp_path, cli_env):
    path = tmp_path / "broken.rss"
    path.write_bytes(b'<rss version="2.0">\n<channel><item><title>x</titl>\n</item></channel></rss>\n')
    refuse(path, cli_env, "malformed feed (line 2: mismatched tag)")


def test_zip_archive_is_refused(tmp_path, cli_env):
    path = tmp_path / "article.txt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.txt", "“Hello,” said Jane Doe.\n" * 100)
    refuse(path, cli_env, "binary file, not text (zip archive)")


# ------------------------------------------------------------------ text that is read anyway


def test_text_in_odd_encodings_is_read(tmp_path, cli_env):
    """Invalid UTF-8 in UTF-8 text (a replacement character), windows-1252 (curly quotes in
    0x93/0x94) and BOM-less UTF-16 with CRLF: one run, three articles."""
    bad_utf8, latin1, utf16 = tmp_path / "bad-utf8.txt", tmp_path / "latin1.txt", tmp_path / "utf16.txt"
    bad_utf8.write_bytes("“Café is open,” said Jane Doe.\n".encode().replace("é".encode(), b"\xe9"))
    latin1.write_bytes(b"\x93Caf\xe9 is open,\x94 said Jane Doe.\n")
    utf16.write_bytes("“Hello there,” said Jane Doe.\r\n".encode("utf-16-le"))
    proc = run_cli("quotes", str(bad_utf8), str(latin1), str(utf16), "--format", "json", "--with-text",
                   env=cli_env, timeout=120)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0 and err == "", err
    got = [(d["text"], [(q["start"], q["end"], q["text"], q["speaker_name"]) for q in d["quotes"]])
           for d in json.loads(proc.stdout)]
    assert got == [
        ("“Caf\ufffd is open,” said Jane Doe.\n", [(1, 14, "Caf\ufffd is open,", "Jane Doe")]),
        ("“Café is open,” said Jane Doe.\n", [(1, 14, "Café is open,", "Jane Doe")]),
        ("“Hello there,” said Jane Doe.\n", [(1, 13, "Hello there,", "Jane Doe")]),
    ]


def test_one_bad_source_among_good_ones_still_works(tmp_path, cli_env):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("“Hello,” said Jane Doe.\n", encoding="utf-8")
    bad.write_bytes(PNG)
    proc = run_cli("quotes", str(bad), str(good), "--format", "json", env=cli_env, timeout=120)
    assert proc.returncode == 0
    assert proc.stderr.decode() == f"newsread: {bad}: binary file, not text (PNG image)\n"
    assert [q["text"] for q in json.loads(proc.stdout)["quotes"]] == ["Hello,"]


def test_billion_laughs_feed_does_not_expand(tmp_path, cli_env):
    entities = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    feed = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>'
            '<rss version="2.0"><channel><title>&lol9;</title><item><title>x</title>'
            "<description>&lol9;</description></item></channel></rss>")
    path = tmp_path / "lol.xml"
    path.write_text(feed, encoding="utf-8")
    t0 = time.monotonic()
    proc = run_cli("quotes", str(path), "--format", "json", "--with-text", env=cli_env, timeout=120)
    assert time.monotonic() - t0 < 60
    assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
    if proc.returncode == 0:
        assert len(json.loads(proc.stdout)["text"]) < 1000  # 10**9 "lol"s were never built
    else:
        one_line_error(proc)


def test_deeply_nested_html_is_one_line_error(tmp_path, cli_env):
    body = "<div>" * 100_000 + "<p>“Deep,” said Jane Doe in a sentence long enough to keep.</p>" + "</div>" * 100_000
    path = tmp_path / "deep.html"
    path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    refuse(path, cli_env, "no article text found", timeout=120)


# ------------------------------------------------------------------ sizes


def _peak_rss_kb(path: Path, cli_env: dict) -> tuple[int, str, float]:
    """Peak RSS (KB) of a `newsread quotes PATH` process, its stderr and its run time."""
    report = path.parent / f"{path.name}.rss"
    code = (
        "import resource, runpy, sys\n"
        f"sys.argv = ['newsread', 'quotes', {str(path)!r}]\n"
        "try:\n"
        "    runpy.run_module('newsread', run_name='__main__')\n"
        "finally:\n"
        f"    open({str(report)!r}, 'w').write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    )
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=FAST,
                          env={**os.environ, **cli_env})
    elapsed = time.monotonic() - t0
    assert proc.returncode == 1 and proc.stdout == b""
    return int(report.read_text()), proc.stderr.decode("utf-8", "replace"), elapsed


def test_50_mb_file_is_refused_fast_without_reading_it(tmp_path, cli_env):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        line = b"\xe2\x80\x9cWe will not stop,\xe2\x80\x9d said Jane Doe on Monday in London.\n"
        fh.write(line * (50 * MB // len(line) + 1))
    assert big.stat().st_size > 50 * MB
    small = tmp_path / "empty.txt"
    small.write_bytes(b"")
    base_rss, _, _ = _peak_rss_kb(small, cli_env)
    rss, err, elapsed = _peak_rss_kb(big, cli_env)
    assert err == f"newsread: {big}: file is too large (50 MB; the limit is 20 MB)\n"
    assert elapsed < 10
    # The size is checked before reading: no 20-50 MB buffer was ever allocated.
    assert rss - base_rss < 10 * 1024, (rss, base_rss)


def test_50_mb_on_standard_input_is_refused(cli_env):
    data = b"\xe2\x80\x9cWe will not stop,\xe2\x80\x9d said Jane Doe.\n" * (50 * MB // 44 + 1)
    proc = run_cli("quotes", "-", input=data, env=cli_env, timeout=FAST)
    line = one_line_error(proc)
    assert proc.returncode == 1
    assert line == "newsread: standard input: input is too large (the limit is 20 MB)"


FILLER = (
    "The council met on Monday to discuss the new budget.",
    "Officials in London agreed with the plan after a long debate.",
    "The minister visited three hospitals in the north of the country.",
    "Roads and schools will get more money this year than last year.",
    "A group of experts wrote a report on the state of the railways.",
    "The vote was postponed until the end of the month.",
    "Prices rose by three percent in the first quarter of the year.",
    "The new bridge will open to traffic in the spring.",
)


def five_mb_line(size: int = 5 * MB) -> tuple[str, int]:
    """About ``size`` bytes of news prose on one line (no newline), and how many quotes it
    holds.  The filler has no reporting verbs, so the only quotes are the ones counted."""
    rng = random.Random(5)
    parts, total, quotes = [], 0, 0
    while total < size:
        if len(parts) % 40 == 0:
            part = "“We will act now,” said Jane Doe. "
            quotes += 1
        else:
            part = rng.choice(FILLER) + " "
        parts.append(part)
        total += len(part.encode())
    return "".join(parts).rstrip(), quotes


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("NEWSREAD_SLOW") != "1", reason="takes minutes; set NEWSREAD_SLOW=1")
def test_5_mb_single_line_is_analysed(tmp_path, cli_env):
    """Under the 20 MB limit, so it is analysed (in 20,000-character pieces).  Measured
    on a shared 2-CPU machine: about 355-390 s wall and a 4.3 GB peak RSS (spaCy holds
    a batch of 64 such pieces at once)."""
    text, quotes = five_mb_line()
    path = tmp_path / "line.txt"
    path.write_text(text, encoding="utf-8")
    assert "\n" not in text and path.stat().st_size >= 5 * MB
    t0 = time.monotonic()
    data = analysed(path, cli_env, timeout=3600)
    print(f"5 MB line: {time.monotonic() - t0:.0f} s, {len(data['quotes'])} quotes")
    assert [q["text"] for q in data["quotes"]] == ["We will act now,"] * quotes
    assert {q["speaker_name"] for q in data["quotes"]} == {"Jane Doe"}


# ------------------------------------------------------------------ not regular files


def test_folder_named_like_a_file(tmp_path, cli_env):
    folder = tmp_path / "article.txt"
    folder.mkdir()
    refuse(folder, cli_env, "no articles in this folder (looked for .txt, .md, .html and feed files)")


def test_file_named_as_a_folder(tmp_path, cli_env):
    path = tmp_path / "article.txt"
    path.write_text("“Hello,” said Jane Doe.\n", encoding="utf-8")
    refuse(f"{path}/", cli_env, "no such file")


def test_fifo_is_refused_without_blocking(tmp_path, cli_env):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    refuse(fifo, cli_env, "a named pipe, not a regular file; not reading it", timeout=15)


def test_character_device_is_refused(cli_env):
    refuse("/dev/zero", cli_env, "a character device, not a regular file; not reading it", timeout=15)


def test_dangling_symlink(tmp_path, cli_env):
    """A file that disappeared after it was linked: the link is there, the file is not."""
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    refuse(link, cli_env, "no such file")


def test_symlink_loop(tmp_path, cli_env):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    refuse(loop, cli_env, "too many levels of symbolic links")


def test_file_name_too_long(tmp_path, cli_env):
    refuse(tmp_path / ("a" * 300 + ".txt"), cli_env, "file name too long")


def test_file_that_disappears_between_stat_and_open(tmp_path, monkeypatch):
    """The race itself, in process: the file is deleted after ``stat`` said it exists."""
    from newsread.sources import SourceError, load
    from newsread.sources import files as files_module

    path = tmp_path / "vanishing.txt"
    path.write_text("“Hello,” said Jane Doe.\n", encoding="utf-8")
    real_open = os.open

    def open_after_delete(p, *args, **kwargs):
        if os.fspath(p) == str(path):
            os.unlink(path)
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "open", open_after_delete)
    with pytest.raises(SourceError) as err:
        load(str(path))
    assert str(err.value) == f"{path}: no such file"


def test_file_replaced_by_a_fifo_between_stat_and_open(tmp_path, monkeypatch):
    """Swapped for a FIFO after the ``stat``: opened non-blocking, refused on ``fstat``."""
    from newsread.sources import SourceError, load
    from newsread.sources import files as files_module

    path = tmp_path / "swapped.txt"
    path.write_text("“Hello,” said Jane Doe.\n", encoding="utf-8")
    real_open = os.open

    def open_after_swap(p, *args, **kwargs):
        if os.fspath(p) == str(path) and not stat.S_ISFIFO(os.lstat(path).st_mode):
            os.unlink(path)
            os.mkfifo(path)
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(files_module.os, "open", open_after_swap)
    t0 = time.monotonic()
    with pytest.raises(SourceError) as err:
        load(str(path))
    assert time.monotonic() - t0 < 5
    assert err.value.reason == "a named pipe, not a regular file; not reading it"


def test_unreadable_file(tmp_path, cli_env):
    """chmod 000.  Root ignores it and 'nobody' cannot run this venv's interpreter (it
    lives under /root), so as root the command's ``main`` runs in a forked child that
    has dropped to 'nobody'."""
    if os.geteuid() != 0:
        path = tmp_path / "secret.txt"
        path.write_text("“Hello,” said Jane Doe.\n", encoding="utf-8")
        path.chmod(0)
        refuse(path, cli_env, "permission denied")
        return
    try:
        import pwd

        nobody = pwd.getpwnam("nobody")
    except (ImportError, KeyError):
        pytest.skip("running as root and there is no 'nobody' user")
    import newsread.analysis.nlp  # noqa: F401 - everything main needs, imported while still root
    import newsread.export  # noqa: F401
    import newsread.safe  # noqa: F401
    import newsread.sources  # noqa: F401
    from newsread.cli import main

    folder = tempfile.mkdtemp(prefix="newsread-hostile-")
    try:
        os.chmod(folder, 0o755)  # traversable by anyone: only the file itself is closed
        path = Path(folder) / "secret.txt"
        path.write_text("“Hello,” said Jane Doe.\n", encoding="utf-8")
        path.chmod(0)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: never return into pytest
            code = 99
            try:
                os.close(read_end)
                import io

                sys.stdout = sys.stderr = io.TextIOWrapper(os.fdopen(write_end, "wb"), encoding="utf-8")
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
                code = main(["quotes", str(path)])
                sys.stderr.flush()
            except BaseException as exc:  # noqa: BLE001 - report anything, as a traceback would
                try:
                    sys.stderr.write(f"Traceback: {type(exc).__name__}: {exc}\n")
                    sys.stderr.flush()
                except BaseException:  # noqa: BLE001
                    pass
            finally:
                os._exit(code if isinstance(code, int) else 98)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as reader:
            err = reader.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        assert (os.waitstatus_to_exitcode(status), err) == (1, f"newsread: {path}: permission denied\n")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
