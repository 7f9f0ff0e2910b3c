//! Reading objects straight from the repository's pack files, for the one job that reads most of
//! them: the trees (and the parents' tree ids) of a long range.
//!
//! Why not only libgit2: every object libgit2 reads costs a few allocations, a fresh zlib state,
//! a lock on the pack and one on the process-wide window list, an id comparison through a call
//! per step of the index search, and a copy out of its 16 MiB delta-base cache. On all of
//! git/git those were most of set-commits' time, beyond what `git log` spends on the same trees.
//! Here one zlib state is reset between objects, the index search compares ids inline, and
//! delta bases stay in a cache of shared buffers.
//!
//! This is a fast path, never the authority: any object it cannot find (a loose object, an
//! alternate, a pack it cannot read, a pack written after it opened) or cannot decode (damage)
//! is read again through libgit2 by the caller, so libgit2 still decides what exists and what is
//! damaged.
//!
//! Memory stays flat: packs are mapped whole (once, shared by the reading threads), but every
//! 4 MiB read from them the pages read are handed back to the page cache (`MADV_DONTNEED` on
//! read-only mappings), and each reader's delta-base cache is bounded in bytes.
//!
//! Formats (git's `Documentation/gitformat-pack.txt`): index version 2 with SHA-1 ids, pack
//! versions 2 and 3, full objects and both kinds of delta (`OFS_DELTA`, `REF_DELTA`).

use std::fs::File;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

use flate2::{Decompress, FlushDecompress, Status};
use memmap2::Mmap;
#[cfg(unix)]
use memmap2::UncheckedAdvice;

/// The length of a SHA-1 object id.
const ID_LEN: usize = 20;
/// What one reader's delta-base cache may hold.
const CACHE_BYTES: usize = 8 << 20;
/// Bytes one reader reads from the pack mappings before it drops their pages (see [`Touched`]).
const RELEASE_EVERY: usize = 4 << 20;
/// Objects larger than this are not cached (a tree this large is rare; a blob is never read).
const CACHE_LARGEST: usize = 1 << 20;
/// Slots of the delta-base cache (a power of two). 8 MiB holds a few thousand trees; with 4,096
/// slots their collisions cost 3% more time on all of git/git than with 16,384.
const CACHE_SLOTS: usize = 16384;
/// A longer delta chain is taken for damage (git writes at most 4095).
const MAX_CHAIN: usize = 10_000;
/// The most set aside for an object before its bytes arrive: a damaged entry or delta header
/// can name any size (a header naming 60 TB aborted the process, found by `damaged_packs.rs`).
const FIRST_ALLOCATION: usize = 1 << 20;

/// An object's type, as a pack entry names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Commit,
    Tree,
    Blob,
    Tag,
}

impl Kind {
    fn from_code(code: u8) -> Option<Kind> {
        match code {
            1 => Some(Kind::Commit),
            2 => Some(Kind::Tree),
            3 => Some(Kind::Blob),
            4 => Some(Kind::Tag),
            _ => None,
        }
    }
}

/// The repository's pack files, mapped once and shared by the threads that read them.
#[derive(Clone)]
pub(super) struct PackFiles(Arc<[Pack]>);

impl PackFiles {
    /// The packs in `objects/pack` of the object directory `objects`. A pack whose index or data
    /// cannot be opened or does not look right is left out (libgit2 reads its objects); no packs
    /// at all is fine.
    pub(super) fn open(objects: &Path) -> PackFiles {
        let mut packs = Vec::new();
        if let Ok(entries) = std::fs::read_dir(objects.join("pack")) {
            for entry in entries.flatten() {
                let index = entry.path();
                if index.extension().is_some_and(|ext| ext == "idx")
                    && let Some(pack) = Pack::open(&index, &index.with_extension("pack"))
                {
                    packs.push(pack);
                }
            }
        }
        PackFiles(packs.into())
    }
}

/// One thread's reader of the packs, searched for ids.
pub(super) struct Packs {
    packs: PackFiles,
    /// The pack of the last id found, searched first.
    last: usize,
    cache: BaseCache,
    inflater: Decompress,
    touched: Touched,
}

