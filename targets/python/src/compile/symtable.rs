//! The symbol table pass: which scope every name of every scope lives in.
//!
//! Two steps, as in CPython's `symtable.c` and PyPy's `astcompiler/symtable.py`:
//! 1. [`build`] walks the AST once and records, per scope (module, class body,
//!    function, lambda, comprehension), how each name is used: assigned (any binding:
//!    `=`, `for`, `import`, `def`, `del`, `except ... as`), a parameter, read,
//!    declared `global` or `nonlocal`;
//! 2. `analyze` resolves each name top down: a `global` name is global; a `nonlocal`
//!    one is free and must be bound in an enclosing function; a bound name is local;
//!    a name bound in an enclosing function (class bodies do not count) is free; any
//!    other name is global-or-builtin. Bottom up, a local that an inner scope reads as
//!    free becomes a cell, and scopes in between pass it along as free.
//!
//! Special cases: a class body binds the implicit cell `__class__` for the functions
//! inside it, and a function that reads `super` reads `__class__` too (zero-argument
//! `super()`); an assignment expression (`:=`) in a comprehension binds in the nearest
//! enclosing function or module, not in the comprehension.
//!
//! Scopes are found again by the compiler through the position and kind of the node
//! that opens them ([`SymbolTable::scope_at`]).

use crate::error::CompileError;
use crate::front::ast::{self, Expr, ExprKind, Pos, Stmt, StmtKind};
use std::collections::{HashMap, HashSet};

/// The index of a scope in [`SymbolTable::scopes`].
pub type ScopeId = usize;

/// What opens a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// Whether the scope's locals are fast locals (a function's frame).
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// Where a name of a scope lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binding {
    /// A local of the scope: a fast local in a function, a namespace entry in a class
    /// body, a global at module level.
    Local,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere visible: a global, else a builtin.
    GlobalImplicit,
    /// A variable of an enclosing function, reached through a cell.
    Free,
    /// A local that inner functions capture: kept in a cell.
    Cell,
}

const ASSIGNED: u8 = 1;
const PARAM: u8 = 2;
const USED: u8 = 4;
const GLOBAL: u8 = 8;
const NONLOCAL: u8 = 16;

/// One name of a scope.
#[derive(Clone, Copy, Debug)]
pub struct Symbol {
    flags: u8,
    pub binding: Binding,
}

/// One scope and its names in order of first appearance.
#[derive(Clone, Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub pos: Pos,
    names: Vec<(String, Symbol)>,
    index: HashMap<String, usize>,
    pub children: Vec<ScopeId>,
    /// Parameter names in frame order.
    pub params: Vec<String>,
    /// The parameter counts of a function scope.
    pub signature: Signature,
    /// The body has `yield` (or the scope is a generator expression).
    pub generator: bool,
    /// A class body whose functions read `__class__`: it creates that cell.
    pub class_cell: bool,
    /// Names a class body binds itself but passes on as free to inner scopes.
    pub passthrough: Vec<String>,
    /// Where each `nonlocal` name was declared (for the error when nothing binds it).
    nonlocal_pos: HashMap<String, (Pos, Pos)>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, pos: Pos) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            pos,
            names: Vec::new(),
            index: HashMap::new(),
            children: Vec::new(),
            params: Vec::new(),
            signature: Signature::default(),
            generator: false,
            class_cell: false,
            passthrough: Vec::new(),
            nonlocal_pos: HashMap::new(),
        }
    }

    fn flags(&self, name: &str) -> u8 {
        self.index.get(name).map_or(0, |&i| self.names[i].1.flags)
    }

    fn add(&mut self, name: &str, flags: u8) {
        match self.index.get(name) {
            Some(&i) => self.names[i].1.flags |= flags,
            None => {
                self.index.insert(name.to_string(), self.names.len());
                self.names.push((
                    name.to_string(),
                    Symbol {
                        flags,
                        binding: Binding::GlobalImplicit,
                    },
                ));
            }
        }
    }

    /// The binding of `name` (global-or-builtin for a name the scope never mentions).
    pub fn binding(&self, name: &str) -> Binding {
        self.index
            .get(name)
            .map_or(Binding::GlobalImplicit, |&i| self.names[i].1.binding)
    }

    /// Names with `binding`, in order of first appearance.
    pub fn names_with(&self, binding: Binding) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .filter(move |(_, s)| s.binding == binding)
            .map(|(n, _)| n.as_str())
    }
}

