//! Expressions: constants, operators, calls, displays, f-strings, lambdas
//! and comprehensions.

use super::stmt::{REL0, binop};
use super::{Codegen, ConstKey, span};
use crate::diagnostics;
use crate::scope::ScopeKind;
use image_format::ops::{
    CALL_EX_KWARGS, CmpOp, FORMAT_CONV_ASCII, FORMAT_CONV_NONE, FORMAT_CONV_REPR, FORMAT_CONV_STR,
    FORMAT_HAS_SPEC, Op, UnaryOp,
};
use image_format::writer::ConstData;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

/// CPython refuses decimal integer literals longer than this (its
/// `int_max_str_digits` default); so does mpc, so huge literals cannot
/// make the compiler crawl.
const MAX_INT_DIGITS: usize = 4300;

impl<'a> Codegen<'a, '_> {
    /// Compiles `e`, leaving its value on the stack.
    pub(super) fn expr(&mut self, e: &'a Expr) {
        if !self.enter(e.range()) {
            return;
        }
        let saved = self.unit().line;
        let line = self.line_of(e.start());
        self.set_line(line);
        self.expr_inner(e, line);
        self.set_line(saved);
        self.leave();
    }

    fn expr_inner(&mut self, e: &'a Expr, line: u32) {
        match e {
            Expr::NoneLiteral(_) => self.emit(Op::LoadNone {}),
            Expr::BooleanLiteral(b) => self.emit(if b.value {
                Op::LoadTrue {}
            } else {
                Op::LoadFalse {}
            }),
            Expr::EllipsisLiteral(r) => {
                let i = self.add_const(Some(ConstKey::Ellipsis), ConstData::Ellipsis, r.range);
                self.emit(Op::LoadConst { idx: i });
            }
            Expr::NumberLiteral(n) => self.number(&n.value, false, n.range),
            Expr::StringLiteral(s) => self.load_str(s.value.to_str(), s.range),
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                let i = self.add_const(
                    Some(ConstKey::Bytes(bytes.clone())),
                    ConstData::Bytes(bytes),
                    b.range,
                );
                self.emit(Op::LoadConst { idx: i });
            }
            Expr::FString(f) => self.fstring(f),
            Expr::TString(t) => self.unsupported(t.range, "template strings (t-strings) are"),
            Expr::Name(n) => self.load_name(n.id.as_str(), n.range),
            Expr::BinOp(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
                self.set_line(line);
                self.emit(Op::BinaryOp {
                    op: binop(b.op) as u8,
                });
            }
            Expr::UnaryOp(u) => {
                if let (ast::UnaryOp::USub, Expr::NumberLiteral(n)) = (u.op, &*u.operand)
                    && !matches!(n.value, ast::Number::Complex { .. })
                {
                    // Fold `-literal` so `-5` is one LOAD_INT, like CPython.
                    self.number(&n.value, true, u.range);
                    return;
                }
                self.expr(&u.operand);
                self.set_line(line);
                let op = match u.op {
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                };
                self.emit(Op::UnaryOp { op: op as u8 });
            }
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v);
                    if i + 1 < n {
                        let op = match b.op {
                            ast::BoolOp::And => Op::JumpIfFalseOrPop { rel: REL0 },
                            ast::BoolOp::Or => Op::JumpIfTrueOrPop { rel: REL0 },
                        };
                        self.emit_jump(op, end);
                    }
                }
                self.place(end);
            }
            Expr::Compare(c) => self.compare(c, line),
            Expr::If(i) => {
                let orelse = self.new_label();
                let end = self.new_label();
                self.condition(&i.test, orelse, false);
                self.expr(&i.body);
                self.emit_jump(Op::Jump { rel: REL0 }, end);
                self.place(orelse);
                self.expr(&i.orelse);
                self.place(end);
            }
            Expr::Named(n) => {
                // In a comprehension the scope pass made the target a free
                // variable (or a global) of the enclosing scope.
                self.expr(&n.value);
                self.emit(Op::DupTop {});
                self.store_target(&n.target);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value);
                self.set_line(line);
                let q = self.name_id(a.attr.as_str(), a.attr.range);
                self.emit(Op::LoadAttr { name: q });
            }
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
                self.set_line(line);
                self.emit(Op::LoadSubscr {});
            }
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.expr(p),
                        None => self.emit(Op::LoadNone {}),
                    }
                }
                let mut n = 2;
                if let Some(step) = &s.step {
                    self.expr(step);
                    n = 3;
                }
                self.set_line(line);
                self.emit(Op::BuildSlice { n });
            }
            Expr::Call(c) => self.call(c, line),
            Expr::Tuple(t) => {
                if self.sequence(&t.elts, t.range) {
                    self.emit(Op::ListToTuple {});
                } else {
                    self.emit(Op::BuildTuple {
                        n: t.elts.len() as u16,
                    });
                }
            }
            Expr::List(l) => {
                if !self.sequence(&l.elts, l.range) {
                    self.emit(Op::BuildList {
                        n: l.elts.len() as u16,
                    });
                }
            }
            Expr::Set(s) => {
                // The items before the first `*` build the set; the rest
                // are added one by one (`LIST_EXTEND` extends a set too).
                let first_star = s
                    .elts
                    .iter()
                    .position(|e| e.is_starred_expr())
                    .unwrap_or(s.elts.len());
                if first_star > u16::MAX as usize {
                    self.error(
                        diagnostics::TOO_LARGE,
                        span(s.range),
                        "set display has more than 65535 items",
                    );
                    return;
                }
                for e in &s.elts[..first_star] {
                    self.expr(e);
                }
                self.emit(Op::BuildSet {
                    n: first_star as u16,
                });
                self.display_rest(&s.elts[first_star..], Op::SetAdd { depth: 1 });
            }
            Expr::Dict(d) => self.dict(d),
            Expr::Starred(s) => self.error(
                diagnostics::SYNTAX,
                span(s.range),
                "can't use starred expression here",
            ),
            Expr::Lambda(l) => self.lambda(l),
            Expr::ListComp(c) => self.comprehension(c.range, &c.generators, Comp::List(&c.elt)),
            Expr::SetComp(c) => self.comprehension(c.range, &c.generators, Comp::Set(&c.elt)),
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(c.range, &c.generators, Comp::Dict(k, &c.value)),
                None => self.unsupported(c.range, "`**` unpacking in dict comprehensions is"),
            },
            Expr::Generator(g) => self.comprehension(g.range, &g.generators, Comp::Gen(&g.elt)),
            Expr::Yield(y) => {
                if !self.in_function() {
                    self.error(
                        diagnostics::SYNTAX,
                        span(y.range),
                        "'yield' outside function",
                    );
                    return;
                }
                match &y.value {
                    Some(v) => self.expr(v),
                    None => self.emit(Op::LoadNone {}),
                }
                self.set_line(self.line_of(y.start()));
                self.emit(Op::YieldValue {});
            }
            Expr::YieldFrom(y) => {
                if !self.in_function() {
                    self.error(
                        diagnostics::SYNTAX,
                        span(y.range),
                        "'yield' outside function",
                    );
                    return;
                }
                self.expr(&y.value);
                self.set_line(self.line_of(y.start()));
                self.emit(Op::GetIter {});
                self.emit(Op::LoadNone {});
                self.emit(Op::YieldFrom {});
            }
            Expr::Await(a) => self.unsupported(a.range, "`await` is"),
            Expr::IpyEscapeCommand(i) => self.unsupported(i.range, "IPython escape commands are"),
        }
    }

    // ----- constants -------------------------------------------------------------

    fn number(&mut self, n: &ast::Number, negate: bool, range: TextRange) {
        match n {
            ast::Number::Int(i) => self.int(i, negate, range),
            ast::Number::Float(f) => {
                let f = if negate { -*f } else { *f };
                let i = self.add_const(
                    Some(ConstKey::Float(f.to_bits())),
                    ConstData::Float(f),
                    range,
                );
                self.emit(Op::LoadConst { idx: i });
            }
            ast::Number::Complex { .. } => self.unsupported(range, "complex numbers are"),
        }
    }

    fn int(&mut self, i: &ast::Int, negate: bool, range: TextRange) {
        let (negative, limbs) = match i.as_u64() {
            Some(u) => {
                let v = if negate { -(u as i128) } else { u as i128 };
                if let Ok(small) = i16::try_from(v) {
                    self.emit(Op::LoadInt { val: small });
                    return;
                }
                if let Ok(w) = i32::try_from(v) {
                    let c = self.add_const(Some(ConstKey::Int(w)), ConstData::Int(w), range);
                    self.emit(Op::LoadConst { idx: c });
                    return;
                }
                (v < 0, vec![u as u32, (u >> 32) as u32])
            }
            None => match parse_big(&i.to_string()) {
                Ok(limbs) => (negate, limbs),
                Err(msg) => {
                    self.error(diagnostics::TOO_LARGE, span(range), msg);
                    return;
                }
            },
        };
        let mut limbs = limbs;
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        let c = self.add_const(
            Some(ConstKey::BigInt(negative, limbs.clone())),
            ConstData::BigInt { negative, limbs },
            range,
        );
        self.emit(Op::LoadConst { idx: c });
    }

    // ----- operators ---------------------------------------------------------------

    fn compare(&mut self, c: &'a ast::ExprCompare, line: u32) {
        self.expr(&c.left);
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0]);
            self.set_line(line);
            self.emit(Op::CompareOp {
                op: cmpop(c.ops[0]) as u8,
            });
            return;
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, right)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            self.expr(right);
            self.set_line(line);
            if i + 1 < n {
                self.emit(Op::DupTop {});
                self.emit(Op::RotThree {});
                self.emit(Op::CompareOp {
                    op: cmpop(*op) as u8,
                });
                self.emit_jump(Op::JumpIfFalseOrPop { rel: REL0 }, cleanup);
            } else {
                self.emit(Op::CompareOp {
                    op: cmpop(*op) as u8,
                });
                self.emit_jump(Op::Jump { rel: REL0 }, end);
            }
        }
        self.place(cleanup);
        self.emit(Op::RotTwo {});
        self.emit(Op::PopTop {});
        self.place(end);
    }

    // ----- calls ---------------------------------------------------------------------

    fn call(&mut self, c: &'a ast::ExprCall, line: u32) {
        let args = &c.arguments.args;
        let kws = &c.arguments.keywords;
        for (i, k) in kws.iter().enumerate() {
            if let Some(name) = &k.arg
                && kws[..i]
                    .iter()
                    .any(|o| o.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str()))
            {
                self.error(
                    diagnostics::SYNTAX,
                    span(k.range),
                    format!("keyword argument repeated: {}", name.as_str()),
                );
            }
        }
        let starred =
            args.iter().any(|a| a.is_starred_expr()) || kws.iter().any(|k| k.arg.is_none());
        let simple = !starred && args.len() <= u8::MAX as usize && kws.len() <= u8::MAX as usize;
        if simple {
            if let Expr::Attribute(a) = &*c.func {
                self.expr(&a.value);
                self.set_line(self.line_of(a.start()));
                let q = self.name_id(a.attr.as_str(), a.attr.range);
                self.emit(Op::LoadMethod { name: q });
                self.plain_args(args, kws);
                self.set_line(line);
                self.emit(Op::CallMethod {
                    argc: args.len() as u8,
                    nkw: kws.len() as u8,
                });
                return;
            }
            self.expr(&c.func);
            self.plain_args(args, kws);
            self.set_line(line);
            self.emit(Op::Call {
                argc: args.len() as u8,
                nkw: kws.len() as u8,
            });
            return;
        }
        self.expr(&c.func);
        // Positional arguments: a list, extended by each `*a`, then a tuple.
        if !self.sequence(args, c.arguments.range) {
            self.emit(Op::BuildList {
                n: args.len() as u16,
            });
        }
        self.emit(Op::ListToTuple {});
        let mut flags = 0;
        if !kws.is_empty() {
            flags = CALL_EX_KWARGS;
            let mut built = false;
            let mut pending = 0u16;
            for k in kws.iter() {
                match &k.arg {
                    Some(name) => {
                        self.load_str(name.as_str(), name.range);
                        self.expr(&k.value);
                        if built {
                            self.emit(Op::MapAdd { depth: 1 });
                        } else {
                            pending += 1;
                        }
                    }
                    None => {
                        if !built {
                            self.emit(Op::BuildMap { n: pending });
                            built = true;
                        }
                        self.expr(&k.value);
                        self.emit(Op::DictUpdate { depth: 1 });
                    }
                }
            }
            if !built {
                self.emit(Op::BuildMap { n: pending });
            }
        }
        self.set_line(line);
        self.emit(Op::CallEx { flags });
    }

    fn plain_args(&mut self, args: &'a [Expr], kws: &'a [ast::Keyword]) {
        for a in args {
            self.expr(a);
        }
        for k in kws {
            if let Some(name) = &k.arg {
                self.load_str(name.as_str(), name.range);
            }
            self.expr(&k.value);
        }
    }

    /// Pushes the items of a list/tuple display or argument list. Without
    /// `*` items it pushes them one by one and returns false (the caller
    /// builds the container); with them it builds a list, extending it by
    /// each starred item, and returns true.
    fn sequence(&mut self, elts: &'a [Expr], range: TextRange) -> bool {
        let Some(first_star) = elts.iter().position(|e| e.is_starred_expr()) else {
            if elts.len() > u16::MAX as usize {
                self.error(
                    diagnostics::TOO_LARGE,
                    span(range),
                    "display has more than 65535 items",
                );
            }
            for e in elts {
                self.expr(e);
            }
            return false;
        };
        if first_star > u16::MAX as usize {
            self.error(
                diagnostics::TOO_LARGE,
                span(range),
                "display has more than 65535 items",
            );
        }
        for e in &elts[..first_star] {
            self.expr(e);
        }
        self.emit(Op::BuildList {
            n: first_star as u16,
        });
        self.display_rest(&elts[first_star..], Op::ListAppend { depth: 1 });
        true
    }

    /// The items of a list or set display from its first `*x` on, into the
    /// container built below them: `*x` extends it (`LIST_EXTEND` takes a
    /// set too), anything else is added with `add`.
    fn display_rest(&mut self, rest: &'a [Expr], add: Op) {
        for e in rest {
            match e {
                Expr::Starred(s) => {
                    self.expr(&s.value);
                    self.emit(Op::ListExtend { depth: 1 });
                }
                e => {
                    self.expr(e);
                    self.emit(add);
                }
            }
        }
    }

    fn dict(&mut self, d: &'a ast::ExprDict) {
        let mut built = false;
        let mut pending = 0usize;
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.expr(k);
                    self.expr(&item.value);
                    if built {
                        self.emit(Op::MapAdd { depth: 1 });
                    } else {
                        pending += 1;
                    }
                }
                None => {
                    if !built {
                        self.build_map(pending, d.range);
                        built = true;
                    }
                    self.expr(&item.value);
                    self.emit(Op::DictUpdate { depth: 1 });
                }
            }
        }
        if !built {
            self.build_map(pending, d.range);
        }
    }

    fn build_map(&mut self, n: usize, range: TextRange) {
        if n > u16::MAX as usize {
            self.error(
                diagnostics::TOO_LARGE,
                span(range),
                "dict display has more than 65535 items",
            );
        }
        self.emit(Op::BuildMap { n: n as u16 });
    }

    // ----- f-strings -------------------------------------------------------------------

    fn fstring(&mut self, f: &'a ast::ExprFString) {
        let mut parts = 0usize;
        let mut literal = String::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => literal.push_str(s.as_str()),
                ast::FStringPart::FString(fs) => {
                    self.fstring_elements(&fs.elements, &mut literal, &mut parts, fs.range)
                }
            }
        }
        let force = parts == 0;
        self.flush_literal(&mut literal, &mut parts, f.range, force);
        if parts != 1 {
            self.build_string(parts, f.range);
        }
    }

    fn build_string(&mut self, parts: usize, range: TextRange) {
        if parts > u16::MAX as usize {
            self.error(
                diagnostics::TOO_LARGE,
                span(range),
                "f-string has more than 65535 parts",
            );
        }
        self.emit(Op::BuildString { n: parts as u16 });
    }

    fn flush_literal(
        &mut self,
        literal: &mut String,
        parts: &mut usize,
        range: TextRange,
        force: bool,
    ) {
        if !literal.is_empty() || force {
            self.load_str(literal, range);
            literal.clear();
            *parts += 1;
        }
    }

    fn fstring_elements(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
        literal: &mut String,
        parts: &mut usize,
        range: TextRange,
    ) {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => literal.push_str(&l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => FORMAT_CONV_NONE,
                        ast::ConversionFlag::Str => FORMAT_CONV_STR,
                        ast::ConversionFlag::Repr => FORMAT_CONV_REPR,
                        ast::ConversionFlag::Ascii => FORMAT_CONV_ASCII,
                    };
                    if let Some(d) = &i.debug_text {
                        // `f"{x=}"` is the text `x=` then the value, shown
                        // with repr unless a conversion or spec says otherwise.
                        literal.push_str(d.as_str());
                        if conv == FORMAT_CONV_NONE && i.format_spec.is_none() {
                            conv = FORMAT_CONV_REPR;
                        }
                    }
                    self.flush_literal(literal, parts, range, false);
                    self.expr(&i.expression);
                    let mut flags = conv;
                    if let Some(spec) = &i.format_spec {
                        let mut spec_lit = String::new();
                        let mut spec_parts = 0;
                        self.fstring_elements(
                            &spec.elements,
                            &mut spec_lit,
                            &mut spec_parts,
                            spec.range,
                        );
                        let force = spec_parts == 0;
                        self.flush_literal(&mut spec_lit, &mut spec_parts, spec.range, force);
                        if spec_parts != 1 {
                            self.build_string(spec_parts, spec.range);
                        }
                        flags |= FORMAT_HAS_SPEC;
                    }
                    self.emit(Op::FormatValue { flags });
                    *parts += 1;
                }
            }
        }
    }

    // ----- lambdas and comprehensions ------------------------------------------------

    fn lambda(&mut self, l: &'a ast::ExprLambda) {
        let flags = match &l.parameters {
            Some(p) => self.defaults(p),
            None => 0,
        };
        let Some(scope) = self.tree.of(l.range.start().to_u32(), ScopeKind::Lambda) else {
            self.internal(
                span(l.range),
                "internal compiler error: no scope for this lambda",
            );
            return;
        };
        self.make_function(scope, "<lambda>", l.range, flags, |cg| {
            cg.expr(&l.body);
            cg.emit(Op::ReturnValue {});
        });
    }

    fn comprehension(&mut self, range: TextRange, gens: &'a [ast::Comprehension], comp: Comp<'a>) {
        if let Some(g) = gens.iter().find(|g| g.is_async) {
            self.unsupported(g.range, "asynchronous comprehensions are");
            return;
        }
        let Some(first) = gens.first() else {
            return;
        };
        let Some(scope) = self
            .tree
            .of(range.start().to_u32(), ScopeKind::Comprehension)
        else {
            self.internal(
                span(range),
                "internal compiler error: no scope for this comprehension",
            );
            return;
        };
        let name = match comp {
            Comp::List(_) => "<listcomp>",
            Comp::Set(_) => "<setcomp>",
            Comp::Dict(..) => "<dictcomp>",
            Comp::Gen(_) => "<genexpr>",
        };
        self.make_function(scope, name, range, 0, |cg| {
            match comp {
                Comp::List(_) => cg.emit(Op::BuildList { n: 0 }),
                Comp::Set(_) => cg.emit(Op::BuildSet { n: 0 }),
                Comp::Dict(..) => cg.emit(Op::BuildMap { n: 0 }),
                Comp::Gen(_) => {}
            }
            cg.comp_loop(gens, 0, comp);
            if matches!(comp, Comp::Gen(_)) {
                cg.emit(Op::LoadNone {});
            }
            cg.emit(Op::ReturnValue {});
        });
        self.expr(&first.iter);
        self.emit(Op::GetIter {});
        self.emit(Op::Call { argc: 1, nkw: 0 });
    }

    fn comp_loop(&mut self, gens: &'a [ast::Comprehension], i: usize, comp: Comp<'a>) {
        let g = &gens[i];
        if i == 0 {
            // The outermost iterator is the function's only argument, `.0`.
            self.emit(Op::LoadFast { idx: 0 });
        } else {
            self.expr(&g.iter);
            self.emit(Op::GetIter {});
        }
        let head = self.new_label();
        let end = self.new_label();
        self.place(head);
        self.emit_jump(Op::ForIter { rel: REL0 }, end);
        self.store_target(&g.target);
        for cond in &g.ifs {
            self.condition(cond, head, false);
        }
        if i + 1 < gens.len() {
            self.comp_loop(gens, i + 1, comp);
        } else {
            let depth = gens.len() as u16 + 1;
            match comp {
                Comp::List(e) => {
                    self.expr(e);
                    self.emit(Op::ListAppend { depth });
                }
                Comp::Set(e) => {
                    self.expr(e);
                    self.emit(Op::SetAdd { depth });
                }
                Comp::Dict(k, v) => {
                    self.expr(k);
                    self.expr(v);
                    self.emit(Op::MapAdd { depth });
                }
                Comp::Gen(e) => {
                    self.expr(e);
                    self.emit(Op::YieldValue {});
                    self.emit(Op::PopTop {});
                }
            }
        }
        self.emit_jump(Op::Jump { rel: REL0 }, head);
        self.place(end);
    }
}

