//! The checked-in completion scripts and man pages match the clap definitions.

use std::path::Path;

#[test]
fn completions_and_man_pages_are_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("RELCTL_BLESS").is_some();
    let mut stale = Vec::new();
    for (path, contents) in relctl::cli::completions::generated_files().unwrap() {
        let full = root.join(&path);
        if bless {
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(&full, &contents).unwrap();
        } else if std::fs::read(&full).ok().as_deref() != Some(contents.as_slice()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "out of date (run `RELCTL_BLESS=1 cargo test --test it generated`): {stale:?}"
    );
}

#[test]
fn completions_command_prints_a_script() {
    let env = crate::harness::TestEnv::new();
    let script = env.ok(&["completions", "bash"]);
    assert!(script.contains("relctl"));
    assert!(script.contains("set-commits"));
    env.fails(&["completions", "tcsh"], 2);
}
