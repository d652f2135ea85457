//! `mpc new NAME`: a project directory with `mpc.toml` and `src/main.py`;
//! with `--board B`, a blink program for that board's LED.

use crate::project::{MANIFEST, valid_project_name};
use crate::report::{Problem, Reporter};
use crate::{CmdResult, Failure};
use std::path::Path;

/// The program every new project starts with. It stays inside the language
/// subset mpc supports today (functions, loops, f-strings, no imports), so
/// `mpc new x && cd x && mpc run` always works.
pub const TEMPLATE_MAIN: &str = r##"# A blink simulation: an LED toggles every PERIOD_MS and each change is
# logged. On a board this would drive a pin; on the host it prints what the
# pin would do.

PERIOD_MS = 250


def toggle(state):
    return not state


def show(tick, state):
    label = "on " if state else "off"
    bar = "#" * (tick % 4 + 1)
    return f"t={tick * PERIOD_MS:5d} ms  LED {label}  {bar}"


def blink(changes):
    state = False
    for tick in range(changes):
        state = toggle(state)
        print(show(tick, state))
    return changes


n = blink(8)
print(f"blinked {n // 2} times in {n * PERIOD_MS / 1000:.2f} s")
"##;

/// The program `mpc new --board B` starts with: the board's LED toggling
/// every 500 ms, forever, as MicroPython's blink examples do. On the host,
/// `mpc run --trace-pins` shows the pin changing.
pub const BLINK_MAIN: &str = r##"# Blink: the board's LED toggles every 500 ms.
from machine import Pin
import time

led = Pin("LED", Pin.OUT)

while True:
    led.toggle()
    time.sleep_ms(500)
"##;

/// What the template prints; the CLI tests compare against it.
pub const TEMPLATE_OUTPUT: &str = "\
t=    0 ms  LED on   #
t=  250 ms  LED off  ##
t=  500 ms  LED on   ###
t=  750 ms  LED off  ####
t= 1000 ms  LED on   #
t= 1250 ms  LED off  ##
t= 1500 ms  LED on   ###
t= 1750 ms  LED off  ####
blinked 4 times in 2.00 s
";

fn manifest(name: &str, board: Option<&str>) -> String {
    let board = match board {
        Some(b) => format!(
            "# The board `mpc build` and `mpc flash` use (`mpc boards` lists them).\nboard = \"{b}\"\n"
        ),
        None => String::new(),
    };
    format!(
        "[project]\n\
         name = \"{name}\"\n\
         # The module run as __main__: src/main.py.\n\
         entry = \"main\"\n\
         # The VM heap; 192k is about what a Raspberry Pi Pico leaves for Python.\n\
         heap = \"192k\"\n\
         {board}"
    )
}

pub fn run(dir: &Path, board: Option<&str>, reporter: &Reporter) -> CmdResult {
    if let Some(b) = board {
        super::board_named(b)?;
    }
    let name = dir
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_owned();
    if !valid_project_name(&name) {
        return Err(
            Problem::error(format!("`{}` is not a valid project name", dir.display()))
                .with_help("use letters, digits, `-` and `_`, starting with a letter")
                .into_report()
                .into(),
        );
    }
    if dir.exists() {
        let empty = dir.is_dir()
            && std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none());
        if !empty {
            let what = if dir.is_dir() {
                "a directory that is not empty"
            } else {
                "a file"
            };
            return Err(Problem::error(format!(
                "cannot create project `{name}`: `{}` already exists and is {what}",
                dir.display()
            ))
            .with_help("choose another name, or remove it first")
            .into_report()
            .into());
        }
    }
    let write = |rel: &str, text: &str| -> Result<(), Failure> {
        let path = dir.join(rel);
        let created = match path.parent() {
            Some(parent) => std::fs::create_dir_all(parent),
            None => Ok(()),
        };
        created
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| {
                Failure::User(
                    Problem::error(format!("cannot write `{}`: {e}", path.display())).into_report(),
                )
            })
    };
    write(MANIFEST, &manifest(&name, board))?;
    write(
        "src/main.py",
        if board.is_some() {
            BLINK_MAIN
        } else {
            TEMPLATE_MAIN
        },
    )?;
    write(".gitignore", "/target\n")?;
    reporter.status("Created", &format!("project `{name}` in {}", dir.display()));
    Ok(())
}
