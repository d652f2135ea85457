//! `mpc size`: what a board's runtime takes of flash and RAM, and what the
//! project's image takes of the board's image region, module by module.

use super::{board_named, current_dir, shown_path};
use crate::CmdResult;
use crate::firmware::size::{image_modules, runtime_size};
use crate::project::{Project, read_bytes};
use crate::report::Reporter;
use std::fmt::Write;

pub fn run(board: Option<&str>, reporter: &Reporter) -> CmdResult {
    let project = current_dir().ok().and_then(|d| Project::discover(&d).ok());
    let name = board
        .map(str::to_owned)
        .or_else(|| project.as_ref().and_then(|p| p.board.clone()))
        .unwrap_or_else(|| "pico".to_owned());
    let board = board_named(&name)?;
    let mut out = String::new();
    let runtime_path = crate::runtimes::find(&board)?;
    let runtime = read_bytes(&runtime_path)?;
    let kib = |n: u64| n as f64 / 1024.0;
    let _ = writeln!(
        out,
        "board {} ({}, {})",
        board.name, board.description, board.target
    );
    match runtime_size(&runtime) {
        Some(s) => {
            let flash_for_runtime = u64::from(board.image_start()) - u64::from(board.flash[0]);
            let _ = writeln!(out, "runtime {}", shown_path(&runtime_path));
            let _ = writeln!(
                out,
                "  flash  {:>8} bytes ({:.1} KiB): text {} + rodata {} + data {}  [{:.0}% of {:.0} KiB before the image region]",
                s.flash(),
                kib(s.flash()),
                s.text,
                s.rodata,
                s.data,
                100.0 * s.flash() as f64 / flash_for_runtime.max(1) as f64,
                kib(flash_for_runtime)
            );
            let _ = writeln!(
                out,
                "  RAM    {:>8} bytes ({:.1} KiB): data {} + bss {} + stack {} + heap {}",
                s.ram(),
                kib(s.ram()),
                s.data,
                s.bss,
                s.stack,
                s.heap
            );
        }
        None => {
            let _ = writeln!(
                out,
                "runtime {}: not a readable ELF",
                runtime_path.display()
            );
        }
    }
    if let Some(project) = &project {
        if project.image_is_stale() {
            super::build::build_project(project, false, reporter)?;
        }
        let path = project.image_path();
        let image = read_bytes(&path)?;
        let cap = board.image_size() as usize;
        let _ = writeln!(
            out,
            "image {}\n  {:>8} bytes of the {} bytes image region ({:.1}%)",
            shown_path(&path),
            image.len(),
            cap,
            100.0 * image.len() as f64 / cap.max(1) as f64
        );
        if let Some(modules) = image_modules(&image) {
            let width = modules
                .iter()
                .map(|m| m.name.len())
                .max()
                .unwrap_or(0)
                .max(6);
            let mut owned = 0;
            for m in &modules {
                owned += m.bytes;
                let plural = if m.code_objects == 1 { "" } else { "s" };
                let _ = writeln!(
                    out,
                    "  {:width$}  {:>8} bytes  ({} code object{plural})",
                    m.name, m.bytes, m.code_objects
                );
            }
            let _ = writeln!(
                out,
                "  {:width$}  {:>8} bytes  (header, names, constants)",
                "shared",
                image.len().saturating_sub(owned)
            );
        }
    }
    reporter.stdout(&out);
    Ok(())
}
