"""The corpus-level step: one entity per real-world actor and one event per real event
across every stored article, rebuilt from the articles' own layers (deterministic: the
same articles always give the same entities, events and ids)."""

from __future__ import annotations

from collections import defaultdict

from ..model import Entity, Event, Mention, MergeReason, Participant, stable_id
from .resolve import LocalEntity, resolve


def rebuild(store) -> tuple[int, int]:
    layers = store.understanding()
    texts = {a.id: a.text for a in store.articles()}
    local: dict[tuple[str, int], LocalEntity] = {}
    for aid in sorted(layers):
        for k, e in enumerate(layers[aid].entities):
            local[(aid, k)] = LocalEntity.of(aid, e)
    clusters = resolve(list(local.values()))
    owner = {id(m): c.id for c in clusters for m in c.members}
    entities: list[Entity] = []
    merges: list[tuple[str, MergeReason]] = []
    for c in clusters:
        mentions = sorted((Mention(m.article_id, s, e, t) for m in c.members
                           for s, e, t in m.mentions),
                          key=lambda m: (m.article_id, m.start))
        aliases = sorted({t for m in c.members for t in m.aliases} - {c.name})
        entities.append(Entity(c.id, c.label, c.name, aliases, mentions))
        seen = set()
        for r in c.reasons:
            if r not in seen and r[0] != r[1]:
                seen.add(r)
                merges.append((c.id, MergeReason(*r)))
    entities.extend(_value_entities(layers))
    events = _events(layers, local, owner, texts)
    entities.sort(key=lambda e: e.id)
    store.replace_resolution(entities, merges, events)
    return len(entities), len(events)


def _value_entities(layers) -> list[Entity]:
    """DATE, MONEY and QUANTITY mentions grouped by their normalised value."""
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for aid in sorted(layers):
        for v in layers[aid].values:
            key = v.value if v.value is not None else v.text.lower()
            groups[(v.label, key)].append(Mention(aid, v.start, v.end, v.text))
    out = []
    for (label, key), mentions in sorted(groups.items()):
        texts = sorted({m.text for m in mentions})
        out.append(Entity(stable_id("e", label, key), label, key, texts, mentions))
    return out


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a.startswith(b) or b.startswith(a)


def _events(layers, local, owner, texts) -> list[Event]:
    merged: list[dict] = []
    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for aid in sorted(layers):
        for ev in layers[aid].events:
            parts = []
            for idx, role in ev.participants:
                ent = local.get((aid, idx))
                if ent is not None:
                    parts.append((owner[id(ent)], role))
            loc = local.get((aid, ev.location)) if ev.location is not None else None
            location_id = owner[id(loc)] if loc is not None else None
            target = _match(ev, parts, index)
            mention = Mention(aid, ev.start, ev.end, texts.get(aid, "")[ev.start:ev.end])
            if target is None:
                target = {"key": (aid, ev.trigger_start), "type": ev.type, "triggers": [],
                          "dates": [], "parts": [], "location": None, "mentions": []}
                merged.append(target)
            target["triggers"].append(ev.trigger.lower())
            if ev.date:
                target["dates"].append(ev.date)
            for p in parts:
                if p not in target["parts"]:
                    target["parts"].append(p)
                    index[(ev.type, p[0])].append(target)
            target["location"] = target["location"] or location_id
            target["mentions"].append(mention)
    events = []
    for t in merged:
        date = max(t["dates"], key=lambda d: (len(d), d)) if t["dates"] else None
        trigger = max(sorted(set(t["triggers"])), key=t["triggers"].count)
        eid = stable_id("v", t["type"], *map(str, t["key"]))
        events.append(Event(eid, t["type"], trigger, date,
                            [Participant(e, r) for e, r in t["parts"]], t["location"],
                            t["mentions"]))
    events.sort(key=lambda v: (v.date or "9999", v.id))
    return events


def _match(ev, parts, index) -> dict | None:
    """An event already seen that this one retells: same type, a shared actor in the
    same role, compatible dates (statements: same speaker and the same known date)."""
    for entity_id, role in parts:
        for cand in index.get((ev.type, entity_id), []):
            if (entity_id, role) not in cand["parts"]:
                continue
            cand_date = max(cand["dates"], key=len) if cand["dates"] else None
            if ev.type in ("statement", "meeting", "threat", "economic") and (
                    ev.date is None or cand_date is None or ev.date != cand_date):
                continue
            if _compatible(ev.date, cand_date):
                return cand
    return None