/// Why an entry could not be read: damage, or a form this reader does not handle. Either way
/// the caller asks libgit2.
#[derive(Debug)]
struct Unreadable;

impl Packs {
    /// A reader of `packs`, with its own cache.
    pub(super) fn new(packs: PackFiles) -> Packs {
        Packs {
            packs,
            last: 0,
            cache: BaseCache::new(),
            inflater: Decompress::new(true),
            touched: Touched::default(),
        }
    }

    /// The object `id` and its type, or `None` when it is not in a pack here or its entry cannot
    /// be read (the caller then asks libgit2).
    pub(super) fn read(&mut self, id: &[u8]) -> Option<(Kind, Rc<Vec<u8>>)> {
        let (pack, offset) = self.find(id)?;
        self.object_at(pack, offset).ok()
    }

    /// The first `max` bytes (or fewer) of object `id` and its type: a full object is inflated
    /// only that far. `None` as for [`Packs::read`].
    pub(super) fn read_start(&mut self, id: &[u8], max: usize) -> Option<(Kind, Vec<u8>)> {
        let (pack, offset) = self.find(id)?;
        let data = &self.packs.0.get(pack)?.data;
        let entry = Entry::parse(data, offset).ok()?;
        let Base::None(kind) = entry.base else {
            let (kind, object) = self.object_at(pack, offset).ok()?;
            return Some((kind, object.get(..max.min(object.len()))?.to_vec()));
        };
        let input = data.get(entry.data_at..)?;
        self.inflater.reset(true);
        let mut out = Vec::with_capacity(max.min(entry.size));
        self.inflater
            .decompress_vec(input, &mut out, FlushDecompress::None)
            .ok()?;
        let read = usize::try_from(self.inflater.total_in()).ok()?;
        let start = usize::try_from(offset).ok()?;
        self.touched
            .touch(&self.packs.0, start, entry.data_at + read);
        Some((kind, out))
    }

    /// Where `id` is: the pack of the last hit first, then the others.
    fn find(&mut self, id: &[u8]) -> Option<(usize, u64)> {
        if let Some(offset) = self.packs.0.get(self.last).and_then(|pack| pack.find(id)) {
            return Some((self.last, offset));
        }
        let (pack, offset) = self
            .packs
            .0
            .iter()
            .enumerate()
            .find_map(|(n, pack)| pack.find(id).map(|offset| (n, offset)))?;
        self.last = pack;
        Some((pack, offset))
    }

    /// The object whose entry starts at `offset` of pack `pack`: follows its delta chain down to
    /// a cached object or a full one, then applies the deltas back up, caching each result.
    fn object_at(&mut self, pack: usize, offset: u64) -> Result<(Kind, Rc<Vec<u8>>), Unreadable> {
        // (pack, offset of the delta entry, where its data starts, its result's size)
        let mut chain: Vec<(usize, u64, usize, usize)> = Vec::new();
        let (mut pack_at, mut at) = (pack, offset);
        let (kind, mut object) = loop {
            if let Some(hit) = self.cache.get(pack_at, at) {
                break hit;
            }
            if chain.len() > MAX_CHAIN {
                return Err(Unreadable);
            }
            let data = &self.packs.0.get(pack_at).ok_or(Unreadable)?.data;
            let entry = Entry::parse(data, at)?;
            let start = usize::try_from(at).map_err(|_| Unreadable)?;
            self.touched.touch(&self.packs.0, start, entry.data_at);
            match entry.base {
                Base::None(kind) => {
                    let bytes = self.inflate(pack_at, entry.data_at, entry.size)?;
                    let bytes = Rc::new(bytes);
                    if !chain.is_empty() {
                        self.cache.put(pack_at, at, kind, &bytes);
                    }
                    break (kind, bytes);
                }
                Base::Offset(base) => {
                    chain.push((pack_at, at, entry.data_at, entry.size));
                    at = base;
                }
                Base::Id(base) => {
                    chain.push((pack_at, at, entry.data_at, entry.size));
                    (pack_at, at) = self.find(&base).ok_or(Unreadable)?;
                }
            }
        };
        for &(pack_at, at, data_at, size) in chain.iter().rev() {
            let delta = self.inflate(pack_at, data_at, size)?;
            object = Rc::new(apply_delta(&object, &delta)?);
            self.cache.put(pack_at, at, kind, &object);
        }
        Ok((kind, object))
    }

