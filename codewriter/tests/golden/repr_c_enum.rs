// golden: jitcode
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
// descr <Field "Value.tag" +0 u8>
// descr <Field "Value::Int.0" +0 i64>
// descr <Field "Value::Float.0" +0 f64>
// descr <Field "Value::Pair.0" +0 u8>
// descr <Field "Value::Pair.1" +0 u32>
//
// jitcode "as_float" i=2 r=1 f=1
//     getfield_gc_i %r0, <Field "Value.tag" +0 u8> -> %i0
//     -live- %i0, %r0
//     switch %i0, <Switch 0:L1, 1:L2, 2:L3>
//     float_return $0.0
// L1:
//     getfield_gc_i %r0, <Field "Value::Int.0" +0 i64> -> %i0
//     cast_int_to_float %i0 -> %f0
//     float_return %f0
// L2:
//     getfield_gc_f %r0, <Field "Value::Float.0" +0 f64> -> %f0
//     float_return %f0
// L3:
//     getfield_gc_i %r0, <Field "Value::Pair.0" +0 u8> -> %i0
//     getfield_gc_i %r0, <Field "Value::Pair.1" +0 u32> -> %i1
//     int_add %i0, %i1 -> %i0
//     int_and %i0, $4294967295 -> %i0
//     cast_int_to_float %i0 -> %f0
//     float_return %f0
