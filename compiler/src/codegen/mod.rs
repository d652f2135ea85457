//! Pass 3, `codegen`: AST to instructions with symbolic labels.
//!
//! One [`Codegen`] compiles one module. It keeps a stack of code units (the
//! module body, then each `def`, `lambda` or comprehension being compiled
//! inside it); each unit owns its instruction list, its labels and its
//! compile-time block stack ([`FBlock`]), which says how `break`,
//! `continue` and `return` leave loops, `try` bodies and handlers. The
//! shapes emitted follow "Compiler ↔ VM contract" in `ARCHITECTURE.md`.
//!
//! Statements live in `stmt.rs`, expressions in `expr.rs`. Unsupported
//! syntax is reported (E0002) and skipped; once a module has an error its
//! code objects are no longer assembled, since no image will be written.

mod expr;
mod stmt;

use crate::diagnostics::{self, Diagnostic, LineIndex};
use crate::emit::{self, EmitError, Ins, Label};
use crate::link::{Interner, LinkedModule};
use crate::scope::{Access, MAX_NESTING, ScopeId, ScopeTree};
use image_format::image::code_flags;
use image_format::ops::{MAKE_FN_CLOSURE, Op};
use image_format::writer::{CodeData, ConstData};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::collections::HashMap;
use std::ops::Range;

/// Identity of a constant for de-duplication: `1`, `1.0` and `True` differ,
/// and so do `0.0` and `-0.0` (floats compare by bits).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum ConstKey {
    Int(i32),
    BigInt(bool, Vec<u32>),
    Float(u64),
    Str(u32),
    Bytes(Vec<u8>),
    Ellipsis,
}

/// A compile-time block: what leaving it early must undo.
#[derive(Clone, Debug)]
enum FBlock<'a> {
    /// A `while` loop.
    While { cont: Label, brk: Label },
    /// A `for` loop; its iterator is on the value stack.
    For { cont: Label, brk: Label },
    /// The body of a `try` with handlers: one exception block is pushed.
    TryExcept,
    /// The body of a `try` with `finally`: one block is pushed, and the
    /// `finally` body must run on the way out.
    TryFinally { body: &'a [Stmt] },
    /// An `except` handler body (or the exceptional copy of a `finally`
    /// body): the cleanup block is pushed and `prev exc` are on the stack.
    Handler { name: Option<&'a str> },
    /// A `finally` body inlined while returning: the return value waits
    /// below it on the stack.
    PopValue,
    /// The body of a `with`: one block is pushed and the bound `__exit__`
    /// waits on the stack; leaving calls `__exit__(None, None, None)`.
    With,
}

/// One code object being compiled.
struct Unit<'a> {
    scope: ScopeId,
    name: String,
    /// `outer.<locals>.inner`, as CPython's `__qualname__`.
    qualname: String,
    code_index: u32,
    first_line: u32,
    line: u32,
    instrs: Vec<Ins>,
    labels: Vec<Option<usize>>,
    fblocks: Vec<FBlock<'a>>,
    span: Range<usize>,
}

/// Compiles one module.
pub struct Codegen<'a, 'c> {
    file: usize,
    /// Dotted name of the module being compiled, and whether it is a
    /// package (`__init__.py`), for resolving relative imports.
    module_name: &'c str,
    is_package: bool,
    text: &'c str,
    module_index: u32,
    lines: &'c LineIndex,
    tree: &'c ScopeTree,
    interner: &'c mut Interner,
    codes: &'c mut Vec<CodeData>,
    diags: &'c mut Vec<Diagnostic>,
    consts: Vec<ConstData>,
    const_ids: HashMap<ConstKey, u16>,
    units: Vec<Unit<'a>>,
    /// The constant index of the code object `make_code` compiled last.
    last_code_const: u16,
    /// Module-level names bound once to `const(<int expression>)`
    /// (`micropython.const`): every read of them compiles to the value.
    folded: HashMap<String, i64>,
    depth: usize,
    errors: usize,
    too_deep_reported: bool,
}

