-- Enrolment challenges are counted per address: one address cannot hold more than a few at once,
-- and a flood from many addresses only pushes the oldest out (a laptop answers its own within a
-- moment), so nobody can stop everyone else enrolling.
ALTER TABLE enroll_challenges ADD COLUMN address TEXT NOT NULL DEFAULT '';
CREATE INDEX enroll_challenges_by_address ON enroll_challenges(address, expires_at);
CREATE INDEX enroll_challenges_by_age ON enroll_challenges(expires_at);
