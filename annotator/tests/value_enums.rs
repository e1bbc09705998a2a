//! Which enums are value enums (`Program::is_value_enum`): a `Copy` enum with payload and
//! an integer repr whose payloads are flat, GC strings and string builders included.

use annotator::{Diagnostics, Program, Type};

fn program(module: syn::ItemMod) -> Program {
    let mut diag = Diagnostics::new();
    let p = Program::collect(&module, &mut diag);
    assert!(!diag.has_errors(), "bad test module");
    p
}

#[test]
fn an_enum_with_a_string_payload_is_a_value_enum() {
    let p = program(syn::parse_quote! {
        mod core {
            use jitsupport::{GcAny, GcStr, StrBuilder};
            #[repr(u8)]
            #[derive(Clone, Copy)]
            pub enum Value { Nil, Int(i64), Float(f64), Str(GcStr), Obj(GcAny) }
            #[repr(u8)]
            #[derive(Clone, Copy)]
            pub enum Maybe { No, Name(Option<GcStr>), Building(StrBuilder) }
            #[repr(u8)]
            #[derive(Clone, Copy)]
            pub enum Instr { Push(Value), Pop }
            #[repr(u8)]
            pub enum NotCopy { Str(GcStr) }
        }
    });
    for name in ["Value", "Maybe", "Instr"] {
        assert!(p.is_value_enum(&Type::Enum(name.into())), "{name}");
    }
    assert!(!p.is_value_enum(&Type::Enum("NotCopy".into())));
}
