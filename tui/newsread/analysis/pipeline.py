"""Text in, ``Analysis`` out, in chunks so long texts show progress.

spaCy parses paragraph by paragraph (``nlp.pipe``); each parsed paragraph is
reduced at once to plain records, and the document-level steps (grouping
names, resolving speakers) rerun over the records after each chunk.  Those
steps are cheap, so a book fills in progressively at nearly spaCy's speed.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsread.analysis import ANALYSER_VERSION  # noqa: F401 - re-exported: part of the cache key
from newsread.analysis.attribution import Attributed, resolve, synthetic_names
from newsread.analysis.entities import EntityGroups
from newsread.analysis.features import ParagraphRecord, paragraph_record, title_case
from newsread.analysis.model import Analysis, Entity, Quote
from newsread.analysis.nlp import load_pipeline, pipeline_id, resolve_model_name
from newsread.analysis.segments import parse_units

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

#: Characters of text parsed before the first progress report (then doubling) ...
CHUNK_CHARS = 20_000
#: ... up to this many: a book's highlights then grow every few seconds, not by halves
#: (uncapped, the novel showed nothing new from 44 % to 91 %).  Each report reruns the
#: document-level steps over everything so far, 70 ms for a whole novel.
MAX_CHUNK_CHARS = 80_000


def analyse(text: str, *, source: str = "<text>", title: str | None = None,
            model: str | None = None, nlp: Language | None = None) -> Analysis:
    """The complete analysis of ``text`` (blocking)."""
    result = None
    for result in analyse_progressively(text, source=source, title=title, model=model, nlp=nlp,
                                        chunk_chars=1 << 62):
        pass
    assert result is not None
    return result


def analyse_progressively(text: str, *, source: str = "<text>", title: str | None = None,
                          model: str | None = None, nlp: Language | None = None,
                          chunk_chars: int = CHUNK_CHARS) -> Iterator[Analysis]:
    """Partial analyses as chunks are parsed (``progress`` < 1), then the complete one.

    Raises ``ModelNotFound`` (before yielding anything) when no pipeline can be loaded.
    """
    if nlp is None:
        nlp = load_pipeline(resolve_model_name(model))
    model_id = pipeline_id(nlp)
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    units = parse_units(text)
    total = max(1, sum(e - s for s, e, _ in units))
    records: list[ParagraphRecord] = []
    done = 0
    for chunk in _chunks(units, chunk_chars):
        # Newlines inside a hard-wrapped paragraph are spaces to the parser (same offsets).
        texts = (text[s:e].replace("\n", " ") for s, e, _ in chunk)
        for (s, e, segs), doc in zip(chunk, nlp.pipe(texts, batch_size=_batch_size(chunk))):
            records.append(paragraph_record(doc, len(records), s, segs))
            done += e - s
        progress = done / total
        if progress < 1.0:
            yield build(text, records, source=source, title=title, model=model_id, sha=sha, progress=progress)
    yield build(text, records, source=source, title=title, model=model_id, sha=sha, progress=1.0)


def _batch_size(chunk) -> int:
    """As many units per spaCy batch as fit in about 200,000 characters (at most 64):
    a batch of 64 pieces of 20,000 characters would take gigabytes."""
    longest = max((e - s for s, e, *_ in chunk), default=1)
    return max(1, min(64, 200_000 // max(1, longest)))


def _chunks(paras: list, size: int, most: int = MAX_CHUNK_CHARS) -> Iterator[list]:
    """Paragraphs in chunks that double in size up to ``most`` characters (or ``size``
    when that is more): the first highlights come fast, later ones steadily."""
    most = max(most, size)
    chunk, length = [], 0
    for p in paras:
        chunk.append(p)
        length += p[1] - p[0]
        if length >= size:
            yield chunk
            chunk, length = [], 0
            size = min(size * 2, most)
    if chunk or not paras:
        yield chunk


def build(text: str, records: list[ParagraphRecord], *, source: str, title: str | None,
          model: str, sha: str, progress: float) -> Analysis:
    """The document-level steps: group names, attribute quotes, number everything."""
    names = [m for r in records for m in r.names]
    names += synthetic_names(records, text)
    groups = EntityGroups(names, text)
    groups.decide_labels()
    attributed = resolve(records, groups)
    groups.decide_labels()  # speaking is evidence too
    aside = [is_aside(text, a.quote) for a in attributed]
    entities, ids = _entities(groups, [(a.quote.start, a.quote.end) for a, x in zip(attributed, aside) if x])
    phrase = [x or is_title(text, a.quote) or (a.group is None and is_phrase(text, a.quote))
              for a, x in zip(attributed, aside)]
    speech = [a for a, p in zip(attributed, phrase) if not p]
    phrases = tuple(sorted((a.quote.start, a.quote.end) for a, p in zip(attributed, phrase) if p))
    quotes = _quotes(text, speech, ids)
    return Analysis(source=source, title=title, text=text, text_sha256=sha, model=model,
                    entities=tuple(entities), quotes=tuple(quotes), phrases=phrases, progress=progress)


def is_title(text: str, q) -> bool:
    """A show, book or programme named by its title: "NBC’s “Today”", "on “Meet the Press”",
    an editor's bracketed credit "“[HuffPost.]”", or a nickname inside a name ("John “Tig”
    Tiegen") — never speech, whoever is nearby."""
    if q.kind == "indirect":
        return False
    inner = text[q.start:q.end].strip()
    if re.fullmatch(r"\[[^\[\]]*\][.,]?", inner):
        return True
    before = text[max(0, q.start - 30):max(0, q.start - 1)].rstrip().replace("’", "'")
    if before.endswith("="):
        return True  # an attribute value in pasted markup: <tweet datetime="2016-09-01">
    if re.search(r"\b(?:titled|entitled|headlined)$", before) and inner[:1].isupper():
        return True  # "an article titled “Clinton Does Best Where …”", however long; not "entitled “to …”"
    if q.kind == "direct" and _BYLINE_AFTER.match(text, q.end + 1) and inner.endswith(","):
        return True  # a story's headline in a digest: "“Hamilton to play Chicago,” by Variety's Gordon Cox:"
    words = inner.rstrip(".,").split()
    if not words or len(words) > 8 or not title_case(words):
        return False
    if len(words) <= 3 and inner[-1:].isalnum() and _NAME_WORD_BEFORE.search(text, max(0, q.start - 40), q.start) and (
            _NAME_WORD_AFTER.match(text, q.end)):
        return True  # a nickname inside a name: "John “Tig” Tiegen" (not "Plan B. “No comment,” Ward said")
    last = before.split()[-1:]
    if last and last[0].rstrip(",:").lower() in _TITLE_LEADS:
        # "her memoir, “Tough Choices.”"; "Fiorina told “Fox and Friends”" names who heard her.
        return True
    # "Rubio said on ABC’s “This Week With George Stephanopoulos.”", "an interview with “The
    # View”": a title however the sentence around it reads (not after "in": "I wrote in “Ralph
    # Nader”" on my ballot).
    return len(words) <= 6 and (before.endswith("'s") or last in (["on"], ["of"], ["with"]))


