#!/usr/bin/env python3
"""Speed figures for issue 4 ("Instant"), each against a baseline measured in the same run.

    python bench/speed.py                 # everything (about five minutes)
    python bench/speed.py --runs 3 --quick
    python bench/speed.py --markdown      # the table as Markdown too, for the README

Machines here are noisy, so every target is a ratio to a baseline taken in this
run: the *floor* (a minimal Textual app showing the seed in one Static, started
the same way) for start-up figures, the seed article for key presses, spaCy's
own ``nlp.pipe`` for throughput.  Start-up figures are the median of ``--runs``
fresh processes (bench/paint.py, which times the frame Textual hands to the
terminal, Python's start included).  The novel and PolNeAR parts need
../shared and are skipped without it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "security-guarantee.txt"
NOVEL = SHARED / "corpus" / "novels" / "pride-and-prejudice.txt"
CORPUS = SHARED / "corpus" / "polnear" / "dev" / "text"
PAINT = ROOT / "bench" / "paint.py"
HEAVY = ("spacy", "thinc", "httpx", "lxml", "trafilatura", "feedparser", "charset_normalizer")

median = statistics.median


@dataclass
class Row:
    figure: str
    value: str
    baseline: str = ""
    ratio: float | None = None
    target: str = ""
    ok: bool | None = None  # None: no target, shown for information

    @property
    def result(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "FAIL")


ROWS: list[Row] = []


def row(figure: str, value: str, baseline: str = "", ratio: float | None = None,
        limit: float | None = None, target: str = "", ok: bool | None = None) -> None:
    if limit is not None and ratio is not None:
        ok = ratio <= limit
        target = target or f"≤ {limit:g}×"
    ROWS.append(Row(figure, value, baseline, ratio, target, ok))
    r = ROWS[-1]
    ratio_text = f"{r.ratio:.2f}×" if r.ratio is not None else ""
    print(f"  {r.figure:<44} {r.value:>16}  {r.baseline:<34} {ratio_text:>7} {r.target:>9} {r.result}",
          flush=True)


def env(cache_dir: str | Path) -> dict[str, str]:
    return {**os.environ, "NEWSREAD_CACHE_DIR": str(cache_dir),
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "tui"), os.environ.get("PYTHONPATH")]))}


def paint(mode: str, file: Path, *options: str, cache_dir: str | Path) -> dict:
    """One fresh process through bench/paint.py; times made relative to its start."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(PAINT), mode, str(file), *options], env=env(cache_dir),
                          capture_output=True, text=True, timeout=900)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise SystemExit(f"bench/paint.py {mode} {file} failed:\n{done.stderr[-3000:]}")
    result = json.loads(lines[-1])
    for key in ("import", "paint", "full"):
        if result.get(key) is not None:
            result[key] -= start
    for chunk in result.get("chunks", []):
        chunk["t"] -= start
    return result


def seconds(values: list[float]) -> str:
    return f"{median(values):.3f} s"


# -- start-up ---------------------------------------------------------------------


def startup(runs: int, long: bool) -> None:
    print(f"Start-up (median of {runs} fresh processes, {'seed and novel' if long else 'seed'})", flush=True)
    floor, seed, cached, novel = [], [], [], []
    spacy_at_paint: list[bool] = []
    spacy_at_full: list[bool] = []
    with tempfile.TemporaryDirectory(prefix="newsread-speed-") as tmp:
        primed = Path(tmp) / "primed"
        paint("app", SEED, "--wait", cache_dir=primed)  # the first opening: analysed and cached
        for run in range(runs):  # interleaved, so a noisy moment hits every figure alike
            floor.append(paint("floor", SEED, cache_dir=primed)["paint"])
            first = paint("app", SEED, cache_dir=Path(tmp) / f"empty-{run}")
            seed.append(first["paint"])
            spacy_at_paint.append(first["spacy_at_paint"])
            again = paint("app", SEED, "--wait", cache_dir=primed)
            cached.append(again["full"])
            spacy_at_full.append(again["spacy_at_full"])
            if long:
                opened = paint("app", NOVEL, cache_dir=Path(tmp) / f"empty-novel-{run}")
                novel.append(opened["paint"])
                spacy_at_paint.append(opened["spacy_at_paint"])
    base = median(floor)
    row("floor: minimal app paints the seed", seconds(floor))
    row("first paint, seed (not analysed yet)", seconds(seed), f"floor {base:.3f} s",
        median(seed) / base, 1.5)
    row("  spaCy imported at first paint", "never" if not any(spacy_at_paint) else "sometimes",
        target="never", ok=not any(spacy_at_paint))
    row("cached seed fully highlighted", seconds(cached), f"floor {base:.3f} s", median(cached) / base, 1.7)
    row("  spaCy imported for the cached seed", "never" if not any(spacy_at_full) else "sometimes",
        target="never", ok=not any(spacy_at_full))
    if any(spacy_at_full):
        print("    (a miss: did the analysis code change during the run? its digest is part of the key)")
    if long:
        row("first paint, novel (690 KB)", seconds(novel), f"floor {base:.3f} s", median(novel) / base, 2.0)


