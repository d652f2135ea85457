//! What a flash would do, from probe-rs's built-in chip database and the
//! ELF alone: the chip's flash, the sectors erased and the bytes written.
//!
//! The sector arithmetic follows probe-rs's own (`FlashBuilder` and
//! `FlashLoader::get_flash_algorithm_for_region` in 0.32): for each flash
//! region that receives data, the one flash algorithm covering it (the
//! default one if several do), and every sector of that algorithm which
//! holds data and lies inside the region. probe-rs keeps those functions
//! private, hence the copy; `keep_unwritten_bytes` is off, so erased bytes
//! that are not written stay erased.

use std::ops::Range;
use std::sync::LazyLock;

use probe_rs::Target;
use probe_rs::config::{FlashProperties, MemoryRegion, NvmRegion, RawFlashAlgorithm, Registry};

use crate::FlashError;
use crate::elf::{self, Segment};

/// A named address range, `start..end`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub name: String,
    pub start: u64,
    pub end: u64,
}

impl Region {
    pub fn len(&self) -> u64 {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// What a flash would do: computed from probe-rs's built-in chip database only (no probe).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// The chip as probe-rs names it (the full name, also when a prefix was given).
    pub chip: String,
    /// The chip's flash (NVM) regions.
    pub nvm: Vec<Region>,
    /// Sector-aligned ranges that would be erased (merged).
    pub erase: Vec<Region>,
    /// The loadable bytes that would be written (merged).
    pub write: Vec<Region>,
    /// Total bytes written.
    pub bytes: u64,
}

/// Checks every loadable (PT_LOAD, p_filesz>0, by p_paddr) segment of `elf`
/// lies inside the chip's NVM; `only` restricts to bytes inside that address
/// range (for --image-only: segments outside are skipped, not errors).
pub fn plan(chip: &str, elf: &[u8], only: Option<Range<u64>>) -> Result<Plan, FlashError> {
    let target = target(chip)?;
    let segments = elf::loadable(elf, only.as_ref())?;
    plan_segments(&target, &segments)
}

/// probe-rs's built-in chip database, decoded once: decoding it takes
/// milliseconds, which a test planning thousands of ELFs notices.
static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::from_builtin_families);

/// The chip from probe-rs's built-in database.
pub(crate) fn target(chip: &str) -> Result<Target, FlashError> {
    REGISTRY
        .get_target_by_name(chip)
        .map_err(|_| FlashError::UnknownChip {
            chip: chip.to_owned(),
        })
}

/// The chip's flash regions that data may go to (aliases excluded).
fn nvm_regions(target: &Target) -> Vec<&NvmRegion> {
    let mut nvm: Vec<&NvmRegion> = target
        .memory_map
        .iter()
        .filter_map(MemoryRegion::as_nvm_region)
        .filter(|r| !r.is_alias)
        .collect();
    nvm.sort_by_key(|r| r.range.start);
    nvm
}

/// probe-rs leaves most regions unnamed; number them instead.
fn region_name(nvm: &[&NvmRegion], index: usize) -> String {
    match &nvm[index].name {
        Some(name) => name.clone(),
        None if nvm.len() == 1 => "flash".to_owned(),
        None => format!("flash{index}"),
    }
}

