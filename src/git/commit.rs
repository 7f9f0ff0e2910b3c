//! Commits as the range reader needs them: the tree, the parents, the author and the message.
//!
//! A commit comes from the pack reader's bytes, parsed here, or from libgit2 when the pack
//! reader does not have it (a loose object, an alternate) or cannot make sense of it; libgit2
//! then decides whether it is damaged. Parsing here follows libgit2's own parser
//! (`commit.c`, `signature.c`) for everything read from a commit, so both give the same commit;
//! a test reads every commit of the same repository both ways and compares them.

use std::collections::HashSet;

use git2::{Commit, Oid};

/// The parts of a commit the range reader uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CommitData {
    pub(super) id: Oid,
    pub(super) tree: Oid,
    /// As libgit2 shows them: none for a commit on a shallow boundary.
    pub(super) parents: Vec<Oid>,
    /// Whether the commit's own header names a parent (true for a shallow boundary commit,
    /// which shows none).
    pub(super) names_parent: bool,
    pub(super) message: Vec<u8>,
    pub(super) encoding: Option<Vec<u8>>,
    pub(super) author_name: Vec<u8>,
    pub(super) author_email: Vec<u8>,
    /// Seconds since the epoch and the UTC offset in minutes.
    pub(super) author_time: (i64, i32),
}

impl CommitData {
    /// The commit libgit2 read.
    pub(super) fn from_git2(commit: &Commit<'_>) -> CommitData {
        let author = commit.author();
        CommitData {
            id: commit.id(),
            tree: commit.tree_id(),
            parents: commit.parent_ids().collect(),
            names_parent: header_names_parent(commit.raw_header_bytes()),
            message: commit.message_bytes().to_vec(),
            encoding: commit
                .message_encoding()
                .ok()
                .flatten()
                .map(|name| name.as_bytes().to_vec()),
            author_name: author.name_bytes().to_vec(),
            author_email: author.email_bytes().to_vec(),
            author_time: (author.when().seconds(), author.when().offset_minutes()),
        }
    }

    /// Parses a raw commit object; `None` when libgit2 might read it differently (anything
    /// malformed, or a header it reads with rules not copied here): the caller then asks
    /// libgit2. `shallow` holds the shallow boundary commits, whose parents libgit2 hides.
    pub(super) fn parse(id: Oid, raw: &[u8], shallow: &HashSet<Oid>) -> Option<CommitData> {
        let split = find(raw, b"\n\n");
        let (header, body) = match split {
            Some(at) => (raw.get(..at + 1)?, raw.get(at + 2..)?),
            None => return None,
        };
        let mut lines = header.split(|&byte| byte == b'\n').peekable();
        let tree = parse_id(lines.next()?.strip_prefix(b"tree ")?)?;
        let mut parents = Vec::new();
        while let Some(parent) = lines.peek().and_then(|line| line.strip_prefix(b"parent ")) {
            parents.push(parse_id(parent)?);
            lines.next();
        }
        let author = lines.next()?.strip_prefix(b"author ")?;
        let committer = lines.next()?.strip_prefix(b"committer ")?;
        // libgit2 refuses a commit whose committer does not parse; leave those to it.
        Signature::parse(committer)?;
        let author = Signature::parse(author)?;
        let mut encoding = None;
        for line in lines {
            // libgit2 keeps the last one.
            if let Some(name) = line.strip_prefix(b"encoding ") {
                encoding = Some(name.to_vec());
            }
        }
        let names_parent = !parents.is_empty();
        if shallow.contains(&id) {
            parents.clear();
        }
        // libgit2's message skips the newlines that open it.
        let start = body
            .iter()
            .position(|&byte| byte != b'\n')
            .unwrap_or(body.len());
        Some(CommitData {
            id,
            tree,
            parents,
            names_parent,
            message: body.get(start..)?.to_vec(),
            encoding,
            author_name: author.name.to_vec(),
            author_email: author.email.to_vec(),
            author_time: (author.seconds, author.offset_minutes),
        })
    }
}

/// Whether a raw commit header names a parent.
pub(super) fn header_names_parent(raw_header: &[u8]) -> bool {
    raw_header
        .split(|byte| *byte == b'\n')
        .any(|line| line.starts_with(b"parent "))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// A full hex id, exactly 40 hex digits.
fn parse_id(hex: &[u8]) -> Option<Oid> {
    if hex.len() != 40 || !hex.iter().all(u8::is_ascii_hexdigit) {
        return None;
    }
    Oid::from_str(std::str::from_utf8(hex).ok()?).ok()
}

/// `Name <email> 1700000000 +0100`, read as libgit2 reads it.
struct Signature<'a> {
    name: &'a [u8],
    email: &'a [u8],
    seconds: i64,
    offset_minutes: i32,
}

