-- The version of the app's search analyzer the stories' search terms were made with: terms made
-- by an older one are made again when the desk starts (src/store/migrate.rs).
CREATE TABLE search_analyzer (
    singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    version   BIGINT NOT NULL
);
INSERT INTO search_analyzer (version) VALUES (0);
