//! UF2, the file format of drag-and-drop USB bootloaders such as the
//! RP2040's BOOTSEL drive (<https://github.com/microsoft/uf2>).
//!
//! A UF2 file is a sequence of independent 512-byte blocks, each carrying up
//! to 476 bytes for one flash address. We always write 256-byte payloads at
//! 256-byte aligned addresses, because the RP2040 bootrom accepts nothing
//! else and every other UF2 bootloader accepts it. Each block names the chip
//! family, so a bootloader can refuse a file built for another chip.

use super::{Segment, coalesce};
use std::collections::BTreeMap;
use std::fmt;

/// Every UF2 block is this long.
pub const BLOCK_SIZE: usize = 512;
/// The bytes of flash each block we write carries (one RP2040 flash page).
pub const PAYLOAD_SIZE: usize = 256;

const MAGIC_START0: u32 = 0x0A32_4655;
const MAGIC_START1: u32 = 0x9E5D_5157;
const MAGIC_END: u32 = 0x0AB1_6F30;
/// The block is not for the main flash (e.g. comments); we never write one.
const FLAG_NOT_MAIN_FLASH: u32 = 0x0000_0001;
/// The file holds files, not flash contents.
const FLAG_FILE_CONTAINER: u32 = 0x0000_1000;
/// The `fileSize` word holds a family ID.
const FLAG_FAMILY_ID: u32 = 0x0000_2000;
/// Bytes 32..508 of a block hold its payload and then zeros.
const DATA_START: usize = 32;
const DATA_AREA: usize = 476;

/// Writes segments as UF2 blocks for chip family `family_id` (the RP2040's
/// is `0xE48BFF56`).
///
/// Blocks cover each 256-byte page that any segment touches, in address
/// order. Bytes of such a page that no segment covers are 0xFF, what erased
/// flash holds, so writing the page does not change them in effect; pages
/// no segment touches get no block at all. Where segments overlap, the later
/// one wins; bytes past the 32-bit address space are dropped.
pub fn write(segments: &[Segment], family_id: u32) -> Vec<u8> {
    let mut pages: BTreeMap<u32, [u8; PAYLOAD_SIZE]> = BTreeMap::new();
    for segment in segments {
        let mut data = segment.data.as_slice();
        let mut addr = u64::from(segment.addr);
        while !data.is_empty() {
            let Ok(addr32) = u32::try_from(addr) else {
                break;
            };
            let offset = addr32 as usize % PAYLOAD_SIZE;
            let n = data.len().min(PAYLOAD_SIZE - offset);
            let page = pages
                .entry(addr32 - offset as u32)
                .or_insert([0xFF; PAYLOAD_SIZE]);
            page[offset..offset + n].copy_from_slice(&data[..n]);
            data = &data[n..];
            addr += n as u64;
        }
    }

    // A 4 GiB address space has 2^24 pages, so the count fits in a u32.
    let total = pages.len() as u32;
    let mut bytes = Vec::with_capacity(pages.len() * BLOCK_SIZE);
    for (number, (addr, payload)) in pages.iter().enumerate() {
        let header = [
            MAGIC_START0,
            MAGIC_START1,
            FLAG_FAMILY_ID,
            *addr,
            PAYLOAD_SIZE as u32,
            number as u32,
            total,
            family_id,
        ];
        for word in header {
            bytes.extend_from_slice(&word.to_le_bytes());
        }
        bytes.extend_from_slice(payload);
        bytes.resize(bytes.len() + DATA_AREA - PAYLOAD_SIZE, 0);
        bytes.extend_from_slice(&MAGIC_END.to_le_bytes());
    }
    bytes
}

/// The contents of a UF2 file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uf2 {
    /// The family ID every block carries.
    pub family_id: u32,
    /// The payloads by address, sorted, touching ones merged. Pages written
    /// from partial segments include their 0xFF fill.
    pub segments: Vec<Segment>,
}

