"""Check a labelled folder: every offset slices its text, clusters and ids are consistent.

Understand layout (articles/ + labels/): entity and date spans, types, cluster ids
(`TYPE:slug`, one type per cluster, null for DATE/MONEY/QUANTITY), date entries matching DATE
mentions, weekday values on the right weekday, event triggers at `trigger_start`, event
participants and locations naming clusters of the set, one type per event id.
Compare layout (*.jsonl + *.json): story articles exist, related keys exist, claim, fact and
coverage snippets occur in their article, descriptor and quote spans slice their text.

    python eval/validate_labels.py DIR [DIR ...]
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

NAME_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
VALUE_TYPES = {"DATE", "MONEY", "QUANTITY"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
EVENT_TYPES = {"attack", "killing", "death", "injury", "meeting", "statement", "threat",
               "reward", "protest", "agreement", "arrest", "release", "withdrawal", "vote",
               "election", "appointment", "resignation", "sanction", "ruling", "deployment",
               "economic", "disaster"}
ROLES = {"agent", "target", "victim", "speaker", "recipient", "participant", "appointee",
         "office", "instrument", "origin", "destination", "topic", "place"}
_SLUG = re.compile(r"^[A-Z]+:[a-z0-9][a-z0-9-]*$")
_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


def check_understand(folder: Path) -> list[str]:
    errors: list[str] = []
    cluster_type: dict[str, str] = {}
    event_type: dict[str, str] = {}
    labels = []
    for path in sorted((folder / "labels").glob("*.json")):
        lab = json.loads(path.read_text("utf-8"))
        text = (folder / lab["article"]).read_text("utf-8")
        labels.append((path.stem, lab, text))
        for key in ("title", "story"):
            if not lab.get(key):
                errors.append(f"{path.stem}: no {key}")
        for key in ("outlet", "published"):  # null when the page does not say
            if key not in lab:
                errors.append(f"{path.stem}: no {key} field")
        spans = []
        for e in lab["entities"]:
            where = f"{path.stem}@{e['start']}"
            if text[e["start"]:e["end"]] != e["text"]:
                errors.append(f"{where}: {e['text']!r} != {text[e['start']:e['end']]!r}")
            if e["text"] != e["text"].strip() or e["text"].lower().startswith("the "):
                errors.append(f"{where}: span {e['text']!r} has spaces or a determiner")
            if e["type"] in NAME_TYPES:
                c = e.get("cluster") or ""
                if not _SLUG.match(c) or c.split(":")[0] != e["type"]:
                    errors.append(f"{where}: bad cluster {c!r} for {e['type']}")
                if cluster_type.setdefault(c, e["type"]) != e["type"]:
                    errors.append(f"{where}: cluster {c} has two types")
            elif e["type"] in VALUE_TYPES:
                if e.get("cluster") is not None:
                    errors.append(f"{where}: value mention with a cluster")
            else:
                errors.append(f"{where}: unknown type {e['type']}")
            spans.append((e["start"], e["end"]))
        spans.sort()
        for a, b in zip(spans, spans[1:], strict=False):
            if b[0] < a[1]:
                errors.append(f"{path.stem}: overlapping mentions {a} {b}")
        date_spans = {(e["start"], e["end"]) for e in lab["entities"] if e["type"] == "DATE"}
        published = dt.date.fromisoformat(lab["published"]) if lab.get("published") else None
        for d in lab.get("dates", []):
            where = f"{path.stem}@{d['start']}"
            if text[d["start"]:d["end"]] != d["text"]:
                errors.append(f"{where}: date {d['text']!r} != {text[d['start']:d['end']]!r}")
            if not any(a < d["end"] and d["start"] < b for a, b in date_spans):
                errors.append(f"{where}: date {d['text']!r} overlaps no DATE mention")
            v = d.get("value")
            if v is not None and not _VALUE.match(v):
                errors.append(f"{where}: bad value {v!r}")
            word = d["text"].lower().split()[-1] if d["text"].split() else ""
            if v and len(v) == 10 and word in WEEKDAYS:
                day = dt.date.fromisoformat(v)
                if WEEKDAYS[day.weekday()] != word:
                    errors.append(f"{where}: {d['text']!r} = {v} is a {WEEKDAYS[day.weekday()]}")
                if published and abs((day - published).days) > 7:
                    errors.append(f"{where}: {d['text']!r} = {v} is far from {published}")
        if len(lab.get("dates", [])) != len(date_spans):
            errors.append(f"{path.stem}: {len(date_spans)} DATE mentions, "
                          f"{len(lab.get('dates', []))} dates")
    for name, lab, text in labels:
        for ev in lab.get("events", []):
            where = f"{name} event {ev.get('id')}"
            t = ev["trigger_start"]
            if text[t:t + len(ev["trigger"])] != ev["trigger"]:
                errors.append(f"{where}: trigger {ev['trigger']!r} not at {t}")
            if ev["type"] not in EVENT_TYPES:
                errors.append(f"{where}: unknown type {ev['type']}")
            if ev.get("id") and event_type.setdefault(ev["id"], ev["type"]) != ev["type"]:
                errors.append(f"{where}: id used with two types")
            for p in ev["participants"]:
                if p["cluster"] not in cluster_type or p["role"] not in ROLES:
                    errors.append(f"{where}: bad participant {p}")
            if ev.get("location") and ev["location"] not in cluster_type:
                errors.append(f"{where}: unknown location {ev['location']}")
            if ev.get("date") and not _VALUE.match(ev["date"]):
                errors.append(f"{where}: bad date {ev['date']}")
    return errors


def check_compare(folder: Path) -> list[str]:
    errors: list[str] = []
    records = {}
    for f in sorted(folder.glob("*.jsonl")):
        for line in f.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                for key in ("id", "url", "title", "outlet", "published", "text"):
                    if not r.get(key):
                        errors.append(f"{f.name}: record without {key}")
                if r["id"] in records:
                    errors.append(f"{f.name}: duplicate id {r['id']}")
                records[r["id"]] = r
    labels: dict[str, list] = defaultdict(list)
    for f in sorted(folder.glob("*.json")):
        for k, v in json.loads(f.read_text("utf-8")).items():
            labels[k] += v
    keys = {s["key"] for s in labels["stories"]}
    in_story: dict[str, str] = {}
    for s in labels["stories"]:
        for a in s["articles"]:
            if a not in records:
                errors.append(f"story {s['key']}: unknown article {a}")
            if a in in_story:
                errors.append(f"article {a} in two stories")
            in_story[a] = s["key"]
        for r in s.get("related", []):
            if r not in keys:
                errors.append(f"story {s['key']}: unknown related {r}")
    for a in records:
        if a not in in_story:
            errors.append(f"article {a} in no story")

    def found(article: str, snippet: str, what: str) -> None:
        if article not in records:
            errors.append(f"{what}: unknown article {article}")
        elif snippet not in records[article]["text"]:
            errors.append(f"{what}: not in {article}: {snippet[:60]!r}")

    for d in labels["discrepancies"]:
        if d["story"] not in keys or len(d["claims"]) < 2:
            errors.append(f"discrepancy {d['topic']}: bad story or too few claims")
        if d["status"] not in ("contradiction", "approximate", "update"):
            errors.append(f"discrepancy {d['topic']}: bad status")
        for c in d["claims"]:
            found(c["article"], c["text"], f"discrepancy {d['topic']}")
            if in_story.get(c["article"]) != d["story"]:
                errors.append(f"discrepancy {d['topic']}: {c['article']} not in {d['story']}")
    for fct in labels["facts"]:
        for c in fct["claims"]:
            found(c["article"], c["text"], f"fact {fct['topic']}")
    for cov in labels["coverage"]:
        for a, snippet in cov["reported"].items():
            if in_story.get(a) != cov["story"]:
                errors.append(f"coverage {cov['item']}: {a} not in {cov['story']}")
            if snippet:
                found(a, snippet, f"coverage {cov['item']}")
    for kind in ("descriptors", "quotes"):
        for x in labels[kind]:
            r = records.get(x["article"])
            if r is None:
                errors.append(f"{kind}: unknown article {x['article']}")
            elif r["text"][x["start"]:x["end"]] != x["text"]:
                errors.append(f"{kind} {x['article']}@{x['start']}: {x['text'][:50]!r}")
    return errors


def main(argv: list[str]) -> int:
    bad = 0
    for arg in argv:
        folder = Path(arg)
        errors = check_understand(folder) if (folder / "labels").is_dir() else check_compare(folder)
        for e in errors:
            print(e)
        print(f"{folder}: {'OK' if not errors else f'{len(errors)} errors'}")
        bad += len(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
