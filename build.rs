//! Names the commit a binary was built from, for `relctl --version` (what a bug report needs):
//! `RELCTL_BUILD_INFO` is ` (abc1234 2026-12-07)`, the short commit id and its commit date, when
//! this directory is the top of a git work tree and `git` runs; otherwise (a source tarball, a
//! copy inside some other repository, no git installed) it is empty and `--version` says
//! `relctl 0.1.0` alone. The commit's own date, not the build's, so a build is reproducible.

use std::path::Path;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=RELCTL_BUILD_INFO");
    let info = std::env::var("RELCTL_BUILD_INFO")
        .ok()
        .or_else(commit_info)
        .unwrap_or_default();
    println!("cargo:rustc-env=RELCTL_BUILD_INFO={info}");
}

/// ` (abc1234 2026-12-07)` when this package is the top of the git work tree it is built in.
fn commit_info() -> Option<String> {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let top = git(&["-C", &manifest_dir, "rev-parse", "--show-toplevel"])?;
    // A copy of the package inside another repository (vendored, unpacked in a monorepo) would
    // otherwise be labelled with that repository's commit.
    if Path::new(&top).canonicalize().ok()? != Path::new(&manifest_dir).canonicalize().ok()? {
        return None;
    }
    // Rebuilt when HEAD moves: HEAD itself (a checkout), the branch it names (a commit), and
    // packed-refs (a branch that is only packed). Only the files that exist: cargo takes a
    // missing one for a change, and would rebuild every time.
    let branch = git(&["-C", &manifest_dir, "symbolic-ref", "-q", "HEAD"]);
    for name in ["HEAD", "packed-refs"].into_iter().chain(branch.as_deref()) {
        if let Some(path) = git(&["-C", &manifest_dir, "rev-parse", "--git-path", name]) {
            let path = Path::new(&top).join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    let line = git(&[
        "-C",
        &manifest_dir,
        "log",
        "-1",
        "--format=%h %cd",
        "--date=short",
        "--abbrev=7",
    ])?;
    Some(format!(" ({line})"))
}
