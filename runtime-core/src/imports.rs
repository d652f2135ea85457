//! `import`: finding a module in the image (or among the builtin modules),
//! running its body once, and binding packages to their submodules.
//!
//! Each image module has a MODULE object made at load (`Vm::new`), with a
//! state: not run, running, done. Importing a module that is running (a
//! circular import) gives the partly initialised module, as CPython does;
//! a body that raises leaves the module "not run", so a later import runs
//! it again (CPython drops it from `sys.modules`).

use crate::builtins as b;
use crate::heap::*;
use crate::value::Value;
use crate::{Host, Raised, Vm};
use image_format::qstr as q;

pub(crate) const STATE_NEW: i32 = 0;
pub(crate) const STATE_RUNNING: i32 = 1;
pub(crate) const STATE_DONE: i32 = 2;

impl<'a, H: Host> Vm<'a, H> {
    /// The image module called `name`, by text.
    fn find_module(&self, name: &str) -> Option<u32> {
        (0..self.image.module_count()).find(|&i| self.image.qstr(self.image.module(i).name) == name)
    }

    pub(crate) fn module_object(&self, m: u32) -> Value {
        self.field(self.modules, 2 + m as usize)
    }

    /// Runs module `m`'s body unless it ran or is running.
    pub(crate) fn ensure_module(&mut self, m: u32) -> Result<Value, Raised> {
        let module = self.module_object(m);
        if self.int_field(module, 3) != STATE_NEW as usize {
            return Ok(module);
        }
        self.set_field(module, 3, Value::int(STATE_RUNNING));
        match self.run_module(m) {
            Ok(_) => {
                self.set_field(module, 3, Value::int(STATE_DONE));
                Ok(module)
            }
            Err(e) => {
                self.set_field(module, 3, Value::int(STATE_NEW));
                Err(e)
            }
        }
    }

    /// `IMPORT_NAME`: imports `name` and each package above it; returns the
    /// top-level package, or the named module when `leaf`.
    pub(crate) fn import_name(&mut self, name: u32, leaf: bool) -> Result<Value, Raised> {
        let full = self.image.qstr(name);
        if full.is_empty() {
            return Err(self.new_error(b::IMPORT_ERROR, format_args!("Empty module name")));
        }
        let base = self.sp;
        let mut top = Value::NULL;
        let mut parent = Value::NULL;
        let mut end = 0;
        let r = loop {
            // `get`, not indexing: the names are ASCII-dotted, and a str
            // index's panic path costs flash.
            let next = full
                .get(end..)
                .and_then(|r| r.find('.'))
                .map_or(full.len(), |i| end + i);
            let prefix = full.get(..next).unwrap_or("");
            let module = match self.find_module(prefix) {
                Some(m) => match self.ensure_module(m) {
                    Ok(v) => v,
                    Err(e) => break Err(e),
                },
                None => match (end == 0).then(|| b::lookup_module(prefix)).flatten() {
                    Some(v) => v,
                    None => {
                        break Err(self.new_error(
                            b::MODULE_NOT_FOUND_ERROR,
                            format_args!("No module named '{prefix}'"),
                        ));
                    }
                },
            };
            if let Err(e) = self.push(module) {
                break Err(e);
            }
            // A package gets its submodule as an attribute once it is imported.
            if self.is_tag(parent, TAG_MODULE) {
                let child = full.get(end..next).unwrap_or("");
                let key = match self.name_value(child) {
                    Ok(k) => k,
                    Err(e) => break Err(e),
                };
                let globals = self.field(parent, 2);
                if let Err(e) = self.dict_set(globals, key, module) {
                    break Err(e);
                }
            }
            if top.is_null() {
                top = module;
            }
            parent = module;
            if next == full.len() {
                break Ok(if leaf { module } else { top });
            }
            end = next + 1;
        };
        self.sp = base;
        r
    }

    /// A str value for a name: its qstr when the image has one.
    pub(crate) fn name_value(&mut self, text: &str) -> Result<Value, Raised> {
        match self.image.find_qstr(text) {
            Some(id) => Ok(Value::qstr(id)),
            None => self.new_str(text.as_bytes()),
        }
    }

    /// `IMPORT_FROM`: `module.name`, or the submodule `module.name`.
    pub(crate) fn import_from(&mut self, module: Value, name: u32) -> Result<Value, Raised> {
        if self.is_tag(module, TAG_MODULE) {
            let globals = self.field(module, 2);
            if let Some(v) = self.dict_get(globals, Value::qstr(name))? {
                return Ok(v);
            }
            let m = self.int_field(module, 1) as u32;
            let rec = self.image.module(m);
            let mut full = crate::text::StackBuf::<160>::new();
            full.push_str(self.image.qstr(rec.name));
            full.push_str(".");
            full.push_str(self.image.qstr(name));
            if let Some(sub) = self.find_module(full.as_str()) {
                let v = self.ensure_module(sub)?;
                let globals = self.field(module, 2);
                self.dict_set(globals, Value::qstr(name), v)?;
                return Ok(v);
            }
            let modname = self.image.qstr(rec.name);
            let file = self.image.qstr(rec.file);
            let n = self.image.qstr(name);
            return Err(self.new_error(
                b::IMPORT_ERROR,
                format_args!("cannot import name '{n}' from '{modname}' ({file})"),
            ));
        }
        match self.load_attr(module, name) {
            Ok(v) => Ok(v),
            Err(_) => {
                let modname = self.type_or_module_name(module);
                let n = self.image.qstr(name);
                Err(self.new_error(
                    b::IMPORT_ERROR,
                    format_args!("cannot import name '{n}' from '{modname}' (unknown location)"),
                ))
            }
        }
    }

    fn type_or_module_name(&self, v: Value) -> &'static str {
        v.as_builtin().map_or("?", b::name)
    }

    /// `IMPORT_STAR`: binds every public name of `module` in the globals of
    /// module `into` (its `__all__` when it has one).
    pub(crate) fn import_star(&mut self, module: Value, into: usize) -> Result<(), Raised> {
        if !self.is_tag(module, TAG_MODULE) {
            return Err(self.not_supported("`from <builtin module> import *`"));
        }
        let src = self.field(module, 2);
        let dst = self.module_globals(into);
        if let Some(all) = self.dict_get(src, Value::qstr(q::DUNDER_ALL as u32))? {
            let names = self.to_list(all)?;
            self.push(names)?;
            let n = self.list_len(names);
            for i in 0..n {
                let k = self.seq_get(names, i);
                let v = match self.dict_get(src, k)? {
                    Some(v) => v,
                    None => {
                        let mut buf = crate::text::StackBuf::<96>::new();
                        if self.is_str(k) {
                            buf.push_bytes(self.str_bytes(k));
                        }
                        let m = self.int_field(module, 1) as u32;
                        let modname = self.image.qstr(self.image.module(m).name);
                        return Err(self.new_error(
                            b::ATTRIBUTE_ERROR,
                            format_args!("module '{modname}' has no attribute '{}'", buf.as_str()),
                        ));
                    }
                };
                self.dict_set(dst, k, v)?;
            }
            self.pop();
            return Ok(());
        }
        let mut i = 0;
        while i < self.dict_entry_count(src) {
            let (k, v) = self.dict_entry(src, i);
            i += 1;
            if k == Value::DELETED || !self.is_str(k) || self.str_bytes(k).first() == Some(&b'_') {
                continue;
            }
            self.dict_set(dst, k, v)?;
        }
        Ok(())
    }
}
