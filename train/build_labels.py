"""Turn the annotated training articles into the Understand label format.

Each ``train/data/understand/annotated/<name>.txt`` holds a header (``# key: value`` lines:
title, outlet, published, story), a blank line and the article body with names marked
``[[text|T]]`` or ``[[text|T|cluster-slug]]`` (T: P, O, G, L, F, N). The script writes
``articles/<name>.txt`` (the body without marks) and ``labels/<name>.json`` with exact
character offsets, and checks the spans against the guidelines' span rules.

    python train/build_labels.py
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).parent / "data" / "understand"
TYPES = {"P": "PERSON", "O": "ORG", "G": "GPE", "L": "LOC", "F": "FAC", "N": "NORP"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([POGLFN])(?:\|([a-z0-9-]+))?\]\]")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def build(path: Path) -> tuple[str, dict]:
    raw = path.read_text("utf-8")
    head, _, body = raw.partition("\n\n")
    meta = dict(line[2:].split(": ", 1) for line in head.splitlines() if line.startswith("# "))
    out: list[str] = []
    entities = []
    pos = 0
    length = 0
    for m in MARK.finditer(body):
        plain = body[pos:m.start()]
        out.append(plain)
        length += len(plain)
        text, code, cluster = m.group(1), m.group(2), m.group(3)
        label = TYPES[code]
        entities.append({"start": length, "end": length + len(text), "text": text, "type": label,
                         "cluster": f"{label}:{cluster or slug(text)}"})
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(body[pos:])
    article = "".join(out).strip("\n") + "\n"
    if "[[" in article or "]]" in article:
        raise ValueError(f"{path.name}: unparsed mark near {article[article.find('[['):][:40]!r}")
    for e in entities:
        assert article[e["start"]:e["end"]] == e["text"]
        t = e["text"]
        if t != t.strip() or t.lower().startswith("the ") or t.endswith(("'s", "’s")):
            raise ValueError(f"{path.name}: span {t!r} breaks the span rules")
    label = {"article": f"articles/{path.stem}.txt", "title": meta["title"],
             "outlet": meta["outlet"], "published": meta["published"], "story": meta["story"],
             "entities": entities}
    return article, label


def main() -> int:
    (ROOT / "articles").mkdir(exist_ok=True)
    (ROOT / "labels").mkdir(exist_ok=True)
    paths = sorted((ROOT / "annotated").glob("*.txt"))
    for path in paths:
        article, label = build(path)
        (ROOT / "articles" / path.name).write_text(article, "utf-8")
        (ROOT / "labels" / f"{path.stem}.json").write_text(
            json.dumps(label, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"{len(paths)} articles, "
          f"{sum(len(build(p)[1]['entities']) for p in paths)} labelled names")
    return 0


if __name__ == "__main__":
    sys.exit(main())
