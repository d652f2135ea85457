//! Tests of the layers behind the public API: flashing through probe-rs's
//! `FakeProbe`, the progress mapping, sorting attach errors, and the
//! monitor's semihosting answers.
//!
//! probe-rs 0.32's `FakeProbe::with_mocked_core()` goes through a real
//! attach (including the nRF52 APPROTECT check, whose access-port read the
//! test scripts) but cannot run a flash algorithm: the mocked core never
//! halts, so erasing fails after probe-rs announced its progress bars. That
//! is enough to check the order of our events, that probe-rs's erase total
//! equals our plan's, and how failures are reported. The monitor's stop
//! and unexpected-halt paths run against the same mocked core; RTT and
//! semihosting need real target memory, which the mock does not have.

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Duration;

use probe_rs::architecture::arm::FullyQualifiedApAddress;
use probe_rs::flashing::{ProgressEvent, ProgressOperation};
use probe_rs::probe::ProbeCreationError;
use probe_rs::probe::fake_probe::{FakeProbe, Operation as FakeOp};
use probe_rs::semihosting::ExitErrorDetails;

use super::*;
use crate::progress::ProgressMap;

fn info(name: &str, vid: u16, pid: u16, serial: Option<&str>) -> ProbeInfo {
    ProbeInfo {
        name: name.into(),
        vid,
        pid,
        serial: serial.map(Into::into),
        kind: "Fake".into(),
    }
}

/// A fake probe behind which sits a mocked Cortex-M core. `approtect` is
/// what the nRF52 CTRL-AP's APPROTECTSTATUS register reads (0: locked);
/// `None` for chips whose attach does not read it.
fn fake(approtect: Option<u32>) -> Probe {
    let fake = FakeProbe::with_mocked_core();
    if let Some(result) = approtect {
        fake.expect_operation(FakeOp::ReadRawApRegister {
            ap: FullyQualifiedApAddress::v1_with_default_dp(1),
            address: 0x0C,
            result,
        });
    }
    fake.into_probe()
}

struct Run {
    result: Result<Flashed, FlashError>,
    events: Vec<Event>,
    opened: Vec<usize>,
}

/// Flashes `elf` to `chip` with the probes `found`, opening a fake probe
/// (see [`fake`]) for whichever is chosen.
fn run(
    chip: &str,
    elf: &[u8],
    found: &[ProbeInfo],
    opts: &FlashOptions,
    approtect: Option<u32>,
) -> Run {
    let job = Job {
        board: "testboard",
        chip,
        elf,
        file: Path::new("build/fw.elf"),
        opts,
    };
    let mut events = Vec::new();
    let mut opened = Vec::new();
    let result = flash_with(
        found,
        &mut |i| {
            opened.push(i);
            Ok(fake(approtect))
        },
        &job,
        &mut |e| events.push(e),
    );
    Run {
        result,
        events,
        opened,
    }
}

fn one_probe() -> Vec<ProbeInfo> {
    vec![info("CMSIS-DAP", 0x0d28, 0x0204, Some("A1"))]
}

#[test]
fn flashing_through_the_fake_probe_attaches_plans_and_starts_erasing() {
    // (chip, approtect, flash start). Not the RP2040: its reset sequence
    // reaches a part of the mocked core that probe-rs left unimplemented.
    let cases = [
        ("nRF52840_xxAA", Some(1), 0x0),
        ("nRF51822_xxAA", None, 0x0),
    ];
    for (chip, approtect, base) in cases {
        let elf = common::elf32(&[common::load(base, 300), common::load(base + 0x2000, 16)]);
        let r = run(
            chip,
            &elf,
            &one_probe(),
            &FlashOptions::default(),
            approtect,
        );
        let expected_plan = plan(chip, &elf, None).unwrap();
        let erase_total: u64 = expected_plan.erase.iter().map(Region::len).sum();
        assert_eq!(
            r.events,
            vec![
                Event::Attached {
                    probe: one_probe()[0].clone(),
                    chip: chip.to_owned()
                },
                Event::Planned(expected_plan),
                Event::Started {
                    op: Operation::Erase,
                    total: erase_total
                },
            ],
            "{chip}"
        );
        // The mocked core never halts, so the flash algorithm times out.
        let err = r.result.unwrap_err();
        assert!(
            matches!(&err, FlashError::Flash { board, chip: c, file, .. }
                if board == "testboard" && c == chip && file == Path::new("build/fw.elf")),
            "{chip}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            format!("flashing build/fw.elf to the {chip} of board `testboard` failed")
        );
        assert!(std::error::Error::source(&err).is_some());
    }
}

