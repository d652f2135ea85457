//! Raw binary: the bytes from the lowest segment address to the end of the
//! highest segment, gaps filled with 0xFF (what erased flash holds, so
//! writing a gap changes nothing). The file carries no address; tools that
//! flash it (`dd`, `st-flash write`, `picotool load -o`) take the base
//! address on their command line, so [`base_address`] gives it to the caller.

use super::Segment;
use std::fmt;

/// The largest span [`write`] produces. Real flash is at most a few tens of
/// MiB; a wider span means segments in unrelated memories (flash and RAM),
/// which a flat file cannot represent usefully and would take gigabytes.
pub const MAX_SPAN: u64 = 64 << 20;

/// Why segments cannot be written as one flat file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BinError {
    /// The segments are spread over more than [`MAX_SPAN`] bytes.
    TooWide {
        /// The lowest address.
        base: u32,
        /// One past the highest address.
        end: u64,
    },
}

impl fmt::Display for BinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BinError::TooWide { base, end } => write!(
                f,
                "the firmware spans 0x{base:08X}..0x{end:08X} ({} bytes), too wide for a flat binary (at most {MAX_SPAN} bytes); write UF2 or HEX instead",
                end - u64::from(*base)
            ),
        }
    }
}

impl std::error::Error for BinError {}

/// The address of the first byte [`write`] produces: the lowest segment
/// address, or `None` without segments (or with only empty ones).
pub fn base_address(segments: &[Segment]) -> Option<u32> {
    segments
        .iter()
        .filter(|segment| !segment.data.is_empty())
        .map(|segment| segment.addr)
        .min()
}

/// Lays the segments out flat from [`base_address`], gaps filled with 0xFF.
/// Where segments overlap, the later one wins. No segments give no bytes.
pub fn write(segments: &[Segment]) -> Result<Vec<u8>, BinError> {
    let Some(base) = base_address(segments) else {
        return Ok(Vec::new());
    };
    let filled = || segments.iter().filter(|segment| !segment.data.is_empty());
    let end = filled().map(Segment::end).max().unwrap_or(u64::from(base));
    let span = end - u64::from(base);
    if span > MAX_SPAN {
        return Err(BinError::TooWide { base, end });
    }
    // `span` is at most MAX_SPAN, so these fit in usize.
    let mut bytes = vec![0xFF; span as usize];
    for segment in filled() {
        let start = (segment.addr - base) as usize;
        bytes[start..start + segment.data.len()].copy_from_slice(&segment.data);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_segments_with_a_gap_are_filled_with_ff() {
        let segments = [
            Segment {
                addr: 0x1000_0010,
                data: vec![5, 6],
            },
            Segment {
                addr: 0x1000_0000,
                data: vec![1, 2, 3],
            },
        ];
        assert_eq!(base_address(&segments), Some(0x1000_0000));
        let mut expected = vec![1, 2, 3];
        expected.extend([0xFF; 13]);
        expected.extend([5, 6]);
        assert_eq!(write(&segments), Ok(expected));
    }

    #[test]
    fn nothing_in_gives_nothing_out() {
        assert_eq!(base_address(&[]), None);
        assert_eq!(write(&[]), Ok(vec![]));
        let empty = [
            Segment {
                addr: 0x2000_0000,
                data: vec![],
            },
            Segment {
                addr: 8,
                data: vec![7],
            },
        ];
        assert_eq!(base_address(&empty), Some(8));
        assert_eq!(write(&empty), Ok(vec![7]));
    }

    #[test]
    fn flash_and_ram_together_are_refused_not_allocated() {
        let segments = [
            Segment {
                addr: 0x1000_0000,
                data: vec![1],
            },
            Segment {
                addr: 0xFFFF_FFFF,
                data: vec![2],
            },
        ];
        let error = write(&segments).unwrap_err();
        assert_eq!(
            error,
            BinError::TooWide {
                base: 0x1000_0000,
                end: 0x1_0000_0000
            }
        );
        assert!(
            error.to_string().contains("0x10000000..0x100000000"),
            "{error}"
        );
    }
}
