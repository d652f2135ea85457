//! `mpc flash`: build if stale, then write the firmware to a board through
//! a debug probe (probe-rs, in the `flasher` crate) or, without a probe,
//! onto a mounted UF2 bootloader drive; `--monitor` then streams the
//! board's console. `mpc probes` lists the probes.
//!
//! This module decides what to do and shows it; the flasher does the
//! flashing and reports progress as events, which become progress bars on
//! a terminal and status lines elsewhere.

use super::build::{build_firmware, build_project, firmware_dir};
use super::{board_named, current_dir, shown_path};
use crate::boards::Board;
use crate::project::{Project, read_bytes};
use crate::report::{Problem, Reporter};
use crate::uf2drive;
use crate::{CmdResult, Failure};
use flasher::{Event, FlashError, FlashOptions, Operation, Plan, ProbeInfo, ProbeSelector};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// What `mpc flash` takes.
#[derive(Debug, Default, clap::Args)]
pub struct FlashArgs {
    /// The board (default: `board` in mpc.toml).
    #[arg(long)]
    pub board: Option<String>,
    /// The probe to use, as VID:PID[:SERIAL] (`mpc probes` lists them).
    #[arg(long, value_parser = parse_probe)]
    pub probe: Option<ProbeSelector>,
    /// Write only the image region (the Python), leaving the runtime.
    #[arg(long)]
    pub image_only: bool,
    /// Skip reading the flash back after writing.
    #[arg(long)]
    pub no_verify: bool,
    /// After flashing, stream the board's console until the program ends or
    /// Ctrl-C (RTT through the probe, else the serial port).
    #[arg(long)]
    pub monitor: bool,
    /// Check the firmware against the chip and show what would be erased and
    /// written, without touching a probe.
    #[arg(long)]
    pub dry_run: bool,
    /// Allow a full chip erase to unlock a protected nRF chip.
    #[arg(long)]
    pub allow_erase_all: bool,
    /// Copy the UF2 file to the board's UF2 drive (found, or this one).
    #[arg(long, value_name = "DRIVE", num_args = 0..=1)]
    pub uf2: Option<Option<PathBuf>>,
    /// The serial port for `--monitor` without a probe.
    #[arg(long)]
    pub port: Option<PathBuf>,
}

fn parse_probe(text: &str) -> Result<ProbeSelector, String> {
    text.parse()
}

/// The files to write, built if stale.
struct Artifacts {
    /// The project's image (`target/mpc/NAME.mpci`).
    image: PathBuf,
    elf: Option<PathBuf>,
    uf2: Option<PathBuf>,
    /// The artifacts' file stem (`NAME` or `NAME.image`), for the UF2 copied to a drive.
    name: String,
}

pub fn run(args: FlashArgs, reporter: &Reporter) -> CmdResult {
    let project = Project::discover(&current_dir()?)?;
    let name = args
        .board
        .clone()
        .or(project.board.clone())
        .ok_or_else(|| {
            Failure::User(
                Problem::error("`mpc flash` needs a board")
                    .with_help("name one with `--board` (`mpc boards` lists them), or set `board` in mpc.toml")
                    .into_report(),
            )
        })?;
    let board = board_named(&name)?;
    let artifacts = ensure_built(&project, &board, args.image_only, reporter)?;
    let image_range = args.image_only.then(|| {
        u64::from(board.image_start())
            ..u64::from(board.image_start()) + u64::from(board.image_size())
    });

    if args.dry_run {
        return dry_run(&board, &artifacts, image_range, reporter);
    }
    if let Some(uf2) = &args.uf2 {
        return flash_uf2(&board, &artifacts, uf2.as_deref(), &args, reporter);
    }
    let probes = flasher::list_probes();
    if probes.is_empty() && args.probe.is_none() {
        // CircuitPython's way: a board in its bootloader is a drive.
        if let Some(id) = &board.uf2_board_id {
            let drives = uf2drive::find_drives(&uf2drive::mount_roots());
            if let Some(drive) = drives.iter().find(|d| {
                d.board_id
                    .as_deref()
                    .is_some_and(|b| b.starts_with(id.as_str()))
            }) {
                reporter.status(
                    "Found",
                    &format!("UF2 drive {} (no debug probe)", drive.path.display()),
                );
                return flash_uf2(&board, &artifacts, Some(&drive.path), &args, reporter);
            }
        }
        return Err(flash_problem(&board, FlashError::NoProbe));
    }
    flash_probe(&board, &artifacts, image_range, &args, reporter)
}

