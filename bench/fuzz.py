"""Fuzz the analysis with hostile generated text and check its invariants.

    python bench/fuzz.py                      # 10,000 examples, seed 0
    python bench/fuzz.py --examples 500 --seed 7
    python bench/fuzz.py --only 1234          # re-run one example (same seed) and show it

Each example is a news-like text built from words, names, reporting verbs, every kind
of quote mark, newlines, control characters, emoji, CJK and right-to-left scripts
(``tests/hostile/support.py: random_text``).  Example ``i`` depends only on the seed and
``i``, so any failure can be replayed with ``--only i``.  The checks are the ones the
property tests make (``tests/hostile/test_properties.py``): every span well-formed and
inside the text, quote texts equal to their spans, mentions sorted and disjoint, speakers
that exist, unique ids, ``to_dict`` valid against ``tests/hostile/schema.json`` and
round-tripping through JSON and ``from_dict``, text/markdown output free of control
characters, and the same analysis twice over.

Prints the number of examples, failures and time; exits 1 when anything failed.
Needs neither pytest nor hypothesis.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tui"))

from hostile.support import invariant_problems, load_schema, output_problems, random_text  # noqa: E402


def example(seed: int, index: int) -> str:
    return random_text(random.Random(f"{seed}:{index}"))


def problems_of(text: str, nlp, schema: dict) -> list[str]:
    """Everything wrong with the analysis of ``text`` (an exception is a problem too)."""
    from newsread.analysis import analyse

    try:
        a = analyse(text, source="<fuzz>", nlp=nlp)
        found = invariant_problems(a, text, schema) + output_problems(a)
        again = analyse(text, source="<fuzz>", nlp=nlp)
        if again.to_dict() != a.to_dict() or again.phrases != a.phrases:
            found.append("not deterministic: a second analysis differs")
        return found
    except Exception as exc:  # noqa: BLE001 - a crash is a finding
        last = traceback.extract_tb(exc.__traceback__)[-1]
        return [f"raised {type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})"]


def shrink(text: str, nlp, schema: dict, budget: int = 300) -> str:
    """A smaller text that still fails (greedy removal of chunks, then characters)."""
    calls = 0
    size = max(1, len(text) // 2)
    while size >= 1 and calls < budget:
        i, changed = 0, False
        while i < len(text) and calls < budget:
            candidate = text[:i] + text[i + size:]
            calls += 1
            if candidate != text and problems_of(candidate, nlp, schema):
                text, changed = candidate, True
            else:
                i += size
        if not changed:
            size //= 2
    return text


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--examples", type=int, default=10_000)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--only", type=int, metavar="INDEX", help="run one example and print it")
    p.add_argument("--model", help="spaCy pipeline (default: newsread's choice)")
    p.add_argument("--shrink", type=int, default=3, metavar="N", help="shrink the first N failures (default 3)")
    p.add_argument("--quiet", action="store_true", help="no progress lines")
    args = p.parse_args(argv)

    from newsread.analysis import load_pipeline, resolve_model_name

    t_load = time.monotonic()
    nlp = load_pipeline(resolve_model_name(args.model))
    schema = load_schema()
    print(f"pipeline loaded in {time.monotonic() - t_load:.1f} s", flush=True)

    indices = [args.only] if args.only is not None else range(args.examples)
    failures: list[tuple[int, list[str], str]] = []
    chars = 0
    t0 = time.monotonic()
    for n, i in enumerate(indices, 1):
        text = example(args.seed, i)
        chars += len(text)
        if args.only is not None:
            print(f"example {i} (seed {args.seed}): {text!r}")
        found = problems_of(text, nlp, schema)
        if found:
            failures.append((i, found, text))
            print(f"FAIL example {i}: {found[0]}" + (f" (+{len(found) - 1} more)" if len(found) > 1 else ""),
                  flush=True)
        if not args.quiet and n % 1000 == 0:
            print(f"  {n} examples, {len(failures)} failures, {time.monotonic() - t0:.0f} s", flush=True)
    elapsed = time.monotonic() - t0

    for i, found, text in failures[: args.shrink]:
        small = shrink(text, nlp, schema)
        print(f"\nexample {i}: {len(found)} problem(s)")
        for problem in found[:5]:
            print(f"  - {problem}")
        print(f"  text ({len(text)} chars): {text[:300]!r}")
        print(f"  shrunk ({len(small)} chars): {small!r}")
        print(f"  still: {problems_of(small, nlp, schema)[:2]}")

    count = len(indices)
    print(f"\nexamples: {count}  failures: {len(failures)}  time: {elapsed:.1f} s "
          f"({1000 * elapsed / max(1, count):.1f} ms/example, {chars} characters, seed {args.seed})")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
