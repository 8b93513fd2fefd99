"""Writing analyses for scripts and people: json, jsonl, csv, markdown, text.

All article-derived strings in the human formats go through ``safe`` so an
article cannot put escape codes on the terminal that prints them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence

from newsread.analysis.model import Analysis
from newsread.safe import display_line

FORMATS = ("text", "json", "jsonl", "csv", "markdown")

# json.dumps escapes C0 controls itself; these it would print raw.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u2028\u2029]")


def to_record(a: Analysis, with_text: bool = False) -> dict:
    data = a.to_dict()
    if with_text:
        data["text"] = a.text
    return data


def _json(data, **kw) -> str:
    """JSON that keeps the text's characters but escapes the ones a terminal would obey
    (C1 controls, bidi overrides, DEL): lossless, and safe to print."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(data, ensure_ascii=False, **kw))


def render(analyses: Sequence[Analysis], fmt: str, with_text: bool = False) -> str:
    if fmt == "json":
        records = [to_record(a, with_text) for a in analyses]
        return _json(records[0] if len(records) == 1 else records, indent=1) + "\n"
    if fmt == "jsonl":
        return "".join(_json(to_record(a, with_text)) + "\n" for a in analyses)
    if fmt == "csv":
        return _csv(analyses)
    if fmt == "markdown":
        return "\n".join(_markdown(a) for a in analyses)
    if fmt == "text":
        return "\n".join(_text(a) for a in analyses)
    raise ValueError(f"unknown format {fmt!r}")


def _csv(analyses: Sequence[Analysis]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "id", "start", "end", "kind", "speaker", "speaker_name", "text"])
    for a in analyses:
        for q in a.quotes:
            w.writerow([a.source, q.id, q.start, q.end, q.kind, q.speaker or "", q.speaker_name or "", q.text])
    return buf.getvalue()


def _short(text: str, width: int = 0) -> str:
    text = display_line(" ".join(text.split()))
    if width and len(text) > width:
        text = text[: width - 1] + "…"
    return text


def _heading(a: Analysis) -> str:
    return _short(a.title or a.source)


def _summary(a: Analysis) -> str:
    speakers = a.speakers()
    return f"{len(a.quotes)} quotes, {len(speakers)} speakers, {len(a.entities)} entities"


def _unattributed(a: Analysis):
    return [q for q in a.quotes if not q.speaker]


def _text(a: Analysis) -> str:
    lines = [f"{_heading(a)} — {_summary(a)}", ""]
    for entity, quotes in a.speakers():
        lines.append(f"{_short(entity.name)} ({_short(entity.label)}) — {len(quotes)} quote{'s' * (len(quotes) != 1)}")
        lines += [f"  “{_short(q.text)}”" + (f" ({q.kind})" if q.kind != "direct" else "") for q in quotes]
        lines.append("")
    rest = _unattributed(a)
    if rest:
        lines.append(f"Unattributed — {len(rest)}")
        lines += [f"  “{_short(q.text)}”" for q in rest]
        lines.append("")
    return "\n".join(lines)


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_[]<>#|&~" else c for c in text)


def _markdown(a: Analysis) -> str:
    lines = [f"# {_md_escape(_heading(a))}", "", f"{_summary(a)}", ""]
    for entity, quotes in a.speakers():
        lines += [f"## {_md_escape(_short(entity.name))} ({_md_escape(_short(entity.label))})", ""]
        lines += [f"- “{_md_escape(_short(q.text))}”" + (f" *({q.kind})*" if q.kind != "direct" else "") for q in quotes]
        lines.append("")
    rest = _unattributed(a)
    if rest:
        lines += ["## Unattributed", ""]
        lines += [f"- “{_md_escape(_short(q.text))}”" for q in rest]
        lines.append("")
    return "\n".join(lines)
