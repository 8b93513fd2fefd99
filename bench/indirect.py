#!/usr/bin/env python3
"""Reported speech (`kind: "indirect"`) against PolNeAR's unquoted attributions.

    python bench/attribution.py dev --keep /tmp/pred-dev
    python bench/indirect.py dev /tmp/pred-dev

A gold item is an attribution whose content has no double quotation mark.  A
prediction matches when the contents overlap by at least half of the shorter
one (one-to-one, best overlap first); it is right when its speaker is (the
scorer's rule).  Prints precision and recall of matches and of right speakers.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main(split: str, pred_dir: str) -> int:
    base = SHARED / "corpus" / "polnear" / split
    if not base.is_dir():
        print(f"skipped: {base} not present")
        return 0
    sys.path.insert(0, str(SHARED / "tools"))
    from score_quotes import ov, speaker_ok

    gold_n = pred_n = matched = right = 0
    for pf in sorted(Path(pred_dir).glob("*.json")):
        gold = json.loads((base / "gold" / pf.name).read_text(encoding="utf-8"))
        text = (base / "text" / gold["document"]).read_text(encoding="utf-8")
        pred = json.loads(pf.read_text(encoding="utf-8"))
        ents = {e["id"]: e for e in pred["entities"]}
        golds = []
        for a in gold["attributions"]:
            if not a["content"] or not a["source"]:
                continue
            content = " ".join(text[s:e] for s, e in a["content"])
            if any(m in content for m in "“”\""):
                continue
            span = (min(s for s, _ in a["content"]), max(e for _, e in a["content"]))
            golds.append({"span": span, "source": a["source"],
                          "source_text": " ".join(text[s:e] for s, e in a["source"])})
        preds = [q for q in pred["quotes"] if q["kind"] == "indirect"]
        gold_n += len(golds)
        pred_n += len(preds)
        pairs = sorted(((ov(g["span"], (p["start"], p["end"])), i, j) for i, g in enumerate(golds)
                        for j, p in enumerate(preds)), reverse=True)
        used_g, used_p = set(), set()
        for o, i, j in pairs:
            if o == 0:
                break
            g, p = golds[i], preds[j]
            if i in used_g or j in used_p or o * 2 < min(g["span"][1] - g["span"][0], p["end"] - p["start"]):
                continue
            used_g.add(i)
            used_p.add(j)
            matched += 1
            right += speaker_ok(g, p, ents)
    p = right / max(1, pred_n)
    r = right / max(1, gold_n)
    f = 2 * p * r / max(1e-9, p + r)
    print(f"indirect ({split}): gold {gold_n}, predicted {pred_n}, content matched {matched} "
          f"(P {matched / max(1, pred_n):.3f} R {matched / max(1, gold_n):.3f}), "
          f"with right speaker P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Reported speech against PolNeAR's unquoted attributions.")
    parser.add_argument("split", help="train, dev or seed")
    parser.add_argument("pred_dir", help="predictions kept by bench/attribution.py --keep")
    args = parser.parse_args()
    if not Path(args.pred_dir).is_dir():
        parser.error(f"no such directory: {args.pred_dir}")
    raise SystemExit(main(args.split, args.pred_dir))
