//! Device tokens and enrolment codes: random, shown once, kept by the desk only as SHA-256, so a
//! copy of the database lets nobody in.

/// 256 random bits, hex.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Letters and digits that cannot be mistaken for one another when read aloud or typed.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// A one-time enrolment code: 15 characters from a 32-letter alphabet (75 bits), in groups of
/// five: `K7QXM-2PAZ9-…`.
pub fn new_code() -> String {
    let mut bytes = [0u8; 15];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    let letters: Vec<char> = bytes.iter().map(|b| CODE_ALPHABET[(*b % 32) as usize] as char).collect();
    letters.chunks(5).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// A code as typed: case, spaces and dashes do not matter.
pub fn normalize_code(typed: &str) -> String {
    let letters: Vec<char> =
        typed.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect();
    letters.chunks(5).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

pub fn hash(secret: &str) -> String {
    qalam_core::hash::sha256_hex(secret.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_however_it_is_typed() {
        let code = new_code();
        assert_eq!(code.len(), 17);
        assert_eq!(normalize_code(&code.to_lowercase().replace('-', " ")), code);
        assert_ne!(new_code(), code);
    }

    #[test]
    fn tokens_are_256_bits_and_differ() {
        let a = new_token();
        assert_eq!(a.len(), 64);
        assert_ne!(a, new_token());
        assert_eq!(hash(&a).len(), 64);
        assert_ne!(hash(&a), a);
    }
}