/// What a comprehension builds, with its element expression(s).
#[derive(Clone, Copy)]
enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    /// A generator expression: yields each element.
    Gen(&'a Expr),
}

fn cmpop(op: ast::CmpOp) -> CmpOp {
    match op {
        ast::CmpOp::Eq => CmpOp::Eq,
        ast::CmpOp::NotEq => CmpOp::Ne,
        ast::CmpOp::Lt => CmpOp::Lt,
        ast::CmpOp::LtE => CmpOp::Le,
        ast::CmpOp::Gt => CmpOp::Gt,
        ast::CmpOp::GtE => CmpOp::Ge,
        ast::CmpOp::Is => CmpOp::Is,
        ast::CmpOp::IsNot => CmpOp::IsNot,
        ast::CmpOp::In => CmpOp::In,
        ast::CmpOp::NotIn => CmpOp::NotIn,
    }
}

/// Parses an integer literal too big for u64 (`Int`'s text: decimal with
/// underscores removed, or the whole `0x…`/`0o…`/`0b…` token) into
/// little-endian u32 limbs.
fn parse_big(text: &str) -> Result<Vec<u32>, String> {
    let t: String = text.chars().filter(|c| *c != '_').collect();
    let lower = t.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16u32, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else {
        (10, lower.as_str())
    };
    if radix == 10 && digits.len() > MAX_INT_DIGITS {
        return Err(format!(
            "integer literal has {} digits; at most {MAX_INT_DIGITS} are allowed",
            digits.len()
        ));
    }
    if digits.len() > 100_000 {
        return Err("integer literal is too long".into());
    }
    // Digits per chunk so that radix^chunk fits in a u32.
    let chunk = match radix {
        16 => 7,
        8 => 10,
        2 => 31,
        _ => 9,
    };
    let mut limbs: Vec<u32> = Vec::new();
    let bytes = digits.as_bytes();
    for piece in bytes.chunks(chunk) {
        let mut mul: u64 = 1;
        let mut add: u64 = 0;
        for &b in piece {
            let d = (b as char)
                .to_digit(radix)
                .ok_or_else(|| "invalid digit in integer literal".to_string())?;
            mul *= radix as u64;
            add = add * radix as u64 + d as u64;
        }
        let mut carry = add;
        for l in limbs.iter_mut() {
            let v = *l as u64 * mul + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            limbs.push(carry as u32);
        }
    }
    Ok(limbs)
}
