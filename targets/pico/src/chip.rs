//! The RP2040 blocks the runtime uses, by direct register writes: resets,
//! the crystal oscillator, PLL_SYS and the clock generators, the watchdog's
//! tick (which paces TIMER), UART0, TIMER and GPIO through SIO.
//!
//! Registers are written directly rather than through `rp2040-hal`: the
//! drivers stay small, are easy to check against the datasheet (section
//! numbers below are from the RP2040 datasheet), and never call into the
//! boot ROM, which the rp2040js emulator does not have (the HAL's ROM float
//! routines would jump into zeros there).

use core::ptr::{read_volatile, write_volatile};
use runtime_core::{PinMode, PinPull};

const RESETS: usize = 0x4000_C000;
const CLOCKS: usize = 0x4000_8000;
const XOSC: usize = 0x4002_4000;
const PLL_SYS: usize = 0x4002_8000;
const WATCHDOG: usize = 0x4005_8000;
const TIMER: usize = 0x4005_4000;
const IO_BANK0: usize = 0x4001_4000;
const PADS_BANK0: usize = 0x4001_C000;
const UART0: usize = 0x4003_4000;
const SIO: usize = 0xD000_0000;

/// APB registers have atomic aliases (2.1.2): writing at +0x2000 sets the
/// bits written, at +0x3000 clears them.
const SET: usize = 0x2000;
const CLR: usize = 0x3000;

fn write(base: usize, offset: usize, v: u32) {
    // SAFETY: callers pass the base of an RP2040 block and the offset of one
    // of its registers (or its set/clear alias); MMIO writes have no other
    // effect on memory Rust knows about.
    unsafe { write_volatile((base + offset) as *mut u32, v) }
}

fn read(base: usize, offset: usize) -> u32 {
    // SAFETY: as for `write`.
    unsafe { read_volatile((base + offset) as *const u32) }
}

/// RESETS bits (2.14.3).
const RESET_IO_BANK0: u32 = 1 << 5;
const RESET_PADS_BANK0: u32 = 1 << 8;
const RESET_PLL_SYS: u32 = 1 << 12;
const RESET_TIMER: u32 = 1 << 21;
const RESET_UART0: u32 = 1 << 22;

/// Puts the blocks in `mask` through reset and waits until they are out.
fn reset(mask: u32) {
    write(RESETS, SET, mask);
    write(RESETS, CLR, mask);
    while read(RESETS, 0x8) & mask != mask {} // RESET_DONE
}

pub const XOSC_HZ: u32 = 12_000_000;
const PLL_HZ: u32 = 125_000_000;

/// How many times to poll PLL_SYS's LOCK bit before giving up. The PLL
/// locks within about 10 µs; at the ring oscillator's slowest (about
/// 1.8 MHz) 100 000 polls take well over 100 ms.
const PLL_LOCK_POLLS: u32 = 100_000;

