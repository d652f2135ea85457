//! Pass 2, `scope`: symbol tables, like CPython's `symtable`.
//!
//! A first walk over a module collects, per scope (module, `def`, `lambda`,
//! comprehension), which names are bound, used, parameters, or declared
//! `global`/`nonlocal`. A second walk, top-down, decides each name's kind:
//! - module scope: every name is global;
//! - function scopes: declared `global` → global; declared `nonlocal` →
//!   free; bound here (assignment, parameter, `def`, `for`, `except … as`,
//!   `del`) → local, or a cell when an inner scope uses it; bound in an
//!   enclosing function → free; otherwise global (module, then builtins).
//!
//! Locals are numbered parameters first (positional, keyword-only, `*args`,
//! `**kwargs`), then other locals in order of first appearance; cells and
//! free variables are sorted by name, cells first. A parameter that is also
//! a cell keeps its local slot and is listed in `cell2arg`.
//!
//! Codegen finds a scope by its node's start offset and kind
//! ([`ScopeTree::of`]), so the two passes need not walk in lockstep.

use crate::diagnostics::{self, Diagnostic};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, ExprContext, Stmt};
use std::collections::{BTreeMap, BTreeSet};

pub type ScopeId = usize;

/// How deep statements and expressions may nest before the compiler gives
/// up with E0007 instead of risking its stack.
pub const MAX_NESTING: usize = 2500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ScopeKind {
    Module,
    Function,
    Lambda,
    Comprehension,
    /// A class body: its names live in the class namespace (`*_NAME`), and
    /// functions nested in it do not see them.
    Class,
}

/// What is known about one name in one scope after collection.
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    bound: bool,
    used: bool,
    param: bool,
    global: bool,
    nonlocal: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    Local,
    Cell,
    Free,
    Global,
}

/// How codegen reaches a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// `*_FAST` with this local index.
    Fast(u16),
    /// `*_DEREF` with this index (cells first, then free variables).
    Deref(u16),
    /// `*_GLOBAL`.
    Global,
    /// `*_NAME`: the class namespace, then globals, then builtins.
    Name,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    symbols: BTreeMap<String, Flags>,
    /// Names in order of first appearance, for numbering locals.
    order: Vec<String>,
    params: Vec<String>,
    pub argcount: u16,
    pub posonly: u16,
    pub kwonly: u16,
    pub varargs: bool,
    pub varkw: bool,
    children: Vec<ScopeId>,
    kinds: BTreeMap<String, NameKind>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub cell2arg: Vec<Option<u32>>,
    /// The scope contains `yield` (or is a generator expression).
    pub is_generator: bool,
}

impl Scope {
    fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            symbols: BTreeMap::new(),
            order: Vec::new(),
            params: Vec::new(),
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            varargs: false,
            varkw: false,
            children: Vec::new(),
            kinds: BTreeMap::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            cell2arg: Vec::new(),
            is_generator: false,
        }
    }

    /// How to reach `name` from code in this scope.
    pub fn access(&self, name: &str) -> Access {
        if self.kind == ScopeKind::Module {
            return Access::Global;
        }
        if self.kind == ScopeKind::Class {
            return match self.kinds.get(name) {
                Some(NameKind::Free) => match self.freevars.iter().position(|v| v == name) {
                    Some(i) => Access::Deref((self.cellvars.len() + i) as u16),
                    None => Access::Name,
                },
                Some(NameKind::Global) if self.symbols.get(name).is_some_and(|f| f.global) => {
                    Access::Global
                }
                _ => Access::Name,
            };
        }
        match self.kinds.get(name) {
            Some(NameKind::Local) => match self.varnames.iter().position(|v| v == name) {
                Some(i) => Access::Fast(i as u16),
                None => Access::Global,
            },
            Some(NameKind::Cell) => match self.cellvars.iter().position(|v| v == name) {
                Some(i) => Access::Deref(i as u16),
                None => Access::Global,
            },
            Some(NameKind::Free) => match self.freevars.iter().position(|v| v == name) {
                Some(i) => Access::Deref((self.cellvars.len() + i) as u16),
                None => Access::Global,
            },
            Some(NameKind::Global) | None => Access::Global,
        }
    }

    /// The deref index of `name` for `LOAD_CLOSURE`, if it is a cell or free here.
    pub fn closure_index(&self, name: &str) -> Option<u16> {
        if let Some(i) = self.cellvars.iter().position(|v| v == name) {
            return Some(i as u16);
        }
        self.freevars
            .iter()
            .position(|v| v == name)
            .map(|i| (self.cellvars.len() + i) as u16)
    }
}

