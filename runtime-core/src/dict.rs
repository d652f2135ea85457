//! Dicts: insertion-ordered, compact (an entries array plus an index).
//!
//! The entries ARRAY holds (key, value) pairs in insertion order; a deleted
//! entry's key is [`Value::DELETED`]. The index is one RAW object: a
//! power-of-two table of slots (entry number + 1, 0 = empty) probed
//! linearly, followed by the full 32-bit hash of every entry. A probe
//! compares the stored hash before it touches a key, so a lookup costs one
//! key comparison in the common case however many keys share their low
//! bits (MicroPython keeps 16 bits and degrades past ~60k keys), and a
//! resize re-indexes without hashing anything again. Cost: 3 words per slot
//! at most (1 slot word, and 2 entry words + 1 hash word per 2/3 slot).

use crate::heap::*;
use crate::value::Value;
use crate::{Host, Raised, Vm};

const MIN_SLOTS: usize = 8;

impl<'a, H: Host> Vm<'a, H> {
    pub(crate) fn new_dict(&mut self, entries: usize) -> Result<Value, Raised> {
        let o = self.alloc(TAG_DICT, 4)?;
        self.heap.set(o, 1, Value::int(0));
        self.heap.set(o, 2, Value::int(0));
        let d = Value::obj(o);
        if entries > 0 {
            self.push(d)?;
            let r = self.dict_resize(d, entries);
            self.pop();
            r?;
        }
        Ok(d)
    }

    pub(crate) fn dict_len(&self, d: Value) -> usize {
        self.int_field(d, 1)
    }

    fn dict_used(&self, d: Value) -> usize {
        self.int_field(d, 2)
    }

    fn dict_slots(&self, d: Value) -> usize {
        // The index holds `slots + slots * 2 / 3` words; recover `slots`.
        let cap = self.dict_entry_capacity(d);
        if cap == 0 {
            0
        } else {
            (cap * 3 / 2).next_power_of_two()
        }
    }

    fn dict_entry_capacity(&self, d: Value) -> usize {
        let e = self.field(d, 3);
        if e.is_null() {
            0
        } else {
            (self.heap.size(e.index()) - 1) / 2
        }
    }

    /// The key and value of entry `i` (keys of deleted entries are DELETED).
    pub(crate) fn dict_entry(&self, d: Value, i: usize) -> (Value, Value) {
        let e = self.field(d, 3).index();
        (self.heap.get(e, 1 + 2 * i), self.heap.get(e, 2 + 2 * i))
    }

    /// Number of entry slots in use, deleted included (iteration bound).
    pub(crate) fn dict_entry_count(&self, d: Value) -> usize {
        self.dict_used(d)
    }

    /// Rebuilds entries and index to hold at least `want` live entries.
    /// The dict must be rooted.
    fn dict_resize(&mut self, d: Value, want: usize) -> Result<(), Raised> {
        let mut slots = MIN_SLOTS;
        while slots * 2 / 3 < want {
            slots *= 2;
        }
        let cap = slots * 2 / 3;
        let entries = self.alloc(TAG_ARRAY, 2 * cap)?;
        self.push(Value::obj(entries))?;
        let index = self.alloc(TAG_RAW, slots + cap);
        self.pop();
        let index = index?;
        // Copy live entries in order with their hashes, then index them.
        let used = self.dict_used(d);
        let old = self.field(d, 3);
        let old_index = self.field(d, 4);
        let old_slots = self.dict_slots(d);
        let mask = slots - 1;
        let mut n = 0;
        for i in 0..used {
            if old.is_null() {
                break;
            }
            let (k, v) = self.dict_entry(d, i);
            if k == Value::DELETED {
                continue;
            }
            let h = self.heap.words[old_index.index() + 1 + old_slots + i];
            self.heap.set(entries, 1 + 2 * n, k);
            self.heap.set(entries, 2 + 2 * n, v);
            self.heap.words[index + 1 + slots + n] = h;
            let mut s = h as usize & mask;
            while self.heap.words[index + 1 + s] != 0 {
                s = (s + 1) & mask;
            }
            self.heap.words[index + 1 + s] = n as u32 + 1;
            n += 1;
        }
        self.set_field(d, 3, Value::obj(entries));
        self.set_field(d, 4, Value::obj(index));
        self.set_field(d, 1, Value::int(n as i32));
        self.set_field(d, 2, Value::int(n as i32));
        Ok(())
    }

