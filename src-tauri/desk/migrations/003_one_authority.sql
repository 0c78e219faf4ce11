-- One authority (decision 017). Each event keeps the person and role its key had when the desk
-- received it, so replaying a record later judges every event as it was judged then; each story
-- keeps the replay's state (its author, the approval it rests on, the last event) so a push that
-- only extends the record is checked without reading it again. Enrolment proves possession of
-- the key (single-use challenges) and failed codes are counted per address. Pictures are served
-- only to those who may see a story that uses them, or who uploaded them.
ALTER TABLE events ADD COLUMN person_id BIGINT REFERENCES people(id);
ALTER TABLE events ADD COLUMN role TEXT;
UPDATE events e SET person_id = d.person_id, role = p.role
  FROM devices d JOIN people p ON p.id = d.person_id
  WHERE d.fingerprint = (e.body::jsonb ->> 'actor') AND d.public_key = (e.body::jsonb ->> 'actor_key');
ALTER TABLE articles ADD COLUMN record JSONB;
CREATE TABLE enroll_challenges (
    challenge   TEXT PRIMARY KEY,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ
);
CREATE TABLE enroll_failures (
    address     TEXT NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX enroll_failures_by_address ON enroll_failures(address, at);
CREATE TABLE blob_uses (
    hash        TEXT NOT NULL REFERENCES blobs(hash),
    article_id  TEXT NOT NULL REFERENCES articles(id),
    PRIMARY KEY (hash, article_id)
);
CREATE TABLE blob_uploaders (
    hash        TEXT NOT NULL REFERENCES blobs(hash),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    PRIMARY KEY (hash, person_id)
);
INSERT INTO blob_uses (hash, article_id)
  SELECT DISTINCT m[1], r.article_id
  FROM revisions r, regexp_matches(r.markdown, 'assets/([0-9a-f]{64})\.', 'g') AS m
  WHERE EXISTS (SELECT 1 FROM blobs b WHERE b.hash = m[1])
  ON CONFLICT DO NOTHING;
