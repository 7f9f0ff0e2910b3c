//! Passwords kept out of the URLs relctl shows: store URLs (`postgres://user:secret@host`,
//! `?password=`), server URLs, Redis URLs, and error messages that echo them.
//!
//! One place, so every message and log line masks the same way, and no module that shows a URL
//! has to depend on another that happens to know how (the configuration, the store and the
//! remote client each did it their own way). Tokens are the remote client's to hide
//! (`remote/redact.rs`): they appear whole in text, not as parts of a URL.

/// Every `user:password@` of a URL, or of text that only looks like one (`http:/u:secret@host`,
/// `u:secret@host`), as `user:***@`: in each `/`-separated part, everything between its first
/// `:` and its last `@`.
pub fn mask_passwords(text: &str) -> String {
    text.split('/')
        .map(|part| match part.rsplit_once('@') {
            Some((credentials, host)) => match credentials.split_once(':') {
                Some((user, _)) => format!("{user}:***@{host}"),
                None => part.to_string(),
            },
            None => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The store URL as relctl shows it: a password, in the user part or in the query
/// (`?password=...`), as `***`.
pub fn shown_store_url(url: &str) -> String {
    let masked = mask_passwords(url);
    let Some((base, query)) = masked.split_once('?') else {
        return masked;
    };
    let query: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if key.eq_ignore_ascii_case("password") => format!("{key}=***"),
            _ => pair.to_string(),
        })
        .collect();
    format!("{base}?{}", query.join("&"))
}

/// `https://user:pass@host/x` as `https://host/x`; without a scheme (`user:pass@host`, a
/// mistake that error messages echo), as `user:***@host`.
pub fn without_user_info(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (Some(scheme), rest),
        None => (None, url),
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return mask_passwords(url);
    };
    match scheme {
        Some(scheme) => mask_passwords(&format!("{scheme}://{}", &rest[at + 1..])),
        // Without a scheme the user may be worth showing (which part was mistyped is clearer
        // with it); the password never is.
        None => mask_passwords(url),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(
            mask_passwords("http://u:SECRET@host:1/x"),
            "http://u:***@host:1/x"
        );
        assert_eq!(mask_passwords("http://u@host"), "http://u@host");
        assert_eq!(mask_passwords("http://host/a@b"), "http://host/a@b");
    }

    #[test]
    fn store_urls_hide_the_password_in_the_user_part_and_the_query() {
        assert_eq!(
            shown_store_url("postgres://relctl:pw@db:5432/relctl?sslmode=require&password=pw"),
            "postgres://relctl:***@db:5432/relctl?sslmode=require&password=***"
        );
        assert_eq!(
            shown_store_url("postgres://db/relctl"),
            "postgres://db/relctl"
        );
    }

    #[test]
    fn server_urls_lose_their_user_info() {
        assert_eq!(
            without_user_info("https://u:pw@sentry.io/x"),
            "https://sentry.io/x"
        );
        assert_eq!(without_user_info("u:pw@sentry.io"), "u:***@sentry.io");
        assert_eq!(
            without_user_info("https://sentry.io/a@b"),
            "https://sentry.io/a@b"
        );
    }
}