pub(crate) fn plan_segments(target: &Target, segments: &[Segment<'_>]) -> Result<Plan, FlashError> {
    let nvm = nvm_regions(target);
    let nvm_list: Vec<Region> = (0..nvm.len())
        .map(|i| Region {
            name: region_name(&nvm, i),
            start: nvm[i].range.start,
            end: nvm[i].range.end,
        })
        .collect();

    for seg in segments {
        if !covered(&nvm, seg.addr..seg.end()) {
            return Err(FlashError::OutsideFlash {
                chip: target.name.clone(),
                start: seg.addr,
                end: seg.end(),
                nvm: nvm_list,
            });
        }
    }

    let mut write = Vec::new();
    let mut erase = Vec::new();
    for (index, region) in nvm.iter().enumerate() {
        let pieces: Vec<Range<u64>> = segments
            .iter()
            .filter_map(|s| intersect(s.addr..s.end(), &region.range))
            .collect();
        if pieces.is_empty() {
            continue;
        }
        let name = region_name(&nvm, index);
        let algo = algorithm(target, region)?;
        let mut sectors: Vec<Range<u64>> = Vec::new();
        for piece in &pieces {
            let mut addr = piece.start;
            while addr < piece.end {
                let Some(sector) = sector_at(&algo.flash_properties, addr) else {
                    return Err(no_algorithm(target, region));
                };
                if region.range.start <= sector.start && sector.end <= region.range.end {
                    sectors.push(sector.clone());
                }
                addr = sector.end;
            }
        }
        push_merged(&mut write, &name, pieces);
        push_merged(&mut erase, &name, sectors);
    }
    let bytes = write.iter().map(Region::len).sum();
    Ok(Plan {
        chip: target.name.clone(),
        nvm: nvm_list,
        erase,
        write,
        bytes,
    })
}

/// Is all of `range` inside (possibly adjacent) flash regions?
fn covered(nvm: &[&NvmRegion], range: Range<u64>) -> bool {
    let mut addr = range.start;
    while addr < range.end {
        match nvm.iter().find(|r| r.range.contains(&addr)) {
            Some(r) => addr = r.range.end,
            None => return false,
        }
    }
    true
}

fn intersect(a: Range<u64>, b: &Range<u64>) -> Option<Range<u64>> {
    let start = a.start.max(b.start);
    let end = a.end.min(b.end);
    (start < end).then_some(start..end)
}

/// Appends `ranges` (sorted, possibly repeating or touching) to `out` as
/// merged regions named `name`.
fn push_merged(out: &mut Vec<Region>, name: &str, mut ranges: Vec<Range<u64>>) {
    ranges.sort_by_key(|r| r.start);
    let first = out.len();
    for r in ranges {
        if out.len() > first
            && let Some(last) = out.last_mut()
            && r.start <= last.end
        {
            last.end = last.end.max(r.end);
            continue;
        }
        out.push(Region {
            name: name.to_owned(),
            start: r.start,
            end: r.end,
        });
    }
}

/// The flash algorithm probe-rs would use for `region` (see the module docs).
fn algorithm<'t>(
    target: &'t Target,
    region: &NvmRegion,
) -> Result<&'t RawFlashAlgorithm, FlashError> {
    let core = region.cores.first();
    let fitting: Vec<&RawFlashAlgorithm> = target
        .flash_algorithms
        .iter()
        .filter(|a| {
            let range = &a.flash_properties.address_range;
            range.start <= region.range.start
                && region.range.end <= range.end
                && (a.cores.is_empty() || core.is_some_and(|c| a.cores.contains(c)))
        })
        .collect();
    match fitting.as_slice() {
        [one] => Ok(one),
        several => match several
            .iter()
            .filter(|a| a.default)
            .collect::<Vec<_>>()
            .as_slice()
        {
            [default] => Ok(default),
            _ => Err(no_algorithm(target, region)),
        },
    }
}

fn no_algorithm(target: &Target, region: &NvmRegion) -> FlashError {
    FlashError::NoFlashAlgorithm {
        chip: target.name.clone(),
        start: region.range.start,
        end: region.range.end,
    }
}

/// The erase sector containing `addr`, as probe-rs's `FlashAlgorithm::sector_info` computes it.
fn sector_at(props: &FlashProperties, addr: u64) -> Option<Range<u64>> {
    let base = props.address_range.start;
    if !props.address_range.contains(&addr) {
        return None;
    }
    let offset = addr - base;
    let desc = props.sectors.iter().rfind(|s| s.address <= offset)?;
    if desc.size == 0 {
        return None;
    }
    let start = base + desc.address + (offset - desc.address) / desc.size * desc.size;
    Some(start..start + desc.size)
}
