"""HTML pages to blocks: read the head's metadata, prune site chrome by tag and by
class/id words, find article containers on multi-article pages, then walk the tree once
(iteratively: 10,000-level nesting is fine) into paragraph blocks with their clues.
"""

from __future__ import annotations

import json
import re

from lxml import etree

from .. import settings
from ..errors import Errors, InputError
from . import dates, rules
from .blocks import Block, PageMeta
from .selectors import (
    BLOCK_TAGS,
    BOILER_TOKENS,
    BYLINE_TOKENS,
    CAPTION_TOKENS,
    DATE_META,
    DROP_TAGS,
    FOOTER_TOKENS,
    HEADINGS,
    HEADLINE_TOKENS,
    LIVE_TOKENS,
    META_TOKENS,
    SITE_META,
)

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting",
                  "analysisnewsarticle", "opinionnewsarticle", "liveblogposting", "report",
                  "backgroundnewsarticle", "webpage"}
_ROLE = "data-rashomon-role"
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def html_blocks(text: str, url: str | None = None) -> tuple[list[Block], PageMeta]:
    """Parse ``text`` and return its blocks (in document order) and page metadata."""
    root = _parse(text)
    if text.count("<") > settings.MAX_HTML_DEPTH and _too_deep(root):
        # libxml2 stops at a nesting depth of a few thousand and drops what is deeper:
        # flatten the layout elements (div, span, table...) and parse again
        root = _parse(_LAYOUT_TAGS.sub(" ", text))
    meta = _head_meta(root, url)
    _prune(root)
    containers = [] if meta.live_blog else _containers(root)
    return _walk(root, containers), meta


_LAYOUT_TAGS = re.compile(r"</?(?:div|span|section|font|center|table|tbody|thead|tr|td|th|b|i|"
                          r"em|strong|small|big|u|main)\b[^>]*>", re.I)


def _too_deep(root: etree._Element) -> bool:
    for _ in root.iterfind("./" + "*/" * (settings.MAX_HTML_DEPTH - 1) + "*"):
        return True
    return False


def _parse(text: str) -> etree._Element:
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True,
                              recover=True, no_network=True)
    try:
        root = etree.fromstring(_XML_DECL.sub("", text, count=1), parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(Errors.E009 + f" ({exc})") from exc
    if root is None:
        raise InputError(Errors.E009)
    return root


# --- metadata -------------------------------------------------------------------------------

def _head_meta(root: etree._Element, url: str | None) -> PageMeta:
    meta = PageMeta(url=url)
    values: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = (m.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    title = root.find(".//title")
    if title is not None and "".join(title.itertext()).strip():
        meta.title = _plain("".join(title.itertext()))
    headline = values.get("og:title") or values.get("twitter:title")
    meta.headline = _plain(headline) if headline else None
    meta.site_name = next((values[k] for k in SITE_META if values.get(k)), None)
    meta.published = next((iso for k in DATE_META if (iso := dates.parse_date(values.get(k, "")))),
                          None)
    author = values.get("author") or values.get("article:author") or values.get("byl")
    if author and not author.startswith("http") and author != meta.site_name:
        meta.author = re.sub(r"^by\s+", "", author, flags=re.I)
    lang = root.get("lang") or values.get("og:locale") or values.get("content-language")
    if lang:
        meta.language = re.split(r"[-_]", lang.strip().lower())[0] or None
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            meta.url = link.get("href")
            break
    else:
        if values.get("og:url"):
            meta.url = values["og:url"]
    meta.url = meta.url or url
    for obj in _json_ld(root):
        _apply_json_ld(meta, obj)
    if meta.site_name and rules.normalise(meta.site_name).lower() in rules.rules().agencies:
        meta.site_name = None
    meta.clues = _footer_clues(root)
    meta.logo_name = _logo_name(root)
    return meta


def _logo_name(root: etree._Element) -> str | None:
    """The site's name as its logo's alt text gives it."""
    for img in root.iter("img"):
        alt = rules.normalise(img.get("alt") or "")
        where = f"{img.get('src') or ''} {img.get('class') or ''} {img.get('id') or ''}".lower()
        if "logo" not in where and not any("logo" in (a.get("class") or "").lower()
                                           for a in img.iterancestors()):
            continue
        alt = re.sub(r"\s*(?:logo|home(?:page)?)$", "", alt, flags=re.I).strip()
        if 1 <= rules.words(alt) <= 6 and alt[:1].isupper() and alt.lower() not in ("logo", "home"):
            return alt
    return None


def _plain(text: str) -> str:
    """Title text with any markup written inside it removed (``<script>`` in a <title>)."""
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", "", text, flags=re.I | re.S)
    return rules.normalise(re.sub(r"<[^>]{0,200}>", "", text))


def _json_ld(root: etree._Element) -> list[dict]:
    found: list[dict] = []
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 50:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                types = item.get("@type")
                types = types if isinstance(types, list) else [types]
                if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in types):
                    found.append(item)
    return found


def _apply_json_ld(meta: PageMeta, obj: dict) -> None:
    types = obj.get("@type")
    types = [t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)]
    if "liveblogposting" in types:
        meta.live_blog = True
    if types == ["webpage"]:
        return
    if isinstance(obj.get("headline"), str) and not meta.headline:
        meta.headline = rules.normalise(obj["headline"])
    if isinstance(obj.get("datePublished"), str) and not meta.published:
        meta.published = dates.parse_date(obj["datePublished"])
    publisher = obj.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and not meta.site_name:
        meta.site_name = rules.normalise(publisher["name"])
    author = obj.get("author")
    authors = author if isinstance(author, list) else [author]
    names = [a.get("name") if isinstance(a, dict) else a for a in authors]
    names = [rules.normalise(n) for n in names if isinstance(n, str) and n.strip()
             and not n.startswith("http")]
    if names and not meta.author:
        meta.author = " and ".join(names) if len(names) <= 2 else ", ".join(names)


