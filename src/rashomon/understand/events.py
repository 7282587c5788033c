"""Events: who did what to whom, when and where, one sentence at a time.

A trigger word from ``data/events.toml`` gives the type; the names before the trigger
fill the first role of that type (agent, speaker...), the names after it the second
(target, victim...), turned round in the passive ("was killed by"); a place after
"in/at/near" is the location; a date in the sentence, normalised, is the date.

Only reported events count: a trigger that is negated ("did not attack"), hypothetical
("could expel", "to strike"), inside a quotation, or a reporting verb of a relative clause
("X, which says...") gives no event. A statement needs a named speaker: the name right
before the verb (appositions, "on Monday", "in a statement" may stand between), the name
after it in '"...," said X', or the last person named before "he said"/"she said".
Some trigger forms count only with a context word near them (``[conditional]``: "fell"
is economic next to "percent" or "shares", "sent" is a deployment of "troops").
"""

from __future__ import annotations

import bisect
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as ir

_ACTORS = {"PERSON", "ORG", "GPE", "NORP"}
_SPEAKERS = {"PERSON", "ORG", "GPE", "NORP"}
_PLACES = {"GPE", "FAC", "LOC"}
_ONE_TOLL = {"death", "injury", "disaster"}  # told again and again: one event per date
_DEFINITE = re.compile(r"\b(?:the|his|her|its|their|this|that|these|those)\s+"
                       r"(?:[\w’'-]+\s+)?$", re.I)
_MILITARY = re.compile(r"\b(?:air|drone|missile|rocket|military|army|troops|forces|bomb\w*|"
                       r"killed|killing|dead|wounded|targeted|targeting|militants?|fighters|"
                       r"artillery|retaliat\w*|warplanes?|jets?|naval|strikes? on)\b", re.I)
