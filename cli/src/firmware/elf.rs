//! Reading a runtime ELF (with goblin) and writing the linked firmware ELF
//! (with object's low-level ELF writer).
//!
//! The linked ELF is the runtime with one more loadable segment: its
//! program headers, allocated sections and symbol table are copied, debug
//! sections are dropped (they are for debugging the runtime, which a
//! developer does with the runtime's own ELF), and `.mpc_image` holds the
//! image at `__mpc_image_start`. Every loader we care about (QEMU's
//! `-kernel`, probe-rs, gdb's `load`) places bytes by `PT_LOAD` segments,
//! and probe-rs and gdb find `_SEGGER_RTT` and friends through `.symtab`.

use super::{Segment, coalesce};
use goblin::elf::Elf;
use goblin::elf::program_header::PT_LOAD;
use goblin::elf::section_header::{
    SHF_ALLOC, SHF_INFO_LINK, SHN_LORESERVE, SHN_XINDEX, SHT_NOBITS,
};
use goblin::elf::sym::STB_LOCAL;
use object::elf as abi;
use object::write::StringId;
use object::write::elf as out;
use std::fmt;

const IMAGE_START: &str = "__mpc_image_start";
const IMAGE_END: &str = "__mpc_image_end";
const BOARD: &str = "MPC_BOARD";

/// The name of the section that holds the image in the linked ELF.
const IMAGE_SECTION: &[u8] = b".mpc_image";

/// Flash erase sectors are 4 KiB on the boards we target. A region starting
/// mid-sector could not be re-flashed on its own (`--image-only`) without
/// erasing runtime bytes that share its first sector.
const IMAGE_ALIGN: u32 = 4096;

const ELFCLASS32: u8 = 1;
const ELFDATA2LSB: u8 = 1;
const ET_EXEC: u16 = 2;
const EM_ARM: u16 = 40;
/// `.ARM.attributes` is not allocated, but objdump and gdb read it to learn
/// the core's architecture, so the linked ELF keeps it.
const SHT_ARM_ATTRIBUTES: u32 = 0x7000_0003;

/// A program header's alignment is honoured in the file (offset congruent to
/// the address) up to one page. Beyond that the padding would only bloat the
/// file (a hostile runtime with thousands of 64 KiB-aligned segments could
/// ask for gigabytes), and no bare-metal loader checks congruence.
const MAX_FILE_ALIGN: u32 = 0x1000;

/// Why a runtime ELF could not be read or linked.
#[derive(Debug)]
pub enum FirmwareError {
    /// The bytes do not start with the ELF magic `\x7fELF`.
    NotElf,
    /// An ELF, but not a 32-bit little-endian ARM executable.
    NotArmExecutable {
        /// `e_ident[EI_CLASS]`: 1 for 32-bit, 2 for 64-bit.
        class: u8,
        /// `e_ident[EI_DATA]`: 1 for little-endian, 2 for big-endian.
        data: u8,
        /// `e_type`, e.g. 1 for a relocatable object, 2 for an executable.
        kind: u16,
        /// `e_machine`, e.g. 40 for ARM.
        machine: u16,
    },
    /// goblin refused the ELF's headers or tables.
    Parse(goblin::error::Error),
    /// A header or table points outside the file or past the 32-bit address
    /// space; the string says which.
    Malformed(String),
    /// A symbol of the runtime contract is missing from `.symtab`.
    MissingSymbol(&'static str),
    /// `__mpc_image_start`..`__mpc_image_end` is empty or not 4 KiB aligned.
    BadImageRegion {
        /// The value of `__mpc_image_start`.
        start: u32,
        /// The value of `__mpc_image_end`.
        end: u32,
    },
    /// `MPC_BOARD` does not hold a usable board name; the string says why.
    BadBoardName(String),
    /// Two loadable segments place bytes at the same load address.
    SegmentsOverlap {
        /// The first address written twice.
        addr: u32,
    },
    /// The runtime has loadable bytes inside its own image region.
    SegmentOverlapsImage {
        /// The start of the runtime's (merged) loadable run.
        addr: u32,
        /// One past its end.
        end: u64,
        /// The image region, from the runtime's symbols.
        image_start: u32,
        /// One past the image region.
        image_end: u32,
    },
    /// The image does not fit the region the runtime reserves for it.
    ImageTooLarge {
        /// The image's size in bytes.
        image: usize,
        /// The region's size in bytes.
        capacity: u32,
    },
    /// object's ELF writer refused the output (it is larger than 4 GiB).
    Write(object::write::Error),
}

impl fmt::Display for FirmwareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FirmwareError::NotElf => write!(f, "not an ELF file (it does not start with \\x7fELF)"),
            FirmwareError::NotArmExecutable {
                class,
                data,
                kind,
                machine,
            } => write!(
                f,
                "expected a 32-bit little-endian ARM executable, found {} {} {} {}",
                class_name(*class),
                data_name(*data),
                machine_name(*machine),
                kind_name(*kind)
            ),
            FirmwareError::Parse(source) => write!(f, "cannot parse the ELF: {source}"),
            FirmwareError::Malformed(what) => write!(f, "malformed ELF: {what}"),
            FirmwareError::MissingSymbol(name) => write!(
                f,
                "the runtime has no `{name}` symbol; was it built from an mpc board crate under targets/?"
            ),
            FirmwareError::BadImageRegion { start, end } if end <= start => write!(
                f,
                "the runtime's image region 0x{start:08X}..0x{end:08X} is empty"
            ),
            FirmwareError::BadImageRegion { start, end } => write!(
                f,
                "the runtime's image region 0x{start:08X}..0x{end:08X} does not start on a 4 KiB flash sector boundary"
            ),
            FirmwareError::BadBoardName(why) => write!(f, "the runtime's `{BOARD}` {why}"),
            FirmwareError::SegmentsOverlap { addr } => {
                write!(f, "two loadable segments both place bytes at 0x{addr:08X}")
            }
            FirmwareError::SegmentOverlapsImage {
                addr,
                end,
                image_start,
                image_end,
            } => write!(
                f,
                "the runtime's loadable bytes at 0x{addr:08X}..0x{end:08X} overlap its image region 0x{image_start:08X}..0x{image_end:08X}"
            ),
            FirmwareError::ImageTooLarge { image, capacity } => write!(
                f,
                "image is {image} bytes but the board's image region holds {capacity} bytes"
            ),
            FirmwareError::Write(source) => write!(f, "cannot write the linked ELF: {source}"),
        }
    }
}

impl std::error::Error for FirmwareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FirmwareError::Parse(source) => Some(source),
            FirmwareError::Write(source) => Some(source),
            _ => None,
        }
    }
}

fn class_name(class: u8) -> String {
    match class {
        1 => "a 32-bit".into(),
        2 => "a 64-bit".into(),
        other => format!("an ELF class {other}"),
    }
}

