//! A commit's text (message, author name and email) decoded as its `encoding` header says, the
//! way `git log` shows it; both commit readers (libgit2 and the pack reader) end here.
//!
//! git hands the header's name to iconv. The names are looked up in `encoding_rs`, whose labels
//! are the WHATWG ones, plus the few glibc spellings git users write that WHATWG lacks
//! (`latin9`, `eucJP`, `cp932`, `ISO_8859_15` with underscores, ...). Two differences from
//! iconv, both for the better in a commit message: WHATWG reads `ISO-8859-1`/`latin1`/`ASCII` as
//! windows-1252 (so bytes 0x80-0x9F are `€`, `‚`, ... rather than invisible control characters),
//! and bytes that are invalid in the declared encoding become U+FFFD where git prints them raw.
//! No header, UTF-8, a name neither knows, and the encodings a commit cannot hold (UTF-16, whose
//! NUL bytes git refuses in a message) or that WHATWG maps to the replacement encoding
//! (ISO-2022-KR, HZ, ...) read as UTF-8 with invalid bytes replaced, as before.

use encoding_rs::Encoding;

/// The encoding a commit's `encoding` header names; `None` for UTF-8 (what git assumes without
/// the header) and for anything read as UTF-8 (see the module docs).
pub(super) fn named(header: Option<&[u8]>) -> Option<&'static Encoding> {
    let label = header?;
    let encoding = Encoding::for_label(label).or_else(|| glibc_name(label))?;
    let readable = encoding != encoding_rs::UTF_8
        && encoding != encoding_rs::UTF_16LE
        && encoding != encoding_rs::UTF_16BE
        && encoding != encoding_rs::REPLACEMENT;
    readable.then_some(encoding)
}

/// `bytes` in `encoding` (from [`named`]) as UTF-8.
pub(super) fn decode(bytes: &[u8], encoding: Option<&'static Encoding>) -> String {
    match encoding {
        Some(encoding) => encoding.decode_without_bom_handling(bytes).0.into_owned(),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// glibc's names and spellings that are not WHATWG labels, compared without case, `-` and `_`.
fn glibc_name(label: &[u8]) -> Option<&'static Encoding> {
    let key: String = label
        .iter()
        .filter(|byte| !matches!(byte, b'-' | b'_'))
        .map(|byte| char::from(byte.to_ascii_lowercase()))
        .collect();
    let key = key.trim();
    let with_dash =
        |prefix: &str, number: &str| Encoding::for_label(format!("{prefix}-{number}").as_bytes());
    if let Some(number) = key.strip_prefix("iso8859") {
        return with_dash("iso-8859", number);
    }
    if let Some(number) = key.strip_prefix("windows") {
        return with_dash("windows", number);
    }
    Some(match key {
        "latin7" => encoding_rs::ISO_8859_13,
        "latin8" => encoding_rs::ISO_8859_14,
        "latin9" => encoding_rs::ISO_8859_15,
        "latin10" => encoding_rs::ISO_8859_16,
        "shiftjis" | "cp932" => encoding_rs::SHIFT_JIS,
        "eucjp" => encoding_rs::EUC_JP,
        "euckr" => encoding_rs::EUC_KR,
        "iso2022jp" => encoding_rs::ISO_2022_JP,
        "big5hkscs" => encoding_rs::BIG5,
        _ => return Encoding::for_label(key.as_bytes()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8], header: &str) -> String {
        decode(bytes, named(Some(header.as_bytes())))
    }

    #[test]
    fn latin9_is_not_latin1() {
        for header in [
            "ISO-8859-15",
            "iso8859-15",
            "ISO_8859_15",
            "latin9",
            "Latin-9",
            "l9",
        ] {
            assert_eq!(read(b"\xa4 \xa6 \xbc", header), "€ Š Œ", "{header}");
        }
        assert_eq!(read(b"caf\xe9 \x80", "ISO-8859-1"), "café €");
        assert_eq!(read(b"caf\xe9", "latin-1"), "café");
    }

    #[test]
    fn the_header_wins_over_bytes_that_happen_to_be_utf8() {
        assert_eq!(read(b"\xc3\xa9", "latin1"), "Ã©");
        assert_eq!(read(b"\x1b$BF|K\\8l\x1b(B", "ISO-2022-JP"), "日本語");
    }

    #[test]
    fn other_names_git_users_write() {
        for (bytes, header, text) in [
            (&b"\x93\xfa\x96\x7b"[..], "Shift_JIS", "日本"),
            (b"\x93\xfa\x96\x7b", "SJIS", "日本"),
            (b"\x93\xfa\x96\x7b", "cp932", "日本"),
            (b"\xc6\xfc\xcb\xdc", "eucJP", "日本"),
            (b"\xc6\xfc\xcb\xdc", "EUC-JP", "日本"),
            (b"\x80", "windows-1252", "€"),
            (b"\x80", "CP1252", "€"),
            (b"\xe0\xe1", "windows_1251", "аб"),
            (b"\xc1\xc2", "KOI8-R", "аб"),
        ] {
            assert_eq!(read(bytes, header), text, "{header}");
        }
    }

    #[test]
    fn utf8_unknown_and_unreadable_names_read_as_utf8() {
        assert_eq!(named(None), None);
        for header in ["UTF-8", "utf8", "x-unknown", "", "UTF-16", "ISO-2022-KR"] {
            assert_eq!(named(Some(header.as_bytes())), None, "{header}");
            assert_eq!(
                read(b"caf\xc3\xa9 \xff", header),
                "café \u{fffd}",
                "{header}"
            );
        }
    }
}