def _footer_clues(root: etree._Element) -> list[str]:
    clues = []
    for el in root.iter("footer", "div", "p", "small", "section", "td"):
        if el.tag != "footer" and not _tokens(el) & FOOTER_TOKENS:
            continue
        text = rules.normalise(" ".join(el.itertext()))
        for m in re.finditer(r"(?:©|\(c\)|copyright)", text, re.I):
            clues.append(text[m.start(): m.start() + 120])
        if len(clues) >= 5:
            break
    return clues


# --- pruning --------------------------------------------------------------------------------

def _tokens(el: etree._Element) -> set[str]:
    names = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(_TOKEN_SPLIT.split(names)) - {""} if names.strip() else set()


def _prune(root: etree._Element) -> None:
    body = root.find("body")
    scope = body if body is not None else root
    total_p = max(1, sum(1 for _ in scope.iter("p")))
    drop: list[etree._Element] = []
    for el in scope.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in DROP_TAGS:
            if tag in ("form", "header") and (_holds_article(el, total_p) or _article_header(el)):
                continue
            if tag == "aside" and not _tokens(el) & BOILER_TOKENS and any(
                    a.tag in ("article", "main") for a in el.iterancestors()):
                continue  # a fact box inside the article
            drop.append(el)
            continue
        style = el.get("style")
        if el.get("hidden") is not None or el.get("aria-hidden") == "true" or (
                style and _HIDDEN_STYLE.search(style)):
            drop.append(el)
            continue
        tokens = _tokens(el)
        if not tokens:
            if tag == "figcaption":
                el.set(_ROLE, "caption")
            continue
        if tag == "figcaption" or tokens & CAPTION_TOKENS:
            el.set(_ROLE, "caption")
        elif tokens & BOILER_TOKENS and not (_holds_article(el, total_p) or (
                "header" in tokens and _article_header(el))):
            drop.append(el)
        elif (tokens & HEADLINE_TOKENS and tag in ("div", "p", "span", "td") and 0 < len(
                " ".join(el.itertext()).split()) <= 30 and next(el.iter(*HEADINGS), None) is None):
            el.set(_ROLE, "h2")  # a headline styled without a heading tag
        elif tokens & BYLINE_TOKENS and len(" ".join(el.itertext()).split()) <= 14:
            # an inline author span makes its whole (short) block the byline
            target = el if tag in BLOCK_TAGS else _short_block(el)
            if target is not None:
                target.set(_ROLE, "byline")
    for el in drop:
        _drop_tree(el)


def _drop_tree(el: etree._Element) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _article_header(el: etree._Element) -> bool:
    """The header of one article (its headline, byline, date), not the site's header."""
    return next(el.iter(*HEADINGS[:3]), None) is not None and any(
        a.tag == "article" for a in el.iterancestors())


def _short_block(el: etree._Element) -> etree._Element | None:
    block = next((a for a in el.iterancestors() if a.tag in BLOCK_TAGS), None)
    if block is None or len(" ".join(block.itertext()).split()) > 20:
        return None
    return block


