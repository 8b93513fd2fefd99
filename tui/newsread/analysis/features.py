"""From one parsed paragraph to plain records: names, quotes and their cues.

This is the only module that reads spaCy objects.  Everything it returns is
plain data with absolute offsets, so the document-level resolution
(``entities``, ``attribution``) can be rerun cheaply as chunks arrive.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from newsread.analysis import lexicon
from newsread.analysis.names import first_name_sex
from newsread.analysis.segments import Segment

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span as SpacySpan, Token

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class NameMention:
    """A named-entity mention as the tagger saw it, cleaned of "the" and "’s"."""

    start: int
    end: int
    text: str
    label: str
    titles: frozenset[str] = frozenset()
    is_subject: bool = False
    in_quote: bool = False
    gender: str | None = None
    asked: bool = False  # a subject only as the one asked: not for "he asked" after the question


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who the cue's subject is, as written: a name, a pronoun or a description."""

    kind: str  # "name" | "pronoun" | "description"
    start: int
    end: int
    text: str
    head: str = ""  # lemma of the head noun (descriptions)
    modifiers: frozenset[str] = frozenset()
    plural: bool = False
    verb: str = ""  # lemma of the cue verb ("say", "call", …)
    via: Span | None = None  # a relative pronoun standing for the speaker ("…, who said")
    dashed: bool = False  # a credit line that opens with a dash ("— Bernie Sanders")
    agent: bool = False  # a passive's "by" phrase ("was asked by Gerard Baker"): not the sentence's subject


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    start: int
    end: int
    closed: bool
    kind: str  # "direct" | "partial" | "indirect"
    paragraph: int
    opens_paragraph: bool
    ends_paragraph: bool
    cue: Span | None = None
    runs_into_next: bool = False
    ref: SpeakerRef | None = None
    words: int = 0  # how many words the quote has: a phrase of three or fewer may be a term, not speech
    #: Listed with the quote before it: "called it “divisive” and “mean-spirited”".
    listed: bool = False
    #: Where the quote's sentence names a source of its own, outside quotes: a speech verb ("the
    #: document states"), a noun for what says things, a subject that is no pronoun.
    sources: tuple[int, ...] = ()


@dataclass(slots=True)
class ParagraphRecord:
    index: int
    start: int
    end: int
    names: list[NameMention] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    #: Who the paragraph's closing sentence reports ("… the senator said." / "… in a statement:"),
    #: for a quote paragraph that follows with no attribution of its own.
    trailing_ref: SpeakerRef | None = None
    #: The person the paragraph's last sentence is about (its subject), a weaker fallback.
    trailing_subject: SpeakerRef | None = None
    #: Reported speech without quotation marks ("Trump said the deal was dead").
    reported: list[QuoteRecord] = field(default_factory=list)
    #: "he"/"she" as the subject of a clause outside quotes: resolved to people as mentions.
    pronouns: list[SpeakerRef] = field(default_factory=list)
    #: Capitalised subjects the tagger left untagged ("Sanders, who has represented Vermont …,
    #: rallied"): names only if the document names that person elsewhere.
    loose_names: list[NameMention] = field(default_factory=list)
    #: The whole paragraph is a name crediting the quote above it ("— Dean Baker, CEPR.").
    credit: SpeakerRef | None = None
    #: …or heading the quote below it, in a vox pop ("Maria Lopez, 34, Phoenix"); never a
    #: byline ("Ann Price, Associated Press").
    heading: SpeakerRef | None = None


def paragraph_record(doc: Doc, index: int, offset: int, segments: list[Segment]) -> ParagraphRecord:
    """Read one parsed paragraph (``doc`` covers ``text[offset:...]``)."""
    text = doc.text
    rec = ParagraphRecord(index, offset, offset + len(text))
    local = [(s.start - offset, s.end - offset) for s in segments]
    in_quote = _quote_mask(doc, local)
    dateline = _DATELINE.match(text)
    if dateline:
        doc.user_data[_DATELINE_KEY] = dateline.end()
    for ent in doc.ents:
        mention = _name_mention(ent, offset, in_quote)
        if mention is not None:
            rec.names.append(mention)
    for tok in doc:
        if tok.dep_ not in ("nsubj", "nsubjpass") or in_quote[tok.i]:
            continue
        if tok.lower_ in lexicon.PERSON_PRONOUNS:
            rec.pronouns.append(SpeakerRef("pronoun", offset + tok.idx, offset + tok.idx + len(tok), tok.text))
        elif tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_title and tok.is_alpha:
            left = tok
            while left.i > 0 and doc[left.i - 1].dep_ == "compound" and doc[left.i - 1].pos_ == "PROPN" and (
                    not doc[left.i - 1].ent_type_ and doc[left.i - 1].is_title and not in_quote[left.i - 1]):
                left = doc[left.i - 1]
            rec.loose_names.append(NameMention(offset + left.idx, offset + tok.idx + len(tok),
                                               doc[left.i : tok.i + 1].text, "PERSON", is_subject=True))
    trailing = _trailing_ref(doc, in_quote)
    if trailing is not None:
        rec.trailing_ref = _shift(trailing, offset)
    subject = _trailing_subject(doc, in_quote)
    if subject is not None:
        rec.trailing_subject = _shift(subject, offset)
    credit = _credit_line(doc)
    if credit is not None:
        rec.credit = _shift(credit, offset)
        if not credit.dashed and not any(t.lower_.strip(".") in lexicon.INSTITUTION_WORDS for t in doc):
            rec.heading = rec.credit
    starts = [t.idx for t in doc]
    # The attribution after a quote may run past a quoted name ("…,” a delegate wearing
    # “Ted Cruz” pins said): only a quote of several words ends the search.
    next_long, upcoming = [len(text)] * len(local), len(text)
    for k in range(len(local) - 1, -1, -1):
        next_long[k] = upcoming
        a, b = local[k]
        if len(text[a:b].split()) > 3:
            upcoming = a - 1
    lead = len(text) - len(text.lstrip())  # where the paragraph's first character is
    tail = len(text.rstrip(" \t.,;"))  # …and where its closing punctuation starts
    for k, seg in enumerate(segments):
        s, e = seg.start - offset, seg.end - offset
        prev_end = local[k - 1][1] + 1 if k else 0
        next_start = local[k + 1][0] - 1 if k + 1 < len(local) else len(text)
        kind = _kind(text, s, e)
        cue, ref = _find_cue(doc, text, starts, s, e, prev_end, next_long[k], in_quote, kind == "partial")
        rec.quotes.append(
            QuoteRecord(
                start=seg.start,
                end=seg.end,
                closed=seg.closed,
                kind=kind,
                paragraph=index,
                opens_paragraph=s - 1 <= lead,
                ends_paragraph=e + 1 >= tail or not seg.closed,
                # “A.” “B,” she said: nothing but space between this quote and the next.
                runs_into_next=not text[e + 1 : max(e + 1, next_start)].strip(" \t.,;:—–-"),
                cue=(offset + cue[0], offset + cue[1]) if cue else None,
                ref=_shift(ref, offset) if ref else None,
                words=len(text[s:e].split()),
                listed=k > 0 and _listed(text, local[k - 1], (s, e), k > 1 and local[k - 2]),
                sources=_sources_in_sentence(doc, starts, s, e, offset, in_quote) if kind == "partial" else (),
            )
        )
    rec.reported = _reported_speech(doc, index, offset, in_quote)
    return rec


#: Between two quoted phrases of one list: "“losers” and “sad”", "“A,” “B” or general “C”".
_LISTED = re.compile(r"[”\"’]?(,)? (?:(and|or) )?(?:[a-z]+ )?[“\"‘]")


def _listed(text: str, prev: tuple[int, int], here: tuple[int, int], before) -> bool:
    """Whether the phrase ``here`` is listed with the one before it: words in lower case (not
    a name: "“gross negligence,” and “Building 7” inspectors"), no sentence between, and a
    comma with "and"/"or" only to end a list of three ("“reckless,” “cruel,” and “cold”")."""
    m = _LISTED.fullmatch(text, prev[1], here[0])
    if m is None or text[prev[1] - 1] in ".!?" or not text[here[0]:here[0] + 1].islower():
        return False
    return not (m.group(1) and m.group(2)) or bool(before) and _LISTED.fullmatch(text, before[1], prev[0]) is not None


def _sources_in_sentence(doc: Doc, starts: list[int], s: int, e: int, offset: int,
                         in_quote: list[bool]) -> tuple[int, ...]:
    """Where the sources outside quotes in the sentence of ``text[s:e]`` start: its speech
    verbs, nouns for what says things ("its prediction that"), and subjects that are not
    pronouns ("The audit found", "The dictionary defines it as")."""
    inside = _tokens(doc, starts, s, e)
    if not inside:
        return ()
    return tuple(offset + t.idx for t in inside[0].sent if not in_quote[t.i] and (
        _is_speech_verb(t) or t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("nsubj", "nsubjpass")
        or t.pos_ == "NOUN" and (t.lemma_.lower() in lexicon.SOURCE_NOUNS or t.lemma_.lower() in lexicon.SPEECH_NOUNS)))


def _reported_speech(doc: Doc, index: int, offset: int, in_quote: list[bool]) -> list[QuoteRecord]:
    """Clauses reported by a speech verb, with no quotation marks in them."""
    out = []
    for verb in doc:
        if in_quote[verb.i]:
            continue
        if verb.lower_ == "according" and verb.head.pos_ in ("VERB", "AUX"):  # "According to X, the …"
            acc = _according_to([verb], in_quote)
            if acc is None:
                continue
            cue, ref = acc
            skip = {t.i for t in verb.subtree}
            clause = verb.head
            tokens = [t for t in clause.subtree if not t.is_space and t.i not in skip]
            out.extend(_reported(tokens, in_quote, index, offset, cue, ref))
            continue
        if verb.lemma_.lower() not in lexicon.REPORTING_VERBS or verb.pos_ != "VERB":
            continue
        clauses = [(c, set()) for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
        if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):  # "The council, she added, has …"
            clauses.append((verb.head, {t.i for t in verb.subtree}))
        for clause, skip in clauses:
            tokens = [t for t in clause.subtree if not t.is_space and t.i not in skip]
            ref = _subject_ref(verb, in_quote)
            if ref is not None:
                out.extend(_reported(tokens, in_quote, index, offset, _tok_span(verb), ref))
    return out


