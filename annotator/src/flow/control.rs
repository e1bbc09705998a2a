//! Control flow: `if`, `&&` / `||`, `while`, `loop`, `for` over ranges, `break`,
//! `continue`.
//!
//! Every join point is a [`Target`] whose inputs are fresh versions of the locals in
//! scope where it was made; `break` and `continue` pass the locals of the loop's scope.

use super::{Builder, LoopCtx, Target};
use crate::model::{ConstValue, Exit, Link, Value};
use crate::ops::OpKind;
use crate::types::Type;
use proc_macro2::Span;
use syn::spanned::Spanned;

/// Which target of a loop a jump goes to.
#[derive(Clone, Copy)]
enum LoopEdge {
    Break,
    Continue,
}

impl Builder<'_> {
    /// `if cond { .. } else { .. }`, as statement or expression; `if let` goes to the
    /// pattern code.
    pub(super) fn if_expr(&mut self, i: &syn::ExprIf) -> Value {
        let span = i.span();
        if let syn::Expr::Let(l) = &*i.cond {
            return self.if_let(
                l,
                &i.then_branch,
                i.else_branch.as_ref().map(|e| &*e.1),
                span,
            );
        }
        let mut then_t = self.target(0);
        let mut else_t = self.target(0);
        let mut join = self.target(1);
        self.branch(&i.cond, &mut then_t, &mut else_t);
        self.enter(&then_t);
        let v = self.block(&i.then_branch, span);
        self.goto(&mut join, vec![v]);
        self.enter(&else_t);
        let v = match &i.else_branch {
            Some((_, e)) => self.expr(e),
            None => self.unit(span),
        };
        self.goto(&mut join, vec![v]);
        self.enter(&join)[0]
    }

    /// Branches on a condition: to `t` if it holds, to `f` otherwise. `&&`, `||` and
    /// `!` become control flow, so that `if a && b` tests `a` and `b` directly.
    pub(super) fn branch(&mut self, cond: &syn::Expr, t: &mut Target, f: &mut Target) {
        match cond {
            syn::Expr::Paren(p) => self.branch(&p.expr, t, f),
            syn::Expr::Group(g) => self.branch(&g.expr, t, f),
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                let mut mid = self.target(0);
                self.branch(&b.left, &mut mid, f);
                self.enter(&mid);
                self.branch(&b.right, t, f);
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::Or(_)) => {
                let mut mid = self.target(0);
                self.branch(&b.left, t, &mut mid);
                self.enter(&mid);
                self.branch(&b.right, t, f);
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Not(_)) => {
                self.branch(&u.expr, f, t);
            }
            syn::Expr::Let(l) => {
                self.error(
                    l.span(),
                    "`let` chains are not supported; nest `if let` inside `if` instead",
                );
            }
            _ => {
                let v = self.expr(cond);
                self.if_exit(v, t, f);
            }
        }
    }

    /// Ends the current block with `if v then t else f`.
    pub(super) fn if_exit(&mut self, v: Value, t: &mut Target, f: &mut Target) {
        if self.cur.is_none() {
            return;
        }
        let then_link = self.link_to(t, Vec::new());
        let else_link = self.link_to(f, Vec::new());
        self.finish(Exit::If {
            cond: v,
            then_link,
            else_link,
        });
    }

    /// `a && b` and `a || b` as values: the right side runs only when needed.
    pub(super) fn short_circuit(&mut self, b: &syn::ExprBinary) -> Value {
        let span = b.span();
        let is_and = matches!(b.op, syn::BinOp::And(_));
        let a = self.expr(&b.left);
        let mut rhs = self.target(0);
        let mut join = self.target(1);
        if self.cur.is_some() {
            let known = self.constant(ConstValue::Bool(!is_and), Some(Type::Bool), span);
            let rhs_link = self.link_to(&mut rhs, Vec::new());
            let join_link = self.link_to(&mut join, vec![known]);
            let (then_link, else_link) = if is_and {
                (rhs_link, join_link)
            } else {
                (join_link, rhs_link)
            };
            self.finish(Exit::If {
                cond: a,
                then_link,
                else_link,
            });
        }
        self.enter(&rhs);
        let v = self.expr(&b.right);
        self.goto(&mut join, vec![v]);
        self.enter(&join)[0]
    }

    // ---- loops ----

    fn label_name(label: Option<&syn::Label>) -> Option<String> {
        label.map(|l| l.name.ident.to_string())
    }

    /// Builds a loop body with `ctx` as the innermost loop; gives the context back.
    fn loop_body(&mut self, ctx: LoopCtx, body: &syn::Block) -> LoopCtx {
        self.loops.push(ctx);
        let mark = self.env.len();
        let span = body.span();
        self.block(body, span);
        self.env.truncate(mark);
        let mut ctx = self.loops.pop().expect("the loop context pushed above");
        self.goto(&mut ctx.continue_target, Vec::new());
        ctx
    }

    /// `while cond { .. }`; `while let` goes to the pattern code.
    pub(super) fn while_loop(&mut self, w: &syn::ExprWhile) -> Value {
        let span = w.span();
        if let syn::Expr::Let(l) = &*w.cond {
            return self.while_let(w, l, span);
        }
        let mut header = self.target(0);
        self.goto(&mut header, Vec::new());
        let exit = self.target(0);
        self.enter(&header);
        let mut body = self.target(0);
        let mut ctx = LoopCtx {
            label: Self::label_name(w.label.as_ref()),
            break_target: exit,
            continue_target: header,
            breaks_with_value: false,
        };
        self.branch(&w.cond, &mut body, &mut ctx.break_target);
        self.enter(&body);
        let ctx = self.loop_body(ctx, &w.body);
        self.enter(&ctx.break_target);
        self.unit(span)
    }

    /// `while let pat = e { .. }`: a failed match leaves the loop.
    fn while_let(&mut self, w: &syn::ExprWhile, l: &syn::ExprLet, span: Span) -> Value {
        let mut header = self.target(0);
        self.goto(&mut header, Vec::new());
        let exit = self.target(0);
        self.enter(&header);
        let mut ctx = LoopCtx {
            label: Self::label_name(w.label.as_ref()),
            break_target: exit,
            continue_target: header,
            breaks_with_value: false,
        };
        let v = self.expr(&l.expr);
        let known = self.static_type(&l.expr);
        let slot = self.hidden("scrutinee", v, known);
        self.pattern(&l.pat, slot, &mut ctx.break_target);
        let ctx = self.loop_body(ctx, &w.body);
        self.enter(&ctx.break_target);
        self.unit(span)
    }

    /// `loop { .. }`, whose value is given by `break value`.
    pub(super) fn loop_expr(&mut self, l: &syn::ExprLoop) -> Value {
        let mut header = self.target(0);
        self.goto(&mut header, Vec::new());
        let exit = self.target(1);
        self.enter(&header);
        let ctx = LoopCtx {
            label: Self::label_name(l.label.as_ref()),
            break_target: exit,
            continue_target: header,
            breaks_with_value: true,
        };
        let ctx = self.loop_body(ctx, &l.body);
        self.enter(&ctx.break_target)[0]
    }

    /// `for pat in a..b`, `a..=b` or `(a..b).rev()`.
    pub(super) fn for_loop(&mut self, f: &syn::ExprForLoop) -> Value {
        let span = f.span();
        let label = Self::label_name(f.label.as_ref());
        if let Some(v) = self.for_items(f) {
            return v;
        }
        let (range, rev) = match strip(&f.expr) {
            syn::Expr::Range(r) => (r, false),
            syn::Expr::MethodCall(m) if m.method == "rev" && m.args.is_empty() => {
                match strip(&m.receiver) {
                    syn::Expr::Range(r) => (r, true),
                    _ => return self.for_unsupported(f),
                }
            }
            _ => return self.for_unsupported(f),
        };
        let (Some(start), Some(end)) = (&range.start, &range.end) else {
            return self.for_unsupported(f);
        };
        let inclusive = matches!(range.limits, syn::RangeLimits::Closed(_));
        if inclusive && rev {
            return self.unsupported(
                f.expr.span(),
                "`(a..=b).rev()` is not supported; write `(a..b + 1).rev()` or a `while` loop",
            );
        }
        let bind_name = match &*f.pat {
            syn::Pat::Ident(id) if id.subpat.is_none() => Some(id.ident.to_string()),
            syn::Pat::Wild(_) => None,
            other => {
                return self.unsupported(
                    other.span(),
                    "the variable of a `for` loop must be a name or `_`",
                )
            }
        };
        let known = self.static_type(start).or_else(|| self.static_type(end));
        let mark = self.env.len();
        let bounds = self.operands([&**start, &**end]);
        let (lo, hi) = (bounds[0], bounds[1]);
        let counter = self.hidden("for_counter", if rev { hi } else { lo }, known.clone());
        let bound = self.hidden("for_bound", if rev { lo } else { hi }, known.clone());
        let exit = self.target_with(mark, 0);
        let one = self.constant(ConstValue::Int(1), None, span);
        let mut ctx = LoopCtx {
            label,
            break_target: exit,
            continue_target: self.target(0),
            breaks_with_value: false,
        };
        let mut body = self.target(0);
        let value;
        if inclusive {
            // Test once before the loop, and `i == end` after each pass, so that
            // `a..=MAX` ends without overflowing the counter.
            let (c, b) = (self.env[counter].value, self.env[bound].value);
            let ok = self.opv(OpKind::Le, vec![c, b], span);
            self.if_exit(ok, &mut body, &mut ctx.break_target);
            self.enter(&body);
            value = self.env[counter].value;
        } else {
            // The header tests the bound; the body steps the counter first, so that
            // `continue` goes straight back to the header.
            let mut header = std::mem::replace(&mut ctx.continue_target, self.target(0));
            self.goto(&mut header, Vec::new());
            self.enter(&header);
            let (c, b) = (self.env[counter].value, self.env[bound].value);
            let kind = if rev { OpKind::Gt } else { OpKind::Lt };
            let ok = self.opv(kind, vec![c, b], span);
            self.if_exit(ok, &mut body, &mut ctx.break_target);
            self.enter(&body);
            let c = self.env[counter].value;
            if rev {
                let next = self.opv(OpKind::Sub, vec![c, one], span);
                self.env[counter].value = next;
                value = next;
            } else {
                let next = self.opv(OpKind::Add, vec![c, one], span);
                self.env[counter].value = next;
                value = c;
            }
            ctx.continue_target = header;
        }
        if let Some(name) = &bind_name {
            self.bind(name, value, None, known);
        }
        let mut ctx = self.loop_body(ctx, &f.body);
        if inclusive {
            let latch = ctx.continue_target;
            self.enter(&latch);
            let (c, b) = (self.env[counter].value, self.env[bound].value);
            let last = self.opv(OpKind::Eq, vec![c, b], span);
            let mut next = self.target(0);
            self.if_exit(last, &mut ctx.break_target, &mut next);
            self.enter(&next);
            let c = self.env[counter].value;
            let stepped = self.opv(OpKind::Add, vec![c, one], span);
            self.env[counter].value = stepped;
            self.goto(&mut body, Vec::new());
        }
        self.enter(&ctx.break_target);
        self.unit(span)
    }

    /// Reports a `for` over something else than a range, then still checks the body
    /// (as dead code) so that its errors are reported too.
    fn for_unsupported(&mut self, f: &syn::ExprForLoop) -> Value {
        let value = self.unsupported(
            f.expr.span(),
            "`for` is only supported over integer ranges (`a..b`, `a..=b`, `(a..b).rev()`), \
             bytes (`s.bytes()`, `&b` in a `&[u8]`) and items (`&x` in `e` or `e.iter()`, \
             `x` in `&e` or `e.iter()`) \
             in an interpreter module; use a `while` loop with an index",
        );
        let (mark, cur) = (self.env.len(), self.cur);
        let ctx = LoopCtx {
            label: Self::label_name(f.label.as_ref()),
            break_target: self.target(0),
            continue_target: self.target(0),
            breaks_with_value: false,
        };
        self.cur = None;
        self.bind_placeholders(&f.pat);
        self.loop_body(ctx, &f.body);
        self.env.truncate(mark);
        self.cur = cur;
        value
    }

    /// `break`, `break 'label`, `break value`.
    pub(super) fn break_expr(&mut self, b: &syn::ExprBreak) -> Value {
        let span = b.span();
        let value = b.expr.as_ref().map(|e| self.expr(e));
        let Some(idx) = self.find_loop(b.label.as_ref(), span, "break") else {
            return self.unit(span);
        };
        let extra = if self.loops[idx].breaks_with_value {
            vec![value.unwrap_or_else(|| self.unit(span))]
        } else {
            if value.is_some() {
                self.error(
                    span,
                    "`break` with a value is only allowed in `loop`; use a variable to \
                     carry the value out of `while` and `for`",
                );
            }
            Vec::new()
        };
        self.jump_loop(idx, LoopEdge::Break, extra);
        self.unit(span)
    }

    /// `continue`, `continue 'label`.
    pub(super) fn continue_expr(&mut self, c: &syn::ExprContinue) -> Value {
        let span = c.span();
        if let Some(idx) = self.find_loop(c.label.as_ref(), span, "continue") {
            self.jump_loop(idx, LoopEdge::Continue, Vec::new());
        }
        self.unit(span)
    }

    fn find_loop(
        &mut self,
        label: Option<&syn::Lifetime>,
        span: Span,
        what: &str,
    ) -> Option<usize> {
        let found = match label {
            None => self.loops.len().checked_sub(1),
            Some(l) => {
                let name = l.ident.to_string();
                self.loops
                    .iter()
                    .rposition(|c| c.label.as_deref() == Some(name.as_str()))
            }
        };
        if found.is_none() {
            match label {
                None => self.error(span, format!("`{what}` outside of a loop")),
                Some(l) => self.error(l.span(), format!("no enclosing loop has the label `{l}`")),
            }
        }
        found
    }

    fn jump_loop(&mut self, idx: usize, edge: LoopEdge, extra: Vec<Value>) {
        if self.cur.is_none() {
            return;
        }
        let ctx = &mut self.loops[idx];
        let t = match edge {
            LoopEdge::Break => &mut ctx.break_target,
            LoopEdge::Continue => &mut ctx.continue_target,
        };
        t.preds += 1;
        let (block, env_len) = (t.block, t.env_len);
        let mut args: Vec<Value> = self.env[..env_len].iter().map(|l| l.value).collect();
        args.extend(extra);
        self.finish(Exit::Goto(Link {
            target: block,
            args,
        }));
    }
}

/// `e` without parentheses.
fn strip(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::Paren(p) => strip(&p.expr),
        syn::Expr::Group(g) => strip(&g.expr),
        other => other,
    }
}
