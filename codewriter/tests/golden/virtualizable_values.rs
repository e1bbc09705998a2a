// golden: jitcode
mod m {
    use jitsupport::{can_enter_jit, jit_merge_point, Gc, GcArray, GcCell, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["frame"]).virtualizable("frame");

    #[repr(u8)]
    #[derive(Clone, Copy)]
    pub enum Value {
        Int(i64),
        Float(f64),
    }

    // The items of `stack` are value enums: the portal declares their leaves
    // (`vable_leaf`, the tag then each variant's fields); an item's address is
    // `getarraysubstruct_vable` and its leaves `getinterior_vable_*` /
    // `setinterior_vable_*`.
    #[virtualizable(sp, stack[*])]
    pub struct Frame {
        #[immutable]
        pub stack: GcArray<Value>,
        pub sp: GcCell<usize>,
    }

    fn run(code: &List<i64>, frame: Gc<Frame>) -> i64 {
        let mut pc: usize = 0;
        while pc < code.len() {
            jit_merge_point!(DRIVER; pc, code; frame);
            let op = code[pc];
            pc += 1;
            let top = frame.stack.get(frame.sp.get());
            let next = match top {
                Value::Int(i) => Value::Float(i as f64),
                Value::Float(f) => Value::Int(f as i64),
            };
            frame.stack.set(frame.sp.get(), next);
            if op == 2 {
                pc = 0;
                can_enter_jit!(DRIVER; pc, code; frame);
            }
        }
        0
    }
}
// ---- expected ----
// descr <Field "List<i64>.len" +0 u64>
// descr <Field "Gc<Frame>.payload" +0 ref>
// descr <Field "Frame.sp" +0 u64>
// descr <Field "Frame.stack" +0 ref immutable>
// descr <Array "GcArray<Value>" +0 ref:0>
// descr <Field "Value.tag" +0 u8>
// descr <Field "Value::Int.0" +0 i64>
// descr <Field "Value::Float.0" +0 f64>
// descr <Field "List<i64>.items" +0 u64>
// descr <Array "i64" +0 i64>
// portal "run"
//
// jitcode "run" i=6 r=4 f=1
//     int_copy $0 -> %i0
// L1:
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_lt %i0, %i1, L14
//     vable_base %r1, <Field "Gc<Frame>.payload" +0 ref>
//     vable_field %r1, <Field "Frame.sp" +0 u64>
//     vable_array %r1, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<Value>" +0 ref:0>
//     vable_leaf %r1, <Field "Value.tag" +0 u8>, $-1
//     vable_leaf %r1, <Field "Value::Int.0" +0 i64>, $0
//     vable_leaf %r1, <Field "Value::Float.0" +0 f64>, $1
//     -live- %i0, %r0, %r1
//     jit_merge_point $0, [%i0], [%r0], [], [], [%r1], []
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_ge %i0, %i1, L2
//     panic $"index out of bounds"
// L2:
//     getfield_gc_i %r0, <Field "List<i64>.items" +0 u64> -> %i1
//     getarrayitem_raw_i %i1, %i0, <Array "i64" +0 i64> -> %i1
//     int_add %i0, $1 -> %i0
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r2
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r3
//     -live- %i0, %i1, %r0, %r1, %r2, %r3
//     getfield_vable_i %r3, <Field "Frame.sp" +0 u64> -> %i2
//     -live- %i0, %i1, %i2, %r0, %r1, %r2
//     arraylen_vable %r2, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<Value>" +0 ref:0> -> %i3
//     -live- %i0, %i1, %i2, %i3, %r0, %r1, %r2
//     goto_if_not_uint_ge %i2, %i3, L3
//     panic $"index out of bounds"
// L3:
//     -live- %i0, %i1, %i2, %r0, %r1, %r2
//     getarraysubstruct_vable %r2, %i2, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<Value>" +0 ref:0> -> %r2
//     getinterior_vable_i %r2, <Field "Value.tag" +0 u8> -> %i2
//     -live- %i0, %i1, %i2, %r0, %r1, %r2
//     switch %i2, <Switch 0:L4>
//     goto L13
// L4:
//     getinterior_vable_i %r2, <Field "Value::Int.0" +0 i64> -> %i3
//     int_copy $0 -> %i2
//     float_copy $0.0 -> %f0
// L5:
//     -live- %i0, %i1, %i2, %i3, %r0, %r1, %f0
//     switch %i2, <Switch 0:L6>
//     goto L12
// L6:
//     cast_int_to_float %i3 -> %f0
//     int_copy $1 -> %i2
//     int_copy $0 -> %i3
// L7:
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r2
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r3
//     -live- %i0, %i1, %i2, %i3, %r0, %r1, %r2, %r3, %f0
//     getfield_vable_i %r3, <Field "Frame.sp" +0 u64> -> %i4
//     -live- %i0, %i1, %i2, %i3, %i4, %r0, %r1, %r2, %f0
//     arraylen_vable %r2, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<Value>" +0 ref:0> -> %i5
//     -live- %i0, %i1, %i2, %i3, %i4, %i5, %r0, %r1, %r2, %f0
//     goto_if_not_uint_ge %i4, %i5, L8
//     panic $"index out of bounds"
// L8:
//     -live- %i0, %i1, %i2, %i3, %i4, %r0, %r1, %r2, %f0
//     getarraysubstruct_vable %r2, %i4, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<Value>" +0 ref:0> -> %r2
//     -live- %i0, %i1, %i2, %i3, %r0, %r1, %r2, %f0
//     switch %i2, <Switch 0:L9>
//     goto L11
// L9:
//     setinterior_vable_i %r2, $0, <Field "Value.tag" +0 u8>
//     setinterior_vable_i %r2, %i3, <Field "Value::Int.0" +0 i64>
// L10:
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_int_eq %i1, $2, L1
//     can_enter_jit $0, [$0], [%r0], [], [], [%r1], []
//     int_copy $0 -> %i0
//     goto L1
// L11:
//     setinterior_vable_i %r2, $1, <Field "Value.tag" +0 u8>
//     setinterior_vable_f %r2, %f0, <Field "Value::Float.0" +0 f64>
//     goto L10
// L12:
//     cast_float_to_int %f0 -> %i3
//     int_copy $0 -> %i2
//     float_copy $0.0 -> %f0
//     goto L7
// L13:
//     getinterior_vable_f %r2, <Field "Value::Float.0" +0 f64> -> %f0
//     int_copy $1 -> %i2
//     int_copy $0 -> %i3
//     goto L5
// L14:
//     int_return $0