def plain_text_imports() -> None:
    script = (
        "import sys\nfrom newsread.sources import load_articles\nimport newsread.app, newsread.cache\n"
        f"load_articles([{str(SEED)!r}])\nprint(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env(tempfile.gettempdir()),
                          capture_output=True, text=True, timeout=120)
    heavy = done.stdout.strip()
    row("  heavy imports before first paint (.txt)", heavy or "none", target="none", ok=not heavy)


# -- the analysis in the app, and key presses ------------------------------------------


def keys_and_memory(presses: int, long: bool) -> None:
    print(f"In the app: the analysis, then {presses} presses of each key (j n e ] pagedown)", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsread-speed-") as tmp:
        seed = paint("app", SEED, "--keys", str(presses), cache_dir=Path(tmp) / "seed")
        novel = paint("app", NOVEL, "--keys", str(presses), cache_dir=Path(tmp) / "novel") if long else None
    seed_all = [t for times in seed["keys"].values() for t in times["wall"]]
    row("seed: analysis complete (from start)", f"{seed['full']:.2f} s",
        ok=None, baseline=f"{len(seed['chunks'])} update(s)")
    row("seed: key press, median", f"{median(seed_all):.1f} ms")
    row("seed: slowest key press", f"{max(seed_all):.1f} ms", target="≤ 50 ms", ok=max(seed_all) <= 50)
    row("seed: peak memory (RSS)", f"{seed['rss_mb']:.0f} MB")
    if novel is None:
        return
    chunks = novel["chunks"]
    shown = ", ".join(f"{c['progress'] * 100:.0f}% at {c['t']:.1f} s" for c in chunks)
    print(f"    novel: highlights shown at {shown}", flush=True)
    partial = [c for c in chunks if c["progress"] < 1]
    row("novel: first highlights (first chunk)", f"{chunks[0]['t']:.2f} s",
        f"then {len(chunks) - 1} more updates", target="progressive",
        ok=bool(partial) and all(c["bar"] for c in partial))
    row("novel: analysis complete (from start)", f"{novel['full']:.1f} s")
    novel_all = [t for times in novel["keys"].values() for t in times["wall"]]
    row("novel: key press, median", f"{median(novel_all):.1f} ms", f"seed {median(seed_all):.1f} ms",
        median(novel_all) / median(seed_all), 1.3)
    for key, times in novel["keys"].items():
        row(f"  novel: {key}, median (cpu)", f"{median(times['wall']):.1f} ms ({median(times['cpu']):.1f})",
            f"seed {median(seed['keys'][key]['wall']):.1f} ms ({median(seed['keys'][key]['cpu']):.1f})")
    row("novel: slowest key press", f"{max(novel_all):.1f} ms", target="≤ 50 ms", ok=max(novel_all) <= 50)
    seed_settled = [t for times in seed["keys"].values() for t in times["settled"]]
    novel_settled = [t for times in novel["keys"].values() for t in times["settled"]]
    row("novel: key press until the panel followed", f"{median(novel_settled):.1f} ms",
        f"seed {median(seed_settled):.1f} ms", median(novel_settled) / median(seed_settled))
    row("novel: slowest, until the panel followed", f"{max(novel_settled):.1f} ms")
    row("novel: peak memory (RSS), whole app", f"{novel['rss_mb']:.0f} MB", target="≤ 400 MB",
        ok=novel["rss_mb"] <= 400)


# -- throughput ----------------------------------------------------------------------


def child_novel(runs: int) -> None:
    """In a child: spaCy's nlp.pipe over the novel's paragraphs vs analyse_progressively, alternately."""
    from newsread.analysis import load_pipeline, resolve_model_name
    from newsread.analysis.pipeline import analyse_progressively
    from newsread.analysis.segments import paragraphs

    text = NOVEL.read_text(encoding="utf-8")
    nlp = load_pipeline(resolve_model_name())
    texts = [text[s:e].replace("\n", " ") for s, e in paragraphs(text)]
    for _ in nlp.pipe(texts[:64], batch_size=64):  # warm up
        pass
    spacy_times, ours = [], []
    for _ in range(runs):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=64):
            pass
        spacy_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for analysis in analyse_progressively(text, source=str(NOVEL), nlp=nlp):
            pass
        ours.append(time.perf_counter() - start)
    print(json.dumps({"spacy": spacy_times, "ours": ours, "words": len(text.split()),
                      "components": nlp.pipe_names}))


