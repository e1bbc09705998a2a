//! The compiler: our AST to a tree of [`CodeObject`]s.
//!
//! Steps of [`compile`]:
//! 1. the symbol table pass (`symtable`): every name of every scope resolved to a fast
//!    local, a cell, a free variable, a global or a class-body name;
//! 2. code generation (`stmt`, `expr`), one [`Unit`] per scope, nested scopes compiled
//!    depth first and stored as constants of their parent;
//! 3. assembly of each unit (`Unit::finish`): jump labels resolved to instruction
//!    indices, the exception table built from the handler each instruction was emitted
//!    under, the line table compressed.
//!
//! Exceptions use a table, not a block stack (CPython 3.11's choice): a `try` costs no
//! instruction on the path that does not raise, so a trace through a `try` body records
//! nothing for it, and the core keeps no block stack the JIT would have to virtualize;
//! finding a handler is a lookup in an immutable table, done only when something is
//! raised. `return`, `break` and `continue` out of a `try ... finally` or a `with` run
//! a copy of the `finally` body (or the `__exit__` call) inline, unwinding the
//! compile-time block stack (`FBlock`).
//!
//! Every backward edge is a `JUMP_BACKWARD` (comprehension filters jump forward to the
//! loop's end first), so the core counts loop iterations for the JIT in one op.

mod code;
mod dis;
mod expr;
mod opcodes;
mod stmt;
mod symtable;
mod verify;

pub use code::{CodeFlags, CodeObject, Constant, Handler, LineEntry};
pub use dis::disassemble;
pub use opcodes::{
    ArgKind, BinaryOp, Flow, Instr, Op, COMPARE_NAMES, FORMAT_HAS_SPEC, MAKE_CLOSURE,
    MAKE_DEFAULTS, MAKE_KWDEFAULTS,
};
pub use verify::verify;

use crate::error::CompileError;
use crate::front::ast::{self, Pos};
use symtable::{Binding, ScopeId, ScopeKind, SymbolTable};

type Result<T> = std::result::Result<T, CompileError>;

/// Compiles a module's AST; `filename` is recorded in every code object.
pub fn compile(module: &ast::Module, filename: &str) -> Result<CodeObject> {
    let future = future_imports(module)?;
    let table = symtable::build(module)?;
    let mut c = Compiler {
        table: &table,
        filename: filename.to_string(),
        units: Vec::new(),
        future,
    };
    c.enter(0, "<module>".to_string(), "<module>".to_string(), 1);
    let body = c.docstring_split(&module.body);
    if let Some(doc) = body.0 {
        c.load_const(Constant::Str(doc));
        c.store_name("__doc__")?;
    }
    c.stmts(body.1)?;
    c.load_const(Constant::None);
    c.emit(Op::ReturnValue, 0);
    c.leave()
}

/// The stack the front end and the compiler run on: both recurse over the tree, up to
/// `front::MAX_NESTING` levels (the memory is reserved, and only touched as deep as a
/// program nests).
const COMPILE_STACK: usize = 512 << 20;

/// Parses and compiles `source`; the front end and the compiler in one call, on a
/// thread of its own with a stack deep enough for any tree the front end accepts.
pub fn compile_source(source: &str, filename: &str) -> Result<CodeObject> {
    let run = || {
        let module = crate::front::parse(source)?;
        compile(&module, filename)
    };
    std::thread::scope(|scope| {
        match std::thread::Builder::new()
            .name("python-c compiler".to_string())
            .stack_size(COMPILE_STACK)
            .spawn_scoped(scope, run)
        {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|_| Err(internal("the compiler thread panicked"))),
            // No thread (a resource limit): compile on this one.
            Err(_) => run(),
        }
    })
}

/// A jump target, resolved when its unit is assembled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label(u32);

