//! Interned names ("qstrs", after MicroPython).
//!
//! Every name the compiler sees (globals, attributes, methods, keyword
//! arguments) and every string constant becomes a small integer id. Ids below
//! [`STATIC_COUNT`] are the static names listed here, known to both the
//! compiler and the runtime, so the runtime can match `x.append` by comparing
//! `name == qstr::APPEND`. Ids from `STATIC_COUNT` on index the image's own
//! string table, in the order the image lists them.
//!
//! Hashes are full 32-bit FNV-1a over the UTF-8 bytes; the runtime uses the
//! same function for strings it builds, so a name and an equal runtime string
//! hash alike.

/// FNV-1a, 32 bits, over `bytes`. The one string hash of the project.
pub const fn str_hash(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h
}

macro_rules! static_qstrs {
    ($($id:ident = $s:literal,)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u16)]
        enum Index { $($id,)* Count }
        $(
            #[doc = concat!("`", $s, "`")]
            pub const $id: u16 = Index::$id as u16;
        )*
        /// How many static names there are; image names start at this id.
        pub const STATIC_COUNT: u16 = Index::Count as u16;
        /// The static names' text, one after another; [`static_qstr`]
        /// cuts one out. Two bytes of [`ENDS`] per name instead of an
        /// eight-byte `&str` each, and no table of hashes (they are
        /// computed when asked for): both matter on a small board's flash.
        static TEXT: &str = concat!($($s,)*);
        /// Where each name's text ends in [`TEXT`].
        static ENDS: [u16; STATIC_COUNT as usize] = {
            let lens = [$($s.len(),)*];
            let mut ends = [0u16; STATIC_COUNT as usize];
            let (mut i, mut at) = (0, 0);
            while i < lens.len() {
                at += lens[i];
                ends[i] = at as u16;
                i += 1;
            }
            ends
        };
    };
}

include!("qstr_table_macro.rs");

/// The text of static name `id` (empty for an id past the table).
pub fn static_qstr(id: u16) -> &'static str {
    let i = id as usize;
    let start = match i {
        0 => 0,
        _ => ENDS.get(i - 1).copied().unwrap_or(0),
    };
    let end = ENDS.get(i).copied().unwrap_or(0);
    TEXT.get(start as usize..end as usize).unwrap_or("")
}

/// The id of a static name, if `s` is one.
pub fn lookup_static(s: &str) -> Option<u16> {
    (0..STATIC_COUNT).find(|&id| static_qstr(id) == s)
}
