"""What the hostile tests and ``bench/fuzz.py`` share: the analysis invariants, a small
JSON Schema validator, hostile-text generators and a CLI runner.

Imports neither pytest nor hypothesis, so ``bench/fuzz.py`` can use it on its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCHEMA_PATH = HERE / "schema.json"

# ----------------------------------------------------------------------------- the CLI


def run_cli(*args: str, input: bytes | None = None, timeout: float = 120, env: dict | None = None,
            cwd: str | os.PathLike | None = None) -> subprocess.CompletedProcess:
    """``python -m newsread ARGS`` with bytes in and out (so tests see the exact bytes)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "newsread", *args], input=input, capture_output=True,
                          timeout=timeout, env=full_env, cwd=cwd)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The single ``newsread: …`` line on stderr of a failed run (asserting that shape)."""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert proc.returncode != 0, (proc.returncode, err)
    assert proc.stdout == b"", proc.stdout[:500]
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("newsread: "), err
    return lines[0]


# ----------------------------------------------------------------------------- terminal safety

#: Characters no human-readable output may contain: C0 controls but newline, DEL, C1
#: controls, and the bidi controls that reorder text (Trojan Source).
UNSAFE_OUTPUT = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def unsafe_chars(out: str) -> list[str]:
    """The unsafe characters of ``out``, as ``repr``s, for assertion messages."""
    return sorted({repr(c) for c in UNSAFE_OUTPUT.findall(out)})


# ----------------------------------------------------------------------------- JSON Schema


def load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def schema_errors(instance, schema: dict, root: dict | None = None, path: str = "$") -> list[str]:
    """Errors of ``instance`` against ``schema`` (the subset of JSON Schema 2020-12 that
    ``schema.json`` uses: $ref to #/$defs, type, enum, const, properties, required,
    additionalProperties: false, items, prefixItems, minItems, maxItems, minimum,
    minLength, pattern).  Unknown keywords are an error, so the schema cannot silently
    use something this validator ignores."""
    root = schema if root is None else root
    known = {"$schema", "$id", "$defs", "title", "description", "$ref", "type", "enum", "const",
             "properties", "required", "additionalProperties", "items", "prefixItems", "minItems",
             "maxItems", "minimum", "minLength", "pattern"}
    unknown = set(schema) - known
    if unknown:
        return [f"{path}: schema uses unsupported keywords {sorted(unknown)}"]
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            return [f"{path}: unsupported $ref {ref}"]
        return schema_errors(instance, root["$defs"][ref.removeprefix("#/$defs/")], root, path)
    errors: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](instance) for t in types):
            return [f"{path}: {instance!r:.80} is not of type {types}"]
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r:.80} not in {schema['enum']}")
    if "const" in schema and instance != schema["const"]:
        errors.append(f"{path}: {instance!r:.80} != {schema['const']!r}")
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in instance:
                errors.append(f"{path}: missing {key!r}")
        if schema.get("additionalProperties") is False:
            for key in instance:
                if key not in props:
                    errors.append(f"{path}: unexpected {key!r}")
        for key, sub in props.items():
            if key in instance:
                errors += schema_errors(instance[key], sub, root, f"{path}.{key}")
    if isinstance(instance, list):
        if "minItems" in schema and len(instance) < schema["minItems"]:
            errors.append(f"{path}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(instance) > schema["maxItems"]:
            errors.append(f"{path}: more than {schema['maxItems']} items")
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(instance):
            sub = prefix[i] if i < len(prefix) else schema.get("items")
            if sub is not None:
                errors += schema_errors(item, sub, root, f"{path}[{i}]")
    if isinstance(instance, str):
        if "minLength" in schema and len(instance) < schema["minLength"]:
            errors.append(f"{path}: shorter than {schema['minLength']}")
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            errors.append(f"{path}: {instance!r:.80} does not match {schema['pattern']}")
    if _TYPES["number"](instance) and "minimum" in schema and instance < schema["minimum"]:
        errors.append(f"{path}: {instance} < {schema['minimum']}")
    return errors


# ----------------------------------------------------------------------------- invariants


def _span_problem(span, n: int) -> str | None:
    if not (isinstance(span, tuple) and len(span) == 2 and all(type(v) is int for v in span)):
        return f"not a pair of ints: {span!r}"
    s, e = span
    if not 0 <= s < e <= n:
        return f"not 0 <= {s} < {e} <= {n}"
    return None


def crossing_quotes(quotes) -> list[str]:
    """Quotes may nest (reported speech inside reported speech: "A said that B said …")
    but never cross: a quote that holds the opening but not the end of another is a
    misparse.  Stack check, O(n log n)."""
    out: list[str] = []
    stack: list = []
    for q in sorted(quotes, key=lambda q: (q.start, -q.end)):
        while stack and stack[-1].end <= q.start:
            stack.pop()
        if stack and q.end > stack[-1].end:
            out.append(f"{q.id} {q.start, q.end} crosses {stack[-1].id} {stack[-1].start, stack[-1].end}")
        stack.append(q)
    return out


def invariant_problems(a, text: str, schema: dict | None = None) -> list[str]:
    """Every way the ``Analysis`` ``a`` of ``text`` breaks the documented invariants
    (empty when it is sound).  Cheap: fit for thousands of examples."""
    from newsread.analysis import Analysis

    p: list[str] = []
    n = len(text)
    if a.text != text:
        p.append("analysis.text is not the input text")
    if not a.complete:
        p.append(f"analysis incomplete (progress {a.progress})")
    if a.text_sha256 != hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest():
        p.append("text_sha256 is not the text's SHA-256")
    ids = [e.id for e in a.entities]
    if len(set(ids)) != len(ids):
        p.append(f"entity ids not unique: {ids}")
    by_id = {e.id: e for e in a.entities}
    for e in a.entities:
        if not (isinstance(e.id, str) and e.id):
            p.append(f"entity id {e.id!r} is empty")
        if not (isinstance(e.name, str) and e.name.strip()):
            p.append(f"{e.id}: blank name {e.name!r}")
        if not (isinstance(e.label, str) and e.label):
            p.append(f"{e.id}: blank label {e.label!r}")
        if not e.mentions:
            p.append(f"{e.id}: no mentions")
        prev_end = -1
        for m in e.mentions:
            bad = _span_problem(m, n)
            if bad:
                p.append(f"{e.id} mention {m!r}: {bad}")
                continue
            if m[0] < prev_end:
                p.append(f"{e.id}: mentions unsorted or overlapping at {m!r}")
            prev_end = m[1]
    qids = [q.id for q in a.quotes]
    if len(set(qids)) != len(qids):
        p.append(f"quote ids not unique: {qids}")
    prev_start = -1
    for q in a.quotes:
        bad = _span_problem((q.start, q.end), n)
        if bad:
            p.append(f"{q.id} span: {bad}")
            continue
        if q.text != text[q.start:q.end]:
            p.append(f"{q.id}: text {q.text!r:.60} != text[{q.start}:{q.end}]")
        if not q.text.strip():
            p.append(f"{q.id}: blank quote {q.text!r}")
        if q.start < prev_start:
            p.append(f"{q.id}: quotes not sorted by start at {q.start}")
        prev_start = q.start
        if q.kind not in ("direct", "partial", "indirect"):
            p.append(f"{q.id}: kind {q.kind!r}")
        if q.speaker is None:
            if (q.speaker_name, q.speaker_span, q.cue_span) != (None, None, None):
                p.append(f"{q.id}: no speaker but speaker_name/speaker_span/cue_span set")
        else:
            e = by_id.get(q.speaker)
            if e is None:
                p.append(f"{q.id}: speaker {q.speaker!r} is no entity")
            elif q.speaker_name != e.name:
                p.append(f"{q.id}: speaker_name {q.speaker_name!r} != entity name {e.name!r}")
            if q.speaker_span is None:
                p.append(f"{q.id}: speaker without speaker_span")
        for key in ("speaker_span", "cue_span"):
            span = getattr(q, key)
            if span is not None:
                bad = _span_problem(span, n)
                if bad:
                    p.append(f"{q.id} {key} {span!r}: {bad}")
    p += crossing_quotes(a.quotes)
    for ph in getattr(a, "phrases", ()):
        bad = _span_problem(ph, n)
        if bad:
            p.append(f"phrase {ph!r}: {bad}")
    data = a.to_dict()
    if schema is not None:
        p += [f"schema: {err}" for err in schema_errors(data, schema)]
    try:
        again = json.loads(json.dumps(data, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        p.append(f"to_dict() is not JSON: {exc}")
    else:
        if again != data:
            p.append("to_dict() does not survive a JSON round trip")
        try:
            rebuilt = Analysis.from_dict(again, text).to_dict()
        except Exception as exc:  # noqa: BLE001 - any failure is a finding
            p.append(f"from_dict(to_dict()) raised {type(exc).__name__}: {exc}")
        else:
            if rebuilt != data:
                p.append("from_dict(to_dict()) differs from the analysis")
    return p


def output_problems(a) -> list[str]:
    """Terminal-safety of the human formats (text, markdown) of ``a``."""
    from newsread.export import render

    p = []
    for fmt in ("text", "markdown"):
        bad = unsafe_chars(render([a], fmt))
        if bad:
            p.append(f"{fmt} output contains {bad}")
    return p


# ----------------------------------------------------------------------------- hostile text

WORDS = ("the minister plan was not ready on Monday and it a deal officials in London Kyiv Paris "
         "reporters statement we will never accept that they this is very good bad talks "
         "government war peace after before during for of to with said-so 2024 $5 3.5% U.S.").split()
NAMES = ("Jane Doe", "John Smith", "Doe", "Smith", "Keir Starmer", "Starmer", "Volodymyr Zelensky",
         "Zelensky", "Emmanuel Macron", "Macron", "the Ukrainian president", "a senior official",
         "officials", "Mr. Smith", "Dr. Jane Doe", "the BBC", "Acme Corp", "O'Neill", "Rubio’s",
         "María José García", "Nguyễn Văn An", "Xi Jinping", "Ana")
VERBS = ("said", "told reporters", "added", "asked", "said:", "according to", "says", "warned",
         "called it", "he said", "she said", "they said", "said on Monday", "wrote", "insisted")
MARKS = ("“", "”", '"', "‘", "’", "'", "«", "»", "„", "‚", "‹", "›", "「", "」", "``", "''")
PUNCT = (".", ",", ":", ";", "!", "?", "—", "–", "-", "(", ")", "…", "[", "]", "{}", "*", "_", "#")
SPACE = (" ", "  ", "\n", "\n\n", "\t", "\r\n", "\r", "\u00a0", "\u2028", "\u2029", "\u3000")
CONTROL = ("\x1b[31m", "\x1b[0m", "\x1b]0;title\x07", "\x1b]52;c;aGk=\x07", "\x07", "\x08", "\x00",
           "\x9b", "\x85", "\x1f", "\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\u200b",
           "\ufeff", "\x7f", "\x0c", "\x0b", "\ufffd")
EMOJI = ("😀", "👍🏽", "👨‍👩‍👧", "🇺🇦", "❤️", "🏳️‍🌈")
CJK = ("北京", "日本語のテキスト", "한국어", "习近平说", "「引用」", "ｆｕｌｌ ｗｉｄｔｈ")
RTL = ("مرحبا بالعالم", "قال الرئيس", "שלום עולם", "אמר", "“سلام،” قال أحمد.")
COMBINING = ("e\u0301", "n\u0303o", "Z\u0351\u0352\u0353a", "a\u20dd", "\u0301")
SENTENCES = (
    "“We will not back down,” said Jane Doe.",
    "“It is over,” Starmer told reporters.",
    "Keir Starmer said: “We stand with Ukraine.”",
    "“Never,” added Zelensky. “Not now.”",
    "A senior official said the plan was “reckless”.",
    "According to John Smith, “the talks failed.”",
    "She called the plan “a disgrace to us all”.",
    "“Stop,” said [red]Jane Doe[/red].",
    "“Really?” he asked. \"Yes,\" she said.",
)
GROUPS = (WORDS, NAMES, VERBS, MARKS, PUNCT, SPACE, CONTROL, EMOJI, CJK, RTL, COMBINING, SENTENCES)
#: How often each group is drawn, in the order of ``GROUPS``.
WEIGHTS = (30, 10, 8, 14, 6, 8, 3, 2, 2, 2, 1, 6)


def random_text(rng: random.Random, max_pieces: int = 60) -> str:
    """A hostile news-like text: words, names, verbs and every kind of quote mark, with
    controls, emoji, CJK and RTL mixed in.  Deterministic for a seeded ``rng``."""
    out = []
    for _ in range(rng.randint(0, max_pieces)):
        group = rng.choices(GROUPS, WEIGHTS)[0]
        out.append(rng.choice(group))
        out.append(rng.choice((" ", " ", " ", "", "\n")))
    return "".join(out)