#: Words that introduce a work by its title, and a report to a listener, after which a title
#: is a programme ("told “Face the Nation”").
_TITLE_LEADS = frozenset("show program programme podcast memoir film movie series novel album song documentary "
                         "sitcom miniseries musical told tells telling".split())


#: A byline after a headline: "“…,” by Times' Michael Paulson".
_BYLINE_AFTER = re.compile(r"\s*by (?:the )?[A-Z](?:\b[A-Z]\.|[^.!?:,;\n]){0,50}?(?::|\s+https?://|\.?$)", re.MULTILINE)

#: A capitalised word right before an opening mark, and right after a closing one.
_NAME_WORD_BEFORE = re.compile(r"\b(?:[A-Z][a-z]+\.?|[A-Z][a-z]+ [A-Z]\.) [“\"‘']?$")  # "John", "Robert C."
_NAME_WORD_AFTER = re.compile(  # not a Headline In Capitals, nor "told Clinton “Enough” Thursday"
    r"[”\"’']? (?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][a-z]+\b(?! [A-Z])")


def is_aside(text: str, q) -> bool:
    """What a transcript or a page says around the words, not words anyone spoke: a stage
    direction in brackets ("(CROSSTALK.)", "(Laughter)") or a plug for the writer's feed
    ("Follow Pam Key on Twitter @pamkeyNEN")."""
    inner = text[q.start:q.end].strip()
    direction = re.fullmatch(r"\(([^()]*)\)[.,]?", inner)
    if direction:  # not “(Just kidding.)”, which someone said
        words = direction.group(1).strip(" .").split()
        return bool(words) and (direction.group(1).isupper() or words[0].lower() in _STAGE_WORDS)
    return bool(_PLUG.match(inner))


