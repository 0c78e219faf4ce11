-- The publication's house style: the newest sheet a chief of this desk signed, kept exactly as
-- signed and handed to every laptop (src/store/house_style.rs). One row at most.
CREATE TABLE house_style (
    singleton     BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    body          TEXT NOT NULL,
    signature     TEXT NOT NULL,
    issued_at     BIGINT NOT NULL,
    signer_person BIGINT NOT NULL REFERENCES people(id),
    received_at   TIMESTAMPTZ NOT NULL
);
