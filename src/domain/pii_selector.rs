//! PII selectors: the paths an organization's `safeFields` name, checked as Sentry checks them.
//!
//! Sentry validates every `safeFields` entry with relay's `validate_pii_selector`, which parses
//! it with relay-pii's selector grammar (`selector.pest`) and then walks the tree:
//!
//! ```text
//! OrSelector   = AndSelector ("||" | "|") AndSelector ...
//! AndSelector  = MaybeNot ("&&" | "&") MaybeNot ...
//! MaybeNot     = ("!" | "~") ParenOrPath | ParenOrPath
//! ParenOrPath  = "(" OrSelector ")" | Path
//! Path         = Item ("." Item)*
//! Item         = "$" [a-z_]+ | "**" | "*" | [0-9]+ | Key
//! Key          = [A-Za-z_][A-Za-z0-9_-]* | "'" (any char but "'" | "''")+ "'"
//! ```
//!
//! Spaces (only U+0020) may stand between tokens, never inside one. The grammar is a PEG: each
//! choice commits to its first alternative that matches, and a repetition stops at the first
//! round that fails, which this hand-written parser reproduces. After a successful parse the
//! tree is checked left to right: an unknown `$type` ("unknown value"), an index too large for
//! a `usize` ("invalid index"), a second `**` in one path ("deep wildcard used more than once"),
//! and a path that is only `*` ("wildcard must be part of a path"). A syntax error is reported as
//! relay's C API reports it: `invalid syntax near "SELECTOR"` (Rust's `{:?}` of the selector).
//!
//! The legacy names `freeform`, `email`, `sensitive`, `text`, `databag` and `container` are
//! selectors too (they parse as keys anyway). Nesting deeper than [`MAX_DEPTH`] parentheses or
//! negations is a syntax error here, where relay would recurse on; no real selector nests so.

/// Sentry's `$type` names (relay's `ValueType`, with its aliases).
pub const VALUE_TYPES: &[&str] = &[
    "string",
    "binary",
    "number",
    "boolean",
    "bool",
    "datetime",
    "array",
    "list",
    "object",
    "event",
    "attachments",
    "replay",
    "error",
    "exception",
    "stack",
    "stacktrace",
    "frame",
    "http",
    "request",
    "user",
    "logentry",
    "message",
    "thread",
    "breadcrumb",
    "log",
    "trace_metric",
    "span",
    "sdk",
    "minidump",
    "heap_memory",
    "stack_memory",
];

/// How deeply parentheses and negations may nest before the selector is refused.
pub const MAX_DEPTH: usize = 64;

/// A parsed selector, as relay's `SelectorSpec`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Selector {
    Or(Vec<Selector>),
    And(Vec<Selector>),
    Not(Box<Selector>),
    Path(Vec<Item>),
}

/// One path component, kept as written until the tree is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Type(String),
    Index(String),
    Key(String),
    Wildcard,
    DeepWildcard,
}

/// Checks one selector; the error is relay's message ("invalid syntax near \"x\"", "unknown
/// value", ...).
pub fn validate(selector: &str) -> Result<(), String> {
    let chars: Vec<char> = selector.chars().collect();
    let mut parser = Parser { chars, depth: 0 };
    let syntax = || format!("invalid syntax near {selector:?}");
    let start = parser.spaces(0);
    let (tree, end) = parser.or_selector(start).ok_or_else(syntax)?;
    if parser.spaces(end) != parser.chars.len() {
        return Err(syntax());
    }
    check(&tree)
}

/// Sentry's `validate_pii_selectors`: every invalid entry as `"{error} (line {n})"` passed
/// through Python's `str.capitalize()` (first char upper case, the rest lower case), joined
/// with `",\n"`; `Ok` when every entry is a selector.
pub fn validate_all(selectors: &[String]) -> Result<(), String> {
    let errors: Vec<String> = selectors
        .iter()
        .enumerate()
        .filter_map(|(idx, selector)| {
            validate(selector)
                .err()
                .map(|err| py_capitalize(&format!("{err} (line {})", idx.saturating_add(1))))
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join(",\n"))
    }
}

/// Python's `str.capitalize()`.
fn py_capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// relay's `handle_selector`: the first semantic error, left to right.
fn check(selector: &Selector) -> Result<(), String> {
    match selector {
        Selector::Or(items) | Selector::And(items) => items.iter().try_for_each(check),
        Selector::Not(inner) => check(inner),
        Selector::Path(items) => {
            let mut deep = false;
            for item in items {
                match item {
                    Item::Type(name) if !VALUE_TYPES.contains(&name.as_str()) => {
                        return Err("unknown value".to_string());
                    }
                    Item::Index(digits) if digits.parse::<usize>().is_err() => {
                        return Err("invalid index".to_string());
                    }
                    Item::DeepWildcard if deep => {
                        return Err("deep wildcard used more than once".to_string());
                    }
                    Item::DeepWildcard => deep = true,
                    _ => {}
                }
            }
            if items.as_slice() == [Item::Wildcard] {
                return Err("wildcard must be part of a path".to_string());
            }
            Ok(())
        }
    }
}