/// How many parameters of each kind a function scope takes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Signature {
    pub posonly: u32,
    pub args: u32,
    pub kwonly: u32,
    pub vararg: bool,
    pub kwarg: bool,
}

/// The scopes of one module; scope 0 is the module.
#[derive(Clone, Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_node: HashMap<(Pos, ScopeKind), ScopeId>,
}

impl SymbolTable {
    /// The scope opened by the node of `kind` at `pos`.
    pub fn scope_at(&self, pos: Pos, kind: ScopeKind) -> Option<ScopeId> {
        self.by_node.get(&(pos, kind)).copied()
    }
}

/// CPython's private name mangling: inside class `Cls` (and the functions in it), a
/// name `__x` that does not end in `__` and has no dot is `_Cls__x` (leading
/// underscores of the class name dropped; a class named only `_` mangles nothing).
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let class = class.trim_start_matches('_');
    if class.is_empty() {
        return name.to_string();
    }
    format!("_{class}{name}")
}

/// Builds and analyses the symbol table of a module.
pub fn build(module: &ast::Module) -> Result<SymbolTable> {
    let mut b = Builder {
        scopes: vec![Scope::new(
            ScopeKind::Module,
            "<module>",
            Pos { line: 1, col: 1 },
        )],
        by_node: HashMap::new(),
        stack: vec![0],
        private: vec![None],
    };
    b.stmts(&module.body)?;
    let mut table = SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    };
    analyze(&mut table, 0, &HashSet::new())?;
    Ok(table)
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<(Pos, ScopeKind), ScopeId>,
    /// The scopes being built, innermost last.
    stack: Vec<ScopeId>,
    /// The class name private names are mangled with, per scope of `stack`.
    private: Vec<Option<String>>,
}

