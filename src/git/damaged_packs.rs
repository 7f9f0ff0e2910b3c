//! The pack reader on damaged packs, against libgit2 on the same files: a small real repository
//! packed twice (deltas by offset, deltas by id), then in many seeded rounds one of its packs
//! is damaged (bytes flipped, the file cut short, an entry's header or its zlib stream broken,
//! a delta's instructions rewritten and recompressed, an index offset moved) and every object
//! is read by both. The pack reader may give up on an object (`None`: the caller falls back to
//! libgit2), and a range read may fail; it must never give an object libgit2 does not give for
//! the same id (or, where libgit2 fails, that is not the undamaged object), and never panic.
//! Deterministic: the rounds are seeded, the repository has fixed dates.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use git2::{ObjectType, Oid};

use super::{Entry, Kind, PackFiles, Packs};
use crate::git::{CommitRange, RangeSpec, open};

/// Rounds per pack (two packs).
const ROUNDS: u64 = 120;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
        .args(["-c", "gc.auto=0", "-c", "core.compression=6"])
        .args(args)
        .env("GIT_AUTHOR_DATE", "1700000000 +0100")
        .env("GIT_COMMITTER_DATE", "1700000000 +0100")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// A bare repository of 40 commits with merges over nested directories, every object in one
/// pack, its deltas by offset (`ref_deltas` false) or by id.
fn packed_repo(dir: &Path, ref_deltas: bool) -> PathBuf {
    let work = dir.join("work");
    std::fs::create_dir_all(&work).unwrap();
    git(&work, &["init", "-q", "-b", "main"]);
    for n in 0..40 {
        if n % 8 == 7 {
            git(&work, &["checkout", "-q", "-B", "side", "HEAD~2"]);
        }
        let file = work.join(format!("d{}/e{}/f{}.txt", n % 3, n % 2, n % 5));
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let text: String = (0..40)
            .map(|line| format!("line {line} of {n}\n"))
            .collect();
        std::fs::write(&file, text).unwrap();
        git(&work, &["add", "-A"]);
        git(&work, &["commit", "-q", "-m", &format!("change {n}")]);
        if n % 8 == 7 {
            git(&work, &["checkout", "-q", "main"]);
            git(&work, &["merge", "-q", "--no-ff", "-m", "merge", "side"]);
        }
    }
    let bare = dir.join("bare.git");
    let bare_arg = bare.to_str().unwrap();
    git(
        dir,
        &["clone", "-q", "--bare", "--no-local", "work", bare_arg],
    );
    let offsets = if ref_deltas { "false" } else { "true" };
    let option = format!("repack.useDeltaBaseOffset={offsets}");
    git(
        &bare,
        &[
            "-c",
            &option,
            "repack",
            "-adfq",
            "--window=50",
            "--depth=50",
        ],
    );
    bare
}

/// The pack and index of a repository holding one.
fn pack_files(repo: &Path) -> (PathBuf, PathBuf) {
    let packs = repo.join("objects/pack");
    let pack = std::fs::read_dir(&packs)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "pack"))
        .unwrap();
    let index = pack.with_extension("idx");
    (pack, index)
}

/// What the undamaged repository holds: every object, and where each entry is.
struct Original {
    repo: PathBuf,
    pack: Vec<u8>,
    index: Vec<u8>,
    objects: HashMap<Oid, (ObjectType, Vec<u8>)>,
    /// Each entry's offset, and the offsets of those that are deltas.
    entries: Vec<u64>,
    deltas: Vec<u64>,
    range: CommitRange,
}

impl Original {
    fn new(repo: PathBuf) -> Original {
        let (pack_path, index_path) = pack_files(&repo);
        let git2_repo = git2::Repository::open_bare(&repo).unwrap();
        let odb = git2_repo.odb().unwrap();
        let mut objects = HashMap::new();
        odb.foreach(|&oid| {
            let object = odb.read(oid).unwrap();
            objects.insert(oid, (object.kind(), object.data().to_vec()));
            true
        })
        .unwrap();
        let (mut entries, mut deltas) = (Vec::new(), Vec::new());
        let listing = git(&repo, &["verify-pack", "-v", index_path.to_str().unwrap()]);
        for line in listing.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            if fields.len() >= 5 && fields[0].len() == 40 {
                let offset: u64 = fields[4].parse().unwrap();
                entries.push(offset);
                if fields.len() == 7 {
                    deltas.push(offset);
                }
            }
        }
        assert!(deltas.len() > 20, "the pack has deltas: {}", deltas.len());
        let range = read_all(&repo).unwrap();
        assert!(range.commits.len() > 40);
        Original {
            pack: std::fs::read(pack_path).unwrap(),
            index: std::fs::read(index_path).unwrap(),
            repo,
            objects,
            entries,
            deltas,
            range,
        }
    }
}

