//! The garbage-collected heap: a word slice the VM was given.
//!
//! Layout: words `[0, stack_end)` are the stack region (frames and the value
//! stack, managed by the VM); words `[stack_end, len)` hold objects. An object
//! is a header word followed by its payload:
//!
//! ```text
//! header = tag (bits 0–7) | mark (bit 8) | size in words incl. header (bits 9–31)
//! ```
//!
//! Tags below [`FIRST_VALUE_TAG`] are *raw*: their payload is not scanned
//! (floats, big-int limbs, string bytes, hash indices). From
//! `FIRST_VALUE_TAG` on, every payload word is a [`Value`], so marking needs
//! no per-type layout knowledge; counts stored inside such objects are small
//! ints.
//!
//! Allocation: exact-size free lists for small blocks (2–[`MAX_SMALL`] words),
//! one first-fit list of larger free blocks, and never-used space in the
//! middle, taken by small objects from below and by large ones from above.
//! Keeping the two apart stops long-lived small objects from splitting the
//! free space that a growing list or dict needs in one piece. No allocation
//! walks the heap. Collection is precise,
//! non-moving mark-and-sweep: roots are the live part of the stack region
//! and a few VM registers; marking uses a bounded mark stack and, when it
//! overflows, rescans the heap for marked objects with unmarked children
//! (MicroPython's approach), so it never recurses and never allocates.
//! Sweeping coalesces neighbouring free blocks and rebuilds the free lists.

use crate::value::Value;

pub const TAG_FREE: u8 = 0;
pub const TAG_FLOAT: u8 = 1;
pub const TAG_BIGINT: u8 = 2;
pub const TAG_STR: u8 = 3;
pub const TAG_RAW: u8 = 4;
pub const TAG_BYTES: u8 = 5;
pub const FIRST_VALUE_TAG: u8 = 8;
pub const TAG_TUPLE: u8 = 8;
pub const TAG_LIST: u8 = 9;
pub const TAG_ARRAY: u8 = 10;
pub const TAG_DICT: u8 = 11;
pub const TAG_FUNCTION: u8 = 12;
pub const TAG_CELL: u8 = 13;
pub const TAG_BOUND: u8 = 14;
pub const TAG_RANGE: u8 = 15;
pub const TAG_RANGE_ITER: u8 = 16;
pub const TAG_SEQ_ITER: u8 = 17;
pub const TAG_EXCEPTION: u8 = 18;
pub const TAG_TRACEBACK: u8 = 19;
pub const TAG_MODULE: u8 = 20;
pub const TAG_SLICE: u8 = 21;
pub const TAG_DICT_VIEW: u8 = 22;
pub const TAG_STRBUF: u8 = 23;
pub const TAG_ENUMERATE: u8 = 24;
pub const TAG_ZIP: u8 = 25;
pub const TAG_MAP: u8 = 26;
pub const TAG_FILTER: u8 = 27;
pub const TAG_SET: u8 = 28;
pub const TAG_FROZENSET: u8 = 29;
pub const TAG_CLASS: u8 = 30;
pub const TAG_INSTANCE: u8 = 31;
pub const TAG_STATICMETHOD: u8 = 32;
pub const TAG_CLASSMETHOD: u8 = 33;
pub const TAG_PROPERTY: u8 = 34;
pub const TAG_SUPER: u8 = 35;
pub const TAG_GENERATOR: u8 = 36;
pub const TAG_BYTEARRAY: u8 = 37;
pub const TAG_PIN: u8 = 38;
pub const TAG_CALL_ITER: u8 = 39;

/// Largest block, in words, kept on an exact-size free list.
pub const MAX_SMALL: usize = 32;
const MARK: u32 = 1 << 8;
const MAX_SIZE: usize = (1 << 23) - 1;
const MARK_STACK: usize = 64;
/// What freed words hold when `poison` is on: an odd word, a small int if
/// read as a value, nonsense as a length or a header.
const POISON: u32 = 0xdead_beef;