fn data_name(data: u8) -> String {
    match data {
        1 => "little-endian".into(),
        2 => "big-endian".into(),
        other => format!("data-encoding-{other}"),
    }
}

fn machine_name(machine: u16) -> String {
    match machine {
        3 => "x86".into(),
        40 => "ARM".into(),
        62 => "x86-64".into(),
        183 => "AArch64".into(),
        243 => "RISC-V".into(),
        other => format!("machine-{other}"),
    }
}

fn kind_name(kind: u16) -> String {
    match kind {
        1 => "relocatable object".into(),
        2 => "executable".into(),
        3 => "shared object".into(),
        4 => "core dump".into(),
        other => format!("file of type {other}"),
    }
}

/// What mpc needs to know about a board's runtime ELF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuntimeInfo {
    /// The board name from `MPC_BOARD`, e.g. `pico`.
    pub board: String,
    /// `__mpc_image_start`: where the image goes in flash (4 KiB aligned).
    pub image_start: u32,
    /// `__mpc_image_end`: one past the last byte the image may use.
    pub image_end: u32,
    /// The runtime's own loadable bytes by load address, sorted, with
    /// touching segments merged; none of them inside the image region.
    pub segments: Vec<Segment>,
    /// `e_entry` (the reset handler, with the Thumb bit set).
    pub entry: u32,
    /// `e_flags` (the ARM EABI version and float ABI).
    pub flags: u32,
}

impl RuntimeInfo {
    /// How many bytes of image the region holds.
    pub fn image_capacity(&self) -> u32 {
        self.image_end.saturating_sub(self.image_start)
    }
}

/// Reads a board's runtime ELF: its board name, image region and loadable
/// bytes.
///
/// Refuses anything but a 32-bit little-endian ARM executable, a runtime
/// without the three contract symbols, an empty or unaligned image region,
/// and a runtime whose loadable bytes reach into its image region.
pub fn read_runtime(elf: &[u8]) -> Result<RuntimeInfo, FirmwareError> {
    let parsed = parse_arm_executable(elf)?;
    runtime_info(&parsed, elf)
}

/// Links an image into a runtime: the result is the runtime's ELF with the
/// image as one more loadable segment (and section `.mpc_image`) at
/// `__mpc_image_start`.
///
/// The output keeps the runtime's `e_entry`, `e_flags`, loadable segments
/// (with `p_memsz`, so `.bss` is still zeroed by loaders that do), allocated
/// sections and `.symtab`; debug sections are dropped, and so are program
/// headers other than `PT_LOAD`, which bare-metal loaders ignore. The same
/// inputs always give the same bytes. An empty image adds no segment, only
/// an empty `.mpc_image` section.
pub fn link(runtime_elf: &[u8], image: &[u8]) -> Result<Vec<u8>, FirmwareError> {
    let parsed = parse_arm_executable(runtime_elf)?;
    let info = runtime_info(&parsed, runtime_elf)?;
    let capacity = info.image_capacity();
    if image.len() as u64 > u64::from(capacity) {
        return Err(FirmwareError::ImageTooLarge {
            image: image.len(),
            capacity,
        });
    }
    let model = linked_model(&parsed, runtime_elf, info.image_start, image)?;
    write_elf(&model)
}

/// The loadable bytes of any ELF (32- or 64-bit, any machine), by load
/// address (`p_paddr`), sorted, with touching segments merged. Segments
/// with no file bytes (`.bss`) are skipped.
///
/// This is how a linked firmware ELF becomes UF2, HEX or BIN, so those
/// formats hold exactly what a loader of the ELF would write to flash.
pub fn load_segments(elf: &[u8]) -> Result<Vec<Segment>, FirmwareError> {
    let parsed = parse(elf)?;
    loadable(&parsed, elf)
}

fn parse(bytes: &[u8]) -> Result<Elf<'_>, FirmwareError> {
    if !bytes.starts_with(b"\x7fELF") {
        return Err(FirmwareError::NotElf);
    }
    Elf::parse(bytes).map_err(FirmwareError::Parse)
}

/// Checks the identification bytes before handing the file to goblin, so
/// that an ELF for the wrong machine is named as such even when goblin
/// would fail on it for some other reason.
fn parse_arm_executable(bytes: &[u8]) -> Result<Elf<'_>, FirmwareError> {
    if !bytes.starts_with(b"\x7fELF") {
        return Err(FirmwareError::NotElf);
    }
    let Some(ident) = bytes.get(..20) else {
        return Err(FirmwareError::Malformed(format!(
            "the file is {} bytes, too short for an ELF header",
            bytes.len()
        )));
    };
    let (class, data) = (ident[4], ident[5]);
    let half = |at: usize| {
        let pair = [ident[at], ident[at + 1]];
        if data == 2 {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    };
    let (kind, machine) = (half(16), half(18));
    if class != ELFCLASS32 || data != ELFDATA2LSB || kind != ET_EXEC || machine != EM_ARM {
        return Err(FirmwareError::NotArmExecutable {
            class,
            data,
            kind,
            machine,
        });
    }
    parse(bytes)
}

fn runtime_info(elf: &Elf<'_>, bytes: &[u8]) -> Result<RuntimeInfo, FirmwareError> {
    let image_start = narrow(symbol(elf, IMAGE_START)?.st_value, IMAGE_START)?;
    let image_end = narrow(symbol(elf, IMAGE_END)?.st_value, IMAGE_END)?;
    if image_end <= image_start || image_start % IMAGE_ALIGN != 0 {
        return Err(FirmwareError::BadImageRegion {
            start: image_start,
            end: image_end,
        });
    }
    let board = board_name(elf, bytes)?;
    let segments = loadable(elf, bytes)?;
    if let Some(run) = segments.iter().find(|run| {
        u64::from(run.addr) < u64::from(image_end) && run.end() > u64::from(image_start)
    }) {
        return Err(FirmwareError::SegmentOverlapsImage {
            addr: run.addr,
            end: run.end(),
            image_start,
            image_end,
        });
    }
    Ok(RuntimeInfo {
        board,
        image_start,
        image_end,
        segments,
        entry: narrow(elf.header.e_entry, "e_entry")?,
        flags: elf.header.e_flags,
    })
}

/// A 32-bit ELF's addresses always fit; this only guards `load_segments`
/// on 64-bit files.
fn narrow(value: u64, what: &str) -> Result<u32, FirmwareError> {
    u32::try_from(value).map_err(|_| {
        FirmwareError::Malformed(format!(
            "{what} is 0x{value:X}, beyond the 32-bit address space"
        ))
    })
}

/// `len` bytes of the file at `offset`, or `None` if that is not all inside.
fn file_range(bytes: &[u8], offset: u64, len: u64) -> Option<&[u8]> {
    let start = usize::try_from(offset).ok()?;
    let end = start.checked_add(usize::try_from(len).ok()?)?;
    bytes.get(start..end)
}

