//! Statements: assignments, control flow, `try`, `def`, and the unwinding
//! of `break`/`continue`/`return` through the compile-time block stack.

use super::{Codegen, FBlock, span};
use crate::diagnostics;
use crate::scope::ScopeKind;
use image_format::ops::{BinOp, CmpOp, Op};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

impl<'a> Codegen<'a, '_> {
    pub(super) fn body(&mut self, body: &'a [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    pub(super) fn stmt(&mut self, s: &'a Stmt) {
        if !self.enter(s.range()) {
            return;
        }
        let line = self.line_of(s.start());
        self.set_line(line);
        self.stmt_inner(s);
        self.leave();
    }

    fn stmt_inner(&mut self, s: &'a Stmt) {
        match s {
            Stmt::Expr(e) => {
                // A lone constant (a docstring) has no effect; skip it.
                if e.value.is_literal_expr() && !e.value.is_f_string_expr() {
                    return;
                }
                self.expr(&e.value);
                self.emit(Op::PopTop {});
            }
            Stmt::Assign(a) => {
                self.expr(&a.value);
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Op::DupTop {});
                    }
                    self.store_target(t);
                }
            }
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => {
                // Annotations are not evaluated (as with lazy annotations).
                if let Some(v) = &a.value {
                    self.expr(v);
                    self.store_target(&a.target);
                }
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t);
                }
            }
            Stmt::Pass(_) | Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::If(i) => self.if_stmt(i),
            Stmt::While(w) => self.while_stmt(w),
            Stmt::For(f) => self.for_stmt(f),
            Stmt::Break(b) => self.break_stmt(b.range, true),
            Stmt::Continue(c) => self.break_stmt(c.range, false),
            Stmt::Return(r) => self.return_stmt(r),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e);
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c);
                        n = 2;
                    }
                }
                self.set_line(self.line_of(r.start()));
                self.emit(Op::RaiseVarargs { n });
            }
            Stmt::Assert(a) => {
                let ok = self.new_label();
                self.expr(&a.test);
                self.emit_jump(Op::PopJumpIfTrue { rel: REL0 }, ok);
                let q = self.name_id("AssertionError", a.range);
                self.emit(Op::LoadGlobal { name: q });
                if let Some(m) = &a.msg {
                    self.expr(m);
                    self.emit(Op::Call { argc: 1, nkw: 0 });
                }
                self.emit(Op::RaiseVarargs { n: 1 });
                self.place(ok);
            }
            Stmt::Try(t) => self.try_stmt(t),
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Import(i) => self.import_stmt(i),
            Stmt::ImportFrom(i) => self.import_from_stmt(i),
            Stmt::With(w) => {
                if w.is_async {
                    self.unsupported(self.header(w.start()), "`async with` statements are");
                } else {
                    self.with_items(&w.items, &w.body);
                }
            }
            Stmt::Match(m) => self.unsupported(
                TextRange::new(m.range.start(), m.subject.end()),
                "`match` statements are",
            ),
            Stmt::TypeAlias(t) => self.unsupported(t.range, "`type` aliases are"),
            Stmt::IpyEscapeCommand(i) => self.unsupported(i.range, "IPython escape commands are"),
        }
    }

    // ----- assignment targets ------------------------------------------------

    /// Stores the value on top of the stack into `t`.
    pub(super) fn store_target(&mut self, t: &'a Expr) {
        match t {
            Expr::Name(n) if n.id.as_str() == "__debug__" => self.error(
                diagnostics::SYNTAX,
                span(n.range),
                "cannot assign to __debug__",
            ),
            Expr::Name(n) => self.store_name(n.id.as_str(), n.range),
            Expr::Attribute(a) => {
                self.expr(&a.value);
                self.set_line(self.line_of(a.start()));
                let q = self.name_id(a.attr.as_str(), a.attr.range);
                self.emit(Op::StoreAttr { name: q });
            }
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
                self.set_line(self.line_of(s.start()));
                self.emit(Op::StoreSubscr {});
            }
            Expr::Tuple(ast::ExprTuple { elts, range, .. })
            | Expr::List(ast::ExprList { elts, range, .. }) => self.unpack(elts, *range),
            Expr::Starred(s) => self.error(
                diagnostics::SYNTAX,
                span(s.range),
                "starred assignment target must be in a list or tuple",
            ),
            other => self.error(
                diagnostics::SYNTAX,
                span(other.range()),
                "cannot assign to this expression",
            ),
        }
    }

    fn unpack(&mut self, elts: &'a [Expr], range: TextRange) {
        let star = elts.iter().position(|e| e.is_starred_expr());
        if elts.iter().filter(|e| e.is_starred_expr()).count() > 1 {
            self.error(
                diagnostics::SYNTAX,
                span(range),
                "multiple starred expressions in assignment",
            );
            return;
        }
        match star {
            None => match u16::try_from(elts.len()) {
                Ok(n) => self.emit(Op::UnpackSequence { n }),
                Err(_) => {
                    self.error(
                        diagnostics::TOO_LARGE,
                        span(range),
                        "too many targets to unpack",
                    );
                    return;
                }
            },
            Some(i) => {
                let after = elts.len() - i - 1;
                match (u8::try_from(i), u8::try_from(after)) {
                    (Ok(before), Ok(after)) => self.emit(Op::UnpackEx { before, after }),
                    _ => {
                        self.error(
                            diagnostics::TOO_LARGE,
                            span(range),
                            "at most 255 targets may stand before and after a starred target",
                        );
                        return;
                    }
                }
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.store_target(&s.value),
                e => self.store_target(e),
            }
        }
    }

    fn delete_target(&mut self, t: &'a Expr) {
        match t {
            Expr::Name(n) => self.delete_name(n.id.as_str(), n.range),
            Expr::Attribute(a) => {
                self.expr(&a.value);
                self.set_line(self.line_of(a.start()));
                let q = self.name_id(a.attr.as_str(), a.attr.range);
                self.emit(Op::DeleteAttr { name: q });
            }
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
                self.set_line(self.line_of(s.start()));
                self.emit(Op::DeleteSubscr {});
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete_target(e);
                }
            }
            other => self.error(
                diagnostics::SYNTAX,
                span(other.range()),
                "cannot delete this expression",
            ),
        }
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) {
        let op = binop(a.op);
        match &*a.target {
            Expr::Name(n) => {
                self.load_name(n.id.as_str(), n.range);
                self.expr(&a.value);
                self.set_line(self.line_of(a.start()));
                self.emit(Op::InplaceOp { op: op as u8 });
                self.store_name(n.id.as_str(), n.range);
            }
            Expr::Attribute(t) => {
                self.expr(&t.value);
                self.emit(Op::DupTop {});
                let q = self.name_id(t.attr.as_str(), t.attr.range);
                self.set_line(self.line_of(t.start()));
                self.emit(Op::LoadAttr { name: q });
                self.expr(&a.value);
                self.set_line(self.line_of(a.start()));
                self.emit(Op::InplaceOp { op: op as u8 });
                self.emit(Op::RotTwo {});
                self.emit(Op::StoreAttr { name: q });
            }
            Expr::Subscript(t) => {
                self.expr(&t.value);
                self.expr(&t.slice);
                self.emit(Op::DupTop2 {});
                self.set_line(self.line_of(t.start()));
                self.emit(Op::LoadSubscr {});
                self.expr(&a.value);
                self.set_line(self.line_of(a.start()));
                self.emit(Op::InplaceOp { op: op as u8 });
                self.emit(Op::RotThree {});
                self.emit(Op::StoreSubscr {});
            }
            other => self.error(
                diagnostics::SYNTAX,
                span(other.range()),
                "illegal expression for augmented assignment",
            ),
        }
    }

    // ----- control flow --------------------------------------------------------

    fn if_stmt(&mut self, i: &'a ast::StmtIf) {
        let end = self.new_label();
        let mut next = self.new_label();
        self.condition(&i.test, next, false);
        self.body(&i.body);
        for clause in &i.elif_else_clauses {
            self.emit_jump(Op::Jump { rel: REL0 }, end);
            self.place(next);
            next = self.new_label();
            self.set_line(self.line_of(clause.start()));
            if let Some(test) = &clause.test {
                self.condition(test, next, false);
            }
            self.body(&clause.body);
        }
        self.place(next);
        self.place(end);
    }

    /// Evaluates `test` and jumps to `target` when its truth equals `jump_if`.
    pub(super) fn condition(&mut self, test: &'a Expr, target: super::Label, jump_if: bool) {
        self.expr(test);
        if jump_if {
            self.emit_jump(Op::PopJumpIfTrue { rel: REL0 }, target);
        } else {
            self.emit_jump(Op::PopJumpIfFalse { rel: REL0 }, target);
        }
    }

    fn while_stmt(&mut self, w: &'a ast::StmtWhile) {
        let head = self.new_label();
        let orelse = self.new_label();
        let brk = self.new_label();
        self.place(head);
        let always = matches!(&*w.test, Expr::BooleanLiteral(b) if b.value);
        if !always {
            self.condition(&w.test, orelse, false);
        }
        self.unit().fblocks.push(FBlock::While { cont: head, brk });
        self.body(&w.body);
        self.unit().fblocks.pop();
        self.set_line(self.line_of(w.start()));
        self.emit_jump(Op::Jump { rel: REL0 }, head);
        self.place(orelse);
        self.body(&w.orelse);
        self.place(brk);
    }

    fn for_stmt(&mut self, f: &'a ast::StmtFor) {
        if f.is_async {
            self.unsupported(self.header(f.start()), "`async for` loops are");
            return;
        }
        let head = self.new_label();
        let orelse = self.new_label();
        let brk = self.new_label();
        self.expr(&f.iter);
        self.set_line(self.line_of(f.start()));
        self.emit(Op::GetIter {});
        self.place(head);
        self.emit_jump(Op::ForIter { rel: REL0 }, orelse);
        self.store_target(&f.target);
        self.unit().fblocks.push(FBlock::For { cont: head, brk });
        self.body(&f.body);
        self.unit().fblocks.pop();
        self.set_line(self.line_of(f.start()));
        self.emit_jump(Op::Jump { rel: REL0 }, head);
        self.place(orelse);
        self.body(&f.orelse);
        self.place(brk);
    }

    fn break_stmt(&mut self, range: TextRange, is_break: bool) {
        let found = self
            .unit()
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::While { .. } | FBlock::For { .. }));
        let Some(at) = found else {
            let msg = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            self.error(diagnostics::SYNTAX, span(range), msg);
            return;
        };
        let (cont, brk) = match self.unit().fblocks[at] {
            FBlock::While { cont, brk } | FBlock::For { cont, brk } => (cont, brk),
            _ => return,
        };
        if is_break {
            self.unwind(at, false);
            self.emit_jump(Op::Jump { rel: REL0 }, brk);
        } else {
            self.unwind(at + 1, false);
            self.emit_jump(Op::Jump { rel: REL0 }, cont);
        }
    }

    fn return_stmt(&mut self, r: &'a ast::StmtReturn) {
        if self.scope().kind == ScopeKind::Module {
            self.error(
                diagnostics::SYNTAX,
                span(r.range),
                "'return' outside function",
            );
            return;
        }
        match &r.value {
            Some(v) => self.expr(v),
            None => self.emit(Op::LoadNone {}),
        }
        self.set_line(self.line_of(r.start()));
        self.unwind(0, true);
        self.emit(Op::ReturnValue {});
    }

    /// Leaves every block from the innermost down to index `down_to`
    /// (inclusive). With `keep_top`, a value on top of the stack (a return
    /// value) survives the pops.
    fn unwind(&mut self, down_to: usize, keep_top: bool) {
        let mut i = self.unit().fblocks.len();
        while i > down_to {
            i -= 1;
            let b = self.unit().fblocks[i].clone();
            match b {
                FBlock::While { .. } => {}
                FBlock::For { .. } | FBlock::PopValue => {
                    if keep_top {
                        self.emit(Op::RotTwo {});
                    }
                    self.emit(Op::PopTop {});
                }
                FBlock::TryExcept => self.emit(Op::PopBlock {}),
                FBlock::With => {
                    self.emit(Op::PopBlock {});
                    if keep_top {
                        self.emit(Op::RotTwo {});
                    }
                    self.call_exit_with_nones();
                }
                FBlock::TryFinally { body } => {
                    self.emit(Op::PopBlock {});
                    // The finally body runs as if outside this try: blocks
                    // from here up are not active while it runs.
                    let saved_line = self.unit().line;
                    let saved = self.unit().fblocks.split_off(i);
                    if keep_top {
                        self.unit().fblocks.push(FBlock::PopValue);
                    }
                    self.body(body);
                    if keep_top {
                        self.unit().fblocks.pop();
                    }
                    self.unit().fblocks.extend(saved);
                    self.set_line(saved_line);
                }
                FBlock::Handler { name } => {
                    self.emit(Op::PopBlock {});
                    if keep_top {
                        self.emit(Op::RotThree {});
                    }
                    self.emit(Op::PopTop {});
                    self.emit(Op::PopExcept {});
                    if let Some(n) = name {
                        self.clear_name(n);
                    }
                }
            }
        }
    }

    /// `__exit__(None, None, None)` for the bound `__exit__` on TOS; its
    /// result is dropped.
    fn call_exit_with_nones(&mut self) {
        self.emit(Op::LoadNone {});
        self.emit(Op::DupTop {});
        self.emit(Op::DupTop {});
        self.emit(Op::Call { argc: 3, nkw: 0 });
        self.emit(Op::PopTop {});
    }

    /// `with a as x, b as y: body` is `with a as x:` around `with b as y:`.
    fn with_items(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) {
        let Some((item, rest)) = items.split_first() else {
            self.body(body);
            return;
        };
        let handler = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        let line = self.line_of(item.context_expr.start());
        self.expr(&item.context_expr);
        self.set_line(line);
        self.emit(Op::WithEnter {});
        // The target is bound before the block is set up, so the handler
        // finds just the bound `__exit__` below the exception.
        match &item.optional_vars {
            Some(t) => self.store_target(t),
            None => self.emit(Op::PopTop {}),
        }
        self.emit_jump(Op::SetupExcept { rel: REL0 }, handler);
        self.unit().fblocks.push(FBlock::With);
        self.with_items(rest, body);
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock {});
        self.set_line(line);
        self.call_exit_with_nones();
        self.emit_jump(Op::Jump { rel: REL0 }, end);

        // An exception in the body: `__exit__` decides whether it propagates.
        self.place(handler);
        self.set_line(line);
        self.emit(Op::PushExcInfo {});
        self.emit_jump(Op::SetupExcept { rel: REL0 }, cleanup);
        self.emit(Op::WithExit {});
        self.emit_jump(Op::PopJumpIfTrue { rel: REL0 }, suppress);
        self.emit(Op::PopBlock {});
        self.emit(Op::RotTwo {});
        self.emit(Op::PopExcept {});
        self.emit(Op::Reraise {});
        self.place(suppress);
        self.emit(Op::PopBlock {});
        self.emit(Op::PopTop {});
        self.emit(Op::PopExcept {});
        self.emit(Op::PopTop {});
        self.emit_jump(Op::Jump { rel: REL0 }, end);
        self.place(cleanup);
        self.cleanup_tail();
        self.place(end);
    }

    /// `name = None; del name`: an `except … as name` target does not
    /// outlive its handler.
    fn clear_name(&mut self, name: &str) {
        let r = TextRange::default();
        self.emit(Op::LoadNone {});
        self.store_name(name, r);
        self.delete_name(name, r);
    }

    // ----- try -------------------------------------------------------------------

    fn try_stmt(&mut self, t: &'a ast::StmtTry) {
        if t.is_star {
            self.unsupported(self.header(t.start()), "`except*` (exception groups) is");
            return;
        }
        if t.finalbody.is_empty() {
            self.try_except(t);
        } else if t.handlers.is_empty() {
            self.try_finally(&t.finalbody, |cg| cg.body(&t.body));
        } else {
            self.try_finally(&t.finalbody, |cg| cg.try_except(t));
        }
    }

    fn try_except(&mut self, t: &'a ast::StmtTry) {
        let handler = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.emit_jump(Op::SetupExcept { rel: REL0 }, handler);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.body(&t.body);
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock {});
        self.body(&t.orelse);
        self.emit_jump(Op::Jump { rel: REL0 }, end);

        self.place(handler);
        let first_line = t
            .handlers
            .first()
            .map_or(self.unit().line, |h| self.line_of(h.start()));
        self.set_line(first_line);
        self.emit(Op::PushExcInfo {});
        self.emit_jump(Op::SetupExcept { rel: REL0 }, cleanup);
        let mut caught_all = false;
        for (k, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(self.line_of(h.start()));
            let next = self.new_label();
            match &h.type_ {
                Some(ty) => {
                    self.emit(Op::DupTop {});
                    self.expr(ty);
                    self.set_line(self.line_of(h.start()));
                    self.emit(Op::CompareOp {
                        op: CmpOp::ExcMatch as u8,
                    });
                    self.emit_jump(Op::PopJumpIfFalse { rel: REL0 }, next);
                }
                None => {
                    if k + 1 < t.handlers.len() {
                        self.error(
                            diagnostics::SYNTAX,
                            span(TextRange::new(
                                h.start(),
                                h.start() + ruff_text_size::TextSize::from(6),
                            )),
                            "default 'except:' must be last",
                        );
                    }
                    caught_all = true;
                }
            }
            let name = h.name.as_ref().map(|n| n.as_str());
            if let Some(n) = &h.name {
                self.emit(Op::DupTop {});
                self.store_name(n.as_str(), n.range);
            }
            self.unit().fblocks.push(FBlock::Handler { name });
            self.body(&h.body);
            self.unit().fblocks.pop();
            self.emit(Op::PopBlock {});
            self.emit(Op::PopTop {});
            self.emit(Op::PopExcept {});
            if let Some(n) = name {
                self.clear_name(n);
            }
            self.emit_jump(Op::Jump { rel: REL0 }, end);
            self.place(next);
            if caught_all {
                break;
            }
        }
        if !caught_all {
            self.emit(Op::PopBlock {});
            self.emit(Op::RotTwo {});
            self.emit(Op::PopExcept {});
            self.emit(Op::Reraise {});
        }
        self.place(cleanup);
        self.cleanup_tail();
        self.place(end);
    }

    /// The handler of the block that protects an `except` or `finally`
    /// body: `prev exc exc2` on the stack; restore `prev`, raise `exc2`.
    fn cleanup_tail(&mut self) {
        self.emit(Op::RotTwo {});
        self.emit(Op::PopTop {});
        self.emit(Op::RotTwo {});
        self.emit(Op::PopExcept {});
        self.emit(Op::Reraise {});
    }

    fn try_finally(&mut self, finalbody: &'a [Stmt], body: impl FnOnce(&mut Self)) {
        let handler = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.emit_jump(Op::SetupExcept { rel: REL0 }, handler);
        self.unit()
            .fblocks
            .push(FBlock::TryFinally { body: finalbody });
        body(self);
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock {});
        self.body(finalbody);
        self.emit_jump(Op::Jump { rel: REL0 }, end);

        self.place(handler);
        self.emit(Op::PushExcInfo {});
        self.emit_jump(Op::SetupExcept { rel: REL0 }, cleanup);
        self.unit().fblocks.push(FBlock::Handler { name: None });
        self.body(finalbody);
        self.unit().fblocks.pop();
        self.emit(Op::PopBlock {});
        self.emit(Op::RotTwo {});
        self.emit(Op::PopExcept {});
        self.emit(Op::Reraise {});
        self.place(cleanup);
        self.cleanup_tail();
        self.place(end);
    }

    /// The span of a compound statement's header: the source line holding
    /// `anchor`, without its indentation or trailing whitespace.
    fn header(&self, anchor: ruff_text_size::TextSize) -> TextRange {
        let at = anchor.to_usize().min(self.text.len());
        let start = self.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i);
        let line = &self.text[start..end];
        let s = start + (line.len() - line.trim_start().len());
        let e = (start + line.trim_end().len()).max(s);
        TextRange::new((s as u32).into(), (e as u32).into())
    }

    // ----- def -------------------------------------------------------------------

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) {
        if f.is_async {
            self.unsupported(self.header(f.name.start()), "`async def` functions are");
            return;
        }
        if let Some(tp) = &f.type_params {
            self.unsupported(tp.range, "type parameters are");
            return;
        }
        for d in &f.decorator_list {
            self.set_line(self.line_of(d.start()));
            self.expr(&d.expression);
        }
        self.set_line(self.line_of(f.name.start()));
        let flags = self.defaults(&f.parameters);
        let Some(scope) = self.tree.of(f.range.start().to_u32(), ScopeKind::Function) else {
            self.internal(
                span(f.name.range),
                "internal compiler error: no scope for this function",
            );
            return;
        };
        let def_line = self.line_of(f.name.start());
        self.make_function(scope, f.name.as_str(), f.range, flags, |cg| {
            cg.unit().first_line = def_line;
            cg.set_line(def_line);
            cg.body(&f.body);
            cg.emit(Op::LoadNone {});
            cg.emit(Op::ReturnValue {});
        });
        for _ in &f.decorator_list {
            self.emit(Op::Call { argc: 1, nkw: 0 });
        }
        self.store_name(f.name.as_str(), f.name.range);
    }
}