def child_spacy_corpus(n_process: int) -> None:
    """In a child: spaCy alone over every paragraph of the corpus (import and load included)."""
    from newsread.analysis import load_pipeline, resolve_model_name
    from newsread.analysis.segments import paragraphs

    nlp = load_pipeline(resolve_model_name())
    texts = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[s:e].replace("\n", " ") for s, e in paragraphs(text)]
    for _ in nlp.pipe(texts, batch_size=64, n_process=n_process):
        pass


def throughput(runs: int) -> None:
    print(f"Throughput (median of {runs})", flush=True)
    done = subprocess.run([sys.executable, __file__, "--child", "novel", "--long-runs", str(runs)],
                          env=env(tempfile.gettempdir()), capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    got = json.loads(done.stdout.strip().splitlines()[-1])
    spacy_s, ours_s, words = median(got["spacy"]), median(got["ours"]), got["words"]
    row("novel: nlp.pipe alone", f"{spacy_s:.1f} s", f"{words / spacy_s:,.0f} words/s")
    speed = spacy_s / ours_s  # the analysis's speed as a share of spaCy's
    row("novel: whole analysis (chunked)", f"{ours_s:.1f} s", f"spaCy {spacy_s:.1f} s", speed,
        target="≥ 0.9× speed", ok=speed >= 0.9)


def corpus(runs: int) -> None:
    sys.path.insert(0, str(ROOT / "tui"))
    from newsread.sources import load_articles

    articles, _ = load_articles([str(CORPUS)])
    files, words = len(articles), sum(len(a.text.split()) for a in articles)
    print(f"Many files: newsread quotes {CORPUS} --format jsonl --no-cache ({files} files, {words:,} words, "
          f"median of {runs})", flush=True)
    times: dict[str, list[float]] = {}
    quotes = [sys.executable, "-m", "newsread", "quotes", str(CORPUS), "-f", "jsonl", "--no-cache",
              "-o", os.devnull]
    commands = {
        "quotes --jobs 1": [*quotes, "--jobs", "1"],
        "quotes --jobs 2": [*quotes, "--jobs", "2"],
        "spaCy alone, n_process=1": [sys.executable, __file__, "--child", "spacy-corpus", "--n-process", "1"],
        "spaCy alone, n_process=2": [sys.executable, __file__, "--child", "spacy-corpus", "--n-process", "2"],
    }
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            done = subprocess.run(command, env=env(tempfile.gettempdir()), capture_output=True, text=True,
                                  timeout=3600)
            if done.returncode != 0:
                raise SystemExit(f"{name}: {done.stderr[-3000:]}")
            times.setdefault(name, []).append(time.perf_counter() - start)
    for name in commands:
        t = median(times[name])
        rate = f"{files / t:.1f} files/s, {words / t:,.0f} words/s"
        if name == "quotes --jobs 2":
            one = median(times["quotes --jobs 1"])
            row(name, f"{t:.1f} s", rate, t / one, target="< 1×", ok=t < one)
        elif name == "quotes --jobs 1":
            row(name, f"{t:.1f} s", rate)
        else:
            row(name, f"{t:.1f} s", rate)
    print("    (each includes Python's start and loading spaCy; the ratio for --jobs 2 is to --jobs 1)")


def markdown() -> str:
    out = ["| figure | value | baseline (same run) | ratio | target | |", "|---|---|---|---|---|---|"]
    for r in ROWS:
        ratio = f"{r.ratio:.2f}×" if r.ratio is not None else ""
        out.append(f"| {r.figure.strip()} | {r.value} | {r.baseline} | {ratio} | {r.target} | {r.result} |")
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="fresh processes per start-up figure (default 5)")
    ap.add_argument("--long-runs", type=int, default=3, help="runs of the throughput figures (default 3)")
    ap.add_argument("--presses", type=int, default=20, help="presses of each key (default 20)")
    ap.add_argument("--quick", action="store_true", help="start-up and key presses only")
    ap.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    ap.add_argument("--child", choices=("novel", "spacy-corpus"), help=argparse.SUPPRESS)
    ap.add_argument("--n-process", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "novel":
        child_novel(args.long_runs if args.long_runs else 1)
        return 0
    if args.child == "spacy-corpus":
        child_spacy_corpus(args.n_process)
        return 0

    long = NOVEL.is_file()
    if not long:
        print(f"({NOVEL} not present: the novel and corpus parts are skipped)")
    startup(args.runs, long)
    plain_text_imports()
    keys_and_memory(args.presses, long)
    if not args.quick and long:
        throughput(args.long_runs)
    if not args.quick and CORPUS.is_dir():
        corpus(args.long_runs)
    failed = [r.figure.strip() for r in ROWS if r.ok is False]
    print(f"\n{len(failed)} target(s) missed" + (": " + "; ".join(failed) if failed else ""))
    if args.markdown:
        print()
        print(markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
