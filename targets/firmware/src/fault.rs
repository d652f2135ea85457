//! The HardFault handler and the panic handler: report on the console, then
//! end the run (under an emulator or probe) or reset the board.
//!
//! The HardFault entry is assembly because it must also serve semihosting
//! without a host: a `BKPT 0xAB` on a core without a debugger escalates to
//! HardFault with the breakpoint's address as the stacked PC. That case is
//! not an error: the handler marks semihosting absent, sets the call's
//! result (stacked r0) to -1, steps over the 2-byte breakpoint and returns.
//! Anything else is a real fault, handed to [`mpc_hard_fault`] with the
//! exception frame. The code uses only ARMv6-M instructions.

use crate::{Fmt, emergency_write, semihosting};
use core::fmt::Write;

core::arch::global_asm!(
    ".section .HardFault.mpc,\"ax\",%progbits",
    ".global HardFault",
    ".type HardFault,%function",
    ".thumb_func",
    "HardFault:",
    // The frame is on the stack that was in use: bit 2 of EXC_RETURN.
    "    movs r0, #4",
    "    mov r1, lr",
    "    tst r0, r1",
    "    bne 1f",
    "    mrs r0, msp",
    "    b 2f",
    "1:  mrs r0, psp",
    // Stacked PC at frame + 24; is the instruction there BKPT 0xAB (0xBEAB)?
    "2:  ldr r1, [r0, #24]",
    "    ldrh r2, [r1]",
    "    movs r3, #0xbe",
    "    lsls r3, r3, #8",
    "    adds r3, #0xab",
    "    cmp r2, r3",
    "    bne 3f",
    "    adds r1, #2",
    "    str r1, [r0, #24]",
    "    movs r2, #0",
    "    subs r2, r2, #1",
    "    str r2, [r0, #0]",
    "    push {{r0, lr}}",
    "    bl {absent}",
    "    pop {{r0, r1}}",
    "    bx r1",
    "3:  ldr r1, ={fault}",
    "    bx r1",
    ".size HardFault, . - HardFault",
    absent = sym mpc_semihosting_absent,
    fault = sym mpc_hard_fault,
);

extern "C" fn mpc_semihosting_absent() {
    semihosting::mark_absent();
}

/// A real fault: report the registers, then stop.
unsafe extern "C" fn mpc_hard_fault(frame: *const u32) -> ! {
    // SAFETY: `frame` is the exception frame the core pushed: eight words
    // (r0-r3, r12, lr, pc, xpsr) on the active stack.
    let f = unsafe { core::slice::from_raw_parts(frame, 8) };
    let _ = writeln!(
        Fmt(emergency_write),
        "\nmpc: HardFault at pc={:#010x} lr={:#010x} xpsr={:#010x} (a bug in the runtime: please report it)",
        f[6],
        f[5],
        f[7]
    );
    // A breakpoint here, in the fault handler, would lock a core without a
    // debugger up: only exit through semihosting if a host has answered.
    if semihosting::present() {
        semihosting::try_exit(102);
    }
    cortex_m::peripheral::SCB::sys_reset()
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    let _ = writeln!(
        Fmt(emergency_write),
        "\nmpc: runtime panic: {info} (a bug in the runtime: please report it)"
    );
    // Thread mode: the breakpoint is safe even without a host.
    semihosting::try_exit(101);
    cortex_m::peripheral::SCB::sys_reset()
}
