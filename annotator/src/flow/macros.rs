//! Macros: `assert!` and friends, `panic!`-like macros, and the driver macros
//! `jit_merge_point!` / `can_enter_jit!`.

use super::Builder;
use crate::model::Value;
use crate::ops::OpKind;
use proc_macro2::Span;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::Token;

/// The arguments of a driver macro: `DRIVER; green, ...; red, ...`.
struct DriverArgs {
    driver: syn::Ident,
    greens: Vec<syn::Ident>,
    reds: Vec<syn::Ident>,
}

impl Parse for DriverArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let driver: syn::Ident = input.parse()?;
        input.parse::<Token![;]>()?;
        let mut greens = Vec::new();
        while !input.peek(Token![;]) {
            greens.push(input.parse::<syn::Ident>()?);
            if !input.peek(Token![;]) {
                input.parse::<Token![,]>()?;
            }
        }
        input.parse::<Token![;]>()?;
        let reds: Punctuated<syn::Ident, Token![,]> = Punctuated::parse_terminated(input)?;
        Ok(DriverArgs {
            driver,
            greens,
            reds: reds.into_iter().collect(),
        })
    }
}

impl Builder<'_> {
    /// A macro call in statement or expression position.
    pub(super) fn macro_call(&mut self, mac: &syn::Macro, span: Span) -> Value {
        let segs: Vec<String> = mac
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        let name = match segs.as_slice() {
            [n] => n.as_str(),
            [std, n] if std == "std" || std == "core" || std == "jitsupport" => n.as_str(),
            _ => "",
        };
        match name {
            "assert" | "assert_eq" | "assert_ne" => self.assert_macro(mac, name, span),
            // Release semantics: `debug_assert*!` compile to nothing.
            "debug_assert" | "debug_assert_eq" | "debug_assert_ne" => self.unit(span),
            "panic" => self.panic_macro(mac, "explicit panic", "", span),
            "unreachable" => self.panic_macro(
                mac,
                "internal error: entered unreachable code",
                "internal error: entered unreachable code: ",
                span,
            ),
            "todo" => self.panic_macro(mac, "not yet implemented", "not yet implemented: ", span),
            "unimplemented" => self.panic_macro(mac, "not implemented", "not implemented: ", span),
            "matches" => self.matches_macro(mac, span),
            // The store; the codewriter adds the invalidation of a quasi-immutable field.
            "quasi_write" => match mac.parse_body::<syn::Expr>() {
                Ok(syn::Expr::Assign(a)) => self.assign(&a),
                Ok(e @ syn::Expr::MethodCall(_)) => self.expr(&e),
                _ => self.unsupported(
                    span,
                    "write `quasi_write!(object.field = value)` (an assignment to a field) \
                     or `quasi_write!(object.field.set(value))` (a GcCell field)",
                ),
            },
            "jit_merge_point" => self.driver_macro(mac, true, span),
            "can_enter_jit" => self.driver_macro(mac, false, span),
            _ => {
                let text = quote::quote!(#mac).to_string();
                let shown = text.split('!').next().unwrap_or(&text).replace(' ', "");
                self.unsupported(
                    mac.path.span(),
                    format!(
                        "the macro `{shown}!` is not supported in an interpreter module; \
                         move this code into a function outside the module (calls out of \
                         the module are opaque to the JIT) or mark the function \
                         #[dont_look_inside]"
                    ),
                )
            }
        }
    }

    fn macro_args(&mut self, mac: &syn::Macro) -> Option<Vec<syn::Expr>> {
        match mac.parse_body_with(Punctuated::<syn::Expr, Token![,]>::parse_terminated) {
            Ok(args) => Some(args.into_iter().collect()),
            Err(e) => {
                self.diag.push(e);
                None
            }
        }
    }

    /// The message of a panic-like macro: its format string (arguments are not
    /// formatted), after `prefix`; `default` without arguments.
    fn message(&mut self, args: &[syn::Expr], default: &str, prefix: &str) -> String {
        match args.first() {
            None => default.to_string(),
            Some(syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            })) => format!("{prefix}{}", s.value()),
            Some(other) => {
                self.error(other.span(), "the message must be a string literal");
                default.to_string()
            }
        }
    }

    fn panic_macro(&mut self, mac: &syn::Macro, default: &str, prefix: &str, span: Span) -> Value {
        let Some(args) = self.macro_args(mac) else {
            return self.unit(span);
        };
        let msg = self.message(&args, default, prefix);
        if self.cur.is_some() {
            self.panic_with(&msg, span);
        }
        self.unit(span)
    }

    /// `assert!(c)`, `assert!(c, "msg")`, `assert_eq!(a, b)`, `assert_ne!(a, b, "msg")`.
    fn assert_macro(&mut self, mac: &syn::Macro, name: &str, span: Span) -> Value {
        let Some(args) = self.macro_args(mac) else {
            return self.unit(span);
        };
        let (cond, rest): (Value, &[syn::Expr]) = if name == "assert" {
            let Some(c) = args.first() else {
                return self.unsupported(span, "`assert!` needs a condition");
            };
            let v = self.expr(c);
            (v, &args[1..])
        } else {
            if args.len() < 2 {
                return self.unsupported(span, format!("`{name}!` needs two values"));
            }
            let ab = self.operands(&args[..2]);
            let kind = if name == "assert_eq" {
                OpKind::Eq
            } else {
                OpKind::Ne
            };
            (self.opv(kind, ab, span), &args[2..])
        };
        let default = match name {
            "assert" => format!(
                "assertion failed: {}",
                args.first()
                    .map_or(String::new(), |c| quote::quote!(#c).to_string())
            ),
            "assert_eq" => "assertion `left == right` failed".to_string(),
            _ => "assertion `left != right` failed".to_string(),
        };
        let msg = if name == "assert" {
            self.message(rest, &default, "")
        } else {
            let prefix = format!("{default}: ");
            self.message(rest, &default, &prefix)
        };
        let mut ok = self.target(0);
        let mut fail = self.target(0);
        self.if_exit(cond, &mut ok, &mut fail);
        self.enter(&fail);
        if self.cur.is_some() {
            self.panic_with(&msg, span);
        }
        self.enter(&ok);
        self.unit(span)
    }

    /// `jit_merge_point!(DRIVER; greens; reds)` and `can_enter_jit!(...)`: checks the
    /// names against the driver and emits the op with greens then reds as arguments.
    fn driver_macro(&mut self, mac: &syn::Macro, merge_point: bool, span: Span) -> Value {
        let what = if merge_point {
            "jit_merge_point"
        } else {
            "can_enter_jit"
        };
        let args: DriverArgs = match mac.parse_body() {
            Ok(a) => a,
            Err(e) => {
                self.error(
                    e.span(),
                    format!(
                        "`{what}!` takes `DRIVER; green, ...; red, ...` (the driver's \
                         variables, in its order): {e}"
                    ),
                );
                return self.unit(span);
            }
        };
        let driver_name = args.driver.to_string();
        let Some(driver) = self.program.driver(&driver_name) else {
            return self.unsupported(
                args.driver.span(),
                format!(
                    "`{driver_name}` is not a JIT driver of this module; declare it as \
                     `static {driver_name}: JitDriver = JitDriver::new(&[greens], &[reds]);`"
                ),
            );
        };
        let driver = driver.clone();
        let mut ok = true;
        let check = |b: &mut Self, given: &[syn::Ident], want: &[String], kind: &str| -> bool {
            let names: Vec<String> = given.iter().map(ToString::to_string).collect();
            if names != want {
                let at = given.first().map_or(span, |i| i.span());
                b.error(
                    at,
                    format!(
                        "the {kind} of `{what}!` must be the {kind} of `{}` in its order: \
                         `{}`, but `{}` is given",
                        driver.name,
                        want.join(", "),
                        names.join(", ")
                    ),
                );
                return false;
            }
            true
        };
        ok &= check(self, &args.greens, &driver.greens, "greens");
        ok &= check(self, &args.reds, &driver.reds, "reds");
        let mut values = Vec::new();
        for id in args.greens.iter().chain(&args.reds) {
            match self.lookup(&id.to_string()) {
                Some(i) => values.push(self.env[i].value),
                None => {
                    ok = false;
                    self.error(
                        id.span(),
                        format!(
                            "`{id}` is not a local variable in scope here; the greens and \
                             reds of `{what}!` must be locals"
                        ),
                    );
                }
            }
        }
        if merge_point {
            if self.loops.is_empty() {
                ok = false;
                self.error(
                    span,
                    "`jit_merge_point!` must be inside the interpreter's dispatch loop, at \
                     the start of the loop body",
                );
            }
            if self.module.merge_points.contains_key(&driver_name) {
                ok = false;
                self.error(
                    span,
                    format!(
                        "a second `jit_merge_point!` for `{driver_name}`: a driver has \
                         exactly one merge point; use `can_enter_jit!` at other loop heads"
                    ),
                );
            } else {
                self.module.merge_points.insert(driver_name.clone(), span);
            }
        }
        if ok {
            let kind = if merge_point {
                OpKind::JitMergePoint(driver_name)
            } else {
                OpKind::CanEnterJit(driver_name)
            };
            self.op(kind, values, span);
        }
        self.unit(span)
    }
}
