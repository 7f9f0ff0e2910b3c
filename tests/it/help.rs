//! Help for people: every command's long help ends with real examples (each one parses as a
//! relctl command line, so a renamed flag breaks this test, not a user's copy-paste), the man
//! pages carry them, and the top-level help lists every command in its group.

use clap::{CommandFactory, Parser};

use relctl::cli::Cli;

/// Every command below `cmd`, with its path (`["release", "new"]`), except clap's `help`.
fn commands(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let mut sub_path = path.clone();
        sub_path.push(sub.get_name().to_string());
        out.push((sub_path.clone(), sub.clone()));
        commands(sub, sub_path, out);
    }
}

/// The words of a command line, with double and single quotes as a shell reads them.
pub fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                started = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (_, c) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// The relctl command lines of an examples text: continuation lines joined, each cut at the
/// first `|`, `&&` or `>`, and the leading `VAR=value` assignments dropped.
fn example_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if !pending.is_empty() {
            pending.push(' ');
            pending.push_str(trimmed.trim_end_matches('\\'));
            if !trimmed.ends_with('\\') {
                lines.push(std::mem::take(&mut pending));
            }
            continue;
        }
        let starts = trimmed
            .split_whitespace()
            .find(|w| !w.contains('='))
            .is_some_and(|w| w == "relctl");
        if line.starts_with("  ") && !line.starts_with("    ") && starts {
            if trimmed.ends_with('\\') {
                pending = trimmed.trim_end_matches('\\').to_string();
            } else {
                lines.push(trimmed.to_string());
            }
        }
    }
    lines
        .into_iter()
        .flat_map(|line| {
            line.split("&&")
                .map(|part| part.split(['|', '>']).next().unwrap().trim().to_string())
                .collect::<Vec<_>>()
        })
        .map(|line| {
            line.split_whitespace()
                .skip_while(|w| w.contains('=') && !w.starts_with('-'))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|line| line.starts_with("relctl"))
        .collect()
}

#[test]
fn every_command_ends_its_long_help_with_examples_that_parse() {
    let mut all = Vec::new();
    let root = Cli::command();
    all.push((Vec::new(), root.clone()));
    commands(&root, Vec::new(), &mut all);
    assert!(all.len() > 30, "{} commands", all.len());
    for (path, cmd) in &all {
        let text = cmd
            .get_after_long_help()
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(
            text.starts_with("Examples:"),
            "relctl {path:?} has no examples"
        );
        let lines = example_lines(&text);
        assert!(
            lines.len() >= 2,
            "relctl {path:?}: fewer than two examples: {lines:?}"
        );
        let own: Vec<&String> = lines
            .iter()
            .filter(|line| path.iter().all(|part| line.contains(part.as_str())))
            .collect();
        assert!(
            !own.is_empty(),
            "relctl {path:?}: no example uses it: {lines:?}"
        );
        for line in &lines {
            if line.contains("$(") {
                continue;
            }
            let args = words(line);
            if let Err(err) = Cli::try_parse_from(&args) {
                panic!("relctl {path:?}: example {line:?} does not parse: {err}");
            }
        }
    }
}

#[test]
fn man_pages_carry_the_examples() {
    let mut all = Vec::new();
    commands(&Cli::command(), Vec::new(), &mut all);
    for (path, cmd) in all {
        let page = format!(
            "{}/man/relctl-{}.1",
            env!("CARGO_MANIFEST_DIR"),
            path.join("-")
        );
        let text = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{page}: {e}"));
        let plain = text.replace("\\-", "-").replace("\\\\", "\\");
        let examples = cmd.get_after_long_help().unwrap().to_string();
        let first = example_lines(&examples).into_iter().next().unwrap();
        assert!(
            plain.contains("Examples:")
                && plain.contains(
                    first
                        .split(' ')
                        .take(4)
                        .collect::<Vec<_>>()
                        .join(" ")
                        .as_str()
                ),
            "{page} lacks its examples ({first})"
        );
    }
}

#[test]
fn the_top_level_help_lists_every_command_in_a_group() {
    let help = Cli::command().render_long_help().to_string();
    for group in [
        "Releases:",
        "Deploys:",
        "Issues:",
        "Projects:",
        "Organization:",
        "Server:",
        "Setup:",
    ] {
        assert!(help.contains(group), "{group} missing:\n{help}");
    }
    for cmd in Cli::command().get_subcommands() {
        let listed = format!("\n  {} ", cmd.get_name());
        assert!(
            help.contains(&listed),
            "{} not listed:\n{help}",
            cmd.get_name()
        );
        for alias in cmd.get_visible_aliases() {
            assert!(
                help.contains(&format!("[alias: {alias}]")),
                "{alias}:\n{help}"
            );
        }
    }
}