impl<'a> Codegen<'a, '_> {
    /// `class A(B, C): body`: the body becomes a function run with a fresh
    /// namespace by `BUILD_CLASS`, which then makes the class.
    fn class_def(&mut self, c: &'a ast::StmtClassDef) {
        if let Some(tp) = &c.type_params {
            self.unsupported(tp.range, "type parameters are");
            return;
        }
        if let Some(args) = &c.arguments {
            if let Some(k) = args.keywords.first() {
                self.unsupported(k.range, "class keywords (such as `metaclass=`) are");
                return;
            }
            if let Some(s) = args.args.iter().find(|a| a.is_starred_expr()) {
                self.unsupported(s.range(), "starred base classes are");
                return;
            }
        }
        for d in &c.decorator_list {
            self.set_line(self.line_of(d.start()));
            self.expr(&d.expression);
        }
        self.set_line(self.line_of(c.name.start()));
        let Some(scope) = self.tree.of(c.range.start().to_u32(), ScopeKind::Class) else {
            self.internal(
                span(c.name.range),
                "internal compiler error: no scope for this class",
            );
            return;
        };
        let def_line = self.line_of(c.name.start());
        let mut flags = 0;
        self.make_code(
            scope,
            c.name.as_str(),
            c.range,
            &mut flags,
            image_format::image::code_flags::NAMESPACE,
            |cg| {
                cg.unit().first_line = def_line;
                cg.set_line(def_line);
                cg.body(&c.body);
                cg.emit(Op::LoadNone {});
                cg.emit(Op::ReturnValue {});
            },
        );
        let idx = self.last_code_const;
        self.emit(Op::MakeFunction { idx, flags });
        self.load_str(c.name.as_str(), c.name.range);
        let bases = c.arguments.as_ref().map_or(&[][..], |a| &a.args[..]);
        if bases.len() > 255 {
            self.error(
                diagnostics::TOO_LARGE,
                span(c.name.range),
                "more than 255 base classes",
            );
            return;
        }
        for b in bases {
            self.expr(b);
        }
        self.set_line(def_line);
        self.emit(Op::BuildClass {
            nbases: bases.len() as u8,
        });
        for _ in &c.decorator_list {
            self.emit(Op::Call { argc: 1, nkw: 0 });
        }
        self.store_name(c.name.as_str(), c.name.range);
    }
}