    /// Inflates the zlib stream at `at` of pack `pack`, which must give exactly `size` bytes.
    fn inflate(&mut self, pack: usize, at: usize, size: usize) -> Result<Vec<u8>, Unreadable> {
        let input = self
            .packs
            .0
            .get(pack)
            .and_then(|pack| pack.data.get(at..))
            .ok_or(Unreadable)?;
        self.inflater.reset(true);
        let mut out = Vec::with_capacity(size.min(FIRST_ALLOCATION) + 1);
        loop {
            let read = usize::try_from(self.inflater.total_in()).map_err(|_| Unreadable)?;
            let written = out.len();
            let rest = input.get(read..).ok_or(Unreadable)?;
            let status = self
                .inflater
                .decompress_vec(rest, &mut out, FlushDecompress::Finish)
                .map_err(|_| Unreadable)?;
            // One byte beyond the size tells an object longer than its header says.
            if status == Status::StreamEnd || out.len() > size {
                break;
            }
            if out.len() == out.capacity() {
                out.reserve((size + 1 - out.len()).min(out.capacity()));
            } else if out.len() == written && self.inflater.total_in() == read as u64 {
                return Err(Unreadable);
            }
        }
        if out.len() != size {
            return Err(Unreadable);
        }
        let read = usize::try_from(self.inflater.total_in()).map_err(|_| Unreadable)?;
        self.touched.touch(&self.packs.0, at, at + read);
        Ok(out)
    }
}

/// How much of the packs one reader has read since it last handed the mapped pages back. Every
/// page read stays in the process's resident memory until it is unmapped or dropped, and the
/// kernel maps the pages around each one read (64 KiB), so reading objects scattered over a
/// 500 MB pack would soon hold most of it. Every [`RELEASE_EVERY`] bytes read, the reader drops
/// all the pages of the packs (`MADV_DONTNEED`: they stay in the page cache, and the next read
/// maps them again). One call per release: each one interrupts the other cores to flush their
/// TLBs, so dropping the least recently read parts one by one, as libgit2's window list does,
/// cost more time for the same memory (about 10% slower on all of git/git, in one run).
#[derive(Default)]
struct Touched {
    bytes: usize,
}

impl Touched {
    /// Notes that bytes `start..end` of the packs were read, dropping the mapped pages when due.
    fn touch(&mut self, packs: &[Pack], start: usize, end: usize) {
        self.bytes += end.saturating_sub(start);
        if self.bytes < RELEASE_EVERY {
            return;
        }
        self.bytes = 0;
        // Windows has no MADV_DONTNEED (memmap2 offers advice on Unix only): there the
        // working set stays as the memory manager trims it.
        #[cfg(not(unix))]
        let _ = packs;
        #[cfg(unix)]
        for pack in packs {
            // SAFETY: the mapping is a read-only file mapping: dropping its pages loses nothing,
            // the next read maps them again from the file. Nothing borrowed from a mapping
            // outlives a call of this module (objects are copied out), and another thread
            // reading the same mapping meanwhile just faults the page in again.
            unsafe {
                let _ = pack.data.unchecked_advise(UncheckedAdvice::DontNeed);
            }
        }
    }
}

/// One pack: its index and its data, both mapped.
struct Pack {
    index: Mmap,
    data: Mmap,
    /// Where the sorted ids start in the index, and how many there are.
    ids_at: usize,
    count: usize,
}

/// The index version 2 signature.
const INDEX_MAGIC: [u8; 4] = [0xff, b't', b'O', b'c'];
/// Where the fan-out table starts in a version 2 index.
const FANOUT_AT: usize = 8;
/// Half the window of ids searched around the guessed position of an id.
const WINDOW: usize = 48;

