//! Sugar the subset accepts by rewriting it into constructs the builder already has,
//! as rustc's own desugaring does: `Option`'s `is_some`, `is_none`, `unwrap_or`,
//! `unwrap_or_else`, `map` and `matches!` become `match` expressions, a range's
//! `contains` two comparisons. The rewritten
//! tokens carry the span of the call, so errors inside point at it; the user's
//! sub-expressions keep their own spans.

use super::Builder;
use crate::model::Value;
use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

impl Builder<'_> {
    /// `x.is_some()`, `x.map(f)`, ...: the value of the `match` it stands for, or `None`
    /// if `name` is not one of these methods (with that many arguments).
    pub(super) fn option_method(&mut self, m: &syn::ExprMethodCall, name: &str) -> Option<Value> {
        let span = m.span();
        let x = &m.receiver;
        let args: Vec<&syn::Expr> = m.args.iter().collect();
        let tokens = match (name, args.as_slice()) {
            ("is_some", []) => quote_spanned! {span=>
                match #x { Some(_) => true, None => false }
            },
            ("is_none", []) => quote_spanned! {span=>
                match #x { Some(_) => false, None => true }
            },
            ("is_ok", []) => quote_spanned! {span=>
                match #x { Ok(_) => true, Err(_) => false }
            },
            ("is_err", []) => quote_spanned! {span=>
                match #x { Ok(_) => false, Err(_) => true }
            },
            // The receiver, then the default, are evaluated before the match, as in Rust.
            ("unwrap_or", [d]) => quote_spanned! {span=>
                {
                    let __pyrite_option = #x;
                    let __pyrite_default = #d;
                    match __pyrite_option { Some(__pyrite_v) => __pyrite_v, None => __pyrite_default }
                }
            },
            ("unwrap_or_else", [f]) => {
                let none = match f {
                    syn::Expr::Closure(c) if c.inputs.is_empty() => {
                        let body = &c.body;
                        quote!(#body)
                    }
                    other => quote_spanned!(other.span()=> #other()),
                };
                quote_spanned! {span=>
                    match #x { Some(__pyrite_v) => __pyrite_v, None => #none }
                }
            }
            ("map", [f]) => {
                let (pat, body) = match f {
                    syn::Expr::Closure(c) if c.inputs.len() == 1 => {
                        let pat = strip_type(&c.inputs[0]);
                        let body = &c.body;
                        (pat, quote!(#body))
                    }
                    syn::Expr::Closure(c) => {
                        self.error(
                            c.span(),
                            "the closure given to `Option::map` must take one argument",
                        );
                        return Some(self.unit(span));
                    }
                    other => (
                        quote!(__pyrite_v),
                        quote_spanned!(other.span()=> #other(__pyrite_v)),
                    ),
                };
                quote_spanned! {span=>
                    match #x { Some(#pat) => Some(#body), None => None }
                }
            }
            _ => return None,
        };
        Some(self.desugared(tokens, span))
    }

    /// `(a..b).contains(&x)`, `(a..=b)`, `(a..)`, `(..b)`: `x` is evaluated once and
    /// compared with the bounds (`a <= x && x < b`), or `None` if the receiver is not a
    /// range.
    pub(super) fn range_contains(&mut self, m: &syn::ExprMethodCall) -> Option<Value> {
        let mut recv = &*m.receiver;
        while let syn::Expr::Paren(p) = recv {
            recv = &p.expr;
        }
        let syn::Expr::Range(r) = recv else {
            return None;
        };
        let span = m.span();
        let [x] = m.args.iter().collect::<Vec<_>>()[..] else {
            return Some(self.unsupported(span, "`contains` of a range takes one argument"));
        };
        let low = r
            .start
            .as_ref()
            .map(|a| quote_spanned!(a.span()=> #a <= __pyrite_x));
        let high = r.end.as_ref().map(|b| match r.limits {
            syn::RangeLimits::HalfOpen(_) => quote_spanned!(b.span()=> __pyrite_x < #b),
            syn::RangeLimits::Closed(_) => quote_spanned!(b.span()=> __pyrite_x <= #b),
        });
        let test = match (low, high) {
            (Some(l), Some(h)) => quote!(#l && #h),
            (Some(t), None) | (None, Some(t)) => t,
            (None, None) => quote!(true),
        };
        let tokens = quote_spanned! {span=>
            {
                let __pyrite_x = *(#x);
                #test
            }
        };
        Some(self.desugared(tokens, span))
    }

    /// `matches!(x, pattern)` and `matches!(x, pattern if guard)`.
    pub(super) fn matches_macro(&mut self, mac: &syn::Macro, span: Span) -> Value {
        let tokens: Vec<proc_macro2::TokenTree> = mac.tokens.clone().into_iter().collect();
        let comma = tokens
            .iter()
            .position(|t| matches!(t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ','));
        let Some(comma) = comma else {
            return self.unsupported(
                span,
                "`matches!` takes a value and a pattern: `matches!(x, P)`",
            );
        };
        let x: TokenStream = tokens[..comma].iter().cloned().collect();
        let arm: TokenStream = tokens[comma + 1..].iter().cloned().collect();
        let tokens = quote_spanned! {span=>
            match #x { #arm => true, _ => false }
        };
        self.desugared(tokens, span)
    }

    /// `for p in s.bytes()`, `for &p in e`, `for &p in e.iter()`, `for p in e.iter()`
    /// and `for p in &e` over anything with `len()` and indexing (a `&[u8]`, a `List`,
    /// an array): a `while` loop over an index, the index stepped before the body so
    /// that `continue` moves on; `p` binds the item (`&p`, `.bytes()`) or a reference
    /// to it. `None` when the loop is not of these forms.
    pub(super) fn for_items(&mut self, f: &syn::ExprForLoop) -> Option<Value> {
        let span = f.span();
        let (seq, by_value_pat) = match (&*f.expr, &*f.pat) {
            (syn::Expr::MethodCall(m), p) if m.method == "bytes" && m.args.is_empty() => {
                let r = &m.receiver;
                (quote_spanned!(m.span()=> #r.as_bytes()), quote!(#p))
            }
            (syn::Expr::MethodCall(m), syn::Pat::Reference(r))
                if m.method == "iter" && m.args.is_empty() =>
            {
                let e = &m.receiver;
                let p = &r.pat;
                (quote!(#e), quote!(#p))
            }
            (syn::Expr::MethodCall(m), p) if m.method == "iter" && m.args.is_empty() => {
                let e = &m.receiver;
                let item = quote!(&__pyrite_seq[__pyrite_i]);
                return Some(self.index_loop(f, quote!(#e), quote!(#p), item, span));
            }
            (syn::Expr::Reference(e), p) if !matches!(p, syn::Pat::Reference(_)) => {
                let e = &e.expr;
                let item = quote!(&__pyrite_seq[__pyrite_i]);
                return Some(self.index_loop(f, quote!(&#e), quote!(#p), item, span));
            }
            (e, syn::Pat::Reference(r)) if !matches!(e, syn::Expr::Range(_)) => {
                let p = &r.pat;
                (quote!(#e), quote!(#p))
            }
            _ => return None,
        };
        let item = quote!(__pyrite_seq[__pyrite_i]);
        Some(self.index_loop(f, seq, by_value_pat, item, span))
    }

    fn index_loop(
        &mut self,
        f: &syn::ExprForLoop,
        seq: TokenStream,
        pat: TokenStream,
        item: TokenStream,
        span: Span,
    ) -> Value {
        let label = &f.label;
        let body = &f.body;
        let tokens = quote_spanned! {span=>
            {
                let __pyrite_seq = #seq;
                let mut __pyrite_i: usize = 0;
                #label while __pyrite_i < __pyrite_seq.len() {
                    let #pat = #item;
                    __pyrite_i += 1;
                    #body
                }
            }
        };
        self.desugared(tokens, span)
    }

    /// Builds the expression `tokens` stand for.
    fn desugared(&mut self, tokens: TokenStream, span: Span) -> Value {
        match syn::parse2::<syn::Expr>(tokens) {
            Ok(e) => self.expr(&e),
            Err(err) => self.unsupported(
                span,
                format!(
                    "this does not parse as the subset writes it ({err}); write the `match` out"
                ),
            ),
        }
    }
}

/// A closure parameter as a pattern: `|v: i64|` is matched as `v`.
fn strip_type(p: &syn::Pat) -> TokenStream {
    match p {
        syn::Pat::Type(t) => {
            let inner = &t.pat;
            quote!(#inner)
        }
        other => quote!(#other),
    }
}
