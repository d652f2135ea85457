//! `mpc run`: the project (built first if stale), a `.py` file or an image,
//! on the host VM.

use super::{current_dir, load_file, shown_path};
use crate::host::{SimBoard, TerminalHost};
use crate::project::{DEFAULT_HEAP, Project, read_bytes};
use crate::report::{Problem, Reporter};
use crate::{CmdResult, Failure};
use runtime_core::{LoadError, Outcome, Vm};
use std::path::Path;

pub fn run(
    file: Option<&Path>,
    heap: Option<usize>,
    trace_pins: bool,
    board: Option<&str>,
    reporter: &Reporter,
) -> CmdResult {
    let mut board = board.map(str::to_owned);
    let (image, heap_size) = match file {
        Some(path) => (load_file(path, reporter)?, heap.unwrap_or(DEFAULT_HEAP)),
        None => {
            let project = Project::discover(&current_dir()?)?;
            if project.image_is_stale() {
                super::build::build_project(&project, false, reporter)?;
            }
            let path = project.image_path();
            reporter.status("Running", &shown_path(&path));
            board = board.or(project.board.clone());
            (read_bytes(&path)?, heap.unwrap_or(project.heap))
        }
    };
    let board = super::board_named(board.as_deref().unwrap_or("pico"))?;
    execute(&image, heap_size, SimBoard::new(&board, trace_pins))
}

/// How deeply Rust may call back into Python on the host.
const HOST_NESTING_LIMIT: u32 = 400;

/// Runs an image on a fresh heap of `heap_size` bytes.
pub fn execute(image: &[u8], heap_size: usize, board: SimBoard) -> CmdResult {
    // Ask first, so an impossible size is a report rather than an abort;
    // then take zeroed memory the system hands out lazily (`vec!` of zeros
    // is calloc), so a large heap costs only the pages the program touches.
    let mut probe: Vec<u8> = Vec::new();
    if probe.try_reserve_exact(heap_size).is_err() {
        return Err(
            Problem::error(format!("cannot allocate a heap of {heap_size} bytes"))
                .with_help("ask for a smaller heap with --heap")
                .into_report()
                .into(),
        );
    }
    drop(probe);
    let mut heap = vec![0u8; heap_size];
    let mut vm =
        Vm::new(image, &mut heap, TerminalHost::with_board(board)).map_err(|e| load_problem(&e))?;
    // The host runs the VM on a large native stack (see `lib.rs`), so
    // Python code called from Rust (special methods, `key=` functions,
    // imports) may nest about as deeply as CPython allows.
    vm.set_nesting_limit(HOST_NESTING_LIMIT);
    let outcome = vm.run();
    vm.host().flush();
    match outcome {
        Outcome::Finished | Outcome::Exit(0) => Ok(()),
        // The VM has already written the traceback through the host.
        Outcome::Exception => Err(Failure::Exit(1)),
        Outcome::Exit(code) => Err(Failure::Exit(code)),
    }
}

fn load_problem(e: &LoadError) -> Failure {
    let problem = Problem::error(format!("cannot load the image: {e}"));
    let problem = match e {
        LoadError::HeapTooSmall { needed, .. } => problem.with_help(format!(
            "give the VM a larger heap, e.g. --heap {}k",
            needed.div_ceil(1024)
        )),
        LoadError::Image(_) => {
            problem.with_help("rebuild it with `mpc build`, or compile the .py file again")
        }
    };
    Failure::User(problem.into_report())
}
