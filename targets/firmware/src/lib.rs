//! What every mpc board runtime shares.
//!
//! A board crate (`targets/<board>/`) sets its chip up, implements
//! [`Board`] (console, clock, pins) and calls [`run`]. From there this crate
//! finds the image in the flash region the linker script reserves
//! (`__mpc_image_start`..`__mpc_image_end`), gives the VM the RAM left
//! between the statics and the stack as its heap, runs the program, prints
//! a refusal for a missing or broken image, and ends the run with the
//! program's exit status (see [`semihosting`]).
//!
//! Memory layout contract with each board's `memory.x`:
//! - region `IMAGE` and the symbols `__mpc_image_start`/`__mpc_image_end`;
//! - region `STACK` at the bottom of RAM (`_stack_end`..`_stack_start`), so
//!   an overflowing stack leaves RAM and faults rather than silently
//!   overwriting the heap (the flip-link layout);
//! - region `RAM` above it: the statics, then the heap, from `__sheap` to
//!   the end of RAM (`_ram_end`).
//!
//! Exit statuses: 0 finished, 1 uncaught exception or refused image,
//! `n` for `SystemExit(n)`, 101 for a panic and 102 for a fault (both are
//! bugs of the runtime, reported on the console first).
#![no_std]

pub mod fault;
pub mod nrf;
pub mod rtt;
pub mod semihosting;

use core::fmt::Write;
use core::sync::atomic::{AtomicUsize, Ordering};
use runtime_core::{Host, LoadError, Outcome, PinMode, PinPull, Vm};

/// A board: its console, clock and pins.
pub trait Board {
    /// The board's name, as in `targets/boards.toml`.
    const NAME: &'static str;
    /// At most this many levels of Rust calling back into Python (special
    /// methods, `key=` functions, class bodies, imports).
    const NESTING: u32 = 64;
    /// Stack bytes kept free below the deepest nested call: a call that
    /// would start with less raises `RecursionError` (see
    /// `Vm::set_native_stack_floor`). It must cover one level of nesting
    /// plus the deepest leaf below it, about 2 KiB on ARMv6-M.
    const STACK_MARGIN: usize = 3 * 1024;
    /// Writes console output (`print`).
    fn write(&mut self, bytes: &[u8]);
    /// Writes error output (tracebacks); the console unless the board has a
    /// separate channel.
    fn write_err(&mut self, bytes: &[u8]) {
        self.write(bytes);
    }
    /// Monotonic microseconds since boot.
    fn ticks_us(&mut self) -> u64;
    /// Waits `us` microseconds.
    fn sleep_us(&mut self, us: u64) {
        let end = self.ticks_us().saturating_add(us);
        while self.ticks_us() < end {}
    }
    fn pin_count(&self) -> u32;
    /// The GPIO of the user LED.
    fn led(&self) -> u32;
    fn pin_init(&mut self, id: u32, mode: PinMode, pull: PinPull);
    fn pin_write(&mut self, id: u32, high: bool);
    fn pin_read(&mut self, id: u32) -> bool;
    fn cpu_freq(&self) -> u32;
    fn unique_id(&mut self) -> [u8; 8];
}

/// The VM's view of a board.
struct BoardHost<B: Board>(B);

impl<B: Board> Host for BoardHost<B> {
    fn write_out(&mut self, bytes: &[u8]) {
        rtt::write(bytes);
        self.0.write(bytes);
    }
    fn write_err(&mut self, bytes: &[u8]) {
        rtt::write(bytes);
        self.0.write_err(bytes);
    }
    fn ticks_us(&mut self) -> u64 {
        self.0.ticks_us()
    }
    fn sleep_us(&mut self, us: u64) {
        self.0.sleep_us(us);
    }
    fn pin_exists(&mut self, id: u32) -> bool {
        id < self.0.pin_count()
    }
    fn pin_named(&mut self, name: &str) -> Option<u32> {
        (name == "LED").then(|| self.0.led())
    }
    fn pin_init(&mut self, id: u32, mode: PinMode, pull: PinPull) {
        self.0.pin_init(id, mode, pull);
    }
    fn pin_write(&mut self, id: u32, high: bool) {
        self.0.pin_write(id, high);
    }
    fn pin_read(&mut self, id: u32) -> bool {
        self.0.pin_read(id)
    }
    fn cpu_freq(&mut self) -> u32 {
        self.0.cpu_freq()
    }
    fn unique_id(&mut self) -> [u8; 8] {
        self.0.unique_id()
    }
    fn reset(&mut self) {
        cortex_m::peripheral::SCB::sys_reset();
    }
}

/// Where panics and faults write their report: the board's console writer,
/// registered by [`run`] (a plain function, so no CAS atomics are needed).
static PANIC_WRITER: AtomicUsize = AtomicUsize::new(0);

