"""The entity graph: entities as nodes, linked by the events they share and by the sentences
that name them together; written as GraphML or GEXF by networkx.

Nodes: every entity but the values, with ``label`` and ``name`` (canonical name), ``type``,
``aliases`` (joined by "; "), ``mentions`` and ``articles`` (counts).

The graph is an undirected ``networkx.MultiGraph``, so that each event keeps its own edge
with its own type, trigger, date and sources (aggregating them would merge an attack and a
meeting between the same two actors into one edge), while co-occurrence is one aggregated
edge per pair. Edge ``kind`` tells them apart:

- ``event``: one edge per pair of the event's participants, with ``event`` (its id),
  ``event_type``, ``trigger``, ``date`` and ``location`` (when known), ``roles``,
  ``weight`` (the articles reporting it), ``articles`` (their ids, joined by "; ") and
  ``sentences`` (the reporting sentences, one per line);
- ``cooccurrence``: ``weight`` (the articles where one sentence names both) and
  ``articles``. Sentences are split as the Understand stage splits them.

Edge keys (GraphML edge ids) are unique: ``<event id>/<n>`` and ``cooccurrence/<n>``.

Nodes are added in id order and every edge as (smaller id, larger id), so the writers emit
``source`` < ``target`` and an event edge's ``roles`` reads "source role-target role".
DATE, MONEY and QUANTITY entities are values, not nodes (an event's date is an edge
attribute). Attribute values are str, int or float: the only types both writers accept.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from typing import TYPE_CHECKING, Any

from ..model import Entity, Event
from ..store import Store

if TYPE_CHECKING:
    import networkx as nx

#: Entity types that are values (kept as attributes, never as nodes).
VALUE_TYPES = frozenset({"DATE", "MONEY", "QUANTITY"})
#: How a list (aliases, article ids) becomes one string attribute.
LIST_SEPARATOR = "; "
#: How an event edge's source sentences become one string attribute.
SENTENCE_SEPARATOR = "\n"
#: The kind (and key prefix) of the one co-occurrence edge between two entities.
COOCCURRENCE = "cooccurrence"


def write_graphml(store: Store, out: str) -> list[str]:
    import networkx as nx

    nx.write_graphml(build_graph(store), out, encoding="utf-8")
    return [out]


def write_gexf(store: Store, out: str) -> list[str]:
    import networkx as nx

    nx.write_gexf(build_graph(store), out, encoding="utf-8")
    return [out]


def build_graph(store: Store) -> nx.MultiGraph:
    """The entity graph of the workspace (see the module docstring)."""
    import networkx as nx

    everything = store.entities()
    entities = {e.id: e for e in everything if e.type not in VALUE_TYPES}
    names = {e.id: e.name for e in everything}
    graph = nx.MultiGraph(name="rashomon entity graph")
    for entity_id in sorted(entities):
        graph.add_node(entity_id, **_node_attributes(entities[entity_id]))
    for event in store.events():
        for n, (u, v, attributes) in enumerate(_event_edges(event, entities, names)):
            graph.add_edge(u, v, key=f"{event.id}/{n}", **attributes)
    texts = {a.id: a.text for a in store.articles()}
    pairs = cooccurrences(entities.values(), texts)
    for n, ((u, v), article_ids) in enumerate(sorted(pairs.items())):
        graph.add_edge(u, v, key=f"{COOCCURRENCE}/{n}", kind=COOCCURRENCE,
                       weight=len(article_ids), articles=LIST_SEPARATOR.join(sorted(article_ids)))
    return graph


def _node_attributes(entity: Entity) -> dict[str, Any]:
    return {
        "label": entity.name,
        "type": entity.type,
        "name": entity.name,
        "aliases": LIST_SEPARATOR.join(entity.aliases),
        "mentions": len(entity.mentions),
        "articles": len({m.article_id for m in entity.mentions}),
    }


def _event_edges(event: Event, nodes: dict[str, Entity], names: dict[str, str]
                 ) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """One edge per pair of the event's participants that are nodes (first role kept)."""
    roles: dict[str, str] = {}
    for p in event.participants:
        if p.entity_id in nodes:
            roles.setdefault(p.entity_id, p.role)
    common = _event_attributes(event, names)
    for u, v in combinations(sorted(roles), 2):
        yield u, v, common | {"roles": f"{roles[u]}-{roles[v]}"}


def _event_attributes(event: Event, names: dict[str, str]) -> dict[str, Any]:
    article_ids = sorted({m.article_id for m in event.mentions})
    attributes: dict[str, Any] = {
        "kind": "event",
        "event": event.id,
        "event_type": event.type,  # "type" is GEXF's own edge attribute (directed...)
        "trigger": event.trigger,
        "weight": len(article_ids),
        "articles": LIST_SEPARATOR.join(article_ids),
        "sentences": SENTENCE_SEPARATOR.join(m.text.strip() for m in event.mentions),
    }
    if event.date:
        attributes["date"] = event.date
    if event.location_id in names:
        attributes["location"] = names[event.location_id]
    return attributes


def cooccurrences(entities: Iterable[Entity], texts: dict[str, str]
                  ) -> dict[tuple[str, str], set[str]]:
    """(entity id, entity id) -> the articles where one sentence names both."""
    by_sentence: dict[tuple[str, int], set[str]] = defaultdict(set)
    starts = {aid: sentence_starts(text) for aid, text in sorted(texts.items())}
    for entity in entities:
        for m in entity.mentions:
            if m.article_id in starts:
                sentence = bisect.bisect_right(starts[m.article_id], m.start) - 1
                by_sentence[(m.article_id, sentence)].add(entity.id)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for (article_id, _), ids in by_sentence.items():
        for u, v in combinations(sorted(ids), 2):
            pairs[(u, v)].add(article_id)
    return pairs


def sentence_starts(text: str) -> list[int]:
    """Where each sentence of ``text`` starts, split exactly as the Understand stage splits
    them (its tokenizer and sentencizer; a line break always ends a sentence)."""
    from ..understand.nlp import pipeline, sentences

    nlp = pipeline()
    doc = nlp.get_pipe("sentencizer")(nlp.make_doc(text))
    return [start for start, _ in sentences(doc)]