/// A PEG parser over the selector's chars: every rule takes a position and returns what it
/// matched with the position after it, or `None` (the caller then tries its next alternative).
struct Parser {
    chars: Vec<char>,
    depth: usize,
}

impl Parser {
    fn at(&self, pos: usize) -> Option<char> {
        self.chars.get(pos).copied()
    }

    fn next_pos(pos: usize) -> usize {
        pos.saturating_add(1)
    }

    /// The implicit `WHITESPACE*` of a non-atomic rule.
    fn spaces(&self, mut pos: usize) -> usize {
        while self.at(pos) == Some(' ') {
            pos = Self::next_pos(pos);
        }
        pos
    }

    /// `literal` at `pos`: the position after it.
    fn literal(&self, pos: usize, literal: &str) -> Option<usize> {
        let mut at = pos;
        for expected in literal.chars() {
            if self.at(at) != Some(expected) {
                return None;
            }
            at = Self::next_pos(at);
        }
        Some(at)
    }

    /// The first of `alternatives` found at `pos`.
    fn one_of(&self, pos: usize, alternatives: &[&str]) -> Option<usize> {
        alternatives.iter().find_map(|lit| self.literal(pos, lit))
    }

    /// `first (separator next)*`, stopping at the first round that does not match whole.
    fn repeated(
        &mut self,
        pos: usize,
        separators: &[&str],
        item: fn(&mut Parser, usize) -> Option<(Selector, usize)>,
        combine: fn(Vec<Selector>) -> Selector,
    ) -> Option<(Selector, usize)> {
        let (first, mut end) = item(self, pos)?;
        let mut items = vec![first];
        loop {
            let round = self
                .one_of(self.spaces(end), separators)
                .map(|after| self.spaces(after))
                .and_then(|start| item(self, start));
            match round {
                Some((next, after)) => {
                    items.push(next);
                    end = after;
                }
                None => break,
            }
        }
        let selector = if items.len() == 1 {
            items.pop()?
        } else {
            combine(items)
        };
        Some((selector, end))
    }

    fn or_selector(&mut self, pos: usize) -> Option<(Selector, usize)> {
        self.repeated(pos, &["||", "|"], Parser::and_selector, Selector::Or)
    }

    fn and_selector(&mut self, pos: usize) -> Option<(Selector, usize)> {
        self.repeated(pos, &["&&", "&"], Parser::maybe_not, Selector::And)
    }

    fn maybe_not(&mut self, pos: usize) -> Option<(Selector, usize)> {
        if let Some(after) = self.one_of(pos, &["~", "!"]) {
            let start = self.spaces(after);
            if let Some((inner, end)) = self.nested(start) {
                return Some((Selector::Not(Box::new(inner)), end));
            }
        }
        self.paren_or_path(pos)
    }

