//! Which configuration files are read (cli.md, "Configuration files"), what `config show` says
//! about each value's origin, and the paths relctl derives from the environment.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

use crate::harness::{Repo, TestEnv};

/// `config show --format json` run in `cwd`, as a map from setting name to (value, source).
fn show_in(env: &TestEnv, cwd: &Path, extra: &[&str]) -> Vec<(String, String, String)> {
    let out = run_in(
        env,
        cwd,
        &[extra, &["--format", "json", "config", "show"]].concat(),
    );
    assert!(
        out.status.success(),
        "config show failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["name"].as_str().unwrap().to_string(),
                row["value"].as_str().unwrap().to_string(),
                row["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn setting(rows: &[(String, String, String)], name: &str) -> (String, String) {
    rows.iter()
        .find(|(n, _, _)| n == name)
        .map(|(_, value, source)| (value.clone(), source.clone()))
        .unwrap_or_else(|| panic!("no setting {name} in {rows:?}"))
}

fn run_in(env: &TestEnv, cwd: &Path, args: &[&str]) -> Output {
    env.cmd().current_dir(cwd).args(args).output().unwrap()
}

fn write(path: &Path, text: &str) -> PathBuf {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
    path.to_path_buf()
}

fn file_source(path: &Path) -> String {
    format!("file {}", path.display())
}

#[test]
fn an_explicit_config_file_is_the_only_file_read() {
    let env = TestEnv::new();
    let work = env.path().join("work");
    write(&work.join(".relctl.toml"), "org = \"nearest\"\n");
    write(
        &env.path().join("config/relctl/config.toml"),
        "project = \"from-user-file\"\n",
    );
    let chosen = write(&env.path().join("chosen.toml"), "org = \"chosen\"\n");

    let rows = show_in(&env, &work, &["--config", chosen.to_str().unwrap()]);
    assert_eq!(
        setting(&rows, "org"),
        ("chosen".to_string(), file_source(&chosen))
    );
    assert_eq!(setting(&rows, "project").1, "default");

    let env = env.with_env("RELCTL_CONFIG", chosen.to_str().unwrap());
    let rows = show_in(&env, &work, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("chosen".to_string(), file_source(&chosen))
    );
    assert_eq!(setting(&rows, "project").1, "default");
}

#[test]
fn the_nearest_project_file_goes_on_top_of_the_user_file() {
    let env = TestEnv::new();
    let user = write(
        &env.path().join("config/relctl/config.toml"),
        "org = \"user\"\nproject = \"from-user\"\n",
    );
    let repo = Repo::init(&env.path().join("repo"));
    let nearest = write(&repo.dir.join("app/.relctl.toml"), "org = \"app\"\n");
    write(&repo.dir.join(".relctl.toml"), "org = \"repo\"\n");
    let cwd = repo.dir.join("app/src");
    std::fs::create_dir_all(&cwd).unwrap();

    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("app".to_string(), file_source(&nearest))
    );
    assert_eq!(
        setting(&rows, "project"),
        ("from-user".to_string(), file_source(&user))
    );
    // Environment over files, flags over everything; each origin named.
    let env = env.with_env("RELCTL_ORG", "from-env");
    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("from-env".to_string(), "env RELCTL_ORG".to_string())
    );
    let rows = show_in(&env, &cwd, &["--org", "flagged"]);
    assert_eq!(
        setting(&rows, "org"),
        ("flagged".to_string(), "flag --org".to_string())
    );
    assert_eq!(setting(&rows, "timeout").1, "default");
}

#[test]
fn the_search_stops_at_the_root_of_the_git_repository() {
    let env = TestEnv::new();
    // A file in a directory above the repository (still inside HOME) is not the repository's.
    write(
        &env.path().join("shared/.relctl.toml"),
        "org = \"outside\"\n",
    );
    let repo = Repo::init(&env.path().join("shared/repo"));
    let cwd = repo.dir.join("deep/er");
    std::fs::create_dir_all(&cwd).unwrap();
    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("default".to_string(), "default".to_string())
    );
    let root = write(&repo.dir.join(".relctl.toml"), "org = \"root\"\n");
    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("root".to_string(), file_source(&root))
    );
}

