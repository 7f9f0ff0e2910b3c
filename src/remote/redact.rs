//! The token kept out of what the client shows: its log lines and its error messages, which
//! quote what the server sent (an error's detail, a redirect's URL, a page that is not JSON,
//! headers a proxy echoes) and what was asked (URLs).
//!
//! Only a token of at least [`MIN_SECRET_CHARS`] characters is hidden, and only where it
//! stands as a whole (not inside a longer run of letters and digits). A shorter "token" is no
//! secret worth hiding: the tokens of Sentry and of `relctl token create` are 64 hex digits or
//! longer, and a value of 7 characters or less is a placeholder or a test's; replacing it
//! everywhere turned "rate limited" into "ra<redacted>e limi<redacted>ed" for `--auth-token t`
//! and hid nothing. A real token does not occur inside ordinary words; where a server quotes
//! it, it is set off by spaces, quotes, `=`, `&` or `/`. Its percent-encoded form (a token in a
//! URL's query) is hidden too.

use std::borrow::Cow;

/// The shortest token hidden. Eight characters: the shortest that is not a word of the
/// messages around it in practice, and far below any real token.
pub const MIN_SECRET_CHARS: usize = 8;

/// What stands for a hidden token.
pub const REDACTED: &str = "<redacted>";

/// `text` with every whole occurrence of `secret` (and of its percent-encoded form) replaced
/// by [`REDACTED`]; unchanged when `secret` is too short to be one.
pub fn redact<'t>(text: &'t str, secret: &str) -> Cow<'t, str> {
    if secret.chars().count() < MIN_SECRET_CHARS {
        return Cow::Borrowed(text);
    }
    let mut text = replace_whole(Cow::Borrowed(text), secret);
    let encoded = super::calls::encode(secret);
    if encoded != secret {
        text = replace_whole(text, &encoded);
    }
    text
}

/// `text` with the occurrences of `secret` that are not part of a longer word replaced.
fn replace_whole<'t>(text: Cow<'t, str>, secret: &str) -> Cow<'t, str> {
    if !text.contains(secret) {
        return text;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    // A match continues a word when both the secret's edge and the text beside it are letters
    // or digits.
    let joins_before = word(secret.chars().next());
    let joins_after = word(secret.chars().next_back());
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_ref();
    let mut before: Option<char> = None;
    while let Some(at) = rest.find(secret) {
        let head = &rest[..at];
        let tail = &rest[at + secret.len()..];
        let previous = head.chars().next_back().or(before);
        let inside_a_word =
            (joins_before && word(previous)) || (joins_after && word(tail.chars().next()));
        out.push_str(head);
        if inside_a_word {
            // Keep the first character and look again after it (matches may overlap).
            let first_len = secret.chars().next().map_or(1, char::len_utf8);
            out.push_str(&rest[at..at + first_len]);
            before = secret.chars().next();
            rest = &rest[at + first_len..];
        } else {
            out.push_str(REDACTED);
            before = Some('>');
            rest = tail;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "sntryu_0123456789abcdef";

    #[test]
    fn a_short_token_is_left_alone() {
        let text = "rate limited by the server; try later";
        for short in ["t", "e", "rate", "limited"] {
            assert_eq!(redact(text, short), text, "{short}");
        }
    }

    #[test]
    fn a_real_token_is_hidden_wherever_it_stands_alone() {
        let text = format!(
            "Authorization: Bearer {TOKEN}\n{{\"token\":\"{TOKEN}\"}} https://s.io/?t={TOKEN}&x=1 {TOKEN}"
        );
        let shown = redact(&text, TOKEN);
        assert!(!shown.contains(TOKEN), "{shown}");
        assert_eq!(shown.matches(REDACTED).count(), 4, "{shown}");
        assert_eq!(
            redact(&format!("/login?token={TOKEN}"), TOKEN),
            "/login?token=<redacted>"
        );
    }

    #[test]
    fn its_percent_encoded_form_too() {
        let token = "abc+def/ghi=";
        let text = "next=%2F&token=abc%2Bdef%2Fghi%3D";
        assert_eq!(redact(text, token), "next=%2F&token=<redacted>");
    }

    #[test]
    fn never_inside_a_longer_word() {
        assert_eq!(redact("passwords", "password"), "passwords");
        assert_eq!(redact("a password.", "password"), "a <redacted>.");
        assert_eq!(redact("xpasswordpassword", "password"), "xpasswordpassword");
        // A secret whose edges are not letters joins nothing.
        assert_eq!(redact("a-_secret_-b", "-_secret_-"), "a<redacted>b");
    }
}