fn read_all(repo: &Path) -> Result<CommitRange, crate::git::GitError> {
    let spec = RangeSpec {
        initial_depth: usize::MAX,
        ..RangeSpec::default()
    };
    open(Some(repo))?.read_commits(&spec, false)
}

/// xorshift64: the same rounds on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick(&mut self, from: &[u64]) -> usize {
        from[self.below(from.len())] as usize
    }
}

/// One kind of damage, applied to copies of the pack and index; `None` when it does not apply
/// this round (a recompressed delta that no longer fits its place).
fn damage(kind: u64, rng: &mut Rng, original: &Original) -> Option<(Vec<u8>, Vec<u8>)> {
    let (mut pack, mut index) = (original.pack.clone(), original.index.clone());
    match kind {
        // Bytes flipped anywhere.
        0 => {
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(pack.len());
                pack[at] ^= 1 << rng.below(8);
            }
        }
        // The file cut short.
        1 => pack.truncate(rng.below(pack.len())),
        // An entry's header: its type, size or delta base.
        2 => {
            let at = rng.pick(&original.entries) + rng.below(4);
            pack[at] = rng.next() as u8;
        }
        // A zlib stream: its header or its data (the checksum then fails).
        3 => {
            let start = rng.pick(&original.entries);
            let entry = Entry::parse(&pack, start as u64).ok()?;
            let reach = if rng.below(2) == 0 { 2 } else { 24 };
            let at = entry.data_at + rng.below(reach);
            pack[at] ^= 1 << rng.below(8);
        }
        // A delta's instructions, recompressed: a valid zlib stream with a wrong delta.
        4 => rewrite_delta(rng, original, &mut pack)?,
        // An index offset: another entry's, or anywhere in the pack. (Not beyond it: libgit2
        // 1.9 then reads past its mapping and crashes, in `packfile_unpack_header1`.)
        _ => {
            let count = original.entries.len();
            let offsets_at = 8 + 256 * 4 + count * (20 + 4);
            let at = offsets_at + 4 * rng.below(count);
            let offset = match rng.below(2) {
                0 => rng.pick(&original.entries) as u32,
                _ => rng.below(pack.len() - 20) as u32,
            };
            index[at..at + 4].copy_from_slice(&offset.to_be_bytes());
        }
    }
    Some((pack, index))
}

/// Inflates a delta entry's data, changes one byte of it (a size, a copy's offset or length, an
/// opcode, inserted data) and deflates it back into its place, if it still fits.
fn rewrite_delta(rng: &mut Rng, original: &Original, pack: &mut [u8]) -> Option<()> {
    let start = rng.pick(&original.deltas);
    let entry = Entry::parse(pack, start as u64).ok()?;
    let mut delta = Vec::with_capacity(entry.size + 1);
    let mut inflate = flate2::Decompress::new(true);
    inflate
        .decompress_vec(
            &pack[entry.data_at..],
            &mut delta,
            flate2::FlushDecompress::Finish,
        )
        .ok()?;
    let used = usize::try_from(inflate.total_in()).ok()?;
    let at = rng.below(delta.len().min(12));
    delta[at] = rng.next() as u8;
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    deflate.write_all(&delta).ok()?;
    let stream = deflate.finish().ok()?;
    // The bytes after the new stream, up to the next entry, are never read.
    let place = pack.get_mut(entry.data_at..entry.data_at + stream.len())?;
    (stream.len() <= used).then(|| place.copy_from_slice(&stream))
}

/// What one round found: objects the pack reader left to libgit2, and objects it read right
/// where libgit2 failed.
#[derive(Default)]
struct Tally {
    rounds: usize,
    fell_back: usize,
    beyond_libgit2: usize,
    range_errors: usize,
    /// Rounds where libgit2 read another object for an id, and the range came out different.
    misled: usize,
}