/// All scopes of one module; scope 0 is the module itself.
#[derive(Debug)]
pub struct ScopeTree {
    pub scopes: Vec<Scope>,
    by_node: BTreeMap<(u32, ScopeKind), ScopeId>,
}

impl ScopeTree {
    /// The scope a `def`, `lambda` or comprehension starting at `start` opens.
    pub fn of(&self, start: u32, kind: ScopeKind) -> Option<ScopeId> {
        self.by_node.get(&(start, kind)).copied()
    }
}

/// Builds the scope tree of a module body, reporting E0003 problems.
pub fn analyze(file: usize, body: &[Stmt], diags: &mut Vec<Diagnostic>) -> ScopeTree {
    let mut c = Collector {
        file,
        scopes: vec![Scope::new(ScopeKind::Module)],
        by_node: BTreeMap::new(),
        current: 0,
        stack: Vec::new(),
        nonlocals: Vec::new(),
        depth: 0,
        diags,
    };
    for s in body {
        c.visit_stmt(s);
    }
    let nonlocals = std::mem::take(&mut c.nonlocals);
    let mut tree = ScopeTree {
        scopes: c.scopes,
        by_node: c.by_node,
    };
    for (enclosing, name, span) in nonlocals {
        let found = enclosing.iter().any(|&s| {
            let sc = &tree.scopes[s];
            sc.kind != ScopeKind::Module
                && sc
                    .symbols
                    .get(&name)
                    .is_some_and(|f| (f.bound || f.param || f.nonlocal) && !f.global)
        });
        if !found {
            diags.push(Diagnostic::error(
                diagnostics::BINDING,
                file,
                span,
                format!("no binding for nonlocal '{name}' found"),
            ));
        }
    }
    resolve(&mut tree.scopes, 0, &BTreeSet::new());
    tree
}

fn resolve(scopes: &mut Vec<Scope>, id: ScopeId, enclosing: &BTreeSet<String>) {
    let is_module = scopes[id].kind == ScopeKind::Module;
    let is_class = scopes[id].kind == ScopeKind::Class;
    let mut new_bound = BTreeSet::new();
    {
        let s = &mut scopes[id];
        for (name, f) in &s.symbols {
            let kind = if is_module || f.global {
                NameKind::Global
            } else if f.nonlocal {
                NameKind::Free
            } else if f.bound || f.param {
                NameKind::Local
            } else if enclosing.contains(name) {
                NameKind::Free
            } else {
                NameKind::Global
            };
            s.kinds.insert(name.clone(), kind);
        }
        if is_class {
            // A class body's names are not visible to the functions in it.
            new_bound = enclosing.clone();
        } else if !is_module {
            new_bound = enclosing.clone();
            for (name, k) in &s.kinds {
                match k {
                    NameKind::Local => {
                        new_bound.insert(name.clone());
                    }
                    NameKind::Global => {
                        new_bound.remove(name);
                    }
                    _ => {}
                }
            }
        }
    }
    let children = scopes[id].children.clone();
    let mut child_free = BTreeSet::new();
    for c in children {
        resolve(scopes, c, &new_bound);
        child_free.extend(scopes[c].freevars.iter().cloned());
    }
    let s = &mut scopes[id];
    let mut passthrough = Vec::new();
    if is_class {
        // A free variable of a method comes from a function around the
        // class: the class passes it on, even if it binds the same name in
        // its own namespace.
        for name in child_free {
            match s.kinds.get(&name) {
                Some(NameKind::Free) => {}
                Some(_) => passthrough.push(name),
                None => {
                    s.kinds.insert(name, NameKind::Free);
                }
            }
        }
    } else if !is_module {
        for name in child_free {
            match s.kinds.get(&name) {
                Some(NameKind::Local) => {
                    s.kinds.insert(name, NameKind::Cell);
                }
                Some(_) => {}
                None => {
                    s.kinds.insert(name, NameKind::Free);
                }
            }
        }
    }
    let mut varnames = s.params.clone();
    for name in &s.order {
        if s.kinds.get(name) == Some(&NameKind::Local) && !varnames.contains(name) {
            varnames.push(name.clone());
        }
    }
    s.varnames = if is_module || is_class {
        Vec::new()
    } else {
        varnames
    };
    s.cellvars = s
        .kinds
        .iter()
        .filter(|(_, k)| **k == NameKind::Cell)
        .map(|(n, _)| n.clone())
        .collect();
    s.freevars = s
        .kinds
        .iter()
        .filter(|(_, k)| **k == NameKind::Free)
        .map(|(n, _)| n.clone())
        .chain(passthrough)
        .collect();
    s.cell2arg = s
        .cellvars
        .iter()
        .map(|c| s.params.iter().position(|p| p == c).map(|i| i as u32))
        .collect();
}

