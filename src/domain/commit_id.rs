//! What text may name a commit where relctl hands it to git: a commit id, never a revision
//! expression (`HEAD~3`, `:/fix`, `@{-1}`, a branch or tag name). Ids come from clients (a
//! release's `refs`, its commits' `id`s, and so the head commits recorded for it), so anything
//! else is refused, or ignored where a recorded head is only a hint.

/// The shortest commit id accepted (git's own minimum abbreviation).
pub const MIN_COMMIT_ID: usize = 4;
/// The longest (Sentry's limit; a SHA-256 id).
pub const MAX_COMMIT_ID: usize = 64;

/// Whether `text` is a commit id: 4 to 64 hexadecimal characters.
pub fn is_commit_id(text: &str) -> bool {
    (MIN_COMMIT_ID..=MAX_COMMIT_ID).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether `text` is a whole commit id (40 hexadecimal characters, or 64 for SHA-256): what
/// names a commit without a repository to resolve an abbreviation in.
pub fn is_full_commit_id(text: &str) -> bool {
    (text.len() == 40 || text.len() == 64) && is_commit_id(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_ids_are_4_to_64_hex_characters() {
        for id in ["abcd", "ABCDEF0", &"0".repeat(40), &"f".repeat(64)] {
            assert!(is_commit_id(id), "{id}");
        }
        for text in [
            "",
            "abc",
            &"a".repeat(65),
            "HEAD",
            "HEAD~1",
            ":/fix",
            "abcd^",
            "abcd..ef01",
            " abcd",
            "@{-1}",
            "v1.0",
        ] {
            assert!(!is_commit_id(text), "{text}");
        }
    }
}
