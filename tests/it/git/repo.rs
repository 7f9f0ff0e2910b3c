//! Opening repositories (work tree, bare, subdirectory, none), names from remotes, revisions.

use super::fixture::Fixture;
use super::*;

#[test]
fn bare_repository() {
    let (fx, shas) = linear(4);
    let bare = fx.tmp.path().join("mirror.git");
    fx.git_in(
        fx.tmp.path(),
        [
            "clone".as_ref(),
            "-q".as_ref(),
            "--bare".as_ref(),
            fx.work.as_os_str(),
            bare.as_os_str(),
        ],
    );
    let repo = open(Some(&bare)).expect("open bare");
    assert!(repo.is_bare());
    let range = repo
        .read_commits(&spec(Some(&shas[1])), false)
        .expect("read");
    assert_eq!(ids(&range), vec![shas[3].clone(), shas[2].clone()]);
    assert_matches_git(&fx, &bare);
    // The clone's origin is a local path: its last component.
    assert_eq!(repo.repository_name(None), "repo");
    fx.git_in(&bare, ["remote", "remove", "origin"]);
    let repo = open(Some(&bare)).expect("open bare");
    assert_eq!(repo.repository_name(None), "mirror");
}

#[test]
fn open_from_subdirectory_and_git_dir() {
    let (fx, shas) = linear(2);
    let repo = open(Some(&fx.work.join("src/deep"))).expect("open subdir");
    assert_eq!(repo.resolve_commit("HEAD").expect("head"), shas[1]);
    let repo = open(Some(&fx.work.join(".git"))).expect("open .git");
    assert_eq!(repo.resolve_commit("HEAD").expect("head"), shas[1]);
    assert_eq!(
        repo.root(),
        fx.work.canonicalize().expect("canon").as_path()
    );
}

#[test]
fn not_a_repository() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let err = open(Some(tmp.path())).expect_err("must fail");
    assert_eq!(
        err,
        GitError::NotARepository {
            path: tmp.path().to_string_lossy().into_owned()
        }
    );
    let text = err.to_string();
    assert!(text.starts_with("not a git repository: "), "{text}");
    assert!(text.ends_with(" (or any parent)"), "{text}");
    assert!(err.hint().unwrap().contains("--repo DIR"));
    assert!(!text.contains('\n'));
    let missing = tmp.path().join("does/not/exist");
    assert!(matches!(
        open(Some(&missing)),
        Err(GitError::NotARepository { .. })
    ));
}

#[test]
fn unknown_revisions() {
    let (fx, shas) = linear(3);
    let repo = open(Some(&fx.work)).expect("open");
    for rev in ["nope", "", "HEAD~99", "main..", "a\0b", &"0".repeat(40)] {
        assert_eq!(
            repo.resolve_commit(rev),
            Err(GitError::RevisionNotFound { rev: rev.into() }),
            "{rev:?}"
        );
    }
    let head = RangeSpec {
        head: "no-such-branch".into(),
        ..RangeSpec::default()
    };
    assert_eq!(
        repo.read_commits(&head, false).expect_err("head"),
        GitError::RevisionNotFound {
            rev: "no-such-branch".into()
        }
    );
    // A mistyped previous *name* is not "missing history", even with --ignore-missing.
    let previous = RangeSpec {
        stop_at: vec!["relase-1.0".into()],
        ignore_missing: true,
        ..RangeSpec::default()
    };
    assert!(matches!(
        repo.read_commits(&previous, false),
        Err(GitError::RevisionNotFound { .. })
    ));
    // A blob is not a commit.
    let blob = fx.git(["rev-parse", "HEAD:README.md"]);
    assert!(matches!(
        repo.resolve_commit(&blob),
        Err(GitError::RevisionNotFound { .. })
    ));
    assert!(!repo.has_commit(&blob));
    assert!(repo.has_commit(&shas[0]));
    assert!(!repo.has_commit(&shas[0][..12]));
    assert!(!repo.has_commit("not hex"));
}

#[test]
fn resolve_revisions() {
    let (fx, shas) = linear(4);
    fx.git(["tag", "-a", "-m", "annotated", "v1", &shas[1]]);
    fx.git(["tag", "light", &shas[2]]);
    fx.git(["branch", "topic", &shas[0]]);
    let repo = open(Some(&fx.work)).expect("open");
    let cases = [
        ("HEAD", &shas[3]),
        ("HEAD~2", &shas[1]),
        ("v1", &shas[1]),
        ("light", &shas[2]),
        ("topic", &shas[0]),
        ("main", &shas[3]),
        (&shas[2][..7], &shas[2]),
        (&shas[2], &shas[2]),
    ];
    for (rev, expected) in cases {
        assert_eq!(&repo.resolve_commit(rev).expect(rev), expected, "{rev}");
    }
    // An annotated tag as the previous release works too.
    let range = repo.read_commits(&spec(Some("v1")), false).expect("read");
    assert_eq!(ids(&range), vec![shas[3].clone(), shas[2].clone()]);
}