impl Pack {
    /// Maps `index_path` and `pack_path`; `None` when either cannot be read or they do not look
    /// like a version 2 SHA-1 index and its pack.
    fn open(index_path: &Path, pack_path: &Path) -> Option<Pack> {
        let index_file = File::open(index_path).ok()?;
        let pack_file = File::open(pack_path).ok()?;
        // SAFETY: git never rewrites a pack or an index in place (a repack writes new files and
        // deletes the old ones, which stay readable while mapped). A file truncated behind
        // git's back would make reads of the lost pages fault; git itself maps packs the same
        // way and shares that risk.
        let (index, data) = unsafe { (Mmap::map(&index_file).ok()?, Mmap::map(&pack_file).ok()?) };
        if index.get(..4)? != INDEX_MAGIC || read_u32(&index, 4)? != 2 {
            return None;
        }
        let count = usize::try_from(read_u32(&index, FANOUT_AT + 255 * 4)?).ok()?;
        let ids_at = FANOUT_AT + 256 * 4;
        // ids, CRCs, 4-byte offsets, then the 8-byte offsets and two checksums.
        let small_end = ids_at + count * (ID_LEN + 8);
        let large = index.len().checked_sub(small_end + 2 * ID_LEN)?;
        if large % 8 != 0 {
            return None;
        }
        let header = data.get(..12)?;
        let version = read_u32(header, 4)?;
        if &header[..4] != b"PACK" || !(version == 2 || version == 3) {
            return None;
        }
        if usize::try_from(read_u32(header, 8)?).ok()? != count {
            return None;
        }
        Some(Pack {
            index,
            data,
            ids_at,
            count,
        })
    }

    /// The offset of `id`'s entry. The fan-out table gives the ids that share its first byte;
    /// ids are uniformly spread, so the next two bytes tell about where in that run it sits,
    /// and a binary search of a small window around that guess (a page or so of the index,
    /// instead of probes all over the run) usually finds it; otherwise the rest of the run is
    /// searched.
    fn find(&self, id: &[u8]) -> Option<u64> {
        let first = *id.first()? as usize;
        let start = match first {
            0 => 0,
            _ => read_u32(&self.index, FANOUT_AT + (first - 1) * 4)? as usize,
        };
        let end = (read_u32(&self.index, FANOUT_AT + first * 4)? as usize).min(self.count);
        if start >= end {
            return None;
        }
        let fraction = usize::from(u16::from_be_bytes([*id.get(1)?, *id.get(2)?]));
        let guess = start + (((end - start) * fraction) >> 16);
        let low = guess.saturating_sub(WINDOW).max(start);
        let high = (guess + WINDOW).min(end);
        let (low, high) = if compare_ids(self.id_at(low)?, id).is_gt() {
            (start, low)
        } else if compare_ids(self.id_at(high - 1)?, id).is_lt() {
            (high, end)
        } else {
            (low, high)
        };
        let (mut low, mut high) = (low, high);
        while low < high {
            let mid = low + (high - low) / 2;
            match compare_ids(self.id_at(mid)?, id) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return self.offset(mid),
            }
        }
        None
    }

    /// The `n`th id of the index.
    fn id_at(&self, n: usize) -> Option<&[u8]> {
        let at = self.ids_at + n * ID_LEN;
        self.index.get(at..at + ID_LEN)
    }

    /// The pack offset of the `n`th id of the index.
    fn offset(&self, n: usize) -> Option<u64> {
        let small_at = self.ids_at + self.count * (ID_LEN + 4);
        let small = read_u32(&self.index, small_at + n * 4)?;
        if small & 0x8000_0000 == 0 {
            return Some(u64::from(small));
        }
        let large_at = small_at + self.count * 4 + (small & 0x7fff_ffff) as usize * 8;
        let bytes = self.index.get(large_at..large_at + 8)?;
        Some(u64::from_be_bytes(bytes.try_into().ok()?))
    }
}