/// Builds the image and the board's firmware unless they are newer than
/// every input (sources, mpc.toml, the runtime), like `cargo run`.
fn ensure_built(
    project: &Project,
    board: &Board,
    image_only: bool,
    reporter: &Reporter,
) -> Result<Artifacts, Failure> {
    let dir = firmware_dir(project, board);
    let stem = if image_only {
        format!("{}.image", project.name)
    } else {
        project.name.clone()
    };
    let elf = dir.join(format!("{}.elf", project.name));
    let uf2 = dir.join(format!("{stem}.uf2"));
    let hex = dir.join(format!("{stem}.hex"));
    let runtime = crate::runtimes::find(board)?;
    let mtime = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let newest_input = [project.image_path(), runtime.clone()]
        .iter()
        .filter_map(|p| mtime(p))
        .max();
    let output = if image_only { &hex } else { &elf };
    let stale = project.image_is_stale()
        || match (mtime(output), newest_input) {
            (Some(out), Some(input)) => out < input,
            _ => true,
        };
    if stale {
        let built = build_project(project, false, reporter)?;
        build_firmware(project, board, &built, image_only, reporter)?;
    } else {
        reporter.status(
            "Fresh",
            &format!("{} for {}", shown_path(output), board.name),
        );
    }
    Ok(Artifacts {
        image: project.image_path(),
        elf: (!image_only).then_some(elf),
        uf2: board.uf2_family.is_some().then_some(uf2),
        name: stem,
    })
}

/// The ELF to hand to the flasher: the linked firmware, or for
/// `--image-only` the same link (only the image region is then written).
fn elf_bytes(board: &Board, artifacts: &Artifacts) -> Result<(Vec<u8>, PathBuf), Failure> {
    match &artifacts.elf {
        Some(p) => Ok((read_bytes(p)?, p.clone())),
        None => {
            // `--image-only` wrote no ELF; link one in memory so the flasher
            // sees an ordinary file and writes only the image region of it.
            let runtime_path = crate::runtimes::find(board)?;
            let runtime = read_bytes(&runtime_path)?;
            let image = read_bytes(&artifacts.image)?;
            let linked = super::build::link_for_board(&runtime, &runtime_path, board, &image)?;
            Ok((linked, artifacts.image.clone()))
        }
    }
}

fn dry_run(
    board: &Board,
    artifacts: &Artifacts,
    only: Option<std::ops::Range<u64>>,
    reporter: &Reporter,
) -> CmdResult {
    let (elf, file) = elf_bytes(board, artifacts)?;
    check_board_flash(board, &elf)?;
    let plan = flasher::plan(&board.chip, &elf, only).map_err(|e| flash_problem(board, e))?;
    reporter.status(
        "Dry run",
        &format!("{} ({}) from {}", board.name, board.chip, shown_path(&file)),
    );
    reporter.stdout(&describe_plan(&plan));
    reporter.status("Finished", "dry run: nothing was written");
    Ok(())
}

