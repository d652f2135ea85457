//! `mpc`, the command-line tool: `mpc new`, `build`, `run` and `dis`.
//!
//! This crate is the only part of mpc that touches the file system, the
//! terminal or the process exit status. The compiler gets source files as
//! values and returns an image plus every diagnostic; the VM gets the image,
//! a heap and a [`host::TerminalHost`]. Everything shown to the user goes
//! through [`report`], so colours, status lines and diagnostic rendering are
//! decided in one place.
//!
//! Exit statuses: 0 success, 1 a user error (compile error, uncaught
//! exception, unreadable file, bad `mpc.toml`, refused image), 2 a usage
//! error (from clap), and `n` for a program that raises `SystemExit(n)`.
//!
//! - [`boards`]: the board table (`targets/boards.toml`).
//! - [`project`]: `mpc.toml`, source discovery, heap sizes.
//! - [`commands`]: one module per subcommand.
//! - [`runtimes`]: where the prebuilt board runtimes are found.
//! - [`uf2drive`]: UF2 bootloader drives (drag-and-drop flashing).
//! - [`report`]: status lines, miette rendering, JSON messages.
//! - [`host`]: the VM's console and clock on a desktop OS.
//! - [`firmware`]: a board's runtime ELF plus an image in, ELF/UF2/HEX/BIN out.

pub mod boards;
pub mod commands;
pub mod firmware;
pub mod host;
pub mod project;
pub mod report;
pub mod runtimes;
pub mod uf2drive;

use clap::Parser;
use std::process::ExitCode;

/// Why a command stopped without succeeding.
#[derive(Debug)]
pub enum Failure {
    /// A problem not yet shown: [`report`] renders it, and the exit status is 1.
    User(miette::Report),
    /// Everything is already on the terminal (compile diagnostics, a
    /// traceback); exit with this status.
    Exit(i32),
}

impl From<miette::Report> for Failure {
    fn from(report: miette::Report) -> Self {
        Failure::User(report)
    }
}

/// What every command returns.
pub type CmdResult = Result<(), Failure>;

/// The main thread's stack is small on some platforms; the compiler and the
/// VM get their own generous stacks, but the CLI runs on one too so that no
/// input can overflow it.
const STACK_SIZE: usize = 64 << 20;

/// Parses the command line, runs the command and turns its result into an
/// exit status.
pub fn main() -> ExitCode {
    let cli = commands::Cli::parse();
    let reporter = report::Reporter::from_env();
    let outcome = std::thread::Builder::new()
        .name("mpc".into())
        .stack_size(STACK_SIZE)
        .spawn(move || commands::dispatch(cli, &reporter).map_err(|f| finish(f, &reporter)))
        .map_err(|e| format!("cannot start the main thread: {e}"));
    let code = match outcome {
        Ok(handle) => match handle.join() {
            Ok(Ok(())) => 0,
            Ok(Err(code)) => code,
            // A panic was already printed by the default hook; it is a bug in mpc.
            Err(_) => 101,
        },
        Err(message) => {
            report::Reporter::from_env().error(&miette::miette!("{message}"));
            1
        }
    };
    ExitCode::from(exit_byte(code))
}

/// Shows a failure that was not yet shown and picks its exit status.
fn finish(failure: Failure, reporter: &report::Reporter) -> i32 {
    match failure {
        Failure::User(report) => {
            reporter.error(&report);
            1
        }
        Failure::Exit(code) => code,
    }
}

/// Exit statuses are one byte on Unix; `SystemExit(256)` exits with 0 in
/// CPython too, so truncation matches what Python programs expect.
fn exit_byte(code: i32) -> u8 {
    (code & 0xff) as u8
}
