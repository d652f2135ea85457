//! Pass 5, `link`: names, constants and code objects into one image.
//!
//! Names (qstrs) get their ids here: a static name keeps its id from
//! `image_format::qstr`; every other name is appended in first-use order,
//! from `qstr::STATIC_COUNT` on. Codegen interns as it goes, and files are
//! compiled in the order given, so ids are deterministic. The map below is
//! only ever looked up, never iterated, so its order cannot leak into the
//! image.

use image_format::image::FLAG_FLOAT;
use image_format::qstr;
use image_format::writer::{CodeData, ConstData, ImageData, ModuleData};
use std::collections::HashMap;

/// Interned names of the whole image.
#[derive(Debug, Default)]
pub struct Interner {
    names: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Interner {
    /// The id of `s`, allocating one on first use.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = qstr::lookup_static(s) {
            return id as u32;
        }
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = qstr::STATIC_COUNT as u32 + self.names.len() as u32;
        self.names.push(s.to_string());
        self.ids.insert(s.to_string(), id);
        id
    }
}

/// A finished module: its constants and the index of its body code object.
#[derive(Debug)]
pub struct LinkedModule {
    pub name: u32,
    pub file: u32,
    pub consts: Vec<ConstData>,
    pub top_code: u32,
}

/// Lays out the image and writes it.
pub fn link(
    interner: Interner,
    modules: Vec<LinkedModule>,
    codes: Vec<CodeData>,
    entry_module: u32,
) -> Vec<u8> {
    let uses_float = modules
        .iter()
        .any(|m| m.consts.iter().any(|c| matches!(c, ConstData::Float(_))));
    let data = ImageData {
        flags: if uses_float { FLAG_FLOAT } else { 0 },
        entry_module,
        qstrs: interner.names,
        modules: modules
            .into_iter()
            .map(|m| ModuleData {
                name: m.name,
                file: m.file,
                consts: m.consts,
                top_code: m.top_code,
            })
            .collect(),
        codes,
    };
    image_format::writer::write_image(&data)
}
