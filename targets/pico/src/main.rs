//! The mpc runtime for the Raspberry Pi Pico (RP2040, Cortex-M0+, 264 KiB
//! RAM, 2 MiB flash). The rp2040js emulator runs this very firmware
//! (`rp2040js/run.mjs`).
//!
//! Boot: the boot ROM runs boot2 (the first 256 bytes of flash, from the
//! `rp2040-boot2` crate), which sets the W25Q080 flash up for fast
//! execute-in-place and jumps to the vector table at 0x10000100.
//! Clocks: clk_sys and clk_peri at 125 MHz from PLL_SYS, or the 12 MHz
//! crystal should the PLL not lock ([`chip::init_clocks`]).
//! Console: UART0 TX on GPIO0 (115200 8N1). Clock: TIMER's microsecond
//! counter. Pins: GPIO 0-29 through SIO; `Pin("LED")` is GPIO25.
#![no_std]
#![no_main]

mod chip;

use chip::{Gpio, Uart};
use cortex_m_rt::entry;
use mpc_firmware::Board;
use runtime_core::{PinMode, PinPull};

mpc_firmware::board_name!(b"pico");

/// The second-stage bootloader for the Pico's W25Q080 flash; `memory.x`
/// places `.boot2` at the start of flash, where the boot ROM looks for it.
#[unsafe(link_section = ".boot2")]
#[used]
pub static BOOT2: [u8; 256] = rp2040_boot2::BOOT_LOADER_W25Q080;

const LED: u32 = 25;

struct Pico {
    gpio: Gpio,
    cpu_hz: u32,
}

impl Board for Pico {
    const NAME: &'static str = "pico";
    // The 64 KiB stack `memory.x` keeps bounds nesting before NESTING does.
    // Measured under rp2040js (`run.mjs --stats`): a level takes 2-3.2 KiB,
    // so about 18 levels fit. The margin must hold one more level of the
    // deepest kind (a `__lt__` that sorts again overshoots the floor by
    // 3.5 KiB) or, at the floor, a handler that formats floats and raises
    // (5.5 KiB): the default 3 KiB overflows on both.
    const STACK_MARGIN: usize = 8 * 1024;

    fn write(&mut self, bytes: &[u8]) {
        Uart::write(bytes);
    }

    fn ticks_us(&mut self) -> u64 {
        chip::now_us()
    }

    fn pin_count(&self) -> u32 {
        30
    }

    fn led(&self) -> u32 {
        LED
    }

    fn pin_init(&mut self, id: u32, mode: PinMode, pull: PinPull) {
        self.gpio.init(id, mode, pull);
    }

    fn pin_write(&mut self, id: u32, high: bool) {
        self.gpio.write(id, high);
    }

    fn pin_read(&mut self, id: u32) -> bool {
        self.gpio.read(id)
    }

    fn cpu_freq(&self) -> u32 {
        self.cpu_hz
    }

    fn unique_id(&mut self) -> [u8; 8] {
        chip::chip_id()
    }
}

/// The console for refusals, panics and faults: waits until the UART has
/// sent everything, since a reset may follow.
fn console(bytes: &[u8]) {
    Uart::write(bytes);
    Uart::flush();
}

#[entry]
fn main() -> ! {
    let cpu_hz = chip::init_clocks();
    chip::init_peripherals();
    Uart::init(cpu_hz);
    let board = Pico {
        gpio: Gpio::new(),
        cpu_hz,
    };
    mpc_firmware::run(board, console)
}
