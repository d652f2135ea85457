//! `mpc boards`: the board table, one line per board.

use crate::CmdResult;
use crate::report::Reporter;

pub fn run(reporter: &Reporter) -> CmdResult {
    let boards = crate::boards::all();
    let width = boards.iter().map(|b| b.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for b in &boards {
        let chip = if b.chip.is_empty() {
            "emulator only".to_owned()
        } else {
            b.chip.clone()
        };
        let uf2 = if b.uf2_family.is_some() { ", UF2" } else { "" };
        text.push_str(&format!(
            "{:width$}  {}  [{chip}, {}, {} KiB flash, {} KiB RAM{uf2}]\n",
            b.name,
            b.description,
            b.target,
            b.flash[1] / 1024,
            b.ram[1] / 1024,
        ));
    }
    reporter.stdout(&text);
    Ok(())
}
