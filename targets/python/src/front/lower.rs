//! Parsing with ruff's parser, and the lowering of ruff's AST to ours.
//!
//! This is the only module that names a ruff type. The parser is `ruff_python_parser`
//! (with `ruff_python_ast` and `ruff_text_size`), pinned at 0.0.10: the newest release
//! that builds on our rustc, and one that, measured while planning, neither panicked nor
//! disagreed with CPython on whether a program is valid over 3000 mutated inputs.
//!
//! Steps of [`parse`]:
//! 1. parse the source as a module with the target version set to 3.11;
//! 2. take the first error (by position) of the parse errors and of the version errors
//!    (`parse_unchecked` does not check the version itself), as a `SyntaxError`;
//! 3. lower the tree: byte ranges become [`Pos`] through one [`LineIndex`], strings are
//!    already decoded by ruff, constructs python-c does not implement become
//!    [`ErrorKind::Unsupported`](crate::error::ErrorKind) errors naming them.

use super::ast::{self, Pos};
use super::lines::LineIndex;
use crate::error::{CompileError, ErrorKind};
use ruff_python_ast as ra;
use ruff_python_ast::PythonVersion;
use ruff_python_parser::{parse_unchecked, LexicalErrorType, Mode, ParseErrorType, ParseOptions};
use ruff_text_size::{Ranged, TextRange};
use std::cell::Cell;

type Result<T> = std::result::Result<T, CompileError>;

/// Parses `source` as a Python 3.11 module and lowers it to our AST.
pub fn parse(source: &str) -> Result<ast::Module> {
    let options = ParseOptions::from(Mode::Module).with_target_version(PythonVersion::PY311);
    let parsed = parse_unchecked(source, options);
    let index = LineIndex::new(source);
    let lower = Lower {
        index: &index,
        source,
        depth: Cell::new(0),
        too_deep: Cell::new(false),
    };
    if let Some(e) = lower.tokenizer_limits(parsed.tokens()) {
        return Err(e);
    }
    // The first error by position, and whether it is met at the end of a line.
    let mut first: Option<(u32, CompileError, bool)> = None;
    let mut consider = |start: u32, e: CompileError, at_line_end: bool| {
        if first.as_ref().is_none_or(|(s, _, _)| start < *s) {
            first = Some((start, e, at_line_end));
        }
    };
    for e in parsed.errors() {
        let err = lower.parse_error(&e.error, e.location);
        let at_line_end = matches!(
            e.error,
            ParseErrorType::ExpectedToken {
                found: ra::token::TokenKind::Newline | ra::token::TokenKind::EndOfFile,
                ..
            }
        );
        consider(e.location.start().to_u32(), err, at_line_end);
    }
    for e in parsed.unsupported_syntax_errors() {
        let err = lower.error_at(ErrorKind::Syntax, e.range, e.to_string());
        consider(e.range.start().to_u32(), err, false);
    }
    if let Some((_, mut e, at_line_end)) = first {
        // CPython reports a bracket left open to the end of the file instead of a
        // generic error met at the end of a line or on a later line (its tokenizer
        // reads on to the end).
        if let Some((range, open)) = unclosed_bracket(parsed.tokens()) {
            if lower.pos(range).line < e.pos.line || at_line_end {
                let message = format!("'{open}' was never closed");
                e = lower.error_at(ErrorKind::Syntax, range, message);
            }
        }
        return Err(e);
    }
    let result = match parsed.syntax() {
        ra::Mod::Module(m) => lower.stmts(&m.body).map(|body| ast::Module { body }),
        ra::Mod::Expression(e) => Err(lower.unsupported(e.range, "an expression-mode source")),
    };
    if lower.too_deep.get() {
        // Dropping a tree this deep recurses as deep: leave it to the process's end.
        std::mem::forget(parsed);
    }
    result
}

/// The innermost bracket still open at the end of the tokens, and its character.
fn unclosed_bracket(tokens: &ra::token::Tokens) -> Option<(TextRange, char)> {
    use ra::token::TokenKind as T;
    let mut open: Vec<(TextRange, char)> = Vec::new();
    for t in tokens.iter() {
        match t.kind() {
            T::Lpar => open.push((t.range(), '(')),
            T::Lsqb => open.push((t.range(), '[')),
            T::Lbrace => open.push((t.range(), '{')),
            T::Rpar | T::Rsqb | T::Rbrace => {
                open.pop();
            }
            _ => {}
        }
    }
    open.pop()
}

