//! The mpc runtime for the Nordic nRF52840 DK (nRF52840, Cortex-M4F,
//! 256 KiB RAM).
//!
//! Console: UART0 on P0.06, the on-board J-Link's virtual COM port
//! (115200). Clock: TIMER0 at 1 MHz. Pins: P0.0-31 are 0-31, P1.0-15 are
//! 32-47; `Pin("LED")` is LED1 on P0.13 (lit when the pin is low).
#![no_std]
#![no_main]

use cortex_m_rt::entry;
use mpc_firmware::nrf::NrfBoard;

mpc_firmware::board_name!(b"nrf52840dk");

struct Nrf52840Dk;

impl NrfBoard for Nrf52840Dk {
    const NAME: &'static str = "nrf52840dk";
    const TX_PIN: u32 = 6;
    const LED: u32 = 13;
    const PINS: u32 = 48;
    const CPU_HZ: u32 = 64_000_000;
    /// The 64 KiB stack has room for the pico's generous margin (see
    /// targets/pico): one deep level plus a float-formatting leaf.
    const STACK_MARGIN: usize = 8 * 1024;
}

#[entry]
fn main() -> ! {
    mpc_firmware::nrf::run::<Nrf52840Dk>()
}
