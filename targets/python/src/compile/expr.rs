//! Code generation for expressions: operators, calls, displays, comprehensions,
//! lambdas, f-strings, and conditional jumps on an expression.
//!
//! Constant folding is kept to what makes the bytecode plainer: a tuple of constants
//! is one constant, and a negated number literal is a negative constant.

use super::opcodes::{BinaryOp, FORMAT_HAS_SPEC};
use super::symtable::{Binding, ScopeKind};
use super::{Compiler, Constant, Label, Op, Result};
use crate::error::CompileError;
use crate::front::ast::{self, CmpOp, Expr, ExprKind, Pos};

/// The `BINARY_OP` operator of an AST operator.
pub fn binary_op(op: ast::BinOp) -> BinaryOp {
    use ast::BinOp as B;
    match op {
        B::Add => BinaryOp::Add,
        B::And => BinaryOp::And,
        B::FloorDiv => BinaryOp::FloorDiv,
        B::LShift => BinaryOp::LShift,
        B::MatMult => BinaryOp::MatMult,
        B::Mult => BinaryOp::Mult,
        B::Mod => BinaryOp::Mod,
        B::Or => BinaryOp::Or,
        B::Pow => BinaryOp::Pow,
        B::RShift => BinaryOp::RShift,
        B::Sub => BinaryOp::Sub,
        B::Div => BinaryOp::Div,
        B::Xor => BinaryOp::Xor,
    }
}

/// The code constant of an AST constant.
fn constant(c: &ast::Constant) -> Constant {
    match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Ellipsis => Constant::Ellipsis,
        ast::Constant::Int(i) => Constant::Int(*i),
        ast::Constant::BigInt(s) => Constant::BigInt(s.clone()),
        ast::Constant::Float(f) => Constant::Float(*f),
        ast::Constant::Str(s) => Constant::Str(s.clone()),
        ast::Constant::Bytes(b) => Constant::Bytes(b.clone()),
    }
}

/// The constant value of `e` if it is one after folding (literals, negated number
/// literals, tuples of constants).
fn folded(e: &Expr) -> Option<Constant> {
    match &e.kind {
        ExprKind::Constant(c) => Some(constant(c)),
        ExprKind::UnaryOp {
            op: ast::UnaryOp::USub,
            operand,
        } => match &operand.kind {
            ExprKind::Constant(ast::Constant::Int(i)) => Some(match i.checked_neg() {
                Some(n) => Constant::Int(n),
                None => Constant::BigInt(format!("-{}", (*i as i128).unsigned_abs())),
            }),
            ExprKind::Constant(ast::Constant::BigInt(s)) => Some(if s == "9223372036854775808" {
                Constant::Int(i64::MIN)
            } else {
                Constant::BigInt(format!("-{s}"))
            }),
            ExprKind::Constant(ast::Constant::Float(f)) => Some(Constant::Float(-f)),
            _ => None,
        },
        ExprKind::Tuple(items) => items
            .iter()
            .map(folded)
            .collect::<Option<Vec<_>>>()
            .map(Constant::Tuple),
        _ => None,
    }
}

fn is_starred(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Starred(_))
}