pub struct Heap<'h> {
    pub words: &'h mut [u32],
    stack_end: usize,
    /// Never-used space is `[top, high)`: small objects live below it,
    /// large ones above.
    top: usize,
    high: usize,
    small: [u32; MAX_SMALL + 1],
    large: u32,
    mark_stack: [u32; MARK_STACK],
    mark_len: usize,
    mark_overflow: bool,
    /// Words taken from never-used space since the last collection, and how
    /// many may be before the next one. Collecting before the fresh space is
    /// gone keeps small objects packed low, so holes get reused and the
    /// space between the two regions stays in one piece.
    bumped: usize,
    budget: usize,
    /// Words in use by objects after the last collection plus since.
    pub live_words: usize,
    pub collections: u32,
    /// Overwrite freed blocks so a use after free shows (tests only).
    pub poison: bool,
    /// Objects freed by the last collection (`gc.collect()`'s answer).
    pub last_freed: usize,
    /// `gc.disable()` clears this: collections then run only when nothing
    /// fits, never because the budget of fresh space is spent.
    pub auto_collect: bool,
}

#[inline]
fn header(tag: u8, size: usize) -> u32 {
    tag as u32 | (size as u32) << 9
}

impl<'h> Heap<'h> {
    /// Objects occupy `[stack_end, words.len())`.
    pub fn new(words: &'h mut [u32], stack_end: usize) -> Heap<'h> {
        let high = words.len();
        let budget = ((high - stack_end) / 8).max(512);
        Heap {
            bumped: 0,
            budget,
            words,
            stack_end,
            top: stack_end,
            high,
            small: [0; MAX_SMALL + 1],
            large: 0,
            mark_stack: [0; MARK_STACK],
            mark_len: 0,
            mark_overflow: false,
            live_words: 0,
            collections: 0,
            poison: false,
            auto_collect: true,
            last_freed: 0,
        }
    }

    pub fn stack_end(&self) -> usize {
        self.stack_end
    }

    /// Words available for objects in all.
    pub fn capacity(&self) -> usize {
        self.words.len() - self.stack_end
    }

    #[inline]
    pub fn tag(&self, obj: usize) -> u8 {
        self.words[obj] as u8
    }

    /// Size in words including the header.
    #[inline]
    pub fn size(&self, obj: usize) -> usize {
        (self.words[obj] >> 9) as usize
    }

    #[inline]
    pub fn get(&self, obj: usize, i: usize) -> Value {
        Value(self.words[obj + i])
    }

    #[inline]
    pub fn set(&mut self, obj: usize, i: usize, v: Value) {
        self.words[obj + i] = v.0;
    }

    /// Allocates an object of `payload` words (plus a header), zero-filled.
    /// `None` when no block fits; the caller collects and retries.
    pub fn alloc(&mut self, tag: u8, payload: usize) -> Option<usize> {
        let size = (payload + 1).max(2);
        if size > MAX_SIZE {
            return None;
        }
        let obj = self.take(size)?;
        self.words[obj] = header(tag, size);
        // Values must start NULL and hash indices empty; string bytes are
        // written by their maker before anyone reads them, and clearing a
        // long string's block would double the cost of building it.
        if tag != TAG_STR {
            self.words[obj + 1..obj + size].fill(0);
        }
        self.live_words += size;
        Some(obj)
    }

    fn take(&mut self, size: usize) -> Option<usize> {
        if size <= MAX_SMALL {
            if self.small[size] != 0 {
                let obj = self.small[size] as usize;
                self.small[size] = self.words[obj + 1];
                return Some(obj);
            }
            if self.high - self.top >= size && self.may_bump(size) {
                let obj = self.top;
                self.top += size;
                self.bumped += size;
                return Some(obj);
            }
        } else {
            if let Some(obj) = self.take_large(size) {
                return Some(obj);
            }
            if self.high - self.top >= size && self.may_bump(size) {
                self.high -= size;
                self.bumped += size;
                return Some(self.high);
            }
            return None;
        }
        // Small, with no exact block and no fresh space: split a bigger block.
        for s in size + 2..=MAX_SMALL {
            if self.small[s] != 0 {
                let obj = self.small[s] as usize;
                self.small[s] = self.words[obj + 1];
                self.release(obj + size, s - size);
                return Some(obj);
            }
        }
        self.take_large(size)
    }

    fn may_bump(&self, size: usize) -> bool {
        !self.auto_collect || self.bumped == 0 || self.bumped + size <= self.budget
    }

    /// First fit among the large free blocks.
    fn take_large(&mut self, size: usize) -> Option<usize> {
        let mut prev: usize = 0;
        let mut cur = self.large as usize;
        while cur != 0 {
            let have = self.size(cur);
            let next = self.words[cur + 1];
            if have == size || have >= size + 2 {
                if prev == 0 {
                    self.large = next;
                } else {
                    self.words[prev + 1] = next;
                }
                if have > size {
                    self.release(cur + size, have - size);
                }
                return Some(cur);
            }
            prev = cur;
            cur = next as usize;
        }
        None
    }

    /// Puts a free block of `size` (≥ 2) words on its list.
    fn release(&mut self, at: usize, size: usize) {
        if self.poison {
            self.words[at + 2..at + size].fill(POISON);
        }
        self.words[at] = header(TAG_FREE, size);
        if size <= MAX_SMALL {
            self.words[at + 1] = self.small[size];
            self.small[size] = at as u32;
        } else {
            self.words[at + 1] = self.large;
            self.large = at as u32;
        }
    }

    /// Shrinks an object in place (e.g. a big-int result shorter than its
    /// bound), returning the tail to the free lists when it can hold a block.
    pub fn shrink(&mut self, obj: usize, payload: usize) {
        let size = (payload + 1).max(2);
        let old = self.size(obj);
        if old >= size + 2 {
            let tag = self.tag(obj);
            self.words[obj] = header(tag, size);
            self.release(obj + size, old - size);
            self.live_words -= old - size;
        }
    }

    #[inline]
    fn mark_value(&mut self, v: u32) {
        if v & 3 != 0 || v == 0 {
            return;
        }
        let obj = (v >> 2) as usize;
        if obj < self.stack_end || (obj >= self.top && obj < self.high) || obj >= self.words.len() {
            return;
        }
        let h = self.words[obj];
        if h & MARK != 0 {
            return;
        }
        // A value that leads to a freed block is a use after free: with
        // poisoning on (tests only), say so here rather than corrupt.
        assert!(
            !self.poison || (h as u8 != TAG_FREE && h != POISON),
            "the collector reached freed block {obj}"
        );
        self.words[obj] = h | MARK;
        if (h as u8) >= FIRST_VALUE_TAG {
            if self.mark_len < MARK_STACK {
                self.mark_stack[self.mark_len] = obj as u32;
                self.mark_len += 1;
            } else {
                self.mark_overflow = true;
            }
        }
    }

    fn drain(&mut self) {
        while self.mark_len > 0 {
            self.mark_len -= 1;
            let obj = self.mark_stack[self.mark_len] as usize;
            let size = self.size(obj);
            for i in 1..size {
                let v = self.words[obj + i];
                self.mark_value(v);
            }
        }
    }

    /// Marks everything reachable from the live stack words `[0, stack_top)`
    /// and `roots`, then sweeps.
    pub fn collect(&mut self, stack_top: usize, roots: &[Value]) {
        self.collections += 1;
        self.bumped = 0;
        self.mark_overflow = false;
        for i in 0..stack_top.min(self.stack_end) {
            let v = self.words[i];
            self.mark_value(v);
            self.drain();
        }
        for r in roots {
            self.mark_value(r.0);
            self.drain();
        }
        while self.mark_overflow {
            self.mark_overflow = false;
            for (from, to) in [(self.stack_end, self.top), (self.high, self.words.len())] {
                let mut at = from;
                while at < to {
                    let h = self.words[at];
                    let size = (h >> 9) as usize;
                    if h & MARK != 0 && (h as u8) >= FIRST_VALUE_TAG {
                        for i in 1..size {
                            let v = self.words[at + i];
                            self.mark_value(v);
                        }
                        self.drain();
                    }
                    at += size.max(1);
                }
            }
        }
        self.sweep();
    }

    fn sweep(&mut self) {
        self.small = [0; MAX_SMALL + 1];
        self.large = 0;
        self.live_words = 0;
        self.last_freed = 0;
        // The small region: a free tail goes back to fresh space.
        if let Some(start) = self.sweep_range(self.stack_end, self.top) {
            if self.poison {
                self.words[start..self.top].fill(POISON);
            }
            self.top = start;
        }
        // The large region: a free head goes back to fresh space.
        let (from, to) = (self.high, self.words.len());
        let head = self.free_head(from, to);
        if let Some(end) = head {
            if self.poison {
                self.words[from..end].fill(POISON);
            }
            self.high = end;
        }
        let from = self.high;
        if let Some(start) = self.sweep_range(from, to) {
            // A free tail at the very end of the heap stays a free block.
            let n = to - start;
            if n >= 2 {
                self.release(start, n);
            }
        }
    }

    /// End of the run of unmarked objects at the start of `[from, to)`.
    fn free_head(&mut self, from: usize, to: usize) -> Option<usize> {
        let mut at = from;
        while at < to {
            let h = self.words[at];
            if h & MARK != 0 {
                break;
            }
            at += ((h >> 9) as usize).max(1);
        }
        if at > from { Some(at) } else { None }
    }

    /// Unmarks live objects and frees dead runs in `[from, to)`; returns
    /// the start of a free run that reaches `to`, without releasing it.
    fn sweep_range(&mut self, from: usize, to: usize) -> Option<usize> {
        let mut at = from;
        let mut run_start = 0usize;
        let mut run_len = 0usize;
        while at < to {
            let h = self.words[at];
            let size = ((h >> 9) as usize).max(1);
            if h & MARK != 0 {
                self.words[at] = h & !MARK;
                self.live_words += size;
                if run_len > 0 {
                    self.release(run_start, run_len);
                    run_len = 0;
                }
            } else {
                if h as u8 != TAG_FREE {
                    self.last_freed += 1;
                }
                if run_len == 0 {
                    run_start = at;
                }
                run_len += size;
            }
            at += size;
        }
        if run_len > 0 { Some(run_start) } else { None }
    }

    /// (never-used words, words on free lists, largest free block) for
    /// diagnostics and `gc.mem_free`.
    pub fn free_stats(&self) -> (usize, usize, usize) {
        let fresh = self.high - self.top;
        let mut listed = 0;
        let mut largest = 0;
        for s in 2..=MAX_SMALL {
            let mut cur = self.small[s] as usize;
            while cur != 0 {
                listed += s;
                largest = largest.max(s);
                cur = self.words[cur + 1] as usize;
            }
        }
        let mut cur = self.large as usize;
        while cur != 0 {
            let n = self.size(cur);
            listed += n;
            largest = largest.max(n);
            cur = self.words[cur + 1] as usize;
        }
        (fresh, listed, largest)
    }

    /// Mutable views of two disjoint word ranges (two different objects),
    /// in the order asked, whichever lies first in the heap.
    pub fn two_mut(
        &mut self,
        a: core::ops::Range<usize>,
        b: core::ops::Range<usize>,
    ) -> (&mut [u32], &mut [u32]) {
        if a.start < b.start {
            let (lo, hi) = self.words.split_at_mut(b.start);
            (&mut lo[a], &mut hi[..b.end - b.start])
        } else {
            let (lo, hi) = self.words.split_at_mut(a.start);
            let bb = &mut lo[b];
            (&mut hi[..a.end - a.start], bb)
        }
    }

    /// Words in use by objects now (an upper bound between collections).
    pub fn used_words(&self) -> usize {
        self.live_words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreachable_objects_are_reclaimed_and_reachable_ones_kept() {
        let mut mem = [0u32; 256];
        let mut heap = Heap::new(&mut mem, 8);
        let a = heap.alloc(TAG_TUPLE, 3).unwrap();
        let b = heap.alloc(TAG_FLOAT, 2).unwrap();
        let c = heap.alloc(TAG_TUPLE, 1).unwrap();
        heap.set(a, 1, Value::obj(b));
        heap.words[0] = Value::obj(a).0; // the only root, on the stack
        heap.collect(1, &[]);
        assert_eq!(heap.tag(a), TAG_TUPLE);
        assert_eq!(heap.tag(b), TAG_FLOAT);
        // c was the last block: it returned to never-used space and is reused first.
        let d = heap.alloc(TAG_TUPLE, 1).unwrap();
        assert_eq!(d, c);
    }

    #[test]
    fn collection_is_asked_for_once_the_budget_of_fresh_space_is_spent() {
        let mut mem = [0u32; 1 << 14];
        let mut heap = Heap::new(&mut mem, 1);
        let mut n = 0;
        while heap.alloc(TAG_RAW, 3).is_some() {
            n += 1;
        }
        assert!(
            n * 4 <= heap.budget && n * 4 + 4 > heap.budget,
            "stops at the budget, long before the heap is full"
        );
        heap.collect(0, &[]);
        assert!(heap.alloc(TAG_RAW, 3).is_some());
    }

    #[test]
    fn a_full_heap_says_so_and_recovers_after_collection() {
        let mut mem = [0u32; 128];
        let mut heap = Heap::new(&mut mem, 0);
        let mut n = 0;
        while heap.alloc(TAG_RAW, 3).is_some() {
            n += 1;
        }
        assert_eq!(n, 32);
        heap.collect(0, &[]);
        assert_eq!(heap.used_words(), 0);
        assert!(heap.alloc(TAG_RAW, 100).is_some());
    }

    #[test]
    fn deep_chains_mark_despite_the_bounded_mark_stack() {
        let mut mem = [0u32; 4096];
        let mut heap = Heap::new(&mut mem, 4);
        heap.budget = usize::MAX;
        // A wide tuple of 500 cells: more children than the mark stack holds.
        let wide = heap.alloc(TAG_TUPLE, 500).unwrap();
        for i in 0..500 {
            let c = heap.alloc(TAG_CELL, 1).unwrap();
            heap.set(wide, 1 + i, Value::obj(c));
            let f = heap.alloc(TAG_FLOAT, 2).unwrap();
            heap.set(c, 1, Value::obj(f));
        }
        let garbage = heap.alloc(TAG_RAW, 10).unwrap();
        let after = heap.alloc(TAG_RAW, 2).unwrap();
        heap.collect(0, &[Value::obj(wide), Value::obj(after)]);
        for i in 0..500 {
            let c = heap.get(wide, 1 + i).index();
            assert_eq!(heap.tag(c), TAG_CELL);
            assert_eq!(heap.tag(heap.get(c, 1).index()), TAG_FLOAT);
        }
        assert_eq!(heap.tag(garbage), TAG_FREE);
    }

    #[test]
    fn large_blocks_come_from_the_top_and_are_split_and_reused() {
        let mut mem = [0u32; 1024];
        let mut heap = Heap::new(&mut mem, 1);
        heap.budget = usize::MAX;
        let small = heap.alloc(TAG_RAW, 3).unwrap();
        let big = heap.alloc(TAG_RAW, 200).unwrap();
        assert_eq!(small, 1);
        assert_eq!(big, 1024 - 201);
        let keep = heap.alloc(TAG_RAW, 100).unwrap();
        let dead = heap.alloc(TAG_RAW, 300).unwrap();
        assert!(dead < keep && keep < big);
        // Fill the rest with small objects, then free all but `keep`.
        while heap.alloc(TAG_RAW, 5).is_some() {}
        heap.collect(0, &[Value::obj(keep)]);
        // The dead block above `keep` is a free block; below it is fresh space.
        heap.budget = 0;
        let x = heap.alloc(TAG_RAW, 150).unwrap();
        assert!(x > keep, "reuses the freed block above the live one");
        let y = heap.alloc(TAG_RAW, 40).unwrap();
        assert!(y > keep && y != x, "splits the rest of it");
        assert!(
            heap.alloc(TAG_RAW, 500).is_some(),
            "fresh space below is one piece"
        );
    }
}
