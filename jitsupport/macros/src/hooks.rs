//! The driver hooks of the native interpreter: in each portal function, every
//! `can_enter_jit!(D; greens...; reds...)` becomes a block that, with the target's cargo
//! feature `jit`, asks the JIT (`runtime::enter_in_place`, cold and out of line, with the
//! words of the greens and reds in arrays it overwrites) what to do: nothing, go on
//! with new greens and reds (assigned to the variables declared `mut`; the others keep
//! their values), or return the portal's result. Without the feature the block is the
//! original no-op. A struct result comes back by address and is read with `ptr::read`.
//! A free portal function also gets a copy without hooks that runs when the JIT is off
//! ([`plain_copy`]).
//!
//! The call is the slow path. A free portal fetches its driver's counter table once per
//! call, at entry (a method, at its first `can_enter_jit`; `runtime::hot_table`), and each
//! hook hashes its
//! greens and counts in that table in line (`HotTable::count`, PyPy's inline counter
//! decrement): the JIT is called only when the count reaches the threshold or the slot
//! has cells in the warm state (compiled code may exist for a key hashing there), and
//! the warm state then counts the pass and decides exactly as without the fast path.
//!
//! A red that is a parameter bound without `mut` to a `&mut` reference (bf's `tape`, tl's
//! `frame`) reaches the JIT as the address of a copy of its pointee, moved back word by
//! word after the call (`jit::RedCopy`): the red's own address never escapes, so that
//! LLVM keeps its fields in registers through the dispatch loop (bf's tape position was
//! reloaded and stored at every op: 30 M of the 265 M instructions counting cost on a run
//! through 2400 loops).

use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashSet;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;

/// A portal function, as the hooks need it.
pub struct Portal {
    /// The function's name (`run`, or `Type::run` for a method).
    pub function: String,
    /// The index of its driver.
    pub driver: usize,
    /// The kinds of the greens' words in the driver's order (`::jitsupport::jitcode::Kind::Int`
    /// ...), for the in-line hash and the JIT.
    pub green_kinds: Vec<TokenStream>,
    /// The kinds of the reds' words in the driver's order.
    pub red_kinds: Vec<TokenStream>,
}

