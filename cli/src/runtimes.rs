//! Where `mpc` finds a board's prebuilt runtime ELF.
//!
//! Runtimes are firmware crates under `targets/`, built once for their
//! thumb target by `cargo xtask firmware` (part of `cargo xtask setup`) into
//! `target/runtimes/<board>.elf`. Linking an image into a runtime needs no
//! cross compiler, so a user's machine only needs these files. Looked up, in
//! order:
//! 1. `$MPC_RUNTIME_DIR/<board>.elf` (when set, the only place looked);
//! 2. `<dir of mpc>/../runtimes/<board>.elf` — in a checkout `mpc` is
//!    `target/{debug,release}/mpc`, so this is `target/runtimes/`;
//! 3. `<dir of mpc>/../share/mpc/runtimes/<board>.elf`, for an installed
//!    `bin/mpc`.

use crate::boards::Board;
use crate::report::Problem;
use miette::Report;
use std::path::PathBuf;

/// The candidate paths for `board`'s runtime, in search order.
pub fn candidates(board: &Board) -> Vec<PathBuf> {
    let file = format!("{}.elf", board.name);
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os("MPC_RUNTIME_DIR") {
        return vec![PathBuf::from(dir).join(file)];
    }
    let bin = std::env::current_exe()
        .ok()
        .and_then(|e| e.canonicalize().ok())
        .and_then(|e| e.parent().map(PathBuf::from));
    if let Some(up) = bin.as_deref().and_then(|b| b.parent()) {
        dirs.push(up.join("runtimes"));
        dirs.push(up.join("share").join("mpc").join("runtimes"));
    }
    dirs.into_iter().map(|d| d.join(&file)).collect()
}

/// The runtime ELF of `board`, or a report naming every place looked at.
pub fn find(board: &Board) -> Result<PathBuf, Report> {
    let paths = candidates(board);
    if let Some(p) = paths.iter().find(|p| p.is_file()) {
        return Ok(p.clone());
    }
    let looked: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    Err(Problem::error(format!(
        "no runtime for board `{}` (looked for {})",
        board.name,
        looked.join(", ")
    ))
    .with_help(
        "build the board runtimes with `cargo xtask firmware` in the mpc checkout \
         (`cargo xtask setup` does it too), or point MPC_RUNTIME_DIR at a folder of <board>.elf files",
    )
    .into_report())
}
