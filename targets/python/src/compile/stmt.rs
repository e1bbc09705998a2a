//! Code generation for statements: definitions, assignments, control flow, `try`,
//! `with`, imports.
//!
//! The layouts of `try` and `with` (stack pictures bottom to top, `d` the depth at
//! the statement):
//!
//! ```text
//! try/except:   body [handler H at d]; orelse; JUMP end
//!           H:  [exc] PUSH_EXC_INFO [prev, exc]        [handler C at d+1 from here]
//!               per clause: type CHECK_EXC_MATCH POP_JUMP_IF_FALSE next;
//!                           STORE name (or POP_TOP) [prev]; body; POP_EXCEPT; JUMP end
//!               (a named clause's body has its own handler that deletes the name)
//!           C:  [prev, exc] SWAP 2; POP_EXCEPT; RERAISE  (also reached when no clause matches)
//! try/finally:  body [handler F at d]; final body; JUMP end
//!           F:  [exc] PUSH_EXC_INFO [prev, exc]; final body [handler C at d+1]
//!           C:  SWAP 2; POP_EXCEPT; RERAISE
//! with:         manager BEFORE_WITH [exit, value]; STORE target [handler H at d+1];
//!               body; exit(None, None, None); JUMP end
//!           H:  [exit, exc] PUSH_EXC_INFO [exit, prev, exc]; WITH_EXCEPT_START;
//!               POP_JUMP_IF_TRUE suppress; RERAISE [handler C at d+2]
//!           C:  SWAP 2; POP_EXCEPT; RERAISE
//!    suppress:  POP_TOP; POP_EXCEPT; POP_TOP; JUMP end
//! ```

use super::opcodes::{MAKE_DEFAULTS, MAKE_KWDEFAULTS};
use super::symtable::ScopeKind;
use super::{internal, Access, Compiler, Constant, FBlock, Op, Result};
use crate::error::CompileError;
use crate::front::ast::{self, Expr, ExprKind, Stmt, StmtKind};

