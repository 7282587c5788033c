"""Every threshold of the pipeline in one place (no scattered literals)."""

from __future__ import annotations

# --- ingest -----------------------------------------------------------------------------
#: Pages above this size are refused with E004 (a news page is rarely above 2 MB).
MAX_PAGE_BYTES = 16 * 1024 * 1024
#: Share of control bytes in the first 4 KiB above which a file is binary.
BINARY_CONTROL_RATIO = 0.10
#: File name endings read as HTML (others are sniffed).
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")

# --- clean: lines -------------------------------------------------------------------------
#: A line with at most this many words and no sentence ending is "short" (chrome or heading).
SHORT_LINE_WORDS = 6
#: Headlines have between these many words.
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 30
#: How many lines after a headline its header block (stamp, byline, repeat) may reach.
HEADER_WINDOW = 8
#: A body must have at least this many words for a header to start a new article.
MIN_ARTICLE_WORDS = 40
#: In HTML, a block whose link text is above this share of its text is navigation.
MAX_LINK_DENSITY = 0.5
#: Hard-wrapped text: the widest line is between these columns, and this share of the long
#: lines end within WRAP_SLACK columns of it.
WRAP_MIN_WIDTH = 60
WRAP_MAX_WIDTH = 100
WRAP_SLACK = 12
WRAP_MIN_SHARE = 0.6
#: HTML nested deeper than this is flattened before cleaning (libxml2 drops what is deeper
#: than its own limit of a few thousand levels).
MAX_HTML_DEPTH = 1000
