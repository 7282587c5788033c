"""Terminal reports of a story (``rashomon story``, ``rashomon compare``), read from the
store: outlets, timeline, agreed facts, discrepancies, coverage matrix, labels per actor
and quotes. Nothing here re-runs the pipeline."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from ..errors import Errors, UsageError
from ..model import Article, Story

WIDTH = 100


def _outlet(a: Article) -> str:
    return a.outlet or a.source


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def pick_outlets(story: Story, articles: dict[str, Article], wanted: list[str] | None,
                 db: str) -> list[str]:
    """The story's article ids whose outlet matches one of ``wanted`` (all when None)."""
    ids = [a for a in story.article_ids if a in articles]
    if not wanted:
        return ids
    chosen = []
    for w in wanted:
        hits = [a for a in ids if w.lower() in _outlet(articles[a]).lower()]
        if not hits:
            names = ", ".join(sorted({_outlet(articles[a]) for a in ids}))
            raise UsageError(Errors.E020.format(outlet=w, story=story.id, names=names, db=db))
        chosen += [a for a in hits if a not in chosen]
    return chosen


def story_report(store, story_id: str, outlets: list[str] | None = None) -> str:
    story = store.story(story_id)
    articles = {a: store.article(a) for a in story.article_ids}
    ids = pick_outlets(story, articles, outlets, store.path)
    chosen = set(ids)
    names = {e.id: e.name for e, _, _ in store.entity_summaries()}
    out: list[str] = []
    add = out.append
    add(story.title)
    add("=" * min(WIDTH, len(story.title)))
    add(f"{story.id}: {len(story.article_ids)} articles, {len(story.outlets)} outlets, "
        f"{story.first or '?'} to {story.last or '?'}")
    for r in story.related:
        add(f"  {r.relation}: {r.story_id} (shares {', '.join(names.get(e, e) for e in r.shared[:4])})")
    add("\nOUTLETS")
    for aid in ids:
        a = articles[aid]
        add(f"  {_outlet(a):<28} {a.published or '-':<10}  {_clip(a.title or '(untitled)', 52)}"
            f"  [{aid}]")
    _timeline(store, chosen, articles, out)
    _facts(store, story.id, chosen, out)
    _discrepancies(store, story.id, chosen, articles, out)
    _coverage(store, story.id, ids, articles, out)
    _labels(store, chosen, articles, names, out)
    _quotes(store, ids, articles, out)
    return "\n".join(out)


def _timeline(store, chosen, articles, out) -> None:
    told = [v for v in store.events() if v.date and any(m.article_id in chosen
                                                         for m in v.mentions)]
    out.append(f"\nTIMELINE ({len(told)} dated events)")
    for v in sorted(told, key=lambda v: (v.date, v.type, v.id))[:20]:
        m = next(m for m in v.mentions if m.article_id in chosen)
        who = _outlet(articles[m.article_id])
        out.append(f"  {v.date:<10} {v.type:<11} {_clip(m.text, 64)}  [{who}]")


def _facts(store, story_id, chosen, out) -> None:
    facts = [f for f in store.facts(story_id) if chosen & set(f.article_ids)]
    out.append(f"\nAGREED FACTS ({len(facts)})")
    for f in sorted(facts, key=lambda f: (-len(f.outlets), f.topic)):
        out.append(f"  {f.topic}: {f.value}  (corroborated by {len(f.outlets)} outlets: "
                   f"{', '.join(f.outlets)})")


def _discrepancies(store, story_id, chosen, articles, out) -> None:
    found = [d for d in store.discrepancies(story_id)
             if sum(1 for c in d.claims if chosen & set(c.article_ids)) >= 2]
    out.append(f"\nDISCREPANCIES ({len(found)})")
    for d in found:
        out.append(f"  [{d.status}] {d.topic} ({d.kind})")
        for c in d.claims:
            ids = [a for a in c.article_ids if a in chosen]
            if not ids:
                continue
            who = ", ".join(sorted({_outlet(articles[a]) for a in ids if a in articles}))
            out.append(f"     {c.value:<18} {who}")
            out.append(textwrap.indent(textwrap.fill(f'"{_clip(c.text, 220)}"', WIDTH - 10),
                                       " " * 8))


def _coverage(store, story_id, ids, articles, out) -> None:
    rows = store.coverage(story_id)
    out.append(f"\nCOVERAGE ({len(rows)} items x {len(ids)} articles; "
               "● reports it, · leaves it out)")
    heads = [_clip(_outlet(articles[a]), 12) for a in ids]
    out.append("  " + " " * 46 + " ".join(f"{h:<12}" for h in heads))
    for row in rows:
        marks = [bool(row.cells.get(a)) for a in ids]
        if not any(marks):
            continue
        note = ""
        if sum(marks) == 1 and len(ids) > 2:
            note = f"  only {heads[marks.index(True)]}"
        elif sum(marks) == len(ids) - 1 and len(ids) > 2:
            note = f"  all but {heads[marks.index(False)]}"
        cells = " ".join(f"{'●' if m else '·':<12}" for m in marks)
        out.append(f"  {_clip(row.label, 44):<44}  {cells}{note}")


def _labels(store, chosen, articles, names, out) -> None:
    per: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for d in store.descriptors(article_ids=sorted(chosen)):
        per[d.entity_id][_outlet(articles[d.article_id])].append(d)
    out.append(f"\nLABELS PER ACTOR ({len(per)} actors; score < 0 delegitimises, > 0 "
               "legitimises)")
    for eid in sorted(per, key=lambda e: (-sum(len(v) for v in per[e].values()), e)):
        out.append(f"  {names.get(eid, eid)}")
        for outlet, ds in sorted(per[eid].items()):
            shown = "; ".join(f"{d.text}" + (f" ({d.score:+.1f})" if d.score else "")
                              for d in ds[:5])
            out.append(f"     {_clip(outlet, 24):<24} {_clip(shown, WIDTH - 30)}")


def _quotes(store, ids, articles, out) -> None:
    quotes = store.quotes(article_ids=ids)
    who: dict[str, set[str]] = defaultdict(set)
    for q in quotes:
        who[q.speaker or "(unattributed)"].add(_outlet(articles[q.article_id]))
    out.append(f"\nQUOTES ({len(quotes)}): who is quoted by whom")
    for speaker, outlets in sorted(who.items(), key=lambda x: (-len(x[1]), x[0])):
        out.append(f"  {_clip(speaker, 30):<30} {', '.join(sorted(outlets))}")
    for q in quotes[:12]:
        src = f" via {q.source}" if q.source else ""
        out.append(f"    [{_outlet(articles[q.article_id])}] {q.speaker or '?'}{src}: "
                   f"\"{_clip(q.text, 120)}\"")