/// `a.cmp(b)` for ids, by their first eight bytes as one number, which almost always decides.
fn compare_ids(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let head = |id: &[u8]| {
        id.get(..8)
            .and_then(|h| h.try_into().ok())
            .map(u64::from_be_bytes)
    };
    match (head(a), head(b)) {
        (Some(x), Some(y)) if x != y => x.cmp(&y),
        _ => a.cmp(b),
    }
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let word = bytes.get(at..at + 4)?;
    Some(u32::from_be_bytes(word.try_into().ok()?))
}

/// A pack entry's header: its type (or its delta base), the size of what its data inflates to,
/// and where its data starts.
struct Entry {
    base: Base,
    size: usize,
    data_at: usize,
}

enum Base {
    /// A full object of this type.
    None(Kind),
    /// A delta against the entry at this offset of the same pack.
    Offset(u64),
    /// A delta against the object with this id.
    Id([u8; ID_LEN]),
}

impl Entry {
    fn parse(data: &[u8], offset: u64) -> Result<Entry, Unreadable> {
        let start = usize::try_from(offset).map_err(|_| Unreadable)?;
        let mut at = start;
        let mut byte = *data.get(at).ok_or(Unreadable)?;
        at += 1;
        let code = (byte >> 4) & 7;
        let mut size = u64::from(byte & 0x0f);
        let mut shift = 4;
        while byte & 0x80 != 0 {
            byte = *data.get(at).ok_or(Unreadable)?;
            at += 1;
            if shift > 57 {
                return Err(Unreadable);
            }
            size |= u64::from(byte & 0x7f) << shift;
            shift += 7;
        }
        let size = usize::try_from(size).map_err(|_| Unreadable)?;
        let base = match code {
            6 => {
                // The distance back to the base, in git's offset encoding (each continuation
                // adds one before shifting, so every length has its own range).
                let mut byte = *data.get(at).ok_or(Unreadable)?;
                at += 1;
                let mut distance = u64::from(byte & 0x7f);
                while byte & 0x80 != 0 {
                    byte = *data.get(at).ok_or(Unreadable)?;
                    at += 1;
                    if distance >= 1 << 56 {
                        return Err(Unreadable);
                    }
                    distance = ((distance + 1) << 7) | u64::from(byte & 0x7f);
                }
                match offset.checked_sub(distance) {
                    Some(base) if distance > 0 => Base::Offset(base),
                    _ => return Err(Unreadable),
                }
            }
            7 => {
                let id = data.get(at..at + ID_LEN).ok_or(Unreadable)?;
                at += ID_LEN;
                Base::Id(id.try_into().map_err(|_| Unreadable)?)
            }
            code => Base::None(Kind::from_code(code).ok_or(Unreadable)?),
        };
        Ok(Entry {
            base,
            size,
            data_at: at,
        })
    }
}

/// Applies a git delta to `base`: a header of the base's size and the result's size, then copy
/// instructions (a range of the base) and insert instructions (literal bytes).
fn apply_delta(base: &[u8], delta: &[u8]) -> Result<Vec<u8>, Unreadable> {
    let mut rest = delta;
    let base_size = read_varint(&mut rest)?;
    let result_size = read_varint(&mut rest)?;
    if base_size != base.len() {
        return Err(Unreadable);
    }
    let mut out = Vec::with_capacity(result_size.min(FIRST_ALLOCATION));
    while let Some((&op, tail)) = rest.split_first() {
        rest = tail;
        if op & 0x80 != 0 {
            let mut offset = 0usize;
            let mut size = 0usize;
            for bit in 0..4 {
                if op & (1 << bit) != 0 {
                    let (&byte, tail) = rest.split_first().ok_or(Unreadable)?;
                    rest = tail;
                    offset |= usize::from(byte) << (8 * bit);
                }
            }
            for bit in 0..3 {
                if op & (0x10 << bit) != 0 {
                    let (&byte, tail) = rest.split_first().ok_or(Unreadable)?;
                    rest = tail;
                    size |= usize::from(byte) << (8 * bit);
                }
            }
            if size == 0 {
                size = 0x10000;
            }
            let end = offset.checked_add(size).ok_or(Unreadable)?;
            out.extend_from_slice(base.get(offset..end).ok_or(Unreadable)?);
        } else if op != 0 {
            let len = usize::from(op);
            out.extend_from_slice(rest.get(..len).ok_or(Unreadable)?);
            rest = rest.get(len..).ok_or(Unreadable)?;
        } else {
            // Opcode 0 is reserved.
            return Err(Unreadable);
        }
        if out.len() > result_size {
            return Err(Unreadable);
        }
    }
    if out.len() != result_size {
        return Err(Unreadable);
    }
    Ok(out)
}