def _token_at(doc: Doc, char: int) -> int:
    """Index of the token that starts at (or covers) character ``char`` of the paragraph."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _reported(tokens: list[Token], in_quote: list[bool], index: int, offset: int, cue: Span,
              ref: SpeakerRef) -> list[QuoteRecord]:
    """The reported clause ``tokens`` as an indirect quote, trimmed of "that" and punctuation.

    Never across a quotation: not when the clause holds a mark (even one the tokenizer glued
    to a word), nor when a quote stands between the clause and its verb ("They voted for
    Plan B. “…,” said Doe" is one sentence to the parser, but not a report)."""
    if len(tokens) < 3 or any(in_quote[t.i] for t in tokens):
        return []
    doc = tokens[0].doc
    verb = _token_at(doc, cue[0])
    lo, hi = min(tokens[0].i, verb), max(tokens[-1].i, verb)
    if any(in_quote[i] for i in range(lo, hi + 1)):
        return []
    first = 0
    while first < len(tokens) and (tokens[first].dep_ == "mark" or tokens[first].is_punct):
        first += 1
    last = len(tokens) - 1
    while last > first and tokens[last].is_punct:
        last -= 1
    if last - first < 2:
        return []
    start, end = tokens[first].idx, tokens[last].idx + len(tokens[last])
    if any(m in doc.text[start:end] for m in "“”\"„"):
        return []
    return [QuoteRecord(start=offset + start, end=offset + end, closed=True, kind="indirect", paragraph=index,
                        opens_paragraph=False, ends_paragraph=False, cue=(offset + cue[0], offset + cue[1]),
                        ref=_shift(ref, offset))]


# -- quotes -----------------------------------------------------------------


def _quote_mask(doc: Doc, local: list[Span]) -> list[bool]:
    """For each token: is it inside a quote (its marks included)?"""
    mask = [False] * len(doc)
    if not local:
        return mask
    j = 0
    for tok in doc:
        while j < len(local) and local[j][1] < tok.idx:
            j += 1
        if j < len(local) and local[j][0] - 1 <= tok.idx <= local[j][1]:
            s, e = local[j]
            mask[tok.i] = tok.idx >= s - 1 and (tok.idx < e or tok.text in '”"')
    return mask


def _kind(text: str, s: int, e: int) -> str:
    """Direct when the quote stands as speech of its own, partial when embedded in a sentence."""
    j = s - 2
    while j >= 0 and text[j].isspace():
        j -= 1
    quoted = text[s:e].strip()
    words = len(quoted.split())
    if words <= 3 and quoted[-1:].isalnum() and _WORD_AS_SUBJECT.match(text, e + 1):
        return "partial"  # "“Top secret” is the highest level": a word talked about, in a sentence
    if j < 0 or text[j] in ":,.!?;—–-(":
        return "direct"
    if quoted[:1].isupper() and words >= 5:
        return "direct"
    return "partial"


#: A verb right after a short quote that makes it the subject of its sentence.
_WORD_AS_SUBJECT = re.compile(r" (?:is|was|are|were|has|had|means|meant|refers|should|would|can|could|may|might|must)\b")

#: How far (in tokens) before or after a quote its attribution may lie.
REACH = 80


def _tokens(doc: Doc, starts: list[int], a: int, b: int, first: int = 0, last: int = 0) -> list[Token]:
    """Tokens starting in [a, b) (only the ``first`` or ``last`` so many, when given), by
    bisection: the paragraph is not scanned for each quote."""
    i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
    if first:
        j = min(j, i + first)
    if last:
        i = max(i, j - last)
    return list(doc[i:j])


def _find_cue(doc: Doc, text: str, starts: list[int], s: int, e: int, prev_end: int, next_start: int,
              in_quote: list[bool], partial: bool):
    """The speech verb that introduces the quote ``text[s:e]`` (``partial``: embedded in a
    sentence) and its subject."""
    inside = _tokens(doc, starts, s, e)
    if not inside:
        return None, None
    # 0. A transcript's speaker label opening the quote ("“Chris Matthews: Seriously, …").
    label = _transcript_label(inside) if not text[:s - 1].strip() else None  # opening its paragraph
    if label is not None:
        return label
    # 0. A name that ends in a colon right before the quote ("Pollsters agree - Carl Bialik: “…”"),
    #    unless a preposition governs it ("He said of Congress: “…”", "wrote on Facebook: “…”").
    if text[max(0, s - 3) : s - 1].rstrip().endswith(":"):
        named = _named_colon_cue(_tokens(doc, starts, prev_end, s - 1, last=12), in_quote, strict=True)
        if named:
            return named
    # 0. A vox pop: the paragraph opens with who is speaking ("Maria Lopez, 34, Phoenix: “…”"),
    #    or the quote is signed at its end ("“…” — Maria Lopez, 34", "“….” Maria Lopez").
    if not partial:
        signed = _signed(doc, starts, s, e, prev_end, next_start, in_quote)
        if signed:
            return signed
    # 1. Syntax: a speech verb outside the quote that governs it, or that it governs.
    cue = _first_cue(_syntactic_cues(inside, in_quote), in_quote)
    cue_verb = doc[_token_at(doc, cue[0][0])] if cue else None
    # "O'Malley lamented her gaffes - “does she have to …?” - Democrats said they were
    # unfazed": an aside between dashes belongs to the report before it (step 3), when the
    # report after has words of its own; "Voters booed Lund - “Please clap” - he pleaded" and
    # "- “a coin flip” - pollster Ann Vu said" are the speaker's after.
    aside = bool(cue) and cue[0][0] > e and _between_dashes(text, s, e) and _says_its_own(cue_verb, in_quote)
    if aside:
        cue = None
    if cue:
        # A report right after the closing mark ("…?” asked Dunn.") outranks a verb before the
        # quote that the parse happened to hang it on ("…, but Moscow denies — “…?” asked Dunn"),
        # and so it does after a phrase, when that verb says nothing ("Comey cannot say that
        # “from his perspective,” Lewandowski added").
        # Not after a colon or a comma: in "Trump said: “…,” the Times reported" and "Reed said,
        # “…,” his aide said later" the words are Trump's and Reed's.
        if cue[0][0] < s and (not partial or _unsaid(cue_verb) or _describes_a_thing(cue_verb)) and (
                not text[:s - 1].rstrip().endswith((":", ","))):
            tight = _report_right_after(doc, text, starts, inside, s, e, next_start, in_quote)
            if tight:
                return tight
        if cue[0][0] < s:
            near = _report_right_before(inside, in_quote, cue[0][0])
            if near:
                return near
        return cue
    # 1b. What someone's comment or call says: "her comment that “…”", "Trump's call for “…”".
    owned = _owned_words(inside, in_quote)
    if owned:
        return owned
    # 2. After the quote, in the same sentence ("…,” Starmer told reporters).
    close = e + 1
    closing = text_end_punct(text, s, e)
    after = [t for t in _tokens(doc, starts, close, next_start, first=REACH * 2) if not in_quote[t.i]][:REACH]
    if after and not aside:
        sent = after[0].sent
        window = [t for t in after if t.sent == sent or (closing and t.sent.start == after[0].i)]
        # After a full stop, the next sentence names this quote's speaker only when it is
        # short and ends before any other quote ("“….” Reid said.", not "Reid said both
        # men are “non-entities”" nor "Clinton said, “…”", which report quotes of their own).
        if closing != "." or (len([t for t in window if not t.is_punct]) <= 8
                              and not any(in_quote[i] for i in range(window[0].i, sent.end))):
            verbs = filter(_is_speech_verb, window)
            if partial:
                verbs = (v for v in verbs if _reports_the_clause(v, inside, in_quote))
            cue = _first_cue(verbs, in_quote)
            if cue:
                return cue
            acc = _according_to(window, in_quote)
            if acc:
                return acc
        # Any verb in that slot reports the quote ("…,” an angry Hollande retaliated), unless
        # the quote is a phrase inside a clause of its own ("After Doe likened them to “pirates”,
        # Roe wrote …").
        if closing in (",", "?", "!", "—", "–", "-") and not partial:
            verb = _verb_after_quote(window, in_quote)
            cue = _first_cue([verb] if verb is not None else [], in_quote, _is_personal_or_named)
            if cue:
                return cue
            named = _inverted_name(window)
            if named:
                return named
    # 3. Before the quote, in its sentence or ending with a colon ("Starmer said: “…").
    before = [t for t in _tokens(doc, starts, prev_end, s - 1, last=REACH * 2) if not in_quote[t.i]][-REACH:]
    if before:
        lead_in = text[max(0, s - 400) : s - 1].rstrip()
        same_sent = [t for t in before if t.sent == inside[0].sent]
        colon = lead_in.endswith((":", "--", "—", "–")) or aside  # "He embraced it -- “I think …”"
        if not same_sent and colon:
            same_sent = [t for t in before if t.sent == before[-1].sent]
        # Before a colon, only the clause that ends in it: "Many supporters interrupted, but
        # Trump went on: “…”" is not the supporters'.
        first = _last_clause_start(before) if colon else 0
        first = max(first, _after_semicolon(same_sent, inside[0].i))
        cue = _first_cue((v for v in reversed(same_sent) if _is_speech_verb(v) and v.i >= first
                          and not _aside(v, inside)), in_quote)
        if cue:
            return cue
        acc = _according_to(same_sent, in_quote)
        if acc:
            return acc
        # An aside's clause before it must report something ("Polls showed a 48-46 race - “…” -"
        # names nobody).
        reported_before = not aside or any(_is_speech_verb(t) for t in same_sent)
        if colon and reported_before or (lead_in.endswith(",") and same_sent):
            cue = _colon_cue(before, in_quote)
            if cue:
                return cue
    # 4. A quoted phrase used by a person's own verb ("she called the plan “reckless”").
    if partial:
        clause_start = _after_semicolon(inside[0].sent, inside[0].i)
        reporters = (t for t in inside[0].sent if not in_quote[t.i] and _is_speech_verb(t) and t.i >= clause_start
                     and (t.i < inside[0].i or _reports_the_clause(t, inside, in_quote)))
        # "when Rubio … said it was great to be home, a man yelled “Stay there!”": a report
        # right before the mark that the parse left unlinked is the nearer speaker's.
        cue = _report_right_before(inside, in_quote, -1) or _first_cue(reporters, in_quote, _is_personal_or_named)
        if cue:
            return cue
        # No one in the sentence says it: "According to his physician, the businessman had
        # “astonishingly excellent” results" quotes the physician, not the businessman.
        acc = _according_to([t for t in inside[0].sent if not in_quote[t.i]], in_quote)
        if acc:
            return acc
        # What no reporting verb governs and reads as a name ("the “Air Force One” theme", "a
        # play called “Sons of Trump”") is nobody's words: the weak steps below leave it.
        if _names_something(text[s:e]):
            return None, None
        verb = _governing_verb(inside, in_quote)
        if verb is not None:
            ref = _subject_ref(verb, in_quote)
            if ref is not None and _is_source(ref):
                return _tok_span(verb), ref
        # 5. The person the sentence is about, when it opens with them ("Paul Ryan worried that
        #    the net was becoming “a hammock …”"), not when they are acted on ("was criticised").
        #    Not for a word or three: "Clinton visited the “usual” spots" quotes nobody (on train,
        #    such phrases were wrong or no speech twice as often as right).
        root = inside[0].sent.root
        if root.i < inside[0].i and not in_quote[root.i] and len(text[s:e].split()) > 3:
            about = _person_it_is_about(root, in_quote)
            if about:
                return about
    # 6. A quote that opens a sentence right after one about a person ("The judge then turned
    #    to me. “Mr. D’Souza?”"): that person, when nothing else in between speaks.
    elif before and text[prev_end:s - 1].rstrip().endswith((".", "!", "?")):
        prev = before[-1].sent
        if not any(in_quote[t.i] for t in prev):
            # Who that sentence reports, else who it is about ("Quintanilla mentioned that … .
            # “Does that not speak to …?”").
            reported = _first_cue((t for t in prev if _is_speech_verb(t) and t.dep_ not in ("relcl", "acl", "amod")),
                                  in_quote, _is_personal_or_named)
            if reported:
                return reported
            about = _person_it_is_about(prev.root, in_quote)
            if about:
                return about
    return None, None


def _signed(doc: Doc, starts: list[int], s: int, e: int, prev_end: int, next_start: int,
            in_quote: list[bool]):
    """A vox pop's credit: the person named, and nothing else said, from the paragraph's start
    to a quote that ends it ("Maria Lopez, 34, Phoenix: “…”"), or after a quote to the
    paragraph's end, after a dash ("“…” — Maria Lopez"), a full stop inside the quote ("“….”
    Maria Lopez, 34") or in brackets ("“…” (Ana Ruiz, 22)").  Only for a quote of a sentence
    or more: "“Lyin’ Ted” — Ted Cruz" names the target of a nickname, not its author."""
    quoted = doc.text[s:e]
    if len(quoted.split()) < 4 or _names_something(quoted):
        return None
    tail = [t for t in _tokens(doc, starts, e + 1, next_start) if not t.is_space]
    if prev_end == 0 and next_start == len(doc.text) and all(t.is_punct for t in tail):
        lead = [t for t in _tokens(doc, starts, 0, s - 1) if not t.is_space]
        if lead and lead[-1].text in (":", *_CREDIT_DASHES):
            lead = lead[:-1]
        ref = _credited_name(lead, dashed=False) if lead else None
        if ref is not None:
            return _tok_span(lead[-1]), ref
    if next_start != len(doc.text) or not tail or any(in_quote[t.i] for t in tail):
        return None
    # A signature is the quote's alone (verb "sign"): the next paragraph's quote is not carried
    # over to it, its own signature follows it.
    if len(tail) > 1 and tail[0].text in _CREDIT_DASHES:
        ref = _credited_name(tail[1:], dashed=True)
        if ref is not None:
            return _tok_span(tail[0]), replace(ref, verb="sign")
    elif text_end_punct(doc.text, s, e) in (".", "!", "?") or tail[0].text == "(":
        ref = _credited_name(tail, dashed=False)
        if ref is not None:
            return _tok_span(tail[0]), replace(ref, verb="sign")
    return None


def _report_right_before(inside: list[Token], in_quote: list[bool], cue_start: int):
    """ "…, a man yelled “Stay there!”": a report right before the opening mark that the parse
    failed to link to the quote (it hung “Stay” on an earlier "said") outranks the verb it
    linked.  One the parse did link stays below the outer report ("Obama said Americans would
    say “no”" is Obama's)."""
    doc = inside[0].doc
    j = inside[0].i - 1
    while j >= 0 and doc[j].is_punct and inside[0].i - j <= 3:  # the opening mark, a comma or colon
        if doc[j].text in (".", "!", "?"):
            return None  # "… Reed said. “Top secret” is …": another sentence
        j -= 1
    if j < 0 or in_quote[j]:
        return None
    verb = doc[j]
    if (verb.idx == cue_start or verb.tag_ not in ("VBD", "VBZ", "VBP") or not _is_speech_verb(verb)
            or any(verb.i == a.i for t in inside for a in t.ancestors)):
        return None
    if in_quote[verb.head.i]:
        return None  # "Warren said that no matter what Trump says, “we …”": a clause of the quote's own
    if (verb.dep_ == "advcl" or any(c.dep_ == "mark" or c.tag_ == "WRB" for c in verb.children)) and (
            doc[verb.i + 1].text != ":"):
        return None  # "Clinton said that when Trump called, “…”", but "… as the heckler yelled: “…”"
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and not in_quote[c.i]), None)
    if subject is None and verb.dep_ in ("acl", "relcl") and verb.head.i == verb.i - 1 and (
            verb.head.pos_ in ("NOUN", "PROPN")):
        subject = verb.head  # "a man yelled", parsed as a man who yelled
    ref = _ref_for(subject, in_quote) if subject is not None else None
    return (_tok_span(verb), replace(ref, verb=verb.lemma_.lower())) if ref is not None else None