/// A compile-time block that `return`, `break` and `continue` unwind through.
#[derive(Clone)]
pub(crate) enum FBlock<'a> {
    /// A loop; a `for` loop keeps its iterator on the stack.
    Loop {
        head: Label,
        exit: Label,
        is_for: bool,
    },
    /// The body of a `try` with handlers (nothing to undo but the handler).
    TryExcept,
    /// The body of a `try` with a `finally`: leaving runs a copy of the final body.
    Finally { body: &'a [ast::Stmt] },
    /// The final body run for an exception: `[previous, exc]` on the stack.
    FinallyEnd,
    /// The body of an `except` clause: `[previous]` on the stack, and the name bound
    /// by `as` to delete.
    Handler { name: Option<String> },
    /// The body of a `with` at `line`: `[exit]` on the stack.
    With { line: u32 },
}

/// An [`FBlock`] and the length of the handler stack outside it.
#[derive(Clone)]
pub(crate) struct FEntry<'a> {
    pub block: FBlock<'a>,
    pub handlers: usize,
}

/// The code object being built for one scope.
pub(crate) struct Unit<'a> {
    pub scope: ScopeId,
    pub name: String,
    pub qualname: String,
    pub first_line: u32,
    pub docstring: Option<String>,
    pub code: Vec<Instr>,
    /// The line of each instruction.
    pub lines: Vec<u32>,
    /// The handler (label, stack depth) each instruction was emitted under.
    pub covers: Vec<Option<(Label, u32)>>,
    pub consts: Vec<Constant>,
    pub names: Vec<String>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    /// Instruction index of each label once bound.
    pub labels: Vec<Option<u32>>,
    /// Stack depth at each label, from the jumps to it.
    pub label_depth: Vec<Option<i32>>,
    /// Whether an instruction is covered by each label as a handler.
    pub label_covers: Vec<bool>,
    pub depth: i32,
    pub max_depth: i32,
    /// False after an unconditional jump, a return or a raise, until a label that is
    /// jumped to: code emitted meanwhile is dead and dropped.
    pub reachable: bool,
    pub handlers: Vec<(Label, u32)>,
    pub fblocks: Vec<FEntry<'a>>,
    pub line: u32,
    /// The class whose name private names (`__x`) are mangled with.
    pub private: Option<String>,
    /// The constant index of the code of each nested scope compiled so far.
    pub code_consts: std::collections::HashMap<ScopeId, u32>,
}

/// The compiler's state: the symbol table and the units being built, innermost last.
pub(crate) struct Compiler<'a> {
    pub table: &'a SymbolTable,
    pub filename: String,
    pub units: Vec<Unit<'a>>,
    /// Where the module's valid `from __future__ import` statements are.
    pub future: Vec<Pos>,
}

/// The features `from __future__ import` accepts (CPython 3.11's list). All are the
/// behaviour of Python 3 already, or (`annotations`) of python-c, which does not
/// evaluate annotations; `barry_as_FLUFL` is refused as unsupported.
const FUTURE_FEATURES: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "generator_stop",
    "annotations",
];

/// Checks the module's `from __future__ import` statements as CPython does (at the
/// beginning of the file, after the docstring; known features) and returns where they
/// are. They compile to nothing: the features are in force anyway.
fn future_imports(module: &ast::Module) -> Result<Vec<Pos>> {
    let mut found = Vec::new();
    for (i, s) in module.body.iter().enumerate() {
        match &s.kind {
            ast::StmtKind::Expr(ast::Expr {
                kind: ast::ExprKind::Constant(ast::Constant::Str(_)),
                ..
            }) if i == 0 => {}
            ast::StmtKind::ImportFrom { module, names } if module == "__future__" => {
                for a in names {
                    match a.name.as_str() {
                        "braces" => return Err(CompileError::syntax(s.pos, "not a chance")),
                        "barry_as_FLUFL" => {
                            return Err(CompileError::unsupported(a.pos, "`barry_as_FLUFL`"))
                        }
                        n if FUTURE_FEATURES.contains(&n) => {}
                        n => {
                            return Err(CompileError::syntax(
                                s.pos,
                                format!("future feature {n} is not defined"),
                            ))
                        }
                    }
                }
                found.push(s.pos);
            }
            _ => break,
        }
    }
    Ok(found)
}

