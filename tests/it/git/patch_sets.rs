//! What each commit changed: root commits, renames, type changes, submodules, non-UTF-8 data.

use std::os::unix::ffi::OsStrExt;

use super::fixture::Fixture;
use super::*;

#[test]
fn root_commit_is_all_added() {
    let (fx, shas) = linear(2);
    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(&RangeSpec::default(), false)
        .expect("read");
    let root = range.commits.last().expect("root");
    assert_eq!(root.id, shas[0]);
    assert_eq!(root.message, "initial\n\nwith a body\n");
    assert!(root.patch_set.iter().all(|c| c.change == ChangeKind::Added));
    let paths: Vec<&str> = root.patch_set.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["README.md", "src/deep/nested/mod.rs", "src/lib.rs"]);
    assert_eq!(root.patch_set, fx.expected_patch_set_in(&fx.work, &shas[0]));
    assert!(!range.shallow_boundary_hit);
}

#[test]
fn rename_is_delete_plus_add() {
    let (fx, _) = linear(2);
    fx.git(["mv", "src/lib.rs", "src/renamed.rs"]);
    let sha = fx.commit("rename");
    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(&spec(Some("HEAD~1")), false)
        .expect("read");
    assert_eq!(range.commits[0].id, sha);
    assert_eq!(
        range.commits[0].patch_set,
        vec![
            FileChange {
                path: "src/lib.rs".into(),
                change: ChangeKind::Deleted
            },
            FileChange {
                path: "src/renamed.rs".into(),
                change: ChangeKind::Added
            },
        ]
    );
    assert_matches_git(&fx, &fx.work);
}