def _unsaid(verb: Token) -> bool:
    """A speech verb negated or only possible: "cannot say", "would never call", "didn't say"."""
    return any(c.dep_ == "neg" or c.tag_ == "MD" for c in verb.children)


def _after_semicolon(tokens, before: int) -> int:
    """Where the clause of token ``before`` starts after the last semicolon among ``tokens``
    (0 without one): "That proposal prompted Parliament to call a debate; one lawmaker called
    Trump “…”" is not the proposal's."""
    return max([0] + [t.i + 1 for t in tokens if t.text == ";" and t.i < before])


_DASHES = ("-", "–", "—", "--")
#: ...and the quotation dash, made to credit a quote ("“…” ― Ana Ruiz").
_CREDIT_DASHES = (*_DASHES, "―")


def _between_dashes(text: str, s: int, e: int) -> bool:
    """Whether the quote ``text[s:e]`` (marks at s-1 and e) is set off by dashes on both sides."""
    return text[max(0, s - 5) : s - 1].rstrip().endswith(_DASHES) and text[e + 1 : e + 5].lstrip().startswith(_DASHES)


def _says_its_own(verb: Token, in_quote: list[bool]) -> bool:
    """A report with a clause of its own after it ("Democrats said they were unfazed")."""
    return any(c.dep_ in ("ccomp", "xcomp") and c.i > verb.i and not any(in_quote[t.i] for t in c.subtree)
               for c in verb.children)


def _describes_a_thing(verb: Token) -> bool:
    """A report in a clause on what was said: "Nothing the president said “will assuage …,” the
    senator said" — what he said is the subject; the quote is the senator's.  Not "critics who
    say …" (they say it) nor "a clip that the judge called “distasteful”" (he calls it that)."""
    return verb.dep_ == "relcl" and verb.lemma_.lower() in lexicon.REPORTING_VERBS and any(
        c.dep_ == "nsubj" and c.lower_ not in ("who", "that", "which") for c in verb.children)


def _report_right_after(doc: Doc, text: str, starts: list[int], inside: list[Token], s: int, e: int,
                         next_start: int, in_quote: list[bool]):
    """A report that follows a quote ending in , ? or ! in the same sentence: "said Dunn",
    "Dunn said", "she said", "his aide said" — a subject that is a name or starts in lower
    case, nothing else before the verb (not "She replied", which opens a sentence of its own,
    nor "Mills then writes")."""
    if text_end_punct(text, s, e) not in (",", "?", "!"):
        return None
    words = [t for t in _tokens(doc, starts, e + 1, next_start, first=12) if not t.is_punct][:5]
    if not words or in_quote[words[0].i] or words[0].sent != inside[-1].sent:
        return None
    k = next((k for k, t in enumerate(words) if _is_speech_verb(t)), None)
    if k is None:
        return None
    verb, subject = words[k], words[:k]
    # Before the verb, only its subject: a name ("Ann Price added") or a lower-case word ("she
    # said"), not a sentence of its own ("She replied", "Mills then writes").
    if subject and not (
            any(t.dep_ == "nsubj" and t.head.i == verb.i for t in subject)
            and all(t.head.i == verb.i and t.dep_ == "nsubj" or t.head.i in {w.i for w in subject} for t in subject)
            and (subject[0].pos_ == "PROPN" or subject[0].is_lower)):
        return None
    return _first_cue([verb], in_quote)


_SMALL_WORDS = frozenset("a an and at by for in of on or the to with is".split())


def title_case(words: list[str]) -> bool:
    """Every word capitalised but the small ones ("Sons of Trump"), as titles and names are."""
    return all(w[:1].isupper() or w.lower() in _SMALL_WORDS or not w[:1].isalpha() for w in words)


def _names_something(quoted: str) -> bool:
    """A short quoted phrase In Title Case: a name or title, not words someone said."""
    words = quoted.strip().rstrip(".,!?;:").split()
    return 2 <= len(words) <= 6 and title_case(words)


def _reports_the_clause(verb: Token, inside: list[Token], in_quote: list[bool]) -> bool:
    """Whether a speech verb after a phrase quoted mid-sentence reports it: a parenthetical
    right after it ("… “hurtful,” he told reporters") or with "as", or one said by the subject of the
    clause the phrase sits in ("Perez called him a “fraud” and warned …").  Not another
    clause's speaker ("After Doe compared them to “criminals”, Roe wrote …")."""
    between = [t for t in verb.doc[inside[-1].i + 1 : verb.i] if not t.is_punct and not in_quote[t.i]]
    new_clause = any(t.lower_ in ("but", "yet", "so") for t in between) and any(
        t.dep_ == "nsubj" and t.head.i == verb.i for t in between)  # "… “a radical,” but she replied"
    if verb.i > inside[-1].i and len(between) <= 2 and not new_clause:
        return True
    if _marked(verb, "as"):
        return True  # "… a “regional” candidate, as Doe’s campaign manager suggested"
    if verb.i > inside[-1].i and any(c.dep_ == "ccomp" and c.left_edge.i <= inside[0].i <= c.right_edge.i
                                     for c in verb.children):
        return True  # "… aside from the two men knowing each other “casually”, said the FBI director"
    own = _governing_verb(inside, in_quote)
    if own is None:
        return False
    a, b = _subject_ref_of(own, in_quote), _subject_ref_of(verb, in_quote)
    return a is not None and b is not None and a.start == b.start


#: Possessive pronouns of a person and the subject pronoun each stands for.
_POSSESSIVE = {"his": "he", "her": "she"}


#: Prepositions that lead from a comment to what it says: "his call for “…”", "her remarks about".
_CONTENT_PREPOSITIONS = frozenset("for of about against to with".split())


def _owned_words(inside: list[Token], in_quote: list[bool]):
    """(noun span, owner) when the quote hangs, before any verb, from a noun for something said
    that has an owner: "her March comment that “…”", "Sanders' call for “revolution”"."""
    doc = inside[0].doc
    j = inside[0].i - 1
    while j > 1 and doc[j].is_punct and inside[0].i - j <= 2:  # the opening mark, a comma
        j -= 1
    k = j - 1
    while k > 0 and doc[k].ent_type_ in ("DATE", "TIME") and not in_quote[k] and j - k <= 3:
        k -= 1  # "his comment Monday that “…”"
    noun = doc[k] if k > 0 and doc[j].lower_ == "that" and not in_quote[k] else None
    if noun is not None and noun.pos_ == "NOUN" and noun.lemma_.lower() in lexicon.SPEECH_NOUNS:
        # "after her March comment that, “We are going to …”", however the parser hung the quote.
        ref = _owner_ref(noun, in_quote)
        if ref is not None:
            return _tok_span(noun), replace(ref, verb="say")
    tok = next((t for t in inside if not in_quote[t.head.i]), None)
    for _ in range(5):
        if tok is None:
            return None
        head = tok.head
        if head.i == tok.i or in_quote[head.i] or head.lower_ == "as":  # "called his statements “…”"
            return None
        if tok.dep_ == "prep" and tok.lower_ not in _CONTENT_PREPOSITIONS:
            return None  # "called Trump's statements on Sunday “childish”": when, not what
        subject = next((c for c in head.children if c.dep_ == "nsubj" and not in_quote[c.i]), None) if (
            head.pos_ in ("VERB", "AUX") and head.lemma_ == "be") else None
        if subject is not None:  # "The senator's answer was that “…”"
            if subject.lemma_.lower() not in lexicon.SPEECH_NOUNS:
                return None
            head = subject
        if head.pos_ in ("VERB", "AUX") and not (  # "Trump's accusation that she is playing the “…”"
                head.dep_ in ("acl", "ccomp") and head.head.lemma_.lower() in lexicon.SPEECH_NOUNS):
            return None
        if head.pos_ == "NOUN" and head.lemma_.lower() in lexicon.SPEECH_NOUNS:
            if in_quote[tok.i] and (tok.dep_ == "amod" or tok.pos_ == "ADJ" and tok.dep_ in ("nmod", "conj")):
                return None  # "Trump's “divisive” comments": what someone calls them, not what they say
            ref = _owner_ref(head, in_quote)
            return (_tok_span(head), replace(ref, verb="say")) if ref is not None else None
        tok = head
    return None


def _owner_ref(noun: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """Whose a comment or statement is, when that can speak: "her comment" is hers ("she"),
    "Sanders' call" his; None without an owner."""
    owner = next((c for c in noun.children if c.dep_ == "poss" and not in_quote[c.i]), None)
    if owner is None:
        return None
    if owner.lower_ in _POSSESSIVE:
        return SpeakerRef("pronoun", owner.idx, owner.idx + len(owner), _POSSESSIVE[owner.lower_])
    ref = _ref_for(owner, in_quote)
    return ref if ref is not None and _is_source(ref) else None


def _person_it_is_about(root: Token, in_quote: list[bool]):
    """(verb span, subject) when the clause of ``root`` is active and its subject is surely a person."""
    if root.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubjpass", "auxpass") for c in root.children):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj" and not in_quote[c.i]]
    subject = _nearest_subject(subjects, root) if subjects else None
    ref = _ref_for(subject, in_quote) if subject is not None else None
    return (_tok_span(root), ref) if ref is not None and _is_person_ref(root.doc, ref) else None


