// golden: lltypes
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
// fn Frame::push(r0: &mut Frame, i1: i64) {
// block0(r0: &mut Frame, i1: i64):
//     r2: &List<i64> = getsubstruct(r0, descr=<Field Frame.stack offset_of!(Frame, stack)>)
//     i3: usize = getfield_i(r2, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i4: usize = getfield_i(r2, descr=<Field List<i64>.capacity List::<i64>::OFFSET_OF_CAPACITY>)
//     i5: bool = uint_lt(i3, i4)
//     if i5 then block3(r2, i3, i1) else block4(r2, i1)
// block3(r9: &List<i64>, i10: usize, i11: i64):
//     i6: addr = getfield_i(r9, descr=<Field List<i64>.items List::<i64>::OFFSET_OF_ITEMS>)
//     setarrayitem_raw(i6, i10, i11, descr=<Array i64 size_of::<i64>()>)
//     i7: usize = int_add(i10, 1)
//     setfield(r9, i7, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     goto block5()
// block5():
//     goto return()
// block4(r12: &List<i64>, i13: i64):
//     residual_call(r12, i13, descr=<Call jitsupport::list::ll_push::<i64>(r, i) -> void can_panic>)
//     goto block5()
// return():
//     return
// panic(r8: &str):
//     panic r8
// }
//
// fn Frame::step(r0: &mut Frame) -> usize {
// block0(r0: &mut Frame):
//     i1: usize = getfield_i(r0, descr=<Field Frame.pc offset_of!(Frame, pc)>)
//     i2: usize = int_add(i1, 1)
//     setfield(r0, i2, descr=<Field Frame.pc offset_of!(Frame, pc)>)
//     i3: i16 = getfield_i(r0, descr=<Field Frame.small offset_of!(Frame, small)>)
//     i4: i16 = int_sub(i3, 1)
//     i5: i16 = int_signext(i4, 2)
//     setfield(r0, i5, descr=<Field Frame.small offset_of!(Frame, small)>)
//     r6: &Point = getsubstruct(r0, descr=<Field Frame.origin offset_of!(Frame, origin)>)
//     i7: i64 = getfield_i(r6, descr=<Field Point.x offset_of!(Point, x)>)
//     direct_call[Frame::push](r0, i7)
//     i8: usize = getfield_i(r0, descr=<Field Frame.pc offset_of!(Frame, pc)>)
//     goto return(i8)
// return(i9: usize):
//     return i9
// panic(r10: &str):
//     panic r10
// }
//
// fn Frame::new(i0: usize) -> &Frame {
// block0(i0: usize):
//     r1: &List<i64> = new(descr=<Size List<i64> size_of::<List<i64>>()>)
//     residual_call(r1, descr=<Call jitsupport::list::ll_init::<i64>(r) -> void can_panic>)
//     r2: &Frame = new(descr=<Size Frame size_of::<Frame>()>)
//     setfield(r2, i0, descr=<Field Frame.pc offset_of!(Frame, pc)>)
//     setfield(r2, 0, descr=<Field Frame.flag offset_of!(Frame, flag)>)
//     setfield(r2, 0, descr=<Field Frame.small offset_of!(Frame, small)>)
//     r3: &Point = getsubstruct(r2, descr=<Field Frame.origin offset_of!(Frame, origin)>)
//     setfield(r3, 1, descr=<Field Point.x offset_of!(Point, x)>)
//     setfield(r3, 2, descr=<Field Point.y offset_of!(Point, y)>)
//     r4: &List<i64> = getsubstruct(r2, descr=<Field Frame.stack offset_of!(Frame, stack)>)
//     memcopy(r4, r1, descr=<Size List<i64> size_of::<List<i64>>()>)
//     setfield(r2, null, descr=<Field Frame.parent offset_of!(Frame, parent)>)
//     goto return(r2)
// return(r5: &Frame):
//     return r5
// panic(r6: &str):
//     panic r6
// }
//
// fn move_point(r0: &mut Point, i1: i64) -> i64 {
// block0(r0: &mut Point, i1: i64):
//     i2: i64 = getfield_i(r0, descr=<Field Point.x offset_of!(Point, x)>)
//     i3: i64 = int_add(i2, i1)
//     setfield(r0, i3, descr=<Field Point.x offset_of!(Point, x)>)
//     i4: i64 = getfield_i(r0, descr=<Field Point.y offset_of!(Point, y)>)
//     goto return(i4)
// return(i5: i64):
//     return i5
// panic(r6: &str):
//     panic r6
// }
//
// layout Point: size_of::<Point>()
//     x: i64 (int signed) at offset_of!(Point, x), size 8
//     y: i64 (int signed) at offset_of!(Point, y), size 8
// layout Frame: size_of::<Frame>()
//     pc: usize (int) at offset_of!(Frame, pc), size 8
//     flag: bool (int) at offset_of!(Frame, flag), size 1
//     small: i16 (int signed) at offset_of!(Frame, small), size 2
//     origin: Point (inline) at offset_of!(Frame, origin), size size_of::<Point>()
//     stack: List<i64> (inline) at offset_of!(Frame, stack), size size_of::<List<i64>>()
//     parent: Option<&Frame> (ref) at offset_of!(Frame, parent), size 8
// layout List<i64>: size_of::<List<i64>>()
//     items: addr (int) at List::<i64>::OFFSET_OF_ITEMS, size 8
//     len: usize (int) at List::<i64>::OFFSET_OF_LEN, size 8
//     capacity: usize (int) at List::<i64>::OFFSET_OF_CAPACITY, size 8