/// Placeholder offset; `emit` resolves the label.
pub(super) const REL0: image_format::ops::Rel = image_format::ops::Rel(0);

pub(super) fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Sub,
        ast::Operator::Mult => BinOp::Mul,
        ast::Operator::MatMult => BinOp::MatMul,
        ast::Operator::Div => BinOp::TrueDiv,
        ast::Operator::Mod => BinOp::Mod,
        ast::Operator::Pow => BinOp::Pow,
        ast::Operator::LShift => BinOp::LShift,
        ast::Operator::RShift => BinOp::RShift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDiv,
    }
}

impl<'a> Codegen<'a, '_> {
    /// `import a.b.c` binds `a` (the VM imports `a`, `a.b`, `a.b.c` in
    /// turn); `import a.b as x` binds the module `a.b` itself.
    fn import_stmt(&mut self, i: &'a ast::StmtImport) {
        for alias in &i.names {
            let full = alias.name.as_str();
            let q = self.name_id(full, alias.range);
            match &alias.asname {
                None => {
                    self.emit(Op::ImportName { name: q, flags: 0 });
                    let top = full.split('.').next().unwrap_or(full);
                    self.store_name(top, alias.range);
                }
                Some(asname) => {
                    self.emit(Op::ImportName {
                        name: q,
                        flags: image_format::ops::IMPORT_LEAF,
                    });
                    self.store_name(asname.as_str(), alias.range);
                }
            }
        }
    }

    /// `from m import x, y as z` and `from . import x`: relative names are
    /// resolved here, against this module's package, so the VM only ever
    /// sees absolute names.
    fn import_from_stmt(&mut self, i: &'a ast::StmtImportFrom) {
        let module = i.module.as_ref().map(|m| m.as_str());
        let Some(absolute) = self.resolve_import(i.level, module, i.range) else {
            return;
        };
        let q = self.name_id(&absolute, i.range);
        self.emit(Op::ImportName {
            name: q,
            flags: image_format::ops::IMPORT_LEAF,
        });
        if i.names.len() == 1 && i.names[0].name.as_str() == "*" {
            if self.scope().kind != ScopeKind::Module {
                self.error(
                    diagnostics::SYNTAX,
                    span(i.range),
                    "import * only allowed at module level",
                );
                return;
            }
            self.emit(Op::ImportStar {});
            return;
        }
        for alias in &i.names {
            let n = self.name_id(alias.name.as_str(), alias.range);
            self.emit(Op::ImportFrom { name: n });
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            self.store_name(bound.as_str(), alias.range);
        }
        self.emit(Op::PopTop {});
    }

    /// The absolute name a `from` import refers to, or an E0008 when its
    /// dots climb above the top-level package.
    fn resolve_import(
        &mut self,
        level: u32,
        module: Option<&str>,
        range: TextRange,
    ) -> Option<String> {
        if level == 0 {
            return Some(module.unwrap_or("").to_string());
        }
        // The package this module lives in: itself for `__init__.py`.
        let mut package: Vec<&str> = self.module_name.split('.').collect();
        if !self.is_package {
            package.pop();
        }
        let climbed = (1..level).all(|_| package.pop().is_some());
        if !climbed || package.is_empty() {
            self.error(
                diagnostics::RELATIVE_IMPORT,
                span(range),
                "attempted relative import beyond top-level package",
            );
            return None;
        }
        let mut name = package.join(".");
        if let Some(m) = module {
            name.push('.');
            name.push_str(m);
        }
        Some(name)
    }
}