def _is_person_ref(doc: Doc, ref: SpeakerRef) -> bool:
    """A person for sure: a PERSON name, "he"/"she", or a person's title ("the senator")."""
    if ref.kind == "name":
        return _is_person_name(doc, ref)
    if ref.kind == "pronoun":
        return ref.text.lower() in lexicon.PERSON_PRONOUNS
    return lexicon.normalise_title(ref.head) in lexicon.PERSON_TITLES


def _transcript_label(inside: list[Token]):
    """ "“Chris Matthews: Seriously, …": a person's name, then a colon, opening the quote.
    A name in capitals counts too, tagged or not ("“PENCE: Well, look, …"): a transcript's
    convention, and the tagger seldom knows a surname in capitals (the document decides
    whether it is one of its people, see ``synthetic_names``)."""
    words = [t for t in inside[:6] if not t.is_space]
    for k, tok in enumerate(words[1:5], 1):
        if tok.text == ":":
            name = words[:k]
            if all(t.ent_type_ == "PERSON" for t in name) or all(_capitals(t) for t in name) and (
                    any(c.islower() for t in words[k + 1 : k + 4] for c in t.text)):  # not “OBAMA: HANDS OFF”
                last = name[-1]
                text = last.doc[name[0].i : last.i + 1].text
                if len(name) > 1 and name[0].lower_ == "the" and lexicon.normalise_title(last.text) in lexicon.PERSON_TITLES:
                    # "THE PRESIDENT:": the president the text names
                    ref = SpeakerRef("description", name[0].idx, last.idx + len(last), text.lower(),
                                     head=last.lower_, verb="label")
                else:
                    ref = SpeakerRef("name", name[0].idx, last.idx + len(last), text, verb="label")
                return (tok.idx, tok.idx + 1), ref
            return None
    return None


def _capitals(tok: Token) -> bool:
    """A word in capitals, as a transcript writes a speaker's name ("PENCE", "O'DONNELL")."""
    letters = [c for c in tok.text if c.isalpha()]
    return len(letters) >= 2 and tok.text.isupper() and all(c.isalpha() or c in "'’.-" for c in tok.text)


def _inverted_name(window: list[Token]):
    """ "…,” tweeted Rubio spokesman Alex Conant." however it was parsed: a reporting verb right
    after the mark, then the last person named before the phrase ends — never one after "to",
    "for" or "of" ("said an aide to Sen. Bob Jones" is not Jones)."""
    words = [t for t in window if not t.is_space]
    if not words or not words[0].is_lower or words[0].lemma_.lower() not in lexicon.SPEECH_VERBS:
        return None
    person = None
    for tok in words[1:12]:
        if tok.is_punct and tok.text != "." or tok.lower_ in ("to", "for", "of", "with", "at", "about"):
            break
        if tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBG",) or tok.text == ".":
            break
        if tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" and not tok.ent_type_ and tok.text[:1].isupper():
            person = tok  # a name the tagger missed counts too ("ranking Democrat Elijah Cummings")
    if person is None:
        return None
    ent = _ent_of(person)
    ref = _ref_for(ent.root if ent is not None else person, [False] * len(person.doc))
    return (_tok_span(words[0]), replace(ref, verb=words[0].lemma_.lower())) if ref is not None else None


def _verb_after_quote(window: list[Token], in_quote: list[bool]) -> Token | None:
    """The first verb of the clause right after a closing mark, within a few words."""
    for tok in window[:6]:
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "acl", "relcl", "xcomp", "pcomp", "advcl") and (
                not _name_tagged_verb(tok)):
            return tok
        if tok.pos_ in ("AUX", "SCONJ", "CCONJ") or tok.text in (".", ";", ":"):
            return None
    return None


def _is_personal_or_named(ref: SpeakerRef) -> bool:
    return ref.kind == "name" or _is_personal(ref)


def _is_source(ref: SpeakerRef) -> bool:
    """Someone or something that can be quoted: a person, a name, "the petition", "the report"."""
    return _is_personal_or_named(ref) or (ref.kind == "description"
                                          and lexicon.normalise_title(ref.head) in lexicon.SOURCE_NOUNS)


#: Speech verbs whose object is the listener, not the speaker.
_TELL_VERBS = frozenset("tell ask inform assure remind warn urge answer".split())


#: A party and state in brackets after a name: "(R-S.C.)", "(D)", "(I-Vt.)".
_PARTY_TAG = re.compile(r"[DRI](?:-[A-Z][A-Za-z.]*)?\)")


def _named_colon_cue(before: list[Token], in_quote: list[bool], strict: bool = False):
    """ "Pollster Daron Shaw: “…”", "… - Pew Research: “…”": the name that ends in the colon."""
    last = [t for t in before if not t.is_space]
    if len(last) < 2 or not (last[-1].text == ":" or last[-1].text.endswith("):")):
        return None
    name = last[-2]
    closing = len(last) - 1 if last[-1].text.endswith("):") else len(last) - 2 if name.text == ")" else None
    if closing is not None:  # "Rep. Trey Gowdy (R-S.C.): “…”": the name before a party tag
        opening = next((k for k in range(closing - 1, max(0, closing - 8), -1) if last[k].text == "("), None)
        tag = "".join(t.text for t in last[opening + 1 : closing + 1]) if opening else ""
        if not opening or not _PARTY_TAG.match(tag) or last[opening - 1].ent_type_ != "PERSON":
            return None  # not "Correction (Jan. 5):", "Clinton's response to Trump (video):"
        name = last[opening - 1]
        ent = _ent_of(name)
        if (ent.root if ent is not None else name).dep_ == "pobj":
            return None  # "Trump on Sen. Elizabeth Warren (D-Mass.):": whom it is about
    ent = _ent_of(name)
    head = ent.root if ent is not None else name
    if (head.dep_ == "pobj" and (strict or head.head.lower_ in ("with", "to"))
            or head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() in _TELL_VERBS):
        return None  # "…, telling Breitbart London: “…”", "in an interview with Fox: “…”": the listener
    if name.ent_type_ in ("PERSON", "ORG") or (name.pos_ == "PROPN" and not name.ent_type_):
        ref = _ref_for(name, in_quote)
        if ref is not None:
            colon = last[-1].idx + len(last[-1].text) - 1  # the colon, also when glued ("S.C.):")
            return (colon, colon + 1), ref
    return None


def _colon_cue(before: list[Token], in_quote: list[bool]):
    """ "Pollster Daron Shaw: “…”" or "She then addressed the crowd: “…”"."""
    last = [t for t in before if not t.is_space]
    if len(last) < 2:
        return None
    name = last[-2]
    named = _named_colon_cue(before, in_quote)
    if named:
        return named
    # The clause that ends in the colon: its verb, whether or not the parser made it the root.
    # (not "enhanced techniques", nor "happened" in "Clinton apologized for what happened:")
    root = next((t for t in reversed(last) if t.pos_ == "VERB" and t.sent == name.sent
                 and t.dep_ not in ("amod", "acl", "relcl", "pcomp")), name.sent.root)
    if root.pos_ in ("VERB", "AUX") and not in_quote[root.i]:
        ref = _subject_ref(root, in_quote)
        if ref is not None and (_is_personal(ref) or last[-1].text == ":" and _is_source(ref)):
            return _tok_span(root), ref
    return None


def _governing_verb(inside: list[Token], in_quote: list[bool]) -> Token | None:
    """The nearest verb outside the quote that the quote depends on."""
    for tok in inside:
        if in_quote[tok.head.i]:
            continue
        head, steps = tok.head, 0
        while steps < 3 and not in_quote[head.i]:
            if head.pos_ == "VERB":
                return head
            if head.head.i == head.i or _marked(head):  # "Because the plan is “reckless”, …": not the main verb
                break
            head, steps = head.head, steps + 1
    return None


def _is_personal(ref: SpeakerRef) -> bool:
    """Whether a subject is someone who can speak: a person's name, "he"/"she", "the senator"."""
    if ref.kind == "pronoun":
        return ref.text.lower() in lexicon.PERSON_PRONOUNS
    if ref.kind == "description":
        # A capitalised single word is likely a name the tagger missed ("Sanders" as a noun);
        # resolution accepts it only if the document names someone so.
        maybe_name = " " not in ref.text and ref.text[:1].isupper()
        return maybe_name or lexicon.normalise_title(ref.head) in lexicon.PERSON_TITLES
    return True


def _first_cue(verbs, in_quote: list[bool], accept=None):
    """(verb span, subject) of the first of ``verbs`` whose subject we can name (and ``accept``)."""
    for verb in verbs:
        ref = _subject_ref(verb, in_quote)
        if ref is not None and (accept is None or accept(ref)):
            return _tok_span(verb), ref
    return None


def text_end_punct(text: str, s: int, e: int) -> str:
    """The punctuation a quote ends with, just inside or just after its closing mark."""
    inner = text[s:e].rstrip()
    if inner and inner[-1] in ",.?!—–-:;":
        return inner[-1]
    outer = text[e + 1 : e + 2]
    return outer if outer in (",", ".", ";", ":") else ""


def _syntactic_cues(inside: list[Token], in_quote: list[bool]):
    """Speech verbs outside the quote linked to it by the parse.

    Walking up from the quote, the outermost reporting verb of the sentence
    wins ("Obama said he expected Americans would say “no”" is Obama's), and a
    parenthetical "Rubio said" attached to a governing clause counts too.
    """
    seen: set[int] = set()
    for tok in inside:
        if in_quote[tok.head.i] and tok.head.i != tok.i:
            continue
        found: list[Token] = []
        head, steps, prev = tok.head, 0, tok
        while steps < 6 and not in_quote[head.i]:
            if _is_speech_verb(head) and (steps == 0 or head.dep_ not in ("relcl", "acl") or _relative_subject(head)
                                          or _says_for_a_thing(head)):
                found.append(head)
            for child in head.children:
                if child.i != prev.i and not in_quote[child.i] and child.dep_ in ("parataxis",) and _is_speech_verb(child):
                    found.append(child)
            if _clause_edge(head, found, in_quote):
                break
            head, prev, steps = head.head, head, steps + 1
        for verb in reversed(found):
            if verb.i not in seen:
                seen.add(verb.i)
                yield verb
    for tok in inside:
        for child in tok.children:
            if not in_quote[child.i] and child.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep"):
                if _is_speech_verb(child) and child.i not in seen:
                    seen.add(child.i)
                    yield child


def _clause_edge(head: Token, found: list[Token], in_quote: list[bool]) -> bool:
    """Whether walking up from a quote stops at ``head`` (``found``: reports met so far).

    At a relative clause, or at one of two coordinated reports ("Cruz said …, and Trump vowed
    to “bomb …”" is Trump's, and so is "Rubio suggested …, while Trump said the “stakes …”").
    Not past a report with a subject of its own in an adverbial clause ("She said …, to which
    O'Malley interjected: “…”"); a participle there ("…, saying “…”") goes on.  Nor out of
    "with Lewandowski taking to Twitter to call Fields “…”", a clause with a subject of its own
    that the outer report ("the campaign has denied it") did not say, nor out of a second clause
    with its own subject ("Many supporters interrupted, but Trump went on: “…”"; "When someone
    shouted, “Cruz,” Beck joked, “…”", where the parser makes "joked" a complement of "shouted").
    """
    def own_subject(verb: Token) -> bool:
        return any(c.dep_ == "nsubj" and not in_quote[c.i] for c in verb.children)

    if head.head.i == head.i or head.dep_ in ("relcl", "acl") or (found and head.dep_ == "conj") or _marked(head):
        return True
    if found and found[-1].i == head.i and _object_who_speaks(head, in_quote) is not None:
        return True  # "Hale quoted Trump as saying “…”": Trump's words, not Hale's
    if head.dep_ == "advcl" and found and own_subject(found[-1]):
        return True
    if head.dep_ == "pcomp" and found and own_subject(head):
        return True
    if head.dep_ == "xcomp" and _is_speech_verb(head.head) and found and found[-1].i == head.i:
        return True  # a report under a report: the parser's "shouted … Beck joked"
    return head.dep_ in ("conj", "xcomp") and _is_speech_verb(head.head) and own_subject(head)


