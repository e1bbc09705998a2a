// golden: jitcode
mod m {
    use jitsupport::List;

    #[derive(Clone, Copy)]
    struct Point {
        x: i64,
        y: i64,
    }

    struct Frame {
        pc: usize,
        flag: bool,
        small: i16,
        origin: Point,
        stack: List<i64>,
        parent: Option<&'static Frame>,
    }

    impl Frame {
        fn push(&mut self, v: i64) {
            self.stack.push(v);
        }

        fn step(&mut self) -> usize {
            self.pc += 1;
            self.small = self.small - 1;
            self.push(self.origin.x);
            self.pc
        }

        fn new(pc: usize) -> Frame {
            Frame {
                pc,
                flag: false,
                small: 0,
                origin: Point { x: 1, y: 2 },
                stack: List::new(),
                parent: None,
            }
        }
    }

    fn move_point(p: &mut Point, dx: i64) -> i64 {
        p.x = p.x + dx;
        p.y
    }
}
// ---- expected ----
// function "jitsupport::list::ll_push::<i64>"
// function "jitsupport::list::ll_init::<i64>"
// descr <Field "Frame.stack" +0 ref>
// descr <Field "List<i64>.len" +0 u64>
// descr <Field "List<i64>.capacity" +0 u64>
// descr <Field "List<i64>.items" +0 u64>
// descr <Array "i64" +0 i64>
// descr <Call "jitsupport::list::ll_push::<i64>" (r, i) -> void can_panic writes=[1, 2, 3, 4]>
// descr <Field "Frame.pc" +0 u64>
// descr <Field "Frame.small" +0 i16>
// descr <Field "Frame.origin" +0 ref>
// descr <Field "Point.x" +0 i64>
// descr <JitCode "Frame::push">
// descr <Size "List<i64>" 0>
// descr <Call "jitsupport::list::ll_init::<i64>" (r) -> void writes=[1, 2, 3, 4]>
// descr <Size "Frame" 0>
// descr <Field "Frame.flag" +0 u8>
// descr <Field "Point.y" +0 i64>
// descr <Field "Frame.parent" +0 ref>
//
// jitcode "Frame::push" i=3 r=1 f=0
//     getsubstruct_gc %r0, <Field "Frame.stack" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i1
//     getfield_gc_i %r0, <Field "List<i64>.capacity" +0 u64> -> %i2
//     -live- %i0, %i1, %i2, %r0
//     goto_if_not_uint_lt %i1, %i2, L2
//     getfield_gc_i %r0, <Field "List<i64>.items" +0 u64> -> %i2
//     setarrayitem_raw_i %i2, %i1, %i0, <Array "i64" +0 i64>
//     int_add %i1, $1 -> %i0
//     setfield_gc_i %r0, %i0, <Field "List<i64>.len" +0 u64>
// L1:
//     void_return
// L2:
//     -live- %i0, %r0
//     residual_call_ir_v <Fn "jitsupport::list::ll_push::<i64>">, [%i0], [%r0], <Call "jitsupport::list::ll_push::<i64>" (r, i) -> void can_panic writes=[1, 2, 3, 4]>
//     goto L1
//
// jitcode "Frame::step" i=1 r=2 f=0
//     getfield_gc_i %r0, <Field "Frame.pc" +0 u64> -> %i0
//     int_add %i0, $1 -> %i0
//     setfield_gc_i %r0, %i0, <Field "Frame.pc" +0 u64>
//     getfield_gc_i %r0, <Field "Frame.small" +0 i16> -> %i0
//     int_sub %i0, $1 -> %i0
//     int_signext %i0, $2 -> %i0
//     setfield_gc_i %r0, %i0, <Field "Frame.small" +0 i16>
//     getsubstruct_gc %r0, <Field "Frame.origin" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "Point.x" +0 i64> -> %i0
//     inline_call_ir_v <JitCode "Frame::push">, [%i0], [%r0]
//     -live- %r0
//     getfield_gc_i %r0, <Field "Frame.pc" +0 u64> -> %i0
//     int_return %i0
//
// jitcode "Frame::new" i=1 r=3 f=0
//     new <Size "List<i64>" 0> -> %r0
//     -live- %i0, %r0
//     residual_call_r_v <Fn "jitsupport::list::ll_init::<i64>">, [%r0], <Call "jitsupport::list::ll_init::<i64>" (r) -> void writes=[1, 2, 3, 4]>
//     new <Size "Frame" 0> -> %r1
//     setfield_gc_i %r1, %i0, <Field "Frame.pc" +0 u64>
//     setfield_gc_i %r1, $0, <Field "Frame.flag" +0 u8>
//     setfield_gc_i %r1, $0, <Field "Frame.small" +0 i16>
//     getsubstruct_gc %r1, <Field "Frame.origin" +0 ref> -> %r2
//     setfield_gc_i %r2, $1, <Field "Point.x" +0 i64>
//     setfield_gc_i %r2, $2, <Field "Point.y" +0 i64>
//     getsubstruct_gc %r1, <Field "Frame.stack" +0 ref> -> %r2
//     memcopy %r2, %r0, <Size "List<i64>" 0>
//     setfield_gc_r %r1, $0x0, <Field "Frame.parent" +0 ref>
//     ref_return %r1
//
// jitcode "move_point" i=2 r=1 f=0
//     getfield_gc_i %r0, <Field "Point.x" +0 i64> -> %i1
//     int_add %i1, %i0 -> %i0
//     setfield_gc_i %r0, %i0, <Field "Point.x" +0 i64>
//     getfield_gc_i %r0, <Field "Point.y" +0 i64> -> %i0
//     int_return %i0