fn kind_of(kind: Kind) -> ObjectType {
    match kind {
        Kind::Commit => ObjectType::Commit,
        Kind::Tree => ObjectType::Tree,
        Kind::Blob => ObjectType::Blob,
        Kind::Tag => ObjectType::Tag,
    }
}

/// Reads every object of the damaged copy at `repo` with the pack reader and with libgit2;
/// whether libgit2 read some object other than the undamaged one (an index entry moved to
/// another entry: neither reader checks an object against its id, as git does not either).
fn compare_objects(repo: &Path, original: &Original, round: &str, tally: &mut Tally) -> bool {
    let mut misled = false;
    let mut packs = Packs::new(PackFiles::open(&repo.join("objects")));
    let odb = git2::Odb::new().unwrap();
    odb.add_disk_alternate(repo.join("objects").to_str().unwrap())
        .unwrap();
    for (oid, undamaged) in &original.objects {
        let ours = packs.read(oid.as_bytes());
        let start = packs.read_start(oid.as_bytes(), 100);
        let theirs = odb.read(*oid).ok().map(|o| (o.kind(), o.data().to_vec()));
        misled |= theirs.as_ref().is_some_and(|theirs| theirs != undamaged);
        let Some((kind, bytes)) = ours else {
            tally.fell_back += 1;
            continue;
        };
        let ours = (kind_of(kind), bytes.to_vec());
        match &theirs {
            Some(theirs) => assert_eq!(&ours, theirs, "{round}: {oid} differs from libgit2's"),
            None => {
                assert_eq!(&ours, undamaged, "{round}: {oid} where libgit2 fails");
                tally.beyond_libgit2 += 1;
            }
        }
        if let Some((kind, start)) = start {
            assert_eq!(kind_of(kind), ours.0, "{round}: {oid}'s start");
            assert!(ours.1.starts_with(&start), "{round}: {oid}'s start");
        }
    }
    misled
}

/// A round's damaged copy of the repository: the refs of the original, the damaged pack.
fn damaged_copy(dir: &Path, original: &Original, pack: &[u8], index: &[u8]) -> PathBuf {
    let repo = dir.join("repo.git");
    let (pack_path, index_path) = pack_files(&original.repo);
    let packs = repo.join("objects/pack");
    std::fs::create_dir_all(&packs).unwrap();
    for file in ["HEAD", "packed-refs", "config"] {
        let _ = std::fs::copy(original.repo.join(file), repo.join(file));
    }
    std::fs::create_dir_all(repo.join("refs")).unwrap();
    std::fs::write(packs.join(pack_path.file_name().unwrap()), pack).unwrap();
    std::fs::write(packs.join(index_path.file_name().unwrap()), index).unwrap();
    repo
}

fn run_rounds(original: &Original, seed: u64, tally: &mut Tally) {
    let mut rng = Rng(seed);
    for n in 0..ROUNDS {
        let kind = n % 6;
        let Some((pack, index)) = damage(kind, &mut rng, original) else {
            continue;
        };
        let round = format!("seed {seed:#x} round {n} (damage {kind})");
        let dir = tempfile::tempdir().unwrap();
        let repo = damaged_copy(dir.path(), original, &pack, &index);
        let misled = compare_objects(&repo, original, &round, tally);
        // The whole range: the undamaged answer or an error, never another answer (unless
        // libgit2 itself reads another object for an id: then so does everyone).
        match read_all(&repo) {
            Ok(range) if misled => tally.misled += usize::from(range != original.range),
            Ok(range) => assert!(range == original.range, "{round}: another range"),
            Err(_) => tally.range_errors += 1,
        }
        tally.rounds += 1;
    }
}

#[test]
fn a_damaged_pack_gives_libgit2_s_answer_a_fallback_or_an_error() {
    let mut tally = Tally::default();
    for (ref_deltas, seed) in [
        (false, 0x9e37_79b9_7f4a_7c15),
        (true, 0x2545_f491_4f6c_dd1d),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let original = Original::new(packed_repo(dir.path(), ref_deltas));
        run_rounds(&original, seed, &mut tally);
    }
    assert!(tally.rounds > 200, "rounds run: {}", tally.rounds);
    assert!(tally.fell_back > 0 && tally.range_errors > 0);
    eprintln!(
        "{} rounds: {} objects left to libgit2, {} read where libgit2 failed, {} range reads \
         failed, {} misread by libgit2 too",
        tally.rounds, tally.fell_back, tally.beyond_libgit2, tally.range_errors, tally.misled
    );
}
