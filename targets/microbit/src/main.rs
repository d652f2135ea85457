//! The mpc runtime for the BBC micro:bit v1 (nRF51822, Cortex-M0, 16 KiB
//! RAM). QEMU's `microbit` machine emulates this chip, so CI runs this very
//! firmware.
//!
//! Console: UART0 on P0.24, the interface chip's USB serial port (115200).
//! Clock: TIMER0 at 1 MHz. Pins: GPIO P0.0-31; `Pin("LED")` is row 1 of the
//! LED matrix (P0.13), with the column pins driven low at boot so it lights.
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use mpc_firmware::nrf::{Gpio, NrfBoard};
use runtime_core::{PinMode, PinPull};

mpc_firmware::board_name!(b"microbit");

struct Microbit;

impl NrfBoard for Microbit {
    const NAME: &'static str = "microbit";
    const TX_PIN: u32 = 24;
    const LED: u32 = 13;
    const PINS: u32 = 32;
    const CPU_HZ: u32 = 16_000_000;
    // The default 3 KiB margin: with a 10 KiB stack a larger one would leave
    // too few levels for class bodies and `__init__` calls. A path that
    // overshoots it leaves RAM and faults (the core resets) rather than
    // corrupting the heap; tests/firmware/microbit.txt shows none in the corpus.

    fn init() {
        // Columns 1-9 of the LED matrix, low, so a high row lights.
        for col in 4..=12 {
            Gpio::write(col, false);
            Gpio::init(col, PinMode::Out, PinPull::None);
        }
    }
}

#[entry]
fn main() -> ! {
    mpc_firmware::nrf::run::<Microbit>()
}