#[test]
fn a_locked_nrf52_is_reported_as_locked_before_anything_happens() {
    let elf = common::elf32(&[common::load(0, 64)]);
    let r = run(
        "nRF52840_xxAA",
        &elf,
        &one_probe(),
        &FlashOptions::default(),
        Some(0),
    );
    assert!(
        matches!(&r.result, Err(FlashError::Locked { board, chip })
            if board == "testboard" && chip == "nRF52840_xxAA"),
        "{:?}",
        r.result
    );
    assert_eq!(r.events, vec![]);
}

#[test]
fn no_probe_fails_before_opening_anything() {
    let elf = common::elf32(&[common::load(0, 64)]);
    let r = run(
        "nRF52840_xxAA",
        &elf,
        &[],
        &FlashOptions::default(),
        Some(1),
    );
    assert!(
        matches!(r.result, Err(FlashError::NoProbe)),
        "{:?}",
        r.result
    );
    assert!(r.opened.is_empty());
    assert!(r.events.is_empty());
}

#[test]
fn a_bad_elf_or_chip_fails_before_opening_a_probe() {
    let good = common::elf32(&[common::load(0, 64)]);
    let cases: [(&str, &[u8]); 3] = [
        ("nRF52840_xxAA", b"not an elf"),
        (
            "nRF52840_xxAA",
            &common::elf32(&[common::load(0x2000_0000, 64)]),
        ),
        ("NoSuchChip", &good),
    ];
    for (chip, elf) in cases {
        let r = run(chip, elf, &one_probe(), &FlashOptions::default(), Some(1));
        assert!(
            matches!(
                r.result,
                Err(FlashError::BadElf(_)
                    | FlashError::OutsideFlash { .. }
                    | FlashError::UnknownChip { .. })
            ),
            "{:?}",
            r.result
        );
        assert!(r.opened.is_empty());
    }
}

#[test]
fn the_selector_decides_which_probe_is_opened() {
    let found = vec![
        info("J-Link", 0x1366, 0x1015, Some("000123")),
        info("CMSIS-DAP", 0x0d28, 0x0204, Some("A1")),
        info("CMSIS-DAP", 0x0d28, 0x0204, Some("B2")),
    ];
    let elf = common::elf32(&[common::load(0, 64)]);
    let select = |s: &str| FlashOptions {
        probe: Some(s.parse().unwrap()),
        ..FlashOptions::default()
    };

    let r = run("nRF51822_xxAA", &elf, &found, &select("0d28:0204:B2"), None);
    assert_eq!(r.opened, vec![2]);
    assert!(matches!(&r.events[0], Event::Attached { probe, .. } if probe == &found[2]));

    let r = run("nRF51822_xxAA", &elf, &found, &select("0d28:0204"), None);
    assert!(r.opened.is_empty());
    assert!(
        matches!(&r.result, Err(FlashError::SeveralProbes { found: f }) if f[..] == found[1..]),
        "{:?}",
        r.result
    );
}

