//! Packed repositories: commits and trees read by relctl's own pack reader must be exactly what
//! libgit2 reads from the same history left loose, and what git says; a long range read by two
//! threads must be the range read by one.

use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use super::fixture::Fixture;
use super::*;

/// Every commit reachable from HEAD, read whole.
fn read_all(dir: &Path) -> CommitRange {
    open(Some(dir))
        .expect("open")
        .read_commits(
            &RangeSpec {
                initial_depth: usize::MAX,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("read")
}

/// How many loose objects `dir`'s repository holds.
fn loose_objects(dir: &Path) -> usize {
    let objects = dir.join(".git/objects");
    std::fs::read_dir(&objects)
        .expect("objects")
        .flatten()
        .filter(|entry| entry.file_name().len() == 2)
        .map(|entry| std::fs::read_dir(entry.path()).expect("fan-out").count())
        .sum()
}

/// A history with merges, an octopus, renames, deep directories, a latin-1 commit and commits
/// whose headers take libgit2's rules to read: odd spacing and whitespace in names, a
/// negative zero and a far offset, two emails, quotes and dots, two encoding headers, a signature whose continuation lines
/// say `parent`, a message opening with blank lines, one with no time at all.
fn tricky_history(fx: &Fixture) {
    fx.commit_file("README.md", "hello\n");
    fx.commit_file("src/deep/nested/mod.rs", "// a\n");
    for round in 0..3 {
        for branch in ["a", "b", "c"] {
            fx.git(["checkout", "-q", "-B", branch, "main"]);
            fx.commit_file(&format!("{branch}/{round}.txt"), "x\n");
            fx.commit_file(
                &format!("src/deep/{branch}/mod.rs"),
                &format!("// {round}\n"),
            );
        }
        fx.git(["checkout", "-q", "main"]);
        fx.commit_file("README.md", &format!("round {round}\n"));
        fx.merge("a");
        fx.tick();
        fx.git(["merge", "-q", "--no-ff", "-m", "octopus", "b", "c"]);
    }
    std::fs::create_dir_all(fx.work.join("docs")).expect("mkdir");
    fx.git(["mv", "README.md", "docs/README.md"]);
    fx.commit("rename");
    let message = fx.tmp.path().join("msg");
    std::fs::write(&message, b"Caf\xe9\n").expect("msg");
    fx.write("latin.txt", "l\n");
    fx.git(["add", "-A"]);
    let mut cmd = fx.command_in(&fx.work);
    cmd.args(["-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F"])
        .arg(&message)
        .env("GIT_AUTHOR_NAME", std::ffi::OsStr::from_bytes(b"Jos\xe9"));
    assert!(cmd.status().expect("commit").success());

    let tree = fx.git(["rev-parse", "HEAD^{tree}"]);
    let committer = "committer C <c@example.com> 1700000000 +0000";
    let mut parent = fx.head();
    for (author, rest) in [
        (
            "  Ann \t Lee\x0b <  ann@example.com > 1700000100 -0000",
            "\n\nodd spacing\n",
        ),
        (
            "B <b@example.com> 1700000200 +1400",
            "encoding latin1\nencoding UTF-8\n\n\n\nblank lines first\n",
        ),
        (
            "C <c@example.com> 1700000300 -0959",
            "gpgsig -----BEGIN-----\n parent 0000000000000000000000000000000000000000\n -----END-----\n\nsigned\n",
        ),
        ("No Time <nt@example.com>", "\n\nno time\n"),
        ("Far <far@example.com> 1700000400 +2500", "\n\nfar offset\n"),
        ("Two <a@x> <b@y> 1700000500 +0100", "\n\ntwo emails\n"),
        (
            "'Dr. Who.' <\"who@x.\"> 1700000600 +0100",
            "\n\nquotes and dots\n",
        ),
    ] {
        let object = format!("tree {tree}\nparent {parent}\nauthor {author}\n{committer}\n{rest}");
        parent = fx.write_raw_commit(object.as_bytes());
    }
    fx.git(["update-ref", "HEAD", &parent]);
}

#[test]
fn a_packed_history_reads_as_the_same_history_loose() {
    let fx = Fixture::new();
    tricky_history(&fx);
    assert!(loose_objects(&fx.work) > 0);
    let loose = read_all(&fx.work);

    // Deltas between trees and between commits, so delta chains are followed too.
    fx.git(["repack", "-adfq", "--window=50", "--depth=50"]);
    fx.git(["prune", "--expire=now"]);
    assert_eq!(loose_objects(&fx.work), 0, "everything is packed");
    let packed = read_all(&fx.work);
    assert_eq!(packed, loose);
    assert_matches_git(&fx, &fx.work);

    // New commits on top stay loose: a read takes from both.
    fx.commit_file("src/deep/nested/mod.rs", "// after the repack\n");
    fx.commit_file("new/file.txt", "n\n");
    assert!(loose_objects(&fx.work) > 0);
    assert_matches_git(&fx, &fx.work);
}

#[test]
fn a_damaged_pack_entry_is_an_error_not_a_wrong_answer() {
    let fx = Fixture::new();
    for n in 0..30 {
        fx.commit_file(&format!("dir{}/f{n}.txt", n % 3), &format!("{n}\n"));
    }
    fx.git(["repack", "-adq"]);
    let pack = std::fs::read_dir(fx.work.join(".git/objects/pack"))
        .expect("pack dir")
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "pack"))
        .expect("a pack");
    // Flip bytes in the middle of the pack: some object's compressed data no longer inflates.
    let mut bytes = std::fs::read(&pack).expect("read pack");
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 64] {
        *byte ^= 0x5a;
    }
    let mut permissions = std::fs::metadata(&pack).expect("meta").permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&pack, permissions).expect("chmod");
    std::fs::write(&pack, bytes).expect("write pack");

    let git_ok = fx
        .command_in(&fx.work)
        .args(["log", "--name-status", "--format=%H"])
        .output()
        .expect("git log")
        .status
        .success();
    let repo = open(Some(&fx.work)).expect("open");
    let read = repo.read_commits(
        &RangeSpec {
            initial_depth: usize::MAX,
            ..RangeSpec::default()
        },
        false,
    );
    // Where git itself still reads everything, the damage hit only objects neither reads.
    match read {
        Ok(range) => {
            assert!(
                git_ok,
                "git fails where relctl read {} commits",
                range.commits.len()
            );
            assert_matches_git(&fx, &fx.work);
        }
        Err(err) => {
            assert!(!git_ok, "relctl fails where git does not: {err}");
            assert!(err.to_string().contains("damaged"), "{err}");
        }
    }
}