/// Why bytes are not a UF2 file as [`write`] produces them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Uf2Error {
    /// The file has no blocks.
    Empty,
    /// The length is not a multiple of 512.
    PartialBlock {
        /// The file's length in bytes.
        len: usize,
    },
    /// One of the three magic numbers is wrong.
    BadMagic {
        /// The block's position in the file, from 0.
        block: usize,
    },
    /// The family-ID flag is missing, or a flag we do not support is set.
    BadFlags {
        /// The block's position in the file.
        block: usize,
        /// Its flags word.
        flags: u32,
    },
    /// The payload is not 256 bytes.
    BadPayloadSize {
        /// The block's position in the file.
        block: usize,
        /// Its payload size.
        size: u32,
    },
    /// The block's number is not its position in the file.
    BadBlockNumber {
        /// The block's position in the file.
        block: usize,
        /// The number it carries.
        number: u32,
    },
    /// The block's total count is not the number of blocks in the file.
    BadBlockCount {
        /// The block's position in the file.
        block: usize,
        /// The count it carries.
        count: u32,
        /// The number of blocks in the file.
        blocks: usize,
    },
    /// The block's family ID differs from the first block's.
    FamilyMismatch {
        /// The block's position in the file.
        block: usize,
        /// The family ID it carries.
        family_id: u32,
        /// The first block's family ID.
        expected: u32,
    },
    /// The payload would run past the 32-bit address space.
    AddressOverflow {
        /// The block's position in the file.
        block: usize,
        /// Its target address.
        addr: u32,
    },
    /// Two blocks write the same address.
    Overlap {
        /// The first address written twice.
        addr: u32,
    },
}

impl fmt::Display for Uf2Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Uf2Error::Empty => write!(f, "the UF2 file is empty"),
            Uf2Error::PartialBlock { len } => write!(
                f,
                "the UF2 file is {len} bytes, not a whole number of {BLOCK_SIZE}-byte blocks"
            ),
            Uf2Error::BadMagic { block } => write!(f, "UF2 block {block} has a wrong magic number"),
            Uf2Error::BadFlags { block, flags } => write!(
                f,
                "UF2 block {block} has flags 0x{flags:08X}; expected the family-ID flag 0x{FLAG_FAMILY_ID:08X} and no file-container or not-main-flash flag"
            ),
            Uf2Error::BadPayloadSize { block, size } => write!(
                f,
                "UF2 block {block} carries {size} bytes; expected {PAYLOAD_SIZE}"
            ),
            Uf2Error::BadBlockNumber { block, number } => {
                write!(f, "UF2 block {block} is numbered {number}")
            }
            Uf2Error::BadBlockCount {
                block,
                count,
                blocks,
            } => write!(
                f,
                "UF2 block {block} says the file has {count} blocks, but it has {blocks}"
            ),
            Uf2Error::FamilyMismatch {
                block,
                family_id,
                expected,
            } => write!(
                f,
                "UF2 block {block} is for family 0x{family_id:08X}, but the first block is for 0x{expected:08X}"
            ),
            Uf2Error::AddressOverflow { block, addr } => write!(
                f,
                "UF2 block {block} at 0x{addr:08X} runs past the 32-bit address space"
            ),
            Uf2Error::Overlap { addr } => {
                write!(f, "two UF2 blocks both write address 0x{addr:08X}")
            }
        }
    }
}

impl std::error::Error for Uf2Error {}

