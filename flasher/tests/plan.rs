//! `plan()` against probe-rs's real built-in chip database, with small
//! hand-assembled ELFs and with the runtimes mpc ships.

mod common;

use std::ops::Range;
use std::path::PathBuf;

use common::{Seg, bss, elf32, load};
use flasher::{FlashError, Plan, Region, plan};

fn r(name: &str, range: Range<u64>) -> Region {
    Region {
        name: name.into(),
        start: range.start,
        end: range.end,
    }
}

/// The plan for `segs` on `chip` must have these erase and write ranges.
fn check(
    chip: &str,
    segs: &[Seg],
    only: Option<Range<u64>>,
    erase: &[Region],
    write: &[Region],
) -> Plan {
    let p = plan(chip, &elf32(segs), only).unwrap_or_else(|e| panic!("{chip}: {e}"));
    assert_eq!(p.erase, erase, "{chip}: erase");
    assert_eq!(p.write, write, "{chip}: write");
    assert_eq!(
        p.bytes,
        write.iter().map(Region::len).sum::<u64>(),
        "{chip}: bytes"
    );
    p
}

/// `segs` on `chip` must be refused as outside flash, naming `start..end`.
fn check_outside(chip: &str, segs: &[Seg], start: u64, end: u64) {
    match plan(chip, &elf32(segs), None) {
        Err(e @ FlashError::OutsideFlash { .. }) => {
            let FlashError::OutsideFlash {
                chip: c,
                start: s,
                end: en,
                ..
            } = &e
            else {
                unreachable!()
            };
            assert_eq!((c.as_str(), *s, *en), (chip, start, end));
            assert!(e.to_string().contains(&format!("{start:#010x}")), "{e}");
        }
        other => panic!("{chip}: expected OutsideFlash at {start:#x}, got {other:?}"),
    }
}

#[test]
fn rp2040() {
    let p = check(
        "RP2040",
        &[
            load(0x1000_0100, 0x1000),
            load(0x1000_0000, 0x100),
            bss(0x2000_0000, 0x400),
        ],
        None,
        &[r("flash", 0x1000_0000..0x1000_2000)],
        &[r("flash", 0x1000_0000..0x1000_1100)],
    );
    assert_eq!(p.chip, "RP2040");
    // probe-rs gives the RP2040 the whole 0x10000000..0x18000000 window, not the Pico's 2 MiB.
    assert_eq!(p.nvm, [r("flash", 0x1000_0000..0x1800_0000)]);

    check_outside(
        "RP2040",
        &[load(0x1000_0000, 16), load(0x2000_0000, 0x100)],
        0x2000_0000,
        0x2000_0100,
    );
    check_outside(
        "RP2040",
        &[load(0x17ff_ff00, 0x200)],
        0x17ff_ff00,
        0x1800_0100,
    );
}

#[test]
fn nrf52840() {
    let p = check(
        "nRF52840_xxAA",
        &[load(0x0, 0x400), load(0x1000, 0x10), load(0xf_f000, 8)],
        None,
        &[r("flash0", 0x0..0x2000), r("flash0", 0xf_f000..0x10_0000)],
        &[
            r("flash0", 0x0..0x400),
            r("flash0", 0x1000..0x1010),
            r("flash0", 0xf_f000..0xf_f008),
        ],
    );
    // The UICR is flash too, and can be written.
    assert_eq!(
        p.nvm,
        [
            r("flash0", 0x0..0x10_0000),
            r("flash1", 0x1000_1000..0x1000_2000)
        ]
    );
    check(
        "nRF52840_xxAA",
        &[load(0x1000_1014, 4)],
        None,
        &[r("flash1", 0x1000_1000..0x1000_2000)],
        &[r("flash1", 0x1000_1014..0x1000_1018)],
    );

    check_outside(
        "nRF52840_xxAA",
        &[load(0x2000_0000, 64)],
        0x2000_0000,
        0x2000_0040,
    );
    check_outside("nRF52840_xxAA", &[load(0x10_0000, 4)], 0x10_0000, 0x10_0004);
    check_outside(
        "nRF52840_xxAA",
        &[load(0xf_fff0, 0x20)],
        0xf_fff0,
        0x10_0010,
    );
}

#[test]
fn nrf51822() {
    let p = check(
        "nRF51822_xxAA",
        &[load(0x0, 0x500)],
        None,
        // 1 KiB sectors, from the `nrf51xxx_sde` algorithm (the default of three).
        &[r("flash", 0x0..0x800)],
        &[r("flash", 0x0..0x500)],
    );
    assert_eq!(p.nvm, [r("flash", 0x0..0x4_0000)]);
    check_outside("nRF51822_xxAA", &[load(0x4_0000, 4)], 0x4_0000, 0x4_0004);
    check_outside(
        "nRF51822_xxAA",
        &[load(0x2000_0000, 4)],
        0x2000_0000,
        0x2000_0004,
    );
}