#[test]
fn outside_a_repository_the_search_stops_at_home() {
    let env = TestEnv::new();
    let home = env.path().join("home/alice");
    let env = env.with_env("HOME", home.to_str().unwrap());
    // Above HOME: a shared parent that must not redirect anyone's settings.
    write(&env.path().join("home/.relctl.toml"), "org = \"shared\"\n");
    let cwd = home.join("projects/app");
    std::fs::create_dir_all(&cwd).unwrap();
    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(setting(&rows, "org").0, "default");

    let at_home = write(&home.join(".relctl.toml"), "org = \"home\"\n");
    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("home".to_string(), file_source(&at_home))
    );

    // Neither in a repository nor under HOME: only the current directory is looked at.
    let elsewhere = env.path().join("elsewhere/x");
    std::fs::create_dir_all(&elsewhere).unwrap();
    write(&env.path().join("elsewhere/.relctl.toml"), "org = \"up\"\n");
    let rows = show_in(&env, &elsewhere, &[]);
    assert_eq!(setting(&rows, "org").0, "default");
    let here = write(&elsewhere.join(".relctl.toml"), "org = \"here\"\n");
    let rows = show_in(&env, &elsewhere, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("here".to_string(), file_source(&here))
    );
}

/// The uid of a user other than the one running the tests, and whether files can be given to
/// it (only root can chown).
fn other_user() -> Option<u32> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    (me == 0).then_some(65534)
}

#[test]
fn a_project_file_owned_by_another_user_is_ignored_with_a_warning() {
    let Some(nobody) = other_user() else {
        eprintln!(
            "skipped: giving a file to another user needs root (chown); run the tests as root \
             to check that foreign .relctl.toml files are ignored"
        );
        return;
    };
    let env = TestEnv::new();
    let repo = Repo::init(&env.path().join("repo"));
    let own = write(&repo.dir.join(".relctl.toml"), "org = \"mine\"\n");
    let cwd = repo.dir.join("sub");
    // Malformed as well: an ignored file is never parsed.
    let foreign = write(&cwd.join(".relctl.toml"), "org = \"theirs\"\n[[[\n");
    std::os::unix::fs::chown(&foreign, Some(nobody), Some(nobody)).unwrap();

    let out = run_in(&env, &cwd, &["--format", "json", "config", "show"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning:")
            && stderr.contains(&foreign.display().to_string())
            && stderr.contains("another user"),
        "{stderr}"
    );
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let org = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "org")
        .unwrap();
    assert_eq!(org["value"], "mine");
    assert_eq!(org["source"], file_source(&own));

    // An explicit --config FILE is the user's choice: read whoever owns it.
    let chosen = write(&env.path().join("chosen.toml"), "org = \"chosen\"\n");
    std::os::unix::fs::chown(&chosen, Some(nobody), Some(nobody)).unwrap();
    let rows = show_in(&env, &cwd, &["--config", chosen.to_str().unwrap()]);
    assert_eq!(setting(&rows, "org").0, "chosen");
}

#[test]
fn config_errors_name_the_right_line() {
    let env = TestEnv::new();
    let bad = write(
        &env.path().join("bad.toml"),
        "# a comment\norg = \"acme\"\n\nproject = [\"a\",\n  \"b\"]\ncolour = \"blue\"\n",
    );
    let stderr = env.fails(&["--config", bad.to_str().unwrap(), "release", "list"], 2);
    assert!(stderr.contains("bad.toml:6:"), "{stderr}");
    let bad = write(
        &env.path().join("bad2.toml"),
        "org = \"acme\"\n\ntimeout = \"soon\"\n",
    );
    let stderr = env.fails(&["--config", bad.to_str().unwrap(), "release", "list"], 2);
    assert!(stderr.contains("bad2.toml:3:"), "{stderr}");
    let bad = write(&env.path().join("bad3.toml"), "timeout = [\n");
    let stderr = env.fails(&["--config", bad.to_str().unwrap(), "release", "list"], 2);
    assert!(
        stderr.contains("bad3.toml:1:") || stderr.contains("bad3.toml:2:"),
        "{stderr}"
    );
}

#[test]
fn a_tilde_in_the_config_store_is_the_home_directory() {
    let env = TestEnv::new().with_env("RELCTL_STORE", "");
    let config = write(
        &env.path().join("config/relctl/config.toml"),
        "store = \"~/stores/relctl.db\"\n",
    );
    let rows = show_in(&env, env.path(), &[]);
    let want = env.path().join("stores/relctl.db");
    assert_eq!(
        setting(&rows, "store"),
        (want.display().to_string(), file_source(&config))
    );
    env.ok(&["project", "create", "backend"]);
    assert!(want.is_file());
    assert!(!env.path().join("config/relctl/~").exists());

    write(&config, "store = \"~bob/relctl.db\"\n");
    let stderr = env.fails(&["project", "list"], 2);
    assert!(stderr.contains("~bob"), "{stderr}");
}