    /// `paren_or_path` one level deeper, refused past [`MAX_DEPTH`].
    fn nested(&mut self, pos: usize) -> Option<(Selector, usize)> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth = self.depth.saturating_add(1);
        let found = self.paren_or_path(pos);
        self.depth = self.depth.saturating_sub(1);
        found
    }

    fn paren_or_path(&mut self, pos: usize) -> Option<(Selector, usize)> {
        if let Some(after) = self.literal(pos, "(")
            && self.depth < MAX_DEPTH
        {
            self.depth = self.depth.saturating_add(1);
            let inner = self.or_selector(self.spaces(after));
            self.depth = self.depth.saturating_sub(1);
            if let Some((selector, end)) = inner
                && let Some(close) = self.literal(self.spaces(end), ")")
            {
                return Some((selector, close));
            }
        }
        self.path(pos)
    }

    fn path(&self, pos: usize) -> Option<(Selector, usize)> {
        let (first, mut end) = self.item(pos)?;
        let mut items = vec![first];
        while let Some((item, after)) = self
            .literal(self.spaces(end), ".")
            .and_then(|dot| self.item(self.spaces(dot)))
        {
            items.push(item);
            end = after;
        }
        Some((Selector::Path(items), end))
    }

    fn item(&self, pos: usize) -> Option<(Item, usize)> {
        if let Some(found) = self.object_type(pos) {
            return Some(found);
        }
        if let Some(end) = self.literal(pos, "**") {
            return Some((Item::DeepWildcard, end));
        }
        if let Some(end) = self.literal(pos, "*") {
            return Some((Item::Wildcard, end));
        }
        let digits = self.run(pos, |c| c.is_ascii_digit());
        if digits > pos {
            return Some((Item::Index(self.text(pos, digits)), digits));
        }
        self.key(pos)
    }

    /// The end of the longest run of chars satisfying `ok` from `pos`.
    fn run(&self, mut pos: usize, ok: impl Fn(char) -> bool) -> usize {
        while self.at(pos).is_some_and(&ok) {
            pos = Self::next_pos(pos);
        }
        pos
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .collect()
    }

    /// `"$" ~ ('a'..'z' | "_")+`, atomic.
    fn object_type(&self, pos: usize) -> Option<(Item, usize)> {
        let start = self.literal(pos, "$")?;
        let end = self.run(start, |c| c.is_ascii_lowercase() || c == '_');
        (end > start).then(|| (Item::Type(self.text(start, end)), end))
    }

    /// An unquoted key, or a quoted one (`''` inside is one `'`).
    fn key(&self, pos: usize) -> Option<(Item, usize)> {
        if self
            .at(pos)
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        {
            let end = self.run(Self::next_pos(pos), |c| {
                c.is_ascii_alphanumeric() || c == '-' || c == '_'
            });
            return Some((Item::Key(self.text(pos, end)), end));
        }
        let open = self.literal(pos, "'")?;
        let mut at = self.spaces(open);
        let mut key = String::new();
        loop {
            match self.at(at) {
                Some('\'') if self.at(Self::next_pos(at)) == Some('\'') => {
                    key.push('\'');
                    at = at.saturating_add(2);
                }
                Some('\'') | None => break,
                Some(c) => {
                    key.push(c);
                    at = Self::next_pos(at);
                }
            }
        }
        if key.is_empty() {
            return None;
        }
        let close = self.literal(at, "'")?;
        Some((Item::Key(key), close))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_selectors() {
        let cases = [
            "email",
            "freeform",
            "databag",
            "$string",
            "$http.headers",
            "$http.headers.x-custom-token",
            "$user.ip_address",
            "$frame.vars",
            "extra.'My Key'",
            "extra.'it''s'",
            "'''' ",
            "$user.extra.foo.0",
            "$user.extra.*",
            "$user.**",
            "**.$array",
            "(** || user.*) && !(foo.bar.baz || a.b.c)",
            "!(!user.extra)",
            "!a || !b",
            "!a && !b",
            "(**.0 | absolutebogus)",
            "(~$object)",
            "($object.** & (~absolutebogus))",
            "$attachments.'file.txt'",
            "  $string  ",
            "a . b",
            "$stack_memory",
            "$sdk",
            "_private",
            "0",
        ];
        for selector in cases {
            assert_eq!(validate(selector), Ok(()), "{selector:?}");
        }
    }

    #[test]
    fn refused_selectors() {
        let syntax = |s: &str| format!("invalid syntax near {s:?}");
        let cases: Vec<(&str, String)> = vec![
            ("", syntax("")),
            ("   ", syntax("   ")),
            ("$String", syntax("$String")),
            ("$", syntax("$")),
            ("$ string", syntax("$ string")),
            ("a.", syntax("a.")),
            (".a", syntax(".a")),
            ("a..b", syntax("a..b")),
            ("a b", syntax("a b")),
            ("a &&", syntax("a &&")),
            ("a & & b", syntax("a & & b")),
            ("|| a", syntax("|| a")),
            ("!!a", syntax("!!a")),
            ("(a", syntax("(a")),
            ("a)", syntax("a)")),
            ("()", syntax("()")),
            ("''", syntax("''")),
            ("'abc", syntax("'abc")),
            ("-a", syntax("-a")),
            ("a\tb", syntax("a\tb")),
            ("12abc", syntax("12abc")),
            ("* *", syntax("* *")),
            ("say \"hi\"", syntax("say \"hi\"")),
            ("$foo", "unknown value".to_string()),
            ("$foo.**.**", "unknown value".to_string()),
            ("a || $nope", "unknown value".to_string()),
            (
                "$frame.**.foo.**",
                "deep wildcard used more than once".to_string(),
            ),
            ("*", "wildcard must be part of a path".to_string()),
            ("* && foo", "wildcard must be part of a path".to_string()),
            ("!*", "wildcard must be part of a path".to_string()),
            ("a.99999999999999999999999", "invalid index".to_string()),
        ];
        for (selector, want) in cases {
            assert_eq!(validate(selector), Err(want), "{selector:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        assert!(validate(&deep).is_err());
        let nots = format!("{}a", "!(".repeat(10_000));
        assert!(validate(&nots).is_err());
        let fine = format!("{}a{}", "(".repeat(10), ")".repeat(10));
        assert_eq!(validate(&fine), Ok(()));
    }

    #[test]
    fn sentry_messages_for_a_list() {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(validate_all(&list(&["email", "$http.headers"])), Ok(()));
        assert_eq!(validate_all(&[]), Ok(()));
        assert_eq!(
            validate_all(&list(&["ok", "$$", "*"])),
            Err(
                "Invalid syntax near \"$$\" (line 2),\nWildcard must be part of a path (line 3)"
                    .to_string()
            )
        );
        // Python's capitalize() lowers the rest of the message, the selector included.
        assert_eq!(
            validate_all(&list(&["Bad Key"])),
            Err("Invalid syntax near \"bad key\" (line 1)".to_string())
        );
    }
}