/// Reads a UF2 file, checking every block's magic numbers, flags, payload
/// size, numbering and family ID.
pub fn parse(bytes: &[u8]) -> Result<Uf2, Uf2Error> {
    if bytes.is_empty() {
        return Err(Uf2Error::Empty);
    }
    if !bytes.len().is_multiple_of(BLOCK_SIZE) {
        return Err(Uf2Error::PartialBlock { len: bytes.len() });
    }
    let blocks = bytes.len() / BLOCK_SIZE;
    let mut family = None;
    let mut runs = Vec::with_capacity(blocks);
    for (block, raw) in bytes.chunks_exact(BLOCK_SIZE).enumerate() {
        let (words, _) = raw.as_chunks::<4>();
        let word = |index: usize| words.get(index).map_or(0, |w| u32::from_le_bytes(*w));
        if word(0) != MAGIC_START0 || word(1) != MAGIC_START1 || word(127) != MAGIC_END {
            return Err(Uf2Error::BadMagic { block });
        }
        let flags = word(2);
        if flags & FLAG_FAMILY_ID == 0 || flags & (FLAG_NOT_MAIN_FLASH | FLAG_FILE_CONTAINER) != 0 {
            return Err(Uf2Error::BadFlags { block, flags });
        }
        let (addr, size) = (word(3), word(4));
        if size as usize != PAYLOAD_SIZE {
            return Err(Uf2Error::BadPayloadSize { block, size });
        }
        if word(5) as usize != block {
            return Err(Uf2Error::BadBlockNumber {
                block,
                number: word(5),
            });
        }
        if word(6) as usize != blocks {
            return Err(Uf2Error::BadBlockCount {
                block,
                count: word(6),
                blocks,
            });
        }
        let family_id = word(7);
        match family {
            None => family = Some(family_id),
            Some(expected) if expected != family_id => {
                return Err(Uf2Error::FamilyMismatch {
                    block,
                    family_id,
                    expected,
                });
            }
            Some(_) => {}
        }
        if u64::from(addr) + PAYLOAD_SIZE as u64 > 1 << 32 {
            return Err(Uf2Error::AddressOverflow { block, addr });
        }
        runs.push(Segment {
            addr,
            data: raw[DATA_START..DATA_START + PAYLOAD_SIZE].to_vec(),
        });
    }
    Ok(Uf2 {
        family_id: family.unwrap_or(0),
        segments: coalesce(runs).map_err(|addr| Uf2Error::Overlap { addr })?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RP2040: u32 = 0xE48B_FF56;

    fn pattern(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    fn word(bytes: &[u8], block: usize, index: usize) -> u32 {
        let at = block * BLOCK_SIZE + index * 4;
        u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
    }

    #[test]
    fn a_thousand_bytes_at_flash_start_take_four_numbered_blocks() {
        let data = pattern(1000, 7);
        let file = write(
            &[Segment {
                addr: 0x1000_0000,
                data: data.clone(),
            }],
            RP2040,
        );
        assert_eq!(file.len(), 4 * BLOCK_SIZE);
        for block in 0..4 {
            assert_eq!(word(&file, block, 0), MAGIC_START0);
            assert_eq!(word(&file, block, 1), MAGIC_START1);
            assert_eq!(word(&file, block, 2), 0x0000_2000);
            assert_eq!(word(&file, block, 3), 0x1000_0000 + 256 * block as u32);
            assert_eq!(word(&file, block, 4), 256);
            assert_eq!(word(&file, block, 5), block as u32);
            assert_eq!(word(&file, block, 6), 4);
            assert_eq!(word(&file, block, 7), RP2040);
            assert_eq!(word(&file, block, 127), MAGIC_END);
            // The data area past the payload is zero.
            let tail = &file[block * BLOCK_SIZE + 32 + 256..block * BLOCK_SIZE + 508];
            assert!(tail.iter().all(|&b| b == 0));
        }

        let parsed = parse(&file).unwrap();
        assert_eq!(parsed.family_id, RP2040);
        assert_eq!(parsed.segments.len(), 1);
        assert_eq!(parsed.segments[0].addr, 0x1000_0000);
        // The last page is filled up with erased-flash bytes.
        assert_eq!(&parsed.segments[0].data[..1000], &data[..]);
        assert_eq!(parsed.segments[0].data[1000..], [0xFF; 24]);
    }

    #[test]
    fn page_aligned_segments_round_trip_exactly() {
        let segments = vec![
            Segment {
                addr: 0x1000_0000,
                data: pattern(0x300, 1),
            },
            Segment {
                addr: 0x1004_0000,
                data: pattern(0x1000, 2),
            },
            Segment {
                addr: 0xFFFF_FF00,
                data: pattern(0x100, 3),
            },
        ];
        let parsed = parse(&write(&segments, 0xADA5_2840)).unwrap();
        assert_eq!(
            parsed,
            Uf2 {
                family_id: 0xADA5_2840,
                segments
            }
        );
    }

    #[test]
    fn unaligned_segments_sharing_a_page_keep_their_bytes_and_fill_with_ff() {
        let segments = vec![
            Segment {
                addr: 0x2000_0010,
                data: vec![1, 2, 3],
            },
            Segment {
                addr: 0x2000_0020,
                data: vec![4; 0x1F0],
            },
        ];
        let file = write(&segments, 1);
        assert_eq!(file.len(), 3 * BLOCK_SIZE);
        let parsed = parse(&file).unwrap();
        let mut expected = vec![0xFF; 0x300];
        expected[0x10..0x13].copy_from_slice(&[1, 2, 3]);
        expected[0x20..0x210].fill(4);
        assert_eq!(
            parsed.segments,
            vec![Segment {
                addr: 0x2000_0000,
                data: expected
            }]
        );
    }

    #[test]
    fn no_segments_give_an_empty_file_that_parse_refuses() {
        assert!(write(&[], RP2040).is_empty());
        assert_eq!(parse(&[]), Err(Uf2Error::Empty));
    }

    #[test]
    fn broken_blocks_are_refused_with_their_position() {
        let segments = [Segment {
            addr: 0x1000_0000,
            data: pattern(600, 9),
        }];
        let good = write(&segments, RP2040);
        let corrupt = |block: usize, index: usize, value: u32| {
            let mut file = good.clone();
            let at = block * BLOCK_SIZE + index * 4;
            file[at..at + 4].copy_from_slice(&value.to_le_bytes());
            parse(&file)
        };
        assert_eq!(
            corrupt(1, 0, 0x1234_5678),
            Err(Uf2Error::BadMagic { block: 1 })
        );
        assert_eq!(corrupt(2, 1, 0), Err(Uf2Error::BadMagic { block: 2 }));
        assert_eq!(corrupt(0, 127, 0), Err(Uf2Error::BadMagic { block: 0 }));
        assert_eq!(
            corrupt(1, 2, 0),
            Err(Uf2Error::BadFlags { block: 1, flags: 0 })
        );
        assert_eq!(
            corrupt(1, 2, 0x2001),
            Err(Uf2Error::BadFlags {
                block: 1,
                flags: 0x2001
            })
        );
        assert_eq!(
            corrupt(2, 4, 476),
            Err(Uf2Error::BadPayloadSize {
                block: 2,
                size: 476
            })
        );
        assert_eq!(
            corrupt(1, 5, 2),
            Err(Uf2Error::BadBlockNumber {
                block: 1,
                number: 2
            })
        );
        assert_eq!(
            corrupt(0, 6, 4),
            Err(Uf2Error::BadBlockCount {
                block: 0,
                count: 4,
                blocks: 3
            })
        );
        assert_eq!(
            corrupt(2, 7, 0),
            Err(Uf2Error::FamilyMismatch {
                block: 2,
                family_id: 0,
                expected: RP2040
            })
        );
        assert_eq!(
            corrupt(1, 3, 0x1000_0000),
            Err(Uf2Error::Overlap { addr: 0x1000_0000 })
        );
        assert_eq!(
            corrupt(2, 3, 0xFFFF_FFF0),
            Err(Uf2Error::AddressOverflow {
                block: 2,
                addr: 0xFFFF_FFF0
            })
        );
        assert_eq!(
            parse(&good[..1000]),
            Err(Uf2Error::PartialBlock { len: 1000 })
        );
    }

    #[test]
    fn bytes_past_four_gib_are_dropped_not_wrapped() {
        let file = write(
            &[Segment {
                addr: 0xFFFF_FFFE,
                data: vec![1, 2, 3, 4],
            }],
            1,
        );
        let parsed = parse(&file).unwrap();
        assert_eq!(parsed.segments.len(), 1);
        assert_eq!(parsed.segments[0].addr, 0xFFFF_FF00);
        assert_eq!(parsed.segments[0].data[0xFE..], [1, 2]);
    }

    #[test]
    fn garbage_never_panics() {
        let good = write(
            &[Segment {
                addr: 0x1000_0000,
                data: pattern(700, 3),
            }],
            RP2040,
        );
        let mut state = 0x2545_F491_u32;
        for _ in 0..2000 {
            let mut file = good.clone();
            for _ in 0..4 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let at = state as usize % file.len();
                file[at] ^= (state >> 24) as u8 | 1;
            }
            let _ = parse(&file);
        }
    }
}
