"""FollowTheMoney entities (JSON lines, one ``EntityProxy.to_dict()`` per line), loadable
into Aleph (``alephclient write-entities``) and readable by the ``ftm`` tools.

Mapping (schemata checked against ``followthemoney.model``):

- article -> ``Article`` (title, publisher, publishedAt, author, language, bodyText,
  sourceUrl for a URL source, else fileName);
- PERSON -> ``Person``, ORG -> ``Organization``, GPE -> ``Territory`` (a country or other
  administrative area), LOC and FAC -> ``Address`` (a place); one-word aliases of a person
  (a bare surname) are ``weakAlias``, so they do not drive name matching. NORP (groups of
  people by nationality, religion or politics) has no FtM schema and is left out, as are
  the values DATE, MONEY and QUANTITY;
- event -> ``Event`` (name, summary: its first sentence, date, location, involved,
  description: who took which role);
- mentions -> ``Documentation`` (document: the article, entity: the entity, role
  ``mention``, namesMentioned: the names as written), one per entity and article; and
  each event's articles -> ``Documentation`` with role ``report``.

Ids are ``make_id`` hashes of rashomon's own (content-hash) ids: deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import Article, Entity, Event, Mention
from ..store import Store

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

#: rashomon entity type -> FollowTheMoney schema (types not listed are left out).
SCHEMATA = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Territory",
    "LOC": "Address",
    "FAC": "Address",
}
#: The ``make_id`` key prefix of every entity this export makes.
KEY_PREFIX = "rashomon"
#: Documentation roles: an entity named in an article; an event reported by an article.
ROLE_MENTION = "mention"
ROLE_REPORT = "report"
URL_SCHEMES = ("http://", "https://")


def write_ftm(store: Store, out: str) -> list[str]:
    with open(out, "w", encoding="utf-8") as fh:
        for proxy in ftm_entities(store):
            fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True))
            fh.write("\n")
    return [out]


def ftm_entities(store: Store) -> Iterator[EntityProxy]:
    """Every FtM entity of the workspace: articles, entities, events, then the links."""
    articles = {a.id: _article(a) for a in store.articles()}
    entities = store.entities()
    proxies = {e.id: _entity(e) for e in entities if e.type in SCHEMATA}
    events = store.events()
    yield from articles.values()
    yield from (proxies[k] for k in sorted(proxies))
    names = {e.id: e.name for e in entities}
    event_proxies = {v.id: _event(v, proxies, names) for v in events}
    yield from event_proxies.values()
    for entity in entities:
        if entity.id in proxies:
            yield from _documentation(entity.id, proxies[entity.id].id, entity.mentions,
                                      articles, ROLE_MENTION)
    for event in events:
        yield from _documentation(event.id, event_proxies[event.id].id, event.mentions,
                                  articles, ROLE_REPORT)


def _make(schema: str, *key: str) -> EntityProxy:
    from followthemoney import model

    proxy = model.make_entity(schema, key_prefix=KEY_PREFIX)
    proxy.make_id(*key)
    return proxy


def _article(article: Article) -> EntityProxy:
    proxy = _make("Article", article.id)
    proxy.add("title", article.title)
    proxy.add("publisher", article.outlet)
    proxy.add("publishedAt", article.published)
    proxy.add("author", article.byline)
    proxy.add("language", article.language)
    proxy.add("bodyText", article.text)
    for where in (article.url, article.source):
        if where and where.startswith(URL_SCHEMES):
            proxy.add("sourceUrl", where)
    if not article.source.startswith(URL_SCHEMES):
        proxy.add("fileName", article.source)
    return proxy


def _entity(entity: Entity) -> EntityProxy:
    schema = SCHEMATA[entity.type]
    proxy = _make(schema, entity.id)
    proxy.add("name", entity.name)
    if schema == "Address":
        proxy.add("full", entity.name)
    for alias in entity.aliases:
        if alias == entity.name:
            continue
        weak = schema == "Person" and len(alias.split()) < 2
        proxy.add("weakAlias" if weak else "alias", alias)
    return proxy


def _event(event: Event, proxies: dict[str, EntityProxy], names: dict[str, str]
           ) -> EntityProxy:
    proxy = _make("Event", event.id)
    proxy.add("name", f"{event.type}: {event.trigger}")
    proxy.add("keywords", event.type)
    proxy.add("date", event.date)
    if event.mentions:
        proxy.add("summary", event.mentions[0].text.strip())
    if event.location_id in names:
        proxy.add("location", names[event.location_id])
    place = proxies.get(event.location_id or "")
    if place is not None and _fits(proxy, "addressEntity", place):
        proxy.add("addressEntity", place.id)
    roles = []
    for p in event.participants:
        other = proxies.get(p.entity_id)
        if other is not None and _fits(proxy, "involved", other):
            proxy.add("involved", other.id)
        if p.entity_id in names:
            roles.append(f"{names[p.entity_id]} ({p.role})")
    proxy.add("description", "; ".join(roles) or None)
    return proxy


def _fits(proxy: EntityProxy, prop: str, other: EntityProxy) -> bool:
    """Whether ``other`` is of the schema the entity property ``prop`` points to."""
    return other.schema.is_a(proxy.schema.get(prop).range)


def _documentation(our_id: str, ftm_id: str, mentions: list[Mention],
                   articles: dict[str, EntityProxy], role: str) -> Iterator[EntityProxy]:
    """One ``Documentation`` per article among ``mentions``, linking it to ``ftm_id``."""
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.article_id in articles:
            by_article.setdefault(m.article_id, []).append(m)
    for article_id in sorted(by_article):
        proxy = _make("Documentation", our_id, article_id)
        proxy.add("document", articles[article_id].id)
        proxy.add("entity", ftm_id)
        proxy.add("role", role)
        proxy.add("date", articles[article_id].get("publishedAt"))
        texts = sorted({m.text.strip() for m in by_article[article_id]})
        proxy.add("namesMentioned" if role == ROLE_MENTION else "summary", texts)
        yield proxy
