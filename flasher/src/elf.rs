//! Reading the firmware ELF ourselves (with goblin) rather than through
//! probe-rs's loader, so that a flash can be restricted to an address range
//! (`--image-only`) and the plan is computed from exactly the bytes written.

use std::ops::Range;

use goblin::container::Ctx;
use goblin::elf::program_header::{PT_LOAD, ProgramHeader};
use goblin::elf::{Elf, header::Header};

use crate::FlashError;

/// Bytes the ELF loads at a physical address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Segment<'a> {
    pub addr: u64,
    pub data: &'a [u8],
}

impl Segment<'_> {
    pub fn end(&self) -> u64 {
        // `loadable` checked that this does not overflow.
        self.addr + self.data.len() as u64
    }
}

/// The loadable bytes of `elf`: every `PT_LOAD` program header with file
/// bytes, placed at its `p_paddr` (where they live in flash), clipped to
/// `only`, sorted by address. Segments outside `only` are dropped.
pub(crate) fn loadable<'a>(
    elf: &'a [u8],
    only: Option<&Range<u64>>,
) -> Result<Vec<Segment<'a>>, FlashError> {
    let bad = |why: String| FlashError::BadElf(why);
    // Only the file header and program headers are parsed: section and
    // symbol tables do not matter for flashing, and a damaged one should
    // not stop it.
    let header = Elf::parse_header(elf).map_err(|e| bad(e.to_string()))?;
    let container = header.container().map_err(|e| bad(e.to_string()))?;
    let endian = header.endianness().map_err(|e| bad(e.to_string()))?;
    let phoff = usize::try_from(header.e_phoff).map_err(|_| {
        bad(format!(
            "program header offset {:#x} is too large",
            header.e_phoff
        ))
    })?;
    let phdrs = parse_phdrs(elf, &header, phoff, Ctx::new(container, endian))?;

    let mut segments = Vec::new();
    for ph in phdrs
        .iter()
        .filter(|ph| ph.p_type == PT_LOAD && ph.p_filesz > 0)
    {
        let file = ph.p_offset.checked_add(ph.p_filesz).and_then(|end| {
            let start = usize::try_from(ph.p_offset).ok()?;
            let end = usize::try_from(end).ok()?;
            elf.get(start..end)
        });
        let Some(data) = file else {
            return Err(bad(format!(
                "the segment for {:#010x} ({} bytes at file offset {:#x}) runs past the end of the file ({} bytes)",
                ph.p_paddr,
                ph.p_filesz,
                ph.p_offset,
                elf.len()
            )));
        };
        if ph.p_paddr.checked_add(ph.p_filesz).is_none() {
            return Err(bad(format!(
                "the segment at {:#x} ({} bytes) wraps around the address space",
                ph.p_paddr, ph.p_filesz
            )));
        }
        let seg = Segment {
            addr: ph.p_paddr,
            data,
        };
        if let Some(seg) = clip(seg, only) {
            segments.push(seg);
        }
    }
    segments.sort_by_key(|s| s.addr);
    for pair in segments.windows(2) {
        if pair[0].end() > pair[1].addr {
            return Err(bad(format!(
                "two loadable segments overlap at {:#010x}..{:#010x}",
                pair[1].addr,
                pair[0].end().min(pair[1].end())
            )));
        }
    }
    if segments.is_empty() {
        return Err(bad(match only {
            Some(r) => format!(
                "it loads no bytes inside {:#010x}..{:#010x}",
                r.start, r.end
            ),
            None => "it has no loadable segments".to_owned(),
        }));
    }
    Ok(segments)
}

fn parse_phdrs(
    elf: &[u8],
    header: &Header,
    phoff: usize,
    ctx: Ctx,
) -> Result<Vec<ProgramHeader>, FlashError> {
    if header.e_phnum == 0 {
        return Ok(Vec::new());
    }
    if usize::from(header.e_phentsize) != ProgramHeader::size(ctx) {
        return Err(FlashError::BadElf(format!(
            "program headers are {} bytes each, expected {}",
            header.e_phentsize,
            ProgramHeader::size(ctx)
        )));
    }
    let table = elf.get(phoff..).unwrap_or_default();
    ProgramHeader::parse(table, 0, usize::from(header.e_phnum), ctx)
        .map_err(|e| FlashError::BadElf(format!("cannot read the program headers: {e}")))
}

/// The part of `seg` inside `only` (all of it without a range).
fn clip<'a>(seg: Segment<'a>, only: Option<&Range<u64>>) -> Option<Segment<'a>> {
    let Some(only) = only else {
        return Some(seg);
    };
    let start = seg.addr.max(only.start);
    let end = seg.end().min(only.end);
    if start >= end {
        return None;
    }
    let from = usize::try_from(start - seg.addr).ok()?;
    let to = usize::try_from(end - seg.addr).ok()?;
    Some(Segment {
        addr: start,
        data: seg.data.get(from..to)?,
    })
}

/// Where the ELF puts the RTT control block (`_SEGGER_RTT`), if it says.
pub(crate) fn rtt_symbol(elf: &[u8]) -> Option<u64> {
    let elf = Elf::parse(elf).ok()?;
    elf.syms
        .iter()
        .find(|sym| sym.st_shndx != 0 && elf.strtab.get_at(sym.st_name) == Some("_SEGGER_RTT"))
        .map(|sym| sym.st_value)
}