/// A delta header's little-endian base-128 size.
fn read_varint(rest: &mut &[u8]) -> Result<usize, Unreadable> {
    let mut value = 0usize;
    let mut shift = 0;
    loop {
        let (&byte, tail) = rest.split_first().ok_or(Unreadable)?;
        *rest = tail;
        if shift > 56 {
            return Err(Unreadable);
        }
        value |= usize::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
}

/// Recently built objects by (pack, offset), so a delta whose base was just built does not
/// rebuild it: one object per slot (an entry's slot is its offset, hashed), at most
/// [`CACHE_BYTES`] in all, the slots after a clock hand emptied first when it is full.
struct BaseCache {
    slots: Vec<Option<Cached>>,
    bytes: usize,
    hand: usize,
}

struct Cached {
    pack: usize,
    offset: u64,
    kind: Kind,
    object: Rc<Vec<u8>>,
}

impl BaseCache {
    fn new() -> BaseCache {
        BaseCache {
            slots: (0..CACHE_SLOTS).map(|_| None).collect(),
            bytes: 0,
            hand: 0,
        }
    }

    fn slot(pack: usize, offset: u64) -> usize {
        // Fibonacci hashing of the offset, mixed with the pack.
        let key = offset ^ ((pack as u64) << 48);
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - CACHE_SLOTS.trailing_zeros())) as usize
    }

    fn get(&self, pack: usize, offset: u64) -> Option<(Kind, Rc<Vec<u8>>)> {
        match self.slots.get(Self::slot(pack, offset))? {
            Some(cached) if cached.pack == pack && cached.offset == offset => {
                Some((cached.kind, Rc::clone(&cached.object)))
            }
            _ => None,
        }
    }

    fn put(&mut self, pack: usize, offset: u64, kind: Kind, object: &Rc<Vec<u8>>) {
        if object.len() > CACHE_LARGEST {
            return;
        }
        let slot = Self::slot(pack, offset);
        self.take(slot);
        while self.bytes + object.len() > CACHE_BYTES {
            self.hand = (self.hand + 1) % CACHE_SLOTS;
            self.take(self.hand);
        }
        self.bytes += object.len();
        if let Some(entry) = self.slots.get_mut(slot) {
            *entry = Some(Cached {
                pack,
                offset,
                kind,
                object: Rc::clone(object),
            });
        }
    }

    fn take(&mut self, slot: usize) {
        if let Some(old) = self.slots.get_mut(slot).and_then(Option::take) {
            self.bytes -= old.object.len();
        }
    }
}

#[cfg(test)]
#[path = "damaged_packs.rs"]
mod damaged_packs;

#[cfg(test)]
mod tests {
    use super::*;

    /// A delta: the base's size, the result's size, then `ops` (already encoded).
    fn delta(base: usize, result: usize, ops: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        for mut size in [base, result] {
            loop {
                let byte = (size & 0x7f) as u8;
                size >>= 7;
                if size == 0 {
                    out.push(byte);
                    break;
                }
                out.push(byte | 0x80);
            }
        }
        out.extend_from_slice(ops);
        out
    }

    #[test]
    fn a_delta_copies_ranges_of_its_base_and_inserts_bytes() {
        let base = b"0123456789".repeat(20);
        // copy 4 bytes from offset 3, insert "ab", copy 2 bytes from offset 0x100 - 0x100 = 0
        let ops = [0x80 | 0x01 | 0x10, 3, 4, 2, b'a', b'b', 0x80 | 0x10, 2];
        let result = apply_delta(&base, &delta(base.len(), 8, &ops)).expect("applies");
        assert_eq!(result, b"3456ab01");
    }

