"""HTML heuristics as data (like trafilatura's xpaths.py): which tags and which class/id
words mark chrome, captions, bylines. A new site shape is one word in a set, not new code.
"""

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

#: Elements whose whole subtree is never article text.
DROP_TAGS = frozenset({
    "script", "style", "noscript", "svg", "iframe", "form", "button", "nav", "footer", "aside",
    "select", "input", "textarea", "template", "object", "embed", "canvas", "dialog", "menu",
    "header", "video", "audio", "map", "label",
})

#: Elements that start and end a block of text.
BLOCK_TAGS = frozenset({
    "p", *HEADINGS, "li", "blockquote", "pre", "figcaption", "dd", "dt", "td", "th", "div",
    "section", "article", "main", "ul", "ol", "dl", "table", "tr", "figure", "address",
    "caption", "details", "summary", "body", "center", "hr",
})

#: Words in class/id that mark site chrome (matched against whole tokens of the attribute).
BOILER_TOKENS = frozenset({
    "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "cookie",
    "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription", "signup",
    "share", "sharing", "sharebar", "social", "socials", "related", "recommended",
    "recommendations", "recirc", "mostread", "most", "popular", "trending", "comment",
    "comments", "disqus", "advert", "advertisement", "ad", "ads", "adslot", "dfp", "promo",
    "sponsor", "sponsored", "sidebar", "footer", "masthead", "banner", "modal", "popup",
    "paywall", "tags", "taglist", "bio", "outbrain", "taboola", "widget", "toolbar", "skip",
    "hidden", "sr", "visually", "print", "newsletters", "teaser", "teasers", "more",
    "readmore", "read", "next", "prev", "pagination", "pager", "login", "search", "header",
    "topbar", "alert", "notice", "donate", "membership", "byline_bio", "author_bio", "ticker",
    "marquee", "quotes", "stocks", "logo",
})

#: Words that mark a site footer or copyright notice (where the outlet names itself).
FOOTER_TOKENS = frozenset({"footer", "ftr", "copyright", "copy", "legal", "colophon", "siteinfo",
                           "bottom"})

#: Words that mark a headline element that is not an <h1>-<h6> (newsletters, old CMSs).
HEADLINE_TOKENS = frozenset({"hed", "headline", "title", "heading", "head"})

#: Words that mark a photo caption or credit.
CAPTION_TOKENS = frozenset({"caption", "credit", "figcaption", "photo-credit", "wp-caption-text"})

#: Words that mark a byline.
BYLINE_TOKENS = frozenset({"byline", "author", "authors", "by", "writer", "contributor"})

#: Words that mark an article's own metadata (date, byline) inside a container.
META_TOKENS = frozenset({"byline", "author", "date", "dateline", "timestamp", "published",
                         "pubdate", "meta", "time"})

#: Words that mark a live blog's entries (one article, not many).
LIVE_TOKENS = frozenset({"live", "liveblog", "live-blog", "entry", "update", "updates"})

#: <meta> names holding the publisher, in order of trust.
SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:app:name")

#: <meta> names holding the publication date, in order of trust.
DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate",
             "publish-date", "publish_date", "date", "dc.date.issued", "dc.date",
             "sailthru.date", "parsely-pub-date", "article.published", "og:updated_time",
             "article:modified_time")