#[test]
fn a_probe_that_cannot_be_opened_is_named() {
    let elf = common::elf32(&[common::load(0, 64)]);
    let opts = FlashOptions::default();
    let job = Job {
        board: "microbit",
        chip: "nRF51822_xxAA",
        elf: &elf,
        file: Path::new("fw.elf"),
        opts: &opts,
    };
    let found = one_probe();
    let result = flash_with(
        &found,
        &mut |_| Err(ProbeCreationError::CouldNotOpen.into()),
        &job,
        &mut |_| {},
    );
    let err = result.unwrap_err();
    assert!(matches!(&err, FlashError::OpenProbe { probe, .. } if probe == &found[0]));
    assert_eq!(
        err.to_string(),
        "could not open the debug probe CMSIS-DAP (0d28:0204:A1)"
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn attach_errors_are_sorted_into_locked_unknown_and_no_answer() {
    let locked = [
        probe_rs::Error::Arm(ArmError::MissingPermissions("erase_all".into())),
        probe_rs::Error::MissingPermissions("erase_all".into()),
    ];
    for e in locked {
        assert!(matches!(
            attach_error(e, "nrf52840dk", "nRF52840_xxAA"),
            FlashError::Locked { board, chip } if board == "nrf52840dk" && chip == "nRF52840_xxAA"
        ));
    }
    let err = attach_error(probe_rs::Error::Timeout, "pico", "RP2040");
    assert!(
        matches!(&err, FlashError::NoAnswer { board, chip, .. } if board == "pico" && chip == "RP2040")
    );
    assert_eq!(
        std::error::Error::source(&err).map(ToString::to_string),
        Some(probe_rs::Error::Timeout.to_string())
    );
}

/// Feeds probe-rs events through the map and returns ours.
fn mapped(events: Vec<ProgressEvent>) -> Vec<Event> {
    let mut map = ProgressMap::default();
    let mut out = Vec::new();
    for e in events {
        map.on(e, &mut |ev| out.push(ev));
    }
    out
}

fn bar(operation: ProgressOperation, total: u64) -> ProgressEvent {
    ProgressEvent::AddProgressBar {
        operation,
        total: Some(total),
    }
}

fn step(operation: ProgressOperation, size: u64) -> ProgressEvent {
    ProgressEvent::Progress {
        operation,
        size,
        time: Duration::from_millis(1),
    }
}

#[test]
fn progress_of_one_flash_algorithm_maps_one_to_one() {
    use ProgressEvent::{Finished, Started};
    use ProgressOperation::{Erase, Fill, Program, Verify};
    let events = mapped(vec![
        ProgressEvent::FlashLayoutReady {
            flash_layout: vec![],
        },
        bar(Erase, 8192),
        bar(Program, 5000),
        bar(Verify, 5000),
        Started(Erase),
        step(Erase, 4096),
        step(Erase, 4096),
        Finished(Erase),
        Started(Fill),
        step(Fill, 10),
        Finished(Fill),
        Started(Program),
        step(Program, 4096),
        step(Program, 904),
        Finished(Program),
        ProgressEvent::DiagnosticMessage {
            message: "hello".into(),
        },
        Started(Verify),
        step(Verify, 5000),
        Finished(Verify),
    ]);
    use Event::{Finished as F, Progress as P, Started as S};
    use Operation as O;
    assert_eq!(
        events,
        vec![
            S {
                op: O::Erase,
                total: 8192
            },
            P {
                op: O::Erase,
                done: 4096
            },
            P {
                op: O::Erase,
                done: 8192
            },
            F { op: O::Erase },
            S {
                op: O::Program,
                total: 5000
            },
            P {
                op: O::Program,
                done: 4096
            },
            P {
                op: O::Program,
                done: 5000
            },
            F { op: O::Program },
            S {
                op: O::Verify,
                total: 5000
            },
            P {
                op: O::Verify,
                done: 5000
            },
            F { op: O::Verify },
        ]
    );
}

#[test]
fn progress_of_two_flash_algorithms_is_folded_per_operation() {
    use ProgressEvent::{Failed, Finished, Started};
    use ProgressOperation::{Erase, Program};
    let events = mapped(vec![
        bar(Erase, 4096),
        bar(Program, 100),
        bar(Erase, 1024),
        bar(Program, 20),
        Started(Erase),
        step(Erase, 4096),
        Finished(Erase),
        Started(Program),
        step(Program, 100),
        Finished(Program),
        Started(Erase),
        step(Erase, 1024),
        Finished(Erase),
        Started(Program),
        step(Program, 20),
        Failed(Program),
    ]);
    use Event::{Finished as F, Progress as P, Started as S};
    use Operation as O;
    assert_eq!(
        events,
        vec![
            S {
                op: O::Erase,
                total: 5120
            },
            P {
                op: O::Erase,
                done: 4096
            },
            S {
                op: O::Program,
                total: 120
            },
            P {
                op: O::Program,
                done: 100
            },
            P {
                op: O::Erase,
                done: 5120
            },
            F { op: O::Erase },
            P {
                op: O::Program,
                done: 120
            },
        ]
    );
}

#[test]
fn a_chip_erase_has_an_unknown_total() {
    let events = mapped(vec![
        ProgressEvent::AddProgressBar {
            operation: ProgressOperation::Erase,
            total: None,
        },
        ProgressEvent::Started(ProgressOperation::Erase),
        ProgressEvent::Finished(ProgressOperation::Erase),
    ]);
    assert_eq!(
        events,
        vec![
            Event::Started {
                op: Operation::Erase,
                total: 0
            },
            Event::Finished {
                op: Operation::Erase
            },
        ]
    );
}

#[test]
fn semihosting_exit_statuses() {
    let cases = [
        // SYS_EXIT_EXTENDED(ADP_Stopped_ApplicationExit, 3)
        (Some(3), None, 0x20026, 3),
        (Some(255), None, 0x20026, 255),
        // SYS_EXIT with another reason (ADP_Stopped_RunTimeErrorUnknown).
        (None, None, 0x20023, 1),
        // SYS_EXIT_EXTENDED with another reason and a subcode.
        (None, Some(7), 0x20024, 1),
    ];
    for (exit_status, subcode, reason, want) in cases {
        let details = ExitErrorDetails {
            reason,
            exit_status,
            subcode,
        };
        assert_eq!(monitor::exit_status(&details), want, "{details:?}");
    }
}

#[test]
fn the_console_file_is_stdout_or_stderr() {
    let cases = [
        (":tt", "w", Some(1)),
        (":tt", "wb", Some(1)),
        (":tt", "a", Some(2)),
        (":tt", "r", None),
        ("/etc/passwd", "w", None),
        ("", "w", None),
    ];
    for (path, mode, want) in cases {
        assert_eq!(
            monitor::console_handle(path, mode).map(|h| h.get()),
            want,
            "{path} {mode}"
        );
    }
}

#[test]
fn the_rtt_control_block_is_found_by_its_symbol() {
    use object::write::{Object, Symbol, SymbolSection};
    use object::{Architecture, BinaryFormat, Endianness, SymbolFlags, SymbolKind, SymbolScope};

    let mut obj = Object::new(BinaryFormat::Elf, Architecture::Arm, Endianness::Little);
    let data = obj.section_id(object::write::StandardSection::Data);
    obj.append_section_data(data, &[0u8; 0x40], 4);
    let symbol = |name: &str, section| Symbol {
        name: name.as_bytes().to_vec(),
        value: 0x20,
        size: 24,
        kind: SymbolKind::Data,
        scope: SymbolScope::Linkage,
        weak: false,
        section,
        flags: SymbolFlags::None,
    };
    obj.add_symbol(symbol("_SEGGER_RTT_not", SymbolSection::Section(data)));
    obj.add_symbol(symbol("_SEGGER_RTT", SymbolSection::Section(data)));
    let with = obj.write().unwrap();
    assert_eq!(elf::rtt_symbol(&with), Some(0x20));

    // An undefined reference to the symbol is not a definition.
    let mut obj = Object::new(BinaryFormat::Elf, Architecture::Arm, Endianness::Little);
    obj.add_symbol(symbol("_SEGGER_RTT", SymbolSection::Undefined));
    assert_eq!(elf::rtt_symbol(&obj.write().unwrap()), None);

    assert_eq!(elf::rtt_symbol(&common::elf32(&[common::load(0, 4)])), None);
    assert_eq!(elf::rtt_symbol(b"\x7fELF garbage"), None);
}

/// A `Flashed` around a fake nRF51822 session (see [`fake`]).
fn fake_flashed() -> Flashed {
    let session = fake(None)
        .attach("nRF51822_xxAA", Permissions::new())
        .unwrap();
    Flashed {
        session,
        board: "microbit".into(),
        chip: "nRF51822_xxAA".into(),
    }
}

#[test]
fn monitoring_ends_when_asked_to_stop() {
    // The mocked memory reads as zeros, so no RTT control block is ever
    // found; the core runs. With `stop` already set, one poll and out.
    let mut flashed = fake_flashed();
    let mut output = Vec::new();
    let stop = AtomicBool::new(true);
    let elf = common::elf32(&[common::load(0, 4)]);
    let status = flashed
        .monitor(&elf, &mut |b| output.extend_from_slice(b), &stop)
        .unwrap();
    assert_eq!(status, None);
    assert!(output.is_empty());
}

#[test]
fn a_core_halting_without_semihosting_ends_the_monitor_with_an_error() {
    let mut flashed = fake_flashed();
    flashed
        .session
        .core(0)
        .unwrap()
        .halt(Duration::from_millis(100))
        .unwrap();
    let stop = AtomicBool::new(false);
    let err = flashed.monitor(&[], &mut |_| {}, &stop).unwrap_err();
    assert!(matches!(err, FlashError::Monitor { .. }), "{err:?}");
    let source = std::error::Error::source(&err).unwrap().to_string();
    // The mocked core reports no halt reason and reads every register as 0.
    assert_eq!(
        source,
        "the core halted (Unknown) at pc 0x00000000 without a semihosting call"
    );
}