/// Everything codegen needs about the module it compiles.
pub struct ModuleInput<'a, 'c> {
    pub file: usize,
    pub text: &'c str,
    pub module_index: u32,
    pub name: &'c str,
    pub path: &'c str,
    pub body: &'a [Stmt],
    pub lines: &'c LineIndex,
    pub tree: &'c ScopeTree,
}

/// Compiles a module body into code objects appended to `codes`; returns
/// the module's record (constants and body code index).
pub fn compile_module<'a>(
    input: ModuleInput<'a, '_>,
    interner: &mut Interner,
    codes: &mut Vec<CodeData>,
    diags: &mut Vec<Diagnostic>,
) -> LinkedModule {
    let name = interner.intern(input.name);
    let file_q = interner.intern(input.path);
    let errors = diags
        .iter()
        .filter(|d| d.file == input.file && d.severity == diagnostics::Severity::Error)
        .count();
    let mut cg = Codegen {
        file: input.file,
        module_name: input.name,
        is_package: input.path.ends_with("__init__.py"),
        text: input.text,
        module_index: input.module_index,
        lines: input.lines,
        tree: input.tree,
        interner,
        codes,
        diags,
        consts: Vec::new(),
        const_ids: HashMap::new(),
        units: Vec::new(),
        last_code_const: 0,
        folded: fold_consts(input.body),
        depth: 0,
        errors,
        too_deep_reported: false,
    };
    cg.push_unit(0, "<module>", 1, 0..0);
    for s in input.body {
        cg.stmt(s);
    }
    cg.emit(Op::LoadNone {});
    cg.emit(Op::ReturnValue {});
    let top_code = cg.finish_unit(code_flags::MODULE);
    LinkedModule {
        name,
        file: file_q,
        consts: cg.consts,
        top_code,
    }
}

