//! The hashes and ids every layer names things by: a file's or a text's SHA-256 in lowercase hex
//! (packages, pictures, revisions, events, approvals, the desk's secrets) and new ids (ULIDs, which
//! sort by creation time). The bottom of the core: it depends on nothing else in it.

use sha2::{Digest, Sha256};

/// SHA-256 of `bytes`, as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// The hash a revision's text is known by on every machine.
pub fn text_hash(markdown: &str) -> String {
    sha256_hex(markdown.as_bytes())
}

/// A new id for an article, a comment thread or an outbox row: a ULID, unique and in creation order.
pub fn new_id() -> String {
    ulid::Ulid::new().to_string()
}