#[test]
fn only_keeps_the_bytes_inside_the_range() {
    let segs = [
        load(0x1000_0000, 0x100),
        load(0x1000_0800, 0x1000),
        // RAM: outside flash, but also outside the range, so skipped.
        load(0x2000_0000, 0x100),
    ];
    check(
        "RP2040",
        &segs,
        Some(0x1000_1000..0x1000_2000),
        &[r("flash", 0x1000_1000..0x1000_2000)],
        &[r("flash", 0x1000_1000..0x1000_1800)],
    );
    check(
        "RP2040",
        &segs,
        Some(0x1000_0000..0x1800_0000),
        &[r("flash", 0x1000_0000..0x1000_2000)],
        &[
            r("flash", 0x1000_0000..0x1000_0100),
            r("flash", 0x1000_0800..0x1000_1800),
        ],
    );
    match plan("RP2040", &elf32(&segs), Some(0x1008_0000..0x1020_0000)) {
        Err(FlashError::BadElf(why)) => assert!(why.contains("0x10080000..0x10200000"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_chip_name_prefix_resolves_to_the_full_name() {
    let p = plan("nRF52840", &elf32(&[load(0, 4)]), None).unwrap();
    assert_eq!(p.chip, "nRF52840_xxAA");
}

#[test]
fn an_unknown_chip_is_refused() {
    match plan("NoSuchChip9000", &elf32(&[load(0, 4)]), None) {
        Err(FlashError::UnknownChip { chip }) => assert_eq!(chip, "NoSuchChip9000"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn bad_elfs_are_refused_with_a_reason() {
    let good = elf32(&[load(0, 0x40)]);
    let mut past_end = good.clone();
    past_end.truncate(good.len() - 1);
    let mut phoff_far = good.clone();
    phoff_far[28..32].copy_from_slice(&0x7fff_fff0u32.to_le_bytes());
    let cases: [(&str, Vec<u8>, &str); 7] = [
        ("empty", vec![], ""),
        ("text", b"hello, world".to_vec(), ""),
        ("magic only", b"\x7fELF".to_vec(), ""),
        ("segment past the end", past_end, "past the end of the file"),
        ("program headers far away", phoff_far, "program headers"),
        (
            "overlapping",
            elf32(&[load(0, 0x100), load(0x80, 0x100)]),
            "overlap at 0x00000080..0x00000100",
        ),
        (
            "nothing loadable",
            elf32(&[
                bss(0, 0x100),
                Seg {
                    p_type: common::PT_NOTE,
                    ..load(0, 4)
                },
            ]),
            "no loadable segments",
        ),
    ];
    for (what, elf, reason) in cases {
        match plan("nRF52840_xxAA", &elf, None) {
            Err(FlashError::BadElf(why)) => assert!(why.contains(reason), "{what}: {why}"),
            other => panic!("{what}: expected BadElf, got {other:?}"),
        }
    }
}

/// Every prefix and many single-byte corruptions of a valid ELF give a
/// plan or `BadElf`, never a panic.
#[test]
fn damaged_elfs_never_panic() {
    let good = elf32(&[load(0, 0x40), load(0x1000, 0x10), bss(0x2000_0000, 0x100)]);
    for len in 0..good.len() {
        let result = plan("nRF52840_xxAA", &good[..len], None);
        assert!(
            matches!(result, Err(FlashError::BadElf(_))),
            "prefix {len}: {result:?}"
        );
    }
    // A small deterministic generator, so a failure can be replayed.
    let mut state: u32 = 0x1234_5678;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    let header_and_phdrs = 52 + 3 * 32;
    for _ in 0..5000 {
        let mut elf = good.clone();
        let at = next() as usize % header_and_phdrs;
        elf[at] = next() as u8;
        let result = plan("nRF52840_xxAA", &elf, None);
        assert!(
            matches!(
                result,
                Ok(_) | Err(FlashError::BadElf(_) | FlashError::OutsideFlash { .. })
            ),
            "byte {at}: {result:?}"
        );
    }
}

/// The runtimes `cargo run -p xtask -- firmware` builds, each planned
/// against its board's chip: everything they load lands in flash.
#[test]
fn the_runtimes_fit_their_chips() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/runtimes");
    for (runtime, chip) in [
        ("pico", "RP2040"),
        ("nrf52840dk", "nRF52840_xxAA"),
        ("microbit", "nRF51822_xxAA"),
    ] {
        let path = dir.join(format!("{runtime}.elf"));
        let elf = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{} is missing ({e}): build the runtimes first with `cargo run -p xtask -- firmware`",
                path.display()
            )
        });
        let p = plan(chip, &elf, None).unwrap_or_else(|e| panic!("{runtime}: {e}"));

        let parsed = goblin::elf::Elf::parse(&elf).unwrap();
        let loadable: u64 = parsed
            .program_headers
            .iter()
            .filter(|ph| ph.p_type == goblin::elf::program_header::PT_LOAD)
            .map(|ph| ph.p_filesz)
            .sum();
        assert_eq!(p.bytes, loadable, "{runtime}: bytes");
        for w in &p.write {
            assert!(
                p.nvm.iter().any(|n| n.start <= w.start && w.end <= n.end),
                "{runtime}: {w:?}"
            );
            assert!(
                p.erase.iter().any(|e| e.start <= w.start && w.end <= e.end),
                "{runtime}: {w:?}"
            );
        }
        let first = p.write.first().map(|w| w.start);
        let flash_start = p.nvm[0].start;
        assert_eq!(
            first,
            Some(flash_start),
            "{runtime}: starts at the vector table / boot2"
        );
    }
}
