//! Property tests of `--commit REPO@[PREV..]REV` (cli.md, `release set-commits`): any text is
//! parsed or refused as a usage error, and a spec built from its parts parses back to them.

use proptest::prelude::*;
use proptest::sample::select;

use super::parse_commit_spec;
use crate::error::ErrorKind;
use crate::ops::set_commits::RangeAsked;
use crate::props_tests::{any_text, config};

/// A repository name as Sentry knows them (`owner/repo`, GitLab subgroups).
fn repository() -> impl Strategy<Value = String> {
    "[A-Za-z0-9_.-]{1,10}(/[A-Za-z0-9_.-]{1,10}){0,2}"
}

/// A git revision: a name, a sha, `HEAD~3`, `v1.2.3`, `main@{1}`; never `..`.
fn revision() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9_~^/-]{1,10}(\\.[A-Za-z0-9_~^-]{1,5}){0,2}(@\\{[0-9]\\})?",
        "[0-9a-f]{7,40}",
        Just("HEAD".to_string()),
    ]
}

proptest! {
    #![proptest_config(config(256))]

    /// Any text: a usage error on one line, or a spec whose repository is trimmed and non-empty
    /// and whose revisions are non-empty.
    #[test]
    fn any_spec_parses_or_is_a_usage_error(spec in prop_oneof![
        any_text(40),
        "[a-z/#@. ]{0,20}",
        (repository(), select(vec!["@", "@..", "..", "#", " @ "]), any_text(10))
            .prop_map(|(r, sep, rest)| format!("{r}{sep}{rest}")),
    ]) {
        match parse_commit_spec(&spec) {
            Ok(parsed) => {
                prop_assert!(!parsed.repository.is_empty());
                prop_assert_eq!(parsed.repository.trim(), parsed.repository.as_str());
                prop_assert!(!parsed.repository.contains(['@', '#']), "{parsed:?}");
                prop_assert!(!parsed.head.is_empty(), "{parsed:?}");
                prop_assert!(parsed.previous.as_ref().is_none_or(|p| !p.is_empty()), "{parsed:?}");
            }
            Err(err) => {
                prop_assert_eq!(err.kind, ErrorKind::Usage);
                prop_assert!(!err.message.chars().any(char::is_control), "{:?}", err.message);
            }
        }
    }

    /// `REPO@PREV..REV`, `REPO@REV`, `REPO@` and `REPO` (with a sentry-cli `#path` and spaces
    /// around REPO) parse back to their parts; a missing REV is HEAD.
    #[test]
    fn specs_round_trip(
        repo in repository(),
        previous in prop::option::of(revision()),
        head in prop::option::of(revision()),
        path in prop::option::of("[a-z/]{0,8}"),
        pad in select(vec!["", " ", "  "]),
    ) {
        let path = path.map(|p| format!("#{p}")).unwrap_or_default();
        let range = match (&previous, &head) {
            (Some(prev), Some(rev)) => format!("@{prev}..{rev}"),
            (None, Some(rev)) => format!("@{rev}"),
            (Some(_), None) => "@".to_string(),
            (None, None) => String::new(),
        };
        let spec = format!("{pad}{repo}{path}{pad}{range}");
        let expected = RangeAsked {
            repository: repo,
            previous: previous.filter(|_| head.is_some()),
            head: head.unwrap_or_else(|| "HEAD".to_string()),
        };
        prop_assert_eq!(parse_commit_spec(&spec).map_err(|e| e.message), Ok(expected), "{}", spec);
    }

    /// A range with an empty end ("Commit cannot begin or end with ..", server-flow 1.1) or an
    /// empty REPO is refused.
    #[test]
    fn empty_parts_are_refused(
        repo in repository(), rev in revision(),
        form in 0..5usize,
    ) {
        let spec = match form {
            0 => format!("{repo}@..{rev}"),
            1 => format!("{repo}@{rev}.."),
            2 => format!("@{rev}"),
            3 => format!("  #{repo}@{rev}"),
            _ => format!("{repo}@.."),
        };
        let result = parse_commit_spec(&spec);
        prop_assert!(result.as_ref().is_err_and(|e| e.kind == ErrorKind::Usage), "{:?}: {:?}", spec, result);
    }
}
