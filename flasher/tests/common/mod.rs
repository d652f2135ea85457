//! Test helpers: hand-assembled ELF files.
//!
//! goblin cannot write ELF and `object`'s writer makes relocatable objects
//! without program headers, so the executables here are assembled by hand:
//! a little-endian ELF32 ARM header, one program header per segment, then
//! the segments' bytes.

#![allow(dead_code)]

/// One program header: type, physical (load) and virtual address, bytes in
/// the file, and size in memory (at least the file bytes).
#[derive(Clone, Debug)]
pub struct Seg {
    pub p_type: u32,
    pub paddr: u32,
    pub vaddr: u32,
    pub data: Vec<u8>,
    pub memsz: u32,
}

pub const PT_LOAD: u32 = 1;
pub const PT_NOTE: u32 = 4;

/// A loadable segment of `len` bytes (a recognisable pattern) at `addr`.
pub fn load(addr: u32, len: usize) -> Seg {
    let data: Vec<u8> = (0..len)
        .map(|i| (i as u8).wrapping_mul(7).wrapping_add(1))
        .collect();
    Seg {
        p_type: PT_LOAD,
        paddr: addr,
        vaddr: addr,
        memsz: len as u32,
        data,
    }
}

/// A segment that only takes memory (`.bss`): no file bytes.
pub fn bss(addr: u32, len: u32) -> Seg {
    Seg {
        p_type: PT_LOAD,
        paddr: addr,
        vaddr: addr,
        data: Vec::new(),
        memsz: len,
    }
}

/// An executable ELF32 (little-endian, ARM) with these program headers.
pub fn elf32(segs: &[Seg]) -> Vec<u8> {
    const EHSIZE: u32 = 52;
    const PHENTSIZE: u32 = 32;
    let mut out = Vec::new();
    out.extend_from_slice(&[0x7f, b'E', b'L', b'F', 1, 1, 1, 0]);
    out.extend_from_slice(&[0; 8]);
    let half = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_le_bytes());
    let word = |out: &mut Vec<u8>, v: u32| out.extend_from_slice(&v.to_le_bytes());
    half(&mut out, 2); // ET_EXEC
    half(&mut out, 40); // EM_ARM
    word(&mut out, 1); // EV_CURRENT
    word(&mut out, segs.first().map_or(0, |s| s.vaddr)); // e_entry
    word(&mut out, EHSIZE); // e_phoff
    word(&mut out, 0); // e_shoff
    word(&mut out, 0x0500_0200); // e_flags: EABI5, soft float
    half(&mut out, EHSIZE as u16);
    half(&mut out, PHENTSIZE as u16);
    half(&mut out, segs.len() as u16);
    half(&mut out, 40); // e_shentsize
    half(&mut out, 0); // e_shnum
    half(&mut out, 0); // e_shstrndx
    assert_eq!(out.len(), EHSIZE as usize);

    let mut offset = EHSIZE + PHENTSIZE * segs.len() as u32;
    for s in segs {
        word(&mut out, s.p_type);
        word(&mut out, offset);
        word(&mut out, s.vaddr);
        word(&mut out, s.paddr);
        word(&mut out, s.data.len() as u32);
        word(&mut out, s.memsz.max(s.data.len() as u32));
        word(&mut out, 5); // R + X
        word(&mut out, 4);
        offset += s.data.len() as u32;
    }
    for s in segs {
        out.extend_from_slice(&s.data);
    }
    out
}