impl<'a> Compiler<'a> {
    pub fn unit(&mut self) -> &mut Unit<'a> {
        let n = self.units.len() - 1;
        &mut self.units[n]
    }

    pub fn unit_ref(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    pub fn scope(&self) -> &'a symtable::Scope {
        &self.table.scopes[self.unit_ref().scope]
    }

    /// Starts the unit of scope `scope`; its fast locals, cells and free variables
    /// come from the symbol table.
    pub fn enter(&mut self, scope: ScopeId, name: String, qualname: String, first_line: u32) {
        let s = &self.table.scopes[scope];
        let private = if s.kind == ScopeKind::Class {
            Some(name.clone())
        } else {
            self.units.last().and_then(|u| u.private.clone())
        };
        let mut varnames: Vec<String> = s.params.clone();
        let mut cellvars: Vec<String> = Vec::new();
        let mut freevars: Vec<String> = Vec::new();
        if s.kind.is_function_like() {
            for n in s.names_with(Binding::Local) {
                if !varnames.iter().any(|v| v == n) {
                    varnames.push(n.to_string());
                }
            }
            cellvars.extend(s.names_with(Binding::Cell).map(str::to_string));
        }
        if s.class_cell {
            cellvars.push("__class__".to_string());
        }
        freevars.extend(s.names_with(Binding::Free).map(str::to_string));
        for n in &s.passthrough {
            if !freevars.contains(n) {
                freevars.push(n.clone());
            }
        }
        self.units.push(Unit {
            scope,
            name,
            qualname,
            first_line,
            docstring: None,
            code: Vec::new(),
            lines: Vec::new(),
            covers: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            varnames,
            cellvars,
            freevars,
            labels: Vec::new(),
            label_depth: Vec::new(),
            label_covers: Vec::new(),
            depth: 0,
            max_depth: 0,
            reachable: true,
            handlers: Vec::new(),
            fblocks: Vec::new(),
            line: first_line,
            private,
            code_consts: std::collections::HashMap::new(),
        });
        // An argument that inner functions capture lives in a cell: copy it there.
        let cell_params: Vec<String> = s
            .params
            .iter()
            .filter(|p| s.binding(p) == Binding::Cell)
            .cloned()
            .collect();
        for p in cell_params {
            let local = self.unit().varnames.iter().position(|v| *v == p);
            let cell = self.unit().cellvars.iter().position(|v| *v == p);
            if let (Some(local), Some(cell)) = (local, cell) {
                self.emit(Op::LoadFast, local as u32);
                self.emit(Op::StoreDeref, cell as u32);
            }
        }
    }

    /// Finishes the innermost unit and returns its code object.
    pub fn leave(&mut self) -> Result<CodeObject> {
        let unit = self
            .units
            .pop()
            .ok_or_else(|| internal("no unit to finish"))?;
        let scope = &self.table.scopes[unit.scope];
        unit.finish(scope, &self.filename)
    }

    pub fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        u.label_depth.push(None);
        u.label_covers.push(false);
        Label(u.labels.len() as u32 - 1)
    }

    /// Binds `label` to the next instruction.
    pub fn bind(&mut self, label: Label) {
        let u = self.unit();
        u.labels[label.0 as usize] = Some(u.code.len() as u32);
        match u.label_depth[label.0 as usize] {
            Some(d) => {
                u.depth = d;
                u.reachable = true;
            }
            None if u.reachable => u.label_depth[label.0 as usize] = Some(u.depth),
            None => {}
        }
    }

    /// Binds the handler `label` of a range protected at stack depth `depth`: the
    /// exception is pushed on top of that. The code after it is live if an
    /// instruction is covered by the handler, jumps to it, or falls into it.
    pub fn bind_handler(&mut self, label: Label, depth: u32) {
        let u = self.unit();
        let l = label.0 as usize;
        u.labels[l] = Some(u.code.len() as u32);
        if u.label_covers[l] || u.label_depth[l].is_some() || u.reachable {
            u.depth = depth as i32 + 1;
            u.max_depth = u.max_depth.max(u.depth);
            u.reachable = true;
        }
    }

    /// Emits an instruction (nothing in dead code).
    pub fn emit(&mut self, op: Op, arg: u32) {
        let u = self.unit();
        if !u.reachable {
            return;
        }
        let cover = u.handlers.last().copied();
        if let Some((l, _)) = cover {
            u.label_covers[l.0 as usize] = true;
        }
        u.code.push(Instr { op, arg });
        u.lines.push(u.line);
        u.covers.push(cover);
        u.depth += op.stack_effect(arg, false);
        u.max_depth = u.max_depth.max(u.depth);
        if matches!(op.flow(), Flow::Goto | Flow::Stop) {
            u.reachable = false;
        }
    }

    /// Emits a jump to `label`.
    pub fn jump(&mut self, op: Op, label: Label) {
        let u = self.unit();
        if !u.reachable {
            return;
        }
        let at_jump = u.depth + op.stack_effect(0, true);
        let slot = &mut u.label_depth[label.0 as usize];
        if slot.is_none() {
            *slot = Some(at_jump);
        }
        u.max_depth = u.max_depth.max(at_jump);
        self.emit(op, label.0);
    }

    /// Protects the instructions emitted next with handler `label`, at the current
    /// stack depth; returns that depth.
    pub fn push_handler(&mut self, label: Label) -> u32 {
        let depth = self.unit_ref().depth.max(0) as u32;
        self.push_handler_at(label, depth);
        depth
    }

    /// Protects the instructions emitted next with handler `label`, which unwinds the
    /// stack to `depth` entries.
    pub fn push_handler_at(&mut self, label: Label, depth: u32) {
        self.unit().handlers.push((label, depth));
    }

    pub fn pop_handler(&mut self) {
        self.unit().handlers.pop();
    }

    pub fn push_fblock(&mut self, block: FBlock<'a>) {
        let handlers = self.unit_ref().handlers.len();
        self.unit().fblocks.push(FEntry { block, handlers });
    }

    /// Pushes a block whose unwinding runs outside the first `handlers` handlers.
    pub fn push_fblock_at(&mut self, block: FBlock<'a>, handlers: usize) {
        self.unit().fblocks.push(FEntry { block, handlers });
    }

    pub fn pop_fblock(&mut self) {
        self.unit().fblocks.pop();
    }

    /// Sets the line of the instructions emitted next; returns the previous one.
    pub fn set_line(&mut self, line: u32) -> u32 {
        std::mem::replace(&mut self.unit().line, line)
    }

    /// The index of a constant, added if no equal constant is there yet.
    pub fn const_index(&mut self, c: Constant) -> u32 {
        let u = self.unit();
        if let Some(i) = u.consts.iter().position(|k| k.same(&c)) {
            return i as u32;
        }
        u.consts.push(c);
        u.consts.len() as u32 - 1
    }

    pub fn load_const(&mut self, c: Constant) {
        if !self.unit_ref().reachable {
            return;
        }
        let i = self.const_index(c);
        self.emit(Op::LoadConst, i);
    }

    /// The index of a name in the names table.
    pub fn name_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        match u.names.iter().position(|n| n == name) {
            Some(i) => i as u32,
            None => {
                u.names.push(name.to_string());
                u.names.len() as u32 - 1
            }
        }
    }

    /// The `Deref` index of a cell or free variable of the current unit.
    pub fn deref_index(&self, name: &str) -> Result<u32> {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.iter().position(|n| n == name) {
            return Ok(i as u32);
        }
        match u.freevars.iter().position(|n| n == name) {
            Some(i) => Ok((u.cellvars.len() + i) as u32),
            None => Err(internal(&format!("`{name}` is neither a cell nor free"))),
        }
    }

    fn local_index(&self, name: &str) -> Result<u32> {
        self.unit_ref()
            .varnames
            .iter()
            .position(|n| n == name)
            .map(|i| i as u32)
            .ok_or_else(|| internal(&format!("`{name}` is not a fast local")))
    }

    /// Emits the load, store or delete of `name` for its binding in the current scope.
    pub fn name_op(&mut self, name: &str, access: Access) -> Result<()> {
        let name = &self.mangled(name);
        let scope = self.scope();
        let binding = scope.binding(name);
        let (op, arg) = match (scope.kind, binding) {
            (ScopeKind::Module, _) | (_, Binding::GlobalExplicit) => {
                let op = access.pick(Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal);
                (op, self.name_index(name))
            }
            // A free variable of a class body (read there, or declared `nonlocal`):
            // a read looks in the class namespace first; writes go to the cell.
            (ScopeKind::Class, Binding::Free) => {
                let op = access.pick(Op::LoadClassDeref, Op::StoreDeref, Op::DeleteDeref);
                (op, self.deref_index(name)?)
            }
            (ScopeKind::Class, _) => {
                let op = access.pick(Op::LoadName, Op::StoreName, Op::DeleteName);
                (op, self.name_index(name))
            }
            (_, Binding::Local) => {
                let op = access.pick(Op::LoadFast, Op::StoreFast, Op::DeleteFast);
                (op, self.local_index(name)?)
            }
            (_, Binding::Cell | Binding::Free) => {
                let op = access.pick(Op::LoadDeref, Op::StoreDeref, Op::DeleteDeref);
                (op, self.deref_index(name)?)
            }
            (_, Binding::GlobalImplicit) => {
                let op = access.pick(Op::LoadGlobal, Op::StoreGlobal, Op::DeleteGlobal);
                (op, self.name_index(name))
            }
        };
        self.emit(op, arg);
        Ok(())
    }

    /// `name` mangled for the current unit (`__x` in class `C` is `_C__x`).
    pub fn mangled(&self, name: &str) -> String {
        symtable::mangle(self.unit_ref().private.as_deref(), name)
    }

    /// The names-table index of an attribute name, mangled.
    pub fn attr_index(&mut self, attr: &str) -> u32 {
        let attr = self.mangled(attr);
        self.name_index(&attr)
    }

    pub fn load_name(&mut self, name: &str) -> Result<()> {
        self.name_op(name, Access::Load)
    }

    pub fn store_name(&mut self, name: &str) -> Result<()> {
        self.name_op(name, Access::Store)
    }

    /// A statement list's docstring (a leading string constant) and the rest.
    pub fn docstring_split<'b>(&self, body: &'b [ast::Stmt]) -> (Option<String>, &'b [ast::Stmt]) {
        if let Some(first) = body.first() {
            if let ast::StmtKind::Expr(ast::Expr {
                kind: ast::ExprKind::Constant(ast::Constant::Str(s)),
                ..
            }) = &first.kind
            {
                return (Some(s.clone()), &body[1..]);
            }
        }
        (None, body)
    }

    /// The qualified name of a scope named `name` defined in the current unit.
    pub fn qualname_of(&self, name: &str) -> String {
        let u = self.unit_ref();
        // As CPython: only a function's (or lambda's) children get `<locals>`, and a
        // function declared `global` where it is defined is named as a global.
        if self.scope().binding(&self.mangled(name)) == Binding::GlobalExplicit {
            return name.to_string();
        }
        match self.scope().kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class | ScopeKind::Comprehension => format!("{}.{name}", u.qualname),
            ScopeKind::Function | ScopeKind::Lambda => format!("{}.<locals>.{name}", u.qualname),
        }
    }

    /// The scope opened at `pos` by a node of `kind`.
    pub fn scope_at(&self, pos: Pos, kind: ScopeKind) -> Result<ScopeId> {
        self.table.scope_at(pos, kind).ok_or_else(|| {
            CompileError::syntax(pos, "internal error: a scope the symbol table did not see")
        })
    }

    /// Emits the creation of a function from `code` (already compiled), with `flags`
    /// saying which of defaults and keyword defaults are already on the stack; the
    /// closure tuple is added here when the code has free variables.
    ///
    /// A scope compiled again (a `finally` body is compiled once per way out of its
    /// `try`) reuses the constant of its first compilation, as CPython does.
    pub fn make_function(
        &mut self,
        code: CodeObject,
        mut flags: u32,
        scope: ScopeId,
    ) -> Result<()> {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let i = self.deref_index(name)?;
                self.emit(Op::LoadClosure, i);
            }
            self.emit(Op::BuildTuple, code.freevars.len() as u32);
            flags |= MAKE_CLOSURE;
        }
        if self.unit_ref().reachable {
            let i = match self.unit_ref().code_consts.get(&scope) {
                Some(&i) => i,
                None => {
                    let i = self.const_index(Constant::Code(Box::new(code)));
                    self.unit().code_consts.insert(scope, i);
                    i
                }
            };
            self.emit(Op::LoadConst, i);
        }
        self.emit(Op::MakeFunction, flags);
        Ok(())
    }
}

