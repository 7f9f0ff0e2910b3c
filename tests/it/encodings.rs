//! Commits whose `encoding` header names something other than UTF-8, as set-commits sends them:
//! read loose (through libgit2) and packed (through relctl's pack reader), with `git log` as the
//! oracle of what each commit says.

use std::collections::BTreeMap;

use crate::harness::{Repo, TestEnv};

/// `git commit` with `i18n.commitEncoding=ENCODING`: git stores the message bytes as given and
/// declares them in the commit's `encoding` header.
fn commit_in(env: &TestEnv, repo: &Repo, encoding: &str, message: &[u8]) -> String {
    let file = env.path().join("message");
    std::fs::write(&file, message).unwrap();
    let config = format!("i18n.commitEncoding={encoding}");
    let file = file.to_str().unwrap();
    repo.git(&["-c", &config, "commit", "-q", "--allow-empty", "-F", file]);
    repo.head()
}

/// A commit object written byte for byte (git would not take a latin-9 author from its
/// configuration), on top of HEAD.
fn raw_commit_on_head(env: &TestEnv, repo: &Repo, header_and_message: &[u8]) -> String {
    let tree = repo.git(&["rev-parse", "HEAD^{tree}"]);
    let mut object = format!("tree {tree}\nparent {}\n", repo.head()).into_bytes();
    object.extend_from_slice(header_and_message);
    let file = env.path().join("object");
    std::fs::write(&file, object).unwrap();
    let file = file.to_str().unwrap();
    let id = repo.git(&["hash-object", "-t", "commit", "-w", "--literally", file]);
    repo.git(&["update-ref", "HEAD", &id]);
    id
}

/// Each commit's (message, author name) as `set-commits --dry-run` would send them.
fn sent(env: &TestEnv, repo: &Repo) -> BTreeMap<String, (String, String)> {
    let calls = env.json(&[
        "--dry-run",
        "release",
        "set-commits",
        "1.0",
        "--repo",
        repo.path(),
    ]);
    let commits = calls
        .as_array()
        .unwrap()
        .iter()
        .find_map(|call| call["body"]["commits"].as_array())
        .expect("a call sending the commits");
    commits
        .iter()
        .map(|commit| {
            let text = |key: &str| commit[key].as_str().unwrap().to_string();
            (text("id"), (text("message"), text("author_name")))
        })
        .collect()
}

/// What `git log` shows of a commit: its message and author name, in UTF-8.
fn git_log(repo: &Repo, id: &str) -> (String, String) {
    let message = repo.git(&["log", "-1", "--format=%B", id]);
    (message, repo.git(&["log", "-1", "--format=%an", id]))
}

#[test]
fn messages_are_read_in_the_encoding_their_commit_declares_loose_and_packed() {
    let env = TestEnv::new();
    let repo = Repo::init(&env.path().join("app"));
    repo.git(&["remote", "add", "origin", "git@github.com:Acme/App.git"]);
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["release", "new", "1.0", "-p", "backend"]);
    repo.commit("a.txt", "a", "plain");
    // Latin-9: the bytes where it differs from Latin-1 (which reads them as ¤, ¦ and ¼).
    let latin9 = commit_in(
        &env,
        &repo,
        "ISO-8859-15",
        b"Prix 5 \xa4, \xa6koda, \xbcuvre\n",
    );
    let shift_jis = commit_in(&env, &repo, "Shift_JIS", b"\x93\xfa\x96\x7b\x8c\xea\n");
    // 7-bit, so also valid UTF-8: only the header tells it is not.
    let iso_2022_jp = commit_in(&env, &repo, "ISO-2022-JP", b"\x1b$BF|K\\8l\x1b(B\n");
    // glibc's name `latin9`, which the WHATWG labels lack; the author is in it too.
    let author = raw_commit_on_head(
        &env,
        &repo,
        b"author \xa6\xe1rka <s@example.com> 1700000000 +0100\n\
          committer C <c@example.com> 1700000000 +0100\nencoding latin9\n\n\xbd\xbe\n",
    );
    let expected = [
        (&latin9, "Prix 5 €, Škoda, Œuvre\n", "Test Dev"),
        (&shift_jis, "日本語\n", "Test Dev"),
        (&iso_2022_jp, "日本語\n", "Test Dev"),
        (&author, "œŸ\n", "Šárka"),
    ];

    let loose = sent(&env, &repo);
    repo.git(&["gc", "-q", "--prune=now"]);
    let objects = repo.git(&["count-objects", "-v"]);
    assert!(
        objects.lines().any(|line| line == "count: 0"),
        "all packed: {objects}"
    );
    let packed = sent(&env, &repo);
    for (reading, commits) in [("loose", &loose), ("packed", &packed)] {
        for (id, message, name) in expected {
            let (sent_message, sent_name) = &commits[id];
            assert_eq!(
                (sent_message.as_str(), sent_name.as_str()),
                (message, name),
                "{reading} {id}"
            );
            assert_eq!(
                git_log(&repo, id),
                (message.trim_end().to_string(), name.to_string()),
                "git log {id}"
            );
        }
    }
    assert_eq!(loose, packed);
}