/// The lowering context: the line index of the source.
struct Lower<'a> {
    index: &'a LineIndex<'a>,
    source: &'a str,
    /// How deep in the tree the lowering is.
    depth: Cell<u32>,
    /// Whether the tree was too deep to lower (then it is too deep to drop safely).
    too_deep: Cell<bool>,
}

/// The deepest nesting of statements and expressions python-c compiles (CPython's
/// compiler stops near 3000 too, with a `RecursionError`).
pub const MAX_NESTING: u32 = 3000;

/// CPython's tokenizer limits: brackets open at once, and indentation levels.
const MAX_BRACKETS: u32 = 200;
const MAX_INDENT: u32 = 100;

impl Lower<'_> {
    fn pos(&self, range: TextRange) -> Pos {
        self.index.pos(range.start().to_u32())
    }

    /// The start of the line of `name` past its indentation (where `def` or `class`
    /// is).
    fn keyword_pos(&self, name: TextRange) -> Pos {
        let line = self.pos(name).line;
        let text = self.index.line_text(line);
        let indent = text.chars().take_while(|c| c.is_whitespace()).count() as u32;
        Pos {
            line,
            col: indent + 1,
        }
    }

    fn end(&self, range: TextRange) -> Pos {
        self.index.pos(range.end().to_u32())
    }

    fn error_at(&self, kind: ErrorKind, range: TextRange, message: String) -> CompileError {
        let pos = self.pos(range);
        let end = self.index.pos(range.end().to_u32());
        CompileError {
            kind,
            pos,
            end: (end.line == pos.line && end.col > pos.col).then_some(end),
            message,
        }
    }

    /// A parse error with CPython's message and caret where we know them, else
    /// CPython's generic `invalid syntax` at ruff's position.
    fn parse_error(&self, error: &ParseErrorType, range: TextRange) -> CompileError {
        let text = self
            .source
            .get(range.start().to_usize()..range.end().to_usize())
            .unwrap_or("");
        let pos = self.pos(range);
        let one = |kind, pos, message: String| CompileError {
            kind,
            pos,
            end: None,
            message,
        };
        let message = error.to_string();
        match error {
            ParseErrorType::UnexpectedIndentation => {
                one(ErrorKind::Indentation, pos, "unexpected indent".to_string())
            }
            ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
                let len = self.index.line_text(pos.line).trim_end().chars().count() as u32;
                let at = Pos {
                    line: pos.line,
                    col: len + 1,
                };
                let m = "unindent does not match any outer indentation level".to_string();
                one(ErrorKind::Indentation, at, m)
            }
            ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block") => {
                let mut m = m.replacen("Expected", "expected", 1).replace('`', "'");
                if let Some(header) = self.previous_code_line(pos.line) {
                    m = format!("{m} on line {header}");
                }
                one(ErrorKind::Indentation, pos, m)
            }
            ParseErrorType::ExpectedToken {
                expected: ra::token::TokenKind::Colon,
                ..
            } => self.error_at(ErrorKind::Syntax, range, "expected ':'".to_string()),
            ParseErrorType::InvalidAssignmentTarget => {
                let rest = self.source.get(range.end().to_usize()..).unwrap_or("");
                let rest = rest.trim_start_matches([' ', '\t']);
                let here = if rest.starts_with('=') && !rest.starts_with("==") {
                    " here. Maybe you meant '==' instead of '='?"
                } else {
                    ""
                };
                let m = format!("cannot assign to {}{here}", target_kind(text));
                self.error_at(ErrorKind::Syntax, range, m)
            }
            ParseErrorType::InvalidDeleteTarget => {
                let m = format!("cannot delete {}", target_kind(text));
                self.error_at(ErrorKind::Syntax, range, m)
            }
            ParseErrorType::PositionalAfterKeywordArgument => one(
                ErrorKind::Syntax,
                self.end(range),
                "positional argument follows keyword argument".to_string(),
            ),
            ParseErrorType::PositionalAfterKeywordUnpacking => one(
                ErrorKind::Syntax,
                self.end(range),
                "positional argument follows keyword argument unpacking".to_string(),
            ),
            ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
                let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
                let m = if body.starts_with("'''") || body.starts_with("\"\"\"") {
                    let last = self.index.line_count();
                    format!("unterminated triple-quoted string literal (detected at line {last})")
                } else {
                    format!(
                        "unterminated string literal (detected at line {})",
                        pos.line
                    )
                };
                one(ErrorKind::Syntax, pos, m)
            }
            _ if message.contains("Invalid decimal integer literal") => {
                let zeros = text.chars().take_while(|&c| c == '0').count().max(1) as u32;
                let end = Pos {
                    line: pos.line,
                    col: pos.col + zeros,
                };
                CompileError {
                    kind: ErrorKind::Syntax,
                    pos,
                    end: Some(end),
                    message: "leading zeros in decimal integer literals are not permitted; \
                              use an 0o prefix for octal integers"
                        .to_string(),
                }
            }
            ParseErrorType::InvalidStarredExpressionUsage => {
                one(ErrorKind::Syntax, pos, "invalid syntax".to_string())
            }
            ParseErrorType::OtherError(_)
            | ParseErrorType::ExpectedToken { .. }
            | ParseErrorType::ExpectedExpression
            | ParseErrorType::UnexpectedExpressionToken
            | ParseErrorType::SimpleStatementsOnSameLine
            | ParseErrorType::SimpleAndCompoundStatementOnSameLine => {
                self.error_at(ErrorKind::Syntax, range, "invalid syntax".to_string())
            }
            _ => self.error_at(ErrorKind::Syntax, range, message),
        }
    }

    /// CPython's tokenizer limits: more than 200 brackets open at once, or 100
    /// indentation levels, is an error at the token that goes past.
    fn tokenizer_limits(&self, tokens: &ra::token::Tokens) -> Option<CompileError> {
        use ra::token::TokenKind as T;
        let (mut brackets, mut indents) = (0u32, 0u32);
        for t in tokens.iter() {
            match t.kind() {
                T::Lpar | T::Lsqb | T::Lbrace => {
                    brackets += 1;
                    if brackets > MAX_BRACKETS {
                        let pos = self.pos(t.range());
                        return Some(CompileError::syntax(pos, "too many nested parentheses"));
                    }
                }
                T::Rpar | T::Rsqb | T::Rbrace => brackets = brackets.saturating_sub(1),
                T::Indent => {
                    indents += 1;
                    if indents >= MAX_INDENT {
                        let line = self.pos(t.range()).line;
                        return Some(CompileError {
                            kind: ErrorKind::Indentation,
                            pos: Pos { line, col: 1 },
                            end: None,
                            message: "too many levels of indentation".to_string(),
                        });
                    }
                }
                T::Dedent => indents = indents.saturating_sub(1),
                _ => {}
            }
        }
        None
    }

    /// The last line before `line` with code on it (not blank, not only a comment).
    fn previous_code_line(&self, line: u32) -> Option<u32> {
        (1..line).rev().find(|&l| {
            let t = self.index.line_text(l).trim();
            !t.is_empty() && !t.starts_with('#')
        })
    }

    fn unsupported(&self, range: TextRange, what: &str) -> CompileError {
        CompileError::unsupported(self.pos(range), what)
    }

    fn stmts(&self, body: &[ra::Stmt]) -> Result<Vec<ast::Stmt>> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&self, s: &ra::Stmt) -> Result<ast::Stmt> {
        self.enter(s.range())?;
        let r = self.stmt_inner(s);
        self.depth.set(self.depth.get() - 1);
        r
    }

    fn stmt_inner(&self, s: &ra::Stmt) -> Result<ast::Stmt> {
        use ast::StmtKind as K;
        let range = s.range();
        let kind = match s {
            ra::Stmt::FunctionDef(f) => {
                if f.is_async {
                    return Err(self.unsupported(range, "`async def`"));
                }
                if let Some(tp) = &f.type_params {
                    return Err(self.unsupported(tp.range, "a type parameter list"));
                }
                K::FunctionDef(Box::new(ast::FunctionDef {
                    name: f.name.id.to_string(),
                    params: self.params(&f.parameters)?,
                    body: self.stmts(&f.body)?,
                    decorators: self.decorators(&f.decorator_list)?,
                }))
            }
            ra::Stmt::ClassDef(c) => {
                if let Some(tp) = &c.type_params {
                    return Err(self.unsupported(tp.range, "a type parameter list"));
                }
                let (bases, keywords) = match &c.arguments {
                    Some(a) => (self.exprs(&a.args)?, self.keywords(&a.keywords)?),
                    None => (Vec::new(), Vec::new()),
                };
                for k in &keywords {
                    if k.name.as_deref() == Some("metaclass") {
                        return Err(CompileError::unsupported(
                            k.pos,
                            "a metaclass (`metaclass=`)",
                        ));
                    }
                }
                K::ClassDef(Box::new(ast::ClassDef {
                    name: c.name.id.to_string(),
                    bases,
                    keywords,
                    body: self.stmts(&c.body)?,
                    decorators: self.decorators(&c.decorator_list)?,
                }))
            }
            ra::Stmt::Return(r) => K::Return(self.opt_expr(r.value.as_deref())?),
            ra::Stmt::Delete(d) => K::Delete(self.exprs(&d.targets)?),
            ra::Stmt::TypeAlias(t) => return Err(self.unsupported(t.range, "the `type` statement")),
            ra::Stmt::Assign(a) => K::Assign {
                targets: self.exprs(&a.targets)?,
                value: self.expr(&a.value)?,
            },
            ra::Stmt::AugAssign(a) => K::AugAssign {
                target: self.expr(&a.target)?,
                op: binop(a.op),
                value: self.expr(&a.value)?,
            },
            ra::Stmt::AnnAssign(a) => K::AnnAssign {
                target: self.expr(&a.target)?,
                value: self.opt_expr(a.value.as_deref())?,
            },
            ra::Stmt::For(f) => {
                if f.is_async {
                    return Err(self.unsupported(range, "`async for`"));
                }
                K::For {
                    target: self.expr(&f.target)?,
                    iter: self.expr(&f.iter)?,
                    body: self.stmts(&f.body)?,
                    orelse: self.stmts(&f.orelse)?,
                }
            }
            ra::Stmt::While(w) => K::While {
                test: self.expr(&w.test)?,
                body: self.stmts(&w.body)?,
                orelse: self.stmts(&w.orelse)?,
            },
            ra::Stmt::If(i) => {
                // The elif/else clauses fold from the last one: each `elif` becomes an
                // `If` alone in the `orelse` of the one before.
                let mut orelse = Vec::new();
                for clause in i.elif_else_clauses.iter().rev() {
                    let body = self.stmts(&clause.body)?;
                    orelse = match &clause.test {
                        Some(test) => vec![ast::Stmt {
                            pos: self.pos(clause.range),
                            end: self.end(clause.range),
                            kind: K::If {
                                test: self.expr(test)?,
                                body,
                                orelse,
                            },
                        }],
                        None => body,
                    };
                }
                K::If {
                    test: self.expr(&i.test)?,
                    body: self.stmts(&i.body)?,
                    orelse,
                }
            }
            ra::Stmt::With(w) => {
                if w.is_async {
                    return Err(self.unsupported(range, "`async with`"));
                }
                let mut items = Vec::new();
                for item in &w.items {
                    items.push(ast::WithItem {
                        context: self.expr(&item.context_expr)?,
                        target: self.opt_expr(item.optional_vars.as_deref())?,
                    });
                }
                K::With {
                    items,
                    body: self.stmts(&w.body)?,
                }
            }
            ra::Stmt::Match(_) => return Err(self.unsupported(range, "the `match` statement")),
            ra::Stmt::Raise(r) => K::Raise {
                exc: self.opt_expr(r.exc.as_deref())?,
                cause: self.opt_expr(r.cause.as_deref())?,
            },
            ra::Stmt::Try(t) => {
                if t.is_star {
                    return Err(self.unsupported(range, "`except*`"));
                }
                let mut handlers = Vec::new();
                for h in &t.handlers {
                    let ra::ExceptHandler::ExceptHandler(h) = h;
                    handlers.push(ast::ExceptHandler {
                        pos: self.pos(h.range),
                        type_: self.opt_expr(h.type_.as_deref())?,
                        name: h.name.as_ref().map(|n| n.id.to_string()),
                        body: self.stmts(&h.body)?,
                    });
                }
                K::Try {
                    body: self.stmts(&t.body)?,
                    handlers,
                    orelse: self.stmts(&t.orelse)?,
                    finalbody: self.stmts(&t.finalbody)?,
                }
            }
            ra::Stmt::Assert(a) => K::Assert {
                test: self.expr(&a.test)?,
                msg: self.opt_expr(a.msg.as_deref())?,
            },
            ra::Stmt::Import(i) => {
                if i.is_lazy {
                    return Err(self.unsupported(range, "`lazy import`"));
                }
                K::Import(self.aliases(&i.names))
            }
            ra::Stmt::ImportFrom(i) => {
                if i.is_lazy {
                    return Err(self.unsupported(range, "`lazy from ... import`"));
                }
                if i.level > 0 {
                    return Err(self.unsupported(range, "a relative import (`from .`)"));
                }
                let module = i
                    .module
                    .as_ref()
                    .map(|m| m.id.to_string())
                    .unwrap_or_default();
                K::ImportFrom {
                    module,
                    names: self.aliases(&i.names),
                }
            }
            ra::Stmt::Global(g) => K::Global(g.names.iter().map(|n| n.id.to_string()).collect()),
            ra::Stmt::Nonlocal(n) => {
                K::Nonlocal(n.names.iter().map(|n| n.id.to_string()).collect())
            }
            ra::Stmt::Expr(e) => K::Expr(self.expr(&e.value)?),
            ra::Stmt::Pass(_) => K::Pass,
            ra::Stmt::Break(_) => K::Break,
            ra::Stmt::Continue(_) => K::Continue,
            ra::Stmt::IpyEscapeCommand(_) => {
                return Err(self.unsupported(range, "an IPython escape command"))
            }
        };
        // A decorated definition's statement is its `def` or `class` line, as in
        // CPython's AST (ruff's range starts at the first decorator).
        let pos = match s {
            ra::Stmt::FunctionDef(f) if !f.decorator_list.is_empty() => {
                self.keyword_pos(f.name.range)
            }
            ra::Stmt::ClassDef(c) if !c.decorator_list.is_empty() => self.keyword_pos(c.name.range),
            _ => self.pos(range),
        };
        Ok(ast::Stmt {
            pos,
            end: self.end(range),
            kind,
        })
    }

    fn decorators(&self, list: &[ra::Decorator]) -> Result<Vec<ast::Expr>> {
        list.iter().map(|d| self.expr(&d.expression)).collect()
    }

    fn aliases(&self, names: &[ra::Alias]) -> Vec<ast::Alias> {
        names
            .iter()
            .map(|a| ast::Alias {
                pos: self.pos(a.range),
                name: a.name.id.to_string(),
                asname: a.asname.as_ref().map(|n| n.id.to_string()),
            })
            .collect()
    }

    fn params(&self, p: &ra::Parameters) -> Result<ast::Parameters> {
        let with_default = |list: &[ra::ParameterWithDefault]| -> Result<Vec<ast::Param>> {
            list.iter()
                .map(|p| {
                    Ok(ast::Param {
                        pos: self.pos(p.range),
                        name: p.parameter.name.id.to_string(),
                        default: self.opt_expr(p.default.as_deref())?,
                    })
                })
                .collect()
        };
        let plain = |p: &ra::Parameter| ast::Param {
            pos: self.pos(p.range),
            name: p.name.id.to_string(),
            default: None,
        };
        Ok(ast::Parameters {
            posonly: with_default(&p.posonlyargs)?,
            args: with_default(&p.args)?,
            vararg: p.vararg.as_deref().map(plain),
            kwonly: with_default(&p.kwonlyargs)?,
            kwarg: p.kwarg.as_deref().map(plain),
        })
    }

    fn keywords(&self, list: &[ra::Keyword]) -> Result<Vec<ast::Keyword>> {
        list.iter()
            .map(|k| {
                Ok(ast::Keyword {
                    pos: self.pos(k.range),
                    end: self.end(k.range),
                    name: k.arg.as_ref().map(|n| n.id.to_string()),
                    value: self.expr(&k.value)?,
                })
            })
            .collect()
    }

    fn exprs(&self, list: &[ra::Expr]) -> Result<Vec<ast::Expr>> {
        list.iter().map(|e| self.expr(e)).collect()
    }

    fn opt_expr(&self, e: Option<&ra::Expr>) -> Result<Option<ast::Expr>> {
        e.map(|e| self.expr(e)).transpose()
    }

    fn boxed(&self, e: &ra::Expr) -> Result<Box<ast::Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    fn opt_boxed(&self, e: Option<&ra::Expr>) -> Result<Option<Box<ast::Expr>>> {
        e.map(|e| self.boxed(e)).transpose()
    }

    fn comprehensions(&self, list: &[ra::Comprehension]) -> Result<Vec<ast::Comprehension>> {
        list.iter()
            .map(|c| {
                if c.is_async {
                    return Err(self.unsupported(c.range, "an `async for` comprehension"));
                }
                Ok(ast::Comprehension {
                    target: self.expr(&c.target)?,
                    iter: self.expr(&c.iter)?,
                    ifs: self.exprs(&c.ifs)?,
                })
            })
            .collect()
    }

    fn expr(&self, e: &ra::Expr) -> Result<ast::Expr> {
        self.enter(e.range())?;
        let r = self.expr_inner(e);
        self.depth.set(self.depth.get() - 1);
        r
    }

    /// One level deeper into the tree; an error past [`MAX_NESTING`] levels.
    fn enter(&self, range: TextRange) -> Result<()> {
        let d = self.depth.get() + 1;
        if d > MAX_NESTING {
            self.too_deep.set(true);
            return Err(CompileError::unsupported(
                self.pos(range),
                format_args!("nesting statements and expressions deeper than {MAX_NESTING} levels"),
            ));
        }
        self.depth.set(d);
        Ok(())
    }

    fn expr_inner(&self, e: &ra::Expr) -> Result<ast::Expr> {
        use ast::ExprKind as K;
        let range = e.range();
        let kind = match e {
            ra::Expr::BoolOp(b) => K::BoolOp {
                op: match b.op {
                    ra::BoolOp::And => ast::BoolOp::And,
                    ra::BoolOp::Or => ast::BoolOp::Or,
                },
                values: self.exprs(&b.values)?,
            },
            ra::Expr::Named(n) => {
                let ra::Expr::Name(target) = &*n.target else {
                    return Err(CompileError::syntax(
                        self.pos(n.target.range()),
                        "cannot use assignment expressions with this target",
                    ));
                };
                K::Named {
                    target: target.id.to_string(),
                    value: self.boxed(&n.value)?,
                }
            }
            ra::Expr::BinOp(b) => K::BinOp {
                left: self.boxed(&b.left)?,
                op: binop(b.op),
                right: self.boxed(&b.right)?,
            },
            ra::Expr::UnaryOp(u) => {
                let op = match u.op {
                    ra::UnaryOp::Invert => ast::UnaryOp::Invert,
                    ra::UnaryOp::Not => ast::UnaryOp::Not,
                    ra::UnaryOp::UAdd => ast::UnaryOp::UAdd,
                    ra::UnaryOp::USub => ast::UnaryOp::USub,
                };
                K::UnaryOp {
                    op,
                    operand: self.boxed(&u.operand)?,
                }
            }
            ra::Expr::Lambda(l) => K::Lambda {
                params: Box::new(match &l.parameters {
                    Some(p) => self.params(p)?,
                    None => ast::Parameters::default(),
                }),
                body: self.boxed(&l.body)?,
            },
            ra::Expr::If(i) => K::IfExp {
                test: self.boxed(&i.test)?,
                body: self.boxed(&i.body)?,
                orelse: self.boxed(&i.orelse)?,
            },
            ra::Expr::Dict(d) => {
                let mut keys = Vec::new();
                let mut values = Vec::new();
                for item in &d.items {
                    keys.push(self.opt_expr(item.key.as_ref())?);
                    values.push(self.expr(&item.value)?);
                }
                K::Dict { keys, values }
            }
            ra::Expr::Set(s) => K::Set(self.exprs(&s.elts)?),
            ra::Expr::ListComp(c) => K::ListComp {
                elt: self.boxed(&c.elt)?,
                generators: self.comprehensions(&c.generators)?,
            },
            ra::Expr::SetComp(c) => K::SetComp {
                elt: self.boxed(&c.elt)?,
                generators: self.comprehensions(&c.generators)?,
            },
            ra::Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return Err(self.unsupported(range, "`**` unpacking in a dict comprehension"));
                };
                K::DictComp {
                    key: self.boxed(key)?,
                    value: self.boxed(&c.value)?,
                    generators: self.comprehensions(&c.generators)?,
                }
            }
            ra::Expr::Generator(g) => K::GeneratorExp {
                elt: self.boxed(&g.elt)?,
                generators: self.comprehensions(&g.generators)?,
            },
            ra::Expr::Await(_) => return Err(self.unsupported(range, "`await`")),
            ra::Expr::Yield(y) => K::Yield(self.opt_boxed(y.value.as_deref())?),
            ra::Expr::YieldFrom(y) => K::YieldFrom(self.boxed(&y.value)?),
            ra::Expr::Compare(c) => K::Compare {
                left: self.boxed(&c.left)?,
                ops: c.ops.iter().map(|&op| cmpop(op)).collect(),
                comparators: self.exprs(&c.comparators)?,
            },
            ra::Expr::Call(c) => {
                let mut args = self.exprs(&c.arguments.args)?;
                // `f(x for x in y)`: CPython's generator expression starts at the
                // call's parenthesis (its code's first line is that line).
                if let ([arg], [ra::Expr::Generator(g)]) = (&mut args[..], &c.arguments.args[..]) {
                    if !g.parenthesized {
                        arg.pos = self.pos(c.arguments.range);
                    }
                }
                K::Call {
                    func: self.boxed(&c.func)?,
                    args,
                    keywords: self.keywords(&c.arguments.keywords)?,
                }
            }
            ra::Expr::FString(f) => {
                let mut parts = Vec::new();
                for part in f.value.iter() {
                    match part {
                        ra::FStringPart::Literal(s) => push_literal(&mut parts, &s.value),
                        ra::FStringPart::FString(f) => {
                            self.fstring_elements(&f.elements, &mut parts)?
                        }
                    }
                }
                K::FString(parts)
            }
            ra::Expr::TString(_) => {
                return Err(self.unsupported(range, "a template string (t-string)"))
            }
            ra::Expr::StringLiteral(s) => {
                K::Constant(ast::Constant::Str(s.value.to_str().to_string()))
            }
            ra::Expr::BytesLiteral(b) => {
                K::Constant(ast::Constant::Bytes(b.value.bytes().collect()))
            }
            ra::Expr::NumberLiteral(n) => match &n.value {
                ra::Number::Int(i) => match i.as_i64() {
                    Some(v) => K::Constant(ast::Constant::Int(v)),
                    None => match big_decimal(&i.to_string()) {
                        Some(d) => K::Constant(ast::Constant::BigInt(d)),
                        None => {
                            return Err(CompileError::syntax(
                                self.pos(range),
                                "invalid integer literal",
                            ))
                        }
                    },
                },
                ra::Number::Float(f) => K::Constant(ast::Constant::Float(*f)),
                ra::Number::Complex { .. } => {
                    return Err(self.unsupported(range, "a complex number literal"))
                }
            },
            ra::Expr::BooleanLiteral(b) => K::Constant(ast::Constant::Bool(b.value)),
            ra::Expr::NoneLiteral(_) => K::Constant(ast::Constant::None),
            ra::Expr::EllipsisLiteral(_) => K::Constant(ast::Constant::Ellipsis),
            ra::Expr::Attribute(a) => K::Attribute {
                value: self.boxed(&a.value)?,
                attr: a.attr.id.to_string(),
            },
            ra::Expr::Subscript(s) => K::Subscript {
                value: self.boxed(&s.value)?,
                slice: self.boxed(&s.slice)?,
            },
            ra::Expr::Starred(s) => K::Starred(self.boxed(&s.value)?),
            ra::Expr::Name(n) => K::Name(n.id.to_string()),
            ra::Expr::List(l) => K::List(self.exprs(&l.elts)?),
            ra::Expr::Tuple(t) => K::Tuple(self.exprs(&t.elts)?),
            ra::Expr::Slice(s) => K::Slice {
                lower: self.opt_boxed(s.lower.as_deref())?,
                upper: self.opt_boxed(s.upper.as_deref())?,
                step: self.opt_boxed(s.step.as_deref())?,
            },
            ra::Expr::IpyEscapeCommand(_) => {
                return Err(self.unsupported(range, "an IPython escape command"))
            }
        };
        Ok(ast::Expr {
            pos: self.pos(range),
            end: self.end(range),
            kind,
        })
    }

    /// Appends the pieces of one f-string (or format spec) to `parts`.
    fn fstring_elements(
        &self,
        elements: &ra::InterpolatedStringElements,
        parts: &mut Vec<ast::FPart>,
    ) -> Result<()> {
        for element in elements.iter() {
            match element {
                ra::InterpolatedStringElement::Literal(l) => push_literal(parts, &l.value),
                ra::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = match i.conversion {
                        ra::ConversionFlag::None => ast::Conversion::None,
                        ra::ConversionFlag::Str => ast::Conversion::Str,
                        ra::ConversionFlag::Repr => ast::Conversion::Repr,
                        ra::ConversionFlag::Ascii => ast::Conversion::Ascii,
                    };
                    if let Some(debug) = &i.debug_text {
                        // `f"{x = }"` prints its own text, then the value's repr unless
                        // a conversion or a format spec says otherwise.
                        let text = format!(
                            "{}{}{}",
                            debug.leading(),
                            debug.expression(),
                            debug.trailing()
                        );
                        push_literal(parts, &text);
                        if conversion == ast::Conversion::None && i.format_spec.is_none() {
                            conversion = ast::Conversion::Repr;
                        }
                    }
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut spec_parts = Vec::new();
                            self.fstring_elements(&spec.elements, &mut spec_parts)?;
                            Some(spec_parts)
                        }
                        None => None,
                    };
                    parts.push(ast::FPart::Value {
                        expr: self.boxed(&i.expression)?,
                        conversion,
                        spec,
                    });
                }
            }
        }
        Ok(())
    }
}