type Result<T> = std::result::Result<T, CompileError>;

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[id]
    }

    fn push(&mut self, kind: ScopeKind, name: &str, pos: Pos) -> Result<()> {
        let id = self.scopes.len();
        if self.by_node.insert((pos, kind), id).is_some() {
            return Err(CompileError::syntax(
                pos,
                "internal error: two scopes open at one position",
            ));
        }
        self.scopes.push(Scope::new(kind, name, pos));
        self.cur().children.push(id);
        self.stack.push(id);
        let private = if kind == ScopeKind::Class {
            Some(name.to_string())
        } else {
            self.private.last().cloned().flatten()
        };
        self.private.push(private);
        Ok(())
    }

    fn pop(&mut self) {
        self.stack.pop();
        self.private.pop();
    }

    /// `name` mangled for the current scope.
    fn mangled(&self, name: &str) -> String {
        mangle(self.private.last().and_then(|p| p.as_deref()), name)
    }

    /// Records a use of `name` with `flags` in the current scope, checking the
    /// order rules of `global` and `nonlocal`.
    fn mark(&mut self, name: &str, flags: u8, pos: Pos) -> Result<()> {
        let name = &self.mangled(name);
        let old = self.cur().flags(name);
        if old & (GLOBAL | NONLOCAL) != 0 && flags & PARAM != 0 {
            let which = if old & GLOBAL != 0 {
                "global"
            } else {
                "nonlocal"
            };
            return Err(CompileError::syntax(
                pos,
                format!("name '{name}' is parameter and {which}"),
            ));
        }
        self.cur().add(name, flags);
        Ok(())
    }

    fn declare(&mut self, name: &str, global: bool, pos: Pos, end: Pos) -> Result<()> {
        let name = &self.mangled(name);
        let which = if global { "global" } else { "nonlocal" };
        let kind = self.cur().kind;
        if kind == ScopeKind::Class && global {
            return Err(CompileError::unsupported(pos, "`global` in a class body"));
        }
        if kind == ScopeKind::Module && !global {
            return Err(CompileError::syntax_span(
                pos,
                end,
                "nonlocal declaration not allowed at module level",
            ));
        }
        let old = self.cur().flags(name);
        if old & PARAM != 0 {
            return Err(CompileError::syntax_span(
                pos,
                end,
                format!("name '{name}' is parameter and {which}"),
            ));
        }
        if old & (if global { NONLOCAL } else { GLOBAL }) != 0 {
            return Err(CompileError::syntax_span(
                pos,
                end,
                format!("name '{name}' is nonlocal and global"),
            ));
        }
        if old & ASSIGNED != 0 {
            return Err(CompileError::syntax_span(
                pos,
                end,
                format!("name '{name}' is assigned to before {which} declaration"),
            ));
        }
        if old & USED != 0 {
            return Err(CompileError::syntax_span(
                pos,
                end,
                format!("name '{name}' is used prior to {which} declaration"),
            ));
        }
        self.cur().add(name, if global { GLOBAL } else { NONLOCAL });
        if !global {
            self.cur().nonlocal_pos.insert(name.to_string(), (pos, end));
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<()> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> Result<()> {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.exprs(&f.decorators)?;
                self.defaults(&f.params)?;
                self.push(ScopeKind::Function, &f.name, s.pos)?;
                self.params(&f.params)?;
                self.stmts(&f.body)?;
                self.pop();
                self.mark(&f.name, ASSIGNED, s.pos)
            }
            StmtKind::ClassDef(c) => {
                self.exprs(&c.decorators)?;
                self.exprs(&c.bases)?;
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                self.push(ScopeKind::Class, &c.name, s.pos)?;
                self.stmts(&c.body)?;
                self.pop();
                self.mark(&c.name, ASSIGNED, s.pos)
            }
            StmtKind::Return(v) => self.opt_expr(v.as_ref()),
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.target(t)),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                targets.iter().try_for_each(|t| self.target(t))
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.mark(n, USED, target.pos)?;
                }
                self.target(target)
            }
            StmtKind::AnnAssign { target, value } => {
                self.opt_expr(value.as_ref())?;
                self.target(target)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::Raise { exc, cause } => {
                self.opt_expr(exc.as_ref())?;
                self.opt_expr(cause.as_ref())
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body)?;
                for h in handlers {
                    self.opt_expr(h.type_.as_ref())?;
                    if let Some(n) = &h.name {
                        self.mark(n, ASSIGNED, h.pos)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                self.opt_expr(msg.as_ref())
            }
            StmtKind::Import(names) => {
                for a in names {
                    let bound = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(&a.name),
                    };
                    self.mark(bound, ASSIGNED, a.pos)?;
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return Err(CompileError::syntax(
                                a.pos,
                                "import * only allowed at module level",
                            ));
                        }
                        continue;
                    }
                    self.mark(a.asname.as_ref().unwrap_or(&a.name), ASSIGNED, a.pos)?;
                }
                Ok(())
            }
            StmtKind::Global(names) => names
                .iter()
                .try_for_each(|n| self.declare(n, true, s.pos, s.end)),
            StmtKind::Nonlocal(names) => names
                .iter()
                .try_for_each(|n| self.declare(n, false, s.pos, s.end)),
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
        }
    }

    fn defaults(&mut self, p: &ast::Parameters) -> Result<()> {
        for param in p.posonly.iter().chain(&p.args).chain(&p.kwonly) {
            self.opt_expr(param.default.as_ref())?;
        }
        Ok(())
    }

    fn params(&mut self, p: &ast::Parameters) -> Result<()> {
        self.cur().signature = Signature {
            posonly: p.posonly.len() as u32,
            args: p.args.len() as u32,
            kwonly: p.kwonly.len() as u32,
            vararg: p.vararg.is_some(),
            kwarg: p.kwarg.is_some(),
        };
        for param in p.names_in_frame_order() {
            let name = self.mangled(&param.name);
            if self.cur().flags(&name) & PARAM != 0 {
                return Err(CompileError::syntax(
                    param.pos,
                    format!("duplicate argument '{}' in function definition", param.name),
                ));
            }
            self.mark(&param.name, PARAM | ASSIGNED, param.pos)?;
            self.cur().params.push(name);
        }
        Ok(())
    }

    /// A binding target (`=`, `for`, `with ... as`, `del`).
    fn target(&mut self, t: &Expr) -> Result<()> {
        match &t.kind {
            ExprKind::Name(n) => self.mark(n, ASSIGNED, t.pos),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.target(i))
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn exprs(&mut self, list: &[Expr]) -> Result<()> {
        list.iter().try_for_each(|e| self.expr(e))
    }

    fn opt_expr(&mut self, e: Option<&Expr>) -> Result<()> {
        e.map_or(Ok(()), |e| self.expr(e))
    }

    fn expr(&mut self, e: &Expr) -> Result<()> {
        match &e.kind {
            ExprKind::BoolOp { values, .. } => self.exprs(values),
            ExprKind::Named { target, value } => {
                self.expr(value)?;
                self.walrus_target(target, e.pos)
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::Lambda { params, body } => {
                self.defaults(params)?;
                self.push(ScopeKind::Lambda, "<lambda>", e.pos)?;
                self.params(params)?;
                self.expr(body)?;
                self.pop();
                Ok(())
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    self.opt_expr(k.as_ref())?;
                    self.expr(v)?;
                }
                Ok(())
            }
            ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
                self.exprs(items)
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension("<listcomp>", e.pos, generators, &[elt], false)
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension("<setcomp>", e.pos, generators, &[elt], false)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension("<dictcomp>", e.pos, generators, &[key, value], false),
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension("<genexpr>", e.pos, generators, &[elt], true)
            }
            ExprKind::Yield(v) => {
                self.yield_here(e.pos, e.end)?;
                if let Some(v) = v {
                    self.expr(v)?;
                }
                Ok(())
            }
            ExprKind::YieldFrom(v) => {
                self.yield_here(e.pos, e.end)?;
                self.expr(v)
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::FString(parts) => self.fparts(parts),
            ExprKind::Constant(_) => Ok(()),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::Name(n) => {
                self.mark(n, USED, e.pos)?;
                if n == "super" && self.cur().kind.is_function_like() {
                    self.mark("__class__", USED, e.pos)?;
                }
                Ok(())
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.expr(part)?;
                }
                Ok(())
            }
        }
    }

    fn fparts(&mut self, parts: &[ast::FPart]) -> Result<()> {
        for p in parts {
            if let ast::FPart::Value { expr, spec, .. } = p {
                self.expr(expr)?;
                if let Some(spec) = spec {
                    self.fparts(spec)?;
                }
            }
        }
        Ok(())
    }

    fn yield_here(&mut self, pos: Pos, end: Pos) -> Result<()> {
        let scope = self.cur();
        match scope.kind {
            ScopeKind::Function | ScopeKind::Lambda => {
                scope.generator = true;
                Ok(())
            }
            ScopeKind::Comprehension => {
                let what = match scope.name.as_str() {
                    "<listcomp>" => "list comprehension",
                    "<setcomp>" => "set comprehension",
                    "<dictcomp>" => "dict comprehension",
                    _ => "generator expression",
                };
                Err(CompileError::syntax_span(
                    pos,
                    end,
                    format!("'yield' inside {what}"),
                ))
            }
            ScopeKind::Module | ScopeKind::Class => Err(CompileError::syntax_span(
                pos,
                end,
                "'yield' outside function",
            )),
        }
    }

    /// `target := value`: binds in the nearest enclosing scope that is not a
    /// comprehension; the comprehensions in between see the name as nonlocal (or
    /// global at module level).
    fn walrus_target(&mut self, name: &str, pos: Pos) -> Result<()> {
        let name = &self.mangled(name);
        let mut depth = self.stack.len() - 1;
        while self.scopes[self.stack[depth]].kind == ScopeKind::Comprehension {
            depth -= 1;
        }
        if depth == self.stack.len() - 1 {
            return self.mark(name, ASSIGNED, pos);
        }
        let owner = self.stack[depth];
        let owner_kind = self.scopes[owner].kind;
        if owner_kind == ScopeKind::Class {
            return Err(CompileError::syntax(
                pos,
                "assignment expression within a comprehension cannot be used in a class body",
            ));
        }
        let global =
            owner_kind == ScopeKind::Module || self.scopes[owner].flags(name) & GLOBAL != 0;
        self.scopes[owner].add(name, ASSIGNED);
        for &id in &self.stack[depth + 1..] {
            self.scopes[id].add(name, if global { GLOBAL } else { NONLOCAL });
        }
        Ok(())
    }

    /// A comprehension: the first iterable is evaluated outside, the rest inside a
    /// scope of its own whose one parameter `.0` is that iterable's iterator.
    fn comprehension(
        &mut self,
        name: &str,
        pos: Pos,
        generators: &[ast::Comprehension],
        results: &[&Expr],
        generator: bool,
    ) -> Result<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(&first.iter)?;
        self.push(ScopeKind::Comprehension, name, pos)?;
        self.cur().generator = generator;
        self.mark(".0", PARAM | ASSIGNED, pos)?;
        self.cur().params.push(".0".to_string());
        self.cur().signature.args = 1;
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            self.exprs(&g.ifs)?;
        }
        for r in results {
            self.expr(r)?;
        }
        self.pop();
        Ok(())
    }
}

