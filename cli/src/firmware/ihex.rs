//! Intel HEX, the text format most vendor flash tools and programmers
//! accept.
//!
//! Each line is a record `:LLAAAATT<data>CC`: byte count, 16-bit address,
//! record type, data, and a checksum that makes all the record's bytes sum
//! to zero. 32-bit addresses come from type 04 (extended linear address)
//! records, which set the upper 16 bits for the data records that follow.

use super::{Segment, coalesce};
use std::fmt;

/// Data bytes per record; 16 is what every tool writes and reads.
const RECORD_DATA: usize = 16;

const DATA: u8 = 0x00;
const END_OF_FILE: u8 = 0x01;
const EXTENDED_SEGMENT_ADDRESS: u8 = 0x02;
const START_SEGMENT_ADDRESS: u8 = 0x03;
const EXTENDED_LINEAR_ADDRESS: u8 = 0x04;
const START_LINEAR_ADDRESS: u8 = 0x05;

const HEX_DIGITS: &[u8; 16] = b"0123456789ABCDEF";

/// Writes segments as Intel HEX: 16-byte data records, a type 04 record
/// whenever the upper 16 address bits change (records never straddle a
/// 64 KiB boundary, so every byte's address is explicit), and the end of
/// file record. Uppercase hex, lines end with `\n`. No start address record:
/// a Cortex-M starts from its vector table, not from the file.
///
/// Bytes past the 32-bit address space are dropped.
pub fn write(segments: &[Segment]) -> String {
    let mut text = String::new();
    let mut upper = None;
    for segment in segments {
        let mut data = segment.data.as_slice();
        let mut addr = u64::from(segment.addr);
        while !data.is_empty() {
            let Ok(addr32) = u32::try_from(addr) else {
                break;
            };
            let high = (addr32 >> 16) as u16;
            if upper != Some(high) {
                record(&mut text, 0, EXTENDED_LINEAR_ADDRESS, &high.to_be_bytes());
                upper = Some(high);
            }
            let low = addr32 as u16;
            let n = data.len().min(RECORD_DATA).min(0x1_0000 - usize::from(low));
            record(&mut text, low, DATA, &data[..n]);
            data = &data[n..];
            addr += n as u64;
        }
    }
    record(&mut text, 0, END_OF_FILE, &[]);
    text
}

/// Appends one record; `data` is at most 255 bytes.
fn record(text: &mut String, addr: u16, kind: u8, data: &[u8]) {
    let [high, low] = addr.to_be_bytes();
    let head = [data.len() as u8, high, low, kind];
    let sum = head
        .iter()
        .chain(data)
        .fold(0u8, |sum, &b| sum.wrapping_add(b));
    text.push(':');
    for &byte in head.iter().chain(data).chain(&[sum.wrapping_neg()]) {
        text.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(HEX_DIGITS[usize::from(byte & 0xF)]));
    }
    text.push('\n');
}

/// Why text is not a valid Intel HEX file. Lines count from 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IhexError {
    /// A non-blank line does not start with `:`.
    MissingColon {
        /// The line number.
        line: usize,
    },
    /// A character after the colon is not a hex digit, or their number is odd.
    BadHex {
        /// The line number.
        line: usize,
    },
    /// The record is shorter than its byte count says, or longer.
    BadLength {
        /// The line number.
        line: usize,
    },
    /// The record's bytes do not sum to zero.
    BadChecksum {
        /// The line number.
        line: usize,
    },
    /// A record type other than 00 to 05.
    UnknownRecordType {
        /// The line number.
        line: usize,
        /// The record type.
        kind: u8,
    },
    /// An address or end-of-file record has the wrong number of data bytes.
    BadRecordLength {
        /// The line number.
        line: usize,
        /// The record type.
        kind: u8,
        /// Its byte count.
        len: usize,
    },
    /// A data record runs past the 32-bit address space.
    AddressOverflow {
        /// The line number.
        line: usize,
    },
    /// A record follows the end-of-file record.
    AfterEndOfFile {
        /// The line number.
        line: usize,
    },
    /// The file has no end-of-file record, so it may be cut short.
    MissingEndOfFile,
    /// Two data records write the same address.
    Overlap {
        /// The first address written twice.
        addr: u32,
    },
}

