"""The entities resolution works on: one article's entity (its mentions, aliases and
merge reasons) and one workspace entity (the article entities merged into it)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LocalEntity:
    """The mentions of one entity inside one article."""

    article_id: str
    label: str
    name: str                       # its fullest form in the article
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    reasons: list[tuple[str, str, str]] = field(default_factory=list)  # (alias, of, why)
    aliases: set[str] = field(default_factory=set)
    weak: bool = True               # typed by default only (no evidence of its own)

    @classmethod
    def of(cls, article_id: str, e) -> LocalEntity:
        """From an article's stored entity (:class:`rashomon.model.ArticleEntity`)."""
        return cls(article_id, e.label, e.name, [(m.start, m.end, m.text) for m in e.mentions],
                   [(r.alias, r.of, r.reason) for r in e.reasons], set(e.aliases), e.weak)


@dataclass(eq=False)  # compared by identity: one object per workspace entity
class GlobalEntity:
    id: str
    label: str
    name: str
    members: list[LocalEntity]
    reasons: list[tuple[str, str, str]]
    names: set[str] = field(default_factory=set)       # every alias of every member
    _by_length: tuple[str, ...] | None = None

    def add(self, ent: LocalEntity) -> None:
        self.members.append(ent)
        self.reasons.extend(ent.reasons)
        if not ent.aliases <= self.names:
            self.names |= ent.aliases
            self._by_length = None

    def names_by_length(self) -> tuple[str, ...]:
        """Its names, the longest first (cached until a member brings a new one)."""
        if self._by_length is None:
            self._by_length = tuple(sorted(self.names, key=lambda o: (-len(o), o)))
        return self._by_length