#[test]
fn typechanges_modes_directories_and_submodules() {
    let fx = Fixture::new();
    fx.write("target.txt", "t\n");
    fx.write("link", "plain file\n");
    fx.write("node", "file first\n");
    fx.write("tool.sh", "#!/bin/sh\n");
    fx.write("dir/inner/a.txt", "a\n");
    fx.commit("base");
    // file -> symlink
    std::fs::remove_file(fx.work.join("link")).expect("rm");
    std::os::unix::fs::symlink("target.txt", fx.work.join("link")).expect("symlink");
    let to_link = fx.commit("file to symlink");
    // symlink -> file, mode change, file -> directory, directory -> file
    std::fs::remove_file(fx.work.join("link")).expect("rm");
    fx.write("link", "a file again\n");
    std::fs::set_permissions(
        fx.work.join("tool.sh"),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .expect("chmod");
    std::fs::remove_file(fx.work.join("node")).expect("rm");
    fx.write("node/child.txt", "now a directory\n");
    std::fs::remove_dir_all(fx.work.join("dir")).expect("rm");
    fx.write("dir", "now a file\n");
    fx.commit("symlink to file and friends");
    // A submodule entry (gitlink), then a change of its commit, then a file replacing it.
    fx.git([
        "update-index",
        "--add",
        "--cacheinfo",
        &format!("160000,{to_link},sub"),
    ]);
    fx.tick();
    fx.git(["commit", "-q", "-m", "add gitlink"]);
    let head = fx.head();
    fx.git(["update-index", "--cacheinfo", &format!("160000,{head},sub")]);
    fx.tick();
    fx.git(["commit", "-q", "-m", "bump gitlink"]);
    fx.git(["rm", "-q", "--cached", "sub"]);
    fx.write("sub", "a file where the submodule was\n");
    fx.commit("gitlink to file");

    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(&spec(Some(&to_link)), false)
        .expect("read");
    let kinds = |i: usize| {
        range.commits[i]
            .patch_set
            .iter()
            .map(|c| format!("{} {}", c.change.as_str(), c.path))
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds(0), ["M sub"]);
    assert_eq!(kinds(1), ["M sub"]);
    assert_eq!(kinds(2), ["A sub"]);
    assert_eq!(
        kinds(3),
        [
            "A dir",
            "D dir/inner/a.txt",
            "M link",
            "D node",
            "A node/child.txt",
            "M tool.sh"
        ]
    );
    assert_matches_git(&fx, &fx.work);

    // The path filter across type changes along the path agrees with the patch sets git gives.
    let all = fx.rev_list_in(&fx.work, &["HEAD"]);
    for path in [
        "dir",
        "dir/inner",
        "dir/inner/a.txt",
        "node",
        "node/child.txt",
        "link",
        "tool.sh",
        "sub",
        "sub/x",
        "target.txt",
    ] {
        let filtered = repo
            .read_commits(
                &RangeSpec {
                    initial_depth: usize::MAX,
                    paths: vec![path.to_string()],
                    ..RangeSpec::default()
                },
                false,
            )
            .expect("filter");
        let expected: Vec<String> = all
            .iter()
            .filter(|sha| {
                fx.expected_patch_set_in(&fx.work, sha)
                    .iter()
                    .any(|c| c.path == path || c.path.starts_with(&format!("{path}/")))
            })
            .cloned()
            .collect();
        assert_eq!(ids(&filtered), expected, "{path}");
    }
}

#[test]
fn non_utf8_paths_and_messages() {
    let fx = Fixture::new();
    fx.commit_file("plain.txt", "p\n");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9 \xff.txt");
    std::fs::write(fx.work.join(name), "bytes\n").expect("write");
    std::fs::create_dir(fx.work.join(std::ffi::OsStr::from_bytes(b"d\xfcr"))).expect("mkdir");
    std::fs::write(
        fx.work.join(std::ffi::OsStr::from_bytes(b"d\xfcr/x.txt")),
        "x\n",
    )
    .expect("write");
    // A latin-1 commit (declared in its encoding header) ...
    let msg = fx.tmp.path().join("msg");
    std::fs::write(&msg, b"Caf\xe9 au lait\n\nna\xefve body\n").expect("msg");
    fx.git(["add", "-A"]);
    fx.tick();
    let mut cmd = fx.command_in(&fx.work);
    cmd.args(["-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F"])
        .arg(&msg)
        .env("GIT_AUTHOR_NAME", std::ffi::OsStr::from_bytes(b"Jos\xe9"));
    assert!(cmd.status().expect("commit").success());
    let latin1 = fx.head();
    // ... and one with raw invalid bytes and no declared encoding (git itself would re-encode
    // such a message, so the object is written by hand).
    fx.write("plain.txt", "q\n");
    fx.git(["add", "-A"]);
    let tree = fx.git(["write-tree"]);
    let mut object = format!(
        "tree {tree}\nparent {latin1}\nauthor Rémi <r@example.com> 1700001000 +0100\n\
         committer C <c@example.com> 1700001000 +0100\n\n"
    )
    .into_bytes();
    object.extend_from_slice(b"bad \xff\xfe bytes\n");
    let raw = fx.write_raw_commit(&object);
    fx.git(["update-ref", "HEAD", &raw]);

    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(&spec(Some("HEAD~2")), true)
        .expect("read");
    assert_eq!(ids(&range), vec![raw, latin1]);
    assert_eq!(range.commits[0].message, "bad \u{fffd}\u{fffd} bytes\n");
    assert_eq!(range.commits[1].message, "Café au lait\n\nnaïve body\n");
    assert_eq!(range.commits[1].author_name.as_deref(), Some("José"));
    assert_eq!(range.commits[0].author_name.as_deref(), Some("Rémi"));
    assert_eq!(
        range.commits[0].timestamp.to_rfc3339(),
        "2023-11-14T23:30:00+01:00"
    );
    let paths: Vec<&str> = range.commits[1]
        .patch_set
        .iter()
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(paths, ["caf\u{fffd} \u{fffd}.txt", "d\u{fffd}r/x.txt"]);
    assert_matches_git(&fx, &fx.work);

    // Path filters work on such trees too (and never panic).
    let filtered = repo
        .read_commits(
            &RangeSpec {
                paths: vec!["d\u{fffd}r".into(), "plain.txt".into()],
                ..RangeSpec::default()
            },
            false,
        )
        .expect("filter");
    assert_eq!(filtered.commits.len(), 2);
}

#[test]
fn change_kind_letters() {
    assert_eq!(ChangeKind::Added.as_str(), "A");
    assert_eq!(ChangeKind::Modified.as_str(), "M");
    assert_eq!(ChangeKind::Deleted.as_str(), "D");
    assert_eq!(ChangeKind::Deleted.to_string(), "D");
}