    /// Finds `key`: Ok(Some((slot, entry))) or Ok(None) with the empty slot
    /// where it would go.
    fn dict_find(
        &mut self,
        d: Value,
        key: Value,
        h: u32,
    ) -> Result<Result<(usize, usize), usize>, Raised> {
        let slots = self.dict_slots(d);
        if slots == 0 {
            return Ok(Err(0));
        }
        let index = self.field(d, 4).index();
        let mask = slots - 1;
        let mut s = h as usize & mask;
        loop {
            let e = self.heap.words[index + 1 + s];
            if e == 0 {
                return Ok(Err(s));
            }
            if self.heap.words[index + 1 + slots + e as usize - 1] == h {
                let entry = e as usize - 1;
                let (k, _) = self.dict_entry(d, entry);
                if k == key || (k != Value::DELETED && self.keys_equal(k, key)?) {
                    return Ok(Ok((s, entry)));
                }
            }
            s = (s + 1) & mask;
        }
    }

    /// Key equality with a fast path for identical and str keys.
    fn keys_equal(&mut self, a: Value, b: Value) -> Result<bool, Raised> {
        if self.is_str(a) && self.is_str(b) {
            return Ok(self.str_bytes(a) == self.str_bytes(b));
        }
        self.eq(a, b)
    }

    pub(crate) fn dict_get(&mut self, d: Value, key: Value) -> Result<Option<Value>, Raised> {
        let h = self.hash(key)?;
        Ok(match self.dict_find(d, key, h)? {
            Ok((_, e)) => Some(self.dict_entry(d, e).1),
            Err(_) => None,
        })
    }

    /// Sets `d[key] = value`. `d` must be rooted; `key` and `value` may be
    /// fresh objects nobody else holds, so they are rooted here while the
    /// comparison and the table's growth may allocate.
    pub(crate) fn dict_set(&mut self, d: Value, key: Value, value: Value) -> Result<(), Raised> {
        let base = self.sp;
        self.push(key)?;
        self.push(value)?;
        let r = self.dict_set_rooted(d, key, value);
        self.sp = base;
        r
    }

    fn dict_set_rooted(&mut self, d: Value, key: Value, value: Value) -> Result<(), Raised> {
        let h = self.hash(key)?;
        if let Ok((_, e)) = self.dict_find(d, key, h)? {
            let entries = self.field(d, 3).index();
            self.heap.set(entries, 2 + 2 * e, value);
            return Ok(());
        }
        let used = self.dict_used(d);
        if used >= self.dict_entry_capacity(d) {
            // Double when full of live entries; only compact when deletions
            // left enough room.
            let live = self.dict_len(d);
            let want = if live + 1 > self.dict_entry_capacity(d) / 2 {
                (2 * live).max(live + 1)
            } else {
                live + 1
            };
            self.dict_resize(d, want)?;
        }
        // The key is absent: its place is the first empty slot of its probe.
        let used = self.dict_used(d);
        let entries = self.field(d, 3).index();
        let index = self.field(d, 4).index();
        let slots = self.dict_slots(d);
        let mask = slots - 1;
        let mut slot = h as usize & mask;
        while self.heap.words[index + 1 + slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.heap.set(entries, 1 + 2 * used, key);
        self.heap.set(entries, 2 + 2 * used, value);
        self.heap.words[index + 1 + slot] = used as u32 + 1;
        self.heap.words[index + 1 + slots + used] = h;
        self.set_field(d, 2, Value::int(used as i32 + 1));
        let len = self.dict_len(d);
        self.set_field(d, 1, Value::int(len as i32 + 1));
        Ok(())
    }

    /// Removes `key`, returning its value.
    pub(crate) fn dict_remove(&mut self, d: Value, key: Value) -> Result<Option<Value>, Raised> {
        let h = self.hash(key)?;
        match self.dict_find(d, key, h)? {
            Ok((_, e)) => {
                let entries = self.field(d, 3).index();
                let v = self.heap.get(entries, 2 + 2 * e);
                // The slot keeps pointing at the deleted entry: it is the
                // tombstone that keeps later probes going.
                self.heap.set(entries, 1 + 2 * e, Value::DELETED);
                self.heap.set(entries, 2 + 2 * e, Value::NULL);
                let len = self.dict_len(d);
                self.set_field(d, 1, Value::int(len as i32 - 1));
                Ok(Some(v))
            }
            Err(_) => Ok(None),
        }
    }

    pub(crate) fn dict_clear(&mut self, d: Value) {
        self.set_field(d, 1, Value::int(0));
        self.set_field(d, 2, Value::int(0));
        self.set_field(d, 3, Value::NULL);
        self.set_field(d, 4, Value::NULL);
    }
}
