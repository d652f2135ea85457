//! ARM semihosting, for the few things it is used for: a console on
//! emulator-only boards, and the exit status at the end of a run.
//!
//! Under QEMU (`-semihosting-config enable=on`), rp2040js's driver script or
//! a debug probe, `BKPT 0xAB` is served by the host. On a board running
//! alone it would fault: the fault handler ([`crate::fault`]) recognises the
//! breakpoint, records that nobody serves semihosting and skips it, so the
//! same firmware runs with and without a host. Once known absent, no further
//! breakpoint is tried.

use core::sync::atomic::{AtomicU8, AtomicU32, Ordering};

const SYS_OPEN: u32 = 0x01;
const SYS_WRITE: u32 = 0x05;
const SYS_EXIT_EXTENDED: u32 = 0x20;
const ADP_STOPPED_APPLICATION_EXIT: u32 = 0x2_0026;

const UNKNOWN: u8 = 0;
const PRESENT: u8 = 1;
const ABSENT: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(UNKNOWN);

/// Called by the fault handler when a semihosting breakpoint faulted.
pub(crate) fn mark_absent() {
    STATE.store(ABSENT, Ordering::Relaxed);
}

/// Has a semihosting call been answered?
pub fn present() -> bool {
    STATE.load(Ordering::Relaxed) == PRESENT
}

/// One semihosting call; `None` when nobody serves semihosting.
fn call(op: u32, args: &[u32]) -> Option<u32> {
    if STATE.load(Ordering::Relaxed) == ABSENT {
        return None;
    }
    let mut r0 = op;
    // SAFETY: `BKPT 0xAB` with r0 = operation and r1 = a pointer to its
    // argument block is the semihosting calling convention; the block lives
    // on our stack for the duration of the call. Without a host, the fault
    // handler skips the instruction and marks semihosting absent.
    unsafe {
        core::arch::asm!(
            "bkpt #0xab",
            inout("r0") r0,
            in("r1") args.as_ptr(),
            options(nostack),
        );
    }
    if STATE.load(Ordering::Relaxed) == ABSENT {
        return None;
    }
    STATE.store(PRESENT, Ordering::Relaxed);
    Some(r0)
}

/// Host handles for stdout and stderr, opened on first use
/// (`u32::MAX`: not yet).
static HANDLES: [AtomicU32; 2] = [AtomicU32::new(u32::MAX), AtomicU32::new(u32::MAX)];

/// Writes to the host's stdout, or stderr when `err`.
pub fn write(err: bool, bytes: &[u8]) {
    let slot = &HANDLES[usize::from(err)];
    let mut h = slot.load(Ordering::Relaxed);
    if h == u32::MAX {
        const TT: &[u8] = b":tt\0";
        // Mode 4 ("w") is stdout, mode 8 ("a") stderr, by the semihosting spec.
        let mode = if err { 8 } else { 4 };
        match call(SYS_OPEN, &[TT.as_ptr() as u32, mode, 3]) {
            Some(handle) if handle != u32::MAX => {
                h = handle;
                slot.store(h, Ordering::Relaxed);
            }
            _ => return,
        }
    }
    call(SYS_WRITE, &[h, bytes.as_ptr() as u32, bytes.len() as u32]);
}

/// Ends the run with `status`: the emulator or probe exits with it. Without
/// a host, the program is simply over: the core idles until reset.
pub fn exit(status: i32) -> ! {
    try_exit(status);
    loop {
        cortex_m::asm::wfi();
    }
}

/// Asks the host to end the run; returns only when there is no host.
pub fn try_exit(status: i32) {
    call(
        SYS_EXIT_EXTENDED,
        &[ADP_STOPPED_APPLICATION_EXIT, status as u32],
    );
}