impl<'a> Signature<'a> {
    fn parse(line: &'a [u8]) -> Option<Signature<'a>> {
        // libgit2 takes the last '<' and the last '>' of the line.
        let open = line.iter().rposition(|&byte| byte == b'<')?;
        let close = line.iter().rposition(|&byte| byte == b'>')?;
        if close <= open {
            return None;
        }
        let name = trim(line.get(..open)?);
        let email = trim(line.get(open + 1..close)?);
        let rest = line.get(close + 1..)?;
        let (seconds, offset_minutes) = parse_time(rest)?;
        Some(Signature {
            name,
            email,
            seconds,
            offset_minutes,
        })
    }
}

/// The time after the email: ` 1700000000 +0100`. A time that is not plain digits, or an
/// offset that is not `+hhmm`/`-hhmm`, is left to libgit2, whose fallbacks are not copied here.
fn parse_time(rest: &[u8]) -> Option<(i64, i32)> {
    let rest = rest.strip_prefix(b" ")?;
    let (seconds, zone) = match rest.iter().position(|&byte| byte == b' ') {
        Some(at) => (rest.get(..at)?, rest.get(at + 1..)?),
        None => return None,
    };
    if seconds.is_empty() || seconds.len() > 18 || !seconds.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let seconds: i64 = std::str::from_utf8(seconds).ok()?.parse().ok()?;
    let [sign, h1, h2, m1, m2] = *zone else {
        return None;
    };
    if !(sign == b'+' || sign == b'-') || ![h1, h2, m1, m2].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digit = |byte: u8| i32::from(byte - b'0');
    let (hours, minutes) = (digit(h1) * 10 + digit(h2), digit(m1) * 10 + digit(m2));
    if hours > 14 || minutes > 59 {
        return None;
    }
    let offset = hours * 60 + minutes;
    Some((seconds, if sign == b'-' { -offset } else { offset }))
}

/// libgit2 trims what it calls crud from both ends of a name or email: control characters and
/// spaces, and `,:;<>"\'` (git's own list also has `.`; libgit2's does not).
fn trim(bytes: &[u8]) -> &[u8] {
    let crud = |byte: &u8| *byte <= b' ' || b",:;<>\"\\'".contains(byte);
    let start = bytes
        .iter()
        .position(|byte| !crud(byte))
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|byte| !crud(byte))
        .map_or(start, |at| at + 1);
    bytes.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Option<CommitData> {
        CommitData::parse(Oid::ZERO_SHA1, raw.as_bytes(), &HashSet::new())
    }

    const TREE: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
    const PARENT: &str = "8ab686eafeb1f44702738c8b0f24f2567c36da6d";

    #[test]
    fn reads_the_fields_of_a_plain_commit() {
        let raw = format!(
            "tree {TREE}\nparent {PARENT}\nauthor  Ann  Lee  <ann@x.io> 1700000000 -0130\n\
             committer C <c@x.io> 1700000001 +0000\nencoding ISO-8859-1\n\n\nFix it\n"
        );
        let commit = parse(&raw).expect("parses");
        assert_eq!(commit.tree.to_string(), TREE);
        assert_eq!(commit.parents.len(), 1);
        assert!(commit.names_parent);
        assert_eq!(commit.author_name, b"Ann  Lee");
        assert_eq!(commit.author_email, b"ann@x.io");
        assert_eq!(commit.author_time, (1_700_000_000, -90));
        assert_eq!(commit.encoding.as_deref(), Some(&b"ISO-8859-1"[..]));
        assert_eq!(commit.message, b"Fix it\n");
    }

    #[test]
    fn tells_a_parent_line_from_a_continuation_line() {
        assert!(header_names_parent(b"tree x\nparent y\nauthor z"));
        assert!(!header_names_parent(
            b"tree x\nauthor z\ngpgsig -----\n parent y"
        ));
    }

    #[test]
    fn a_shallow_commit_shows_no_parents_but_names_one() {
        let raw = format!(
            "tree {TREE}\nparent {PARENT}\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nm"
        );
        let id = Oid::from_str(PARENT).expect("id");
        let shallow = HashSet::from([id]);
        let commit = CommitData::parse(id, raw.as_bytes(), &shallow).expect("parses");
        assert!(commit.parents.is_empty());
        assert!(commit.names_parent);
    }

    #[test]
    fn leaves_what_libgit2_reads_its_own_way_to_libgit2() {
        let head = format!("tree {TREE}\n");
        let sig = "A <a@x> 1 +0000";
        for raw in [
            format!("{head}author {sig}\ncommitter {sig}\n"), // no blank line
            format!("tree {TREE}x\nauthor {sig}\ncommitter {sig}\n\nm"),
            format!("{head}author A a@x 1 +0000\ncommitter {sig}\n\nm"),
            format!("{head}author A <a@x> 1 +000\ncommitter {sig}\n\nm"),
            format!("{head}author A <a@x> x1 +0000\ncommitter {sig}\n\nm"),
            format!("{head}author A <a@x> 1 +1500\ncommitter {sig}\n\nm"),
            format!("{head}author {sig}\ncommitter A\n\nm"),
            format!("{head}committer {sig}\nauthor {sig}\n\nm"),
        ] {
            assert_eq!(parse(&raw), None, "{raw:?}");
        }
    }
}
