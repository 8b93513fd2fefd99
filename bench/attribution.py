#!/usr/bin/env python3
"""Attribution quality and cost on a PolNeAR split (or any dir of texts + gold).

    python bench/attribution.py dev            # ../shared/corpus/polnear/dev
    python bench/attribution.py train --limit 200
    python bench/attribution.py seed
    python bench/attribution.py dev --textacy .venv-textacy/bin/python

Prints the scorer's figures and the time spent, with spaCy's own parse time
over the same paragraphs as the baseline.  With --textacy, then runs
bench/textacy_baseline.py in that interpreter (a venv with textacy 0.13) on
the same documents and prints textacy's figures too.  Skips cleanly without
../shared.
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", help="train, dev or seed")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N documents")
    ap.add_argument("--keep", metavar="DIR", help="write predictions to DIR (default: a temp dir)")
    ap.add_argument("--textacy", metavar="PYTHON",
                    help="also score textacy's direct_quotations, run by this python (its own venv)")
    args = ap.parse_args()
    dirs = open_split(args.split)
    if isinstance(dirs, int):
        return dirs
    text_dir, gold_dir = dirs

    from newsread.analysis import analyse, load_pipeline, resolve_model_name
    from newsread.analysis.segments import paragraphs

    nlp = load_pipeline(resolve_model_name())
    golds = sorted(gold_dir.glob("*.json"))
    golds = golds[args.skip :]
    if args.limit:
        golds = golds[: args.limit]
    pred_dir = Path(args.keep or tempfile.mkdtemp(prefix="newsread-bench-"))
    pred_dir.mkdir(parents=True, exist_ok=True)
    gold_sub = Path(tempfile.mkdtemp(prefix="newsread-gold-"))
    texts = []
    for g in golds:
        name = json.loads(g.read_text(encoding="utf-8")).get("document") or g.stem + ".txt"
        texts.append((g, (text_dir / name).read_text(encoding="utf-8")))
        (gold_sub / g.name).write_text(g.read_text(encoding="utf-8"), encoding="utf-8")

    # Baseline: spaCy alone over the same paragraphs.
    t0 = time.perf_counter()
    for _, text in texts:
        for _ in nlp.pipe(text[s:e] for s, e in paragraphs(text)):
            pass
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    words = 0
    for g, text in texts:
        a = analyse(text, source=g.stem, nlp=nlp)
        words += len(text.split())
        (pred_dir / g.name).write_text(json.dumps(a.to_dict(), ensure_ascii=False), encoding="utf-8")
    ours_s = time.perf_counter() - t0

    score = subprocess.run([sys.executable, str(SHARED / "tools" / "score_quotes.py"), str(gold_sub), str(pred_dir)],
                           capture_output=True, text=True, check=True).stdout.strip()
    print(f"{args.split}: {len(texts)} documents, {words} words")
    print(score)
    print(f"time: spaCy alone {spacy_s:.2f} s, newsread {ours_s:.2f} s "
          f"(analysis overhead {100 * (ours_s - spacy_s) / spacy_s:+.1f}%)")
    print(f"predictions: {pred_dir}")
    if args.textacy:
        sys.stdout.flush()
        subprocess.run([args.textacy, str(Path(__file__).with_name("textacy_baseline.py")), args.split,
                        str(pred_dir / "textacy"), "--limit", str(args.limit)], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
