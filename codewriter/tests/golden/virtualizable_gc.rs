// golden: jitcode
mod m {
    use jitsupport::{can_enter_jit, jit_merge_point, Gc, GcArray, GcCell, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["frame"]).virtualizable("frame");

    // A GC frame: the portal declares the payload's offset (`vable_base`); `sp`'s cell
    // is an alias of the frame, its value a vable field; `steps` stays a plain cell.
    #[virtualizable(sp, stack[*])]
    pub struct Frame {
        #[immutable]
        pub stack: GcArray<i64>,
        pub sp: GcCell<usize>,
        pub steps: GcCell<i64>,
    }

    impl Frame {
        fn push(&self, x: i64) {
            self.stack.set(self.sp.get(), x);
            self.sp.set(self.sp.get() + 1);
        }

        fn pop(&self) -> i64 {
            self.sp.set(self.sp.get() - 1);
            self.stack.get(self.sp.get())
        }
    }

    fn run(code: &List<i64>, frame: Gc<Frame>) -> i64 {
        let mut pc: usize = 0;
        while pc < code.len() {
            jit_merge_point!(DRIVER; pc, code; frame);
            let op = code[pc];
            pc += 1;
            frame.steps.set(frame.steps.get() + 1);
            if op == 0 {
                frame.push(1);
            } else if op == 1 {
                let b = frame.pop();
                let a = frame.pop();
                frame.push(a + b);
            } else if op == 2 && frame.stack.len() > 3 {
                pc = 0;
                can_enter_jit!(DRIVER; pc, code; frame);
            }
        }
        frame.pop()
    }
}
// ---- expected ----
// descr <Field "Frame.sp" +0 u64>
// descr <Field "Frame.stack" +0 ref immutable>
// descr <Array "GcArray<i64>" +0 i64>
// descr <Field "List<i64>.len" +0 u64>
// descr <Field "Gc<Frame>.payload" +0 ref>
// descr <JitCode "Frame::push">
// descr <JitCode "Frame::pop">
// descr <Field "List<i64>.items" +0 u64>
// descr <Array "i64" +0 i64>
// descr <Field "Frame.steps" +0 ref>
// descr <Field "GcCell<i64>.value" +0 i64>
// portal "run"
//
// jitcode "Frame::push" i=3 r=2 f=0
//     -live- %i0, %r0
//     getfield_vable_i %r0, <Field "Frame.sp" +0 u64> -> %i1
//     -live- %i0, %i1, %r0
//     arraylen_vable %r0, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<i64>" +0 i64> -> %i2
//     -live- %i0, %i1, %i2, %r0
//     goto_if_not_uint_ge %i1, %i2, L2
//     panic $"index out of bounds"
// L1:
//     -live- %i0, %i1, %r0, %r1
//     setarrayitem_vable_i %r0, %i1, %i0, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<i64>" +0 i64>
//     -live- %r1
//     getfield_vable_i %r1, <Field "Frame.sp" +0 u64> -> %i0
//     int_add %i0, $1 -> %i0
//     -live- %i0, %r1
//     setfield_vable_i %r1, %i0, <Field "Frame.sp" +0 u64>
//     void_return
// L2:
//     ref_copy %r0 -> %r1
//     goto L1
//
// jitcode "Frame::pop" i=2 r=1 f=0
//     -live- %r0
//     getfield_vable_i %r0, <Field "Frame.sp" +0 u64> -> %i0
//     int_sub %i0, $1 -> %i0
//     -live- %i0, %r0
//     setfield_vable_i %r0, %i0, <Field "Frame.sp" +0 u64>
//     -live- %r0
//     getfield_vable_i %r0, <Field "Frame.sp" +0 u64> -> %i0
//     -live- %i0, %r0
//     arraylen_vable %r0, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<i64>" +0 i64> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_ge %i0, %i1, L1
//     panic $"index out of bounds"
// L1:
//     -live- %i0, %r0
//     getarrayitem_vable_i %r0, %i0, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<i64>" +0 i64> -> %i0
//     int_return %i0
//
// jitcode "run" i=3 r=4 f=0
//     int_copy $0 -> %i0
// L1:
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_lt %i0, %i1, L5
//     vable_base %r1, <Field "Gc<Frame>.payload" +0 ref>
//     vable_field %r1, <Field "Frame.sp" +0 u64>
//     vable_array %r1, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<i64>" +0 i64>
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
//     getsubstruct_gc %r2, <Field "Frame.steps" +0 ref> -> %r2
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r3
//     getsubstruct_gc %r3, <Field "Frame.steps" +0 ref> -> %r3
//     getfield_gc_i %r3, <Field "GcCell<i64>.value" +0 i64> -> %i2
//     int_add %i2, $1 -> %i2
//     setfield_gc_i %r2, %i2, <Field "GcCell<i64>.value" +0 i64>
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_int_eq %i1, $0, L3
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r2
//     inline_call_ir_v <JitCode "Frame::push">, [$1], [%r2]
//     -live- %i0, %r0, %r1
//     goto L1
// L3:
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_int_eq %i1, $1, L4
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r2
//     inline_call_r_i <JitCode "Frame::pop">, [%r2] -> %i1
//     -live- %i0, %i1, %r0, %r1
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r2
//     inline_call_r_i <JitCode "Frame::pop">, [%r2] -> %i2
//     -live- %i0, %i1, %i2, %r0, %r1
//     int_add %i2, %i1 -> %i1
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r2
//     inline_call_ir_v <JitCode "Frame::push">, [%i1], [%r2]
//     -live- %i0, %r0, %r1
//     goto L1
// L4:
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_int_eq %i1, $2, L1
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r2
//     -live- %i0, %r0, %r1, %r2
//     arraylen_vable %r2, <Field "Frame.stack" +0 ref immutable>, <Array "GcArray<i64>" +0 i64> -> %i1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_gt %i1, $3, L1
//     can_enter_jit $0, [$0], [%r0], [], [], [%r1], []
//     int_copy $0 -> %i0
//     goto L1
// L5:
//     getsubstruct_gc %r1, <Field "Gc<Frame>.payload" +0 ref> -> %r0
//     inline_call_r_i <JitCode "Frame::pop">, [%r0] -> %i0
//     -live- %i0
//     int_return %i0