#[test]
fn relative_xdg_directories_are_ignored() {
    let env = TestEnv::new()
        .with_env("RELCTL_STORE", "")
        .with_env("XDG_DATA_HOME", "relative/data")
        .with_env("XDG_CONFIG_HOME", "relative/config");
    write(
        &env.path().join("relative/config/relctl/config.toml"),
        "project = \"relative\"\n",
    );
    let user = write(
        &env.path().join(".config/relctl/config.toml"),
        "project = \"home\"\n",
    );
    let rows = show_in(&env, env.path(), &[]);
    assert_eq!(
        setting(&rows, "store").0,
        env.path()
            .join(".local/share/relctl/relctl.db")
            .display()
            .to_string()
    );
    assert_eq!(
        setting(&rows, "project"),
        ("home".to_string(), file_source(&user))
    );
    env.ok(&["project", "create", "backend"]);
    assert!(!env.path().join("relative").join("data").exists());
    assert!(env.path().join(".local/share/relctl/relctl.db").is_file());
}

#[test]
fn config_show_works_without_home() {
    let env = TestEnv::new();
    let mut cmd = env.cmd();
    cmd.env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("RELCTL_STORE");
    let out = cmd
        .args(["--format", "json", "config", "show"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let rows: Value = serde_json::from_slice(&out.stdout).unwrap();
    let store = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "store")
        .unwrap();
    assert_eq!(store["value"], "");
    assert!(
        store["source"].as_str().unwrap().contains("HOME"),
        "{store}"
    );
    let org = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "org")
        .unwrap();
    assert_eq!(org["value"], "default");

    // A command that needs the store says what to set, and writes nothing.
    let mut cmd = env.cmd();
    cmd.env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("RELCTL_STORE");
    let out = cmd.args(["project", "create", "backend"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(crate::harness::error_lines(&stderr), 1, "{stderr}");
    assert!(stderr.contains("--store"), "{stderr}");
}

/// sentry-cli's `.sentryclirc` files are the lowest layer: the user's under relctl's own files,
/// the project's on top of the user's; `config show` names each as the origin; an explicit
/// `--config` reads neither; a malformed one is exit 2 naming its line.
#[test]
fn sentryclirc_files_are_the_lowest_layer() {
    let env = TestEnv::new();
    let user_rc = write(
        &env.path().join(".sentryclirc"),
        "[defaults]\nurl = http://127.0.0.1:9/\norg = rc-user\nproject = rc-project\n\
         [auth]\ntoken = sntrys_hunter2\n[http]\nkeepalive = true\n",
    );
    let repo = Repo::init(&env.path().join("repo"));
    let project_rc = write(
        &repo.dir.join(".sentryclirc"),
        "[defaults]\norg = rc-repo\n",
    );
    let cwd = repo.dir.join("src");
    std::fs::create_dir_all(&cwd).unwrap();

    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("rc-repo".to_string(), file_source(&project_rc))
    );
    assert_eq!(
        setting(&rows, "project"),
        ("rc-project".to_string(), file_source(&user_rc))
    );
    assert_eq!(
        setting(&rows, "url"),
        ("http://127.0.0.1:9/".to_string(), file_source(&user_rc))
    );
    let (token, source) = setting(&rows, "auth_token");
    assert!(!token.contains("hunter2") && source == file_source(&user_rc));

    // relctl's own files go on top.
    let toml = write(&repo.dir.join(".relctl.toml"), "org = \"relctl-repo\"\n");
    let rows = show_in(&env, &cwd, &[]);
    assert_eq!(
        setting(&rows, "org"),
        ("relctl-repo".to_string(), file_source(&toml))
    );
    std::fs::remove_file(&toml).unwrap();

    // The token and URL of the file are used: the command goes to that (closed) server.
    let out = run_in(&env, &cwd, &["release", "list"]);
    assert_eq!(out.status.code(), Some(5), "{out:?}");

    // --config is the only file read.
    let chosen = write(&env.path().join("chosen.toml"), "project = \"chosen\"\n");
    let rows = show_in(&env, &cwd, &["--config", chosen.to_str().unwrap()]);
    assert_eq!(setting(&rows, "org").1, "default");
    assert_eq!(setting(&rows, "url").0, "");

    write(&project_rc, "[defaults]\norg = ok\nnot a setting\n");
    let out = run_in(&env, &cwd, &["config", "show"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:3", project_rc.display())),
        "{stderr}"
    );
}