def _last_clause_start(before: list[Token]) -> int:
    """Where the clause of the last word before a colon starts (its verb's leftmost word)."""
    words = [t for t in before if not t.is_punct]
    if not words:
        return 0
    head = words[-1]
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head.left_edge.i if head.pos_ in ("VERB", "AUX") else 0


def _aside(verb: Token, inside: list[Token]) -> bool:
    """A speech verb in a clause of its own that the quote is not in: "As the crowd began to
    chant, Simmons … joked, “…”" reports the crowd's chant, not the quote.  "As Earnest
    explained, …" is an attribution, not an aside."""
    if _marked(verb, "as") and verb.lemma_.lower() in lexicon.CORE_SPEECH_VERBS:
        return False  # "As Earnest explained, …"; not "As the crowd chanted his name, Obama smiled:"
    for _ in range(3):
        if _marked(verb) or verb.dep_ == "advcl" and any(c.dep_ == "advmod" and c.tag_ == "WRB" for c in verb.children):
            # "because …", and "when Rubio thanked Miami and said …, a man yelled “…”" (the
            # parser makes "when" an adverb, not a mark)
            return not any(verb.left_edge.i <= t.i <= verb.right_edge.i for t in inside)
        if verb.dep_ not in ("xcomp", "conj", "ccomp") or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


def _says_for_a_thing(verb: Token) -> bool:
    """ "a statement saying it took the action “…”": a participle on a noun says for it."""
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in _SAYING_THINGS


def _relative_subject(verb: Token) -> bool:
    """A relative clause whose subject is "who": "Graham, who vowed to …" reports Graham."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("who", "that") for c in verb.children)


def _is_speech_verb(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in lexicon.SPEECH_VERBS


def _according_to(tokens: list[Token], in_quote: list[bool]):
    """Who a source is without a verb: "according to X", "in X's words", "in the words of X"."""
    for tok in tokens:
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj" and not in_quote[obj.i]:
                            ref = _ref_for(obj, in_quote)
                            if ref:
                                return (tok.idx, to.idx + len(to)), replace(ref, verb="according")
        elif tok.lower_ == "words" and tok.dep_ == "pobj" and tok.head.lower_ == "in" and (
                tok.head.head.tag_ != "VBN" and not any(c.dep_ == "prep" and c.lower_ != "of" for c in tok.children)):
            # Not "Lost in Trump's words about trade was …": words talked about, not a source.
            owners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"]
            if tok.i >= 2 and tok.nbor(-1).text in ("’", "'", "’s", "'s") and tok.nbor(-2).pos_ == "PROPN":
                owners.append(tok.nbor(-2))  # "in Forbes’ words", parsed as two objects of "in"
            ref = _owner_ref(tok, in_quote) or (
                _ref_for(owners[0], in_quote) if owners and not in_quote[owners[0].i] else None)
            if ref:
                return (tok.head.idx, tok.idx + len(tok)), replace(ref, verb="according")
    return None


def _subject_ref(verb: Token, in_quote: list[bool]) -> SpeakerRef | None:
    ref = _subject_ref_of(verb, in_quote)
    return replace(ref, verb=verb.lemma_.lower()) if ref is not None else None


def _credit_line(doc: Doc) -> SpeakerRef | None:
    """A short line that is only a person's name (and their affiliation), as under a block
    quote: "Dean Baker, Center for Economic and Policy Research." or "— Bernie Sanders"."""
    tokens = list(doc)
    dashed = doc.text.lstrip()[:1] in "-–—―"
    if dashed:  # "— President Obama, tweeting after Clinton's speech.": the name before the comma
        cut = next((t.i for t in tokens[:-1] if t.text == "," and tokens[t.i + 1].tag_ == "VBG"), None)
        tokens = tokens[:cut] if cut is not None else tokens
    return _credited_name(tokens, dashed=dashed)


def _credited_name(tokens: list[Token], dashed: bool, untagged: bool = False) -> SpeakerRef | None:
    """A person's name with at most a few particulars and no verb: "Maria Lopez, 34, Phoenix".
    A name the tagger missed counts when it opens with a first name of known sex ("Ana Ruiz"),
    and after a dash (or when ``untagged``) any capitalised one ("- Sanders.")."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") or t.tag_ == "POS" for t in words):
        return None  # a verb says something; "Bill Clinton’s answer —" is about a name
    first = words[0]
    ent = _ent_of(first)
    if ent is None and (dashed or untagged) and len(words) <= 3 and all(t.pos_ == "PROPN" and t.is_title for t in words):
        # "- Sanders." untagged: a name only if the text names that person elsewhere.
        return SpeakerRef("description", words[0].idx, words[-1].idx + len(words[-1]),
                          first.doc[words[0].i : words[-1].i + 1].text, head=words[-1].lower_, dashed=dashed)
    if ent is None and first.pos_ == "PROPN" and first.is_title and first_name_sex(first.text):
        # "Ana Ruiz, 22, Miami", untagged: a first name of known sex, then the rest of the name.
        name = [first]
        for tok in first.doc[first.i + 1 : first.i + 3]:
            if not (tok.pos_ == "PROPN" and tok.is_title):
                break
            name.append(tok)
        if len(name) >= 2:
            return SpeakerRef("name", first.idx, name[-1].idx + len(name[-1]),
                              first.doc[first.i : name[-1].i + 1].text, dashed=dashed)
    if ent is None or ent.label_ != "PERSON":
        return None
    ref = _ref_for(ent.root, [False] * len(first.doc))
    if ref is None:
        return None
    lead = _glued_dash(ref.text)
    return replace(ref, start=ref.start + lead, text=ref.text[lead:], dashed=dashed)


def _glued_dash(name: str) -> int:
    """How many characters of dash a credit glued to a name ("-President Obama"): not its part."""
    return len(name) - len(name.lstrip("-–—―"))


def _trailing_ref(doc: Doc, in_quote: list[bool]) -> SpeakerRef | None:
    """The reporter of the paragraph's last sentence, if it reports speech or ends with a colon."""
    outside = [t for t in doc if not in_quote[t.i] and not t.is_space]
    if not outside:
        return None
    sent = outside[-1].sent
    root = sent.root
    colon = doc.text.rstrip().endswith(":")
    # "…, as the Heritage Foundation website notes:" / "As Breitbart News reported, …:": the
    # source in the "as" clause is the one quoted below, not the sentence's subject.
    for tok in sent if colon else ():
        if _is_speech_verb(tok) and not in_quote[tok.i] and _marked(tok, "as"):
            ref = _subject_ref(tok, in_quote)
            if ref is not None and _is_source(ref):
                return ref
    words = [t for t in sent if not t.is_space]
    if colon and len(words) > 2 and lexicon.looks_like_report(words[0].text) and words[0].pos_ != "VERB":
        ref = _credited_name(words[1:], dashed=False, untagged=True)  # "Stated Stone:", read as one name
        if ref is not None:
            return ref
    if colon and root.pos_ in ("VERB", "AUX"):
        ref = _subject_ref(root, in_quote)
        if ref is None and root.i == sent.start:  # "Continued the senator:"
            after = next((c for c in root.rights if c.pos_ in ("PROPN", "NOUN") and not in_quote[c.i]), None)
            ref = _ref_for(after, in_quote) if after is not None else None
        if ref is not None:
            return ref
    if root.pos_ == "VERB" and not in_quote[root.i] and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _STATEMENT_NOUNS for c in root.children):
        ref = _subject_ref(root, in_quote)  # "The DNC issued a statement apologizing to him."
        if ref is not None and _is_source(ref):
            return ref
    # The sentence's own verb, then the first reporting verb, is the outer one ("Carter said that
    # critics had been predicting …"; "Her friends mocked him, calling him “a buffoon,” Susan said").
    for tok in [root] + [t for t in outside if t.sent == sent]:
        if in_quote[tok.i]:
            continue
        if _is_speech_verb(tok) and tok.dep_ not in ("relcl", "acl", "amod"):
            ref = _subject_ref(tok, in_quote)
            if ref is not None:
                return ref
    return None


#: What a subject issues that the next paragraph then quotes.
_STATEMENT_NOUNS = frozenset("statement letter tweet email e-mail memo message release note remarks".split())


def _trailing_subject(doc: Doc, in_quote: list[bool]) -> SpeakerRef | None:
    outside = [t for t in doc if not in_quote[t.i] and not t.is_space]
    if not outside:
        return None
    root = outside[-1].sent.root
    if in_quote[root.i] or root.pos_ not in ("VERB", "AUX"):
        return None
    ref = _subject_ref(root, in_quote)
    if ref is not None and _is_personal(ref) and (ref.kind != "name" or _is_person_name(doc, ref)):
        return ref
    return None


def _is_person_name(doc: Doc, ref: SpeakerRef) -> bool:
    span = doc.char_span(ref.start, ref.end, alignment_mode="expand")
    return span is not None and any(t.ent_type_ == "PERSON" for t in span)


def _misread_subject(verb: Token, in_quote: list[bool]) -> Token | None:
    """The subject of a past-tense report the parser hung on a noun as a modifier: "Dana
    Ortiz, a Reed ally, called the state's schools “strong”" and "one senator called the
    governor “…”" (on the subject), "Trump blasted Disney for its “…”" (on the object)."""
    if verb.tag_ not in ("VBN", "VBD") or not _is_speech_verb(verb) or in_quote[verb.head.i] or (
            verb.i + 1 >= len(verb.doc) or any(c.dep_ in ("agent", "auxpass", "aux") for c in verb.children)):
        return None
    head, doc = verb.head, verb.doc
    if verb.dep_ == "amod" and head.i > verb.i and verb.i > 0:
        # The name before the verb was read as part of the object's name.
        subject = doc[verb.i - 1]
        if any(_object_who_speaks_shape(t) for t in head.subtree if not in_quote[t.i]):
            return None  # "Trump accused Cruz of calling him “a liar”": Cruz's words
        quoted = any(in_quote[t.i] for t in head.subtree)
        return subject if subject.dep_ == "compound" and subject.head.i == head.i and (
            subject.pos_ == "PROPN" and quoted) else None
    if verb.dep_ != "acl" or head.i >= verb.i:
        return None
    j = verb.i + 1
    if j + 1 < len(doc) and doc[j].lower_ == "to" and _is_speech_verb(doc[j + 1]):
        j += 2  # "O'Malley, who signed …, interjected to say: “…”"
    while j < len(doc) and (doc[j].text == ":" or doc[j].is_quote) and not in_quote[j]:
        j += 1
    if j < len(doc) and in_quote[j] and any(t.text == ":" for t in doc[verb.i + 1 : j]):
        return _insertion_owner(head)
    # "a man called “the Butcher”" names him: a misread report has an object of its own, and
    # the quote is its second complement, right after it ("called Trump “…”"), not words
    # further on ("a super PAC called Future 45 ran ads using her words that “…”").
    nxt = verb.nbor(1)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "dative") and not in_quote[c.i]]
    if not objects or in_quote[nxt.i] or nxt.is_punct or nxt.lower_ in ("as", "by", "for", "to"):
        return None
    j = max(o.right_edge.i for o in objects) + 1
    while j < len(doc) and (doc[j].pos_ == "DET" or doc[j].is_quote) and not in_quote[j]:
        j += 1
    if any(in_quote[t.i] for t in verb.subtree) or j < len(doc) and in_quote[j]:
        return _insertion_owner(head)
    return None