impl<'a> Compiler<'a> {
    pub fn stmts(&mut self, body: &'a [Stmt]) -> Result<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    pub fn stmt(&mut self, s: &'a Stmt) -> Result<()> {
        self.set_line(s.pos.line);
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(s, f),
            StmtKind::ClassDef(c) => self.class_def(s, c),
            StmtKind::Return(value) => {
                if !self.scope().kind.is_function_like() {
                    return Err(CompileError::syntax_span(
                        s.pos,
                        s.end,
                        "'return' outside function",
                    ));
                }
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                let saved = self.unwind(0, true)?;
                self.emit(Op::ReturnValue, 0);
                self.restore(saved);
                Ok(())
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.delete(t)),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Copy, 1);
                    }
                    self.store(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::AnnAssign { target, value } => match value {
                Some(v) => {
                    self.expr(v)?;
                    self.store(target)
                }
                None => match &target.kind {
                    ExprKind::Name(_) => Ok(()),
                    ExprKind::Attribute { value, .. } => {
                        self.expr(value)?;
                        self.emit(Op::PopTop, 0);
                        Ok(())
                    }
                    ExprKind::Subscript { value, slice } => {
                        self.expr(value)?;
                        self.emit(Op::PopTop, 0);
                        self.expr(slice)?;
                        self.emit(Op::PopTop, 0);
                        Ok(())
                    }
                    _ => Err(CompileError::syntax(
                        target.pos,
                        "illegal target for annotation",
                    )),
                },
            },
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_loop(target, iter, body, orelse),
            StmtKind::While { test, body, orelse } => self.while_loop(test, body, orelse),
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                if orelse.is_empty() {
                    self.jump_if(test, false, end)?;
                    self.stmts(body)?;
                } else {
                    let other = self.new_label();
                    self.jump_if(test, false, other)?;
                    self.stmts(body)?;
                    self.jump(Op::Jump, end);
                    self.bind(other);
                    self.stmts(orelse)?;
                }
                self.bind(end);
                Ok(())
            }
            StmtKind::With { items, body } => self.with(s.pos.line, items, body),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::RaiseVarargs, n);
                Ok(())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.emit(Op::LoadAssertionError, 0);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::RaiseVarargs, 1);
                self.bind(end);
                Ok(())
            }
            StmtKind::Import(names) => {
                for a in names {
                    self.load_const(Constant::None);
                    let i = self.name_index(&a.name);
                    self.emit(Op::ImportName, i);
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b.c as d` binds the leaf module.
                            for part in a.name.split('.').skip(1) {
                                let i = self.name_index(part);
                                self.emit(Op::ImportFrom, i);
                                self.emit(Op::Swap, 2);
                                self.emit(Op::PopTop, 0);
                            }
                            self.store_name(asname)?;
                        }
                        None => {
                            let top = a.name.split('.').next().unwrap_or(&a.name);
                            self.store_name(top)?;
                        }
                    }
                }
                Ok(())
            }
            StmtKind::ImportFrom { module, .. } if module == "__future__" => {
                if self.units.len() == 1 && self.future.contains(&s.pos) {
                    return Ok(());
                }
                Err(CompileError::syntax_span(
                    s.pos,
                    s.end,
                    "from __future__ imports must occur at the beginning of the file",
                ))
            }
            StmtKind::ImportFrom { module, names } => {
                let fromlist = names
                    .iter()
                    .map(|a| Constant::Str(a.name.clone()))
                    .collect();
                self.load_const(Constant::Tuple(fromlist));
                let i = self.name_index(module);
                self.emit(Op::ImportName, i);
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Op::ImportStar, 0);
                    return Ok(());
                }
                for a in names {
                    let i = self.name_index(&a.name);
                    self.emit(Op::ImportFrom, i);
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name))?;
                }
                self.emit(Op::PopTop, 0);
                Ok(())
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => Ok(()),
            StmtKind::Expr(e) => {
                if matches!(e.kind, ExprKind::Constant(_)) {
                    return Ok(());
                }
                self.expr(e)?;
                self.emit(Op::PopTop, 0);
                Ok(())
            }
            StmtKind::Break => self.break_continue(s, true),
            StmtKind::Continue => self.break_continue(s, false),
        }
    }

    /// Emits the defaults of a parameter list; returns the `MAKE_FUNCTION` flags.
    pub fn defaults(&mut self, params: &'a ast::Parameters) -> Result<u32> {
        let mut flags = 0;
        let positional: Vec<&Expr> = params
            .posonly
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !positional.is_empty() {
            for d in &positional {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple, positional.len() as u32);
            flags |= MAKE_DEFAULTS;
        }
        let kw: Vec<&ast::Param> = params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kw.is_empty() {
            for p in &kw {
                let name = self.mangled(&p.name);
                self.load_const(Constant::Str(name));
                if let Some(d) = &p.default {
                    self.expr(d)?;
                }
            }
            self.emit(Op::BuildMap, kw.len() as u32);
            flags |= MAKE_KWDEFAULTS;
        }
        Ok(flags)
    }

    fn function_def(&mut self, s: &'a Stmt, f: &'a ast::FunctionDef) -> Result<()> {
        for d in &f.decorators {
            self.expr(d)?;
        }
        let flags = self.defaults(&f.params)?;
        let scope = self.scope_at(s.pos, ScopeKind::Function)?;
        let qualname = self.qualname_of(&f.name);
        // The code starts at its first decorator (CPython's co_firstlineno); the
        // statement's own line is the `def` line.
        let first_line = f.decorators.first().map_or(s.pos.line, |d| d.pos.line);
        self.enter(scope, f.name.clone(), qualname, first_line);
        let (doc, body) = self.docstring_split(&f.body);
        self.unit().docstring = doc;
        self.stmts(body)?;
        self.load_const(Constant::None);
        self.emit(Op::ReturnValue, 0);
        let code = self.leave()?;
        self.set_line(s.pos.line);
        self.make_function(code, flags, scope)?;
        self.apply_decorators(&f.decorators);
        self.store_name(&f.name)
    }

    fn class_def(&mut self, s: &'a Stmt, c: &'a ast::ClassDef) -> Result<()> {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.emit(Op::LoadBuildClass, 0);
        let scope = self.scope_at(s.pos, ScopeKind::Class)?;
        let qualname = self.qualname_of(&c.name);
        let first_line = c.decorators.first().map_or(s.pos.line, |d| d.pos.line);
        self.enter(scope, c.name.clone(), qualname.clone(), first_line);
        self.load_name("__name__")?;
        self.store_name("__module__")?;
        self.load_const(Constant::Str(qualname));
        self.store_name("__qualname__")?;
        let (doc, body) = self.docstring_split(&c.body);
        if let Some(doc) = doc {
            self.load_const(Constant::Str(doc));
            self.store_name("__doc__")?;
        }
        self.stmts(body)?;
        if self.scope().class_cell {
            let i = self.deref_index("__class__")?;
            self.emit(Op::LoadClosure, i);
            self.store_name("__classcell__")?;
        }
        self.load_const(Constant::None);
        self.emit(Op::ReturnValue, 0);
        let code = self.leave()?;
        self.set_line(s.pos.line);
        self.make_function(code, 0, scope)?;
        self.load_const(Constant::Str(c.name.clone()));
        self.call_args(2, &c.bases, &c.keywords)?;
        self.apply_decorators(&c.decorators);
        self.store_name(&c.name)
    }

    /// Calls the decorators (evaluated before the definition, on the stack below it)
    /// innermost first, each on its own line, as CPython does; the store of the
    /// result that follows is on the first decorator's line.
    fn apply_decorators(&mut self, decorators: &[Expr]) {
        for d in decorators.iter().rev() {
            self.set_line(d.pos.line);
            self.emit(Op::Call, 1);
        }
    }

    /// Stores the value on top of the stack into `target`.
    pub fn store(&mut self, target: &'a Expr) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::StoreAttr, i);
                Ok(())
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.subscript_key(slice)?;
                self.emit(Op::StoreSubscr, 0);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e.kind, ExprKind::Starred(_)))
                    .map(|(i, _)| i)
                    .collect();
                match stars.as_slice() {
                    [] => self.emit(Op::UnpackSequence, items.len() as u32),
                    [star] => {
                        let before = *star as u32;
                        let after = (items.len() - star - 1) as u32;
                        if before > 0xffff || after > 0xffff {
                            return Err(CompileError::syntax(
                                target.pos,
                                "too many expressions in star-unpacking assignment",
                            ));
                        }
                        self.emit(Op::UnpackEx, before | (after << 16));
                    }
                    _ => {
                        return Err(CompileError::syntax_span(
                            target.pos,
                            target.end,
                            "multiple starred expressions in assignment",
                        ))
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store(inner)?,
                        _ => self.store(item)?,
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) => Err(CompileError::syntax_span(
                target.pos,
                target.end,
                "starred assignment target must be in a list or tuple",
            )),
            _ => Err(CompileError::syntax(
                target.pos,
                "cannot assign to expression",
            )),
        }
    }

    fn delete(&mut self, target: &'a Expr) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => self.name_op(n, Access::Delete),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::DeleteAttr, i);
                Ok(())
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.subscript_key(slice)?;
                self.emit(Op::DeleteSubscr, 0);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.delete(i))
            }
            _ => Err(CompileError::syntax(target.pos, "cannot delete expression")),
        }
    }

    fn aug_assign(&mut self, target: &'a Expr, op: ast::BinOp, value: &'a Expr) -> Result<()> {
        let arg = super::expr::binary_op(op).arg(true);
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n)?;
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.store_name(n)
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::Copy, 1);
                let i = self.attr_index(attr);
                self.emit(Op::LoadAttr, i);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreAttr, i);
                Ok(())
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.subscript_key(slice)?;
                self.emit(Op::Copy, 2);
                self.emit(Op::Copy, 2);
                self.emit(Op::BinarySubscr, 0);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.emit(Op::Swap, 3);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreSubscr, 0);
                Ok(())
            }
            _ => Err(CompileError::syntax(
                target.pos,
                "'expression' is an illegal expression for augmented assignment",
            )),
        }
    }

    fn for_loop(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> Result<()> {
        self.iterable(iter)?;
        self.emit(Op::GetIter, 0);
        let head = self.new_label();
        let done = self.new_label();
        let end = self.new_label();
        self.bind(head);
        self.jump(Op::ForIter, done);
        self.store(target)?;
        self.push_fblock(FBlock::Loop {
            head,
            exit: end,
            is_for: true,
        });
        self.stmts(body)?;
        self.pop_fblock();
        self.jump(Op::JumpBackward, head);
        self.bind(done);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn while_loop(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt]) -> Result<()> {
        let head = self.new_label();
        let done = self.new_label();
        let end = self.new_label();
        self.bind(head);
        if !is_true_constant(test) {
            self.jump_if(test, false, done)?;
        }
        self.push_fblock(FBlock::Loop {
            head,
            exit: end,
            is_for: false,
        });
        self.stmts(body)?;
        self.pop_fblock();
        self.jump(Op::JumpBackward, head);
        self.bind(done);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn break_continue(&mut self, s: &Stmt, is_break: bool) -> Result<()> {
        let loop_at = self
            .unit_ref()
            .fblocks
            .iter()
            .rposition(|f| matches!(f.block, FBlock::Loop { .. }));
        let Some(i) = loop_at else {
            let msg = if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            };
            return Err(CompileError::syntax_span(s.pos, s.end, msg));
        };
        let FBlock::Loop { head, exit, is_for } = self.unit_ref().fblocks[i].block else {
            return Err(internal("loop block expected"));
        };
        let saved = self.unwind(i + 1, false)?;
        if is_break {
            if is_for {
                self.emit(Op::PopTop, 0);
            }
            self.jump(Op::Jump, exit);
        } else {
            self.jump(Op::JumpBackward, head);
        }
        self.restore(saved);
        Ok(())
    }

    /// Emits the code that leaves every block from `upto` outwards to the innermost
    /// (a `return` unwinds all, `break` and `continue` those inside their loop);
    /// `preserve` keeps the value on top of the stack (a return value) above them.
    /// The blocks and handlers stay truncated for the jump or return that follows;
    /// [`Compiler::restore`] puts them back after it.
    pub fn unwind(&mut self, upto: usize, preserve: bool) -> Result<Saved<'a>> {
        let saved_fblocks = self.unit_ref().fblocks.clone();
        let saved_handlers = self.unit_ref().handlers.clone();
        let line = self.unit_ref().line;
        for i in (upto..saved_fblocks.len()).rev() {
            let entry = saved_fblocks[i].clone();
            self.unit().fblocks.truncate(i);
            self.unit().handlers.truncate(entry.handlers);
            match entry.block {
                FBlock::Loop { is_for, .. } => {
                    if is_for {
                        if preserve {
                            self.emit(Op::Swap, 2);
                        }
                        self.emit(Op::PopTop, 0);
                    }
                }
                FBlock::TryExcept => {}
                FBlock::Finally { body } => {
                    let line = self.unit_ref().line;
                    self.stmts(body)?;
                    self.set_line(line);
                }
                FBlock::FinallyEnd => {
                    if preserve {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::PopTop, 0);
                    if preserve {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::PopExcept, 0);
                }
                FBlock::Handler { name } => {
                    if preserve {
                        self.emit(Op::Swap, 2);
                    }
                    self.emit(Op::PopExcept, 0);
                    if let Some(name) = name {
                        self.clear_name(&name)?;
                    }
                }
                FBlock::With { line } => {
                    self.set_line(line);
                    if preserve {
                        self.emit(Op::Swap, 2);
                    }
                    self.exit_call()?;
                }
            }
        }
        // The jump or return after the unwinding is the statement's.
        self.set_line(line);
        Ok(Saved {
            fblocks: saved_fblocks,
            handlers: saved_handlers,
        })
    }

    /// Puts back the blocks and handlers [`Compiler::unwind`] left.
    pub fn restore(&mut self, saved: Saved<'a>) {
        self.unit().fblocks = saved.fblocks;
        self.unit().handlers = saved.handlers;
    }

    /// `[exit] -> []`: calls `exit(None, None, None)`.
    fn exit_call(&mut self) -> Result<()> {
        for _ in 0..3 {
            self.load_const(Constant::None);
        }
        self.emit(Op::Call, 3);
        self.emit(Op::PopTop, 0);
        Ok(())
    }

    /// `name = None; del name`, the end of an `except ... as name` clause.
    fn clear_name(&mut self, name: &str) -> Result<()> {
        self.load_const(Constant::None);
        self.store_name(name)?;
        self.name_op(name, Access::Delete)
    }

    /// `SWAP 2; POP_EXCEPT; RERAISE`: `[prev, exc]`, re-raise `exc` with the handled
    /// exception back to `prev`.
    fn reraise_restoring(&mut self) {
        self.emit(Op::Swap, 2);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::Reraise, 0);
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
    ) -> Result<()> {
        for (i, h) in handlers.iter().enumerate() {
            if h.type_.is_none() && i + 1 < handlers.len() {
                // The clause spans lines: CPython marks the rest of its first line.
                let next_line = ast::Pos {
                    line: h.pos.line + 1,
                    col: 1,
                };
                return Err(CompileError::syntax_span(
                    h.pos,
                    next_line,
                    "default 'except:' must be last",
                ));
            }
        }
        let h = self.new_label();
        let end = self.new_label();
        let outer_handlers = self.unit_ref().handlers.len();
        let d = self.push_handler(h);
        self.push_fblock_at(FBlock::TryExcept, outer_handlers);
        self.stmts(body)?;
        self.pop_fblock();
        self.pop_handler();
        self.stmts(orelse)?;
        self.jump(Op::Jump, end);

        self.bind_handler(h, d);
        self.emit(Op::PushExcInfo, 0);
        let cleanup = self.new_label();
        self.push_handler_at(cleanup, d + 1);
        for handler in handlers {
            self.set_line(handler.pos.line);
            let next = self.new_label();
            if let Some(t) = &handler.type_ {
                self.expr(t)?;
                self.emit(Op::CheckExcMatch, 0);
                self.jump(Op::PopJumpIfFalse, next);
            }
            match &handler.name {
                Some(name) => {
                    self.store_name(name)?;
                    let named = self.new_label();
                    self.push_handler_at(named, d + 1);
                    self.push_fblock_at(
                        FBlock::Handler {
                            name: Some(name.clone()),
                        },
                        outer_handlers,
                    );
                    self.stmts(&handler.body)?;
                    self.pop_fblock();
                    self.pop_handler();
                    self.pop_handler();
                    self.emit(Op::PopExcept, 0);
                    self.clear_name(name)?;
                    self.jump(Op::Jump, end);
                    self.push_handler_at(cleanup, d + 1);
                    // An exception in the body: delete the name, then the cleanup.
                    self.bind_handler(named, d + 1);
                    self.clear_name(name)?;
                    self.jump(Op::Jump, cleanup);
                }
                None => {
                    self.emit(Op::PopTop, 0);
                    self.push_fblock_at(FBlock::Handler { name: None }, outer_handlers);
                    self.stmts(&handler.body)?;
                    self.pop_fblock();
                    self.pop_handler();
                    self.emit(Op::PopExcept, 0);
                    self.jump(Op::Jump, end);
                    self.push_handler_at(cleanup, d + 1);
                }
            }
            self.bind(next);
        }
        self.pop_handler();
        self.bind_handler(cleanup, d + 1);
        self.reraise_restoring();
        self.bind(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> Result<()> {
        let f = self.new_label();
        let end = self.new_label();
        let outer = self.unit_ref().handlers.len();
        let d = self.push_handler(f);
        self.push_fblock_at(FBlock::Finally { body: finalbody }, outer);
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.stmts(finalbody)?;
        self.jump(Op::Jump, end);

        self.bind_handler(f, d);
        self.emit(Op::PushExcInfo, 0);
        let cleanup = self.new_label();
        self.push_handler_at(cleanup, d + 1);
        self.push_fblock_at(FBlock::FinallyEnd, outer);
        self.stmts(finalbody)?;
        self.pop_fblock();
        self.pop_handler();
        self.bind_handler(cleanup, d + 1);
        self.reraise_restoring();
        self.bind(end);
        Ok(())
    }

    /// A `with` statement at `line`: its `__exit__` calls are on that line, as the
    /// traceback of an exception raised by `__exit__` shows it.
    fn with(&mut self, line: u32, items: &'a [ast::WithItem], body: &'a [Stmt]) -> Result<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(&item.context)?;
        self.emit(Op::BeforeWith, 0);
        let h = self.new_label();
        let end = self.new_label();
        // The handler keeps `exit` (one below the value just pushed).
        let outer = self.unit_ref().handlers.len();
        let depth = (self.unit_ref().depth - 1).max(0) as u32;
        self.push_handler_at(h, depth);
        self.push_fblock_at(FBlock::With { line }, outer);
        match &item.target {
            Some(t) => self.store(t)?,
            None => self.emit(Op::PopTop, 0),
        }
        self.with(line, rest, body)?;
        self.pop_fblock();
        self.pop_handler();
        self.set_line(line);
        self.exit_call()?;
        self.jump(Op::Jump, end);

        self.bind_handler(h, depth);
        self.emit(Op::PushExcInfo, 0);
        let cleanup = self.new_label();
        let suppress = self.new_label();
        self.push_handler_at(cleanup, depth + 1);
        self.emit(Op::WithExceptStart, 0);
        self.jump(Op::PopJumpIfTrue, suppress);
        self.emit(Op::Reraise, 0);
        self.pop_handler();
        self.bind_handler(cleanup, depth + 1);
        self.reraise_restoring();
        self.bind(suppress);
        self.emit(Op::PopTop, 0);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::PopTop, 0);
        self.bind(end);
        Ok(())
    }
}

/// The blocks and handlers in force before an unwinding.
pub struct Saved<'a> {
    fblocks: Vec<super::FEntry<'a>>,
    handlers: Vec<(super::Label, u32)>,
}

/// Whether `e` is a constant that is always true (`while True:`, `while 1:`).
fn is_true_constant(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Constant(c) => match c {
            ast::Constant::Bool(b) => *b,
            ast::Constant::Int(i) => *i != 0,
            ast::Constant::BigInt(_) => true,
            ast::Constant::Float(f) => *f != 0.0,
            ast::Constant::Str(s) => !s.is_empty(),
            ast::Constant::Bytes(b) => !b.is_empty(),
            ast::Constant::Ellipsis => true,
            ast::Constant::None => false,
        },
        _ => false,
    }
}
