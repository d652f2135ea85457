//! What a runtime ELF and an image cost: flash and RAM by section, and the
//! image by module. `mpc size` prints these.

use goblin::elf::Elf;
use image_format::image::{CodeRecord, Image};

/// Flash and RAM of a board runtime, from its section headers and the
/// memory-layout symbols of `targets/firmware`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuntimeSize {
    /// Code, including the vector table.
    pub text: u64,
    pub rodata: u64,
    /// Initialised statics: in flash (their initial values) and in RAM.
    pub data: u64,
    pub bss: u64,
    /// The stack region (`_stack_end`..`_stack_start`), if the runtime has one.
    pub stack: u64,
    /// The heap the VM gets (`__sheap`..`_ram_end`), if known.
    pub heap: u64,
}

impl RuntimeSize {
    pub fn flash(&self) -> u64 {
        self.text + self.rodata + self.data
    }

    pub fn ram(&self) -> u64 {
        self.data + self.bss + self.stack + self.heap
    }
}

/// Reads the sizes; `None` for a file goblin cannot read as ELF.
pub fn runtime_size(bytes: &[u8]) -> Option<RuntimeSize> {
    let elf = Elf::parse(bytes).ok()?;
    let mut size = RuntimeSize::default();
    for sh in &elf.section_headers {
        let name = elf.shdr_strtab.get_at(sh.sh_name).unwrap_or("");
        let slot = match name {
            ".vector_table" | ".text" => &mut size.text,
            ".rodata" => &mut size.rodata,
            ".data" => &mut size.data,
            ".bss" | ".uninit" => &mut size.bss,
            _ => continue,
        };
        *slot += sh.sh_size;
    }
    let sym = |want: &str| {
        elf.syms
            .iter()
            .find(|s| elf.strtab.get_at(s.st_name) == Some(want))
            .map(|s| s.st_value)
    };
    if let (Some(end), Some(start)) = (sym("_stack_end"), sym("_stack_start")) {
        size.stack = start.saturating_sub(end);
    }
    if let (Some(sheap), Some(ram_end)) = (sym("__sheap"), sym("_ram_end")) {
        size.heap = ram_end.saturating_sub((sheap + 7) & !7);
    }
    Some(size)
}

/// One module's share of an image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleSize {
    pub name: String,
    /// Bytecode, line tables, local names and code records of its code
    /// objects.
    pub bytes: usize,
    pub code_objects: usize,
}

/// The image by module; what no module owns alone (header, table of
/// contents, names, constants) is the image's length minus their sum.
pub fn image_modules(image: &[u8]) -> Option<Vec<ModuleSize>> {
    let mut scratch = vec![0u32; image.len() / 4 + 1024];
    let img = Image::parse(image, &mut scratch).ok()?;
    let mut out: Vec<ModuleSize> = (0..img.module_count())
        .map(|m| ModuleSize {
            name: img.qstr(img.module(m).name).to_owned(),
            bytes: 0,
            code_objects: 0,
        })
        .collect();
    for c in 0..img.code_count() {
        let code = img.code(c);
        if let Some(m) = out.get_mut(code.module as usize) {
            m.bytes += code.code_len as usize
                + code.lines_len as usize
                + code.names_len()
                + CodeRecord::SIZE;
            m.code_objects += 1;
        }
    }
    Some(out)
}
