// golden: graphs
mod m {
    use jitsupport::{Gc, GcAny, GcCell};

    struct IntObj {
        value: i64,
    }

    struct Cons {
        head: GcAny,
        tail: GcCell<Option<GcAny>>,
    }

    fn box_int(value: i64) -> GcAny {
        GcAny::of(Gc::new(IntObj { value }))
    }

    fn first_int(x: GcAny) -> i64 {
        if let Some(i) = x.downcast::<IntObj>() {
            i.value
        } else if let Some(c) = x.downcast::<Cons>() {
            match c.head.downcast::<IntObj>() {
                Some(i) => i.value,
                None => -1,
            }
        } else {
            -2
        }
    }

    fn is_cons(x: GcAny, y: GcAny) -> bool {
        x.is::<Cons>() && !GcAny::ptr_eq(x, y)
    }
}
// ---- expected ----
// fn box_int(v2: i64) -> GcAny {
// block0(v2: i64):
//     v3: Gc<IntObj> = new_gc(v2)
//     v4: GcAny = to_any(v3)
//     goto return(v4)
// return(v0: GcAny):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn first_int(v2: GcAny) -> i64 {
// block0(v2: GcAny):
//     v3: Option<Gc<IntObj>> = gc_downcast(v2)
//     switch v3:
//         Some => block4(v3)
//         _ => block3(v2)
// block4(v9: Option<Gc<IntObj>>):
//     v10: Gc<IntObj> = variant_field[Option::Some.0](v9)
//     v11: i64 = getfield[.value](v10)
//     goto return(v11)
// block3(v6: GcAny):
//     v12: Option<Gc<Cons>> = gc_downcast(v6)
//     switch v12:
//         Some => block5(v12)
//         _ => return(-2_i64)
// block5(v21: Option<Gc<Cons>>):
//     v22: Gc<Cons> = variant_field[Option::Some.0](v21)
//     v23: GcAny = getfield[.head](v22)
//     v24: Option<Gc<IntObj>> = gc_downcast(v23)
//     switch v24:
//         Some => block6(v24)
//         None => return(-1_i64)
// block6(v36: Option<Gc<IntObj>>):
//     v43: Gc<IntObj> = variant_field[Option::Some.0](v36)
//     v51: i64 = getfield[.value](v43)
//     goto return(v51)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn is_cons(v2: GcAny, v3: GcAny) -> bool {
// block0(v2: GcAny, v3: GcAny):
//     v4: bool = gc_is(v2)
//     if v4 then block3(v2, v3) else return(false)
// block3(v5: GcAny, v6: GcAny):
//     v10: bool = eq(v5, v6)
//     v11: bool = not(v10)
//     goto return(v11)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