def _insertion_owner(tok: Token) -> Token:
    """The noun a phrase or clause hangs from: "campaign" in "Stevens, who served … during
    the 2012 campaign," is Stevens's insertion."""
    for _ in range(6):
        if tok.dep_ not in ("pobj", "prep", "relcl", "agent", "acl") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok


#: Verbs of saying something in so many words, for "quoted Trump as saying", "accused Cruz of
#: calling": not "praised the bill as offering …", "dismissed the report as repeating …".
_SAYING = frozenset("""say call tell claim suggest state declare insist argue warn write tweet describe
    refer label brand dub boast brag joke remark comment predict promise vow threaten""".split())


def _object_who_speaks_shape(verb: Token) -> bool:
    """ "… as saying", "… of calling", "… for saying": a report by someone the sentence is about."""
    return verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in ("as", "of", "for") and (
        verb.pos_ == "VERB" and verb.lemma_.lower() in _SAYING
        and not any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children))  # "calling for": demanding


def _object_who_speaks(verb: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """The person a report is about, who says the words: "quoted Trump as saying “…”",
    "accused Cruz of calling him “…”", "thanked Reed for saying “…”".  Only a person or a name,
    and only for words the verb itself reports ("faulted Trump for saying nothing, tweeting,
    “…”" quotes the one who tweets).  The object is no subject for a later "he": it is marked
    like a passive's agent."""
    if not _object_who_speaks_shape(verb):
        return None
    outer = verb.head.head
    if in_quote[outer.i] or outer.pos_ != "VERB":
        return None
    if any(_is_speech_verb(t) and t.i != verb.i and not in_quote[t.i] and any(in_quote[w.i] for w in t.subtree)
           for t in verb.subtree):
        return None  # another report, nearer the quote, says it
    obj = next((c for c in outer.children if c.dep_ == "dobj" and not in_quote[c.i]
                and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in _OBJECT_PRONOUNS)), None)  # not "What do you think of"
    ref = _object_ref(obj, in_quote) if obj is not None else None
    if ref is None or not _is_personal_or_named(ref):
        return None  # not "opened his speech by saying", "dismissed the report as saying"
    return replace(ref, agent=True)


def _subject_ref_of(verb: Token, in_quote: list[bool]) -> SpeakerRef | None:
    spoken_by = _object_who_speaks(verb, in_quote)
    if spoken_by is not None:
        return spoken_by
    if verb.tag_ == "VBG" and verb.dep_ == "conj" and verb.head.tag_ != "VBG":
        # "with Trump tweeting that it was a “disaster” and asking, “…”": a participle joins the
        # participle above it, however the parser hung it (here on "was", whose subject is "it").
        earlier = next((a for _, a in zip(range(3), verb.head.ancestors) if a.tag_ == "VBG"), None)
        if earlier is not None and not in_quote[earlier.i]:
            verb = earlier
    if verb.tag_ == "VBG" and verb.dep_ in ("conj", "advcl") and _subordinate(verb.head):
        # "Hannity said … after the senator won, remarking …": the parser hangs the participle
        # on the nearest verb; it speaks for the sentence's subject, not the senator.
        ref = _participle_subject(verb, in_quote)
        if ref is not None:
            return ref
    if _says_for_a_thing(verb) and not in_quote[verb.head.i]:
        ref = _issuer(verb.head, in_quote)  # "… issued a statement saying", "a sign reading"
        if ref is not None:
            return ref
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and not in_quote[verb.head.i] and _personal_token(verb.head) and (
            verb.head.lower_ not in lexicon.PERSON_PRONOUNS):
        return _ref_for(verb.head, in_quote)  # "Abraham Lincoln saying that “…”", "a man shouting “…”"
    misread = _misread_subject(verb, in_quote)
    if misread is not None:
        return _ref_for(misread, in_quote)
    if _reported_to(verb, in_quote):
        # "Sanders was asked by Bill Maher, “…”", "the plan was called “reckless” by Clinton":
        # the speaker is whoever does the asking; the subject is asked, or talked about.
        agent = _agent(verb, in_quote)
        ref = _ref_for(agent, in_quote) if agent is not None else None
        return replace(ref, agent=True) if ref is not None else None
    via_xcomp = climbed = False
    only_joined = True
    came_from = verb
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not in_quote[c.i]
                    and not (climbed and c.dep_ == "nsubjpass" and not _passive_speaks(c, verb, came_from))]
        if subjects:
            subject = _nearest_subject(subjects, verb)
            if via_xcomp and subject.lower_ == "it":
                return None  # "it's safe to say": nobody
            if climbed and subject.lower_ in ("it", "there") and verb.dep_ == "ccomp" and _is_speech_verb(verb.head) and (
                    not in_quote[verb.head.i]):
                # "Suu Kyi said it was too early … but added, “…”": the parser joined "added" to
                # "was"; it goes with "said", whose subject speaks.
                verb, climbed = verb.head, False
                continue
            between = _report_between(subject, verb, in_quote)
            return _ref_for(between if between is not None else subject, in_quote)
        # inverted order, right after a quote: ("…,” added Zelensky) / ("…,” said Trump)
        inverted = [c for c in (verb.rights if verb.tag_ != "VBG" and _follows_quote(verb, in_quote) else ())
                    if c.dep_ in ("dobj", "attr", "npadvmod", "oprd", "appos", "dative", "nsubj") and not in_quote[c.i]
                    and (c.pos_ in ("PROPN", "NOUN") or c.ent_type_ == "PERSON"  # "…,” said a source close to …
                         or c.lower_ in ("one", "another", "others"))]  # "…!” read one.  Not "…,” telling Fox"
        if inverted:
            # "…,” mused Blaze co-host Stu Burguiere, parsed as three objects: the person named.
            return _ref_for(next((c for c in inverted if c.ent_type_ == "PERSON"), inverted[0]), in_quote)
        if (verb.dep_ in ("conj", "xcomp", "advcl") or verb.dep_ == "dep" and verb.head.pos_ == "VERB"
                or verb.dep_ == "dobj" and verb.tag_ == "VBG" and _is_passive(verb.head)) and (  # "is shown lecturing"
                verb.head.i != verb.i and not in_quote[verb.head.i]):
            # "prompted Rubio to make a joke … and call Trump “…”": the cue verb, or one it is
            # joined to, under a verb with an object (not "inviting them to speak … to ensure “…”").
            doer = _object_of_control(verb, in_quote) if verb.dep_ == "xcomp" and only_joined else None
            if doer is not None:
                return doer
            if verb.dep_ == "xcomp":
                # A finite "complement" is a misparse, and a name right before it its subject
                # ("When someone shouted, “Cruz,” Beck joked, “…”").
                named = _name_just_before(verb, in_quote)
                if named is not None:
                    return named
            via_xcomp = via_xcomp or verb.dep_ == "xcomp"
            climbed = verb.dep_ == "conj"
            only_joined = only_joined and climbed
            # "… was escorted out after Trump mocked him and said": another subject in between
            came_from, verb = verb, verb.head
            continue
        if came_from is not verb:  # climbed to a misread report: "O'Malley, …, interjected to say:"
            misread = _misread_subject(verb, in_quote)
            if misread is not None:
                return _ref_for(misread, in_quote)
        # A misparsed "…,” the 43-year-old asked" hangs the verb off its subject.
        head = verb.head
        if (verb.dep_ in ("acl", "relcl") and head.i == verb.i - 1 and not in_quote[head.i]
                and _phrase_follows_quote(head, in_quote)):
            return _ref_for(head, in_quote)
        break
    return (_between_quote_and_verb(verb, in_quote) or _name_just_before(verb, in_quote)
            or _participle_subject(verb, in_quote))


#: Things a person puts out in their own name: "Trump released a radio ad calling it …".
_ISSUED = _STATEMENT_NOUNS | frozenset("ad advertisement commercial video op-ed".split())
#: Verbs by which someone puts out a statement in their own name ("Trump released an ad"),
#: not "ripped", "retweeted" or "removed" one.
_ISSUING = frozenset("issue release send post publish tweet email e-mail air run launch unveil circulate "
                     "distribute blast put write sign deliver".split())
#: What people do with a sign that makes its words theirs.
_HOLDING = frozenset("hold carry wave raise brandish display hoist".split())
#: Things that say what is written on them: "a sign reading “…”".
_SIGNS = frozenset("sign banner placard poster billboard shirt t-shirt hat cap button sticker".split())
_SAYING_THINGS = _ISSUED | _SIGNS


