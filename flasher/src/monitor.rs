//! Streaming a running board's output: RTT up-channel 0 and semihosting.
//!
//! The runtime writes its console to RTT channel 0 (a ring buffer in RAM
//! that the probe reads while the core runs) and, on some boards, to
//! semihosting (`BKPT 0xAB`, which halts the core until the host serves
//! the call). The loop below polls both: it reads the ring buffer, and when
//! the core has halted for semihosting it serves the call and resumes it.
//! The runtime opens the console as the file `:tt` (`SYS_OPEN`) and then
//! writes to that handle (`SYS_WRITE`); `SYS_WRITE0`/`SYS_WRITEC` are
//! served too, and `SYS_EXIT`/`SYS_EXIT_EXTENDED` end the monitor with the
//! program's exit status. probe-rs's decoder has already put -1 in r0 for
//! every call it decodes but that we do not answer otherwise.

use std::num::NonZeroU32;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use probe_rs::rtt::{ChannelMode, Rtt, ScanRegion};
use probe_rs::semihosting::{ExitErrorDetails, SemihostingCommand};
use probe_rs::{BreakpointCause, Core, CoreStatus, HaltReason, MemoryInterface, Session};

use crate::{FlashError, elf};

/// How long to sleep when neither RTT nor semihosting had anything.
const IDLE: Duration = Duration::from_millis(10);

/// How often to look for the RTT control block again before the runtime
/// has set it up: often at a known address, rarely when scanning all RAM.
const RTT_RETRY_EXACT: Duration = Duration::from_millis(50);
const RTT_RETRY_SCAN: Duration = Duration::from_millis(500);

/// Semihosting file handles we give out for the console (`:tt`).
const STDOUT: u32 = 1;
const STDERR: u32 = 2;

const SYS_WRITEC: u32 = 0x03;

/// The longest `SYS_WRITE0` string we read, so that a missing terminator
/// cannot make us read all of memory.
const MAX_WRITE0: usize = 64 * 1024;

/// Why the monitor stopped without the program reporting an exit status.
#[derive(Debug)]
enum Stopped {
    Halted { reason: HaltReason, pc: Option<u64> },
    LockedUp,
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Halted { reason, pc } => {
                write!(f, "the core halted ({reason:?})")?;
                if let Some(pc) = pc {
                    write!(f, " at pc {pc:#010x}")?;
                }
                write!(f, " without a semihosting call")
            }
            Self::LockedUp => write!(f, "the core locked up (a fault while handling a fault)"),
        }
    }
}

impl std::error::Error for Stopped {}

fn monitor_error(e: impl std::error::Error + Send + Sync + 'static) -> FlashError {
    FlashError::Monitor {
        source: Box::new(e),
    }
}

/// The RTT channel we read, and the mode the runtime had given it.
struct Attached {
    rtt: Rtt,
    mode: Option<ChannelMode>,
}

/// See [`crate::Flashed::monitor`].
pub(crate) fn run(
    session: &mut Session,
    elf: &[u8],
    on_output: &mut dyn FnMut(&[u8]),
    stop: &AtomicBool,
) -> Result<Option<i32>, FlashError> {
    let mut attached = None;
    let result = poll(session, elf, &mut attached, on_output, stop);
    // A blocking channel nobody reads would stall the runtime's next
    // print once its buffer is full, so give the channel its mode back.
    // Best effort: the session may be what failed.
    if let Some(Attached {
        mut rtt,
        mode: Some(mode),
    }) = attached
        && let Ok(mut core) = session.core(0)
        && let Some(up) = rtt.up_channel(0)
    {
        let _ = up.set_mode(&mut core, mode);
    }
    result
}

fn poll(
    session: &mut Session,
    elf: &[u8],
    attached: &mut Option<Attached>,
    on_output: &mut dyn FnMut(&[u8]),
    stop: &AtomicBool,
) -> Result<Option<i32>, FlashError> {
    let (region, retry) = match elf::rtt_symbol(elf) {
        Some(addr) => (ScanRegion::Exact(addr), RTT_RETRY_EXACT),
        None => (session.target().rtt_scan_regions.clone(), RTT_RETRY_SCAN),
    };
    let mut next_attempt = Instant::now();
    let mut buf = vec![0u8; 1024];

    loop {
        let mut core = session.core(0).map_err(monitor_error)?;
        let mut busy = false;

        if attached.is_none() && Instant::now() >= next_attempt {
            // Not finding the control block is normal until the runtime has
            // initialised it, so failures here only schedule another try.
            match Rtt::attach_region(&mut core, &region) {
                Ok(mut rtt) => {
                    // The runtime starts channel 0 non-blocking so a board
                    // without a probe never waits; while we read, block
                    // instead of dropping output. Failing that, it still
                    // works, only lossy.
                    let mode = rtt.up_channel(0).and_then(|up| {
                        let mode = up.mode(&mut core).ok()?;
                        up.set_mode(&mut core, ChannelMode::BlockIfFull).ok()?;
                        Some(mode)
                    });
                    *attached = Some(Attached { rtt, mode });
                }
                Err(_) => next_attempt = Instant::now() + retry,
            }
        }
        if let Some(a) = attached.as_mut() {
            busy |= drain_rtt(&mut a.rtt, &mut core, &mut buf, on_output)?;
        }

        match core.status().map_err(monitor_error)? {
            CoreStatus::Halted(HaltReason::Breakpoint(BreakpointCause::Semihosting(cmd))) => {
                if let Some(status) = serve(&mut core, cmd, on_output).map_err(monitor_error)? {
                    if let Some(a) = attached.as_mut() {
                        drain_rtt(&mut a.rtt, &mut core, &mut buf, on_output)?;
                    }
                    return Ok(Some(status));
                }
                core.run().map_err(monitor_error)?;
                busy = true;
            }
            CoreStatus::Halted(reason) => {
                let pc = core.read_core_reg::<u64>(core.program_counter()).ok();
                return Err(monitor_error(Stopped::Halted { reason, pc }));
            }
            CoreStatus::LockedUp => return Err(monitor_error(Stopped::LockedUp)),
            CoreStatus::Running | CoreStatus::Sleeping | CoreStatus::Unknown => {}
        }

        if stop.load(Ordering::Relaxed) {
            if let Some(a) = attached.as_mut() {
                drain_rtt(&mut a.rtt, &mut core, &mut buf, on_output)?;
            }
            return Ok(None);
        }
        drop(core);
        if !busy {
            thread::sleep(IDLE);
        }
    }
}

