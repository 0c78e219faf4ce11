-- The desk's first schema: people and their devices, the stories (each article's head, its
-- revisions and its record of signed events), pictures by hash, the pushes already answered,
-- and the desk-wide sequence every change is numbered by.
CREATE TABLE people (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('journalist', 'editor', 'chief')),
    sections    TEXT[] NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    removed_at  TIMESTAMPTZ
);
CREATE TABLE enrollments (
    code_hash   TEXT PRIMARY KEY,
    person_id   BIGINT NOT NULL REFERENCES people(id),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE TABLE devices (
    id           BIGSERIAL PRIMARY KEY,
    person_id    BIGINT NOT NULL REFERENCES people(id),
    name         TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    fingerprint  TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX devices_by_fingerprint ON devices(fingerprint);
-- One row, bumped inside every writing transaction: its row lock orders commits by number, so
-- a reader that has seen number N has seen every change numbered below it.
CREATE TABLE desk_counter (singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton), value BIGINT NOT NULL);
INSERT INTO desk_counter (value) VALUES (0);
CREATE TABLE articles (
    id             TEXT PRIMARY KEY,
    author_person  BIGINT REFERENCES people(id),
    author_name    TEXT,
    section        TEXT,
    status         TEXT NOT NULL DEFAULT 'draft',
    head           TEXT,
    seq            BIGINT NOT NULL DEFAULT 0,
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX articles_by_seq ON articles(seq);
CREATE TABLE revisions (
    article_id  TEXT NOT NULL REFERENCES articles(id),
    number      INT NOT NULL,
    hash        TEXT NOT NULL,
    based_on    TEXT,
    markdown    TEXT NOT NULL,
    pushed_by   BIGINT NOT NULL REFERENCES devices(id),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (article_id, number)
);
CREATE TABLE events (
    hash        TEXT PRIMARY KEY,
    article_id  TEXT NOT NULL REFERENCES articles(id),
    position    INT NOT NULL,
    body        TEXT NOT NULL,
    signature   TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (article_id, position)
);
CREATE TABLE blobs (
    hash        TEXT PRIMARY KEY,
    bytes       BYTEA NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE pushes (
    device_id   BIGINT NOT NULL REFERENCES devices(id),
    client_id   TEXT NOT NULL,
    response    JSONB NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, client_id)
);
