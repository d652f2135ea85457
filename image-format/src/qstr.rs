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
        /// The static names' text, indexed by id.
        pub static STATIC_QSTRS: [&str; STATIC_COUNT as usize] = [$($s,)*];
        /// The static names' hashes, indexed by id.
        pub static STATIC_HASHES: [u32; STATIC_COUNT as usize] = [$(str_hash($s.as_bytes()),)*];
    };
}

include!("qstr_table_macro.rs");

/// The id of a static name, if `s` is one.
pub fn lookup_static(s: &str) -> Option<u16> {
    STATIC_QSTRS.iter().position(|q| *q == s).map(|i| i as u16)
}