/// Writes to the console from a panic or fault handler.
pub(crate) fn emergency_write(bytes: &[u8]) {
    rtt::write(bytes);
    let f = PANIC_WRITER.load(Ordering::Relaxed);
    if f != 0 {
        // SAFETY: only `run` stores here, and it stores a `fn(&[u8])`.
        let f: fn(&[u8]) = unsafe { core::mem::transmute::<usize, fn(&[u8])>(f) };
        f(bytes);
    }
}

/// Writes `bytes` one at a time through `put`, turning `\n` into `\r\n`
/// as serial terminals expect (MicroPython's UART consoles do the same).
pub fn write_crlf(bytes: &[u8], mut put: impl FnMut(u8)) {
    for &b in bytes {
        if b == b'\n' {
            put(b'\r');
        }
        put(b);
    }
}

/// `core::fmt` onto a byte sink.
pub struct Fmt<F: FnMut(&[u8])>(pub F);

impl<F: FnMut(&[u8])> Write for Fmt<F> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        (self.0)(s.as_bytes());
        Ok(())
    }
}

/// Defines `MPC_BOARD`, the board's name in flash, which `mpc build` reads
/// from the runtime ELF to refuse linking an image for another board.
#[macro_export]
macro_rules! board_name {
    ($name:literal) => {
        #[unsafe(no_mangle)]
        #[used]
        pub static MPC_BOARD: [u8; $name.len()] = *$name;
    };
}

unsafe extern "C" {
    /// From [`board_name!`].
    static MPC_BOARD: u8;
    static __mpc_image_start: u8;
    static __mpc_image_end: u8;
    static mut __sheap: u8;
    static _ram_end: u8;
    static _stack_end: u8;
}

/// The flash region reserved for the image.
pub fn image_region() -> &'static [u8] {
    // SAFETY: the linker script defines both symbols as the bounds of the
    // IMAGE region of flash, which nothing writes while the program runs.
    unsafe {
        let start = &raw const __mpc_image_start;
        let end = &raw const __mpc_image_end;
        core::slice::from_raw_parts(start, end as usize - start as usize)
    }
}

/// The RAM above the statics.
fn heap_region() -> &'static mut [u8] {
    // SAFETY: `__sheap` is where cortex-m-rt's `.bss`/`.uninit` end and
    // `_ram_end` is the end of the RAM region; the stack lives below RAM's
    // statics (see `memory.x`). Nothing else uses these bytes, and `run`
    // takes them exactly once.
    unsafe {
        let start = (&raw mut __sheap as usize + 7) & !7;
        let end = &raw const _ram_end as usize;
        core::slice::from_raw_parts_mut(start as *mut u8, end.saturating_sub(start))
    }
}

/// Runs the image on `board`, then ends the run with the program's status.
/// Never returns.
/// `console` writes to the board's console without needing the board (for
/// refusals, panics and faults, when the VM owns the board).
pub fn run<B: Board>(board: B, console: fn(&[u8])) -> ! {
    rtt::init();
    PANIC_WRITER.store(console as usize, Ordering::Relaxed);
    // SAFETY: a one-byte read of a static the board defines; it makes the
    // linker keep `MPC_BOARD`, which only tools outside the firmware read.
    let _ = unsafe { core::ptr::read_volatile(&raw const MPC_BOARD) };
    let image = image_region();
    let heap = heap_region();
    let heap_len = heap.len();
    let status = match Vm::new(image, heap, BoardHost(board)) {
        Ok(mut vm) => {
            vm.set_nesting_limit(B::NESTING);
            vm.set_native_stack_floor(&raw const _stack_end as usize + B::STACK_MARGIN);
            match vm.run() {
                Outcome::Finished => 0,
                Outcome::Exception => 1,
                Outcome::Exit(n) => n,
            }
        }
        Err(e) => {
            refuse::<B>(console, image, heap_len, e);
            1
        }
    };
    semihosting::exit(status)
}

/// Explains on the console why the image cannot run.
fn refuse<B: Board>(console: fn(&[u8]), image: &[u8], heap: usize, e: LoadError) {
    let start = image.as_ptr() as usize;
    let mut out = Fmt(|b: &[u8]| {
        rtt::write(b);
        console(b);
    });
    let _ = match e {
        LoadError::Image(image_format::ImageError::BadMagic) => writeln!(
            out,
            "mpc: no Python image in flash at {start:#010x} (board {}).\n\
             Build one and flash it: `mpc flash --board {}`.",
            B::NAME,
            B::NAME
        ),
        LoadError::Image(err) => writeln!(
            out,
            "mpc: the Python image in flash at {start:#010x} is invalid: {err}.\n\
             Rebuild and flash it: `mpc flash --board {}`.",
            B::NAME
        ),
        LoadError::HeapTooSmall { needed, .. } => writeln!(
            out,
            "mpc: the board leaves {heap} bytes of RAM for the heap; the VM needs {needed}."
        ),
    };
}