/// The plan as a person reads it.
pub fn describe_plan(plan: &Plan) -> String {
    let ranges = |rs: &[flasher::Region]| -> String {
        rs.iter()
            .map(|r| {
                format!(
                    "{:#010x}..{:#010x} ({})",
                    r.start,
                    r.end,
                    bytes(r.end - r.start)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    out.push_str(&format!("chip   {}\n", plan.chip));
    for r in &plan.nvm {
        out.push_str(&format!(
            "flash  {} {:#010x}..{:#010x} ({})\n",
            r.name,
            r.start,
            r.end,
            bytes(r.end - r.start)
        ));
    }
    out.push_str(&format!("erase  {}\n", ranges(&plan.erase)));
    out.push_str(&format!("write  {}\n", ranges(&plan.write)));
    out.push_str(&format!("total  {} to write\n", bytes(plan.bytes)));
    out
}

fn bytes(n: u64) -> String {
    if n >= 1024 * 1024 {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    } else if n >= 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{n} B")
    }
}

fn flash_uf2(
    board: &Board,
    artifacts: &Artifacts,
    path: Option<&Path>,
    args: &FlashArgs,
    reporter: &Reporter,
) -> CmdResult {
    let (Some(uf2), Some(id)) = (&artifacts.uf2, &board.uf2_board_id) else {
        return Err(Failure::User(
            Problem::error(format!("board `{}` has no UF2 bootloader", board.name))
                .with_help("flash it through a debug probe: `mpc flash` without `--uf2`")
                .into_report(),
        ));
    };
    let drive = match path {
        Some(p) => uf2drive::check_drive(p, id).map_err(|e| {
            Failure::User(
                Problem::error(e.to_string())
                    .with_help(format!(
                        "a {} in its bootloader shows a drive with {} saying `Board-ID: {id}…`",
                        board.description,
                        uf2drive::INFO_FILE
                    ))
                    .into_report(),
            )
        })?,
        None => {
            let roots = uf2drive::mount_roots();
            let drives = uf2drive::find_drives(&roots);
            drives
                .into_iter()
                .find(|d| d.board_id.as_deref().is_some_and(|b| b.starts_with(id.as_str())))
                .ok_or_else(|| {
                    let looked: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
                    Failure::User(
                        Problem::error(format!("no UF2 drive of board `{}` is mounted", board.name))
                            .with_help(format!(
                                "looked in {}; put the board in its bootloader (a Pico: hold BOOTSEL while plugging it in), or name the drive with `--uf2 PATH`",
                                looked.join(", ")
                            ))
                            .into_report(),
                    )
                })?
        }
    };
    let file_name = format!("{}.uf2", artifacts.name);
    let to = uf2drive::copy_to(&drive, uf2, &file_name).map_err(|e| {
        Failure::User(
            Problem::error(format!(
                "cannot copy {} to {}: {e}",
                uf2.display(),
                drive.path.display()
            ))
            .into_report(),
        )
    })?;
    reporter.status(
        "Copied",
        &format!("{} to {}", shown_path(uf2), to.display()),
    );
    reporter.status(
        "Finished",
        &format!("{} restarts with the new firmware", board.name),
    );
    if args.monitor {
        return serial_monitor(board, args.port.as_deref(), reporter);
    }
    Ok(())
}

fn flash_probe(
    board: &Board,
    artifacts: &Artifacts,
    only: Option<std::ops::Range<u64>>,
    args: &FlashArgs,
    reporter: &Reporter,
) -> CmdResult {
    let (elf, file) = elf_bytes(board, artifacts)?;
    check_board_flash(board, &elf)?;
    let opts = FlashOptions {
        probe: args.probe.clone(),
        verify: !args.no_verify,
        allow_erase_all: args.allow_erase_all,
        only,
    };
    let mut bars = Bars::new(reporter);
    let result = flasher::flash(&board.name, &board.chip, &elf, &file, &opts, &mut |e| {
        bars.event(e)
    });
    bars.finish();
    let mut flashed = result.map_err(|e| flash_problem(board, e))?;
    reporter.status(
        "Finished",
        &format!("{} is running the new firmware", board.name),
    );
    if !args.monitor {
        return Ok(());
    }
    reporter.status(
        "Monitoring",
        "the board's console through the probe (Ctrl-C to stop)",
    );
    let stop = ctrl_c_flag();
    let mut out = std::io::stdout();
    let status = flashed
        .monitor(
            &elf,
            &mut |bytes| {
                use std::io::Write;
                let _ = out.write_all(bytes);
                let _ = out.flush();
            },
            &stop,
        )
        .map_err(|e| flash_problem(board, e))?;
    match status {
        Some(0) | None => Ok(()),
        Some(code) => Err(Failure::Exit(code)),
    }
}

/// A flag set by Ctrl-C (once per process).
fn ctrl_c_flag() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = stop.clone();
    // A second registration (tests calling twice) fails; the first flag works.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    stop
}

/// `--monitor` without a probe: the board's serial console.
fn serial_monitor(board: &Board, port: Option<&Path>, reporter: &Reporter) -> CmdResult {
    let port = match port {
        Some(p) => p.to_path_buf(),
        None => {
            let ports: Vec<String> = serialport::available_ports()
                .map(|ps| ps.into_iter().map(|p| p.port_name).collect())
                .unwrap_or_default();
            match ports.as_slice() {
                [one] => PathBuf::from(one),
                _ => {
                    return Err(Failure::User(
                        Problem::error("which serial port is the board's console?")
                            .with_help(format!(
                                "name it with `--port` ({}); the {} console is {} at 115200 baud",
                                if ports.is_empty() {
                                    "none found".to_owned()
                                } else {
                                    ports.join(", ")
                                },
                                board.name,
                                board.console
                            ))
                            .into_report(),
                    ));
                }
            }
        }
    };
    let mut serial = serialport::new(port.to_string_lossy(), 115_200)
        .timeout(Duration::from_millis(100))
        .open()
        .map_err(|e| {
            Failure::User(
                Problem::error(format!("cannot open {}: {e}", port.display()))
                    .with_help("on Linux, serial ports need the `dialout` group")
                    .into_report(),
            )
        })?;
    reporter.status(
        "Monitoring",
        &format!("{} at 115200 baud (Ctrl-C to stop)", port.display()),
    );
    let stop = ctrl_c_flag();
    let mut buf = [0u8; 256];
    let mut out = std::io::stdout();
    while !stop.load(Ordering::SeqCst) {
        match serial.read(&mut buf) {
            Ok(n) => {
                use std::io::Write;
                let _ = out.write_all(&buf[..n]);
                let _ = out.flush();
            }
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(e) => {
                return Err(Failure::User(
                    Problem::error(format!("reading {}: {e}", port.display())).into_report(),
                ));
            }
        }
    }
    Ok(())
}

/// Progress bars for erase/program/verify on a terminal; status lines
/// otherwise (CI logs).
struct Bars<'r> {
    reporter: &'r Reporter,
    bar: Option<ProgressBar>,
}

impl<'r> Bars<'r> {
    fn new(reporter: &'r Reporter) -> Self {
        Bars {
            reporter,
            bar: None,
        }
    }

    fn event(&mut self, e: Event) {
        match e {
            Event::Attached { probe, chip } => {
                self.reporter.status(
                    "Attached",
                    &format!("{chip} through {}", describe_probe(&probe)),
                );
            }
            Event::Planned(plan) => {
                self.reporter.status(
                    "Writing",
                    &format!("{} to {}", bytes(plan.bytes), plan.chip),
                );
            }
            Event::Started { op, total } => {
                if self.reporter.is_terminal() {
                    let bar = ProgressBar::new(total);
                    bar.set_style(
                        ProgressStyle::with_template(
                            "{prefix:>12.cyan.bold} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                    );
                    bar.set_prefix(verb(op));
                    self.bar = Some(bar);
                } else {
                    self.reporter.status(verb(op), &bytes(total));
                }
            }
            Event::Progress { done, .. } => {
                if let Some(bar) = &self.bar {
                    bar.set_position(done);
                }
            }
            Event::Finished { op } => {
                if let Some(bar) = self.bar.take() {
                    bar.finish_and_clear();
                    self.reporter.status(verb(op), "done");
                }
            }
            Event::Reset => self.reporter.status("Reset", "the board, running"),
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.abandon();
        }
    }
}

fn verb(op: Operation) -> &'static str {
    match op {
        Operation::Erase => "Erasing",
        Operation::Program => "Programming",
        Operation::Verify => "Verifying",
    }
}

fn describe_probe(p: &ProbeInfo) -> String {
    format!("{} ({})", p.name, p.selector())
}

/// probe-rs knows a chip's address space, not a board's flash chip (an
/// RP2040 maps 128 MiB of XIP; a Pico has 2 MiB): the board table has the
/// last word on where firmware may go.
fn check_board_flash(board: &Board, elf: &[u8]) -> Result<(), Failure> {
    let start = u64::from(board.flash[0]);
    let end = start + u64::from(board.flash[1]);
    let segments = crate::firmware::load_segments(elf).map_err(|e| {
        Failure::User(Problem::error(format!("cannot read the firmware: {e}")).into_report())
    })?;
    match segments
        .iter()
        .find(|s| u64::from(s.addr) < start || s.end() > end)
    {
        Some(s) => Err(Failure::User(
            Problem::error(format!(
                "the firmware writes {:#010x}..{:#010x}, outside the {} flash of board `{}` ({start:#010x}..{end:#010x})",
                s.addr,
                s.end(),
                bytes(end - start),
                board.name
            ))
            .with_help(format!(
                "was it built for another board? rebuild with `mpc build --board {}`",
                board.name
            ))
            .into_report(),
        )),
        None => Ok(()),
    }
}

/// An error and its causes, as one line each.
fn with_causes(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

/// A flasher error as a report with a help line.
fn flash_problem(board: &Board, e: FlashError) -> Failure {
    let uf2_hint = match &board.uf2_board_id {
        Some(_) => format!(
            "; or flash by UF2: put the {} in its bootloader (a Pico: hold BOOTSEL while plugging it in) and run `mpc flash` again",
            board.name
        ),
        None => String::new(),
    };
    let list = |ps: &[ProbeInfo]| {
        ps.iter()
            .map(|p| format!("  {}", describe_probe(p)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let full = with_causes(&e);
    let (message, help) = match &e {
        FlashError::NoProbe => (
            "no debug probe found".to_owned(),
            format!(
                "looked on USB for the probes probe-rs knows (CMSIS-DAP such as the Raspberry Pi Debug Probe or a picoprobe, J-Link, ST-Link, ESP-JTAG); on Linux a probe also needs udev rules (https://probe.rs/docs/getting-started/probe-setup/){uf2_hint}"
            ),
        ),
        FlashError::SeveralProbes { found } => (
            format!("{} debug probes are attached:\n{}", found.len(), list(found)),
            "choose one with `--probe VID:PID[:SERIAL]`".to_owned(),
        ),
        FlashError::ProbeNotFound { wanted, found } => (
            format!(
                "no probe matches `{wanted}`{}",
                if found.is_empty() { String::new() } else { format!("; attached:\n{}", list(found)) }
            ),
            "`mpc probes` lists the attached probes".to_owned(),
        ),
        FlashError::OpenProbe { .. } => (
            full.clone(),
            "on Linux, install probe-rs's udev rules (https://probe.rs/docs/getting-started/probe-setup/) and plug the probe in again".to_owned(),
        ),
        FlashError::NoAnswer { .. } => (
            full.clone(),
            format!("check that the {} is powered and wired to the probe (SWDIO, SWCLK, GND); try holding its reset button while flashing", board.name),
        ),
        FlashError::Locked { .. } => (
            full.clone(),
            "the chip's access-port protection is on; `mpc flash --allow-erase-all` erases the whole chip (all of its flash and UICR) to unlock it".to_owned(),
        ),
        FlashError::OutsideFlash { .. } => (
            full.clone(),
            format!("was this firmware built for another board? rebuild with `mpc build --board {}`", board.name),
        ),
        FlashError::UnknownChip { .. } => (
            full.clone(),
            "the board table names a chip probe-rs does not know; this is a bug in mpc's board table".to_owned(),
        ),
        _ => (full.clone(), "run it again; if it keeps failing, power-cycle the board and the probe".to_owned()),
    };
    Failure::User(Problem::error(message).with_help(help).into_report())
}

/// `mpc probes`.
pub fn probes(reporter: &Reporter) -> CmdResult {
    let probes = flasher::list_probes();
    if probes.is_empty() {
        reporter.stdout("no debug probes found\n");
        return Ok(());
    }
    let mut text = String::new();
    for p in &probes {
        text.push_str(&format!("{}  [{}]\n", describe_probe(p), p.kind));
    }
    reporter.stdout(&text);
    Ok(())
}