impl<'a> Codegen<'a, '_> {
    // ----- units -------------------------------------------------------

    fn push_unit(&mut self, scope: ScopeId, name: &str, first_line: u32, span: Range<usize>) {
        let code_index = self.codes.len() as u32;
        self.codes.push(CodeData::default());
        // Nested in a function: `outer.<locals>.name`; at module level: `name`.
        // CPython's __qualname__: `A.f` in a class, `f.<locals>.g` in a function.
        let parent_is_class = self
            .units
            .last()
            .is_some_and(|u| self.tree.scopes[u.scope].kind == crate::scope::ScopeKind::Class);
        let qualname = match self.units.len() {
            0 | 1 => name.to_string(),
            _ if parent_is_class => format!(
                "{}.{name}",
                self.units.last().map_or("", |u| u.qualname.as_str())
            ),
            _ => format!(
                "{}.<locals>.{name}",
                self.units.last().map_or("", |u| u.qualname.as_str())
            ),
        };
        self.units.push(Unit {
            scope,
            name: name.to_string(),
            qualname,
            code_index,
            first_line,
            line: first_line,
            instrs: Vec::new(),
            labels: Vec::new(),
            fblocks: Vec::new(),
            span,
        });
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units
            .last_mut()
            .expect("a unit is always open while compiling")
    }

    /// Is code being compiled inside a function (where `yield` may go)?
    fn in_function(&self) -> bool {
        matches!(
            self.scope().kind,
            crate::scope::ScopeKind::Function | crate::scope::ScopeKind::Lambda
        )
    }

    fn scope(&self) -> &crate::scope::Scope {
        let id = self.units.last().map_or(0, |u| u.scope);
        &self.tree.scopes[id]
    }

    /// Finishes the innermost unit: assembles it (unless the module already
    /// has errors) and fills in its reserved code slot.
    fn finish_unit(&mut self, extra_flags: u16) -> u32 {
        let u = self.units.pop().expect("finish_unit pairs with push_unit");
        let scope = &self.tree.scopes[u.scope];
        let mut flags = extra_flags;
        if scope.varargs {
            flags |= code_flags::VARARGS;
        }
        if scope.varkw {
            flags |= code_flags::VARKEYWORDS;
        }
        if scope.is_generator {
            flags |= code_flags::GENERATOR;
        }
        let name = self.interner.intern(&u.name);
        let qualname = self.interner.intern(&u.qualname);
        let varnames: Vec<u32> = scope
            .varnames
            .iter()
            .map(|n| self.interner.intern(n))
            .collect();
        let cellnames: Vec<u32> = scope
            .cellvars
            .iter()
            .map(|n| self.interner.intern(n))
            .collect();
        let freenames: Vec<u32> = scope
            .freevars
            .iter()
            .map(|n| self.interner.intern(n))
            .collect();
        let mut data = CodeData {
            name,
            qualname,
            module: self.module_index,
            flags,
            argcount: scope.argcount,
            posonly: scope.posonly,
            kwonly: scope.kwonly,
            first_line: u.first_line,
            varnames,
            cellnames,
            freenames,
            cell2arg: scope.cell2arg.clone(),
            ..CodeData::default()
        };
        let too_many = [
            (scope.varnames.len(), "local variables"),
            (
                scope.cellvars.len() + scope.freevars.len(),
                "closure variables",
            ),
        ];
        for (n, what) in too_many {
            if n > u16::MAX as usize {
                self.error(
                    diagnostics::TOO_LARGE,
                    u.span.clone(),
                    format!("`{}` has {n} {what}; at most 65535 are allowed", u.name),
                );
            }
        }
        if !self.has_errors() {
            match emit::assemble(&u.instrs, &u.labels) {
                Ok(a) => {
                    data.nlocals = scope.varnames.len() as u16;
                    data.ncells = scope.cellvars.len() as u16;
                    data.nfree = scope.freevars.len() as u16;
                    data.bytecode = a.bytecode;
                    data.lines = a.lines;
                    data.max_stack = a.max_stack;
                    data.max_blocks = a.max_blocks;
                }
                Err(EmitError::TooLarge(msg)) => {
                    self.error(
                        diagnostics::TOO_LARGE,
                        u.span.clone(),
                        format!("`{}` is too large: {msg}", u.name),
                    );
                }
                Err(EmitError::Internal(msg)) => {
                    self.error(
                        diagnostics::INTERNAL,
                        u.span.clone(),
                        format!("internal compiler error in `{}`: {msg}", u.name),
                    );
                }
            }
        }
        self.codes[u.code_index as usize] = data;
        u.code_index
    }

    // ----- diagnostics ---------------------------------------------------

    fn has_errors(&self) -> bool {
        self.errors > 0
    }

    fn error(&mut self, code: &'static str, span: Range<usize>, msg: impl Into<String>) {
        self.errors += 1;
        self.diags
            .push(Diagnostic::error(code, self.file, span, msg));
    }

    fn unsupported(&mut self, range: TextRange, feature: &str) {
        self.errors += 1;
        self.diags
            .push(Diagnostic::unsupported(self.file, span(range), feature));
    }

    /// Reports a compiler bug (E0999), unless earlier errors explain the
    /// inconsistency (an unresolvable `nonlocal`, nesting cut short).
    fn internal(&mut self, range: Range<usize>, msg: &str) {
        if !self.has_errors() {
            self.error(diagnostics::INTERNAL, range, msg);
        }
    }

    /// Enters one level of statement or expression nesting; false (and
    /// one E0007) when the limit is reached.
    fn enter(&mut self, range: TextRange) -> bool {
        if self.depth >= MAX_NESTING {
            if !self.too_deep_reported {
                self.too_deep_reported = true;
                let at = range.start().to_usize();
                self.error(
                    diagnostics::TOO_DEEP,
                    at..at + 1,
                    format!("code is nested too deeply (more than {MAX_NESTING} levels)"),
                );
            }
            return false;
        }
        self.depth += 1;
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- instructions ----------------------------------------------------

    fn line_of(&self, offset: ruff_text_size::TextSize) -> u32 {
        self.lines.line(offset.to_usize())
    }

    fn set_line(&mut self, line: u32) {
        self.unit().line = line;
    }

    fn emit(&mut self, op: Op) {
        let line = self.unit().line;
        self.unit().instrs.push(Ins {
            op,
            target: None,
            line,
        });
    }

    fn emit_jump(&mut self, op: Op, target: Label) {
        let line = self.unit().line;
        self.unit().instrs.push(Ins {
            op,
            target: Some(target),
            line,
        });
    }

    fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        Label(u.labels.len() as u32 - 1)
    }

    fn place(&mut self, l: Label) {
        let u = self.unit();
        u.labels[l.0 as usize] = Some(u.instrs.len());
    }

    // ----- constants and names ---------------------------------------------

    fn add_const(&mut self, key: Option<ConstKey>, data: ConstData, range: TextRange) -> u16 {
        if let Some(k) = &key
            && let Some(&i) = self.const_ids.get(k)
        {
            return i;
        }
        let i = self.consts.len();
        if i > u16::MAX as usize {
            if i == u16::MAX as usize + 1 {
                self.error(
                    diagnostics::TOO_LARGE,
                    span(range),
                    "module has more than 65536 constants",
                );
            }
            return 0;
        }
        self.consts.push(data);
        if let Some(k) = key {
            self.const_ids.insert(k, i as u16);
        }
        i as u16
    }

    /// Pushes a folded `const()` value.
    fn load_folded(&mut self, v: i64, range: TextRange) {
        if let Ok(small) = i16::try_from(v) {
            self.emit(Op::LoadInt { val: small });
        } else if let Ok(w) = i32::try_from(v) {
            let c = self.add_const(Some(ConstKey::Int(w)), ConstData::Int(w), range);
            self.emit(Op::LoadConst { idx: c });
        } else {
            let u = v.unsigned_abs();
            let mut limbs = vec![u as u32, (u >> 32) as u32];
            while limbs.last() == Some(&0) {
                limbs.pop();
            }
            let negative = v < 0;
            let c = self.add_const(
                Some(ConstKey::BigInt(negative, limbs.clone())),
                ConstData::BigInt { negative, limbs },
                range,
            );
            self.emit(Op::LoadConst { idx: c });
        }
    }

    fn load_str(&mut self, s: &str, range: TextRange) {
        let q = self.interner.intern(s);
        let i = self.add_const(Some(ConstKey::Str(q)), ConstData::Str(q), range);
        self.emit(Op::LoadConst { idx: i });
    }

    fn name_id(&mut self, name: &str, range: TextRange) -> u16 {
        let q = self.interner.intern(name);
        match u16::try_from(q) {
            Ok(q) => q,
            Err(_) => {
                self.error(
                    diagnostics::TOO_LARGE,
                    span(range),
                    "the program uses more than 65536 distinct names",
                );
                0
            }
        }
    }

    fn load_name(&mut self, name: &str, range: TextRange) {
        if let Some(&v) = self.folded.get(name)
            && matches!(self.scope().access(name), Access::Global | Access::Name)
        {
            self.load_folded(v, range);
            return;
        }
        match self.scope().access(name) {
            Access::Fast(i) => self.emit(Op::LoadFast { idx: i }),
            Access::Deref(i) => self.emit(Op::LoadDeref { idx: i }),
            Access::Global => {
                let q = self.name_id(name, range);
                self.emit(Op::LoadGlobal { name: q })
            }
            Access::Name => {
                let q = self.name_id(name, range);
                self.emit(Op::LoadName { name: q })
            }
        }
    }

    fn store_name(&mut self, name: &str, range: TextRange) {
        match self.scope().access(name) {
            Access::Fast(i) => self.emit(Op::StoreFast { idx: i }),
            Access::Deref(i) => self.emit(Op::StoreDeref { idx: i }),
            Access::Global => {
                let q = self.name_id(name, range);
                self.emit(Op::StoreGlobal { name: q })
            }
            Access::Name => {
                let q = self.name_id(name, range);
                self.emit(Op::StoreName { name: q })
            }
        }
    }

    fn delete_name(&mut self, name: &str, range: TextRange) {
        match self.scope().access(name) {
            Access::Fast(i) => self.emit(Op::DeleteFast { idx: i }),
            Access::Deref(i) => self.emit(Op::DeleteDeref { idx: i }),
            Access::Global => {
                let q = self.name_id(name, range);
                self.emit(Op::DeleteGlobal { name: q })
            }
            Access::Name => {
                let q = self.name_id(name, range);
                self.emit(Op::DeleteName { name: q })
            }
        }
    }

    // ----- functions -------------------------------------------------------

    /// Compiles a nested code unit for `scope` with `body`, then emits the
    /// closure tuple (if any) and `MAKE_FUNCTION` with `flags` (the caller
    /// has already pushed defaults and keyword-only defaults).
    fn make_function(
        &mut self,
        scope: ScopeId,
        name: &str,
        node: TextRange,
        mut flags: u8,
        body: impl FnOnce(&mut Self),
    ) {
        self.make_code(scope, name, node, &mut flags, 0, body);
        let idx = self.last_code_const;
        self.emit(Op::MakeFunction { idx, flags });
    }

    /// Compiles a nested unit and emits its closure tuple; leaves the code
    /// constant's index in `last_code_const` for the caller's MAKE_FUNCTION.
    fn make_code(
        &mut self,
        scope: ScopeId,
        name: &str,
        node: TextRange,
        flags: &mut u8,
        code_flags: u16,
        body: impl FnOnce(&mut Self),
    ) {
        let first_line = self.line_of(node.start());
        self.push_unit(scope, name, first_line, span(node));
        body(self);
        let code = self.finish_unit(code_flags);
        let free = self.tree.scopes[scope].freevars.clone();
        if !free.is_empty() {
            for f in &free {
                match self.scope().closure_index(f) {
                    Some(i) => self.emit(Op::LoadClosure { idx: i }),
                    None => {
                        self.internal(
                            span(node),
                            &format!("internal compiler error: free variable '{f}' has no cell"),
                        );
                        return;
                    }
                }
            }
            self.emit(Op::BuildTuple {
                n: free.len() as u16,
            });
            *flags |= MAKE_FN_CLOSURE;
        }
        self.last_code_const = self.add_const(None, ConstData::Code(code), node);
    }

    /// Pushes the defaults tuple and keyword-only defaults dict of
    /// `params`; returns the `MAKE_FUNCTION` flags saying which are there.
    fn defaults(&mut self, params: &'a ast::Parameters) -> u8 {
        let mut flags = 0;
        let positional: Vec<&'a ast::Expr> = params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_deref())
            .collect();
        if !positional.is_empty() {
            for d in &positional {
                self.expr(d);
            }
            self.emit(Op::BuildTuple {
                n: positional.len() as u16,
            });
            flags |= image_format::ops::MAKE_FN_DEFAULTS;
        }
        let kw: Vec<&'a ast::ParameterWithDefault> = params
            .kwonlyargs
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kw.is_empty() {
            for p in &kw {
                self.load_str(p.parameter.name.as_str(), p.range());
                if let Some(d) = &p.default {
                    self.expr(d);
                }
            }
            self.emit(Op::BuildMap { n: kw.len() as u16 });
            flags |= image_format::ops::MAKE_FN_KWDEFAULTS;
        }
        flags
    }
}

