"""The bundled article against its hand-checked gold: every quote, every speaker, every person."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from conftest import GOLD, SEED, SHARED


def test_seed_is_the_gold_document(seed_text, seed_gold):
    assert hashlib.sha256(seed_text.encode()).hexdigest() == seed_gold["sha256"]


def test_bundled_copy_is_the_seed(seed_text):
    from newsread.cli import bundled_article

    assert bundled_article()[1] == seed_text


def test_every_gold_quote_found_with_exact_span_and_speaker(seed_analysis, seed_gold):
    got = {(q.start, q.end): q for q in seed_analysis.quotes}
    for g in seed_gold["quotes"]:
        q = got.get((g["start"], g["end"]))
        assert q is not None, f"missing quote {g['text']!r}"
        assert q.text == g["text"]
        assert q.kind == g["kind"], g["text"]
        assert q.speaker_name == g["source_text"], g["text"]
        speaker = seed_analysis.entity(q.speaker)
        assert speaker.label == "PERSON"
        assert any(s < e2 and s2 < e for s, e in speaker.mentions for s2, e2 in g["source"])
    quoted = [q for q in seed_analysis.quotes if q.kind != "indirect"]
    assert len(quoted) == len(seed_gold["quotes"]) == 15


def test_reported_speech_is_indirect_with_its_speaker(seed_analysis, seed_text):
    reported = [(q.text, q.speaker_name, seed_text[slice(*q.cue_span)])
                for q in seed_analysis.quotes if q.kind == "indirect"]
    assert reported == [
        ("Ukraine would be included in subsequent negotiations, without providing more details", "Trump", "vowed"),
        ("his country won’t accept a deal agreed without its involvement", "Volodymyr Zelensky", "said"),
        ("it was too early to talk about sending peacekeeping troops into Ukraine, which both Starmer and "
         "French President Emmanuel Macron have proposed", "Olaf Scholz", "said"),
        ("he had spoken with Macron, who held a 30-minute phone call with Trump prior to the summit",
         "Volodymyr Zelensky", "announced"),
    ]


def test_every_person_is_one_person_entity(seed_analysis, seed_gold, seed_text):
    for person, names in seed_gold["people"].items():
        holders = [e for e in seed_analysis.entities
                   if any(seed_text[s:t] in names for s, t in e.mentions)]
        assert len(holders) == 1, f"{person}: split over {[e.name for e in holders]}"
        (entity,) = holders
        assert entity.label == "PERSON", f"{person} labelled {entity.label}"
        mentioned = {seed_text[s:t] for s, t in entity.mentions}
        assert set(names) <= mentioned, f"{person}: {set(names) - mentioned} not among mentions"


def test_pronoun_and_description_mentions_join_their_person(seed_analysis, seed_text):
    by_name = {e.name: e for e in seed_analysis.entities}
    zelensky = {seed_text[s:t] for s, t in by_name["Volodymyr Zelensky"].mentions}
    assert "the Ukrainian president" in zelensky
    scholz = [seed_text[s:t] for s, t in by_name["Olaf Scholz"].mentions]
    assert scholz == ["Olaf Scholz", "Scholz", "he"]


def test_possessive_is_not_part_of_the_mention(seed_analysis, seed_text):
    rubio = next(e for e in seed_analysis.entities if e.name == "Marco Rubio")
    assert [seed_text[s:t] for s, t in rubio.mentions] == ["Marco Rubio", "Rubio"]


def test_mentions_sorted_and_disjoint(seed_analysis):
    for e in seed_analysis.entities:
        assert list(e.mentions) == sorted(e.mentions)
        assert all(a[1] <= b[0] for a, b in zip(e.mentions, e.mentions[1:]))


@pytest.mark.skipif(not (SHARED / "tools" / "score_quotes.py").exists(), reason="../shared not present")
def test_scorer_gives_attributed_f1_one(tmp_path):
    pred, gold = tmp_path / "pred", tmp_path / "gold"
    pred.mkdir(), gold.mkdir()
    (gold / "security-guarantee.json").write_text(GOLD.read_text(encoding="utf-8"), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "newsread", "quotes", str(SEED), "--format", "json",
                          "-o", str(pred / "security-guarantee.json")], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    score = subprocess.run([sys.executable, str(SHARED / "tools" / "score_quotes.py"), str(gold), str(pred), "--json"],
                           capture_output=True, text=True, check=True)
    result = json.loads(score.stdout)
    assert result["attributed_f1"] == 1.0
    assert result["f1"] == 1.0