/// Rewrites the `can_enter_jit!` of the portal functions in `portals`.
pub fn rewrite(module: &mut syn::ItemMod, portals: &[Portal]) {
    let Some((_, items)) = &mut module.content else {
        return;
    };
    let structs: HashSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            _ => None,
        })
        .collect();
    let mut plain_copies = Vec::new();
    for item in items.iter_mut() {
        match item {
            syn::Item::Fn(f) => {
                let name = f.sig.ident.to_string();
                if let Some(portal) = portals.iter().find(|p| p.function == name) {
                    let plain = plain_copy(f);
                    let has_plain = plain.is_some();
                    plain_copies.extend(plain);
                    rewrite_fn(&f.sig, &mut f.block, portal, &structs, has_plain);
                }
            }
            syn::Item::Impl(imp) => {
                for it in imp.items.iter_mut() {
                    if let syn::ImplItem::Fn(f) = it {
                        let name = f.sig.ident.to_string();
                        let found = portals
                            .iter()
                            .find(|p| p.function.rsplit("::").next() == Some(name.as_str()));
                        if let Some(portal) = found {
                            rewrite_fn(&f.sig, &mut f.block, portal, &structs, false);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    items.extend(plain_copies.into_iter().map(syn::Item::Fn));
}

/// With the JIT off (`PYRITE_JIT=off`) a portal should run as fast as in a build without
/// the JIT, but its hooks, even when they only load a flag, call out with the reds'
/// addresses on a path of the loop, which keeps rustc from holding the reds' fields in
/// registers across the loop (bf's tape position: 70% slower). So a free portal function
/// gets a copy without hooks, `__pyrite_plain_NAME`, and the hooked one starts with a
/// jump to it when the JIT is off: one flag load per call of the portal. Portals that
/// take `self`, are generic or bind parameters with patterns keep only the hooked body.
fn plain_copy(f: &mut syn::ItemFn) -> Option<syn::ItemFn> {
    if !f.sig.generics.params.is_empty() || f.sig.asyncness.is_some() {
        return None;
    }
    let mut args = Vec::new();
    for input in &f.sig.inputs {
        match input {
            syn::FnArg::Typed(t) => match &*t.pat {
                syn::Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                    args.push(p.ident.clone());
                }
                _ => return None,
            },
            syn::FnArg::Receiver(_) => return None,
        }
    }
    let mut plain = f.clone();
    plain.sig.ident = syn::Ident::new(
        &format!("__pyrite_plain_{}", f.sig.ident),
        f.sig.ident.span(),
    );
    plain.vis = syn::Visibility::Inherited;
    plain.attrs.retain(|a| !a.path().is_ident("doc"));
    plain.attrs.push(syn::parse_quote!(#[doc(hidden)]));
    // Unused without the feature `jit`; a `cfg` on the item itself would trip
    // `unexpected_cfgs` in crates without that feature (an `allow` beside it does not
    // reach the `cfg`).
    plain.attrs.push(syn::parse_quote!(#[allow(dead_code)]));
    // Compiled on its own, as in a build without the JIT: inlined into the hooked
    // function, rustc optimizes the two loops together, and worse (bf: 60% slower).
    plain.attrs.retain(|a| !a.path().is_ident("inline"));
    plain.attrs.push(syn::parse_quote!(#[inline(never)]));
    let plain_name = &plain.sig.ident;
    let jump: syn::Stmt = syn::parse_quote! {
        #[allow(unexpected_cfgs)]
        {
            #[cfg(feature = "jit")]
            if !::jitsupport::jit::params::enabled() {
                return #plain_name(#(#args),*);
            }
        }
    };
    f.block.stmts.insert(0, jump);
    Some(plain)
}

fn rewrite_fn(
    sig: &syn::Signature,
    block: &mut syn::Block,
    portal: &Portal,
    structs: &HashSet<String>,
    has_plain: bool,
) {
    let mut mutable = HashSet::new();
    for input in &sig.inputs {
        if let syn::FnArg::Typed(t) = input {
            if let syn::Pat::Ident(p) = &*t.pat {
                if p.mutability.is_some() {
                    mutable.insert(p.ident.to_string());
                }
            }
        }
    }
    let mut lets = MutLets(&mut mutable);
    lets.visit_block_mut(block);
    // The parameters bound without `mut` to a `&mut` reference: as reds, the JIT gets a
    // copy of their pointee ([`Rewriter::copied`]).
    let copied = sig
        .inputs
        .iter()
        .filter_map(|input| match input {
            syn::FnArg::Typed(t) => match (&*t.pat, &*t.ty) {
                (syn::Pat::Ident(p), syn::Type::Reference(r))
                    if p.mutability.is_none()
                        && p.by_ref.is_none()
                        && p.subpat.is_none()
                        && r.mutability.is_some() =>
                {
                    Some(p.ident.to_string())
                }
                _ => None,
            },
            syn::FnArg::Receiver(_) => None,
        })
        .filter(|name| !mutable.contains(name))
        .filter(|_| {
            // A portal returning a reference might return a red: the JIT would hand back
            // the copy's address.
            !matches!(&sig.output, syn::ReturnType::Type(_, ty) if matches!(**ty, syn::Type::Reference(_)))
        })
        .collect();
    let mut rewriter = Rewriter {
        copied,
        mutable,
        driver: portal.driver,
        green_kinds: portal.green_kinds.clone(),
        red_kinds: portal.red_kinds.clone(),
        hooks: 0,
        has_plain,
        output: sig.output.clone(),
        returns_struct: match &sig.output {
            syn::ReturnType::Type(_, ty) => match &**ty {
                syn::Type::Path(p) => p
                    .path
                    .get_ident()
                    .is_some_and(|i| structs.contains(&i.to_string())),
                _ => false,
            },
            syn::ReturnType::Default => false,
        },
    };
    rewriter.visit_block_mut(block);
    if rewriter.hooks > 0 {
        let driver = portal.driver;
        let table: syn::Stmt = if has_plain {
            // The counter table of the fast path, fetched at entry: the JIT is on (else
            // the portal jumped to its plain copy).
            syn::parse_quote! {
                #[allow(unexpected_cfgs, unused_variables)]
                let __pyrite_hot = {
                    let __pyrite_hot = ();
                    #[cfg(feature = "jit")]
                    let __pyrite_hot = ::jitsupport::metainterp::runtime::hot_table(
                        &self::__pyrite::JITCODES,
                        #driver,
                    );
                    __pyrite_hot
                };
            }
        } else {
            // Fetched at the first `can_enter_jit` with the JIT on, so that a call that
            // never reaches one, or runs with the JIT off, pays nothing.
            syn::parse_quote! {
                #[allow(unused_mut, unused_variables)]
                let mut __pyrite_hot: ::core::option::Option<
                    &'static ::jitsupport::jit::HotTable,
                > = ::core::option::Option::None;
            }
        };
        // After the jump to the plain copy, if there is one.
        let at = usize::from(has_plain).min(block.stmts.len());
        block.stmts.insert(at, table);
    }
}

/// Collects the names bound by `let mut`.
struct MutLets<'a>(&'a mut HashSet<String>);

impl VisitMut for MutLets<'_> {
    fn visit_pat_ident_mut(&mut self, p: &mut syn::PatIdent) {
        if p.mutability.is_some() {
            self.0.insert(p.ident.to_string());
        }
    }
}

struct Rewriter {
    mutable: HashSet<String>,
    /// The reds that are parameters bound without `mut` (and never rebound with `let
    /// mut`) to a `&mut` reference (bf's `tape: &mut Tape`): the slow path hands the JIT
    /// a copy of the pointee and moves it back after the call
    /// (`::jitsupport::jit::RedCopy`), so that the pointee's address does not escape in
    /// the dispatch loop and rustc keeps its fields in registers on the fast path (bf
    /// reloaded its tape position at every op: +11% instructions while counting).
    copied: HashSet<String>,
    driver: usize,
    /// The kinds of the greens' words, for the in-line hash and the JIT.
    green_kinds: Vec<TokenStream>,
    /// The kinds of the reds' words, for the JIT.
    red_kinds: Vec<TokenStream>,
    /// How many hooks were rewritten.
    hooks: usize,
    /// The portal has a plain copy, to which it jumps at entry when the JIT is off: its
    /// hooks need not check that the JIT is on, and its counter table is fetched at entry.
    has_plain: bool,
    output: syn::ReturnType,
    /// The portal returns a struct of the module: the JIT hands back its address.
    returns_struct: bool,
}

impl Rewriter {
    fn hook(&mut self, mac: &syn::Macro) -> Option<TokenStream> {
        if mac.path.segments.last()?.ident != "can_enter_jit" {
            return None;
        }
        let text = mac.tokens.to_string();
        let mut parts = text.split(';');
        let _driver = parts.next()?;
        let names = |s: Option<&str>| -> Vec<syn::Ident> {
            s.unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .filter_map(|n| syn::parse_str::<syn::Ident>(n).ok())
                .collect()
        };
        let greens = names(parts.next());
        let reds = names(parts.next());
        let driver = self.driver;
        self.hooks += 1;
        let assign = |vars: &[syn::Ident], words: TokenStream| -> Vec<TokenStream> {
            vars.iter()
                .enumerate()
                .filter(|(_, v)| self.mutable.contains(&v.to_string()))
                .map(|(k, v)| {
                    quote! {
                        // Safety: the JIT hands back the words of the variables' values.
                        #v = unsafe { ::jitsupport::metainterp::runtime::Word::from_word(#words[#k]) };
                    }
                })
                .collect()
        };
        let set_greens = assign(&greens, quote!(__pyrite_greens));
        let set_reds = assign(&reds, quote!(__pyrite_reds));
        let ret = match &self.output {
            syn::ReturnType::Default => quote!(return),
            syn::ReturnType::Type(_, ty) if is_word_type(ty) => quote! {
                // Safety: the portal's jitcode returned a value of this type.
                return unsafe { <#ty as ::jitsupport::metainterp::runtime::Word>::from_word(__pyrite_word) }
            },
            syn::ReturnType::Type(_, ty) if self.returns_struct => quote! {
                // Safety: the portal's jitcode returned the address of a value of this type.
                return unsafe { ::core::ptr::read(__pyrite_word as usize as *const #ty) }
            },
            // Enums, `Option`s and tuples come back from jitcode in other shapes (a
            // discriminant, several words) that the hook does not decode yet: refuse
            // them in a JIT build rather than misread them.
            syn::ReturnType::Type(_, ty) => quote::quote_spanned! {ty.span()=>
                ::core::compile_error!(
                    "with the JIT (cargo feature `jit`), a portal must return (), a primitive \
                     or a struct of the interpreter module; wrap this result in a struct"
                )
            },
        };
        let kinds = &self.green_kinds;
        let red_kinds = &self.red_kinds;
        let table = if self.has_plain {
            quote!(__pyrite_hot)
        } else {
            quote! {
                __pyrite_hot.get_or_insert_with(|| {
                    ::jitsupport::metainterp::runtime::hot_table(&self::__pyrite::JITCODES, #driver)
                })
            }
        };
        let green_words = quote!([#(::jitsupport::metainterp::runtime::Word::to_word(&#greens)),*]);
        let is_copied = |v: &syn::Ident| {
            let name = v.to_string();
            self.copied.contains(&name) && !self.mutable.contains(&name)
        };
        let copies: Vec<TokenStream> = reds
            .iter()
            .filter(|v| is_copied(v))
            .map(|v| {
                let c = quote::format_ident!("__pyrite_copy_{}", v);
                let slot = quote::format_ident!("__pyrite_slot_{}", v);
                quote! {
                    // Safety: `#v` is a `&mut` parameter, not used until the copy is
                    // dropped.
                    let mut #slot = ::core::mem::MaybeUninit::uninit();
                    let mut #c = unsafe {
                        ::jitsupport::jit::RedCopy::new(&mut *#v as *mut _, &mut #slot)
                    };
                }
            })
            .collect();
        let red_words: Vec<TokenStream> = reds
            .iter()
            .map(|v| {
                if is_copied(v) {
                    let c = quote::format_ident!("__pyrite_copy_{}", v);
                    quote!(#c.word())
                } else {
                    quote!(::jitsupport::metainterp::runtime::Word::to_word(&#v))
                }
            })
            .collect();
        let hook = quote! {
            // The fast path: count in line, and call the JIT only when the count reaches
            // the threshold or the JIT knows something about the slot.
            let __pyrite_counted = #table.count(::jitsupport::metainterp::runtime::green_hash(
                &[#(#kinds),*],
                &#green_words,
            ));
            if !__pyrite_counted {
                let mut __pyrite_greens = #green_words;
                let (__pyrite_exit, __pyrite_reds) = {
                    #(#copies)*
                    let mut __pyrite_reds = [#(#red_words),*];
                    // Safety: the words are the portal's variables at this point (or
                    // copies of their pointees), and `JITCODES` is this module's registry.
                    let __pyrite_exit = unsafe {
                        ::jitsupport::metainterp::runtime::enter_in_place(
                            &self::__pyrite::JITCODES,
                            #driver,
                            &[#(#kinds),*],
                            &[#(#red_kinds),*],
                            &mut __pyrite_greens,
                            &mut __pyrite_reds,
                        )
                    };
                    // The copies move back here.
                    (__pyrite_exit, __pyrite_reds)
                };
                match __pyrite_exit {
                    ::jitsupport::metainterp::runtime::HookExit::Interpret => {}
                    ::jitsupport::metainterp::runtime::HookExit::Continue => {
                        let _ = (&__pyrite_greens, &__pyrite_reds);
                        #(#set_greens)*
                        #(#set_reds)*
                    }
                    ::jitsupport::metainterp::runtime::HookExit::Return(__pyrite_word) => {
                        #ret
                    }
                }
            }
        };
        let hook = if !self.has_plain {
            // With the JIT off (`PYRITE_JIT=off`) the hook is one load and a branch.
            quote! {
                if ::jitsupport::jit::params::enabled() {
                    #hook
                }
            }
        } else {
            // The portal jumped to its plain copy if the JIT was off at its entry; if the
            // JIT is turned off since, the hook counts, and the JIT, called when the count
            // trips, refuses.
            quote!({ #hook })
        };
        Some(quote! {{
            #mac;
            #[allow(unexpected_cfgs)]
            {
                #[cfg(feature = "jit")]
                #hook
            }
        }})
    }
}

fn is_word_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) => p.path.get_ident().is_some_and(|i| {
            matches!(
                i.to_string().as_str(),
                "i8" | "i16"
                    | "i32"
                    | "i64"
                    | "isize"
                    | "u8"
                    | "u16"
                    | "u32"
                    | "u64"
                    | "usize"
                    | "bool"
                    | "char"
                    | "f32"
                    | "f64"
            )
        }),
        syn::Type::Reference(_) => true,
        _ => false,
    }
}

impl VisitMut for Rewriter {
    fn visit_stmt_mut(&mut self, stmt: &mut syn::Stmt) {
        if let syn::Stmt::Macro(m) = stmt {
            if let Some(tokens) = self.hook(&m.mac) {
                if let Ok(block) = syn::parse2::<syn::Expr>(tokens) {
                    *stmt = syn::Stmt::Expr(block, None);
                    return;
                }
            }
        }
        syn::visit_mut::visit_stmt_mut(self, stmt);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::Macro(m) = expr {
            if let Some(tokens) = self.hook(&m.mac) {
                if let Ok(block) = syn::parse2::<syn::Expr>(tokens) {
                    *expr = block;
                    return;
                }
            }
        }
        syn::visit_mut::visit_expr_mut(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hooked portals of `source` (a module with one portal function `run`), as text.
    fn rewritten(source: &str) -> String {
        let mut module: syn::ItemMod = syn::parse_str(source).expect("a module");
        let portal = Portal {
            function: "run".to_string(),
            driver: 0,
            green_kinds: vec![quote!(::jitsupport::jitcode::Kind::Int)],
            red_kinds: vec![quote!(::jitsupport::jitcode::Kind::Ref)],
        };
        rewrite(&mut module, &[portal]);
        quote!(#module).to_string()
    }

    #[test]
    fn a_mut_reference_red_reaches_the_jit_as_a_copy() {
        let text = rewritten(
            "mod core { pub struct Tape { pub position: usize }
             pub fn run(pc: usize, tape: &mut Tape) -> usize {
                 loop { can_enter_jit!(DRIVER; pc; tape); }
             } }",
        );
        assert!(
            text.contains("RedCopy :: new (& mut * tape as * mut _"),
            "{text}"
        );
        assert!(text.contains("__pyrite_copy_tape . word ()"), "{text}");
        assert!(!text.contains("to_word (& tape)"), "{text}");
    }

    #[test]
    fn a_red_that_may_be_rebound_or_returned_is_passed_as_it_is() {
        for source in [
            // Rebound from the JIT's words.
            "mod core { pub fn run(pc: usize, mut tape: &mut Tape) -> usize {
                 loop { can_enter_jit!(DRIVER; pc; tape); }
             } }",
            "mod core { pub fn run(pc: usize, tape: &mut Tape) -> usize {
                 let mut tape = tape;
                 loop { can_enter_jit!(DRIVER; pc; tape); }
             } }",
            // The JIT could return the red.
            "mod core { pub fn run(pc: usize, tape: &mut Tape) -> &mut Tape {
                 loop { can_enter_jit!(DRIVER; pc; tape); }
             } }",
            // A shared reference.
            "mod core { pub fn run(pc: usize, tape: &Tape) -> usize {
                 loop { can_enter_jit!(DRIVER; pc; tape); }
             } }",
        ] {
            let text = rewritten(source);
            assert!(!text.contains("RedCopy"), "{text}");
            assert!(text.contains("to_word (& tape)"), "{text}");
        }
    }
}