/// A defined symbol of `.symtab` by name. Undefined entries are skipped:
/// they only say that some object file wanted the symbol.
fn symbol(elf: &Elf<'_>, name: &'static str) -> Result<goblin::elf::Sym, FirmwareError> {
    elf.syms
        .iter()
        .find(|sym| sym.st_shndx != 0 && elf.strtab.get_at(sym.st_name) == Some(name))
        .ok_or(FirmwareError::MissingSymbol(name))
}

/// The bytes of `MPC_BOARD`, found through the section that holds its
/// address (symbols carry addresses, not file offsets).
fn board_name(elf: &Elf<'_>, bytes: &[u8]) -> Result<String, FirmwareError> {
    let sym = symbol(elf, BOARD)?;
    if sym.st_size == 0 {
        return Err(FirmwareError::BadBoardName(
            "is empty (its st_size is 0)".into(),
        ));
    }
    let (addr, size) = (sym.st_value, sym.st_size);
    let outside = || {
        FirmwareError::BadBoardName(format!(
            "at 0x{addr:08X} ({size} bytes) is not inside a section with contents"
        ))
    };
    let end = addr.checked_add(size).ok_or_else(outside)?;
    let section = elf
        .section_headers
        .iter()
        .find(|sh| {
            sh.sh_type != SHT_NOBITS
                && sh.sh_flags & u64::from(SHF_ALLOC) != 0
                && sh.sh_addr <= addr
                && sh
                    .sh_addr
                    .checked_add(sh.sh_size)
                    .is_some_and(|sh_end| end <= sh_end)
        })
        .ok_or_else(outside)?;
    let name = section
        .sh_offset
        .checked_add(addr - section.sh_addr)
        .and_then(|offset| file_range(bytes, offset, size))
        .ok_or_else(|| {
            FirmwareError::Malformed(format!(
                "the section holding `{BOARD}` points past the end of the file"
            ))
        })?;
    let name = String::from_utf8(name.to_vec())
        .map_err(|_| FirmwareError::BadBoardName("is not UTF-8".into()))?;
    if name.chars().any(char::is_control) {
        return Err(FirmwareError::BadBoardName(format!(
            "{name:?} contains control characters (the name is not NUL-terminated)"
        )));
    }
    Ok(name)
}

/// The file bytes of program header `index`, checked against the file.
fn segment_bytes<'a>(
    bytes: &'a [u8],
    ph: &goblin::elf::ProgramHeader,
    index: usize,
) -> Result<&'a [u8], FirmwareError> {
    file_range(bytes, ph.p_offset, ph.p_filesz).ok_or_else(|| {
        FirmwareError::Malformed(format!(
            "program header {index} points past the end of the file"
        ))
    })
}

fn loadable(elf: &Elf<'_>, bytes: &[u8]) -> Result<Vec<Segment>, FirmwareError> {
    let mut runs = Vec::new();
    for (index, ph) in elf.program_headers.iter().enumerate() {
        if ph.p_type != PT_LOAD || ph.p_filesz == 0 {
            continue;
        }
        let data = segment_bytes(bytes, ph, index)?;
        let end = ph.p_paddr.checked_add(ph.p_filesz);
        if end.is_none_or(|end| end > 1 << 32) {
            return Err(FirmwareError::Malformed(format!(
                "program header {index} loads {} bytes at 0x{:X}, past the 32-bit address space",
                ph.p_filesz, ph.p_paddr
            )));
        }
        runs.push(Segment {
            addr: narrow(ph.p_paddr, "a load address")?,
            data: data.to_vec(),
        });
    }
    coalesce(runs).map_err(|addr| FirmwareError::SegmentsOverlap { addr })
}

/// A description of an ELF32 ARM executable to write: `write_elf` turns it
/// into bytes. Link builds one from the runtime; the tests build synthetic
/// runtimes with it.
#[derive(Debug)]
struct ElfModel<'a> {
    /// `e_ident[EI_OSABI]` and `[EI_ABIVERSION]`: lld writes the GNU ABI
    /// when a section uses GNU flags such as `SHF_GNU_RETAIN`, and tools
    /// read those flags only under it.
    os_abi: u8,
    abi_version: u8,
    entry: u32,
    flags: u32,
    /// `PT_LOAD` segments, in program header order.
    segments: Vec<LoadSegment<'a>>,
    /// Sections after the null one, in header order; `.symtab`, `.strtab`
    /// and `.shstrtab` follow them.
    sections: Vec<Section<'a>>,
    /// Symbols after the null one; locals must come first.
    symbols: Vec<Symbol<'a>>,
}

#[derive(Debug)]
struct LoadSegment<'a> {
    flags: u32,
    vaddr: u32,
    paddr: u32,
    memsz: u32,
    align: u32,
    /// The file bytes (`p_filesz` is their length).
    data: &'a [u8],
}

#[derive(Debug)]
struct Section<'a> {
    name: &'a [u8],
    kind: u32,
    flags: u32,
    addr: u32,
    align: u32,
    entsize: u32,
    /// `sh_link` as an index into `ElfModel::sections`.
    link: Option<usize>,
    /// `sh_info`; an index into `ElfModel::sections` if `flags` has
    /// `SHF_INFO_LINK`.
    info: u32,
    contents: Contents<'a>,
}

#[derive(Debug)]
enum Contents<'a> {
    /// Bytes inside a segment's file bytes: they are written once, with the
    /// segment, and the section header points at them.
    InSegment {
        segment: usize,
        offset: u32,
        size: u32,
    },
    /// Bytes written on their own after the segments.
    Own(&'a [u8]),
    /// `SHT_NOBITS`: an address range with no file bytes.
    NoBits(u32),
}

#[derive(Debug)]
struct Symbol<'a> {
    name: &'a [u8],
    value: u32,
    size: u32,
    info: u8,
    other: u8,
    section: SymbolSection,
}

#[derive(Debug, Clone, Copy)]
enum SymbolSection {
    /// An index into `ElfModel::sections`.
    Section(usize),
    /// `SHN_UNDEF`, `SHN_ABS` or `SHN_COMMON`, kept as is.
    Special(u16),
}

