"""Thresholds of descriptor finding: word counts and character windows, the event types
and roles that give event words, and the score's precision."""

from __future__ import annotations

#: Most words a pre-modifier may have, and how far back (characters) it is looked for.
PREMOD_MAX_WORDS = 6
PREMOD_WINDOW = 120
#: Most words (and characters) an appositive may have before its closing comma or full stop.
APPOS_MAX_WORDS = 14
APPOS_WINDOW = 200
#: A list's last segment ("..., partners and interests.") has at most this many words.
LIST_TAIL_WORDS = 4
#: Most words (and characters) between an event word and its victim ("of the top Iranian
#: general X").
VICTIM_MAX_GAP = 5
VICTIM_WINDOW = 80
#: How far (characters) before an event noun its owner is looked for ("X's brutal killing").
OWNER_WINDOW = 60
#: A lower-case piece after a hyphen this short continues a given name ("Soo-yeon").
NAME_PART_MAX = 5
#: Event types whose trigger is an event-word for the participants in these roles (the
#: roles data/events.toml gives them).
EVENT_WORD_TYPES = frozenset({"killing", "attack", "arrest"})
TARGET_ROLES = frozenset({"target", "victim"})
#: Entity types that are places: their pre-modifiers count only with a lexicon word.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Decimal places of a score (sums of weights stay readable and deterministic).
SCORE_DIGITS = 2