/// Long enough for two threads to share (blocks of 256, from 1,024 commits on): the range read
/// at once equals the same commits read in stretches short enough for one thread, and git.
#[test]
fn a_long_range_read_by_two_threads_is_the_range_read_by_one() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("long");
    crate::big_repo::build(&dir, 1_700, "");
    let fx = Fixture::new();
    let repo = open(Some(&dir)).expect("open");
    let whole = repo
        .read_commits(&spec(Some("HEAD~1650")), false)
        .expect("read whole");
    assert_eq!(
        ids(&whole),
        fx.rev_list_in(&dir, &["HEAD~1650..HEAD"]),
        "the range"
    );
    let mut stretches = Vec::new();
    for (from, to) in [(550, 0), (1_100, 550), (1_650, 1_100)] {
        let mut spec = spec(Some(&format!("HEAD~{from}")));
        spec.head = format!("HEAD~{to}");
        stretches.extend(
            repo.read_commits(&spec, false)
                .expect("read stretch")
                .commits,
        );
    }
    assert_eq!(whole.commits, stretches);
    for commit in whole.commits.iter().step_by(41) {
        assert_eq!(
            commit.patch_set,
            fx.expected_patch_set_in(&dir, &commit.id),
            "{}",
            commit.id
        );
    }
}
