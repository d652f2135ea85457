//! What each error says, and that the wrapped ones keep their source.

use std::error::Error as _;
use std::path::PathBuf;

#[path = "common/probe_info.rs"]
mod probe_info;

use flasher::{FlashError, ProbeSelector, Region};
use probe_info::probe;

fn io(msg: &str) -> Box<dyn std::error::Error + Send + Sync> {
    Box::new(std::io::Error::other(msg.to_owned()))
}

#[test]
fn errors_say_what_went_wrong_and_where() {
    let dap = probe("CMSIS-DAP", 0x0d28, 0x0204, Some("A1"));
    let pico = probe("Picoprobe", 0x2e8a, 0x000c, None);
    let cases: Vec<(FlashError, &str, Option<&str>)> = vec![
        (FlashError::NoProbe, "no debug probe is connected", None),
        (
            FlashError::ProbeNotFound {
                wanted: ProbeSelector {
                    vid: 0x1366,
                    pid: 0x1015,
                    serial: None,
                },
                found: vec![dap.clone(), pico.clone()],
            },
            "no debug probe matches 1366:1015; connected: CMSIS-DAP (0d28:0204:A1), Picoprobe (2e8a:000c)",
            None,
        ),
        (
            FlashError::SeveralProbes {
                found: vec![dap.clone(), pico.clone()],
            },
            "2 debug probes could be meant; select one by VID:PID[:SERIAL]: CMSIS-DAP (0d28:0204:A1), Picoprobe (2e8a:000c)",
            None,
        ),
        (
            FlashError::OpenProbe {
                probe: pico.clone(),
                source: io("permission denied"),
            },
            "could not open the debug probe Picoprobe (2e8a:000c)",
            Some("permission denied"),
        ),
        (
            FlashError::UnknownChip {
                chip: "RP2041".into(),
            },
            "probe-rs does not know a chip named `RP2041`",
            None,
        ),
        (
            FlashError::NoAnswer {
                board: "pico".into(),
                chip: "RP2040".into(),
                source: io("timeout"),
            },
            "the RP2040 of board `pico` did not answer the debug probe (is it powered and wired?)",
            Some("timeout"),
        ),
        (
            FlashError::Locked {
                board: "nrf52840dk".into(),
                chip: "nRF52840_xxAA".into(),
            },
            "the nRF52840_xxAA of board `nrf52840dk` is locked (access port protection); \
             unlocking it erases its whole flash, which was not allowed",
            None,
        ),
        (
            FlashError::OutsideFlash {
                chip: "nRF52840_xxAA".into(),
                start: 0x2000_0000,
                end: 0x2000_0100,
                nvm: vec![
                    Region {
                        name: "flash0".into(),
                        start: 0,
                        end: 0x10_0000,
                    },
                    Region {
                        name: "flash1".into(),
                        start: 0x1000_1000,
                        end: 0x1000_2000,
                    },
                ],
            },
            "the ELF loads bytes at 0x20000000..0x20000100, outside the flash of nRF52840_xxAA \
             (0x00000000..0x00100000, 0x10001000..0x10002000)",
            None,
        ),
        (
            FlashError::NoFlashAlgorithm {
                chip: "X".into(),
                start: 0x800_0000,
                end: 0x810_0000,
            },
            "probe-rs has no single flash algorithm for X's flash at 0x08000000..0x08100000",
            None,
        ),
        (
            FlashError::BadElf("it has no loadable segments".into()),
            "the firmware is not a usable ELF file: it has no loadable segments",
            None,
        ),
        (
            FlashError::Flash {
                board: "microbit".into(),
                chip: "nRF51822_xxAA".into(),
                file: PathBuf::from("build/microbit/firmware.elf"),
                source: io("verify failed"),
            },
            "flashing build/microbit/firmware.elf to the nRF51822_xxAA of board `microbit` failed",
            Some("verify failed"),
        ),
        (
            FlashError::Monitor {
                source: io("usb gone"),
            },
            "monitoring the board's output failed",
            Some("usb gone"),
        ),
    ];
    for (error, says, source) in cases {
        assert_eq!(error.to_string(), says);
        assert_eq!(
            error.source().map(ToString::to_string).as_deref(),
            source,
            "{says}"
        );
    }
}

#[test]
fn errors_cross_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<FlashError>();
}
