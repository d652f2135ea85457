//! `machine` on the host: `mpc run` simulates a board's pins, and
//! `--trace-pins` shows every change, as a person watching a blink would
//! see it and as these tests read it.

mod common;

use common::mpc_run;

fn run_program(source: &str, args: &[&str]) -> common::Run {
    let dir = tempfile::tempdir().expect("temporary directory");
    std::fs::write(dir.path().join("prog.py"), source).expect("write program");
    let mut all = vec!["run", "prog.py"];
    all.extend_from_slice(args);
    mpc_run(dir.path(), &all)
}

/// The `pin …` parts of the trace lines, without their timestamps.
fn trace(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter_map(|l| l.split_once(" ms  ").map(|(_, rest)| rest.to_owned()))
        .collect()
}

#[test]
fn pins_hold_their_level_and_trace_changes() {
    let run = run_program(
        "import machine\n\
         from machine import Pin\n\
         led = Pin('LED', Pin.OUT)\n\
         print(led, led.value())\n\
         led.on(); print(led.value())\n\
         led.toggle(); print(led.value())\n\
         led.value(1); led.value(1)\n\
         print(Pin(3, Pin.IN, Pin.PULL_UP).value(), Pin(4, Pin.IN, Pin.PULL_DOWN).value())\n\
         print(machine.freq(), len(machine.unique_id()))\n\
         p = Pin(7, mode=Pin.OUT, value=1)\n\
         print(p.value(), Pin.IN, Pin.OUT, Pin.OPEN_DRAIN, Pin.PULL_UP, Pin.PULL_DOWN)\n",
        &["--trace-pins"],
    );
    assert_eq!(run.status, Some(0), "{}", run.describe());
    assert_eq!(
        run.stdout_text(),
        "Pin(25) 0\n1\n0\n1 0\n125000000 8\n1 0 1 2 1 2\n"
    );
    assert_eq!(
        trace(&run.stderr),
        [
            "pin 25 mode OUT",
            "pin 25 = 1",
            "pin 25 = 0",
            "pin 25 = 1",
            "pin 3 mode IN",
            "pin 4 mode IN",
            "pin 7 = 1",
            "pin 7 mode OUT",
        ]
    );
}

#[test]
fn without_trace_pins_stderr_stays_quiet() {
    let run = run_program("from machine import Pin\nPin(2, Pin.OUT).on()\n", &[]);
    assert_eq!(run.status, Some(0), "{}", run.describe());
    assert_eq!(run.stderr, "");
}

#[test]
fn the_simulated_board_follows_board() {
    let run = run_program(
        "import machine\nfrom machine import Pin\nprint(Pin('LED'), machine.freq())\nPin(40)\n",
        &["--board", "nrf52840dk"],
    );
    assert_eq!(run.stdout_text(), "Pin(13) 64000000\n");
    assert_eq!(run.status, Some(0), "{}", run.describe());
    let run = run_program("from machine import Pin\nPin(40)\n", &["--board", "pico"]);
    assert_eq!(run.status, Some(1));
    assert!(
        run.stderr.ends_with("ValueError: invalid pin\n"),
        "{}",
        run.describe()
    );
}

#[test]
fn bad_pin_arguments_are_python_errors() {
    for (source, error) in [
        (
            "from machine import Pin\nPin(-1)\n",
            "ValueError: invalid pin",
        ),
        (
            "from machine import Pin\nPin('NOPE')\n",
            "ValueError: invalid pin",
        ),
        (
            "from machine import Pin\nPin(1.5)\n",
            "TypeError: Pin id must be an int or a str, not float",
        ),
        (
            "from machine import Pin\nPin(1, 9)\n",
            "ValueError: invalid pin mode",
        ),
        (
            "from machine import Pin\nPin(1, Pin.IN, 7)\n",
            "ValueError: invalid pull",
        ),
        (
            "from machine import Pin\nPin()\n",
            "TypeError: Pin() takes from 1 to 3 positional arguments (0 given)",
        ),
        (
            "from machine import Pin\nPin(1).value(1, 2)\n",
            "TypeError: value() takes at most 1 arguments (2 given)",
        ),
        (
            "from machine import Pin\nPin(1).blink()\n",
            "AttributeError: 'Pin' object has no attribute 'blink'",
        ),
        (
            "import machine\nmachine.freq(48000000)\n",
            "NotImplementedError: changing the CPU frequency is not supported",
        ),
    ] {
        let run = run_program(source, &[]);
        assert_eq!(run.status, Some(1), "{source}\n{}", run.describe());
        assert!(
            run.stderr.trim_end().ends_with(error),
            "{source}: expected {error}\n{}",
            run.describe()
        );
    }
}

#[test]
fn reset_ends_the_program_on_the_host() {
    let run = run_program(
        "import machine\nprint('before')\nmachine.reset()\nprint('after')\n",
        &[],
    );
    assert_eq!(run.status, Some(0), "{}", run.describe());
    assert_eq!(run.stdout_text(), "before\n");
}