struct Collector<'d> {
    file: usize,
    scopes: Vec<Scope>,
    by_node: BTreeMap<(u32, ScopeKind), ScopeId>,
    current: ScopeId,
    /// The open scopes, outermost first (the path to `current`).
    stack: Vec<ScopeId>,
    /// `nonlocal` declarations to check once every binding is known:
    /// the enclosing scopes, the name, its span.
    nonlocals: Vec<(Vec<ScopeId>, String, std::ops::Range<usize>)>,
    depth: usize,
    diags: &'d mut Vec<Diagnostic>,
}

impl Collector<'_> {
    fn flags(&mut self, name: &str) -> &mut Flags {
        let s = &mut self.scopes[self.current];
        if !s.symbols.contains_key(name) {
            s.order.push(name.to_string());
        }
        s.symbols.entry(name.to_string()).or_default()
    }

    fn bind(&mut self, name: &str) {
        self.flags(name).bound = true;
    }

    fn use_name(&mut self, name: &str) {
        self.flags(name).used = true;
    }

    fn err(&mut self, span: std::ops::Range<usize>, msg: String) {
        self.diags.push(Diagnostic::error(
            diagnostics::BINDING,
            self.file,
            span,
            msg,
        ));
    }

    fn open(&mut self, start: u32, kind: ScopeKind) -> ScopeId {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind));
        self.scopes[self.current].children.push(id);
        self.by_node.insert((start, kind), id);
        id
    }

    fn param(&mut self, name: &str, range: Option<ruff_text_size::TextRange>) {
        if self.scopes[self.current].params.iter().any(|p| p == name) {
            if let Some(r) = range {
                self.diags.push(Diagnostic::error(
                    diagnostics::SYNTAX,
                    self.file,
                    r.start().to_usize()..r.end().to_usize(),
                    format!("duplicate argument '{name}' in function definition"),
                ));
            }
            return;
        }
        let f = self.flags(name);
        f.param = true;
        f.bound = true;
        self.scopes[self.current].params.push(name.to_string());
    }

    fn parameters(&mut self, p: &ast::Parameters) {
        for a in p.posonlyargs.iter().chain(&p.args) {
            self.param(a.parameter.name.as_str(), Some(a.parameter.name.range));
        }
        for a in &p.kwonlyargs {
            self.param(a.parameter.name.as_str(), Some(a.parameter.name.range));
        }
        if let Some(v) = &p.vararg {
            self.param(v.name.as_str(), Some(v.name.range));
        }
        if let Some(k) = &p.kwarg {
            self.param(k.name.as_str(), Some(k.name.range));
        }
        let s = &mut self.scopes[self.current];
        s.posonly = p.posonlyargs.len() as u16;
        s.argcount = (p.posonlyargs.len() + p.args.len()) as u16;
        s.kwonly = p.kwonlyargs.len() as u16;
        s.varargs = p.vararg.is_some();
        s.varkw = p.kwarg.is_some();
    }

    fn declare(&mut self, names: &[ast::Identifier], global: bool) {
        let is_module = self.scopes[self.current].kind == ScopeKind::Module;
        for n in names {
            let span = n.range.start().to_usize()..n.range.end().to_usize();
            let name = n.as_str();
            if !global && is_module {
                self.err(
                    span,
                    "nonlocal declaration not allowed at module level".into(),
                );
                continue;
            }
            let f = self.scopes[self.current]
                .symbols
                .get(name)
                .copied()
                .unwrap_or_default();
            let word = if global { "global" } else { "nonlocal" };
            if f.param {
                self.err(span, format!("name '{name}' is parameter and {word}"));
                continue;
            }
            if (global && f.nonlocal) || (!global && f.global) {
                self.err(span, format!("name '{name}' is nonlocal and global"));
                continue;
            }
            if f.bound && !(f.global || f.nonlocal) {
                self.err(
                    span,
                    format!("name '{name}' is assigned to before {word} declaration"),
                );
                continue;
            }
            if f.used && !(f.global || f.nonlocal) {
                self.err(
                    span,
                    format!("name '{name}' is used prior to {word} declaration"),
                );
                continue;
            }
            if !global {
                self.nonlocals
                    .push((self.stack.clone(), name.to_string(), span.clone()));
            }
            if is_module {
                // `global` at module level changes nothing, as in CPython.
                continue;
            }
            let f = self.flags(name);
            if global {
                f.global = true;
            } else {
                f.nonlocal = true;
            }
        }
    }

    fn body_of_function(&mut self, id: ScopeId, body: impl FnOnce(&mut Self)) {
        let saved = self.current;
        self.stack.push(saved);
        self.current = id;
        body(self);
        self.current = saved;
        self.stack.pop();
    }

    /// An assignment expression's target in a comprehension belongs to the
    /// nearest enclosing scope that is not a comprehension (PEP 572): a
    /// free variable of each comprehension on the way, or a global when
    /// that scope is the module.
    fn comprehension_walrus(&mut self, name: &str, range: ruff_text_size::TextRange) {
        let path: Vec<ScopeId> = self.stack.iter().copied().chain([self.current]).collect();
        let Some(at) = path
            .iter()
            .rposition(|&s| self.scopes[s].kind != ScopeKind::Comprehension)
        else {
            return;
        };
        let owner = path[at];
        let kind = self.scopes[owner].kind;
        if kind == ScopeKind::Class {
            self.err(
                range.start().to_usize()..range.end().to_usize(),
                "assignment expression within a comprehension cannot be used in a class body"
                    .into(),
            );
            return;
        }
        let global = kind == ScopeKind::Module
            || self.scopes[owner]
                .symbols
                .get(name)
                .is_some_and(|f| f.global);
        for &s in &path[at..] {
            let sc = &mut self.scopes[s];
            if !sc.symbols.contains_key(name) {
                sc.order.push(name.to_string());
            }
            let f = sc.symbols.entry(name.to_string()).or_default();
            f.bound = true;
            if s != owner {
                if global {
                    f.global = true;
                } else {
                    f.nonlocal = true;
                }
            }
        }
    }

    fn comprehension(&mut self, start: u32, generators: &[ast::Comprehension], elts: &[&Expr]) {
        let Some(first) = generators.first() else {
            return;
        };
        // The first iterable is evaluated in the enclosing scope.
        self.visit_expr(&first.iter);
        let id = self.open(start, ScopeKind::Comprehension);
        self.body_of_function(id, |c| {
            c.param(".0", None);
            c.scopes[id].argcount = 1;
            for (i, g) in generators.iter().enumerate() {
                if i > 0 {
                    c.visit_expr(&g.iter);
                }
                c.visit_expr(&g.target);
                for cond in &g.ifs {
                    c.visit_expr(cond);
                }
            }
            for e in elts {
                c.visit_expr(e);
            }
        });
    }
}

