// golden: jitcode
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
// descr <Size "Gc<Boxed>" 0 gc>
// descr <Field "Gc<Boxed>.payload" +0 ref>
// descr <Field "Boxed.n" +0 i64>
// descr <Field "Gc<Regs>.payload" +0 ref>
// descr <Field "Regs.slots" +0 ref>
// descr <Field "GcArray<Value>.len" +0 u64 immutable>
// descr <Array "GcArray<Value>" +0 ref:0>
// descr <Field "Value.tag" +0 u8>
// descr <Field "Regs.first" +0 ref>
// descr <Field "Value::Int.0" +0 i64>
// descr <Field "Value::Float.0" +0 f64>
// descr <Field "Value::Obj.0" +0 ref>
// descr <Field "Regs.last" +0 ref>
// descr <Field "GcCell<Value>.value" +0 ref>
// descr <JitCode "as_int">
// descr <JitCode "make">
//
// jitcode "make" i=1 r=0 f=1
//     -live- %i0
//     goto_if_not_int_gt %i0, $0, L1
//     int_set_result $0, $0
//     int_set_result $1, %i0
//     float_set_result $2, $0.0
//     ref_set_result $3, $0x0
//     void_return
// L1:
//     cast_int_to_float %i0 -> %f0
//     int_set_result $0, $1
//     int_set_result $1, $0
//     float_set_result $2, %f0
//     ref_set_result $3, $0x0
//     void_return
//
// jitcode "as_int" i=2 r=1 f=1
//     -live- %i0, %i1, %r0, %f0
//     switch %i0, <Switch 0:L1, 1:L2, 2:L3>
//     int_return $0
// L1:
//     int_return %i1
// L2:
//     cast_float_to_int %f0 -> %i1
//     int_return %i1
// L3:
//     -live- %r0
//     gc_downcast %r0, <Size "Gc<Boxed>" 0 gc> -> %r0
//     -live- %r0
//     goto_if_not_ptr_nonzero %r0, L4
//     getsubstruct_gc %r0, <Field "Gc<Boxed>.payload" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "Boxed.n" +0 i64> -> %i1
//     int_return %i1
// L4:
//     int_return $-1
//
// jitcode "shuffle" i=5 r=4 f=2
//     getsubstruct_gc %r0, <Field "Gc<Regs>.payload" +0 ref> -> %r1
//     getfield_gc_r %r1, <Field "Regs.slots" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "GcArray<Value>.len" +0 u64 immutable> -> %i1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_ge %i0, %i1, L1
//     panic $"index out of bounds"
// L1:
//     getarraysubstruct_gc %r1, %i0, <Array "GcArray<Value>" +0 ref:0> -> %r1
//     getfield_gc_i %r1, <Field "Value.tag" +0 u8> -> %i0
//     -live- %i0, %r0, %r1
//     switch %i0, <Switch 0:L2, 1:L21, 2:L22>
//     goto L23
// L2:
//     getfield_gc_i %r1, <Field "Value::Int.0" +0 i64> -> %i1
//     int_copy $0 -> %i0
//     ref_copy $0x0 -> %r1
//     float_copy $0.0 -> %f0
// L3:
//     getsubstruct_gc %r0, <Field "Gc<Regs>.payload" +0 ref> -> %r2
//     getfield_gc_r %r2, <Field "Regs.slots" +0 ref> -> %r2
//     getsubstruct_gc %r0, <Field "Gc<Regs>.payload" +0 ref> -> %r3
//     getsubstruct_gc %r3, <Field "Regs.first" +0 ref> -> %r3
//     getfield_gc_i %r3, <Field "Value.tag" +0 u8> -> %i2
//     -live- %i0, %i1, %i2, %r0, %r1, %r2, %r3, %f0
//     switch %i2, <Switch 0:L4, 1:L18, 2:L19>
//     goto L20
// L4:
//     getfield_gc_i %r3, <Field "Value::Int.0" +0 i64> -> %i3
//     int_copy $0 -> %i2
//     ref_copy $0x0 -> %r3
//     float_copy $0.0 -> %f1
// L5:
//     getfield_gc_i %r2, <Field "GcArray<Value>.len" +0 u64 immutable> -> %i4
//     -live- %i0, %i1, %i2, %i3, %i4, %r0, %r1, %r2, %r3, %f0, %f1
//     goto_if_not_uint_ge $0, %i4, L6
//     panic $"index out of bounds"
// L6:
//     getarraysubstruct_gc %r2, $0, <Array "GcArray<Value>" +0 ref:0> -> %r2
//     -live- %i0, %i1, %i2, %i3, %r0, %r1, %r2, %r3, %f0, %f1
//     switch %i2, <Switch 0:L7, 1:L15, 2:L16>
//     goto L17
// L7:
//     setfield_gc_i %r2, $0, <Field "Value.tag" +0 u8>
//     setfield_gc_i %r2, %i3, <Field "Value::Int.0" +0 i64>
// L8:
//     getsubstruct_gc %r0, <Field "Gc<Regs>.payload" +0 ref> -> %r2
//     getsubstruct_gc %r2, <Field "Regs.last" +0 ref> -> %r2
//     getsubstruct_gc %r2, <Field "GcCell<Value>.value" +0 ref> -> %r2
//     -live- %i0, %i1, %r0, %r1, %r2, %f0
//     switch %i0, <Switch 0:L9, 1:L12, 2:L13>
//     goto L14
// L9:
//     setfield_gc_i %r2, $0, <Field "Value.tag" +0 u8>
//     setfield_gc_i %r2, %i1, <Field "Value::Int.0" +0 i64>
// L10:
//     getsubstruct_gc %r0, <Field "Gc<Regs>.payload" +0 ref> -> %r0
//     getfield_gc_r %r0, <Field "Regs.slots" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "GcArray<Value>.len" +0 u64 immutable> -> %i2
//     -live- %i0, %i1, %i2, %r0, %r1, %f0
//     goto_if_not_uint_ge $1, %i2, L11
//     panic $"index out of bounds"
// L11:
//     getarraysubstruct_gc %r0, $1, <Array "GcArray<Value>" +0 ref:0> -> %r0
//     setfield_gc_i %r0, $3, <Field "Value.tag" +0 u8>
//     inline_call_irf_i <JitCode "as_int">, [%i0, %i1], [%r1], [%f0] -> %i0
//     -live- %i0
//     inline_call_ir_v <JitCode "make">, [$3], []
//     -live- %i0
//     int_get_result $0 -> %i1
//     int_get_result $1 -> %i2
//     float_get_result $2 -> %f0
//     ref_get_result $3 -> %r0
//     inline_call_irf_i <JitCode "as_int">, [%i1, %i2], [%r0], [%f0] -> %i1
//     -live- %i0, %i1
//     int_add %i0, %i1 -> %i0
//     int_return %i0
// L12:
//     setfield_gc_i %r2, $1, <Field "Value.tag" +0 u8>
//     setfield_gc_f %r2, %f0, <Field "Value::Float.0" +0 f64>
//     goto L10
// L13:
//     setfield_gc_i %r2, $2, <Field "Value.tag" +0 u8>
//     setfield_gc_r %r2, %r1, <Field "Value::Obj.0" +0 ref>
//     goto L10
// L14:
//     setfield_gc_i %r2, $3, <Field "Value.tag" +0 u8>
//     goto L10
// L15:
//     setfield_gc_i %r2, $1, <Field "Value.tag" +0 u8>
//     setfield_gc_f %r2, %f1, <Field "Value::Float.0" +0 f64>
//     goto L8
// L16:
//     setfield_gc_i %r2, $2, <Field "Value.tag" +0 u8>
//     setfield_gc_r %r2, %r3, <Field "Value::Obj.0" +0 ref>
//     goto L8
// L17:
//     setfield_gc_i %r2, $3, <Field "Value.tag" +0 u8>
//     goto L8
// L18:
//     getfield_gc_f %r3, <Field "Value::Float.0" +0 f64> -> %f1
//     int_copy $1 -> %i2
//     int_copy $0 -> %i3
//     ref_copy $0x0 -> %r3
//     goto L5
// L19:
//     getfield_gc_r %r3, <Field "Value::Obj.0" +0 ref> -> %r3
//     int_copy $2 -> %i2
//     int_copy $0 -> %i3
//     float_copy $0.0 -> %f1
//     goto L5
// L20:
//     int_copy $3 -> %i2
//     int_copy $0 -> %i3
//     ref_copy $0x0 -> %r3
//     float_copy $0.0 -> %f1
//     goto L5
// L21:
//     getfield_gc_f %r1, <Field "Value::Float.0" +0 f64> -> %f0
//     int_copy $1 -> %i0
//     int_copy $0 -> %i1
//     ref_copy $0x0 -> %r1
//     goto L3
// L22:
//     getfield_gc_r %r1, <Field "Value::Obj.0" +0 ref> -> %r1
//     int_copy $2 -> %i0
//     int_copy $0 -> %i1
//     float_copy $0.0 -> %f0
//     goto L3
// L23:
//     int_copy $3 -> %i0
//     int_copy $0 -> %i1
//     ref_copy $0x0 -> %r1
//     float_copy $0.0 -> %f0
//     goto L3
