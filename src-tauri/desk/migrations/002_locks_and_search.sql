-- Soft locks (who is editing a story, until when) with a log of who took one over and why,
-- and desk search: each story's title and its normalized, stemmed words (the app's own
-- analyzer: `qalam_core::search::shadow`) as a tsvector with the 'simple' configuration, which
-- only lowercases — the Arabic folding has already been done.
ALTER TABLE articles ADD COLUMN title TEXT;
ALTER TABLE articles ADD COLUMN search TSVECTOR;
CREATE INDEX articles_search ON articles USING gin (search);
CREATE TABLE locks (
    article_id   TEXT PRIMARY KEY REFERENCES articles(id),
    person_id    BIGINT NOT NULL REFERENCES people(id),
    person_name  TEXT NOT NULL,
    since        TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL
);
CREATE TABLE lock_log (
    id           BIGSERIAL PRIMARY KEY,
    article_id   TEXT NOT NULL REFERENCES articles(id),
    person_id    BIGINT NOT NULL REFERENCES people(id),
    action       TEXT NOT NULL CHECK (action IN ('take', 'take-over', 'release')),
    taken_from   TEXT,
    note         TEXT,
    at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
