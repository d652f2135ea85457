//! The console over RTT (SEGGER's Real-Time Transfer): up-channel 0 is a
//! ring buffer in RAM that a debug probe reads while the program runs, so
//! `mpc flash --monitor` shows `print()` output through the probe without a
//! UART adapter. Every board writes its console here as well as to its
//! UART or semihosting.
//!
//! The channel starts in non-blocking mode, dropping what does not fit, so
//! a board without a probe never waits; a monitor that attaches switches it
//! to blocking, so nothing is lost while someone is reading.

use core::cell::RefCell;
use critical_section::Mutex;
use rtt_target::{ChannelMode, UpChannel, rtt_init};

/// 512 bytes: room for a few lines between two polls of the probe, and
/// little of the micro:bit's 16 KiB of RAM.
static CHANNEL: Mutex<RefCell<Option<UpChannel>>> = Mutex::new(RefCell::new(None));

/// Sets the control block (`_SEGGER_RTT`) and channel 0 up; once, at boot.
pub fn init() {
    let channels = rtt_init! {
        up: {
            0: {
                size: 512,
                mode: ChannelMode::NoBlockSkip,
                name: "Terminal"
            }
        }
    };
    critical_section::with(|cs| CHANNEL.borrow_ref_mut(cs).replace(channels.up.0));
}

/// Writes console bytes to channel 0 (nothing before [`init`]).
pub fn write(bytes: &[u8]) {
    critical_section::with(|cs| {
        if let Some(c) = CHANNEL.borrow_ref_mut(cs).as_mut() {
            c.write(bytes);
        }
    });
}