/// A ruff range as byte offsets.
pub(crate) fn span(r: TextRange) -> Range<usize> {
    r.start().to_usize()..r.end().to_usize()
}

/// The `micropython.const` folding pass: module-level `NAME = const(expr)`
/// where `expr` is an int expression of literals and earlier such names,
/// and `NAME` is bound nowhere else at module level.
fn fold_consts(body: &[Stmt]) -> HashMap<String, i64> {
    let mut bindings: HashMap<String, usize> = HashMap::new();
    for s in body {
        for n in module_bindings(s) {
            *bindings.entry(n).or_default() += 1;
        }
    }
    let mut folded = HashMap::new();
    for s in body {
        let Stmt::Assign(a) = s else { continue };
        let [Expr::Name(target)] = &a.targets[..] else {
            continue;
        };
        let Expr::Call(call) = &*a.value else {
            continue;
        };
        let is_const = match &*call.func {
            Expr::Name(n) => n.id.as_str() == "const",
            Expr::Attribute(at) => {
                at.attr.as_str() == "const"
                    && matches!(&*at.value, Expr::Name(m) if m.id.as_str() == "micropython")
            }
            _ => false,
        };
        if !is_const || call.arguments.args.len() != 1 || !call.arguments.keywords.is_empty() {
            continue;
        }
        let name = target.id.as_str();
        if bindings.get(name).copied().unwrap_or(0) != 1 {
            continue;
        }
        if let Some(v) = eval_int(&call.arguments.args[0], &folded) {
            folded.insert(name.to_string(), v);
        }
    }
    folded
}