/// The runtime, as a model, with the image added.
fn linked_model<'a>(
    elf: &Elf<'a>,
    bytes: &'a [u8],
    image_start: u32,
    image: &'a [u8],
) -> Result<ElfModel<'a>, FirmwareError> {
    // Loadable segments, the image's among them, sorted by p_vaddr as the
    // ELF specification asks. `slots[i]` is the new position of the
    // runtime's program header `i`.
    let mut loads: Vec<(Option<usize>, LoadSegment<'a>)> = Vec::new();
    for (index, ph) in elf.program_headers.iter().enumerate() {
        if ph.p_type != PT_LOAD {
            continue;
        }
        if ph.p_filesz > ph.p_memsz {
            return Err(FirmwareError::Malformed(format!(
                "program header {index} has more file bytes ({}) than memory bytes ({})",
                ph.p_filesz, ph.p_memsz
            )));
        }
        let segment = LoadSegment {
            flags: ph.p_flags,
            vaddr: narrow(ph.p_vaddr, "a segment address")?,
            paddr: narrow(ph.p_paddr, "a segment load address")?,
            memsz: narrow(ph.p_memsz, "a segment size")?,
            align: narrow(ph.p_align, "a segment alignment")?,
            // A `.bss` segment's offset may lie past the end of the file.
            data: if ph.p_filesz == 0 {
                &[]
            } else {
                segment_bytes(bytes, ph, index)?
            },
        };
        loads.push((Some(index), segment));
    }
    let image_len = u32::try_from(image.len()).map_err(|_| {
        FirmwareError::Malformed(format!("the image is {} bytes, over 4 GiB", image.len()))
    })?;
    if !image.is_empty() {
        loads.push((
            None,
            LoadSegment {
                flags: abi::PF_R.0,
                vaddr: image_start,
                paddr: image_start,
                memsz: image_len,
                align: 4,
                data: image,
            },
        ));
    }
    loads.sort_by_key(|(_, segment)| segment.vaddr);
    let mut slots = vec![None; elf.program_headers.len()];
    let mut image_slot = None;
    for (slot, (old, _)) in loads.iter().enumerate() {
        match old {
            Some(old) => slots[*old] = Some(slot),
            None => image_slot = Some(slot),
        }
    }

    // Allocated sections (and `.ARM.attributes`), then `.mpc_image`.
    // `kept[i]` is the model index of the runtime's section `i`.
    let headers = &elf.section_headers;
    let mut kept = vec![None; headers.len()];
    let mut count = 0;
    for (index, sh) in headers.iter().enumerate().skip(1) {
        if (sh.sh_flags & u64::from(SHF_ALLOC) != 0 && sh.sh_type != 0)
            || sh.sh_type == SHT_ARM_ATTRIBUTES
        {
            kept[index] = Some(count);
            count += 1;
        }
    }
    let remap = |old: u32| {
        usize::try_from(old)
            .ok()
            .and_then(|old| kept.get(old).copied().flatten())
    };
    let mut sections = Vec::with_capacity(count + 1);
    for (index, sh) in headers.iter().enumerate() {
        if kept[index].is_none() {
            continue;
        }
        let size = narrow(sh.sh_size, "a section size")?;
        let contents = if sh.sh_type == SHT_NOBITS {
            Contents::NoBits(size)
        } else if let Some((segment, offset)) = elf
            .program_headers
            .iter()
            .enumerate()
            .filter(|(_, ph)| ph.p_type == PT_LOAD && ph.p_filesz > 0)
            .find(|(_, ph)| {
                ph.p_offset <= sh.sh_offset
                    && sh
                        .sh_offset
                        .checked_add(sh.sh_size)
                        .is_some_and(|end| end <= ph.p_offset.saturating_add(ph.p_filesz))
            })
            .and_then(|(old, ph)| Some((slots[old]?, sh.sh_offset - ph.p_offset)))
        {
            Contents::InSegment {
                segment,
                offset: narrow(offset, "a section offset")?,
                size,
            }
        } else {
            Contents::Own(file_range(bytes, sh.sh_offset, sh.sh_size).ok_or_else(|| {
                FirmwareError::Malformed(format!("section {index} points past the end of the file"))
            })?)
        };
        let info = if sh.sh_flags & u64::from(SHF_INFO_LINK) != 0 {
            remap(sh.sh_info)
                .and_then(|new| u32::try_from(new).ok())
                .unwrap_or(0)
        } else {
            sh.sh_info
        };
        sections.push(Section {
            name: elf.shdr_strtab.get_at(sh.sh_name).unwrap_or("").as_bytes(),
            kind: sh.sh_type,
            flags: narrow(sh.sh_flags, "section flags")?,
            addr: narrow(sh.sh_addr, "a section address")?,
            align: narrow(sh.sh_addralign, "a section alignment")?,
            entsize: narrow(sh.sh_entsize, "a section entry size")?,
            link: remap(sh.sh_link),
            info,
            contents,
        });
    }
    sections.push(Section {
        name: IMAGE_SECTION,
        kind: abi::SHT_PROGBITS.0,
        flags: abi::SHF_ALLOC.0 as u32,
        addr: image_start,
        align: 4,
        entsize: 0,
        link: None,
        info: 0,
        contents: match image_slot {
            Some(segment) => Contents::InSegment {
                segment,
                offset: 0,
                size: image_len,
            },
            None => Contents::Own(&[]),
        },
    });

    // Symbols whose section survives; those of dropped (debug) sections go.
    let mut symbols = Vec::with_capacity(elf.syms.len());
    for sym in elf.syms.iter().skip(1) {
        let section = match sym.st_shndx {
            0 => SymbolSection::Special(0),
            index if index == SHN_XINDEX as usize => continue,
            index if index >= SHN_LORESERVE as usize => match u16::try_from(index) {
                Ok(special) => SymbolSection::Special(special),
                Err(_) => continue,
            },
            index => match kept.get(index).copied().flatten() {
                Some(new) => SymbolSection::Section(new),
                None => continue,
            },
        };
        symbols.push(Symbol {
            name: elf.strtab.get_at(sym.st_name).unwrap_or("").as_bytes(),
            value: narrow(sym.st_value, "a symbol value")?,
            size: narrow(sym.st_size, "a symbol size")?,
            info: sym.st_info,
            other: sym.st_other,
            section,
        });
    }
    // ELF wants locals before globals; a stable sort keeps everything else.
    symbols.sort_by_key(|sym| sym.info >> 4 != STB_LOCAL);

    Ok(ElfModel {
        os_abi: elf.header.e_ident[7],
        abi_version: elf.header.e_ident[8],
        entry: narrow(elf.header.e_entry, "e_entry")?,
        flags: elf.header.e_flags,
        segments: loads.into_iter().map(|(_, segment)| segment).collect(),
        sections,
        symbols,
    })
}

/// The smallest offset at or after `offset` that is congruent to `addr`
/// modulo the segment's alignment (at most a page), as loaders that map
/// files expect.
fn congruent(offset: u64, addr: u32, align: u32) -> u64 {
    let align = if align.is_power_of_two() {
        align.min(MAX_FILE_ALIGN)
    } else {
        1
    };
    let mask = u64::from(align) - 1;
    offset + (u64::from(addr).wrapping_sub(offset) & mask)
}

fn section_align(align: u32) -> u64 {
    if align.is_power_of_two() {
        u64::from(align.min(MAX_FILE_ALIGN))
    } else {
        1
    }
}

