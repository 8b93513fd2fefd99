"""Articles that try to drive the terminal: ANSI CSI, OSC (title, clipboard), BEL,
backspace, CR, C1 controls, bidi overrides, NUL.

The human formats (text, markdown) must print none of those characters, only their
visible stand-ins (ESC -> ␛); the data formats (json, jsonl, csv) keep the original
characters, so offsets still index the analysed text.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from hostile.support import UNSAFE_OUTPUT, one_line_error, run_cli, unsafe_chars

# Each line one paragraph; quote marks are ordinary curly ones so every quote is found.
ARTICLE = (
    "“Red \x1b[31malert\x1b[0m and \x1b[2J\x1b[H wiped,” said Jane Doe.\n"
    "“The title \x1b]0;pwned\x07 is set,” she added.\n"
    "“Clipboard \x1b]52;c;cm0gLXJmIH4K\x07 written,” said John Smith on Monday.\n"
    "“Bell\x07 and back\x08\x08space and C1 \x9b31m here,” Smith told reporters.\n"
    "“Bidi \u202eevil\u202c and \u2066isolate\u2069 marks \u200f here,” Doe said.\n"
    "Narration with a DEL \x7f, a form feed \x0c and a carriage\rreturn.\n"
)
#: What the plain-text file becomes once read: CR turned into LF, nothing else.
ANALYSED = ARTICLE.replace("\r", "\n")

#: The quotes as a terminal must show them (hand-written, not computed with newsread.safe).
VISIBLE_QUOTES = (
    "Red ␛[31malert␛[0m and ␛[2J␛[H wiped,",
    "The title ␛]0;pwned␇ is set,",
    "Clipboard ␛]52;c;cm0gLXJmIH4K␇ written,",
    "Bell␇ and back␈␈space and C1 \ufffd31m here,",
    "Bidi \ufffdevil\ufffd and \ufffdisolate\ufffd marks \ufffd here,",
)
#: The same in markdown, where brackets are escaped.
MARKDOWN_QUOTES = tuple(q.replace("[", "\\[").replace("]", "\\]") for q in VISIBLE_QUOTES)
#: The quotes as they are in the analysed text.
ORIGINAL_QUOTES = (
    "Red \x1b[31malert\x1b[0m and \x1b[2J\x1b[H wiped,",
    "The title \x1b]0;pwned\x07 is set,",
    "Clipboard \x1b]52;c;cm0gLXJmIH4K\x07 written,",
    "Bell\x07 and back\x08\x08space and C1 \x9b31m here,",
    "Bidi \u202eevil\u202c and \u2066isolate\u2069 marks \u200f here,",
)

EVIL_NAME = "evil\x1b]0;t\x07\u202e.txt"
EVIL_NAME_SHOWN = "evil␛]0;t␇\ufffd.txt"


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("inject") / EVIL_NAME
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


@pytest.fixture(scope="module")
def outputs(article, cli_env):
    """stdout/stderr of `newsread quotes ARTICLE --format F`, run once per format."""
    runs = {}

    def get(fmt: str, *extra: str):
        key = (fmt, *extra)
        if key not in runs:
            proc = run_cli("quotes", str(article), "--format", fmt, *extra, env=cli_env)
            assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
            assert "Traceback" not in proc.stderr.decode("utf-8", "replace")
            runs[key] = proc
        return runs[key]

    return get


def assert_terminal_safe(raw: bytes) -> str:
    """No C0 byte but LF, no DEL, and (decoded) no C1 or bidi control."""
    bad_bytes = sorted({b for b in raw if (b < 0x20 and b != 0x0A) or b == 0x7F})
    assert bad_bytes == [], f"control bytes on the terminal: {[hex(b) for b in bad_bytes]}"
    text = raw.decode("utf-8")  # strict: the output is valid UTF-8
    assert unsafe_chars(text) == []
    return text


def test_the_article_is_not_refused_as_binary():
    # Guard for the tests below: few enough controls that sources/decode keeps it as text.
    from newsread.sources import document

    doc = document(ARTICLE.encode("utf-8"), source="x.txt")
    assert doc.text == ANALYSED


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_human_formats_print_no_control_characters(outputs, fmt):
    proc = outputs(fmt)
    out = assert_terminal_safe(proc.stdout)
    assert_terminal_safe(proc.stderr)
    assert proc.stderr == b""
    for raw in (b"\x1b", b"\x07", b"\x08", b"\x00", b"\r", b"\x7f", "\x9b".encode(), "\u202e".encode()):
        assert raw not in proc.stdout
    expected = VISIBLE_QUOTES if fmt == "text" else MARKDOWN_QUOTES
    for quote in expected:
        assert f"“{quote}”" in out, (quote, out)


def test_text_format_shows_the_source_name_defused(outputs, article):
    out = assert_terminal_safe(outputs("text").stdout)
    first = out.splitlines()[0]
    assert first.startswith(str(article.parent / EVIL_NAME_SHOWN) + " — "), first
    assert "5 quotes" in first


def test_markdown_heading_shows_the_source_name_defused(outputs, article):
    out = assert_terminal_safe(outputs("markdown").stdout)
    heading = out.splitlines()[0]
    shown = str(article.parent / EVIL_NAME_SHOWN).replace("[", "\\[").replace("]", "\\]")
    assert heading == "# " + shown


def test_json_keeps_the_original_characters_and_offsets(outputs):
    proc = outputs("json", "--with-text")
    data = json.loads(proc.stdout.decode("utf-8"))
    assert data["text"] == ANALYSED
    assert [q["text"] for q in data["quotes"]] == list(ORIGINAL_QUOTES)
    for q in data["quotes"]:
        assert ANALYSED[q["start"]:q["end"]] == q["text"]
        for key in ("speaker_span", "cue_span"):
            if q[key] is not None:
                s, e = q[key]
                assert 0 <= s < e <= len(ANALYSED)
    for e in data["entities"]:
        for s, t in e["mentions"]:
            assert ANALYSED[s:t].strip(), (e, s, t)


def test_json_escapes_c0_controls(outputs):
    """JSON is data, but json escapes C0 itself: no raw ESC/BEL/BS reaches the terminal."""
    raw = outputs("json", "--with-text").stdout
    for byte in (b"\x1b", b"\x07", b"\x08", b"\x0c", b"\x0b"):
        assert byte not in raw
    assert b"\\u001b[31m" in raw and b"\\u0007" in raw


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_prints_no_raw_c1_or_bidi_controls(outputs, fmt):
    raw = outputs(fmt).stdout
    assert unsafe_chars(raw.decode("utf-8")) == []


def test_csv_keeps_the_original_characters(outputs):
    rows = list(csv.reader(io.StringIO(outputs("csv").stdout.decode("utf-8"), newline="")))
    assert rows[0] == ["source", "id", "start", "end", "kind", "speaker", "speaker_name", "text"]
    assert [r[7] for r in rows[1:]] == list(ORIGINAL_QUOTES)
    for r in rows[1:]:
        assert ANALYSED[int(r[2]):int(r[3])] == r[7]


def test_error_for_a_file_named_with_escapes_is_defused(tmp_path, cli_env):
    missing = tmp_path / ("gone\x1b[2J\x9b" + EVIL_NAME)
    proc = run_cli("quotes", str(missing), env=cli_env, timeout=60)
    line = one_line_error(proc)
    assert_terminal_safe(proc.stderr)
    assert line == f"newsread: {tmp_path}/gone␛[2J\ufffd{EVIL_NAME_SHOWN}: no such file"


def test_ascii_only_stdout_gets_no_traceback(article, cli_env):
    proc = run_cli("quotes", str(article), env={**cli_env, "PYTHONIOENCODING": "ascii"}, timeout=120)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert len(err.splitlines()) <= 1


# ------------------------------------------------------------------ in process: every field, every control

C0 = "".join(chr(c) for c in range(0x20) if c != 0x0A)
C1 = "".join(chr(c) for c in range(0x80, 0xA0))
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
EVERY_CONTROL = C0 + "\x7f" + C1 + BIDI


def hand_made_analysis():
    """An analysis whose every article-derived string is full of controls (nothing
    the NLP could refuse): source, title, entity names, quote texts."""
    from newsread.analysis import Analysis, Entity, Quote

    quote = f"a{EVERY_CONTROL}b"
    name = f"Jane{EVERY_CONTROL}Doe"
    text = f"“{quote}” said {name}. “{quote}”"
    q1s = 1
    q1e = q1s + len(quote)
    ns = text.index("Jane")
    ne = ns + len(name)
    q2s = text.rindex("“") + 1
    return Analysis(
        source=f"src{EVERY_CONTROL}", title=f"title{EVERY_CONTROL}", text=text, text_sha256="0" * 64,
        model="m", entities=(Entity("e1", name, "PERSON", ((ns, ne),)),),
        quotes=(
            Quote("q1", q1s, q1e, text[q1s:q1e], "direct", "e1", name, (ns, ne), (ns - 5, ns - 1)),
            Quote("q2", q2s, q2s + len(quote), text[q2s:q2s + len(quote)], "partial"),
        ),
    )


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_every_control_character_in_every_field_is_defused(fmt):
    from newsread.export import render

    out = render([hand_made_analysis()], fmt)
    assert unsafe_chars(out) == []
    assert UNSAFE_OUTPUT.search(out) is None
    # Title (not the source) heads the output; names and quotes appear, defused.
    assert "title" in out.splitlines()[0] and "src" not in out
    for picture in ("␀", "␇", "␈", "␛", "␡", "\ufffd"):
        assert picture in out, picture
    assert out.count("Jane") == 1 and out.count("“a") == 2


def test_nul_in_analysed_text_is_shown_as_a_picture(analyse_text):
    from newsread.export import render

    a = analyse_text("“Null\x00byte here,” said Jane Doe.")
    assert [q.text for q in a.quotes] == ["Null\x00byte here,"]
    for fmt in ("text", "markdown"):
        out = render([a], fmt)
        assert "\x00" not in out and "Null␀byte here," in out