/// How CPython names an invalid assignment target, from its text.
fn target_kind(text: &str) -> &'static str {
    let t = text.trim();
    match t {
        "True" => return "True",
        "False" => return "False",
        "None" => return "None",
        "..." => return "ellipsis",
        _ => {}
    }
    let first = t.chars().next().unwrap_or(' ');
    if first.is_ascii_digit() || first == '"' || first == '\'' {
        "literal"
    } else if t.ends_with(')') && !t.starts_with('(') && t.contains('(') {
        "function call"
    } else {
        "expression"
    }
}

/// Appends a literal piece, merged with a literal just before it.
fn push_literal(parts: &mut Vec<ast::FPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(ast::FPart::Literal(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(ast::FPart::Literal(text.to_string()));
    }
}

fn binop(op: ra::Operator) -> ast::BinOp {
    use ast::BinOp as B;
    match op {
        ra::Operator::Add => B::Add,
        ra::Operator::Sub => B::Sub,
        ra::Operator::Mult => B::Mult,
        ra::Operator::MatMult => B::MatMult,
        ra::Operator::Div => B::Div,
        ra::Operator::Mod => B::Mod,
        ra::Operator::Pow => B::Pow,
        ra::Operator::LShift => B::LShift,
        ra::Operator::RShift => B::RShift,
        ra::Operator::BitOr => B::Or,
        ra::Operator::BitXor => B::Xor,
        ra::Operator::BitAnd => B::And,
        ra::Operator::FloorDiv => B::FloorDiv,
    }
}

fn cmpop(op: ra::CmpOp) -> ast::CmpOp {
    use ast::CmpOp as C;
    match op {
        ra::CmpOp::Eq => C::Eq,
        ra::CmpOp::NotEq => C::NotEq,
        ra::CmpOp::Lt => C::Lt,
        ra::CmpOp::LtE => C::LtE,
        ra::CmpOp::Gt => C::Gt,
        ra::CmpOp::GtE => C::GtE,
        ra::CmpOp::Is => C::Is,
        ra::CmpOp::IsNot => C::IsNot,
        ra::CmpOp::In => C::In,
        ra::CmpOp::NotIn => C::NotIn,
    }
}

/// The decimal digits of an integer literal's text (`0x_FF...`, `1_000...`), for
/// literals past `i64`; `None` if the text is not an integer literal.
pub(crate) fn big_decimal(token: &str) -> Option<String> {
    let t: String = token
        .chars()
        .filter(|&c| c != '_')
        .collect::<String>()
        .to_ascii_lowercase();
    let (radix, digits) = match t.get(..2) {
        Some("0x") => (16, &t[2..]),
        Some("0o") => (8, &t[2..]),
        Some("0b") => (2, &t[2..]),
        _ => (10, &t[..]),
    };
    if digits.is_empty() {
        return None;
    }
    // Little-endian limbs in base 10^9, multiplied by the radix and added to per digit.
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let d = c.to_digit(radix)? as u64;
        let mut carry = d;
        for limb in limbs.iter_mut() {
            let v = *limb * radix as u64 + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut out = String::new();
    let mut iter = limbs.iter().rev();
    if let Some(top) = iter.next() {
        out.push_str(&top.to_string());
    }
    for limb in iter {
        out.push_str(&format!("{limb:09}"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_literals_become_decimal() {
        assert_eq!(
            big_decimal("0xFFFF_FFFF_FFFF_FFFF").as_deref(),
            Some("18446744073709551615")
        );
        assert_eq!(
            big_decimal("100_000_000_000_000_000_000").as_deref(),
            Some("100000000000000000000")
        );
        assert_eq!(big_decimal("0b1").as_deref(), Some("1"));
        assert_eq!(big_decimal("0o777").as_deref(), Some("511"));
        assert_eq!(big_decimal("0x"), None);
    }
}
