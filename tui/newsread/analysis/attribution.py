"""Who said it: resolving each quote's cue to a speaker entity.

A cue's subject is a name ("Starmer told reporters"), a pronoun ("he
added"), or a description ("the Ukrainian president", "a source").  A quote
with no cue of its own continues the speaker of the quote before it in its
paragraph, or of the paragraph before when it opens a paragraph of quotes,
as news writing does.  When unsure we leave the quote unattributed: a wrong
speaker is worse than none.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsread.analysis import lexicon
from newsread.analysis.entities import EntityGroups, Group
from newsread.analysis.features import NameMention, ParagraphRecord, QuoteRecord, SpeakerRef

#: What a name the tagger missed may look like: words, initials, hyphens and apostrophes.
_NAME = re.compile(r"[^\W\d_](?:[\w.’'&@]|-(?!-)|\s(?=\w))*")

#: Labels of things that do not speak for themselves.
PLACES = frozenset({"GPE", "LOC", "FAC"})

#: How many paragraphs back a pronoun may look for its person.
PRONOUN_REACH = 6


@dataclass(slots=True)
class Attributed:
    quote: QuoteRecord
    group: Group | None = None
    speaker_span: tuple[int, int] | None = None


def synthetic_names(records: list[ParagraphRecord], text: str) -> list[NameMention]:
    """Names the tagger missed: cue subjects ("…,” said Jones), and subjects that are the
    surname of a person it tagged elsewhere ("Sanders, who has represented Vermont …,
    rallied …"), so that a later "he" finds them."""
    spans = sorted((m.start, m.end) for r in records for m in r.names)
    out = []
    capitals = []  # a transcript's "PENCE:" is a name only if the text names that person
    for r in records:
        for ref in [q.ref for q in r.quotes] + [r.trailing_ref]:
            if (ref and ref.kind == "name" and _NAME.fullmatch(ref.text)
                    and not _overlaps_any(spans, ref.start, ref.end)):
                if ref.verb == "label" and ref.text.isupper():
                    # "PRIME MINISTER ABE:" is Abe, if the text names him.
                    last = ref.text.split()[-1]
                    capitals.append(NameMention(ref.end - len(last), ref.end, last, "PERSON"))
                    continue
                out.append(NameMention(ref.start, ref.end, ref.text, "PERSON"))
                bisect.insort(spans, (ref.start, ref.end))
    # A surname of one person only ("Cuomo" with Andrew and Chris Cuomo is neither), unless the
    # tagger itself finds it standing alone for someone ("Trump" beside Ivanka Trump).
    tagged = {m.text for r in records for m in r.names if m.label == "PERSON" and not m.in_quote}
    by_surname: dict[str, set[str]] = {}
    for name in tagged:
        if " " in name:
            by_surname.setdefault(name.split()[-1], set()).add(name)
    people = tagged | {s for s, names in by_surname.items() if len(names) == 1}
    people_lower = {p.lower() for p in people}
    lower_words: set[str] | None = None  # the text's words in lower case, read once if needed
    loose = [(m, m.text in people) for r in records for m in r.loose_names]
    for m, known in loose + [(m, m.text.lower() in people_lower) for m in capitals]:
        if not known or _overlaps_any(spans, m.start, m.end):
            continue
        # Not a word the text also writes in lower case: "Cotton rose sharply" after "cotton
        # farmers" is no Sen. Tom Cotton.
        if lower_words is None:
            lower_words = set(re.findall(r"\b[a-z][a-z’'-]*", text))
        if m.text.split()[-1].lower() not in lower_words:
            out.append(m)
            bisect.insort(spans, (m.start, m.end))
    return out


def _overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does [start, end) overlap a span of the sorted, mostly disjoint ``spans``?"""
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 4) : i])


class _Events:
    """Person and group subjects in text order, for pronoun resolution."""

    def __init__(self, records: list[ParagraphRecord], groups: EntityGroups):
        self.rows: list[tuple[int, int, Group, bool]] = []  # (pos, paragraph, group, is_subject)
        self.asked: set[int] = set()  # where the subject is the one asked ("Conroy asked Sanders whether")
        for r in records:
            for m in r.names + r.loose_names:  # loose ones only where the groups took them as names
                if m.in_quote:
                    continue
                g = groups.of(m.start, m.end)
                if g is not None:
                    self.rows.append((m.start, r.index, g, m.is_subject))
                    if m.asked:
                        self.asked.add(m.start)
        self.rows.sort(key=lambda row: row[0])
        self.starts = [row[0] for row in self.rows]

    def add(self, pos: int, paragraph: int, group: Group) -> None:
        i = bisect.bisect_left(self.starts, pos)
        self.starts.insert(i, pos)
        self.rows.insert(i, (pos, paragraph, group, True))

    def before(self, pos: int, paragraph: int):
        i = bisect.bisect_left(self.starts, pos)
        while i > 0:
            i -= 1
            row = self.rows[i]
            if paragraph - row[1] > PRONOUN_REACH:
                return
            yield row


def resolve(records: list[ParagraphRecord], groups: EntityGroups) -> list[Attributed]:
    """Attribute every quote of ``records`` (in text order)."""
    events = _Events(records, groups)
    _learn_genders(records, events)
    _genders_from_first_names(groups)
    out: list[Attributed] = []
    prev_para: list[Attributed] = []
    prev_record: ParagraphRecord | None = None
    heading: SpeakerRef | None = None  # a name on its own line, for the quote below it
    for r in records:
        # Quotes and reported speech in text order: "he" resolves against what came before.
        here = sorted((Attributed(q) for q in r.quotes + r.reported), key=lambda a: a.quote.start)
        for a in here:
            if a.quote.ref is not None:
                a.group, a.speaker_span = _resolve_ref(a.quote.ref, r.index, groups, events)
                if a.group is not None and (_misread_place(a.group, a.quote.ref) or (
                        a.quote.ref.verb == "label" and a.group.label != "PERSON") or (
                        a.quote.ref.verb != "label" and a.quote.kind != "indirect"
                        and a.speaker_span[0] < a.quote.end and a.quote.start < a.speaker_span[1])):
                    # A transcript's label is a person ("LONDON:" is not), and no one is named by
                    # the words they say ("the “fact-checking” website has issues"); a report's
                    # clause may hold its reporter ("The council, she added, has …").
                    a.group = a.speaker_span = None
                if a.group is not None:
                    _note_speaker(a.group, a.quote.ref, a.speaker_span, r.index, events)
        _continue_within(here)
        if heading is not None:
            _credit(here, heading, r.index - 1, groups, events)
        _continue_from([a for a in here if a.quote.kind != "indirect"], prev_para, prev_record, groups, events)
        _resolve_subject_pronouns(r, here, events)
        heading = None
        if r.credit is not None and not here and not (prev_para and _credit(prev_para, r.credit, r.index, groups, events)):
            heading = r.heading
        out.extend(a for a in here if a.quote.kind != "indirect" or a.group is not None)
        prev_para, prev_record = here, r
    return out


def _misread_place(group: Group, ref: SpeakerRef) -> bool:
    """A place as the subject of a verb that says nothing ("Washington appears weak before the
    Turkish “offensive”") speaks for nobody.  But a "place" named only here, as a speaker ("…,”
    Sweeny said), is a person the tagger misread, and so is one it sometimes tags a person or a
    company ("Verizon said in a statement"); and a country speaks through its government ("China
    said it was “resolutely opposed”", "South Korea accused Kim of “…”")."""
    return group.label in PLACES and len(group.mentions) > 1 and not (
        ref.kind == "name" and (group.votes["PERSON"] or group.votes["ORG"] or ref.verb in _A_COUNTRY_SAYS))


#: What a country does through its government ("China said", "Japan branded Pyongyang an
#: “…”"); not what a place does in a figure of speech ("Michigan offered what one strategist
#: called “…”", "Wisconsin put … on the map", a transcript's "LONDON:" label).
_A_COUNTRY_SAYS = lexicon.SPEECH_VERBS - {"offer", "put", "point", "read", "continue", "post", "sum", "label",
                                          "sing", "boom", "chime", "express", "indicate", "reveal"}


def _credit(quotes: list[Attributed], ref: SpeakerRef, paragraph: int, groups: EntityGroups,
            events: _Events) -> bool:
    """A name on its own line under a block quote ("— Dean Baker, CEPR.") speaks it; one over
    a paragraph that opens with a quote speaks that.  True when the name was given."""
    if not quotes:
        return False
    if paragraph < quotes[0].quote.paragraph:
        # A heading ("Maria Lopez, 34, Phoenix"), when the quote below is its whole paragraph and
        # has no cue of its own.
        first = quotes[0].quote
        if (ref.dashed or first.kind != "direct" or not first.opens_paragraph or not first.ends_paragraph
                or first.ref is not None):
            return False
    # Only under a quote left open for it, or after a dash: not a photo credit or a list heading
    # under a finished quote.  Stronger than carrying a speaker on from the paragraph before.
    elif not (ref.dashed or quotes[-1].quote.kind != "indirect" and not quotes[-1].quote.closed):
        return False
    # A paragraph with a cue of its own keeps what its cue gave; only a paragraph of quotes
    # carried over from before, or quotes nobody speaks, take the credit.
    cued = any(a.quote.ref is not None for a in quotes)
    open_ = [a for a in quotes if a.quote.kind == "direct" and (a.group is None or not cued)]
    if not open_:
        return False
    group, span = _resolve_ref(ref, paragraph, groups, events)
    if group is None:
        return False
    _note_speaker(group, ref, span, paragraph, events)
    for a in open_:
        a.group, a.speaker_span = group, span
    return True


def _learn_genders(records: list[ParagraphRecord], events: _Events) -> None:
    """People the text calls "he" or "she" where no one else could be meant: the only person
    named so far in the paragraph.  Then "she said" can never land on a man named nearer."""
    votes: dict[int, tuple[Group, list[str]]] = {}
    refs = {(ref.start, ref.end): (r.index, ref) for r in records
            for ref in r.pronouns + [q.ref for q in r.quotes if q.ref is not None and q.ref.kind == "pronoun"]}
    for paragraph, ref in refs.values():
        gender = lexicon.PERSON_PRONOUNS.get(ref.text.lower())
        if gender is None:
            continue
        people = {id(g): g for pos, par, g, _ in events.before(ref.start, paragraph)
                  if par == paragraph and g.label == "PERSON"}
        if len(people) == 1:
            g = next(iter(people.values()))
            votes.setdefault(id(g), (g, []))[1].append(gender)
    for g, said in votes.values():
        # Twice, and twice as often as the other way: "Clinton said he …" can mean someone unnamed.
        if g.gender is None:
            g.gender = lexicon.gender_by_votes(said.count("m"), said.count("f"))


def _genders_from_first_names(groups: EntityGroups) -> None:
    """People the text never shows to be "he" or "she": what their first name says, if it
    says so surely ("Susan Sarandon", not "Jean Smith").  The text's own word comes first."""
    for g in groups.groups:
        if g.gender is None and (g.label == "PERSON" or g.person_evidence) and not g.unnamed:
            g.gender = g.name_sex


def _resolve_subject_pronouns(r: ParagraphRecord, here: list[Attributed], events: _Events) -> None:
    """Subject "he"/"she" become mentions of their person, so the reader can follow them."""
    used = {a.speaker_span for a in here}
    for ref in r.pronouns:
        if (ref.start, ref.end) in used:
            continue
        g = _resolve_pronoun(ref.text.lower(), ref.start, r.index, events)
        if g is not None:
            g.extra.append((ref.start, ref.end))
            events.add(ref.start, r.index, g)


def _note_speaker(group: Group, ref: SpeakerRef, span: tuple[int, int], paragraph: int, events: _Events) -> None:
    group.speaks += 1
    if ref.kind != "name":
        group.extra.append((ref.start, ref.end))
    if not ref.agent:  # "Rubio was asked by Baker, “…” … “…,” he said": the asker is no subject for "he"
        events.add(span[0], paragraph, group)


def _continue_within(here: list[Attributed]) -> None:
    """A quote with no cue of its own continues its paragraph's speaker."""
    for i, a in enumerate(here):
        if a.group is not None or a.quote.ref is not None:
            continue
        if a.quote.kind == "partial" and a.quote.listed and i and here[i - 1].group is not None and (
                here[i - 1].quote.kind == "partial"):
            # "one questioner claimed that “the forces of political correctness” and “social
            # engineering” …": a phrase listed with the one before it is the same speaker's.
            a.group, a.speaker_span = here[i - 1].group, here[i - 1].speaker_span
            continue
        if a.quote.kind == "partial":
            # "“It's ambush journalism,” she says. It's “this new in-your-face journalism.”": words
            # no one in their sentence says go on with who spoke last, if they are more than a term.
            # Not after a phrase, nor when its sentence has a report, a source or a subject of
            # its own ("the document states, becomes available “after 1 year …”", "The audit
            # found “…”"): someone else speaks there.
            before = next((b for b in reversed(here[:i]) if b.group is not None), None)
            if a.quote.words > 3 and before is not None and before.quote.kind != "partial" and all(
                    before.quote.cue and before.quote.cue[0] <= r < before.quote.cue[1] for r in a.quote.sources):
                a.group, a.speaker_span = before.group, before.speaker_span
            continue
        # The speaker of the quote or report before it ("She said that …. “…”"), else of the next
        # quote.  A phrase a crowd chanted in between is an aside: in 'He said, “A” - at which
        # point the crowd chanted “B” - “C”', C is still his; a named person's phrase is not
        # ("Trump has called him “crazy Bernie.” “He wants …”" is Trump's).
        before = [b for b in reversed(here[:i]) if b.group is not None]
        source = next((b for b in before if b.quote.kind != "partial" or not b.group.unnamed),
                      before[0] if before else None)
        if source is None and a.quote.runs_into_next:  # “A.” “B,” she said
            source = next((b for b in here[i + 1 :] if b.group is not None and b.quote.ref is not None
                           and b.quote.kind != "indirect"), None)
        if source is not None:
            a.group, a.speaker_span = source.group, source.speaker_span


def _continue_from(here: list[Attributed], prev: list[Attributed], prev_record: ParagraphRecord | None,
                   groups: EntityGroups, events: _Events) -> None:
    """A paragraph that opens with an unattributed quote continues the paragraph before:
    the speaker of its last quote, else whoever its closing sentence reports."""
    if not here or prev_record is None:
        return
    first = here[0]
    if first.group is not None or first.quote.ref is not None or not first.quote.opens_paragraph or (
            first.quote.kind == "partial"):  # "“Sons of Trump” is an adaptation of …": talked about
        return
    attributed = [a for a in prev if a.group is not None]
    if attributed and attributed[-1].quote.ref is not None and attributed[-1].quote.ref.verb == "sign":
        return  # “…” — Tom Becker. ¶ “…” Ana Ruiz: each quote of a vox pop is signed
    # "Critics called him “a buffoon,” Susan said." / “But he’s our buffoon”: Susan's, not the critics'.
    reporter_after_phrase = bool(attributed) and attributed[-1].quote.kind == "partial" and (
        prev_record.trailing_ref is not None)
    if attributed and not reporter_after_phrase:
        group, span = attributed[-1].group, attributed[-1].speaker_span
    elif (prev_record.trailing_ref or first.quote.kind == "direct" and prev_record.trailing_subject) and (
            not prev or reporter_after_phrase):
        ref = prev_record.trailing_ref or prev_record.trailing_subject
        group, span = _resolve_ref(ref, prev_record.index, groups, events)
        if group is None:
            return
        _note_speaker(group, ref, span, prev_record.index, events)
    else:
        return
    for a in here:
        if a.group is not None or a.quote.ref is not None:
            break
        a.group, a.speaker_span = group, span


def _resolve_ref(ref: SpeakerRef, paragraph: int, groups: EntityGroups, events: _Events):
    group, span = _resolve_subject(ref, paragraph, groups, events)
    if group is not None and ref.via:
        group.extra.append(ref.via)
        return group, ref.via
    return group, span


def _resolve_subject(ref: SpeakerRef, paragraph: int, groups: EntityGroups, events: _Events):
    span = (ref.start, ref.end)
    if ref.kind == "name":
        g = groups.of(ref.start, ref.end)
        return (g, _name_span(g, ref)) if g else (None, None)
    if ref.kind == "pronoun":
        if ref.text == "I":  # "I said", outside any quote: the writer of the piece
            return groups.unnamed("the author"), span
        g = _resolve_pronoun(ref.text.lower(), ref.start, paragraph, events, asking=ref.verb == "ask")
        return (g, span) if g else (None, None)
    if ref.verb == "label":  # "THE PRESIDENT:": the one president the text names, else no one
        holders = [g for g in groups.groups if not g.unnamed and ref.head in g.titles]
        g = holders[0] if len(holders) == 1 and not holders[0].titles & _QUALIFIED else None
    else:
        g = _resolve_description(ref, groups)
    return (g, span) if g else (None, None)


#: Titles that make another office of the one named: "vice president", "former president".
_QUALIFIED = frozenset("vice former deputy ex acting assistant".split())


def _name_span(g: Group, ref: SpeakerRef) -> tuple[int, int]:
    for m in g.mentions:
        if m.start < ref.end and ref.start < m.end:
            return (m.start, m.end)
    return (ref.start, ref.end)


def _resolve_pronoun(word: str, pos: int, paragraph: int, events: _Events, asking: bool = False) -> Group | None:
    """The person "he"/"she" (or "they"/"it") stands for: the nearest earlier subject of that sex.
    When the pronoun asks ("… ?” he asked") the one asked before is not it."""
    gender = lexicon.PERSON_PRONOUNS.get(word)
    if gender is None:
        if word in ("they", "it"):
            for _, _, g, is_subject in events.before(pos, paragraph):
                if is_subject and g.label != "PERSON":
                    return g
        return None
    fallback = fallback_par = None  # the nearest mention, when no subject is in reach
    unsure = unsure_par = None  # the nearest subject, when its sex is unknown (and its paragraph)
    for at, par, g, is_subject in events.before(pos, paragraph):
        is_subject = is_subject and not (asking and at in events.asked)
        # A person, or a name the tagger once took for one, unless most of its mentions say a
        # place: "Clarkston became his home. … “…,” he said" is not Clarkston's.
        # A first name then a surname the tagger called something else ("Carly Fiorina", ORG) is
        # someone once it has spoken; not "Georgia Tech hired her".
        # Nor someone of the other sex, or whose first name leans the other way when the text
        # never says ("she" passes over "Bernie Sanders").
        if not (g.label == "PERSON" or (g.votes["PERSON"] or g.personal_name and g.speaks)
                and g.label not in PLACES) or (
                (g.gender or g.name_lean) not in (None, gender)):
            continue
        if unsure is not None:
            # A subject known to be a "she" beats a nearer one whose sex nothing tells, in the
            # same paragraph only: a person named in the pronoun's paragraph is usually meant.
            if par != unsure_par:
                return unsure
            if is_subject and g.gender == gender:
                return g
            continue
        if is_subject:
            if g.gender is not None:
                return g
            unsure, unsure_par = g, par
            continue
        if fallback is None or fallback.gender is None and g.gender == gender and par == fallback_par:
            fallback, fallback_par = g, par
    return unsure or fallback


def _resolve_description(ref: SpeakerRef, groups: EntityGroups) -> Group | None:
    """A person whose title matches ("the Ukrainian president"), else an unnamed source."""
    known = groups.named(ref.text)  # a name the tagger missed here but knows elsewhere ("Sanders")
    if known is not None:
        return known
    head = lexicon.normalise_title(ref.head)
    # People unnamed but for what they are or do: "The crowd chanted", "One attendee spoke",
    # "according to his physician", "Others shouted".
    people = lexicon.is_agent_noun(head) or head in lexicon.INDEFINITE_PEOPLE
    if (head not in lexicon.PERSON_TITLES and head not in lexicon.SOURCE_NOUNS and not people
            and ref.verb not in lexicon.CORE_SPEECH_VERBS):
        return None
    # "a top aide said" brings in someone new: an indefinite description is nobody named.
    indefinite = ref.text.lower().startswith(("a ", "an "))
    if not ref.plural and head in lexicon.PERSON_TITLES and not indefinite:
        best, best_score = None, -1
        for g in groups.groups:
            if g.unnamed or g.label != "PERSON" or head not in g.titles or g.first > ref.start:
                continue
            score = len(ref.modifiers & g.titles)
            missing = len(ref.modifiers - g.titles - {"former", "then", "current"})
            if missing:
                continue
            last = max((m.start for m in g.mentions if m.start < ref.start), default=-1)
            if (score, last) > (best_score, -1 if best is None else best[1]):
                best, best_score = (g, last), score
        if best is not None:
            return best[0]
    return groups.unnamed(ref.text)