#[test]
fn repository_name_from_remotes() {
    let (fx, _) = linear(1);
    let repo = open(Some(&fx.work)).expect("open");
    assert_eq!(
        repo.repository_name(None),
        "repo",
        "no remote: directory name"
    );
    assert_eq!(repo.remote_url(None), None);

    fx.git(["remote", "add", "zeta", "https://github.com/Zeta/Last.git"]);
    fx.git([
        "remote",
        "add",
        "alpha",
        "git@gitlab.com:Group/Sub/First.git",
    ]);
    let repo = open(Some(&fx.work)).expect("open");
    assert_eq!(
        repo.repository_name(None),
        "Group/Sub/First",
        "first remote"
    );

    fx.git([
        "remote",
        "add",
        "origin",
        "https://user:pw@github.com/Acme/App.git",
    ]);
    let repo = open(Some(&fx.work)).expect("open");
    assert_eq!(
        repo.repository_name(None),
        "Acme/App",
        "origin beats others"
    );

    fx.git(["remote", "add", "upstream", "ssh://git@host:2222/Up/Stream"]);
    let repo = open(Some(&fx.work)).expect("open");
    assert_eq!(
        repo.repository_name(None),
        "Up/Stream",
        "upstream beats origin"
    );
    assert_eq!(repo.repository_name(Some("origin")), "Acme/App");
    assert_eq!(repo.repository_name(Some("zeta")), "Zeta/Last");
    assert_eq!(repo.repository_name(Some("missing")), "Up/Stream");

    fx.git(["remote", "add", "broken", "https://example.com/"]);
    let repo = open(Some(&fx.work)).expect("open");
    assert_eq!(repo.repository_name(Some("broken")), "repo");
}

#[test]
fn empty_repository() {
    let fx = Fixture::new();
    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(&RangeSpec::default(), false)
        .expect("read");
    assert!(range.commits.is_empty());
    // Not "revision not found: HEAD": the repository has no commits at all, whatever is asked.
    for rev in ["HEAD", "HEAD~1", "main", "0123456"] {
        let err = repo.resolve_commit(rev).expect_err(rev);
        assert!(
            matches!(&err, GitError::NoCommits { branch: None, .. }),
            "{rev}: {err:?}"
        );
        assert!(err.to_string().contains("has no commits yet"), "{err}");
    }
    assert!(!repo.is_shallow());

    // HEAD on a branch without commits, beside one that has some.
    fx.commit_file("a.txt", "1\n");
    fx.git(["checkout", "-q", "--orphan", "fresh"]);
    let err = repo.resolve_commit("HEAD").expect_err("unborn");
    assert_eq!(
        err,
        GitError::NoCommits {
            path: fx.work.to_string_lossy().into_owned(),
            branch: Some("fresh".into())
        }
    );
    assert!(matches!(
        repo.resolve_commit("nope"),
        Err(GitError::RevisionNotFound { .. })
    ));
    assert!(repo.resolve_commit("main").is_ok());
}

/// Overwrites (or, with `None`, deletes) the loose object file of `sha`.
fn damage(fx: &Fixture, sha: &str, bytes: Option<&[u8]>) {
    use std::os::unix::fs::PermissionsExt;
    let path = fx.work.join(".git/objects").join(&sha[..2]).join(&sha[2..]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    match bytes {
        Some(bytes) => std::fs::write(&path, bytes).expect("write"),
        None => std::fs::remove_file(&path).expect("rm"),
    }
}

#[test]
fn damaged_objects_name_the_commit_being_read() {
    let damaged = |problem: &str, commit: &str| GitError::Damaged {
        problem: problem.into(),
        commit: Some(commit.into()),
    };
    let read = |fx: &Fixture, previous: Option<&str>| {
        let repo = open(Some(&fx.work)).expect("open");
        repo.read_commits(&spec(previous), false)
    };
    // A corrupt commit inside the range, for a first release and below a previous one.
    let (fx, shas) = linear(5);
    damage(&fx, &shas[2], Some(b"garbage"));
    let corrupt = damaged("an object is corrupt", &shas[2]);
    assert_eq!(read(&fx, None).expect_err("first"), corrupt);
    assert_eq!(read(&fx, Some(&shas[1])).expect_err("range"), corrupt);
    let text = format!("{corrupt}\nhint: {}", corrupt.hint().unwrap());
    assert!(
        text.contains("damaged") && text.contains("git fsck"),
        "{text}"
    );
    assert!(!corrupt.to_string().contains('\n'));
    // A corrupt HEAD: not "revision not found".
    let (fx, shas) = linear(3);
    damage(&fx, &shas[2], Some(b"garbage"));
    let repo = open(Some(&fx.work)).expect("open");
    assert_eq!(
        repo.resolve_commit("HEAD"),
        Err(damaged("an object is corrupt", &shas[2]))
    );
    assert_eq!(
        repo.resolve_commit("HEAD~1"),
        Err(damaged("an object is corrupt", &shas[2]))
    );
    // A missing commit, and a branch whose commit is gone.
    let (fx, shas) = linear(4);
    damage(&fx, &shas[1], None);
    assert_eq!(
        read(&fx, None).expect_err("missing"),
        damaged("an object is missing", &shas[1])
    );
    let (fx, shas) = linear(2);
    damage(&fx, &shas[1], None);
    let repo = open(Some(&fx.work)).expect("open");
    assert_eq!(
        repo.resolve_commit("main"),
        Err(damaged("an object is missing", &shas[1]))
    );
    // A corrupt tree: the commit it belongs to.
    let (fx, shas) = linear(4);
    let tree = fx.git(["rev-parse", &format!("{}^{{tree}}", shas[1])]);
    damage(&fx, &tree, Some(b"garbage"));
    assert_eq!(
        read(&fx, None).expect_err("tree"),
        damaged("an object is corrupt", &shas[1])
    );
}