/// Sets the clocks up as the Pico SDK does (2.15, 2.16, 2.18): clk_ref
/// from the 12 MHz crystal, clk_sys and clk_peri from PLL_SYS at 125 MHz,
/// and the watchdog tick at 1 MHz for TIMER. Should the PLL not lock, clk_sys
/// stays on clk_ref (the crystal). Returns clk_sys (= clk_peri) in Hz.
pub fn init_clocks() -> u32 {
    // Run from the ring oscillator while the crystal and PLL are (re)started:
    // clk_sys from clk_ref (SRC = 0), clk_ref from the ROSC (SRC = 0). Both
    // muxes are glitchless; SELECTED confirms each switch.
    write(CLOCKS, 0x78, 0); // CLK_SYS_RESUS_CTRL: off
    write(CLOCKS, 0x3c + CLR, 1); // CLK_SYS_CTRL.SRC = clk_ref
    while read(CLOCKS, 0x44) != 1 {} // CLK_SYS_SELECTED
    write(CLOCKS, 0x30 + CLR, 3); // CLK_REF_CTRL.SRC = rosc
    while read(CLOCKS, 0x38) != 1 {} // CLK_REF_SELECTED

    // The crystal (2.16): 1-15 MHz range, ~1 ms start-up delay (in units
    // of 256 crystal cycles), then enable and wait until stable.
    write(XOSC, 0x00, 0xaa0); // CTRL.FREQ_RANGE = 1_15MHZ
    write(XOSC, 0x0c, (XOSC_HZ / 1000).div_ceil(256)); // STARTUP.DELAY
    write(XOSC, SET, 0xfab << 12); // CTRL.ENABLE (set alias of CTRL)
    while read(XOSC, 0x04) & (1 << 31) == 0 {} // STATUS.STABLE

    // PLL_SYS (2.18.2): 12 MHz / REFDIV 1 * FBDIV 125 = VCO 1500 MHz,
    // / POSTDIV1 6 / POSTDIV2 2 = 125 MHz.
    reset(RESET_PLL_SYS);
    write(PLL_SYS, 0x00, 1); // CS.REFDIV
    write(PLL_SYS, 0x08, 125); // FBDIV_INT
    write(PLL_SYS, 0x04 + CLR, (1 << 0) | (1 << 5)); // PWR: PD, VCOPD off
    let locked = (0..PLL_LOCK_POLLS).any(|_| read(PLL_SYS, 0x00) & (1 << 31) != 0);
    if locked {
        write(PLL_SYS, 0x0c, (6 << 16) | (2 << 12)); // PRIM: POSTDIV1, 2
        write(PLL_SYS, 0x04 + CLR, 1 << 3); // PWR.POSTDIVPD off
    }

    // clk_ref from the crystal, divided by 1.
    write(CLOCKS, 0x34, 1 << 8); // CLK_REF_DIV
    write(CLOCKS, 0x30, 2); // CLK_REF_CTRL.SRC = xosc
    while read(CLOCKS, 0x38) != 1 << 2 {}

    // clk_sys: pick the PLL on the aux mux while the glitchless mux is on
    // clk_ref, then switch to aux.
    write(CLOCKS, 0x40, 1 << 8); // CLK_SYS_DIV
    let sys_hz = if locked {
        write(CLOCKS, 0x3c, 0); // CLK_SYS_CTRL.AUXSRC = pll_sys
        write(CLOCKS, 0x3c + SET, 1); // SRC = aux
        while read(CLOCKS, 0x44) != 1 << 1 {}
        PLL_HZ
    } else {
        XOSC_HZ
    };

    // clk_peri (the UART's clock) from clk_sys: stop it, give the stop a
    // few cycles to reach the generator (the SDK waits 3 of clk_peri's),
    // select the source, restart.
    write(CLOCKS, 0x48, 0);
    cortex_m::asm::delay(64);
    write(CLOCKS, 0x48, 1 << 11); // CLK_PERI_CTRL: ENABLE, AUXSRC = clk_sys

    // The watchdog's tick divides clk_ref down to the 1 MHz that TIMER
    // counts (4.7.2): CYCLES = 12, ENABLE.
    write(WATCHDOG, 0x2c, (XOSC_HZ / 1_000_000) | (1 << 9));
    sys_hz
}

/// Takes IO, pads, UART0 and TIMER through reset, and clears SIO's GPIO
/// outputs, which a soft reset (`machine.reset()`) leaves as they were.
/// Call after [`init_clocks`].
pub fn init_peripherals() {
    reset(RESET_IO_BANK0 | RESET_PADS_BANK0 | RESET_UART0 | RESET_TIMER);
    write(SIO, GPIO_OE_CLR, ALL_PINS);
    write(SIO, GPIO_OUT_CLR, ALL_PINS);
}

/// UART0 (a PL011, 4.2): 115200 baud, 8N1, FIFOs on, TX on GPIO0.
pub struct Uart;

impl Uart {
    /// Sets the baud rate from `clk_peri` (Hz) as the Pico SDK computes it,
    /// then routes GPIO0 to UART0 TX (function 2).
    pub fn init(clk_peri: u32) {
        const BAUD: u32 = 115_200;
        // Baud divisor in 16.6 fixed point: clk / (16 * baud).
        let div = 8 * clk_peri / BAUD;
        let (ibrd, fbrd) = match div >> 7 {
            0 => (1, 0),
            i if i >= 0xffff => (0xffff, 0),
            i => (i, (div & 0x7f).div_ceil(2)),
        };
        write(UART0, 0x24, ibrd); // UARTIBRD
        write(UART0, 0x28, fbrd); // UARTFBRD
        // UARTLCR_H latches the divisors: 8 bits, FIFOs on.
        write(UART0, 0x2c, (3 << 5) | (1 << 4));
        write(UART0, 0x30, (1 << 0) | (1 << 8) | (1 << 9)); // UARTCR: EN, TXE, RXE
        write(IO_BANK0, 0x04, 2); // GPIO0_CTRL.FUNCSEL = uart0_tx
    }

    /// Writes bytes, turning `\n` into `\r\n` as serial terminals expect
    /// (MicroPython does the same).
    pub fn write(bytes: &[u8]) {
        for &b in bytes {
            if b == b'\n' {
                Self::put(b'\r');
            }
            Self::put(b);
        }
    }

    fn put(b: u8) {
        while read(UART0, 0x18) & (1 << 5) != 0 {} // UARTFR.TXFF
        write(UART0, 0x00, b as u32); // UARTDR
    }

