//! The mpc compiler: Python source files in, one image and every
//! diagnostic out. It does no IO; the CLI reads files and renders reports.
//!
//! The passes, each in its own module and documented there:
//! 1. [`parse`]: ruff's parser; syntax errors become E0001.
//! 2. [`scope`]: symbol tables (local, global, nonlocal, cell, free).
//! 3. [`codegen`]: AST to instructions with symbolic labels, following the
//!    "Compiler ↔ VM contract" in `ARCHITECTURE.md`; unsupported syntax
//!    becomes E0002 naming the feature.
//! 4. [`emit`]: labels to relative offsets, line tables, and stack depths
//!    from `image_format::image::analyze`.
//! 5. [`link`]: names to qstr ids, modules, constants and code objects into
//!    `ImageData`, then `image_format::writer::write_image`.
//!
//! Diagnostics are plain data ([`Diagnostic`]) with stable codes listed in
//! [`diagnostics`]. Compilation never panics on user input: too deep
//! nesting is refused before the recursive passes could exhaust the stack,
//! and the passes run on a thread with a generous stack.
//!
//! Output is deterministic: the same files give the same bytes.

mod codegen;
pub mod diagnostics;
mod emit;
mod link;
mod parse;
mod scope;

pub use diagnostics::{Diagnostic, Label, LineIndex, Severity};

/// One Python source file, given as a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Shown in diagnostics and tracebacks, e.g. `src/main.py`.
    pub path: String,
    /// Dotted module name, e.g. `main` or `pkg.sub`.
    pub module: String,
    pub text: String,
}

/// What [`compile`] produces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    /// The image, present iff there are no error diagnostics.
    pub image: Option<Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Stack for the compiling thread: the parser and codegen recurse once per
/// nesting level, and nesting is bounded (see [`parse::MAX_BRACKET_DEPTH`]
/// and [`scope::MAX_NESTING`]), so this is ample.
const STACK_SIZE: usize = 256 << 20;

/// Compiles `files` into one image whose entry module is `entry_module`.
pub fn compile(files: &[SourceFile], entry_module: &str) -> Output {
    let run = || compile_on_this_thread(files, entry_module);
    let result = std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("mpc-compile".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(s, run)
            .map(|h| h.join())
    });
    match result {
        Ok(Ok(out)) => out,
        // No thread could be started: compile here instead.
        Err(_) => compile_on_this_thread(files, entry_module),
        Ok(Err(_)) => Output {
            image: None,
            diagnostics: vec![Diagnostic::error(
                diagnostics::INTERNAL,
                0,
                0..0,
                "internal compiler error: the compiler crashed; please report this with the source that caused it",
            )],
        },
    }
}

fn compile_on_this_thread(files: &[SourceFile], entry_module: &str) -> Output {
    let mut diags = Vec::new();
    let mut interner = link::Interner::default();
    let mut codes = Vec::new();
    let mut modules = Vec::new();
    let mut entry = None;
    for (i, f) in files.iter().enumerate() {
        if let Some(prev) = files[..i].iter().position(|p| p.module == f.module) {
            diags.push(
                Diagnostic::error(
                    diagnostics::DUPLICATE_MODULE,
                    i,
                    0..0,
                    format!("module `{}` is defined twice", f.module),
                )
                .with_help(format!("`{}` defines it too", files[prev].path)),
            );
            continue;
        }
        if f.module == entry_module {
            entry = Some(modules.len() as u32);
        }
        let Some(ast) = parse::parse(i, &f.text, &mut diags) else {
            // Keep module indices aligned with compiled modules.
            modules.push(None);
            continue;
        };
        let tree = scope::analyze(i, &ast.body, &mut diags);
        let lines = LineIndex::new(&f.text);
        let m = codegen::compile_module(
            codegen::ModuleInput {
                file: i,
                module_index: modules.len() as u32,
                name: &f.module,
                path: &f.path,
                text: &f.text,
                body: &ast.body,
                lines: &lines,
                tree: &tree,
            },
            &mut interner,
            &mut codes,
            &mut diags,
        );
        modules.push(Some(m));
    }
    if entry.is_none() {
        diags.push(
            Diagnostic::error(
                diagnostics::NO_ENTRY,
                0,
                0..0,
                format!("entry module `{entry_module}` is not among the source files"),
            )
            .with_help("add the module's file, or pick another entry module"),
        );
    }
    // Passes report in their own order; readers want source order.
    diags.sort_by_key(|d| (d.file, d.span.start));
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    let image = match (failed, entry) {
        (false, Some(entry)) => {
            let modules: Vec<link::LinkedModule> = modules.into_iter().flatten().collect();
            Some(link::link(interner, modules, codes, entry))
        }
        _ => None,
    };
    Output {
        image,
        diagnostics: diags,
    }
}