/// Names a module-level statement binds (enough to see a name rebound).
fn module_bindings(s: &Stmt) -> Vec<String> {
    fn targets(e: &Expr, out: &mut Vec<String>) {
        match e {
            Expr::Name(n) => out.push(n.id.to_string()),
            Expr::Tuple(t) => t.elts.iter().for_each(|x| targets(x, out)),
            Expr::List(l) => l.elts.iter().for_each(|x| targets(x, out)),
            Expr::Starred(st) => targets(&st.value, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match s {
        Stmt::Assign(a) => a.targets.iter().for_each(|t| targets(t, &mut out)),
        Stmt::AugAssign(a) => targets(&a.target, &mut out),
        Stmt::AnnAssign(a) => targets(&a.target, &mut out),
        Stmt::For(f) => targets(&f.target, &mut out),
        Stmt::Delete(d) => d.targets.iter().for_each(|t| targets(t, &mut out)),
        Stmt::FunctionDef(f) => out.push(f.name.to_string()),
        Stmt::ClassDef(c) => out.push(c.name.to_string()),
        Stmt::Import(i) => i
            .names
            .iter()
            .for_each(|a| out.push(a.asname.as_ref().unwrap_or(&a.name).to_string())),
        Stmt::ImportFrom(i) => i
            .names
            .iter()
            .for_each(|a| out.push(a.asname.as_ref().unwrap_or(&a.name).to_string())),
        // A name bound inside a compound statement is not foldable.
        Stmt::If(_) | Stmt::While(_) | Stmt::With(_) | Stmt::Try(_) => {
            let mut v = Visit(Vec::new());
            ruff_python_ast::visitor::walk_stmt(&mut v, s);
            out.extend(v.0);
        }
        _ => {}
    }
    out
}

/// Collects every name stored in a statement.
struct Visit(Vec<String>);

impl<'a> ruff_python_ast::visitor::Visitor<'a> for Visit {
    fn visit_expr(&mut self, e: &'a Expr) {
        if let Expr::Name(n) = e
            && n.ctx.is_store()
        {
            self.0.push(n.id.to_string());
        }
        ruff_python_ast::visitor::walk_expr(self, e);
    }
}

/// The value of an int expression of literals and folded names.
fn eval_int(e: &Expr, folded: &HashMap<String, i64>) -> Option<i64> {
    use ruff_python_ast::{Number, Operator, UnaryOp as U};
    match e {
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => i.as_i64(),
            _ => None,
        },
        Expr::Name(n) => folded.get(n.id.as_str()).copied(),
        Expr::UnaryOp(u) => {
            let v = eval_int(&u.operand, folded)?;
            match u.op {
                U::USub => v.checked_neg(),
                U::UAdd => Some(v),
                U::Invert => Some(!v),
                U::Not => None,
            }
        }
        Expr::BinOp(b) => {
            let (x, y) = (eval_int(&b.left, folded)?, eval_int(&b.right, folded)?);
            match b.op {
                Operator::Add => x.checked_add(y),
                Operator::Sub => x.checked_sub(y),
                Operator::Mult => x.checked_mul(y),
                // Python floors; Rust truncates.
                Operator::FloorDiv if y != 0 => {
                    let q = x.checked_div(y)?;
                    Some(if x % y != 0 && (x < 0) != (y < 0) {
                        q - 1
                    } else {
                        q
                    })
                }
                Operator::Mod if y != 0 => {
                    let r = x.checked_rem(y)?;
                    Some(if r != 0 && (r < 0) != (y < 0) {
                        r + y
                    } else {
                        r
                    })
                }
                Operator::LShift if (0..63).contains(&y) => {
                    x.checked_shl(y as u32).filter(|r| r >> y == x)
                }
                Operator::RShift if y >= 0 => Some(x >> y.min(63)),
                Operator::BitAnd => Some(x & y),
                Operator::BitOr => Some(x | y),
                Operator::BitXor => Some(x ^ y),
                _ => None,
            }
        }
        _ => None,
    }
}
