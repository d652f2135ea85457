//! The VM's console and clock on a desktop OS.
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
}

impl TerminalHost {
    pub fn new() -> Self {
        TerminalHost {
            out: BufWriter::new(std::io::stdout()),
            start: Instant::now(),
        }
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
}

impl Drop for TerminalHost {
    fn drop(&mut self) {
        self.flush();
    }
}