def _issuer(noun: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """Who speaks through a statement, ad or sign that "says" something: a sign nobody is said
    to hold ("a banner reading …", never "Trump's signs"; a held one is its holder's, found as
    before), a statement's owner ("her statement saying"), else whoever put it out ("Black Lives
    Matter issued a statement saying")."""
    if any(c.dep_ == "prep" and c.lower_ in ("of", "from", "by") for c in noun.children):
        return None  # "a video of Clinton calling …", "a letter from Comey saying …": theirs, not the sender's
    if noun.lemma_.lower() in _SIGNS:
        if noun.dep_ == "dobj" or any(c.tag_ == "VBG" or c.tag_ in ("VBN", "VBD") and c.lemma_.lower() in _HOLDING
                                      for c in noun.lefts):  # "Holding signs calling …", "… held signs reading"
            return None
        mods = [c for c in noun.lefts if c.dep_ in ("det", "amod", "compound", "nummod")]
        first = mods[0].left_edge if mods else noun  # "a hand-lettered sign", not "Fiorina's … signs"
        return SpeakerRef("description", first.idx, noun.idx + len(noun), noun.doc[first.i : noun.i + 1].text,
                          head=noun.lemma_.lower(), plural=noun.tag_ == "NNS")
    if any(c.dep_ == "poss" and not in_quote[c.i] for c in noun.children):
        return _owner_ref(noun, in_quote)
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in _ISSUING:
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj" and not in_quote[c.i]]
        if subjects:
            ref = _ref_for(_nearest_subject(subjects, noun.head), in_quote)
            return ref if ref is not None and _is_source(ref) else None
    return None


def _spaced_dash(tok: Token) -> bool:
    """A dash that sets words off: not the hyphen of "D-Ohio"."""
    if tok.text not in _DASHES:
        return False
    return tok.text != "-" or bool(tok.whitespace_) and tok.i > 0 and bool(tok.doc[tok.i - 1].whitespace_)


def _report_between(subject: Token, verb: Token, in_quote: list[bool]) -> Token | None:
    """ "Clinton, a top aide said, “is very confident …”": a report set between a subject and
    its quoted predicate is the aide's, whom the parser took for an apposition to Clinton
    (with a comma after it, "Clinton, a top aide, said" would be Clinton); and so is a person
    named right before the verb ("Or maybe Jeb Bush, consultant Phil Musser says")."""
    if verb.doc[verb.i - 1].is_punct:
        return None
    appos = next((c for c in subject.children if c.dep_ == "appos" and c.right_edge.i == verb.i - 1), None)
    if appos is None:
        return None
    if verb.dep_ == "parataxis" and in_quote[verb.head.i]:
        return appos
    # "In the letter - addressed to the U.S. attorney, Channing D. Phillips - the Utah Republican
    # asks": the name closes an aside between dashes; the subject comes after it.
    doc = verb.doc
    dashes = [t for t in doc[subject.sent.start : subject.i]
              if _spaced_dash(t) and not in_quote[t.i] and not _in_dateline(t)]  # not "LAS VEGAS —"
    if len(dashes) % 2 and appos.left_edge.i > 0 and _spaced_dash(doc[appos.left_edge.i - 1]):
        return appos
    # "Or maybe Jeb Bush, digital consultant Phil Musser says.": a person named right before the
    # verb with no comma to close an apposition is its subject; the name before is the topic.
    return appos if appos.ent_type_ == "PERSON" else None


def _reported_to(verb: Token, in_quote: list[bool]) -> bool:
    """A passive report whose subject is spoken to or about ("was asked", "was called"): not
    when the quote is the subject's own report ("was criticised by X for saying “…”", "was
    asked by the Times … and said", "for her claim that …") nor "Trump was quoted (reported,
    cited) as saying", which are theirs."""
    if not _is_passive(verb) or verb.lemma_.lower() in _QUOTING:
        return False
    # The subject's own report stands between the passive and the quote: "for saying", or a
    # report the quote hangs from ("and said, “…”"), not the agent's words ("by Bill Maher, who
    # … has dismissed the story, “…”", which the parser may join to "asked").
    quote = next((i for i in range(verb.i + 1, len(verb.doc)) if in_quote[i]), len(verb.doc))
    agents = {t.i for c in verb.children if c.dep_ == "agent" for t in c.subtree}
    return not any((_is_speech_verb(t) or _owned_speech(t)) and verb.i < t.i < quote and t.i not in agents
                   and (t.dep_ == "pcomp" or any(in_quote[w.i] for w in t.subtree)) for t in verb.subtree)


def _agent(verb: Token, in_quote: list[bool]) -> Token | None:
    """The "by" phrase of a passive: "was asked by Bill Maher"."""
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj" and not in_quote[g.i]), None)


def _owned_speech(tok: Token) -> bool:
    """"her claim", "Cho's statement": something said, and whose ("was blasted by Moon for her
    claim that the bill was “dead”" is Cho's claim)."""
    return tok.lemma_.lower() in lexicon.SPEECH_NOUNS and any(c.dep_ == "poss" for c in tok.children)


#: Passives whose subject is the one quoted: "was quoted (cited, reported, recorded) as saying".
_QUOTING = frozenset("quote cite report record".split())


def _object_of_control(xcomp: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """The person made to speak: "That prompted Rubio to … call Trump “very flexible”", "I heard
    Trump say “…”" — the object of the verb above, not its subject."""
    if xcomp.head.lemma_.lower() not in _MAKING_SPEAK:
        return None  # "invited Ross to testify about “the crisis”": not said yet, nor in her words
    obj = next((c for c in xcomp.head.children if c.dep_ == "dobj" and c.i < xcomp.i and not in_quote[c.i]), None)
    if obj is None or not (obj.ent_type_ == "PERSON" or obj.lower_ in _OBJECT_PRONOUNS):
        return None  # a person named or "him"/"her": "inviting all candidates to speak" says nothing yet
    return _object_ref(obj, in_quote)


def _object_ref(obj: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """A verb's object as a speaker: "him"/"her" read as the "he"/"she" they stand for."""
    if obj.lower_ in _OBJECT_PRONOUNS:
        return SpeakerRef("pronoun", obj.idx, obj.idx + len(obj), _OBJECT_PRONOUNS[obj.lower_])
    return _ref_for(obj, in_quote)


#: Verbs by which someone is heard to speak, or made to: "heard Trump say", "prompted Rubio to call".
_MAKING_SPEAK = frozenset("hear overhear see watch catch film prompt lead cause spur provoke inspire".split())

#: Object pronouns of a person and the subject pronoun each stands for.
_OBJECT_PRONOUNS = {"him": "he", "her": "she"}


def _is_passive(verb: Token) -> bool:
    """"was asked", "is described": a verb whose subject is acted on."""
    return verb.tag_ == "VBN" and any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _passive_speaks(subject: Token, passive: Token, conjoined: Token) -> bool:
    """Whether a passive's subject does its conjoined verb: "Simmons was joined on stage … and
    joked" (a person, nobody else's subject between), not "the move was made …, and said" nor
    "… was escorted out after Trump mocked him and said"."""
    return _personal_token(subject) and not any(t.dep_ == "nsubj" for t in subject.doc[passive.i + 1 : conjoined.i])


def _personal_token(tok: Token) -> bool:
    """A word that stands for a person: a name, "he"/"she", "the mayor"."""
    return (tok.ent_type_ == "PERSON" or tok.pos_ == "PROPN" or tok.lower_ in lexicon.PERSON_PRONOUNS
            or lexicon.normalise_title(tok.lemma_) in lexicon.PERSON_TITLES)


def _name_tagged_verb(tok: Token) -> bool:
    """A capitalised subject that the tagger calls a verb: "“…,” Trump shot back", "Husted
    continued by saying".  Opening a sentence, not a gerund: "Running for office is hard"."""
    if not (tok.pos_ == "VERB" and tok.dep_ == "nsubj" and tok.is_title):
        return False
    return tok.tag_ != "VBG" or (tok.i > tok.sent.start and not tok.doc[tok.i - 1].is_sent_start)


#: What may stand before a participle that speaks for its sentence's subject ("…, saying",
#: "by telling", "upon saying": "Silverman drew boos upon saying, “…”").
_PARTICIPLE_LEADS = frozenset(", by upon after before while when without".split())


def _subordinate(verb: Token) -> bool:
    """A verb heading a clause inside another: "that the bill had …", "after he won"."""
    return verb.dep_ in ("ccomp", "relcl", "acl") or _marked(verb)


def _marked(verb: Token, word: str | None = None) -> bool:
    """An adverbial clause opened by a conjunction ("because …", "after …"; only ``word``'s when given)."""
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and (word is None or c.lower_ == word)
                                        for c in verb.children)


def _participle_subject(verb: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """ "Flea shared the news, writing “…”", "Clinton seemed ready, telling the crowd, “…”":
    a participle after a comma (or ", and", "- and") speaks for its sentence's subject,
    however the parser hung it."""
    doc = verb.doc
    if verb.tag_ != "VBG" or verb.i < 2:
        return None
    prev = doc[verb.i - 1]
    if prev.lower_ not in _PARTICIPLE_LEADS and not (prev.lower_ == "and" and doc[verb.i - 2].text in (",", "-", "—", "–")):
        return None
    root = verb.sent.root
    if root.i == verb.i or root.i > verb.i or in_quote[root.i] or root.pos_ not in ("VERB", "AUX"):
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and not in_quote[c.i]]
    if not subjects:
        return None
    ref = _ref_for(_nearest_subject(subjects, root), in_quote)
    return ref if ref is not None and _is_personal_or_named(ref) else None


def _nearest_subject(subjects: list[Token], verb: Token) -> Token:
    """Of the subjects the parser gave one verb, the one next to it: in "Speaking in Salem,
    New Hampshire, Trump went after Bush" the place is a misparse, Trump the subject."""
    after = [t for t in subjects if verb.i < t.i <= verb.i + 3]
    if after and verb.i > 0 and verb.doc[verb.i - 1].text in (",", "”", '"'):
        return after[0]  # "The rejection signals “…”, said Geert Wilders": inverted, after a comma
    before = [t for t in subjects if t.i < verb.i]
    return before[-1] if before else subjects[0]


def _name_just_before(verb: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """A person's name right before a verb the parser left without a subject ("In a statement
    to the Observer, her adviser, Jake Sullivan, said: …" hangs the names off "Observer")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    modal = verb.doc[verb.i - 1] if verb.i else None
    if modal is not None and modal.tag_ == "MD" and modal.text in ("Will", "May") and verb.tag_ in ("VBD", "VBN") and (
            not in_quote[modal.i]):
        # "“…,” Will wrote", "May said": no modal comes before a past tense; a surname does.
        return SpeakerRef("name", modal.idx, modal.idx + len(modal), modal.text)
    if verb.tag_ not in ("VBD", "VBZ", "VBP"):  # "a message on Twitter reading “…”": not a subject
        return None
    j = verb.i - 1
    while j >= 0 and verb.doc[j].text == "," and not in_quote[j]:
        j -= 1
    if j >= 0 and verb.doc[j].text == ")" and not in_quote[j]:  # "Sen. Elizabeth Warren (D-Mass.) said"
        opening = next((k for k in range(j - 1, max(-1, j - 8), -1) if verb.doc[k].text == "("), None)
        j = opening - 1 if opening is not None else j
    if j < 0 or in_quote[j] or verb.doc[j].ent_type_ != "PERSON":
        return None
    return _ref_for(verb.doc[j], in_quote)


def _between_quote_and_verb(verb: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """The words between a closing mark and its verb ("…,” Trump barked", "…,” Gene Sperling,
    a top adviser, said"), however parsed: the phrase right after the mark."""
    doc = verb.doc
    j = verb.i - 1
    k = j
    while k >= 0 and not in_quote[k] and doc[k].pos_ not in ("VERB", "AUX") and verb.i - k < 16:
        k -= 1
    q = verb.i - 1
    while q >= 0 and not in_quote[q] and verb.i - q < 32:  # past a long apposition ("Trump, the … frontrunner …, said")
        q -= 1
    if q >= 0 and in_quote[q] and q + 1 < verb.i and doc[q + 1].ent_type_ == "PERSON":
        # "…,” Nate Silver, the polling guru who founded the site, tweeted: the name after the mark.
        ent = _ent_of(doc[q + 1])
        # Not a name that only modifies the subject ("Kennedy biographer Ruth Adler").
        if ent is not None and ent.end <= verb.i and ent.root.dep_ not in ("compound", "poss", "nmod", "amod"):
            return _ref_for(ent.root, in_quote)
    if k >= 0 and in_quote[k] and k + 1 < verb.i:
        first = k + 1
        end = first
        while end < verb.i and doc[end].pos_ in ("PROPN", "NOUN", "DET", "ADJ", "NUM") and not doc[end].is_punct:
            end += 1
        if end > first and end < verb.i and doc[end].text == ",":
            return _ref_for(doc[end - 1], in_quote)
    while j >= 0 and not in_quote[j] and not doc[j].is_punct and doc[j].pos_ in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
        j -= 1
    if j == verb.i - 1 or j < 0:
        return None
    while j >= 0 and doc[j].is_punct and not in_quote[j]:
        j -= 1
    if j >= 0 and in_quote[j]:
        return _ref_for(doc[verb.i - 1], in_quote)
    return None


def _follows_quote(verb: Token, in_quote: list[bool]) -> bool:
    i = verb.i - 1
    while i >= 0 and verb.doc[i].is_punct and not in_quote[i]:
        i -= 1
    return i >= 0 and in_quote[i]


def _phrase_follows_quote(head: Token, in_quote: list[bool]) -> bool:
    """Is the phrase ending at ``head`` ("the 43-year-old") right after a closing mark?"""
    doc, j = head.doc, head.i
    while j > 0 and not in_quote[j - 1] and doc[j - 1].text not in (",", ".", ";", ":", "!", "?"):
        j -= 1
    return j > 0 and in_quote[j - 1]


def _ref_for(tok: Token, in_quote: list[bool]) -> SpeakerRef | None:
    """Describe the phrase headed by ``tok`` as a name, pronoun or description."""
    doc = tok.doc
    if _in_dateline(tok):
        return None  # "New York (AFP) – Oscar-winning actress …": New York says nothing
    if tok.lower_ in ("who", "that", "which") and tok.head.dep_ == "relcl":
        # "Franklin Graham, who has vowed …": the person, resting on "who".
        ante_tok = tok.head.head
        # Not a quoted noun: a “chief trade prosecutor” who reports to the president says nothing.
        ante = _ref_for(ante_tok, in_quote) if ante_tok.i != tok.i and not in_quote[ante_tok.i] else None
        if ante is None or ante.kind == "pronoun":
            return ante
        # "a hat that says “…”", "the plan, which reads": things, not speakers.  Only "who"
        # vouches for a person; "that"/"which" only when the antecedent is one.
        if tok.lower_ != "who" and not (ante_tok.ent_type_ == "PERSON" or ante.kind == "description"
                                        and lexicon.normalise_title(ante.head) in lexicon.PERSON_TITLES):
            return None
        return replace(ante, via=(tok.idx, tok.idx + len(tok)))
    low = tok.lower_
    if low in ("this", "that") or tok.like_num and tok.pos_ == "NUM" and low != "one" or low in ("percent", "%"):
        return None  # "That said, …", "72 percent said": not someone to quote
    if low in lexicon.PRONOUNS:
        return SpeakerRef("pronoun", tok.idx, tok.idx + len(tok), tok.text)
    # A title standing for its holder ("President of France Emmanuel Macron", "The Secretary of
    # State for Health, Wes Streeting,"): the person named in it, else a description.
    title_word = (tok.pos_ == "PROPN" and not tok.ent_type_
                  and lexicon.normalise_title(tok.lower_) in lexicon.PERSON_TITLES)
    if title_word:
        # Only a name after the capitalised title, not one it is "to" or that owns it ("an aide
        # to President Bush", "a Trump adviser" are not Bush or Trump).
        person = next((t for t in tok.subtree if t.i > tok.i and t.ent_type_ == "PERSON" and not in_quote[t.i]
                       and not _under_to_or_owner(t, tok)), None)
        if person is not None:
            ent = _ent_of(person)
            return _ref_for(ent.root if ent is not None else person, in_quote)
    # A person named in apposition to a description ("a spokesman, John Doe, said"; "said Rubio
    # spokesman Alex Conant"; "said ranking Democrat Elijah Cummings", where "Democrat" heads).
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "PERSON"):
        for c in tok.rights:
            if c.dep_ in ("appos", "compound", "npadvmod", "nmod", "attr") and c.ent_type_ == "PERSON":
                tok = c
                break
    if tok.ent_type_ in lexicon.NAMED_LABELS or (tok.pos_ == "PROPN" and not tok.ent_type_ and not title_word) or (
            _name_tagged_verb(tok)):
        ent = _ent_of(tok)
        if ent is not None:
            start, end = _clean_bounds(ent)
            if end > start:
                return SpeakerRef("name", doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), doc[start:end].text)
        left = tok
        while (left.i > 0 and doc[left.i - 1].dep_ == "compound" and doc[left.i - 1].pos_ == "PROPN"
               and not doc[left.i - 1].ent_type_):  # not "Democrat" in "Democrat Elijah Cummings"
            left = doc[left.i - 1]
        return SpeakerRef("name", left.idx, tok.idx + len(tok), doc[left.i : tok.i + 1].text)
    if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        start = tok.left_edge
        while start.i < tok.i and (in_quote[start.i] or start.is_punct):
            start = doc[start.i + 1]
        head = lexicon.normalise_title(tok.lemma_)
        personal = head in lexicon.PERSON_TITLES or lexicon.is_agent_noun(head)
        source = personal or head in lexicon.SOURCE_NOUNS
        # "Holding signs, the protesters …" opens a clause; "grieving parents" are people.
        if (start.tag_ == "VBG" and (start.dep_ not in ("amod", "compound") or start.is_title) and not personal
                or any(c.dep_ == "poss" for c in tok.children) and not source):
            return None  # "Clinton’s attacks were echoed", "Holding signs, the protesters": not a speaker
        mods = set()
        for c in tok.children:
            if c.i < tok.i and c.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod"):
                mods.update(w.lower_.rstrip(".") for w in c.subtree if not w.is_punct and w.lower_ not in ("'s", "’s"))
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "with", "at"):
                mods.update(w.lower_ for w in c.subtree if w.pos_ in ("PROPN", "NOUN", "ADJ"))
        return SpeakerRef(
            "description",
            start.idx,
            tok.idx + len(tok),
            doc[start.i : tok.i + 1].text,
            head=tok.lemma_.lower(),
            modifiers=frozenset(mods),
            plural=tok.tag_ in ("NNS", "NNPS"),
        )
    return None


def _under_to_or_owner(tok: Token, top: Token) -> bool:
    """Is ``tok`` an owner ("Trump’s") or inside a "to" phrase on its way up to ``top``?"""
    if tok.dep_ == "poss":
        return True
    for a in tok.ancestors:
        if a.i == top.i:
            return False
        if a.lower_ == "to" or a.dep_ == "poss":
            return True
    return False


def _ent_of(tok: Token) -> SpacySpan | None:
    """The entity ``tok`` is in, found from its IOB tags: ``doc.ents`` rebuilds every entity
    span on each access, which made this the costliest call of a long paragraph."""
    if not tok.ent_type_:
        return None
    doc, start, end = tok.doc, tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return _span(doc, start, end, tok.ent_type_)


def _span(doc: Doc, start: int, end: int, label: str) -> SpacySpan:
    from spacy.tokens import Span as _Span  # spaCy is loaded by now: a Doc exists

    return _Span(doc, start, end, label=label)


def _tok_span(tok: Token) -> Span:
    return (tok.idx, tok.idx + len(tok))


def _shift(ref: SpeakerRef, offset: int) -> SpeakerRef:
    via = (ref.via[0] + offset, ref.via[1] + offset) if ref.via else None
    return replace(ref, start=ref.start + offset, end=ref.end + offset, via=via)


# -- names ------------------------------------------------------------------


def _clean_bounds(ent: SpacySpan) -> tuple[int, int]:
    """Token bounds of the entity without a leading "the" or a trailing "’s"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    # "the", and words the tagger swept in that cannot start a name ("Telling Jeb Bush",
    # "Stated Stone:").
    while start < end and (doc[start].lower_ in ("the", "a", "an")
                           or doc[start].pos_ in ("VERB", "ADV", "ADP", "PRON", "CCONJ", "SCONJ", "PART", "INTJ")
                           or start + 1 < end and doc[start].is_sent_start
                           and lexicon.looks_like_report(doc[start].text) and not first_name_sex(doc[start].text)):
        start += 1
    # …and anything with no letter or digit at either end: punctuation, spaces, an emoji the
    # tagger swept in ("Jane Doe 👨").
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in ("'s", "’s", "'", "’")
                           or not any(ch.isalnum() for ch in doc[end - 1].text)):
        end -= 1
    while start < end and not any(ch.isalnum() for ch in doc[start].text):
        start += 1
    # A spaced dash ends a name: "Deborah Jordan Reynolds - Santilli's girlfriend -" (a hyphen,
    # as in "Ocasio-Cortez", has no space before it).
    for i in range(start + 1, end):
        if doc[i].text in ("-", "–", "—", "--") and doc[i - 1].whitespace_ or doc[i].text == ":":
            end = i  # ...and so does a colon: "COMEY: Not in so many words" names Comey
            break
    while end > start and not any(ch.isalnum() for ch in doc[end - 1].text):
        end -= 1
    # A report the tagger swept in: "Trump told Business Insider" is "Trump".
    for i in range(start + 1, end):
        if _is_speech_verb(doc[i]) and doc[i].tag_ in ("VBD", "VBZ", "VBP") and any(
                doc[j].head.i == i and doc[j].dep_ == "nsubj" for j in range(start, i)):
            end = i
            break
    return start, end


#: A dateline opening a paragraph: "WASHINGTON (AP) — ", "DES MOINES, Iowa — ", "New York
#: (AFP) – " (a city in capitals, or any city with its agency, then a dash).
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?\s*(?:\([A-Z][A-Za-z .]+\)\s*)?"
    r"|[A-Z][A-Za-z.'’]+(?:[ -][A-Z][A-Za-z.'’]+)*(?:, [A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?\s*\([A-Z][A-Za-z .]+\)\s*)"
    r"[—–-]{1,2}\s")
_DATELINE_KEY = "newsread.dateline_end"


def _in_dateline(tok: Token) -> bool:
    """Part of the paragraph's dateline: a place, never a speaker, whatever the parse says."""
    return tok.idx < tok.doc.user_data.get(_DATELINE_KEY, 0)


def _asked(tok: Token, in_quote: list[bool]) -> bool:
    """The person asked a question, who answers next: "Conroy asked Sanders whether … ¶
    “Sure,” he said" is Sanders's answer, so the asked counts as a subject for the "he" after.
    Not one asked to do something ("asked Meadows to step aside"), nor pressed."""
    verb = tok.head
    if tok.dep_ != "dobj" or verb.lemma_.lower() != "ask" or in_quote[verb.i]:
        return False
    after = tok.right_edge.i + 1  # "asked Bernie Sanders if he would …", however the clause is hung
    return after < len(tok.doc) and tok.doc[after].lower_ in _QUESTION_WORDS


_QUESTION_WORDS = frozenset("whether if why how what when where who which about".split())


def _name_mention(ent: SpacySpan, offset: int, in_quote: list[bool]) -> NameMention | None:
    if ent.label_ not in lexicon.NAMED_LABELS:
        return None
    start, end = _clean_bounds(ent)
    if end <= start:
        return None
    doc = ent.doc
    root = ent.root if (start, end) == (ent.start, ent.end) else doc[start:end].root
    # "Jane" tagged alone in "Mayor Jane Doe": the name runs on to the proper noun it modifies.
    if ent.label_ == "PERSON" and root.dep_ == "compound" and root.head.i >= end:
        head = root.head
        if all(t.pos_ == "PROPN" and not t.ent_type_ for t in doc[end : head.i + 1]):
            end, root = head.i + 1, head
    first = doc[start]
    text = doc[start:end].text
    # "Rubio’s" tokenised as one token: drop the possessive from the span.
    cut = len(text)
    for suffix in ("’s", "'s"):
        if text.endswith(suffix) and len(text) > len(suffix):
            cut = len(text) - len(suffix)
    text = text[:cut]
    lead = _glued_dash(text)
    text = text[lead:]
    if not text.strip() or any(m in text for m in "“”\"„"):
        return None  # blank, or running across a quotation mark: not a name
    titles = set() if _in_dateline(first) else _titles(root, start, end)
    asked = _asked(root, in_quote)
    return NameMention(
        start=offset + first.idx + lead,
        end=offset + first.idx + lead + len(text),
        text=text,
        label="GPE" if _in_dateline(first) else ent.label_,
        titles=frozenset(titles),
        is_subject=(root.dep_ in ("nsubj", "nsubjpass") or asked) and not _in_dateline(first),
        asked=asked,
        in_quote=in_quote[root.i],
        gender=lexicon.gender_of(titles),
    )


def _titles(root: Token, start: int, end: int) -> set[str]:
    """Words that describe a named person: "British Prime Minister", ", the senator"."""
    words: set[str] = set()

    def add(tok: Token) -> None:
        for w in tok.subtree:
            if not (start <= w.i < end) and not w.is_punct and w.dep_ not in ("det", "case", "cc", "relcl"):
                words.add(lexicon.normalise_title(w.lower_))

    for c in root.children:
        if c.i < start and c.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss"):
            add(c)
        elif c.i >= end and c.dep_ == "appos":
            add(c)
    if root.dep_ == "appos" and root.head.i < start:
        head = root.head
        words.add(lexicon.normalise_title(head.lower_))
        for c in head.children:
            if c.i < head.i and c.dep_ in ("compound", "amod", "poss"):
                add(c)
    words.discard("")
    return words
