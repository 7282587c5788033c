"""Thresholds of quote finding: word counts, character windows and the entity types
that can speak."""

from __future__ import annotations

#: A quote of at most this many words with no speech cue right next to it is a scare quote
#: or a quoted term ("so-called 'reforms'", an "act of war").
SCARE_MAX_WORDS = 3
#: Longest speaker phrase, in words ("a spokesman for the regional civil defence agency").
MAX_SPEAKER_WORDS = 12
#: Words allowed between a cue and the quote it introduces ("told reporters in Paris: "").
ADJACENT_MAX_WORDS = 8
#: Phrases allowed between a speech verb and its "that" ("told reporters | in a statement |
#: on Monday | that").
THAT_MAX_PARTS = 4
#: Words allowed after a sentence-final cue's adverbials ("..., officials said in a
#: statement released on Monday.").
TAIL_MAX_WORDS = 6
#: A verb that usually wants "that" takes a bare clause when a finite verb ("were",
#: "would") comes within this many words after it.
CLAUSE_VERB_WORDS = 6
#: Most words of titles before a name ("Disaster Management and Relief Minister").
MAX_TITLE_WORDS = 6
#: Longest phrase before a comma taken for the subject of the verb after it ("The group,
#: which is based in Koblenz, said ...").
NOUN_PHRASE_MAX_WORDS = 5
#: A reported clause has at least this many words.
MIN_CLAUSE_WORDS = 3
#: How far before a quote mark its sentence is looked for, how far after it its
#: attribution, and how far before a speech verb its subject (characters).
BEFORE_MAX_CHARS = 400
AFTER_MAX_CHARS = 250
SUBJECT_MAX_CHARS = 200
#: How far back (characters) "he" or "the ministry" looks for whom it names, and how many
#: candidate mentions it considers.
ANTECEDENT_MAX_CHARS = 2000
ANTECEDENT_MAX_STEPS = 50
#: "the company" prefers an organisation the text calls so within this many characters
#: ("Skyward Imaging, a satellite company"), as if it were named this many times more.
CONTEXT_CHARS = 60
CONTEXT_BONUS = 2
#: Entity types that can speak: a person, or an organisation or country as an institution.
SPEAKER_LABELS = ("PERSON", "ORG", "GPE")
INSTITUTION_LABELS = ("ORG", "GPE")