/// What a comprehension builds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl<'a> Compiler<'a> {
    /// Emits `e`, leaving its value on the stack.
    pub fn expr(&mut self, e: &'a Expr) -> Result<()> {
        let outer = self.set_line(e.pos.line);
        let r = self.expr_inner(e);
        self.set_line(outer);
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> Result<()> {
        if let Some(c) = folded(e) {
            self.load_const(c);
            return Ok(());
        }
        match &e.kind {
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jump = match op {
                    ast::BoolOp::And => Op::JumpIfFalseOrPop,
                    ast::BoolOp::Or => Op::JumpIfTrueOrPop,
                };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.jump(jump, end);
                    }
                }
                self.bind(end);
                Ok(())
            }
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                self.emit(Op::Copy, 1);
                self.store_name(target)
            }
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::BinaryOp, binary_op(*op).arg(false));
                Ok(())
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                let op = match op {
                    ast::UnaryOp::Invert => Op::UnaryInvert,
                    ast::UnaryOp::Not => Op::UnaryNot,
                    ast::UnaryOp::UAdd => Op::UnaryPositive,
                    ast::UnaryOp::USub => Op::UnaryNegative,
                };
                self.emit(op, 0);
                Ok(())
            }
            ExprKind::Lambda { params, body } => {
                let flags = self.defaults(params)?;
                let scope = self.scope_at(e.pos, ScopeKind::Lambda)?;
                let qualname = self.qualname_of("<lambda>");
                self.enter(scope, "<lambda>".to_string(), qualname, e.pos.line);
                self.expr(body)?;
                self.emit(Op::ReturnValue, 0);
                let code = self.leave()?;
                self.make_function(code, flags, scope)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let other = self.new_label();
                let end = self.new_label();
                self.jump_if(test, false, other)?;
                self.expr(body)?;
                self.jump(Op::Jump, end);
                self.bind(other);
                self.expr(orelse)?;
                self.bind(end);
                Ok(())
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values),
            ExprKind::Set(items) => {
                self.sequence(items, Op::BuildSet, Op::SetAdd, Op::SetUpdate, false)
            }
            ExprKind::List(items) => {
                self.sequence(items, Op::BuildList, Op::ListAppend, Op::ListExtend, false)
            }
            ExprKind::Tuple(items) => {
                self.sequence(items, Op::BuildTuple, Op::ListAppend, Op::ListExtend, true)
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e.pos, "<listcomp>", CompKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e.pos, "<setcomp>", CompKind::Set, generators, elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(
                e.pos,
                "<dictcomp>",
                CompKind::Dict,
                generators,
                key,
                Some(value),
            ),
            ExprKind::GeneratorExp { elt, generators } => self.comprehension(
                e.pos,
                "<genexpr>",
                CompKind::Generator,
                generators,
                elt,
                None,
            ),
            ExprKind::Yield(value) => {
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.emit(Op::YieldValue, 0);
                Ok(())
            }
            ExprKind::YieldFrom(value) => {
                self.expr(value)?;
                self.emit(Op::GetYieldFromIter, 0);
                self.load_const(Constant::None);
                self.emit(Op::YieldFrom, 0);
                Ok(())
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords),
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Constant(c) => {
                self.load_const(constant(c));
                Ok(())
            }
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::LoadAttr, i);
                Ok(())
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.subscript_key(slice)?;
                self.emit(Op::BinarySubscr, 0);
                Ok(())
            }
            ExprKind::Starred(_) => Err(CompileError::syntax_span(
                e.pos,
                e.end,
                "can't use starred expression here",
            )),
            // `__debug__` is a constant of the compiler (True: asserts are kept).
            ExprKind::Name(n) if n == "__debug__" => {
                self.load_const(Constant::Bool(true));
                Ok(())
            }
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.load_const(Constant::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => self.emit(Op::BuildSlice, 2),
                }
                Ok(())
            }
        }
    }

    /// An expression only iterated or searched (`for x in [1, 2]`, `x in [1, 2]`): a
    /// list display of constants is a constant tuple instead, as CPython compiles it
    /// (the list could not be seen by anything else).
    pub fn iterable(&mut self, e: &'a Expr) -> Result<()> {
        if let ExprKind::List(items) = &e.kind {
            if let Some(c) = items.iter().map(folded).collect::<Option<Vec<_>>>() {
                let outer = self.set_line(e.pos.line);
                self.load_const(Constant::Tuple(c));
                self.set_line(outer);
                return Ok(());
            }
        }
        self.expr(e)
    }

    /// The key of a subscript: a slice is built with `BUILD_SLICE`.
    pub fn subscript_key(&mut self, key: &'a Expr) -> Result<()> {
        self.expr(key)
    }

    /// Jumps to `target` when `e` is `cond` (truthiness), falling through otherwise;
    /// `not`, `and` and `or` become jumps, not values.
    pub fn jump_if(&mut self, e: &'a Expr, cond: bool, target: Label) -> Result<()> {
        match &e.kind {
            ExprKind::UnaryOp {
                op: ast::UnaryOp::Not,
                operand,
            } => self.jump_if(operand, !cond, target),
            ExprKind::BoolOp { op, values } => {
                // `a and b` is true when all are; jumping on true needs them all, on
                // false any one suffices (and dually for `or`).
                let is_and = *op == ast::BoolOp::And;
                if is_and == cond {
                    let skip = self.new_label();
                    for (i, v) in values.iter().enumerate() {
                        if i + 1 < values.len() {
                            self.jump_if(v, !cond, skip)?;
                        } else {
                            self.jump_if(v, cond, target)?;
                        }
                    }
                    self.bind(skip);
                } else {
                    for v in values {
                        self.jump_if(v, cond, target)?;
                    }
                }
                Ok(())
            }
            _ => {
                self.expr(e)?;
                let op = if cond {
                    Op::PopJumpIfTrue
                } else {
                    Op::PopJumpIfFalse
                };
                let outer = self.set_line(e.pos.line);
                self.jump(op, target);
                self.set_line(outer);
                Ok(())
            }
        }
    }

    fn compare_op(&mut self, op: CmpOp) {
        let (opcode, arg) = match op {
            CmpOp::Lt => (Op::CompareOp, 0),
            CmpOp::LtE => (Op::CompareOp, 1),
            CmpOp::Eq => (Op::CompareOp, 2),
            CmpOp::NotEq => (Op::CompareOp, 3),
            CmpOp::Gt => (Op::CompareOp, 4),
            CmpOp::GtE => (Op::CompareOp, 5),
            CmpOp::Is => (Op::IsOp, 0),
            CmpOp::IsNot => (Op::IsOp, 1),
            CmpOp::In => (Op::ContainsOp, 0),
            CmpOp::NotIn => (Op::ContainsOp, 1),
        };
        self.emit(opcode, arg);
    }

    /// `a < b < c`: each middle operand is evaluated once and kept (`SWAP`, `COPY`)
    /// for the next comparison; the first false result ends the chain.
    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> Result<()> {
        self.expr(left)?;
        if ops.len() == 1 {
            if matches!(ops[0], CmpOp::In | CmpOp::NotIn) {
                self.iterable(&comparators[0])?;
            } else {
                self.expr(&comparators[0])?;
            }
            self.compare_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            self.expr(right)?;
            if i + 1 < ops.len() {
                self.emit(Op::Swap, 2);
                self.emit(Op::Copy, 2);
                self.compare_op(*op);
                self.jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.compare_op(*op);
            }
        }
        self.jump(Op::Jump, end);
        self.bind(cleanup);
        self.emit(Op::Swap, 2);
        self.emit(Op::PopTop, 0);
        self.bind(end);
        Ok(())
    }

    /// A list, set or tuple display. With a `*` item it is built as a list that items
    /// are appended to and iterables extend (a tuple converted at the end).
    fn sequence(
        &mut self,
        items: &'a [Expr],
        build: Op,
        add: Op,
        update: Op,
        tuple: bool,
    ) -> Result<()> {
        if !items.iter().any(is_starred) {
            for i in items {
                self.expr(i)?;
            }
            self.emit(build, items.len() as u32);
            return Ok(());
        }
        let (build, add, update) = if tuple {
            (Op::BuildList, Op::ListAppend, Op::ListExtend)
        } else {
            (build, add, update)
        };
        self.emit(build, 0);
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(update, 1);
                }
                _ => {
                    self.expr(i)?;
                    self.emit(add, 1);
                }
            }
        }
        if tuple {
            self.emit(Op::ListToTuple, 0);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> Result<()> {
        if keys.iter().all(Option::is_some) {
            for (k, v) in keys.iter().zip(values) {
                if let Some(k) = k {
                    self.expr(k)?;
                }
                self.expr(v)?;
            }
            self.emit(Op::BuildMap, keys.len() as u32);
            return Ok(());
        }
        // With `**m`: runs of pairs become dicts merged, in order, into the first.
        self.emit(Op::BuildMap, 0);
        let mut run = 0;
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    run += 1;
                }
                None => {
                    if run > 0 {
                        self.emit(Op::BuildMap, run);
                        self.emit(Op::DictUpdate, 1);
                        run = 0;
                    }
                    self.expr(v)?;
                    self.emit(Op::DictUpdate, 1);
                }
            }
        }
        if run > 0 {
            self.emit(Op::BuildMap, run);
            self.emit(Op::DictUpdate, 1);
        }
        Ok(())
    }

    fn call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
    ) -> Result<()> {
        let plain = !args.iter().any(is_starred) && keywords.iter().all(|k| k.name.is_some());
        if args.is_empty() && keywords.is_empty() && self.zero_arg_super(func)? {
            return Ok(());
        }
        self.check_keywords(keywords)?;
        if let (true, ExprKind::Attribute { value, attr }) = (plain, &func.kind) {
            self.expr(value)?;
            let i = self.attr_index(attr);
            let outer = self.set_line(func.pos.line);
            self.emit(Op::LoadMethod, i);
            self.set_line(outer);
            for a in args {
                self.expr(a)?;
            }
            let n = (args.len() + keywords.len()) as u32;
            if keywords.is_empty() {
                self.emit(Op::CallMethod, n);
            } else {
                self.keyword_values_and_names(keywords)?;
                self.emit(Op::CallMethodKw, n);
            }
            return Ok(());
        }
        self.expr(func)?;
        self.call_args(0, args, keywords)
    }

    /// `super()` in a method: `super(__class__, first_argument)`, when `super` is the
    /// builtin and the function has a `__class__` cell and a first argument. Returns
    /// whether it emitted that.
    fn zero_arg_super(&mut self, func: &'a Expr) -> Result<bool> {
        let ExprKind::Name(n) = &func.kind else {
            return Ok(false);
        };
        let scope = self.scope();
        if n != "super"
            || !matches!(scope.kind, ScopeKind::Function | ScopeKind::Lambda)
            || scope.binding("super") != Binding::GlobalImplicit
            || scope.binding("__class__") != Binding::Free
            || scope.signature.posonly + scope.signature.args == 0
        {
            return Ok(false);
        }
        let first = scope.params[0].clone();
        self.load_name("super")?;
        let i = self.deref_index("__class__")?;
        self.emit(Op::LoadDeref, i);
        self.load_name(&first)?;
        self.emit(Op::Call, 2);
        Ok(true)
    }

    fn check_keywords(&self, keywords: &[ast::Keyword]) -> Result<()> {
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.name {
                if keywords[..i].iter().any(|o| o.name.as_ref() == Some(name)) {
                    return Err(CompileError::syntax_span(
                        k.pos,
                        k.end,
                        format!("keyword argument repeated: {name}"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Pushes the values of named keywords and the constant tuple of their names.
    fn keyword_values_and_names(&mut self, keywords: &'a [ast::Keyword]) -> Result<()> {
        let mut names = Vec::new();
        for k in keywords {
            self.expr(&k.value)?;
            names.push(Constant::Str(k.name.clone().unwrap_or_default()));
        }
        self.load_const(Constant::Tuple(names));
        Ok(())
    }

    /// The arguments of a call whose callable and `pre` first positional arguments
    /// are already on the stack, and the call.
    pub fn call_args(
        &mut self,
        pre: u32,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
    ) -> Result<()> {
        self.check_keywords(keywords)?;
        let plain = !args.iter().any(is_starred) && keywords.iter().all(|k| k.name.is_some());
        if plain {
            for a in args {
                self.expr(a)?;
            }
            let n = pre + (args.len() + keywords.len()) as u32;
            if keywords.is_empty() {
                self.emit(Op::Call, n);
            } else {
                self.keyword_values_and_names(keywords)?;
                self.emit(Op::CallKw, n);
            }
            return Ok(());
        }
        // Positional arguments as a tuple, built as a list.
        self.emit(Op::BuildList, pre);
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Op::ListExtend, 1);
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Op::ListAppend, 1);
                }
            }
        }
        self.emit(Op::ListToTuple, 0);
        if keywords.is_empty() {
            self.emit(Op::CallEx, 0);
            return Ok(());
        }
        // Keyword arguments as a dict; a repeated name is a TypeError (DICT_MERGE).
        self.emit(Op::BuildMap, 0);
        let mut run = 0;
        for k in keywords {
            match &k.name {
                Some(name) => {
                    self.load_const(Constant::Str(name.clone()));
                    self.expr(&k.value)?;
                    run += 1;
                }
                None => {
                    if run > 0 {
                        self.emit(Op::BuildMap, run);
                        self.emit(Op::DictMerge, 1);
                        run = 0;
                    }
                    self.expr(&k.value)?;
                    self.emit(Op::DictMerge, 1);
                }
            }
        }
        if run > 0 {
            self.emit(Op::BuildMap, run);
            self.emit(Op::DictMerge, 1);
        }
        self.emit(Op::CallEx, 1);
        Ok(())
    }

    /// An f-string: its pieces formatted and concatenated.
    fn fstring(&mut self, parts: &'a [ast::FPart]) -> Result<()> {
        match parts {
            [] => self.load_const(Constant::Str(String::new())),
            [ast::FPart::Literal(s)] => self.load_const(Constant::Str(s.clone())),
            _ => {
                for p in parts {
                    match p {
                        ast::FPart::Literal(s) => self.load_const(Constant::Str(s.clone())),
                        ast::FPart::Value {
                            expr,
                            conversion,
                            spec,
                        } => {
                            self.expr(expr)?;
                            let mut flags = match conversion {
                                ast::Conversion::None => 0,
                                ast::Conversion::Str => 1,
                                ast::Conversion::Repr => 2,
                                ast::Conversion::Ascii => 3,
                            };
                            if let Some(spec) = spec {
                                self.fstring(spec)?;
                                flags |= FORMAT_HAS_SPEC;
                            }
                            self.emit(Op::FormatValue, flags);
                        }
                    }
                }
                if parts.len() > 1 {
                    self.emit(Op::BuildString, parts.len() as u32);
                }
            }
        }
        Ok(())
    }

    /// A comprehension: a function of its own called on the iterator of the first
    /// iterable. `result` is the element (the key of a dict comprehension, `value`
    /// then its value).
    fn comprehension(
        &mut self,
        pos: Pos,
        name: &str,
        kind: CompKind,
        generators: &'a [ast::Comprehension],
        result: &'a Expr,
        value: Option<&'a Expr>,
    ) -> Result<()> {
        let Some(first) = generators.first() else {
            return Err(CompileError::syntax(pos, "comprehension without `for`"));
        };
        let scope = self.scope_at(pos, ScopeKind::Comprehension)?;
        let qualname = self.qualname_of(name);
        self.enter(scope, name.to_string(), qualname, pos.line);
        match kind {
            CompKind::List => self.emit(Op::BuildList, 0),
            CompKind::Set => self.emit(Op::BuildSet, 0),
            CompKind::Dict => self.emit(Op::BuildMap, 0),
            CompKind::Generator => {}
        }
        let mut loops: Vec<(Label, Label, Label)> = Vec::new();
        for (i, g) in generators.iter().enumerate() {
            if i == 0 {
                self.emit(Op::LoadFast, 0);
            } else {
                self.expr(&g.iter)?;
                self.emit(Op::GetIter, 0);
            }
            let head = self.new_label();
            let skip = self.new_label();
            let done = self.new_label();
            self.bind(head);
            self.jump(Op::ForIter, done);
            self.store(&g.target)?;
            for cond in &g.ifs {
                self.jump_if(cond, false, skip)?;
            }
            loops.push((head, skip, done));
        }
        let depth = generators.len() as u32 + 1;
        match kind {
            CompKind::List => {
                self.expr(result)?;
                self.emit(Op::ListAppend, depth);
            }
            CompKind::Set => {
                self.expr(result)?;
                self.emit(Op::SetAdd, depth);
            }
            CompKind::Dict => {
                self.expr(result)?;
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.emit(Op::MapAdd, depth);
            }
            CompKind::Generator => {
                self.expr(result)?;
                self.emit(Op::YieldValue, 0);
                self.emit(Op::PopTop, 0);
            }
        }
        for (head, skip, done) in loops.into_iter().rev() {
            self.bind(skip);
            self.jump(Op::JumpBackward, head);
            self.bind(done);
        }
        if kind == CompKind::Generator {
            self.load_const(Constant::None);
        }
        self.emit(Op::ReturnValue, 0);
        let code = self.leave()?;
        self.make_function(code, 0, scope)?;
        self.expr(&first.iter)?;
        self.emit(Op::GetIter, 0);
        self.emit(Op::Call, 1);
        Ok(())
    }
}