def _holds_article(el: etree._Element, total_p: int) -> bool:
    """Never prune the element holding the headline or most of the paragraphs."""
    if next(el.iter("h1"), None) is not None:
        return True
    n = sum(1 for _ in el.iter("p"))
    return n >= 3 and n / total_p > 0.5


# --- multi-article pages --------------------------------------------------------------------

def _words_in(el: etree._Element) -> int:
    n = sum(len(" ".join(p.itertext()).split()) for p in el.iter("p"))
    if n == 0:
        n = len(" ".join(el.itertext()).split())
    return n


def _substantial(el: etree._Element) -> bool:
    has_headline = next(el.iter(*HEADINGS[:3]), None) is not None or any(
        d.get(_ROLE) == "h2" for d in el.iter() if isinstance(d.tag, str))
    return has_headline and _words_in(el) >= settings.MIN_ARTICLE_WORDS


def _has_own_meta(el: etree._Element) -> bool:
    if next(el.iter("time"), None) is not None:
        return True
    for d in el.iter():
        if isinstance(d.tag, str) and (d.get(_ROLE) == "byline" or _tokens(d) & META_TOKENS):
            return True
    return False


def _containers(root: etree._Element) -> list[etree._Element]:
    """The elements each holding one article, on pages with several full articles."""
    tops = [a for a in root.iter("article")
            if not any(anc.tag == "article" for anc in a.iterancestors())]
    found = [a for a in tops if _substantial(a)]
    if len(found) < 2:
        found = _repeated_blocks(root)
    if len(found) < 2:
        return []
    if any(_tokens(c) & LIVE_TOKENS for c in found):
        return []
    inside = {id(d) for c in found for d in c.iter("h1")}
    outer_h1 = [h for h in root.iter("h1") if id(h) not in inside]
    if any(len(" ".join(h.itertext()).split()) >= 4 for h in outer_h1) and not all(
            _has_own_meta(c) for c in found):
        return []  # one headline over them all: sections or entries of one article
    return found


def _repeated_blocks(root: etree._Element) -> list[etree._Element]:
    best: list[etree._Element] = []
    for parent in root.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        groups: dict[tuple[str, str], list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag in ("div", "section", "li", "article"):
                groups.setdefault((child.tag, child.get("class") or ""), []).append(child)
        for members in groups.values():
            if len(members) >= 2:
                good = [m for m in members if _substantial(m)]
                if len(good) >= 2 and len(good) > len(best):
                    best = good
    return best


# --- the walk -------------------------------------------------------------------------------

def _walk(root: etree._Element, containers: list[etree._Element]) -> list[Block]:
    group_of = {id(c): n + 1 for n, c in enumerate(containers)}
    blocks: list[Block] = []
    buf: list[str] = []
    link_chars = 0
    stack: list[tuple[str, int]] = [("p", 0)]  # (block tag, group) of the open block element
    in_link = 0
    pending_time: str | None = None

    def add(text: str) -> None:
        nonlocal link_chars
        buf.append(text)
        if in_link:
            link_chars += len(text)

    def flush() -> None:
        nonlocal link_chars, pending_time
        if buf:
            text = rules.normalise("".join(buf))
            if text:
                tag, group = stack[-1]
                blocks.append(Block(text, tag=tag, group=group, time=pending_time,
                                    link_density=min(1.0, link_chars / max(1, len(text)))))
                pending_time = None
        buf.clear()
        link_chars = 0

    body = root.find("body")
    for action, el in etree.iterwalk(body if body is not None else root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if action == "start":
            role = el.get(_ROLE)
            if role and stack[-1][0] == role:
                role = None  # the author link inside a byline: same block
                el.attrib.pop(_ROLE, None)
            if tag in BLOCK_TAGS or tag == "br" or role:
                flush()
            if tag in BLOCK_TAGS or role:
                parent_tag, group = stack[-1]
                group = group_of.get(id(el), group)
                if role:
                    block_tag = role
                elif tag in HEADINGS or tag == "li":
                    block_tag = tag
                elif parent_tag in ("caption", "byline") or parent_tag in HEADINGS:
                    block_tag = parent_tag
                else:
                    block_tag = "p"
                stack.append((block_tag, group))
            if tag == "a":
                in_link += 1
            if tag == "time" and el.get("datetime"):
                pending_time = dates.parse_date(el.get("datetime") or "") or pending_time
            if el.text:
                add(el.text)
        else:
            if tag == "a":
                in_link -= 1
            if tag in BLOCK_TAGS or el.get(_ROLE):
                flush()
                if len(stack) > 1:
                    stack.pop()
            if el.tail:
                add(el.tail)
    flush()
    return blocks
