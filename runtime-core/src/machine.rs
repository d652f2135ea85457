//! The `machine` module: `Pin`, `freq`, `reset`, `unique_id`, `idle`.
//!
//! The VM knows nothing about a chip: every call goes through the
//! [`Host`], which a board runtime implements with registers and the host
//! (`mpc run`) with a simulated board. A `Pin` object is one heap word, its
//! pin number; the state lives in the host (the chip's registers), so two
//! `Pin(25)` objects are the same pin, as in MicroPython.

use crate::builtins as b;
use crate::heap::TAG_PIN;
use crate::natives::Args;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

/// A pin's direction, as `Pin.IN`, `Pin.OUT`, `Pin.OPEN_DRAIN` number them
/// (MicroPython's rp2 and nrf ports use the same values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinMode {
    In = 0,
    Out = 1,
    OpenDrain = 2,
}

/// A pin's pull resistor, as `Pin.PULL_UP` and `Pin.PULL_DOWN` number them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinPull {
    None = 0,
    Up = 1,
    Down = 2,
}

const PIN_CONSTANTS: [(&str, i32); 5] = [
    ("IN", PinMode::In as i32),
    ("OUT", PinMode::Out as i32),
    ("OPEN_DRAIN", PinMode::OpenDrain as i32),
    ("PULL_UP", PinPull::Up as i32),
    ("PULL_DOWN", PinPull::Down as i32),
];

const PIN_METHODS: [&str; 8] = ["value", "on", "off", "toggle", "high", "low", "init", "id"];

impl<'a, H: Host> Vm<'a, H> {
    /// `machine.freq()`, `machine.Pin(...)` and the other module functions.
    pub(crate) fn machine_call(&mut self, id: u16, a: Args) -> Result<Value, Raised> {
        if id == b::MACHINE_PIN {
            return self.pin_new(a);
        }
        let name = b::name(id);
        if a.nkw > 0 {
            return Err(self.type_error(format_args!("{name}() takes no keyword arguments")));
        }
        let max = usize::from(id == b::MACHINE_FREQ);
        if a.argc > max {
            return Err(self.type_error(format_args!(
                "{name}() takes at most {max} arguments ({} given)",
                a.argc
            )));
        }
        match id {
            b::MACHINE_FREQ => {
                if a.argc == 1 {
                    // Changing the clock is not supported; say so rather
                    // than pretend.
                    return Err(self.new_error(
                        b::NOT_IMPLEMENTED_ERROR,
                        format_args!("changing the CPU frequency is not supported"),
                    ));
                }
                let hz = self.host.cpu_freq();
                self.int_from_i64(hz as i64)
            }
            b::MACHINE_RESET => {
                self.host.reset();
                // Only a host without a chip gets here: end the program as
                // `SystemExit` would.
                let e = self.new_exception(b::SYSTEM_EXIT, &[])?;
                Err(self.set_raised(e))
            }
            b::MACHINE_UNIQUE_ID => {
                let id = self.host.unique_id();
                self.new_bytes_of(crate::heap::TAG_BYTES, &id)
            }
            _ => {
                // `idle()`: nothing to wait for between instructions here.
                Ok(Value::NONE)
            }
        }
    }

    /// `Pin.IN`, `Pin.PULL_UP`, …
    pub(crate) fn pin_class_attr(&mut self, o: Value, name: u32) -> Option<Value> {
        if o.as_builtin() != Some(b::MACHINE_PIN) {
            return None;
        }
        let text = self.image.qstr(name);
        PIN_CONSTANTS
            .iter()
            .find(|(n, _)| *n == text)
            .map(|&(_, v)| Value::int(v))
    }

    /// Does a `Pin` have method `name`?
    pub(crate) fn is_pin_method(&self, o: Value, name: u32) -> bool {
        self.is_tag(o, TAG_PIN) && PIN_METHODS.contains(&self.image.qstr(name))
    }

    pub(crate) fn pin_id(&self, pin: Value) -> u32 {
        self.int_field(pin, 1) as u32
    }