impl fmt::Display for IhexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IhexError::MissingColon { line } => {
                write!(f, "line {line}: a HEX record starts with `:`")
            }
            IhexError::BadHex { line } => {
                write!(
                    f,
                    "line {line}: the record is not an even number of hex digits"
                )
            }
            IhexError::BadLength { line } => {
                write!(
                    f,
                    "line {line}: the record's length does not match its byte count"
                )
            }
            IhexError::BadChecksum { line } => write!(f, "line {line}: wrong checksum"),
            IhexError::UnknownRecordType { line, kind } => {
                write!(f, "line {line}: unknown record type {kind:02X}")
            }
            IhexError::BadRecordLength { line, kind, len } => write!(
                f,
                "line {line}: a type {kind:02X} record cannot have {len} data bytes"
            ),
            IhexError::AddressOverflow { line } => {
                write!(
                    f,
                    "line {line}: the data runs past the 32-bit address space"
                )
            }
            IhexError::AfterEndOfFile { line } => {
                write!(f, "line {line}: a record after the end-of-file record")
            }
            IhexError::MissingEndOfFile => {
                write!(f, "the HEX file has no end-of-file record; is it complete?")
            }
            IhexError::Overlap { addr } => {
                write!(f, "two HEX records both write address 0x{addr:08X}")
            }
        }
    }
}

impl std::error::Error for IhexError {}

/// Reads Intel HEX text into segments, sorted, touching ones merged.
///
/// Every record's checksum is checked. Blank lines and `\r\n` endings are
/// accepted; start address records (03, 05) are checked and ignored; type
/// 02 (extended segment address) is honoured for files from older tools.
/// A data record's offset is added to its base without wrapping at 64 KiB.
pub fn parse(text: &str) -> Result<Vec<Segment>, IhexError> {
    let mut base: u32 = 0;
    let mut runs: Vec<Segment> = Vec::new();
    let mut ended = false;
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if ended {
            return Err(IhexError::AfterEndOfFile { line: line_no });
        }
        let digits = line
            .strip_prefix(':')
            .ok_or(IhexError::MissingColon { line: line_no })?;
        let bytes = decode_hex(digits).ok_or(IhexError::BadHex { line: line_no })?;
        let Some(&[len, high, low, kind]) = bytes.first_chunk::<4>() else {
            return Err(IhexError::BadLength { line: line_no });
        };
        if bytes.len() != 5 + usize::from(len) {
            return Err(IhexError::BadLength { line: line_no });
        }
        if bytes.iter().fold(0u8, |sum, &b| sum.wrapping_add(b)) != 0 {
            return Err(IhexError::BadChecksum { line: line_no });
        }
        let data = &bytes[4..bytes.len() - 1];
        let expect_len = |wanted: usize| {
            if data.len() == wanted {
                Ok(())
            } else {
                Err(IhexError::BadRecordLength {
                    line: line_no,
                    kind,
                    len: data.len(),
                })
            }
        };
        match kind {
            DATA => {
                let addr = u64::from(base) + u64::from(u16::from_be_bytes([high, low]));
                if addr + data.len() as u64 > 1 << 32 {
                    return Err(IhexError::AddressOverflow { line: line_no });
                }
                // Records usually follow each other; growing the last run
                // saves a vector per 16 bytes. `coalesce` sorts out the rest.
                match runs.last_mut() {
                    Some(last) if last.end() == addr => last.data.extend_from_slice(data),
                    _ => runs.push(Segment {
                        addr: addr as u32,
                        data: data.to_vec(),
                    }),
                }
            }
            END_OF_FILE => {
                expect_len(0)?;
                ended = true;
            }
            EXTENDED_SEGMENT_ADDRESS => {
                expect_len(2)?;
                base = u32::from(u16::from_be_bytes([data[0], data[1]])) << 4;
            }
            EXTENDED_LINEAR_ADDRESS => {
                expect_len(2)?;
                base = u32::from(u16::from_be_bytes([data[0], data[1]])) << 16;
            }
            START_SEGMENT_ADDRESS | START_LINEAR_ADDRESS => expect_len(4)?,
            _ => {
                return Err(IhexError::UnknownRecordType {
                    line: line_no,
                    kind,
                });
            }
        }
    }
    if !ended {
        return Err(IhexError::MissingEndOfFile);
    }
    coalesce(runs).map_err(|addr| IhexError::Overlap { addr })
}

