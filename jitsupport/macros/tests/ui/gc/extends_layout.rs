// A subclass must start with its base: both `#[repr(C)]`, the base as the first field.

#[jitsupport::interpreter]
mod core {
    use jitsupport::{Gc, GcAny};

    #[repr(C)]
    pub struct Object {
        pub kind: i64,
    }

    #[extends(Object)]
    pub struct IntObj {
        pub value: i64,
        pub base: Object,
    }

    #[repr(C)]
    #[extends(Nothing)]
    pub struct Lost {
        pub x: i64,
    }

    pub fn f(x: GcAny) -> i64 {
        match x.downcast::<Object>() {
            Some(o) => o.kind,
            None => 0,
        }
    }

    pub fn g(v: i64) -> GcAny {
        GcAny::of(Gc::new(IntObj { value: v, base: Object { kind: 1 } }))
    }
}

fn main() {}
