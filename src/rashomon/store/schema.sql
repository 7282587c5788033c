-- rashomon store, schema version 2 (version 1 had no Compare columns: see sqlite.py MIGRATIONS). One row per object of the data model (model.py).
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,          -- path or URL exactly as given
    origin TEXT NOT NULL,          -- the input file it came from
    ordinal INTEGER NOT NULL,      -- position on its page
    title TEXT, outlet TEXT, published TEXT, byline TEXT, dateline TEXT,
    language TEXT NOT NULL DEFAULT 'en',
    url TEXT, fetched_at TEXT,
    text TEXT NOT NULL,
    words INTEGER NOT NULL,
    story_id TEXT
);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source);

CREATE TABLE IF NOT EXISTS captions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, text TEXT NOT NULL, credit TEXT,
    PRIMARY KEY (article_id, ordinal)
);

CREATE TABLE IF NOT EXISTS failures (
    origin TEXT NOT NULL, locator TEXT, reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_origin ON failures(origin);

-- Layers of the later stages (Understand, Compare), in the export contract's shape.
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS mentions (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, type TEXT NOT NULL, trigger TEXT NOT NULL, date TEXT, location_id TEXT
);
CREATE TABLE IF NOT EXISTS event_participants (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL, role TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_mentions (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS story_relations (
    story_id TEXT NOT NULL, other_id TEXT NOT NULL, relation TEXT NOT NULL, shared TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS descriptors (
    entity_id TEXT NOT NULL, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT NOT NULL, score REAL NOT NULL, terms TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    speaker_id TEXT, speaker TEXT, text TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    kind TEXT NOT NULL, cue TEXT, source TEXT
);
CREATE TABLE IF NOT EXISTS discrepancies (
    id TEXT PRIMARY KEY, topic TEXT NOT NULL, story_id TEXT, kind TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    discrepancy_id TEXT NOT NULL REFERENCES discrepancies(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL, value TEXT NOT NULL, article_ids TEXT NOT NULL, text TEXT NOT NULL,
    mentions TEXT NOT NULL, number REAL, qualifier TEXT, outlets TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (
    id TEXT PRIMARY KEY, story_id TEXT NOT NULL, topic TEXT NOT NULL, kind TEXT NOT NULL,
    value TEXT NOT NULL, article_ids TEXT NOT NULL, outlets TEXT NOT NULL, mentions TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS coverage (
    story_id TEXT NOT NULL, ordinal INTEGER NOT NULL, item_id TEXT NOT NULL, kind TEXT NOT NULL,
    label TEXT NOT NULL, cells TEXT NOT NULL, PRIMARY KEY (story_id, ordinal)
);
CREATE INDEX IF NOT EXISTS descriptors_entity ON descriptors(entity_id);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS discrepancies_story ON discrepancies(story_id);
CREATE INDEX IF NOT EXISTS facts_story ON facts(story_id);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story_id);

-- The Understand layer of each article, stored with the article (one transaction per file).
CREATE TABLE IF NOT EXISTS article_entities (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, label TEXT NOT NULL, name TEXT NOT NULL,
    aliases TEXT NOT NULL, reasons TEXT NOT NULL, weak INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS article_entity_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_values (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL,
    value TEXT
);
CREATE TABLE IF NOT EXISTS article_events (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL, type TEXT NOT NULL, trigger TEXT NOT NULL,
    trigger_start INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    location INTEGER, date TEXT, participants TEXT NOT NULL
);
-- The Compare layer of each article (quotes, descriptors, claims), stored with the article.
CREATE TABLE IF NOT EXISTS article_quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
    speaker INTEGER, speaker_text TEXT, cue TEXT, source TEXT
);
CREATE TABLE IF NOT EXISTS article_descriptors (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    kind TEXT NOT NULL, score REAL NOT NULL, terms TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS article_claims (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
    topic TEXT NOT NULL, label TEXT NOT NULL, value TEXT NOT NULL, number REAL, qualifier TEXT,
    sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, entities TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS article_quotes_article ON article_quotes(article_id);
CREATE INDEX IF NOT EXISTS article_descriptors_article ON article_descriptors(article_id);
CREATE INDEX IF NOT EXISTS article_claims_article ON article_claims(article_id);
CREATE INDEX IF NOT EXISTS article_entity_mentions_article ON article_entity_mentions(article_id);
CREATE INDEX IF NOT EXISTS article_values_article ON article_values(article_id);
CREATE INDEX IF NOT EXISTS article_events_article ON article_events(article_id);

-- Workspace entities and events (rebuilt from the article layers by the resolve step).
CREATE TABLE IF NOT EXISTS entity_merges (
    entity_id TEXT NOT NULL, alias TEXT NOT NULL, "of" TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS event_participants_entity ON event_participants(entity_id);
CREATE INDEX IF NOT EXISTS event_participants_event ON event_participants(event_id);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event_id);
CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions(article_id);
CREATE INDEX IF NOT EXISTS events_location ON events(location_id);
CREATE INDEX IF NOT EXISTS entity_merges_entity ON entity_merges(entity_id);
CREATE INDEX IF NOT EXISTS descriptors_article ON descriptors(article_id);
CREATE INDEX IF NOT EXISTS claims_discrepancy ON claims(discrepancy_id);
CREATE INDEX IF NOT EXISTS story_relations_story ON story_relations(story_id);
