//! When a failed send (to the desk, to a CMS) is tried again: exponential backoff with jitter, so a desk that comes back
//! after an outage is not met by every laptop at the same instant, and a failing desk is asked
//! less and less often.

/// The first retry waits about this long.
pub const BASE_MS: i64 = 1_000;
/// No wait is longer than this.
pub const CEILING_MS: i64 = 5 * 60 * 1_000;

/// The wait before attempt `attempts + 1`, `jitter` in [0, 1): between half and all of
/// `BASE_MS · 2^attempts`, capped at [`CEILING_MS`].
pub fn delay_ms(attempts: i64, jitter: f64) -> i64 {
    let exp = BASE_MS.saturating_mul(1i64 << attempts.clamp(0, 20)).min(CEILING_MS);
    let half = exp / 2;
    half + (half as f64 * jitter.clamp(0.0, 0.999_999)) as i64
}

/// A fresh jitter value from the OS's randomness.
pub fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).expect("the OS gives random bytes");
    u32::from_le_bytes(bytes) as f64 / (u32::MAX as f64 + 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_within_their_jitter_and_stop_growing_at_the_ceiling() {
        assert_eq!(delay_ms(0, 0.0), 500);
        assert_eq!(delay_ms(0, 0.999), 999);
        assert_eq!(delay_ms(3, 0.0), 4_000);
        for attempts in 0..40 {
            for j in [0.0, 0.5, 0.999] {
                let d = delay_ms(attempts, j);
                assert!((500..=CEILING_MS).contains(&d), "{attempts} {j}: {d}");
            }
        }
        assert_eq!(delay_ms(30, 0.0), CEILING_MS / 2);
        assert!(delay_ms(2, 0.1) < delay_ms(2, 0.9));
    }

    #[test]
    fn jitter_is_in_range() {
        for _ in 0..1000 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j));
        }
    }
}