_VIOLENCE = re.compile(r"\b(?:attack\w*|strikes?|airstrikes?|shot|shoot\w*|gun\w*|bomb\w*|"
                       r"raid\w*|stabb\w*|troops|soldiers|forces|militants?|fighters|shell\w*|"
                       r"police|army|executed|assassin\w*|war)\b", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .'’-]+(?:,[^–—:-]{1,40})?\s*(?:\([^)]{1,30}\))?\s*[–—:-]\s")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+\s+)?$", re.I)
_BY = re.compile(r"^\s*(?:\w+\s+){0,3}?by\b", re.I)
_LOC_PREP = re.compile(r"\b(?:in|at|near|outside|inside|on|from|into|across)\s+(?:the\s+)?$", re.I)
# "did not attack", "no deal", "could expel", "would meet": not a reported event
_UNREAL = re.compile(r"(?:\b(?:not|never|no|without|would|could|might|should|cannot|will|"
                     r"call(?:s|ed|ing)?\s+(?:\w+\s+){0,2}?for|demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|"
                     r"in\s+favou?r\s+of|seek(?:s|ing)?|sought|threaten(?:s|ed|ing)?\s+to)|n[’']t)"
                     r"\s+(?:(?:have|be|been|yet|to|a|an|any|the|further|immediately|"
                     r"directly|also)\s+)?$", re.I)
_MODAL = re.compile(r"\b(?:would|could|might|may|should|will|can|cannot)\s+(?:\w+\s+){0,3}$")
# "an assault on the city could lead to...": a nominal event that has not happened
_MODAL_AFTER = re.compile(r"^[^.;,]{0,40}?\b(?:would|could|might)\b")
# "the transfer window", "ceasefire negotiations": the event word modifies another noun
_MODIFIER = re.compile(r"^\s+(?:window|deadline|fee|market|talks|negotiations|line|bid|plan|"
                       r"proposal|process|threat|zone|season)\b", re.I)
# "the truce collapsed", "talks broke down": no disaster
_ABSTRACT = re.compile(r"\b(?:truce|ceasefire|talks|deal|government|coalition|negotiations|"
                       r"economy|currency|market|plan|agreement|company|bank|firm)\b", re.I)
_WEAPONS = re.compile(r"\b(?:air|drone|missile|rocket|troops|artillery|bomb\w*|warplanes?|"
                      r"military|army)\b", re.I)
_POSSESSOR = re.compile(r"^['’]s?\s+(?:\w+\s+)?$")
_TO_VERB = re.compile(r"\bto\s+$", re.I)
_NOUN_END = re.compile(r"(?:ed|ing|s|ion|ment|ure|ce)$", re.I)
# "Knut, which says it...", "Garba, who has repeatedly said": background, not an occasion
_RELATIVE = re.compile(r"\b(?:which|who|whom)\s+(?:\w+\s+){0,2}$|\bwhere\s+(?:\w+\s+){0,3}$", re.I)
_THREAT_OBJECT = re.compile(r"^\s*(?:of\s+(?:\w+\s+)?(?:retaliation|revenge|reprisals?|"
                            r"consequences|response|attacks?|war)|against)\b", re.I)
_RELEASED_THING = re.compile(r"\b(?:statement|video|report|figures|data|images?|counts?|"
                             r"documents?|footage|recording|tape|results?|funds?|money|"
                             r"satellite)\s+$", re.I)
_ARTICLE_BEFORE = re.compile(r"\ban?\s+$", re.I)
_FAREWELL = re.compile(r"\s+(?:goodbye|farewell)\b", re.I)
_PASSIVE_SAY = re.compile(r"^\s+to\s+(?:be|have)\b", re.I)
_LABOUR = re.compile(r"\b(?:unions?|workers|teachers|staff|employees|wages?|pay|salar\w+|"
                     r"doctors|nurses|drivers|general|hunger|walkout|picket\w*|on\s+strike|"
                     r"striking|strikers)\b", re.I)
# "a collapsed mine", "families of detained activists": a participle as an adjective
_ADJECTIVE = re.compile(r"\b(?:a|an|of)\s+$", re.I)
# irregular verb forms among the triggers: not nouns
_VERB_FORMS = frozenset({"said", "says", "told", "met", "meet", "hit", "cut", "struck", "won",
                         "sent", "held", "quit", "hurt", "freed", "withdrew",
                         "withdraw", "withdrawn", "invest", "expel", "eject", "rose", "fell",
                         "burst"})
_CLAUSE_BREAK = re.compile(r"[,;\"“”]|\bthat\b")
_PLACE_OF = re.compile(r"\b(?:city|town|village|capital|province|region|district|state|"
                       r"port|island)\s+of\s+$", re.I)
# between a trigger and a date: the date belongs to another clause ("fell on Monday after
# a tunnel collapse", "said on Sunday they had reached miners trapped after a collapse")
OTHER_CLAUSE = re.compile(r"\b(?:after|before|following|since|when|while|until|said|says|"
                          r"told|ahead of|because)\b|[;:]", re.I)
# ... after the trigger, a month or a year still dates it ("killed after they had landed at
# the airport in January")
_LATER_CLAUSE = re.compile(r"\b(?:since|until|before|ahead of|because)\b|[;:]", re.I)
_RELATIVE_THAT = re.compile(r"\b(?:that|which)\s+$", re.I)
_SUBCLAUSE = re.compile(r"\b(?:after|before|when|which|that|following)\b", re.I)
_NOT_A_DATE = re.compile(r"\b(?:since|until|till|by)\s+$", re.I)
_NAME_AFTER = re.compile(r"\s+[A-Z]")
_FUTURE = re.compile(r"^[^.;]{0,80}?\b(?:would|will)\b")
_PROTEST_CONTEXT = re.compile(r"\b(?:protest\w*|demonstrat\w*|supporters|rall(?:y|ies)|"
                              r"crowds?|marchers|strikers)\b", re.I)
_PRONOUN = re.compile(r"\b(he|she)\s+(?:\w+ly\s+|also\s+|later\s+|then\s+)?$", re.I)
# what may stand between a speaker's name and the verb: "(KNUT)", ", its chief executive,",
# "on Monday", "in a statement", "also", "in <place>"; N is another name
_SPEAKER_GAP = re.compile(
    r"^(?:\s*\([^)]{1,40}\))?(?:\s*,[^;.]{1,110},|\s*,)?(?:\s*\([^)]{1,40}\))?\s*"
    r"(?:(?:'s|’s)?\s*(?:\w+\s+)?(?:official|spokes(?:man|woman|person)|ministry|"
    r"representative|envoy)\s+)?"
    r"(?:(?:has|have|had|also|later|earlier|then|again|previously|publicly|separately|"
    r"on\s+\w+|in\s+an?\s+\w+(?:\s+\w+)?|in\s+N|at\s+N|of\s+N|\([^)]{1,40}\)|\w+ly)\s+)*$",
    re.I)
_SOURCE_GAP = re.compile(r"^\s+(?:(?:released|issued|posted|published)\s+)?(?:from|by)\s+"
                         r"(?:the\s+)?(?:\w+\s+){0,3}$", re.I)
_AFTER_GAP = re.compile(r"^\s*(?:(?!(?:that|on|in|to|at|from|by)\b)[\w.'’-]+,?\s+){0,4}$", re.I)
_RULING_PARTY = re.compile(r"\s+(?:[A-Z]|party|coalition|council|junta|family|elite)")
_IS_SAID = re.compile(r"\b(?:is|are|was|were|been)\s+$", re.I)
_WORD = re.compile(r"\w+")
_REVENGE = re.compile(r"\b(?:retaliat\w*|revenge|reprisals?|consequences|ultimatum)\b", re.I)
_QUOTE_END = re.compile(r"[\"”],?\s*$")
_NOT_SUBJECT = re.compile(r"(?:\b(?:of|for|with|by|to|against|from|in|as)\s+(?:the\s+)?|-)$",
                          re.I)
_AFTER_QUOTE = re.compile(r"[,\"”’]\s*$")
_OPENS_QUOTE = re.compile(r"\s*[\"“]")
_BARE_POSSESSIVE = re.compile(r"['’]s?\s+$")
_CLAUSE_WORD = re.compile(r"\b(?:which|who|whose|where|that|of|in|for|from|with|by|at|to|"
                          r"since|after|before|when)\b")
_ALPHA = re.compile(r"(?<![\w])[a-z]+")
_WORDCHAR = re.compile(r"\w")
_QUOTES = re.compile(r"[\"“”]|\n\s*\n")


@dataclass
class Trigger:
    type: str
    start: int
    end: int
    text: str


@dataclass
class SentenceEvent:
    type: str
    trigger: str
    trigger_start: int
    start: int                      # the sentence
    end: int
    participants: list[tuple[int, str]] = field(default_factory=list)  # (entity index, role)
    location: int | None = None
    date: str | None = None
    anaphoric: bool = False         # "the assassination": an event already told


@dataclass(frozen=True)
class Lexicon:
    singles: frozenset[str]         # one-word forms ("killed")
    prefixes: tuple[str, ...]       # forms with any ending ("assassinat*")
    phrases: dict[str, tuple[str, ...]]  # first word -> longer forms, longest first
    by_form: dict[str, str]
    roles: dict[str, tuple[str, str]]
    conditional: dict[str, tuple[str, re.Pattern[str], int]]  # form -> (type, context, window)
    bare: frozenset[str]            # types that are events without a named participant


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = tomllib.loads(ir.files("rashomon").joinpath("data/events.toml").read_text("utf-8"))
    by_form: dict[str, str] = {}
    forms_seen: list[str] = []
    conditional: dict[str, tuple[str, re.Pattern[str], int]] = {}
    for name, table in data.get("conditional", {}).items():
        etype = table.get("type", name)
        context = re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "")
            for w in table["context"]) + r")\b", re.I)
        for form in table["forms"]:
            conditional[form] = (etype, context, int(table.get("window", 0)))
            forms_seen.append(form)
    for etype, forms in data["triggers"].items():
        for form in forms:
            key = form.rstrip("*")
            by_form.setdefault(key, etype)
            forms_seen.append(form)
    singles, prefixes, phrases = set(), set(), {}
    for form in forms_seen:
        head = _WORD.match(form)
        if form.endswith("*"):
            prefixes.add(form[:-1])
        elif head is not None and head.group(0) == form:
            singles.add(form)
        elif head is not None:
            phrases.setdefault(head.group(0), set()).add(form)
    roles = {k: (v[0], v[1]) for k, v in data["roles"].items()}
    return Lexicon(frozenset(singles), tuple(sorted(prefixes)),
                   {k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
                   by_form, roles, conditional, frozenset(data.get("bare", [])))


def triggers(lex: Lexicon, low: str, s: int, e: int) -> list[tuple[int, int]]:
    """Trigger spans in ``low[s:e]`` (the text in lower case): at each word,
    the longest form that starts there; one word at a time, no overlaps."""
    found: list[tuple[int, int]] = []
    last = s
    for m in _ALPHA.finditer(low, s, e):
        a, word = m.start(), m.group(0)
        if a < last:
            continue
        end = None
        for phrase in lex.phrases.get(word, ()):
            b = a + len(phrase)
            if b <= e and low.startswith(phrase, a) and not (b < len(low) and
                                                              _WORDCHAR.match(low, b)):
                end = b
                break
        if end is None and (word in lex.singles or word.startswith(lex.prefixes)) and \
                not _WORDCHAR.match(low, m.end()):
            end = m.end()
        if end is not None:
            found.append((a, end))
            last = end
    return found


def _type_of(word: str, by_form: dict[str, str]) -> str | None:
    low = word.lower()
    if low in by_form:
        return by_form[low]
    for form, etype in by_form.items():
        if low.startswith(form) and len(form) >= 6:
            return etype
    return None


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The character ranges inside quotation marks; a paragraph break closes a quote."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTES.finditer(text):
        mark = m.group(0)
        if mark[0] == "\n":
            open_at = None
        elif mark == "“" or (mark == '"' and open_at is None):
            open_at = m.end()
        elif open_at is not None:
            spans.append((open_at, m.start()))
            open_at = None
    return spans


def _in_spans(pos: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _event_type(lex: Lexicon, text: str, s: int, e: int, start: int, end: int) -> str | None:
    word = text[start:end]
    low = word.lower()
    if low in lex.conditional:
        etype, context, window = lex.conditional[low]
        around = text[max(s, start - window):min(e, end + window)] if window else text[s:e]
        return etype if context.search(around) else None
    return _type_of(word, lex.by_form)


def find_events(text: str, sentences: list[tuple[int, int]],
                mentions: list[tuple[int, int, str, int]],
                dates: list[tuple[int, int, str | None]]) -> list[SentenceEvent]:
    """Events of each sentence. ``mentions`` are (start, end, label, entity index)."""
    lex = lexicon()
    out: list[SentenceEvent] = []
    mentions = sorted(mentions)
    dates = sorted(dates)
    quotes = quoted_spans(text)
    low = text.lower()
    if len(low) != len(text):  # "İ" lowers to two characters: keep the offsets
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    q_starts = [a for a, _ in quotes]
    persons = [m for m in mentions if m[2] == "PERSON" and not _in_spans(m[0], quotes, q_starts)]
    p_ends = [m[1] for m in persons]
    last_speaker: tuple[int, int] | None = None  # (entity, where): "she said" after a quote
    mi = di = 0  # one sweep over sentences, mentions and dates: linear in the text
    for s, e in sentences:
        sentence = text[s:e]
        dl = _DATELINE.match(sentence)
        skip_to = s + dl.end() if dl else s  # the dateline's place is no actor
        while mi < len(mentions) and mentions[mi][0] < s:
            mi += 1
        inside = []
        k = mi
        while k < len(mentions) and mentions[k][0] < e:
            m = mentions[k]
            if m[0] >= skip_to and m[1] <= e and not _in_spans(m[0], quotes, q_starts):
                inside.append(m)
            k += 1
        while di < len(dates) and dates[di][0] < s:
            di += 1
        sentence_dates = []
        k = di
        while k < len(dates) and dates[k][0] < e:
            sentence_dates.append(dates[k])
            k += 1
        seen_types: set[str] = set()
        actors: list[tuple[int, int, str, int]] | None = None
        for t_start, t_end in triggers(lex, low, s, e):
            word = text[t_start:t_end]
            etype = _event_type(lex, text, s, e, t_start, t_end)
            if etype is None:
                continue
            before_trigger = text[max(s, t_start - 30):t_start]
            if text[t_end:t_end + 1] == "-" or text[t_start - 1:t_start] == "-":
                continue  # "cut-off islands", "a post-meeting briefing", "re-vote"
            if _TO_VERB.search(before_trigger) and " " not in word and \
                    not _NOUN_END.search(word):
                continue  # "to strike back", "calls to expel": a verb, not the event
            if _UNREAL.search(before_trigger) or _MODAL.search(before_trigger) or \
                    _in_spans(t_start, quotes, q_starts):
                continue  # "did not attack", "could expel", an event inside a quotation
            if word.lower().endswith("ed") and _ADJECTIVE.search(before_trigger) or \
                    word.lower() == "ruling" and _RULING_PARTY.match(text[t_end:t_end + 12]):
                continue  # "a collapsed mine", "the ruling party"
            if any(ds <= t_start < de for ds, de, _ in sentence_dates) or (
                    word[0].isupper() and word.lower() == "march" and t_start > s):
                continue  # "March 2021", "in March": a month
            if _nominal(word) and (_MODIFIER.match(text[t_end:e]) or
                                   _MODAL_AFTER.match(text[t_end:e])):
                continue  # "the transfer window", "an assault could lead to..."
            if word.lower() in ("released", "release") and _RELEASED_THING.search(before_trigger):
                continue  # "a statement released by", "figures released on Monday"
            etype = _retype(etype, word, text, s, e, t_start, t_end, lex)
            if etype is None or etype in seen_types and not _own_clause(
                    text, out, etype, word, t_start):
                continue
            if etype in ("statement", "threat") and (
                    _RELATIVE.search(before_trigger) or _PASSIVE_SAY.match(text[t_end:e])
                    or _FAREWELL.match(text[t_end:e])
                    or _IS_SAID.search(before_trigger)):
                continue  # "Knut, which says...", "sites said to be used": no occasion
            if any(m[0] <= t_start < m[1] for m in inside):
                continue  # "Strike" inside a name
            first, second = lex.roles[etype]
            if actors is None:  # a place after "in/at" is where it happened, not who did it
                actors = [m for m in inside if m[2] in _ACTORS and not (
                    m[2] == "GPE" and (_LOC_PREP.search(text[max(s, m[0] - 12):m[0]]) or
                                       _PLACE_OF.search(text[max(s, m[0] - 30):m[0]])))]
            before = [m for m in actors if m[1] <= t_start]
            after = [m for m in actors if m[0] >= t_end]
            participants: list[tuple[int, str]] = []
            if etype == "statement":
                speaker = _speaker(text, s, t_start, t_end, before, after, persons, p_ends,
                                   [m for m in inside if m[1] <= t_start], last_speaker)
                if speaker is None:
                    continue
                last_speaker = (speaker, t_start)
                participants.append((speaker, first))
                participants += [(m[3], second) for m in _objects(after, text, t_end)
                                 if m[3] != speaker and m[2] != "NORP"][:1]
            elif _PASSIVE.search(text[max(s, t_start - 20):t_start]):
                by = [m for m in after if _BY.match(text[t_end:m[0]])]
                if by:
                    participants.append((by[0][3], first))
                if before:
                    participants.append((before[-1][3], second))
            elif before and _possessed(word, text[before[-1][1]:t_start]):
                participants.append((before[-1][3], second))  # "the minister's killing"
                for m in _objects(after, text, t_end):
                    participants.append((m[3], second))
            else:
                if before:
                    participants.append((_subject(before, text, t_start)[3], first))
                for m in _objects(after, text, t_end):
                    participants.append((m[3], second))
            participants = _dedupe(participants)
            if not participants and etype not in lex.bare:
                continue
            if etype in seen_types and not _own_clause(text, out, etype, word, t_start):
                continue  # one event of a type per sentence
            location = _location(inside, text, {p for p, _ in participants}, etype, t_start,
                                 t_end)
            date = _date(text, etype, t_start, t_end, sentence_dates, e)
            event = SentenceEvent(etype, word, t_start, s, e, participants, location, date)
            event.anaphoric = bool(_DEFINITE.search(before_trigger)) and not (
                word.lower().endswith("ed") or word.lower() in _VERB_FORMS
                or " " in word and _RELATIVE_THAT.search(before_trigger)
            )  # not "the naira firmed", "the embankment that gave way"
            out.append(event)
            seen_types.add(etype)
    return _one_per_occasion(out, lex.roles, {m[3] for m in mentions if m[2] == "PERSON"})


def _own_clause(text: str, found: list[SentenceEvent], etype: str, word: str,
                t_start: int) -> bool:
    """Whether a second trigger of a type in one sentence tells another happening in a
    clause of its own: "the floods, which began after an embankment burst on Sunday" (a
    verb after a clause word), not "killed and wounded" or "the strikes, the attacks"."""
    prev = next((ev for ev in reversed(found) if ev.type == etype), None)
    if prev is None or _nominal(word) or prev.trigger.lower() == word.lower():
        return False
    return bool(_SUBCLAUSE.search(text[prev.trigger_start + len(prev.trigger):t_start]))


def _retype(etype: str, word: str, text: str, s: int, e: int, t_start: int, t_end: int,
            lex: Lexicon) -> str | None:
    """The type a trigger has in its sentence: a teachers' strike is a protest, a storm
    that killed people a death, a cyclone that hit a coast a disaster."""
    sentence = text[s:e]
    low = word.lower()
    if etype == "attack" and low in ("strike", "strikes") and _LABOUR.search(sentence) and \
            not _WEAPONS.search(sentence):
        return "protest"  # a teachers' strike, a general strike
    if etype == "disaster" and low.startswith("collapse") and _ABSTRACT.search(text[s:t_start]):
        return None  # "the truce collapsed"
    if etype == "disaster" and word[0].isupper() and _NAME_AFTER.match(text[t_end:e]):
        return None  # "Cyclone Nargis": a name; its verb ("made landfall") is the event
    if etype == "attack" and low in ("clashes", "clashed") and \
            _PROTEST_CONTEXT.search(sentence):
        return "protest"  # protesters clashed with police
    natural = not _VIOLENCE.search(sentence) and any(
        "disaster" in (lex.by_form.get(w.lower()), lex.by_form.get(w.lower()[:-1]))
        for w in _WORD.findall(text[s:t_start]))  # "the cyclone killed", "cyclones that killed"
    if etype == "killing" and natural:
        return "death"  # "the cyclone killed 27 people": no killer
    if etype == "attack" and low in ("hit", "struck") and natural:
        return "disaster"  # "the earthquake struck Palu"
    if etype == "threat" and low in ("warned", "warning") and not (
            _THREAT_OBJECT.match(text[t_end:e]) or _FUTURE.search(text[t_end:e]) or
            _REVENGE.search(sentence)):
        return "statement"  # "the UN warned that...": a statement, no threat
    return etype


def _speaker(text: str, s: int, t_start: int, t_end: int, before, after, persons,
             p_ends: list[int], names, last_speaker: tuple[int, int] | None) -> int | None:
    """The entity that said it, or None when the speaker is unnamed ("officials said")."""
    if _nominal(text[t_start:t_end]):  # "a statement from ISRO", "a message released by X"
        source = next((m for m in after if _SOURCE_GAP.match(text[t_end:m[0]])), None)
        if source is not None:
            return source[3]
    window = max(s, t_start - 20)
    pron = _PRONOUN.search(text[window:t_start])
    if pron:
        after_quote = _QUOTE_END.search(text[max(s, window + pron.start() - 4):
                                              window + pron.start()])
        if after_quote and last_speaker is not None and t_start - last_speaker[1] < 800:
            return last_speaker[0]  # '"...," she said': the one quoted just before
        k = bisect.bisect_right(p_ends, t_start) - 1
        return persons[k][3] if k >= 0 and t_start - persons[k][1] < 600 else None
    for m in reversed(before):
        if t_start - m[1] > 150:
            break
        if _NOT_SUBJECT.search(text[max(s, m[0] - 12):m[0]]) or text[m[1]:m[1] + 1] == "-":
            continue  # "residents of Omdurman reported", "as Reuters reported", "pro-Iran"
        if _ARTICLE_BEFORE.search(text[max(s, m[0] - 4):m[0]]) and text[m[1]:m[1] + 1] == ",":
            continue  # "Jane Doe, the head of X, an NGO, said": a description, not the speaker
        gap = text[m[1]:t_start]
        for other in reversed([o for o in names if m[1] <= o[0]]):
            gap = gap[:other[0] - m[1]] + "N" + gap[other[1] - m[1]:]
        if m[2] in _SPEAKERS and _SPEAKER_GAP.match(gap) and not (
                gap.strip() == "," and _inside_clause(text, s, m[0])):
            return m[3]
    if _AFTER_QUOTE.search(text[max(s, t_start - 3):t_start]) or \
            _OPENS_QUOTE.match(text[s:t_start]):
        near = [m for m in after if m[2] in _SPEAKERS and _AFTER_GAP.match(text[t_end:m[0]])]
        if near:  # '"...," said Knut secretary-general Jane Doe': the person
            return next((m for m in near if m[2] == "PERSON"), near[0])[3]
    return None


def _possessed(word: str, gap: str) -> bool:
    """ "Haddad's killing", "the group's latest attack": the name owns the event (it is
    the victim or target); "the group's fighters killed" is no such case."""
    return bool(_POSSESSOR.match(gap)) and (_nominal(word) or bool(_BARE_POSSESSIVE.match(gap)))


def _date(text: str, etype: str, t_start: int, t_end: int,
          dates: list[tuple[int, int, str | None]], e: int) -> str | None:
    """The event's date: the dated expression nearest the trigger ("since 2014" and "by
    2030" date nothing); a statement only by a date in its own clause ("said on Monday",
    not "said the strike began in March")."""
    best: tuple[int, str] | None = None
    for ds, de, v in dates:
        if not v or de > e or _NOT_A_DATE.search(text[max(0, ds - 8):ds]):
            continue
        gap = ds - t_end if ds >= t_end else t_start - de
        between = text[t_end:ds] if ds >= t_end else text[de:t_start]
        if etype == "statement" and (gap > (50 if ds >= t_end else 20) or
                                     _CLAUSE_BREAK.search(between)):
            continue  # "said on Monday", "told reporters in Dhaka on Monday"
        if (OTHER_CLAUSE if ds < t_start or len(v) == 10 else _LATER_CLAUSE).search(between):
            continue  # "shares fell on Monday after a collapse": Monday dates the fall
        if best is None or gap < best[0]:
            best = (gap, v)
    return best[1] if best else None


def _nominal(trigger: str) -> bool:
    """A noun trigger ("ceasefire", "the talks"), not a verb ("agreed", "attacking")."""
    low = trigger.lower()
    return " " not in low and not low.endswith(("ed", "ing")) and low not in _VERB_FORMS


def _inside_clause(text: str, s: int, start: int) -> bool:
    """Whether a name closed by a comma ends a clause that began earlier (", which
    controls parts of Rakhine, said"), rather than naming the speaker (", chief executive
    Jane Doe, said")."""
    lead = text[s:start]
    cut = max(lead.rfind(","), lead.rfind("("))
    return cut >= 0 and bool(_CLAUSE_WORD.search(lead[cut + 1:]))


def _one_per_occasion(events: list[SentenceEvent], roles: dict[str, tuple[str, str]],
                      people: set[int]) -> list[SentenceEvent]:
    """An article tells one event once: later sentences of the same type by the same
    agent or speaker (the same speaker's next quote, the strike described again) are that
    event; without an agent, the same other participants."""
    kept: list[SentenceEvent] = []
    for ev in events:
        first = roles[ev.type][0]
        agents = {p for p, role in ev.participants if role == first}
        actors = {p for p, _ in ev.participants}
        same = None
        for k in kept:
            if k.type != ev.type:
                continue
            k_agents = {p for p, role in k.participants if role == first}
            if ev.type == "statement":  # the same speaker's next words, whatever the date
                if agents & k_agents:
                    same = k
                    break
                continue
            if ev.type in ("killing", "death") and people & {
                    p for p, r in ev.participants if r == "victim"} & {
                    p for p, r in k.participants if r == "victim"}:
                same = k  # one person dies once: the same victim is the same killing
                break
            if not (k.date is None or ev.date is None or k.date == ev.date):
                continue
            if agents and k_agents:
                hit = bool(agents & k_agents)
            elif ev.type in _ONE_TOLL and k.date == ev.date:
                hit = True  # the toll told again
            elif actors:
                hit = bool(actors & {p for p, _ in k.participants})
            else:  # nothing named: the same word again ("stocks fell... bonds fell" differ)
                hit = not k.participants and k.trigger.lower() == ev.trigger.lower() and \
                    ev.type != "economic"  # each market move is its own
            if hit:
                same = k
                break
        if same is None and ev.anaphoric and ev.type != "statement":
            same = next((k for k in kept if k.type == ev.type), None)  # "the killing" again
        if same is None:
            kept.append(ev)
        else:
            for p in ev.participants:
                if p[0] not in {q for q, _ in same.participants}:
                    same.participants.append(p)
            same.date = same.date or ev.date
            same.location = same.location if same.location is not None else ev.location
    return kept


def _subject(before: list[tuple[int, int, str, int]], text: str, t_start: int):
    """The nearest name before the trigger that is not inside a prepositional phrase."""
    for m in reversed(before):
        gap = text[m[1]:t_start]
        if not re.search(r"[.;]|\b(?:that|which|who|after|before|when)\b", gap):
            return m
    return before[-1]


def _objects(after: list[tuple[int, int, str, int]], text: str, t_end: int):
    out = []
    for m in after:
        gap = text[t_end if not out else out[-1][1]:m[0]]
        if re.search(r"[;]|\b(?:said|which|who|but|after|before|because|while)\b", gap):
            break
        if len(gap) > 80:
            break
        out.append(m)
        if len(out) == 3:
            break
    return out


def _dedupe(participants: list[tuple[int, str]]) -> list[tuple[int, str]]:
    seen: set[int] = set()
    out = []
    for ent, role in participants:
        if ent not in seen:
            seen.add(ent)
            out.append((ent, role))
    return out


def _location(inside, text: str, used: set[int], etype: str, t_start: int,
              t_end: int) -> int | None:
    """Where it happened: the place after "in/at/near..." nearest the trigger; for a
    statement only a place in its own clause ("told reporters in Dhaka")."""
    best: tuple[int, int] | None = None
    for m in inside:
        if m[2] not in _PLACES or m[3] in used or not (
                _LOC_PREP.search(text[max(0, m[0] - 12):m[0]]) or
                _PLACE_OF.search(text[max(0, m[0] - 30):m[0]])):
            continue
        after = m[0] >= t_end
        gap = m[0] - t_end if after else t_start - m[1]
        if etype == "statement" and (not after or gap > 50 or
                                     _CLAUSE_BREAK.search(text[t_end:m[0]])):
            continue
        if best is None or gap < best[0]:
            best = (gap, m[3])
    return best[1] if best else None
