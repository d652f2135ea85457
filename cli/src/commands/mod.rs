//! The subcommands, their arguments (clap) and what they share: compiling
//! sources with every diagnostic shown, and loading an image or a `.py` file.

pub mod boards;
pub mod build;
pub mod dis;
pub mod flash;
pub mod new;
pub mod run;
pub mod size;

use crate::report::{Problem, Reporter};
use crate::{CmdResult, Failure};
use clap::{Parser, Subcommand, ValueEnum};
use compiler::{Severity, SourceFile};
use std::path::{Path, PathBuf};

/// mpc compiles a folder of Python into one bytecode image and runs it on a
/// small VM.
#[derive(Debug, Parser)]
#[command(name = "mpc", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new project: NAME/mpc.toml and NAME/src/main.py.
    New {
        /// The directory to create; its last component names the project.
        name: PathBuf,
        /// Make it a blink project for this board (`mpc boards` lists them).
        #[arg(long)]
        board: Option<String>,
    },
    /// Compile every module under src/ into target/mpc/NAME.mpci; with a
    /// board, also link it into firmware: target/mpc/BOARD/NAME.{elf,uf2,hex,bin}.
    Build {
        /// How to show diagnostics: rendered on stderr, or one JSON object per
        /// line on stdout (for CI).
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
        /// The board to build firmware for (default: `board` in mpc.toml).
        #[arg(long)]
        board: Option<String>,
        /// Only the image, as files covering the board's image region, so
        /// re-deploying Python leaves the runtime in flash alone.
        #[arg(long)]
        image_only: bool,
    },
    /// List the boards mpc builds firmware for.
    Boards,
    /// Build if needed, then write the firmware to the board: through a debug
    /// probe, or onto its UF2 bootloader drive when no probe is attached.
    Flash(flash::FlashArgs),
    /// List the attached debug probes.
    Probes,
    /// Flash and RAM a board's runtime takes, and the project's image by module.
    Size {
        /// The board (default: the project's, or pico).
        #[arg(long)]
        board: Option<String>,
    },
    /// Run the project (building it first if needed), a .py file or an .mpci image.
    Run {
        /// A .py file or an .mpci image; without it, the project in this directory.
        file: Option<PathBuf>,
        /// VM heap size, e.g. 64k or 1m (default: the project's, or 192k).
        #[arg(long, value_parser = parse_heap)]
        heap: Option<usize>,
        /// Print every change of a simulated pin on stderr (`pin 25 = 1`).
        #[arg(long)]
        trace_pins: bool,
        /// The board to simulate for `machine` (default: the project's, or pico).
        #[arg(long)]
        board: Option<String>,
    },
    /// Show the bytecode of every code object of a .py file or an .mpci image.
    Dis {
        /// A .py file or an .mpci image.
        file: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
}

fn parse_heap(text: &str) -> Result<usize, String> {
    crate::project::parse_size(text)
}

/// Runs one parsed command.
pub fn dispatch(cli: Cli, reporter: &Reporter) -> CmdResult {
    match cli.command {
        Command::New { name, board } => new::run(&name, board.as_deref(), reporter),
        Command::Build {
            message_format,
            board,
            image_only,
        } => build::run(message_format, board.as_deref(), image_only, reporter),
        Command::Boards => boards::run(reporter),
        Command::Flash(args) => flash::run(args, reporter),
        Command::Probes => flash::probes(reporter),
        Command::Size { board } => size::run(board.as_deref(), reporter),
        Command::Run {
            file,
            heap,
            trace_pins,
            board,
        } => run::run(
            file.as_deref(),
            heap,
            trace_pins,
            board.as_deref(),
            reporter,
        ),
        Command::Dis { file } => dis::run(&file, reporter),
    }
}

/// The board called `name`, or a report listing the boards there are.
pub fn board_named(name: &str) -> Result<crate::boards::Board, Failure> {
    crate::boards::find(name).ok_or_else(|| {
        Failure::User(
            Problem::error(format!("unknown board `{name}`"))
                .with_help(format!(
                    "`mpc boards` lists them: {}",
                    crate::boards::names().join(", ")
                ))
                .into_report(),
        )
    })
}

/// The current directory, as a user error if it is gone.
pub fn current_dir() -> Result<PathBuf, Failure> {
    std::env::current_dir().map_err(|e| {
        Failure::User(
            Problem::error(format!("cannot use the current directory: {e}")).into_report(),
        )
    })
}

/// What compiling produced when it succeeded.
pub struct Compiled {
    pub image: Vec<u8>,
    /// Warnings, which do not stop the build.
    pub warning_count: usize,
}

/// Compiles `files`; shows every diagnostic (rendered, or handed to
/// `on_diagnostics` for JSON). Errors become `Failure::Exit(1)` after a
/// cargo-like summary line naming `what`.
pub fn compile(
    files: &[SourceFile],
    entry: &str,
    what: &str,
    json: bool,
    reporter: &Reporter,
) -> Result<Compiled, Failure> {
    let output = compiler::compile(files, entry);
    if json {
        for diag in &output.diagnostics {
            reporter.json(&crate::report::diagnostic_json(files, diag));
        }
    } else {
        reporter.diagnostics(files, &output.diagnostics);
    }
    let errors = output
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warning_count = output.diagnostics.len() - errors;
    match output.image {
        Some(image) if errors == 0 => Ok(Compiled {
            image,
            warning_count,
        }),
        _ => {
            let n = errors.max(1);
            let plural = if n == 1 { "" } else { "s" };
            reporter.error_line(&format!(
                "could not compile `{what}` due to {n} previous error{plural}"
            ));
            Err(Failure::Exit(1))
        }
    }
}

/// Is this path an image rather than Python source?
pub fn is_image(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "mpci")
}

/// A single file given on the command line: an image as is, or a `.py` file
/// compiled as its own entry module (named after the file stem), its path
/// shown as given.
pub fn load_file(path: &Path, reporter: &Reporter) -> Result<Vec<u8>, Failure> {
    if is_image(path) {
        return Ok(crate::project::read_bytes(path)?);
    }
    let shown = path.display().to_string();
    let module = path
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| !s.is_empty())
        .unwrap_or("__main__")
        .to_owned();
    let source = crate::project::read_source(path, shown.clone(), module.clone())?;
    let compiled = compile(
        std::slice::from_ref(&source),
        &module,
        &shown,
        false,
        reporter,
    )?;
    Ok(compiled.image)
}

/// A path as the user would like to read it: relative to the current
/// directory when it lies below it.
pub fn shown_path(path: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf));
    rel.unwrap_or_else(|| path.to_path_buf())
        .display()
        .to_string()
}
