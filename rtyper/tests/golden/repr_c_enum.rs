// golden: lltypes
mod m {
    #[repr(C, u8)]
    enum Value {
        Int(i64),
        Float(f64),
        Pair(u8, u32),
        Nil,
    }

    fn as_float(v: &Value) -> f64 {
        match v {
            Value::Int(i) => *i as f64,
            Value::Float(f) => *f,
            Value::Pair(a, b) => (*a as u32 + *b) as f64,
            Value::Nil => 0.0,
        }
    }
}
// ---- expected ----
// fn as_float(r0: &Value) -> f64 {
// block0(r0: &Value):
//     i1: u8 = getfield_i(r0, descr=<Field Value.tag 0>)
//     switch i1:
//         0 /* Int */ => block1(r0)
//         1 /* Float */ => block2(r0)
//         2 /* Pair */ => block3(r0)
//         3 /* Nil */ => return(0.0)
// block1(r2: &Value):
//     i3: i64 = getfield_i(r2, descr=<Field Value::Int.0 offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Int_Fields, 0)>)
//     f4: f64 = cast_int_to_float(i3)
//     goto return(f4)
// block2(r5: &Value):
//     f6: f64 = getfield_f(r5, descr=<Field Value::Float.0 offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Float_Fields, 0)>)
//     goto return(f6)
// block3(r7: &Value):
//     i8: u8 = getfield_i(r7, descr=<Field Value::Pair.0 offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Pair_Fields, 0)>)
//     i9: u32 = getfield_i(r7, descr=<Field Value::Pair.1 offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Pair_Fields, 1)>)
//     i10: u32 = int_add(i8, i9)
//     i11: u32 = int_and(i10, 4294967295)
//     f12: f64 = cast_int_to_float(i11)
//     goto return(f12)
// return(f13: f64):
//     return f13
// panic(r14: &str):
//     panic r14
// }
//
// layout enum Value #[repr(C, u8)]: size_of::<Value>(), tag u8 at 0
//     Int = 0 (mirror __Value_Int_Fields)
//         0: i64 (int signed) at offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Int_Fields, 0), size 8
//     Float = 1 (mirror __Value_Float_Fields)
//         0: f64 (float) at offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Float_Fields, 0), size 8
//     Pair = 2 (mirror __Value_Pair_Fields)
//         0: u8 (int) at offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Pair_Fields, 0), size 1
//         1: u32 (int) at offset_of!(__Value_Tagged, 1) + offset_of!(__Value_Pair_Fields, 1), size 4
//     Nil = 3
