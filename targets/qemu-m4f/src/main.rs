//! The mpc runtime for QEMU's `mps2-an386` (Cortex-M4F).
//!
//! Console: semihosting (stdout and stderr apart, so a test compares each
//! with the host run). Clock: the CMSDK APB timer 0 (25 MHz). Pins: 32
//! simulated in RAM (the machine has no GPIO worth driving), so `machine.Pin`
//! programs run and read back what they wrote.
#![no_std]
#![no_main]

use core::ptr::{read_volatile, write_volatile};
use cortex_m_rt::entry;
use mpc_firmware::{Board, semihosting};
use runtime_core::{PinMode, PinPull};

mpc_firmware::board_name!(b"qemu-m4f");

const TIMER0: usize = 0x4000_0000;
const CPU_HZ: u32 = 25_000_000;

struct QemuM4f {
    last: u32,
    cycles: u64,
    levels: u32,
}

impl Board for QemuM4f {
    const NAME: &'static str = "qemu-m4f";
    /// As on the nRF52840 DK, whose instruction set this machine runs.
    const STACK_MARGIN: usize = 8 * 1024;

    fn write(&mut self, bytes: &[u8]) {
        semihosting::write(false, bytes);
    }

    fn write_err(&mut self, bytes: &[u8]) {
        semihosting::write(true, bytes);
    }

    fn ticks_us(&mut self) -> u64 {
        // SAFETY: VALUE of the CMSDK timer, a read-only MMIO register.
        let now = unsafe { read_volatile((TIMER0 + 4) as *const u32) };
        // A down-counter reloaded with 0xFFFFFFFF: the wrapping difference
        // is the cycles elapsed since the last read.
        self.cycles += self.last.wrapping_sub(now) as u64;
        self.last = now;
        self.cycles / (CPU_HZ / 1_000_000) as u64
    }

    fn pin_count(&self) -> u32 {
        32
    }

    fn led(&self) -> u32 {
        0
    }

    fn pin_init(&mut self, id: u32, mode: PinMode, pull: PinPull) {
        if mode == PinMode::In {
            self.pin_write(id, pull == PinPull::Up);
        }
    }

    fn pin_write(&mut self, id: u32, high: bool) {
        if high {
            self.levels |= 1 << id;
        } else {
            self.levels &= !(1 << id);
        }
    }

    fn pin_read(&mut self, id: u32) -> bool {
        self.levels & (1 << id) != 0
    }

    fn cpu_freq(&self) -> u32 {
        CPU_HZ
    }

    fn unique_id(&mut self) -> [u8; 8] {
        *b"qemu-m4f"
    }
}

fn console(bytes: &[u8]) {
    semihosting::write(true, bytes);
}

#[entry]
fn main() -> ! {
    // SAFETY: RELOAD then CTRL.ENABLE of the CMSDK timer 0; nothing else
    // uses it.
    unsafe {
        write_volatile((TIMER0 + 8) as *mut u32, u32::MAX);
        write_volatile((TIMER0 + 4) as *mut u32, u32::MAX);
        write_volatile(TIMER0 as *mut u32, 1);
    }
    let board = QemuM4f {
        last: u32::MAX,
        cycles: 0,
        levels: 0,
    };
    mpc_firmware::run(board, console)
}