/// Reads what channel 0 holds; true if there was anything.
fn drain_rtt(
    rtt: &mut Rtt,
    core: &mut Core<'_>,
    buf: &mut [u8],
    on_output: &mut dyn FnMut(&[u8]),
) -> Result<bool, FlashError> {
    let Some(up) = rtt.up_channel(0) else {
        return Ok(false);
    };
    let mut any = false;
    // A bounded number of reads: the ring buffer is small, and a runtime
    // that keeps writing must not keep us from semihosting and `stop`.
    for _ in 0..16 {
        let n = up.read(core, buf).map_err(monitor_error)?;
        if n == 0 {
            break;
        }
        on_output(&buf[..n]);
        any = true;
    }
    Ok(any)
}

/// Serves one semihosting call; `Some(status)` when the program exited.
fn serve(
    core: &mut Core<'_>,
    cmd: SemihostingCommand,
    on_output: &mut dyn FnMut(&[u8]),
) -> Result<Option<i32>, probe_rs::Error> {
    match cmd {
        SemihostingCommand::ExitSuccess => return Ok(Some(0)),
        SemihostingCommand::ExitError(details) => return Ok(Some(exit_status(&details))),
        SemihostingCommand::Open(req) => {
            let path = req.path(core)?;
            if let Some(handle) = console_handle(&path, req.mode()) {
                req.respond_with_handle(core, handle)?;
            }
        }
        SemihostingCommand::Write(req) if is_console(req.file_handle()) => {
            let bytes = req.read(core)?;
            on_output(&bytes);
            // SYS_WRITE answers the number of bytes *not* written.
            req.write_status(core, 0)?;
        }
        SemihostingCommand::Close(req) if is_console(req.file_handle()) => req.success(core)?,
        SemihostingCommand::WriteConsole(_) => on_output(&console_bytes(core)?),
        SemihostingCommand::Time(req) => {
            let secs = SystemTime::now()
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            req.write_time(core, u32::try_from(secs).unwrap_or(u32::MAX))?;
        }
        // Everything else already has -1 in r0 (see the module docs).
        _ => {}
    }
    Ok(None)
}

/// The exit status a semihosting exit reports: the status of
/// `SYS_EXIT_EXTENDED`, else 1 for an exit that is not
/// `ADP_Stopped_ApplicationExit` (as QEMU does; probe-rs has already turned
/// an application exit with status 0 into `ExitSuccess`).
pub(crate) fn exit_status(details: &ExitErrorDetails) -> i32 {
    match details.exit_status {
        Some(status) => status as i32,
        None => 1,
    }
}

/// The handle for opening `path` in `mode`, if it is the console: `:tt`
/// for writing is stdout, for appending stderr (the semihosting spec's
/// convention). Reading the console is not supported.
pub(crate) fn console_handle(path: &str, mode: &str) -> Option<NonZeroU32> {
    if path != ":tt" {
        return None;
    }
    let handle = match mode.as_bytes().first() {
        Some(b'w') => STDOUT,
        Some(b'a') => STDERR,
        _ => return None,
    };
    NonZeroU32::new(handle)
}

fn is_console(handle: u32) -> bool {
    handle == STDOUT || handle == STDERR
}

/// The raw bytes of `SYS_WRITEC` (one byte at r1) or `SYS_WRITE0` (a
/// NUL-terminated string at r1). probe-rs's `WriteConsoleRequest::read`
/// would return them as lossy UTF-8, which garbles a multi-byte character
/// written one `SYS_WRITEC` at a time.
fn console_bytes(core: &mut Core<'_>) -> Result<Vec<u8>, probe_rs::Error> {
    let regs = core.registers();
    let (Some(r0), Some(r1)) = (regs.get_argument_register(0), regs.get_argument_register(1))
    else {
        return Err(probe_rs::Error::Other(
            "the core has no argument registers for semihosting".to_owned(),
        ));
    };
    let op: u32 = core.read_core_reg(r0)?;
    let mut addr = u64::from(core.read_core_reg::<u32>(r1)?);
    if op == SYS_WRITEC {
        let mut byte = [0u8; 1];
        core.read(addr, &mut byte)?;
        return Ok(byte.to_vec());
    }
    let mut out = Vec::new();
    let mut chunk = [0u8; 64];
    while out.len() < MAX_WRITE0 {
        core.read(addr, &mut chunk)?;
        match chunk.iter().position(|&b| b == 0) {
            Some(end) => {
                out.extend_from_slice(&chunk[..end]);
                break;
            }
            None => out.extend_from_slice(&chunk),
        }
        addr += chunk.len() as u64;
    }
    Ok(out)
}
