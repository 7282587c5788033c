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

# --- compare: stories -----------------------------------------------------------------------
#: An article's vector keeps its strongest features only (the cost of a similarity).
STORY_VECTOR_SIZE = 100
#: Each article is indexed under this many of its strongest features (entities and words).
STORY_TOP_FEATURES = 40
#: Features shared by more articles than this are too common to suggest a story
#: (countries, "government"); they still count in the similarity. A fixed cap keeps the
#: candidate pairs linear in the number of articles.
STORY_MAX_DF = 60
#: Two articles (or two groups of articles) join one story at this cosine similarity of
#: their entity-and-word vectors, and not when their dates lie further apart than this.
STORY_LINK = 0.22
STORY_MAX_DAYS = 10
#: An entity feature weighs this much more than a word feature.
STORY_ENTITY_WEIGHT = 2.0
#: Stories further apart in time but this similar are related (a follow-up).
STORY_RELATED = 0.18
#: Sentence embeddings (MiniLM, the optional ``embeddings`` extra) in story similarity:
#: "off", "auto" (when the extra is installed) or "on" (required). docs/embeddings.md.
STORY_EMBEDDINGS = "off"
#: An article is embedded by its title and this many first sentences (more while they hold
#: fewer words than this; at most this many characters), on this many CPU threads.
STORY_EMBED_SENTENCES = 3
STORY_EMBED_WORDS = 50
STORY_EMBED_CHARS = 1500
STORY_EMBED_THREADS = 1
#: With embeddings, a similarity is the entity-and-word cosine + weight * (the embedding
#: cosine - pivot) (compare/stories.py ``blend``).
STORY_EMBED_WEIGHT = 0.2
STORY_EMBED_PIVOT = 0.4

# --- compare: claims ------------------------------------------------------------------------
#: "about 5,000" stands for 5,000 give or take this share.
APPROX_SHARE = 0.1
#: Two claims of different articles are about the same thing at this overlap of their
#: topic words (weighted) and the words around their numbers (this many characters).
CLAIM_LINK = 0.25
CLAIM_TOPIC_WEIGHT = 3
CLAIM_WINDOW = 60
#: Sums and shares whose nouns differ ("$4 billion withdrew" against "$4.5 billion out") are
#: about the same thing only at this overlap.
CLAIM_LINK_OTHER_NOUN = 0.5
#: Linking claims most alike first, two giving the same value count this much more alike.
CLAIM_SAME_VALUE = 0.1
#: Two values further apart than this factor are not one quantity told twice.
CLAIM_RATIO = 4.0
#: Outlets giving an event (of one victim or target) dates at most this many days apart
#: disagree on its date; further apart, they are telling different events.
EVENT_DATE_SLACK = 2
#: Events an article dates more than this many days before it was published are earlier
#: events it recalls, not the story's.
EVENT_RECENT = 10
#: Two outlets' sentences tell one happening of the story (one event family, no shared
#: victim needed) when they share at least this many content words or names...
EVENT_KEY_SHARED = 2
#: ...and this share of the shorter one's, read this many characters either side of the
#: trigger.
EVENT_KEY_LINK = 0.25
EVENT_KEY_WINDOW = 60
