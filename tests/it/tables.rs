//! Tables for people: fitted to the terminal's width (`COLUMNS` here, as a terminal would say)
//! with long values cut by an ellipsis and never wrapped, times relative ("3 hours ago"); piped
//! output without a width stays whole and absolute, so scripts see stable text; JSON keeps RFC
//! 3339 times.

use crate::harness::{Repo, TestEnv};

fn setup() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&[
        "issue",
        "new",
        "-p",
        "backend",
        "A checkout crash whose title goes on and on well past any sensible terminal width, \
         with more detail than anyone wants in a list",
    ]);
    let repo = Repo::init(&env.path().join("repo"));
    repo.commit(
        "src/a/very/deep/directory/tree/of/the/project/file.rs",
        "1",
        "First",
    );
    env.ok(&[
        "release",
        "new",
        "1.0.0-with-a-rather-long-build-suffix+sha.0123456789abcdef",
        "-p",
        "backend",
    ]);
    env
}

/// stdout of `args` with the terminal width a terminal would give (`COLUMNS`).
fn at_width(env: &TestEnv, columns: usize, args: &[&str]) -> String {
    let out = env
        .cmd()
        .env("COLUMNS", columns.to_string())
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn lines_within(text: &str, width: usize) {
    for line in text.lines() {
        assert!(
            display_width(line) <= width,
            "a line of {} columns at width {width}: {line:?}",
            display_width(line)
        );
    }
}

#[test]
fn tables_fit_60_and_200_columns_and_piped_output_is_whole() {
    let env = setup();
    for args in [
        &["issue", "list"][..],
        &["release", "list"][..],
        &["project", "list"][..],
    ] {
        let narrow = at_width(&env, 60, args);
        lines_within(&narrow, 60);
        let wide = at_width(&env, 200, args);
        lines_within(&wide, 200);
        let piped = env.ok(args);
        // Same rows, one line each, at every width.
        assert_eq!(
            narrow.lines().count(),
            piped.lines().count(),
            "{narrow}\n{piped}"
        );
        assert_eq!(wide.lines().count(), piped.lines().count());
    }
    let narrow = at_width(&env, 60, &["issue", "list"]);
    assert!(narrow.contains('…'), "{narrow}");
    let wide = at_width(&env, 200, &["issue", "list"]);
    assert!(wide.contains("sensible terminal width"), "{wide}");
    let piped = env.ok(&["issue", "list"]);
    assert!(piped.contains("than anyone wants in a list"), "{piped}");
    assert!(!piped.contains('…'));
}

#[test]
fn times_are_relative_in_fitted_tables_and_absolute_in_piped_tables_and_json() {
    let env = setup();
    let terminal = at_width(&env, 120, &["project", "list"]);
    assert!(terminal.contains("just now"), "{terminal}");
    let piped = env.ok(&["project", "list"]);
    assert!(
        !piped.contains("just now") && piped.contains("Z\n"),
        "{piped}"
    );
    let json = env.json(&["project", "list", "--format", "json"]);
    let created = json[0]["dateCreated"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok(),
        "{created}"
    );
    // Piped output is stable: the same command twice prints the same bytes.
    assert_eq!(env.ok(&["release", "list"]), env.ok(&["release", "list"]));
    // No colour when piped, even with a width.
    assert!(!terminal.contains('\u{1b}'));
}

/// The columns a terminal gives `text`: two for wide (CJK) characters and emoji, none for a
/// combining mark; measured with unicode-width itself, independently of relctl's tables.
fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// The display column at which each cell of a table line starts (cells are set apart by two
/// spaces or more; the cells below hold single spaces only).
fn cell_starts(line: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut spaces = 0;
    for (at, c) in line.char_indices() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 2 {
            starts.push(display_width(&line[..at]));
        }
        spaces = 0;
    }
    starts
}

#[test]
fn wide_characters_emoji_and_combining_accents_keep_columns_aligned() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    let repo = Repo::init(&env.path().join("repo"));
    // A decomposed é (e + U+0301): five characters, four columns.
    let zoe = "Zoe\u{301}";
    for (name, email, message) in [
        ("Ann Lee", "ann@example.com", "Fix the login form"),
        (
            "山田太郎",
            "taro@example.com",
            "修正: 山田太郎のバグ報告に対応",
        ),
        ("Rocket 🚀", "bot@example.com", "Ship it 🚀🚀 now"),
        (
            zoe,
            "zoe@example.com",
            "Cafe\u{301} menu, re\u{301}sume\u{301} page",
        ),
    ] {
        let user = format!("user.name={name}");
        let email = format!("user.email={email}");
        repo.git(&[
            "-c",
            &user,
            "-c",
            &email,
            "commit",
            "-q",
            "--allow-empty",
            "-m",
            message,
        ]);
    }
    env.ok(&["release", "new", "1.0", "-p", "backend"]);
    env.ok(&["release", "set-commits", "1.0", "--repo", repo.path()]);

    let args = ["release", "info", "1.0", "--commits"];
    for (columns, output) in [(None, env.ok(&args)), (Some(58), at_width(&env, 58, &args))] {
        let lines: Vec<&str> = output
            .lines()
            .skip_while(|line| !line.starts_with("COMMIT "))
            .collect();
        assert_eq!(lines.len(), 5, "{output}");
        let header = cell_starts(lines[0]);
        assert_eq!(header.len(), 4, "{output}");
        for line in &lines {
            assert_eq!(
                cell_starts(line),
                header,
                "at {columns:?}:\n{}",
                lines.join("\n")
            );
            if let Some(columns) = columns {
                assert!(display_width(line) <= columns, "{line:?}");
            }
        }
        let table = lines.join("\n");
        for name in ["山田太郎", "Rocket 🚀", zoe] {
            assert!(table.contains(&format!("  {name}  ")), "{table}");
        }
        if columns.is_some() {
            assert!(table.contains('…'), "{table}");
        } else {
            assert!(table.contains("修正: 山田太郎のバグ報告に対応"), "{table}");
        }
    }
}