impl<'a> Visitor<'a> for Collector<'_> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.depth > MAX_NESTING {
            return;
        }
        self.depth += 1;
        match stmt {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                let p = &f.parameters;
                for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
                    if let Some(d) = &a.default {
                        self.visit_expr(d);
                    }
                }
                self.bind(f.name.as_str());
                let id = self.open(f.range.start().to_u32(), ScopeKind::Function);
                self.body_of_function(id, |c| {
                    c.parameters(p);
                    for s in &f.body {
                        c.visit_stmt(s);
                    }
                });
            }
            // Unsupported statements are reported by codegen; their names
            // are still bound so the rest of the scope resolves sensibly.
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.visit_expr(&k.value);
                    }
                }
                self.bind(c.name.as_str());
                let id = self.open(c.range.start().to_u32(), ScopeKind::Class);
                self.body_of_function(id, |cl| {
                    for s in &c.body {
                        cl.visit_stmt(s);
                    }
                });
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = a.asname.as_ref().map_or_else(
                        || a.name.as_str().split('.').next().unwrap_or(""),
                        |n| n.as_str(),
                    );
                    self.bind(bound);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    let n = a.asname.as_ref().unwrap_or(&a.name);
                    if n.as_str() != "*" {
                        self.bind(n.as_str());
                    }
                }
            }
            Stmt::Global(g) => self.declare(&g.names, true),
            Stmt::Nonlocal(n) => self.declare(&n.names, false),
            Stmt::Try(t) => {
                for s in &t.body {
                    self.visit_stmt(s);
                }
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.bind(n.as_str());
                    }
                    for s in &h.body {
                        self.visit_stmt(s);
                    }
                }
                for s in t.orelse.iter().chain(&t.finalbody) {
                    self.visit_stmt(s);
                }
            }
            Stmt::AnnAssign(a) => {
                // Annotations are never evaluated; the target is still bound.
                self.visit_expr(&a.target);
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
            }
            Stmt::TypeAlias(_) | Stmt::Match(_) | Stmt::IpyEscapeCommand(_) => {}
            _ => visitor::walk_stmt(self, stmt),
        }
        self.depth -= 1;
    }

    fn visit_annotation(&mut self, _expr: &'a Expr) {}

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.depth > MAX_NESTING {
            return;
        }
        self.depth += 1;
        match expr {
            Expr::Name(n) => match n.ctx {
                ExprContext::Load => self.use_name(n.id.as_str()),
                ExprContext::Store | ExprContext::Del => self.bind(n.id.as_str()),
                ExprContext::Invalid => {}
            },
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
                        if let Some(d) = &a.default {
                            self.visit_expr(d);
                        }
                    }
                }
                let id = self.open(l.range.start().to_u32(), ScopeKind::Lambda);
                self.body_of_function(id, |c| {
                    if let Some(p) = &l.parameters {
                        c.parameters(p);
                    }
                    c.visit_expr(&l.body);
                });
            }
            // `(y := x)` in a comprehension binds `y` in the scope around it.
            Expr::Named(n) if self.scopes[self.current].kind == ScopeKind::Comprehension => {
                self.visit_expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    self.comprehension_walrus(t.id.as_str(), t.range);
                }
            }
            Expr::ListComp(e) => {
                self.comprehension(e.range.start().to_u32(), &e.generators, &[&e.elt])
            }
            Expr::SetComp(e) => {
                self.comprehension(e.range.start().to_u32(), &e.generators, &[&e.elt])
            }
            Expr::DictComp(e) => {
                let mut elts = vec![&*e.value];
                if let Some(k) = &e.key {
                    elts.insert(0, k);
                }
                self.comprehension(e.range.start().to_u32(), &e.generators, &elts)
            }
            Expr::Generator(e) => {
                let start = e.range.start().to_u32();
                self.comprehension(start, &e.generators, &[&e.elt]);
                if let Some(&id) = self.by_node.get(&(start, ScopeKind::Comprehension)) {
                    self.scopes[id].is_generator = true;
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                let s = &mut self.scopes[self.current];
                if matches!(s.kind, ScopeKind::Function | ScopeKind::Lambda) {
                    s.is_generator = true;
                }
                visitor::walk_expr(self, expr)
            }
            _ => visitor::walk_expr(self, expr),
        }
        self.depth -= 1;
    }
}
