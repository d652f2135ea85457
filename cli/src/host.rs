//! The VM's console, clock and a simulated board on a desktop OS.
//!
//! What the Python program prints is its own output, not mpc's, so it goes
//! straight to stdout and stderr rather than through [`crate::report`].
//! Stdout is buffered for speed (print-heavy loops would otherwise make one
//! system call per line) and flushed before anything that must appear in
//! order: a traceback on stderr, a sleep, or the end of the run.

use std::io::{BufWriter, Stdout, Write};
use std::time::{Duration, Instant};

/// A [`runtime_core::Host`] on the terminal.
pub struct TerminalHost {
    out: BufWriter<Stdout>,
    start: Instant,
    board: SimBoard,
}

/// The board `mpc run` simulates for `machine`: its pins hold their mode
/// and level, and with tracing on every change is written to stderr as
/// `<ms> ms  pin <n> = <level>` (or `pin <n> mode OUT`), for a person
/// watching a blink and for tests.
pub struct SimBoard {
    pub name: String,
    pub led: u32,
    pub cpu_hz: u32,
    pub trace: bool,
    /// Per pin: configured as output, and its level.
    pins: Vec<(bool, bool)>,
}

impl SimBoard {
    pub fn new(board: &crate::boards::Board, trace: bool) -> Self {
        SimBoard {
            name: board.name.clone(),
            led: board.led,
            cpu_hz: board.cpu_hz,
            trace,
            pins: vec![(false, false); board.pins as usize],
        }
    }
}

impl TerminalHost {
    /// A host simulating the `pico` board, without tracing.
    pub fn new() -> Self {
        let pico = crate::boards::find("pico").expect("the board table has `pico`");
        TerminalHost::with_board(SimBoard::new(&pico, false))
    }

    pub fn with_board(board: SimBoard) -> Self {
        TerminalHost {
            out: BufWriter::new(std::io::stdout()),
            start: Instant::now(),
            board,
        }
    }

    fn trace(&mut self, what: std::fmt::Arguments<'_>) {
        if self.board.trace {
            let ms = self.start.elapsed().as_millis();
            self.write_err_text(&format!("{ms:>8} ms  {what}\n"));
        }
    }

    fn write_err_text(&mut self, text: &str) {
        runtime_core::Host::write_err(self, text.as_bytes());
    }

    /// Writes out whatever the program printed that is still buffered.
    pub fn flush(&mut self) {
        // A closed pipe (`mpc run x.py | head`) must not turn into an error
        // of mpc's own; the program's output simply goes nowhere.
        let _ = self.out.flush();
    }
}

impl Default for TerminalHost {
    fn default() -> Self {
        TerminalHost::new()
    }
}

impl runtime_core::Host for TerminalHost {
    fn write_out(&mut self, bytes: &[u8]) {
        let _ = self.out.write_all(bytes);
    }

    fn write_err(&mut self, bytes: &[u8]) {
        self.flush();
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(bytes);
        let _ = err.flush();
    }

    fn ticks_us(&mut self) -> u64 {
        u64::try_from(self.start.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    fn sleep_us(&mut self, us: u64) {
        // The user should see what was printed before the pause.
        self.flush();
        std::thread::sleep(Duration::from_micros(us));
    }

    fn pin_exists(&mut self, id: u32) -> bool {
        (id as usize) < self.board.pins.len()
    }

    fn pin_named(&mut self, name: &str) -> Option<u32> {
        (name == "LED").then_some(self.board.led)
    }

    fn pin_init(&mut self, id: u32, mode: runtime_core::PinMode, pull: runtime_core::PinPull) {
        let Some(pin) = self.board.pins.get_mut(id as usize) else {
            return;
        };
        pin.0 = mode != runtime_core::PinMode::In;
        // An input reads its pull resistor: nothing drives it here.
        if !pin.0 {
            pin.1 = pull == runtime_core::PinPull::Up;
        }
        let m = match mode {
            runtime_core::PinMode::In => "IN",
            runtime_core::PinMode::Out => "OUT",
            runtime_core::PinMode::OpenDrain => "OPEN_DRAIN",
        };
        self.trace(format_args!("pin {id} mode {m}"));
    }

    fn pin_write(&mut self, id: u32, high: bool) {
        let Some(pin) = self.board.pins.get_mut(id as usize) else {
            return;
        };
        let changed = pin.1 != high;
        pin.1 = high;
        if changed {
            self.trace(format_args!("pin {id} = {}", u8::from(high)));
        }
    }

    fn pin_read(&mut self, id: u32) -> bool {
        self.board.pins.get(id as usize).is_some_and(|p| p.1)
    }

    fn cpu_freq(&mut self) -> u32 {
        self.board.cpu_hz
    }

    fn unique_id(&mut self) -> [u8; 8] {
        // A fixed, recognisable id: the simulated board is always the same board.
        *b"mpc-host"
    }
}

impl Drop for TerminalHost {
    fn drop(&mut self) {
        self.flush();
    }
}