/// Pairs of hex digits (either case) as bytes.
fn decode_hex(digits: &str) -> Option<Vec<u8>> {
    let (pairs, rest) = digits.as_bytes().as_chunks::<2>();
    if !rest.is_empty() {
        return None;
    }
    let nibble = |c: u8| char::from(c).to_digit(16);
    pairs
        .iter()
        .map(|&[high, low]| Some((nibble(high)? << 4 | nibble(low)?) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(13).wrapping_add(seed))
            .collect()
    }

    #[test]
    fn writes_the_textbook_records() {
        let text = write(&[Segment {
            addr: 0x0000_0100,
            data: (0..20).collect(),
        }]);
        assert_eq!(
            text,
            ":020000040000FA\n\
             :10010000000102030405060708090A0B0C0D0E0F77\n\
             :0401100010111213A5\n\
             :00000001FF\n"
        );
    }

    #[test]
    fn a_segment_across_a_64_kib_boundary_splits_there_and_round_trips() {
        let segments = vec![Segment {
            addr: 0x1000_FFF8,
            data: pattern(40, 5),
        }];
        let text = write(&segments);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], ":020000041000EA");
        // 8 bytes up to the boundary, then the new upper address.
        assert!(lines[1].starts_with(":08FFF800"));
        assert_eq!(lines[2], ":020000041001E9");
        assert!(lines[3].starts_with(":10000000"));
        assert_eq!(*lines.last().unwrap(), ":00000001FF");
        assert_eq!(parse(&text), Ok(segments));
    }

    #[test]
    fn several_segments_high_in_the_address_space_round_trip() {
        let segments = vec![
            Segment {
                addr: 0x1000_0000,
                data: pattern(1000, 1),
            },
            Segment {
                addr: 0x1004_0003,
                data: pattern(333, 2),
            },
            Segment {
                addr: 0x2000_0000,
                data: vec![0xAA],
            },
            Segment {
                addr: 0xFFFF_FFF0,
                data: pattern(16, 3),
            },
        ];
        let text = write(&segments);
        assert!(text.ends_with(":00000001FF\n"));
        assert!(text.lines().all(|line| line == line.to_uppercase()));
        assert_eq!(parse(&text), Ok(segments));
    }

    #[test]
    fn every_written_checksum_is_right() {
        let text = write(&[Segment {
            addr: 0x0800_0000,
            data: pattern(300, 9),
        }]);
        for line in text.lines() {
            let bytes = decode_hex(&line[1..]).unwrap();
            assert_eq!(
                bytes.iter().fold(0u8, |s, &b| s.wrapping_add(b)),
                0,
                "{line}"
            );
        }
    }

    #[test]
    fn reads_crlf_lowercase_segment_addresses_and_start_records() {
        let text =
            ":020000021000EC\r\n:0400000501020304ED\r\n:02000000aBcD86\r\n\r\n:00000001FF\r\n";
        assert_eq!(
            parse(text),
            Ok(vec![Segment {
                addr: 0x10000,
                data: vec![0xAB, 0xCD]
            }])
        );
    }

    #[test]
    fn broken_records_name_their_line() {
        let good = write(&[Segment {
            addr: 0x1000_0000,
            data: pattern(40, 4),
        }]);
        let with_line = |n: usize, new: &str| {
            let mut lines: Vec<&str> = good.lines().collect();
            lines[n] = new;
            parse(&lines.join("\n"))
        };
        assert_eq!(
            with_line(1, "10000000000102030405060708090A0B0C0D0E0F78"),
            Err(IhexError::MissingColon { line: 2 })
        );
        assert_eq!(with_line(1, ":1000000"), Err(IhexError::BadHex { line: 2 }));
        assert_eq!(
            with_line(1, ":10000000zz"),
            Err(IhexError::BadHex { line: 2 })
        );
        assert_eq!(
            with_line(1, ":100000000001FF"),
            Err(IhexError::BadLength { line: 2 })
        );
        assert_eq!(with_line(1, ":0000"), Err(IhexError::BadLength { line: 2 }));
        assert_eq!(
            with_line(2, ":0100000000FE"),
            Err(IhexError::BadChecksum { line: 3 })
        );
        assert_eq!(
            with_line(2, ":00000006FA"),
            Err(IhexError::UnknownRecordType { line: 3, kind: 6 })
        );
        assert_eq!(
            with_line(0, ":0100000410EB"),
            Err(IhexError::BadRecordLength {
                line: 1,
                kind: 4,
                len: 1
            })
        );
        assert_eq!(
            parse(":02000004FFFFFC\n:02FFFF000102FD\n:00000001FF\n"),
            Err(IhexError::AddressOverflow { line: 2 })
        );
        assert_eq!(
            parse(":00000001FF\n:0100000000FF\n"),
            Err(IhexError::AfterEndOfFile { line: 2 })
        );
        assert_eq!(parse(":0100000000FF\n"), Err(IhexError::MissingEndOfFile));
        assert_eq!(
            parse(":0100000000FF\n:0100000000FF\n:00000001FF\n"),
            Err(IhexError::Overlap { addr: 0 })
        );
    }

    #[test]
    fn garbage_never_panics() {
        let good = write(&[Segment {
            addr: 0x1000_0000,
            data: pattern(64, 3),
        }]);
        let mut state = 0x9E37_79B9_u32;
        for _ in 0..2000 {
            let mut bytes = good.clone().into_bytes();
            for _ in 0..3 {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                let at = state as usize % bytes.len();
                bytes[at] = b"0123456789ABCDEF:\n\r zG\x7f"[(state >> 24) as usize % 23];
            }
            let _ = parse(&String::from_utf8_lossy(&bytes));
        }
        for cut in 0..good.len() {
            let _ = parse(&good[..cut]);
        }
    }
}