/// Resolves the names of scope `id` given the names `visible` from enclosing
/// functions; returns the names the scope needs from outside (its free variables).
fn analyze(table: &mut SymbolTable, id: ScopeId, visible: &HashSet<String>) -> Result<Vec<String>> {
    let kind = table.scopes[id].kind;
    let pos = table.scopes[id].pos;
    let mut free: Vec<String> = Vec::new();
    let nonlocal_pos = table.scopes[id].nonlocal_pos.clone();
    for (name, sym) in table.scopes[id].names.iter_mut() {
        sym.binding = if sym.flags & GLOBAL != 0 {
            Binding::GlobalExplicit
        } else if sym.flags & NONLOCAL != 0 {
            if !visible.contains(name.as_str()) {
                let (at, end) = nonlocal_pos
                    .get(name.as_str())
                    .copied()
                    .unwrap_or((pos, pos));
                return Err(CompileError::syntax_span(
                    at,
                    end,
                    format!("no binding for nonlocal '{name}' found"),
                ));
            }
            Binding::Free
        } else if sym.flags & (ASSIGNED | PARAM) != 0 {
            Binding::Local
        } else if visible.contains(name.as_str()) {
            Binding::Free
        } else {
            Binding::GlobalImplicit
        };
        if sym.binding == Binding::Free {
            free.push(name.clone());
        }
    }
    let scope = &table.scopes[id];
    let inner: HashSet<String> = match kind {
        ScopeKind::Module => HashSet::new(),
        ScopeKind::Class => {
            let mut v = visible.clone();
            v.insert("__class__".to_string());
            v
        }
        _ => {
            let mut v = visible.clone();
            for (name, sym) in &scope.names {
                match sym.binding {
                    Binding::Local => {
                        v.insert(name.clone());
                    }
                    Binding::GlobalExplicit => {
                        v.remove(name);
                    }
                    _ => {}
                }
            }
            v
        }
    };
    let children = scope.children.clone();
    let mut needed: Vec<String> = Vec::new();
    for child in children {
        for name in analyze(table, child, &inner)? {
            if !needed.contains(&name) {
                needed.push(name);
            }
        }
    }
    let scope = &mut table.scopes[id];
    for name in needed {
        if kind == ScopeKind::Class && name == "__class__" {
            scope.class_cell = true;
            continue;
        }
        match scope.index.get(&name).map(|&i| scope.names[i].1.binding) {
            Some(Binding::Local) if kind == ScopeKind::Class => {
                if !scope.passthrough.contains(&name) {
                    scope.passthrough.push(name.clone());
                    free.push(name);
                }
            }
            Some(Binding::Local) => {
                let i = scope.index[&name];
                scope.names[i].1.binding = Binding::Cell;
            }
            Some(Binding::Cell) | Some(Binding::Free) => {}
            _ => {
                scope.add(&name, 0);
                let i = scope.index[&name];
                scope.names[i].1.binding = Binding::Free;
                free.push(name);
            }
        }
    }
    Ok(free)
}