/// Whether a name is read, written or deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    Load,
    Store,
    Delete,
}

impl Access {
    fn pick(self, load: Op, store: Op, delete: Op) -> Op {
        match self {
            Access::Load => load,
            Access::Store => store,
            Access::Delete => delete,
        }
    }
}

/// An error that is a bug of the compiler, not of the program.
pub(crate) fn internal(what: &str) -> CompileError {
    CompileError::syntax(Pos::default(), format!("internal compiler error: {what}"))
}

impl Unit<'_> {
    /// Assembles the unit: labels to indices, the exception and line tables.
    fn finish(self, scope: &symtable::Scope, filename: &str) -> Result<CodeObject> {
        let mut code = self.code;
        for ins in code.iter_mut() {
            if ins.op.arg_kind() == ArgKind::Jump {
                ins.arg = self.labels[ins.arg as usize]
                    .ok_or_else(|| internal("a jump to a label never bound"))?;
            }
        }
        let mut exception_table: Vec<Handler> = Vec::new();
        for (pc, cover) in self.covers.iter().enumerate() {
            let Some((label, depth)) = cover else {
                continue;
            };
            let handler = self.labels[label.0 as usize]
                .ok_or_else(|| internal("a handler label never bound"))?;
            let pc = pc as u32;
            match exception_table.last_mut() {
                Some(h) if h.end == pc && h.handler == handler && h.depth == *depth => {
                    h.end = pc + 1
                }
                _ => exception_table.push(Handler {
                    start: pc,
                    end: pc + 1,
                    handler,
                    depth: *depth,
                }),
            }
        }
        let mut lines: Vec<LineEntry> = Vec::new();
        for (pc, &line) in self.lines.iter().enumerate() {
            if lines.last().is_none_or(|e| e.line != line) {
                lines.push(LineEntry {
                    start: pc as u32,
                    line,
                });
            }
        }
        let (argcount, posonly, kwonly, varargs, varkeywords) = match &scope.kind {
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension => {
                let sig = scope_signature(scope);
                (sig.0, sig.1, sig.2, sig.3, sig.4)
            }
            _ => (0, 0, 0, false, false),
        };
        Ok(CodeObject {
            name: self.name,
            qualname: self.qualname,
            filename: filename.to_string(),
            first_line: self.first_line,
            docstring: self.docstring,
            flags: CodeFlags {
                generator: scope.generator,
                varargs,
                varkeywords,
                module: scope.kind == ScopeKind::Module,
                class_body: scope.kind == ScopeKind::Class,
            },
            argcount,
            posonlyargcount: posonly,
            kwonlyargcount: kwonly,
            code,
            consts: self.consts,
            names: self.names,
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            stacksize: self.max_depth.max(0) as u32,
            exception_table,
            lines,
        })
    }
}

/// The argument counts of a function scope, from the signature the symbol table
/// recorded: (positional, positional-only, keyword-only, `*args`, `**kwargs`).
fn scope_signature(scope: &symtable::Scope) -> (u32, u32, u32, bool, bool) {
    let s = &scope.signature;
    (s.posonly + s.args, s.posonly, s.kwonly, s.vararg, s.kwarg)
}