    /// `Pin(id, mode=-1, pull=-1, *, value=None)`.
    fn pin_new(&mut self, a: Args) -> Result<Value, Raised> {
        if a.argc == 0 || a.argc > 3 {
            return Err(self.type_error(format_args!(
                "Pin() takes from 1 to 3 positional arguments ({} given)",
                a.argc
            )));
        }
        let id = self.arg(a, 0);
        let pin = if self.is_str(id) {
            // Pin names are short ("LED", "P0_13"): copy out of the heap
            // so the host can be asked while the VM is borrowed.
            let mut buf = [0u8; 16];
            let bytes = self.str_bytes(id);
            let n = bytes.len().min(buf.len());
            buf[..n].copy_from_slice(&bytes[..n]);
            let named = core::str::from_utf8(&buf[..n])
                .ok()
                .filter(|_| bytes.len() <= 16)
                .and_then(|n| self.host.pin_named(n));
            match named {
                Some(n) => n,
                None => return Err(self.value_error(format_args!("invalid pin"))),
            }
        } else {
            match self.int_to_i64(id) {
                Some(n) if (0..=u16::MAX as i64).contains(&n) => n as u32,
                Some(_) => return Err(self.value_error(format_args!("invalid pin"))),
                None => {
                    let tn = self.type_name(id);
                    return Err(
                        self.type_error(format_args!("Pin id must be an int or a str, not {tn}"))
                    );
                }
            }
        };
        if !self.host.pin_exists(pin) {
            return Err(self.value_error(format_args!("invalid pin")));
        }
        let v = self.new_obj(TAG_PIN, &[Value::int(pin as i32)])?;
        self.push(v)?;
        let r = self.pin_configure(v, a, 1);
        self.pop();
        r.map(|()| v)
    }

    /// Applies `mode`, `pull` (positional from `first`) and `value=`.
    fn pin_configure(&mut self, pin: Value, a: Args, first: usize) -> Result<(), Raised> {
        let id = self.pin_id(pin);
        let value = self.kwarg(a, "Pin", &[q::VALUE_, q::MODE, q::PULL], q::VALUE_)?;
        let mode_kw = self.kwarg(a, "Pin", &[q::VALUE_, q::MODE, q::PULL], q::MODE)?;
        let pull_kw = self.kwarg(a, "Pin", &[q::VALUE_, q::MODE, q::PULL], q::PULL)?;
        let mode = if a.argc > first {
            Some(self.arg(a, first))
        } else {
            mode_kw
        };
        let pull = if a.argc > first + 1 {
            Some(self.arg(a, first + 1))
        } else {
            pull_kw
        };
        let mode = match mode.map(|m| self.int_to_i64(m)) {
            None | Some(Some(-1)) => None,
            Some(Some(0)) => Some(PinMode::In),
            Some(Some(1)) => Some(PinMode::Out),
            Some(Some(2)) => Some(PinMode::OpenDrain),
            Some(_) => return Err(self.value_error(format_args!("invalid pin mode"))),
        };
        let pull = match pull.map(|p| {
            if p == Value::NONE {
                Some(0)
            } else {
                self.int_to_i64(p)
            }
        }) {
            None | Some(Some(-1)) | Some(Some(0)) => PinPull::None,
            Some(Some(1)) => PinPull::Up,
            Some(Some(2)) => PinPull::Down,
            Some(_) => return Err(self.value_error(format_args!("invalid pull"))),
        };
        // The level first, so an output starts at the level asked for.
        if let Some(v) = value.filter(|v| *v != Value::NONE) {
            let high = self.truthy(v)?;
            self.host.pin_write(id, high);
        }
        if let Some(mode) = mode {
            self.host.pin_init(id, mode, pull);
        }
        Ok(())
    }

    /// `pin.value()`, `pin.on()`, …
    pub(crate) fn pin_method(&mut self, pin: Value, name: u32, a: Args) -> Result<Value, Raised> {
        let id = self.pin_id(pin);
        let mname = self.image.qstr(name);
        if mname == "init" {
            self.pin_configure(pin, a, 0)?;
            return Ok(Value::NONE);
        }
        if a.nkw > 0 {
            return Err(self.type_error(format_args!("{mname}() takes no keyword arguments")));
        }
        let max = usize::from(mname == "value");
        if a.argc > max {
            return Err(self.type_error(format_args!(
                "{mname}() takes at most {max} arguments ({} given)",
                a.argc
            )));
        }
        match mname {
            "value" if a.argc == 1 => {
                let v = self.arg(a, 0);
                let high = self.truthy(v)?;
                self.host.pin_write(id, high);
                Ok(Value::NONE)
            }
            "value" => Ok(Value::int(i32::from(self.host.pin_read(id)))),
            "on" | "high" => {
                self.host.pin_write(id, true);
                Ok(Value::NONE)
            }
            "off" | "low" => {
                self.host.pin_write(id, false);
                Ok(Value::NONE)
            }
            "toggle" => {
                let level = self.host.pin_read(id);
                self.host.pin_write(id, !level);
                Ok(Value::NONE)
            }
            _ => Ok(Value::int(id as i32)),
        }
    }
}