/// Writes the model with object's two-phase writer: every file range is
/// reserved first, then everything is written in the same order.
///
/// File layout: ELF header, program headers, segment bytes, the bytes of
/// sections outside every segment, `.symtab`, `.strtab`, `.shstrtab`,
/// section headers.
fn write_elf(model: &ElfModel<'_>) -> Result<Vec<u8>, FirmwareError> {
    // Section indices from SHN_LORESERVE up need `.symtab_shndx`; no
    // firmware comes near that many sections, so refuse rather than support.
    if model.sections.len() + 4 > SHN_LORESERVE as usize {
        return Err(FirmwareError::Malformed(format!(
            "{} sections is more than a firmware ELF can have",
            model.sections.len()
        )));
    }
    let segment_count = u32::try_from(model.segments.len())
        .map_err(|_| FirmwareError::Malformed("too many program headers".into()))?;
    let mut buffer = Vec::new();
    let mut writer = out::Writer::new(object::Endianness::Little, false, &mut buffer);

    writer.reserve_file_header();
    writer.reserve_program_headers(segment_count);
    let mut segment_offsets = Vec::with_capacity(model.segments.len());
    for segment in &model.segments {
        let offset = congruent(writer.reserved_len(), segment.vaddr, segment.align);
        writer.reserve_until(offset);
        writer.reserve(segment.data.len() as u64, 1);
        segment_offsets.push(offset);
    }
    let segments_end = writer.reserved_len();
    let mut own_offsets = vec![0; model.sections.len()];
    for (section, own) in model.sections.iter().zip(&mut own_offsets) {
        if let Contents::Own(data) = section.contents {
            *own = writer.reserve(data.len() as u64, section_align(section.align));
        }
    }
    let section_names: Vec<Option<StringId>> = model
        .sections
        .iter()
        .map(|section| {
            writer.reserve_section_index();
            (!section.name.is_empty()).then(|| writer.add_section_name(section.name))
        })
        .collect();
    writer.reserve_symtab_section_index();
    writer.reserve_strtab_section_index();
    writer.reserve_shstrtab_section_index();
    writer.reserve_null_symbol_index();
    let symbol_names: Vec<Option<StringId>> = model
        .symbols
        .iter()
        .map(|symbol| {
            let section = match symbol.section {
                SymbolSection::Section(index) => Some(out::SectionIndex(index as u32 + 1)),
                SymbolSection::Special(_) => None,
            };
            writer.reserve_symbol_index(section);
            (!symbol.name.is_empty()).then(|| writer.add_string(symbol.name))
        })
        .collect();
    writer.reserve_symtab();
    writer.reserve_strtab().map_err(FirmwareError::Write)?;
    writer.reserve_shstrtab().map_err(FirmwareError::Write)?;
    writer.reserve_section_headers();

    writer
        .write_file_header(&out::FileHeader {
            os_abi: abi::OsAbi(model.os_abi),
            abi_version: model.abi_version,
            e_type: abi::ET_EXEC,
            e_machine: abi::EM_ARM,
            e_entry: u64::from(model.entry),
            e_flags: abi::FileFlags(model.flags),
        })
        .map_err(FirmwareError::Write)?;
    writer.write_align_program_headers();
    for (segment, &offset) in model.segments.iter().zip(&segment_offsets) {
        writer.write_program_header(&out::ProgramHeader {
            p_type: abi::PT_LOAD,
            p_flags: abi::ProgramFlags(segment.flags),
            p_offset: offset,
            p_vaddr: u64::from(segment.vaddr),
            p_paddr: u64::from(segment.paddr),
            p_filesz: segment.data.len() as u64,
            p_memsz: u64::from(segment.memsz),
            p_align: u64::from(segment.align),
        });
    }
    for (segment, &offset) in model.segments.iter().zip(&segment_offsets) {
        writer.pad_until(offset);
        writer.write(segment.data);
    }
    for (section, &offset) in model.sections.iter().zip(&own_offsets) {
        if let Contents::Own(data) = section.contents {
            writer.pad_until(offset);
            writer.write(data);
        }
    }
    writer.write_null_symbol();
    for (symbol, &name) in model.symbols.iter().zip(&symbol_names) {
        let (section, st_shndx) = match symbol.section {
            SymbolSection::Section(index) => (Some(index as u32 + 1), abi::SHN_UNDEF),
            SymbolSection::Special(special) => (None, abi::SymbolSection(special)),
        };
        writer.write_symbol(&out::Sym {
            section,
            st_name: writer.string_offset(name),
            st_info: abi::SymbolInfo(symbol.info),
            st_other: abi::SymbolOther(symbol.other),
            st_shndx,
            st_value: u64::from(symbol.value),
            st_size: u64::from(symbol.size),
        });
    }
    writer.write_strtab();
    writer.write_shstrtab();
    writer.write_null_section_header();
    for (index, (section, &name)) in model.sections.iter().zip(&section_names).enumerate() {
        let (offset, size) = match section.contents {
            Contents::InSegment {
                segment,
                offset,
                size,
            } => (
                segment_offsets.get(segment).copied().unwrap_or(0) + u64::from(offset),
                size,
            ),
            Contents::Own(data) => (own_offsets[index], data.len() as u32),
            Contents::NoBits(size) => (
                nobits_offset(model, &segment_offsets, section.addr, segments_end),
                size,
            ),
        };
        writer.write_section_header(&out::SectionHeader {
            sh_name: writer.section_name_offset(name),
            sh_type: abi::SectionType(section.kind),
            sh_flags: abi::SectionFlags(u64::from(section.flags)),
            sh_addr: u64::from(section.addr),
            sh_offset: offset,
            sh_size: u64::from(size),
            sh_link: section.link.map_or(0, |link| link as u32 + 1),
            sh_info: section.info,
            sh_addralign: u64::from(section.align),
            sh_entsize: u64::from(section.entsize),
        });
    }
    let locals = model
        .symbols
        .iter()
        .take_while(|sym| sym.info >> 4 == STB_LOCAL)
        .count();
    writer.write_symtab_section_header(locals as u32 + 1);
    writer.write_strtab_section_header();
    writer.write_shstrtab_section_header();
    Ok(buffer)
}