#: "Follow Pam Key on Twitter @pamkeyNEN." (not “Follow me on Twitter,” she joked: no handle).
_PLUG = re.compile(r"Follow (?:\w+ ){0,4}on (?:Twitter|Facebook|Instagram):? @\w+")
#: What a transcript notes in brackets: "(Laughter)", "(inaudible)".
_STAGE_WORDS = frozenset("laughter laughs laughing applause crosstalk inaudible unintelligible cheers cheering "
                         "booing boos sighs sigh pause silence".split())


def is_phrase(text: str, q) -> bool:
    """An unattributed quoted phrase that reads as a name, not as speech:
    a short term inside a sentence ("the so-called “deal”") or a Title In Capitals."""
    if q.kind != "partial":
        return False
    words = text[q.start:q.end].split()
    return len(words) <= 3 or title_case(words)


def _entities(groups: EntityGroups, asides: list[tuple[int, int]] = ()) -> tuple[list[Entity], dict[int, Entity]]:
    """Entities in order of first mention.  Mentions of one entity never overlap; mentions
    of two may nest ("Keir Starmer" inside "Keir Starmer’s spokesman") but never cross.
    None is inside a transcript's stage direction ("(CROSSTALK.)" names no group)."""
    rows = []
    kept: list[tuple[int, int]] = []  # every kept span, sorted
    for g in sorted(groups.groups, key=lambda g: -len(g.mentions) - len(g.extra)):
        clean: list[tuple[int, int]] = []
        for s, e in sorted({(m.start, m.end) for m in g.mentions} | set(g.extra)):
            if clean and s < clean[-1][1] or any(a <= s and e <= b for a, b in asides):
                continue
            i = bisect.bisect_left(kept, (s, e))
            near = kept[max(0, i - 8) : i + 8]
            if any(a < e and s < b and not (a <= s and e <= b) and not (s <= a and b <= e) for a, b in near):
                continue  # crosses another entity's mention (the tagger's rare overlaps)
            clean.append((s, e))
        for span in clean:
            bisect.insort(kept, span)
        if clean:
            rows.append((clean[0][0], g, tuple(clean)))
    rows.sort(key=lambda r: r[0])
    entities, ids = [], {}
    for n, (_, g, spans) in enumerate(rows, 1):
        e = Entity(id=f"e{n}", name=g.name, label=g.label or g.decide_label(), mentions=spans)
        entities.append(e)
        ids[id(g)] = e
    return entities, ids


def _quotes(text: str, attributed: list[Attributed], ids: dict[int, Entity]) -> list[Quote]:
    out = []
    for n, a in enumerate(sorted(attributed, key=lambda a: a.quote.start), 1):
        q = a.quote
        e: Entity | None = ids.get(id(a.group)) if a.group is not None else None
        out.append(Quote(
            id=f"q{n}", start=q.start, end=q.end, text=text[q.start:q.end], kind=q.kind,  # type: ignore[arg-type]
            speaker=e.id if e else None, speaker_name=e.name if e else None,
            speaker_span=a.speaker_span if e else None, cue_span=q.cue if e else None,
        ))
    return out


