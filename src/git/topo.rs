//! `git rev-list --topo-order HEAD` for a first release, computed from the commits' parent lines
//! as the pack reader reads them.
//!
//! Why not libgit2's walk: it reads every commit whole through its own object path (locks,
//! allocations, a fresh zlib state) and keeps its queue in date order with a linked list, and the
//! other core waits meanwhile; on all of git/git that was a sixth of set-commits' time. Only the
//! first lines of a commit (tree and parents) are inflated here.
//!
//! The order is git's (and libgit2's) for one starting commit: every commit reachable from HEAD
//! counts its children; a stack starts with HEAD; a commit popped is emitted, and each of its
//! parents, in order, is pushed once its last child has been emitted. So after a merge come the
//! commits of its last parent's side, and dates play no part. Anything this cannot read the fast
//! way (a commit it cannot find in a pack or parse, `info/grafts`) makes it give up, and the
//! caller asks libgit2's walk, which also reports damage.

use std::collections::HashMap;
use std::collections::HashSet;

use git2::{Oid, Repository};

use super::patch::TreeReader;
use super::progress::Progress;

/// How much of a commit is inflated to read its parents: the tree line and 20 parent lines.
const START: usize = 46 + 20 * 48 + 16;

/// All the commits reachable from `head`, in `git rev-list --topo-order` order; `None` when
/// some commit is beyond this reader (the caller then uses libgit2's walk).
pub(super) fn topo_order(
    repo: &Repository,
    reader: &TreeReader<'_>,
    shallow: &HashSet<Oid>,
    head: Oid,
    progress: &Progress,
) -> Option<Vec<Oid>> {
    if repo.commondir().join("info/grafts").exists() {
        return None;
    }
    // The graph: ids, and each commit's parents by index.
    let mut index: HashMap<Oid, u32> = HashMap::new();
    let mut ids = vec![head];
    let mut parents: Vec<Vec<u32>> = vec![Vec::new()];
    index.insert(head, 0);
    let mut to_read = vec![0u32];
    while let Some(at) = to_read.pop() {
        let id = *ids.get(at as usize)?;
        let mut mine = Vec::new();
        for parent in parents_of(repo, reader, shallow, id)? {
            let next = u32::try_from(ids.len()).ok()?;
            let parent_at = *index.entry(parent).or_insert(next);
            if parent_at == next {
                ids.push(parent);
                parents.push(Vec::new());
                to_read.push(next);
            }
            mine.push(parent_at);
        }
        *parents.get_mut(at as usize)? = mine;
        progress.inc();
    }
    drop(index);

    // In-degree 1 + children, as libgit2 counts it (a parent named twice counts twice).
    let mut in_degree = vec![1u32; ids.len()];
    for &parent in parents.iter().flatten() {
        *in_degree.get_mut(parent as usize)? += 1;
    }
    let mut order = Vec::with_capacity(ids.len());
    let mut stack = vec![0u32];
    while let Some(at) = stack.pop() {
        for &parent in parents.get(at as usize)? {
            let degree = in_degree.get_mut(parent as usize)?;
            if *degree == 0 {
                continue;
            }
            *degree -= 1;
            if *degree == 1 {
                stack.push(parent);
            }
        }
        *in_degree.get_mut(at as usize)? = 0;
        order.push(*ids.get(at as usize)?);
    }
    (order.len() == ids.len()).then_some(order)
}

/// The parents of commit `id` as libgit2 shows them (none for a shallow boundary commit), from
/// the start of the packed commit, else from libgit2; `None` when neither can read it.
fn parents_of(
    repo: &Repository,
    reader: &TreeReader<'_>,
    shallow: &HashSet<Oid>,
    id: Oid,
) -> Option<Vec<Oid>> {
    if shallow.contains(&id) {
        return Some(Vec::new());
    }
    if let Some(start) = reader.packed_commit_start(id, START)
        && let Some(parents) = parent_lines(&start)
    {
        return Some(parents);
    }
    Some(repo.find_commit(id).ok()?.parent_ids().collect())
}

/// The parents named by the start of a raw commit: its tree line, then its parent lines up to
/// the first other line. `None` when the start ends first or does not look like a commit.
fn parent_lines(start: &[u8]) -> Option<Vec<Oid>> {
    let mut lines = start.split(|&byte| byte == b'\n');
    let tree = lines.next()?.strip_prefix(b"tree ")?;
    if tree.len() != 40 {
        return None;
    }
    let mut parents = Vec::new();
    let mut lines = lines.peekable();
    while let Some(line) = lines.next() {
        // The last piece has no newline after it: it may be cut short.
        let whole = lines.peek().is_some();
        match line.strip_prefix(b"parent ") {
            Some(hex) if whole && hex.len() == 40 => {
                parents.push(Oid::from_str(std::str::from_utf8(hex).ok()?).ok()?);
            }
            Some(_) => return None,
            None if !whole && b"parent ".starts_with(line) => return None,
            None => return Some(parents),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "8ab686eafeb1f44702738c8b0f24f2567c36da6d";
    const B: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    #[test]
    fn reads_parent_lines_only_when_they_are_all_there() {
        let head = format!("tree {B}\nparent {A}\nparent {B}\nauthor x");
        let parents = parent_lines(head.as_bytes()).expect("parents");
        assert_eq!(parents.len(), 2);
        assert_eq!(parents[1].to_string(), B);
        let root = format!("tree {B}\nauthor x");
        assert_eq!(parent_lines(root.as_bytes()), Some(Vec::new()));
        // Cut inside the parent lines, or right after one: more may follow.
        assert_eq!(
            parent_lines(format!("tree {B}\nparent {A}\npar").as_bytes()),
            None
        );
        assert_eq!(
            parent_lines(format!("tree {B}\nparent {A}").as_bytes()),
            None
        );
        assert_eq!(
            parent_lines(format!("tree {B}\nparent 123\nauthor").as_bytes()),
            None
        );
        assert_eq!(parent_lines(b"blob\n"), None);
    }
}