/// A `.bss`-like section has no file bytes, but tools expect its offset to
/// be where it would sit in its segment, as linkers write it.
fn nobits_offset(model: &ElfModel<'_>, offsets: &[u64], addr: u32, fallback: u64) -> u64 {
    model
        .segments
        .iter()
        .zip(offsets)
        .find(|(segment, _)| {
            segment.vaddr <= addr
                && u64::from(addr) <= u64::from(segment.vaddr) + u64::from(segment.memsz)
        })
        .map_or(fallback, |(segment, offset)| {
            offset + u64::from(addr - segment.vaddr)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use goblin::elf::section_header::{SHT_PROGBITS, SHT_SYMTAB};
    use goblin::elf::sym::{STB_GLOBAL, STT_FILE, STT_FUNC, STT_NOTYPE, STT_OBJECT, STT_SECTION};

    const FLASH: u32 = 0x1000_0000;
    const RAM: u32 = 0x2000_0000;
    const IMAGE: u32 = 0x1001_0000;
    const IMAGE_SIZE: u32 = 0x1_0000;
    const FLAGS: u32 = 0x0500_0200;
    const SHN_ABS: u16 = 0xFFF1;

    /// What the synthetic runtime looks like; the default is a well-formed
    /// RP2040-like runtime: code and `MPC_BOARD` in flash, `.data` loaded
    /// from flash into RAM, `.bss` with `_SEGGER_RTT`, debug info.
    struct Fixture {
        image_start: u32,
        image_end: u32,
        board: Vec<u8>,
        omit: Option<&'static str>,
        /// An extra loadable segment at this address.
        stray: Option<u32>,
    }

    impl Default for Fixture {
        fn default() -> Self {
            Fixture {
                image_start: IMAGE,
                image_end: IMAGE + IMAGE_SIZE,
                board: b"pico".to_vec(),
                omit: None,
                stray: None,
            }
        }
    }

    fn text() -> Vec<u8> {
        (0..0x200).map(|i| (i * 7) as u8).collect()
    }

    /// `.rodata`: the board name sits 16 bytes in, so finding it needs the
    /// address-to-offset mapping rather than the section start.
    fn rodata(board: &[u8]) -> Vec<u8> {
        let mut bytes = vec![0xEE; 16];
        bytes.extend_from_slice(board);
        bytes.extend_from_slice(&[0xEF; 16]);
        bytes
    }

    fn data() -> Vec<u8> {
        vec![0xDA; 0x20]
    }

    fn sym(
        name: &'static [u8],
        bind: u8,
        kind: u8,
        value: u32,
        size: u32,
        section: SymbolSection,
    ) -> Symbol<'static> {
        Symbol {
            name,
            value,
            size,
            info: bind << 4 | kind,
            other: 0,
            section,
        }
    }

    fn runtime_with(fixture: &Fixture) -> Vec<u8> {
        let text = text();
        let rodata = rodata(&fixture.board);
        let mut flash = text.clone();
        flash.extend_from_slice(&rodata);
        let data = data();
        let stray = [0x5A; 8];
        let attributes = b"A\x13\x00\x00\x00aeabi\x00\x01\x09\x00\x00\x00\x06\x0c";
        let debug_info = [0xDE; 40];
        let comment = b"Linker: LLD\x00";
        let len = |bytes: &[u8]| bytes.len() as u32;
        let rodata_addr = FLASH + len(&text);

        let mut segments = vec![
            LoadSegment {
                flags: 5,
                vaddr: FLASH,
                paddr: FLASH,
                memsz: len(&flash),
                align: 4,
                data: &flash,
            },
            LoadSegment {
                flags: 6,
                vaddr: RAM,
                paddr: FLASH + len(&flash),
                memsz: len(&data),
                align: 4,
                data: &data,
            },
            LoadSegment {
                flags: 6,
                vaddr: RAM + 0x20,
                paddr: RAM + 0x20,
                memsz: 0x400,
                align: 4,
                data: &[],
            },
        ];
        if let Some(addr) = fixture.stray {
            segments.push(LoadSegment {
                flags: 4,
                vaddr: addr,
                paddr: addr,
                memsz: 8,
                align: 4,
                data: &stray,
            });
        }
        let section = |name, kind, flags, addr, contents| Section {
            name,
            kind,
            flags,
            addr,
            align: 4,
            entsize: 0,
            link: None,
            info: 0,
            contents,
        };
        let sections = vec![
            section(
                &b".text"[..],
                SHT_PROGBITS,
                6,
                FLASH,
                Contents::InSegment {
                    segment: 0,
                    offset: 0,
                    size: len(&text),
                },
            ),
            section(
                b".rodata",
                SHT_PROGBITS,
                2,
                rodata_addr,
                Contents::InSegment {
                    segment: 0,
                    offset: len(&text),
                    size: len(&rodata),
                },
            ),
            section(
                b".data",
                SHT_PROGBITS,
                3,
                RAM,
                Contents::InSegment {
                    segment: 1,
                    offset: 0,
                    size: len(&data),
                },
            ),
            section(b".bss", SHT_NOBITS, 3, RAM + 0x20, Contents::NoBits(0x400)),
            section(
                b".ARM.attributes",
                SHT_ARM_ATTRIBUTES,
                0,
                0,
                Contents::Own(attributes),
            ),
            section(
                b".debug_info",
                SHT_PROGBITS,
                0,
                0,
                Contents::Own(&debug_info),
            ),
            section(b".comment", SHT_PROGBITS, 0x30, 0, Contents::Own(comment)),
        ];
        let local = STB_LOCAL;
        let global = STB_GLOBAL;
        let symbols = [
            sym(
                b"$t",
                local,
                STT_NOTYPE,
                FLASH,
                0,
                SymbolSection::Section(0),
            ),
            sym(b"", local, STT_SECTION, 0, 0, SymbolSection::Section(5)),
            sym(
                b"runtime.rs",
                local,
                STT_FILE,
                0,
                0,
                SymbolSection::Special(SHN_ABS),
            ),
            sym(
                b"Reset",
                global,
                STT_FUNC,
                FLASH | 1,
                0x20,
                SymbolSection::Section(0),
            ),
            sym(
                b"MPC_BOARD",
                global,
                STT_OBJECT,
                rodata_addr + 16,
                len(&fixture.board),
                SymbolSection::Section(1),
            ),
            sym(
                b"_SEGGER_RTT",
                global,
                STT_OBJECT,
                RAM + 0x20,
                0x30,
                SymbolSection::Section(3),
            ),
            sym(
                b"__mpc_image_start",
                global,
                STT_NOTYPE,
                fixture.image_start,
                0,
                SymbolSection::Special(SHN_ABS),
            ),
            sym(
                b"__mpc_image_end",
                global,
                STT_NOTYPE,
                fixture.image_end,
                0,
                SymbolSection::Special(SHN_ABS),
            ),
            sym(
                b"debug_only",
                global,
                STT_OBJECT,
                4,
                4,
                SymbolSection::Section(5),
            ),
        ];
        let symbols = symbols
            .into_iter()
            .filter(|sym| fixture.omit.is_none_or(|omit| sym.name != omit.as_bytes()))
            .collect();
        write_elf(&ElfModel {
            os_abi: 3,
            abi_version: 0,
            entry: FLASH | 1,
            flags: FLAGS,
            segments,
            sections,
            symbols,
        })
        .unwrap()
    }

    fn runtime() -> Vec<u8> {
        runtime_with(&Fixture::default())
    }

    /// The runtime's flash bytes: code, `.rodata`, then `.data`'s initial
    /// values right behind them.
    fn runtime_flash() -> Segment {
        let mut bytes = text();
        bytes.extend(rodata(b"pico"));
        bytes.extend(data());
        Segment {
            addr: FLASH,
            data: bytes,
        }
    }

    fn image(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i % 251) as u8).collect()
    }

    #[test]
    fn read_runtime_finds_the_board_the_region_and_the_flash_bytes() {
        let info = read_runtime(&runtime()).unwrap();
        assert_eq!(
            info,
            RuntimeInfo {
                board: "pico".into(),
                image_start: IMAGE,
                image_end: IMAGE + IMAGE_SIZE,
                segments: vec![runtime_flash()],
                entry: FLASH | 1,
                flags: FLAGS,
            }
        );
        assert_eq!(info.image_capacity(), IMAGE_SIZE);
    }

    #[test]
    fn link_places_the_image_at_the_region_start() {
        let image = image(1000);
        let linked = link(&runtime(), &image).unwrap();
        assert_eq!(
            load_segments(&linked).unwrap(),
            vec![
                runtime_flash(),
                Segment {
                    addr: IMAGE,
                    data: image
                }
            ]
        );
        // The linked ELF is no runtime any more: linking it again would
        // put a second image over the first.
        assert!(matches!(
            read_runtime(&linked),
            Err(FirmwareError::SegmentOverlapsImage {
                addr: IMAGE,
                end: 0x1001_03E8,
                ..
            })
        ));
    }

    #[test]
    fn the_linked_elf_keeps_headers_segments_sections_and_symbols() {
        let linked = link(&runtime(), &image(100)).unwrap();
        let elf = Elf::parse(&linked).unwrap();
        assert_eq!(
            (elf.header.e_entry, elf.header.e_flags),
            (u64::from(FLASH | 1), FLAGS)
        );
        assert_eq!((elf.header.e_type, elf.header.e_machine), (ET_EXEC, EM_ARM));
        assert_eq!(elf.header.e_ident[7], 3, "the GNU OS/ABI is kept");

        // Every PT_LOAD of the runtime, and the image's, sorted by address.
        let loads: Vec<_> = elf
            .program_headers
            .iter()
            .map(|ph| {
                (
                    ph.p_type,
                    ph.p_flags,
                    ph.p_vaddr,
                    ph.p_paddr,
                    ph.p_filesz,
                    ph.p_memsz,
                )
            })
            .collect();
        let flash_len = 0x200 + 36;
        assert_eq!(
            loads,
            vec![
                (PT_LOAD, 5, 0x1000_0000, 0x1000_0000, flash_len, flash_len),
                (PT_LOAD, 4, u64::from(IMAGE), u64::from(IMAGE), 100, 100),
                (PT_LOAD, 6, 0x2000_0000, 0x1000_0000 + flash_len, 0x20, 0x20),
                (PT_LOAD, 6, 0x2000_0020, 0x2000_0020, 0, 0x400),
            ]
        );

        let name = |sh: &goblin::elf::SectionHeader| elf.shdr_strtab.get_at(sh.sh_name).unwrap();
        let sections: Vec<_> = elf
            .section_headers
            .iter()
            .skip(1)
            .map(|sh| (name(sh), sh.sh_type, sh.sh_addr, sh.sh_size))
            .collect();
        assert_eq!(
            sections,
            vec![
                (".text", SHT_PROGBITS, 0x1000_0000, 0x200),
                (".rodata", SHT_PROGBITS, 0x1000_0200, 36),
                (".data", SHT_PROGBITS, 0x2000_0000, 0x20),
                (".bss", SHT_NOBITS, 0x2000_0020, 0x400),
                (".ARM.attributes", SHT_ARM_ATTRIBUTES, 0, 18),
                (".mpc_image", SHT_PROGBITS, u64::from(IMAGE), 100),
                (".symtab", SHT_SYMTAB, 0, 16 * 8),
                (".strtab", 3, 0, elf.section_headers[8].sh_size),
                (".shstrtab", 3, 0, elf.section_headers[9].sh_size),
            ]
        );
        // Section headers point at the right bytes.
        let bytes_of = |index: usize| {
            let sh = &elf.section_headers[index];
            &linked[sh.sh_offset as usize..(sh.sh_offset + sh.sh_size) as usize]
        };
        assert_eq!(bytes_of(1), &text()[..]);
        assert_eq!(bytes_of(2), &rodata(b"pico")[..]);
        assert_eq!(bytes_of(6), &image(100)[..]);

        // Symbols of kept sections survive with their values and sections;
        // those of debug sections go; locals still come first.
        let symbol = |wanted: &str| {
            let sym = elf
                .syms
                .iter()
                .find(|sym| elf.strtab.get_at(sym.st_name) == Some(wanted))
                .unwrap();
            (sym.st_value, sym.st_size, sym.st_shndx)
        };
        assert_eq!(symbol("_SEGGER_RTT"), (0x2000_0020, 0x30, 4));
        assert_eq!(symbol("Reset"), (u64::from(FLASH | 1), 0x20, 1));
        assert_eq!(symbol("MPC_BOARD"), (0x1000_0210, 4, 2));
        assert_eq!(
            symbol("__mpc_image_start"),
            (u64::from(IMAGE), 0, usize::from(SHN_ABS))
        );
        assert_eq!(symbol("runtime.rs").2, usize::from(SHN_ABS));
        assert!(
            elf.syms
                .iter()
                .all(|sym| elf.strtab.get_at(sym.st_name) != Some("debug_only"))
        );
        assert_eq!(elf.syms.len(), 8);
        assert_eq!(
            elf.section_headers[7].sh_info, 3,
            "the null symbol, $t and runtime.rs are local"
        );
        assert_eq!(
            elf.section_headers[7].sh_link, 8,
            ".symtab names come from .strtab"
        );
    }

    #[test]
    fn the_linked_firmware_survives_hex_uf2_and_bin() {
        let segments = load_segments(&link(&runtime(), &image(700)).unwrap()).unwrap();
        assert_eq!(
            crate::firmware::ihex::parse(&crate::firmware::ihex::write(&segments)),
            Ok(segments.clone())
        );

        let uf2 = crate::firmware::uf2::parse(&crate::firmware::uf2::write(&segments, 0xE48B_FF56))
            .unwrap();
        assert_eq!(uf2.family_id, 0xE48B_FF56);
        let image_run = uf2.segments.iter().find(|run| run.addr == IMAGE).unwrap();
        assert_eq!(
            image_run.data.len(),
            768,
            "three pages, the last one filled up"
        );
        assert_eq!(image_run.data[..700], image(700)[..]);

        let flat = crate::firmware::bin::write(&segments).unwrap();
        assert_eq!(crate::firmware::bin::base_address(&segments), Some(FLASH));
        assert_eq!(flat.len(), (IMAGE - FLASH) as usize + 700);
        assert_eq!(flat[..runtime_flash().data.len()], runtime_flash().data[..]);
        assert!(
            flat[runtime_flash().data.len()..(IMAGE - FLASH) as usize]
                .iter()
                .all(|&b| b == 0xFF)
        );
        assert_eq!(flat[(IMAGE - FLASH) as usize..], image(700)[..]);
    }

    #[test]
    fn linking_is_deterministic() {
        let image = image(5000);
        assert_eq!(
            link(&runtime(), &image).unwrap(),
            link(&runtime(), &image).unwrap()
        );
    }

    #[test]
    fn an_image_filling_the_region_fits_and_one_byte_more_does_not() {
        assert!(link(&runtime(), &image(IMAGE_SIZE as usize)).is_ok());
        let error = link(&runtime(), &image(IMAGE_SIZE as usize + 1)).unwrap_err();
        assert!(matches!(
            error,
            FirmwareError::ImageTooLarge {
                image: 65537,
                capacity: 65536
            }
        ));
        assert_eq!(
            error.to_string(),
            "image is 65537 bytes but the board's image region holds 65536 bytes"
        );
    }

    #[test]
    fn an_empty_image_adds_no_segment() {
        let linked = link(&runtime(), &[]).unwrap();
        assert_eq!(load_segments(&linked).unwrap(), vec![runtime_flash()]);
        let elf = Elf::parse(&linked).unwrap();
        assert_eq!(elf.program_headers.len(), 3);
    }

    #[test]
    fn each_missing_contract_symbol_is_named() {
        for name in [IMAGE_START, IMAGE_END, BOARD] {
            let runtime = runtime_with(&Fixture {
                omit: Some(name),
                ..Fixture::default()
            });
            let error = read_runtime(&runtime).unwrap_err();
            assert!(
                matches!(error, FirmwareError::MissingSymbol(missing) if missing == name),
                "{error}"
            );
            assert!(error.to_string().contains(&format!("`{name}`")), "{error}");
            assert!(matches!(
                link(&runtime, &[1]),
                Err(FirmwareError::MissingSymbol(_))
            ));
        }
    }

    #[test]
    fn runtime_bytes_inside_the_image_region_are_refused() {
        let runtime = runtime_with(&Fixture {
            stray: Some(IMAGE + 0x100),
            ..Fixture::default()
        });
        let error = read_runtime(&runtime).unwrap_err();
        assert!(matches!(
            error,
            FirmwareError::SegmentOverlapsImage {
                addr: 0x1001_0100,
                end: 0x1001_0108,
                image_start: IMAGE,
                image_end: 0x1002_0000
            }
        ));
        assert_eq!(
            error.to_string(),
            "the runtime's loadable bytes at 0x10010100..0x10010108 overlap its image region 0x10010000..0x10020000"
        );
        assert!(link(&runtime, &[1, 2, 3]).is_err());
        // Touching the region from either side is fine.
        for addr in [IMAGE - 8, IMAGE + IMAGE_SIZE] {
            assert!(
                read_runtime(&runtime_with(&Fixture {
                    stray: Some(addr),
                    ..Fixture::default()
                }))
                .is_ok()
            );
        }
    }

    #[test]
    fn empty_reversed_and_unaligned_regions_are_refused() {
        for (start, end, why) in [
            (IMAGE, IMAGE, "is empty"),
            (IMAGE, IMAGE - 0x1000, "is empty"),
            (IMAGE + 0x100, IMAGE + IMAGE_SIZE, "4 KiB"),
        ] {
            let runtime = runtime_with(&Fixture {
                image_start: start,
                image_end: end,
                ..Fixture::default()
            });
            let error = read_runtime(&runtime).unwrap_err();
            assert!(
                matches!(error, FirmwareError::BadImageRegion { .. }),
                "{error}"
            );
            assert!(error.to_string().contains(why), "{error}");
        }
    }

    #[test]
    fn board_names_must_be_printable_utf8() {
        for (board, why) in [
            (&b"pi\xFFco"[..], "not UTF-8"),
            (b"pico\0", "control characters"),
            (b"", "empty"),
        ] {
            let runtime = runtime_with(&Fixture {
                board: board.to_vec(),
                ..Fixture::default()
            });
            let error = read_runtime(&runtime).unwrap_err();
            assert!(matches!(error, FirmwareError::BadBoardName(_)), "{error}");
            assert!(error.to_string().contains(why), "{error}");
        }
        let runtime = runtime_with(&Fixture {
            board: "pico-ü".into(),
            ..Fixture::default()
        });
        assert_eq!(read_runtime(&runtime).unwrap().board, "pico-ü");
    }

    #[test]
    fn other_files_are_named_for_what_they_are() {
        assert!(matches!(
            read_runtime(b"MPC\x01not an elf"),
            Err(FirmwareError::NotElf)
        ));
        assert!(matches!(load_segments(b""), Err(FirmwareError::NotElf)));
        assert!(matches!(
            read_runtime(b"\x7fELF\x01\x01"),
            Err(FirmwareError::Malformed(_))
        ));

        let mut x86_64 = runtime();
        x86_64[4] = 2;
        x86_64[18..20].copy_from_slice(&62u16.to_le_bytes());
        let error = read_runtime(&x86_64).unwrap_err();
        assert_eq!(
            error.to_string(),
            "expected a 32-bit little-endian ARM executable, found a 64-bit little-endian x86-64 executable"
        );
        let mut object_file = runtime();
        object_file[16] = 1;
        let error = link(&object_file, &[]).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("found a 32-bit little-endian ARM relocatable object"),
            "{error}"
        );
    }

    /// A tiny xorshift: the tests need varied bytes, not good randomness.
    fn next(state: &mut u32) -> u32 {
        *state ^= *state << 13;
        *state ^= *state >> 17;
        *state ^= *state << 5;
        *state
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let runtime = runtime();
        let linked = link(&runtime, &image(300)).unwrap();
        for cut in 0..runtime.len() {
            assert!(read_runtime(&runtime[..cut]).is_err(), "cut at {cut}");
            assert!(link(&runtime[..cut], &[1]).is_err(), "cut at {cut}");
        }
        for cut in 0..linked.len() {
            assert!(load_segments(&linked[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn flipped_bytes_never_panic() {
        let runtime = runtime();
        let linked = link(&runtime, &image(300)).unwrap();
        let mut state = 0x1234_5678;
        for round in 0..4000 {
            let mut bytes = if round % 2 == 0 {
                runtime.clone()
            } else {
                linked.clone()
            };
            for _ in 0..=next(&mut state) % 4 {
                let at = next(&mut state) as usize % bytes.len();
                bytes[at] = next(&mut state) as u8;
            }
            let _ = read_runtime(&bytes);
            let _ = link(&bytes, &image(100));
            let _ = load_segments(&bytes);
        }
    }

    #[test]
    fn overlapping_load_addresses_are_refused() {
        let runtime = runtime_with(&Fixture {
            stray: Some(FLASH + 0x10),
            ..Fixture::default()
        });
        assert!(matches!(
            load_segments(&runtime),
            Err(FirmwareError::SegmentsOverlap { addr: 0x1000_0010 })
        ));
    }
}
