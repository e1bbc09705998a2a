// golden: graphs
mod m {
    use jitsupport::{Gc, GcAny, GcArray, GcCell};

    #[repr(u8)]
    #[derive(Clone, Copy)]
    enum Value {
        Int(i64),
        Float(f64),
        Obj(GcAny),
        Nil,
    }

    struct Boxed {
        n: i64,
    }

    struct Regs {
        first: Value,
        slots: GcArray<Value>,
        last: GcCell<Value>,
    }

    // A variant literal is its leaves: no allocation.
    fn make(n: i64) -> Value {
        if n > 0 {
            Value::Int(n)
        } else {
            Value::Float(n as f64)
        }
    }

    // A match reads the tag leaf and the payload leaves.
    fn as_int(v: Value) -> i64 {
        match v {
            Value::Int(i) => i,
            Value::Float(f) => f as i64,
            Value::Obj(o) => match o.downcast::<Boxed>() {
                Some(b) => b.n,
                None => -1,
            },
            Value::Nil => 0,
        }
    }

    // Reads switch on the stored tag; writes switch on the value's tag (none for a
    // literal).
    fn shuffle(r: Gc<Regs>, i: usize) -> i64 {
        let v = r.slots.get(i);
        r.slots.set(0, r.first);
        r.last.set(v);
        r.slots.set(1, Value::Nil);
        as_int(v) + as_int(make(3))
    }
}
// ---- expected ----
// fn make(v2: i64) -> Value {
// block0(v2: i64):
//     v7: bool = gt(v2, 0_i64)
//     if v7 then block3(v2) else block4(v2)
// block3(v3: i64):
//     v8: Value = new_variant[Value::Int](v3)
//     goto return(v8)
// block4(v4: i64):
//     v9: f64 = cast[f64](v4)
//     v10: Value = new_variant[Value::Float](v9)
//     goto return(v10)
// return(v0: Value):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn as_int(v2: Value) -> i64 {
// block0(v2: Value):
//     switch v2:
//         Int => block3(v2)
//         Float => block4(v2)
//         Obj => block5(v2)
//         Nil => return(0_i64)
// block3(v6: Value):
//     v13: i64 = variant_field[Value::Int.0](v6)
//     goto return(v13)
// block4(v8: Value):
//     v17: f64 = variant_field[Value::Float.0](v8)
//     v21: i64 = cast[i64](v17)
//     goto return(v21)
// block5(v10: Value):
//     v22: GcAny = variant_field[Value::Obj.0](v10)
//     v26: Option<Gc<Boxed>> = gc_downcast(v22)
//     switch v26:
//         Some => block6(v26)
//         None => return(-1_i64)
// block6(v36: Option<Gc<Boxed>>):
//     v42: Gc<Boxed> = variant_field[Option::Some.0](v36)
//     v49: i64 = getfield[.n](v42)
//     goto return(v49)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn shuffle(v2: Gc<Regs>, v3: usize) -> i64 {
// block0(v2: Gc<Regs>, v3: usize):
//     v4: GcArray<Value> = getfield[.slots](v2)
//     v5: Value = getitem(v4, v3)
//     v6: GcArray<Value> = getfield[.slots](v2)
//     v7: Value = getfield[.first](v2)
//     v8: () = setitem(v6, 0_usize, v7)
//     v9: GcCell<Value> = getfield[.last](v2)
//     v10: () = cell_set(v9, v5)
//     v11: GcArray<Value> = getfield[.slots](v2)
//     v12: Value = new_variant[Value::Nil]()
//     v13: () = setitem(v11, 1_usize, v12)
//     v14: i64 = call[as_int](v5)
//     v15: Value = call[make](3_i64)
//     v16: i64 = call[as_int](v15)
//     v17: i64 = add(v14, v16)
//     goto return(v17)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
