//! The board table: every board mpc builds firmware for, as data.
//!
//! The table is `targets/boards.toml`, embedded at compile time, so the
//! `mpc` binary needs no file next to it to know its boards. Nothing else in
//! mpc hard-codes a board: the runtimes' `memory.x` files are checked
//! against this table by a test, and the flasher gets the chip name from it.

use serde::Deserialize;

const TABLE: &str = include_str!("../../targets/boards.toml");

/// One board.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub name: String,
    pub description: String,
    /// The chip as probe-rs names it; empty for an emulator-only board.
    pub chip: String,
    /// The Rust target triple of the runtime.
    pub target: String,
    /// The firmware crate under `targets/`.
    pub runtime: String,
    /// The cargo profile the runtime is built with (`speed` or `size`).
    pub profile: String,
    /// `[start, size]` of flash.
    pub flash: [u32; 2],
    /// `[start, size]` of RAM.
    pub ram: [u32; 2],
    /// `[start, size]` of the flash region holding the image.
    pub image: [u32; 2],
    /// UF2 family ID, for boards with a UF2 bootloader.
    pub uf2_family: Option<u32>,
    /// The start of the `Board-ID:` line of the bootloader drive's
    /// `INFO_UF2.TXT`.
    pub uf2_board_id: Option<String>,
    /// `uart:TX_PIN` or `semihosting`.
    pub console: String,
    /// GPIO of the user LED.
    pub led: u32,
    /// Number of GPIOs.
    pub pins: u32,
    pub cpu_hz: u32,
    /// The QEMU machine that runs the firmware unchanged, if any.
    pub qemu: Option<String>,
}

impl Board {
    pub fn image_start(&self) -> u32 {
        self.image[0]
    }

    pub fn image_size(&self) -> u32 {
        self.image[1]
    }

    /// Can probe-rs flash this board?
    pub fn flashable(&self) -> bool {
        !self.chip.is_empty()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    board: Vec<Board>,
}

/// Every board, in the table's order.
pub fn all() -> Vec<Board> {
    // The table is part of the binary and a test parses it, so a failure
    // here is a build defect, not user input.
    toml::from_str::<Table>(TABLE)
        .map(|t| t.board)
        .unwrap_or_else(|e| panic!("targets/boards.toml is invalid: {e}"))
}

/// The board called `name`.
pub fn find(name: &str) -> Option<Board> {
    all().into_iter().find(|b| b.name == name)
}

/// Board names, for "expected one of …" messages.
pub fn names() -> Vec<String> {
    all().into_iter().map(|b| b.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_consistent() {
        let boards = all();
        assert!(boards.len() >= 4);
        for b in &boards {
            let [fs, fl] = b.flash;
            let [is, il] = b.image;
            assert_eq!(is % 4096, 0, "{}: image region not 4 KiB aligned", b.name);
            assert!(
                is >= fs && is as u64 + il as u64 <= fs as u64 + fl as u64,
                "{}: image region outside flash",
                b.name
            );
            assert!(b.led < b.pins, "{}: LED pin out of range", b.name);
            assert!(
                b.console == "semihosting" || b.console.starts_with("uart:"),
                "{}: unknown console {}",
                b.name,
                b.console
            );
        }
        let pico = find("pico").unwrap();
        assert_eq!(pico.chip, "RP2040");
        assert_eq!(pico.uf2_family, Some(0xe48b_ff56));
        assert_eq!(pico.led, 25);
        assert_eq!(find("nrf52840dk").unwrap().uf2_family, Some(0xada5_2840));
        assert_eq!(find("microbit").unwrap().qemu.as_deref(), Some("microbit"));
        assert!(find("nope").is_none());
    }
}
