//! `mpc dis`: a readable listing of every code object in an image.

use super::load_file;
use crate::CmdResult;
use crate::report::{Problem, Reporter};
use std::path::Path;

pub fn run(file: &Path, reporter: &Reporter) -> CmdResult {
    let image = load_file(file, reporter)?;
    let parsed = image_format::writer::parse_image(&image).map_err(|e| {
        Problem::error(format!("`{}` is not a valid image: {e}", file.display()))
            .with_help("rebuild it with `mpc build`")
            .into_report()
    })?;
    reporter.stdout(&image_format::disasm::disassemble(&parsed));
    Ok(())
}