    #[test]
    fn a_copy_of_size_zero_is_a_copy_of_64_kib() {
        let base = vec![7u8; 0x10000];
        let ops = [0x80];
        let result = apply_delta(&base, &delta(base.len(), 0x10000, &ops)).expect("applies");
        assert_eq!(result, base);
    }

    #[test]
    fn a_damaged_delta_is_unreadable_never_a_panic() {
        let base = b"hello world".to_vec();
        for (base_size, result_size, ops) in [
            (99, 5, vec![5, b'h', b'e', b'l', b'l', b'o']), // wrong base size
            (11, 6, vec![5, b'h', b'e', b'l', b'l', b'o']), // result shorter than said
            (11, 5, vec![9, b'h']),                         // insert past the end
            (11, 5, vec![0]),                               // reserved opcode
            (11, 5, vec![0x80 | 0x01 | 0x10, 200, 5]),      // copy past the base
            (11, 5, vec![0x80 | 0x0f | 0x10]),              // copy header cut short
            (11, 3, vec![5, b'h', b'e', b'l', b'l', b'o']), // result longer than said
        ] {
            assert!(apply_delta(&base, &delta(base_size, result_size, &ops)).is_err());
        }
        assert!(apply_delta(&base, &[0x80]).is_err());
        assert!(apply_delta(&base, &[0xff; 12]).is_err());
    }

    #[test]
    fn entry_headers_and_their_damage() {
        // A tree of 300 bytes: type 2, size 300 = 0b1_0010_1100.
        let entry = Entry::parse(&[0x80 | (2 << 4) | 0x0c, 0x12, 0xaa], 0).expect("parses");
        assert!(matches!(entry.base, Base::None(Kind::Tree)));
        assert_eq!((entry.size, entry.data_at), (300, 2));
        // An offset delta 130 bytes back (0x80 0x02: (0 + 1) << 7 | 2), at offset 200.
        let mut data = vec![0u8; 200];
        data.extend_from_slice(&[(6 << 4) | 5, 0x80, 0x02]);
        let entry = Entry::parse(&data, 200).expect("parses");
        assert!(matches!(entry.base, Base::Offset(70)));
        // Pointing before the pack's start, an unknown type, headers cut short.
        assert!(Entry::parse(&[(6 << 4) | 5, 0x01], 0).is_err());
        assert!(Entry::parse(&[5 << 4], 0).is_err());
        assert!(Entry::parse(&[0x80 | (1 << 4)], 0).is_err());
        assert!(Entry::parse(&[(7 << 4) | 1, 1, 2], 0).is_err());
        assert!(Entry::parse(&[], 0).is_err());
    }

    #[test]
    fn ids_compare_as_bytes() {
        let ids: [&[u8]; 4] = [&[0; 20], &[1; 20], &[0xff; 20], &[0x80; 20]];
        for a in ids {
            for b in ids {
                assert_eq!(compare_ids(a, b), a.cmp(b));
            }
        }
        let mut one = [9u8; 20];
        one[19] = 10;
        assert_eq!(compare_ids(&one, &[9u8; 20]), std::cmp::Ordering::Greater);
    }

    #[test]
    fn the_cache_stays_within_its_bytes() {
        let mut cache = BaseCache::new();
        let object = Rc::new(vec![0u8; 100_000]);
        for offset in 0..1_000u64 {
            cache.put(0, offset * 7919, Kind::Tree, &object);
            assert!(cache.bytes <= CACHE_BYTES);
        }
        assert!(cache.get(0, 999 * 7919).is_some(), "the last one is kept");
        let huge = Rc::new(vec![0u8; CACHE_LARGEST + 1]);
        cache.put(1, 5, Kind::Tree, &huge);
        assert!(cache.get(1, 5).is_none(), "too large to cache");
    }
}