    /// Waits until the last byte has left the shift register, so a reset
    /// right after does not cut a message short.
    pub fn flush() {
        while read(UART0, 0x18) & (1 << 3) != 0 {} // UARTFR.BUSY
    }
}

/// TIMER's 64-bit microsecond counter (4.6). Reading TIMELR latches the
/// high half into TIMEHR, so the pair is consistent.
pub fn now_us() -> u64 {
    let lo = read(TIMER, 0x0c); // TIMELR
    let hi = read(TIMER, 0x08); // TIMEHR
    ((hi as u64) << 32) | lo as u64
}

/// GPIO 0-29 through SIO (2.3.1.2), pads (2.19.6.3) and IO_BANK0's
/// function select.
///
/// An open-drain pin drives low or lets go by switching its output enable.
/// Its GPIO_OUT bit still holds the level last written, so outputs and
/// open-drain pins alike read back the level they were set to (as the nRF
/// boards do); inputs read the pad.
pub struct Gpio {
    /// Pins configured as open drain.
    open_drain: u32,
}

const GPIO_IN: usize = 0x004;
const GPIO_OUT: usize = 0x010;
const GPIO_OUT_SET: usize = 0x014;
const GPIO_OUT_CLR: usize = 0x018;
const GPIO_OE: usize = 0x020;
const GPIO_OE_SET: usize = 0x024;
const GPIO_OE_CLR: usize = 0x028;
const FUNCSEL_SIO: u32 = 5;
const ALL_PINS: u32 = (1 << 30) - 1;

impl Gpio {
    pub const fn new() -> Self {
        Gpio { open_drain: 0 }
    }

    pub fn init(&mut self, id: u32, mode: PinMode, pull: PinPull) {
        let bit = 1 << id;
        match mode {
            PinMode::In => write(SIO, GPIO_OE_CLR, bit),
            PinMode::Out => write(SIO, GPIO_OE_SET, bit),
            // Driven only while the level is low.
            PinMode::OpenDrain => {
                let low = read(SIO, GPIO_OUT) & bit == 0;
                write(SIO, if low { GPIO_OE_SET } else { GPIO_OE_CLR }, bit);
            }
        }
        if mode == PinMode::OpenDrain {
            self.open_drain |= bit;
        } else {
            self.open_drain &= !bit;
        }
        // Pad: input enabled (so every pin can be read), output not
        // disabled, 4 mA drive, Schmitt trigger, and the pull asked for.
        const IE: u32 = 1 << 6;
        const DRIVE_4MA: u32 = 1 << 4;
        const SCHMITT: u32 = 1 << 1;
        let pull = match pull {
            PinPull::None => 0,
            PinPull::Up => 1 << 3,   // PUE
            PinPull::Down => 1 << 2, // PDE
        };
        let pad = IE | DRIVE_4MA | SCHMITT | pull;
        write(PADS_BANK0, 4 + 4 * id as usize, pad); // GPIOn
        write(IO_BANK0, 8 * id as usize + 4, FUNCSEL_SIO); // GPIOn_CTRL
    }

    pub fn write(&mut self, id: u32, high: bool) {
        let bit = 1 << id;
        write(SIO, if high { GPIO_OUT_SET } else { GPIO_OUT_CLR }, bit);
        if self.open_drain & bit != 0 {
            write(SIO, if high { GPIO_OE_CLR } else { GPIO_OE_SET }, bit);
        }
    }

    pub fn read(&self, id: u32) -> bool {
        let bit = 1 << id;
        let driven = (read(SIO, GPIO_OE) | self.open_drain) & bit != 0;
        read(SIO, if driven { GPIO_OUT } else { GPIO_IN }) & bit != 0
    }
}

/// SYSINFO's CHIP_ID (manufacturer, part, revision) and the chip's
/// GITREF_RP2040, as 8 bytes: the same on every RP2040 of one revision.
///
/// The RP2040 itself has no unique id. The Pico SDK's is the flash chip's
/// 64-bit unique id (command 0x4B), which can only be read with execute-in-
/// place switched off: code running from RAM must take the QSPI interface
/// out of XIP mode, issue the command, then set XIP up again as boot2 does.
/// Until that is written (and checked on a board: rp2040js does not
/// emulate the flash commands), this stands in.
pub fn chip_id() -> [u8; 8] {
    const SYSINFO: usize = 0x4000_0000;
    let mut id = [0; 8];
    id[..4].copy_from_slice(&read(SYSINFO, 0x00).to_le_bytes()); // CHIP_ID
    id[4..].copy_from_slice(&read(SYSINFO, 0x40).to_le_bytes()); // GITREF_RP2040
    id
}
