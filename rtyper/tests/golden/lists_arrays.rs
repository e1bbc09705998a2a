// golden: lltypes
mod m {
    use jitsupport::List;

    fn list_ops(l: &mut List<i64>, i: usize) -> i64 {
        l[i] = l[0] + 1;
        let n = l.len() as i64;
        match l.pop() {
            Some(v) => v + n,
            None => -1,
        }
    }

    fn bytes(code: &List<u8>, pc: usize) -> u8 {
        code[pc]
    }

    fn arrays(i: usize) -> i32 {
        let mut a = [1, 2, 3];
        a[i] = 10;
        let big = [0u8; 100];
        a[2] + a.len() as i32 + big[i] as i32
    }

    fn make() -> List<f64> {
        let mut l = List::with_capacity(4);
        l.push(1.5);
        l
    }
}
// ---- expected ----
// fn list_ops(r0: &mut List<i64>, i1: usize) -> i64 {
// block0(r0: &mut List<i64>, i1: usize):
//     i2: usize = getfield_i(r0, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i3: bool = uint_ge(0, i2)
//     if i3 then panic("index out of bounds") else block4(r0, i1)
// block4(r24: &mut List<i64>, i25: usize):
//     i4: addr = getfield_i(r24, descr=<Field List<i64>.items List::<i64>::OFFSET_OF_ITEMS>)
//     i5: i64 = getarrayitem_raw_i(i4, 0, descr=<Array i64 size_of::<i64>()>)
//     i6: i64 = int_add(i5, 1)
//     i7: usize = getfield_i(r24, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i8: bool = uint_ge(i25, i7)
//     if i8 then panic("index out of bounds") else block5(r24, i25, i6)
// block5(r26: &mut List<i64>, i27: usize, i28: i64):
//     i9: addr = getfield_i(r26, descr=<Field List<i64>.items List::<i64>::OFFSET_OF_ITEMS>)
//     setarrayitem_raw(i9, i27, i28, descr=<Array i64 size_of::<i64>()>)
//     i10: usize = getfield_i(r26, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i11: usize = getfield_i(r26, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i12: bool = int_eq(i11, 0)
//     if i12 then block6(i10) else block7(i11, r26, i10)
// block6(i32: usize):
//     goto block8(0, 0, i32)
// block8(i16: bool, i17: i64, i31: usize):
//     if i16 then block1(i31, i16, i17) else return(-1)
// block1(i18: i64, i19: bool, i20: i64):
//     i21: i64 = int_add(i20, i18)
//     goto return(i21)
// block7(i29: usize, r30: &mut List<i64>, i33: usize):
//     i13: usize = int_sub(i29, 1)
//     setfield(r30, i13, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i14: addr = getfield_i(r30, descr=<Field List<i64>.items List::<i64>::OFFSET_OF_ITEMS>)
//     i15: i64 = getarrayitem_raw_i(i14, i13, descr=<Array i64 size_of::<i64>()>)
//     goto block8(1, i15, i33)
// return(i22: i64):
//     return i22
// panic(r23: &str):
//     panic r23
// }
//
// fn bytes(r0: &List<u8>, i1: usize) -> u8 {
// block0(r0: &List<u8>, i1: usize):
//     i2: usize = getfield_i(r0, descr=<Field List<u8>.len List::<u8>::OFFSET_OF_LEN>)
//     i3: bool = uint_ge(i1, i2)
//     if i3 then panic("index out of bounds") else block3(r0, i1)
// block3(r8: &List<u8>, i9: usize):
//     i4: addr = getfield_i(r8, descr=<Field List<u8>.items List::<u8>::OFFSET_OF_ITEMS>)
//     i5: u8 = getarrayitem_raw_i(i4, i9, descr=<Array u8 size_of::<u8>()>)
//     goto return(i5)
// return(i6: u8):
//     return i6
// panic(r7: &str):
//     panic r7
// }
//
// fn arrays(i0: usize) -> i32 {
// block0(i0: usize):
//     r1: &[i32; 3] = new(descr=<Size [i32; 3] size_of::<[i32; 3]>()>)
//     setarrayitem(r1, 0, 1, descr=<Array i32 size_of::<i32>()>)
//     setarrayitem(r1, 1, 2, descr=<Array i32 size_of::<i32>()>)
//     setarrayitem(r1, 2, 3, descr=<Array i32 size_of::<i32>()>)
//     i2: bool = uint_ge(i0, 3)
//     if i2 then panic("index out of bounds") else block3(r1, i0)
// block3(r16: &[i32; 3], i17: usize):
//     setarrayitem(r16, i17, 10, descr=<Array i32 size_of::<i32>()>)
//     r3: &[u8; 100] = new(descr=<Size [u8; 100] size_of::<[u8; 100]>()>)
//     goto block4(0, r3, r16, i17)
// block4(i4: usize, r25: &[u8; 100], r26: &[i32; 3], i27: usize):
//     i5: bool = uint_lt(i4, 100)
//     if i5 then block5(r25, i4, r26, i27) else block6(r26, i27, r25)
// block5(r18: &[u8; 100], i19: usize, r28: &[i32; 3], i29: usize):
//     setarrayitem(r18, i19, 0, descr=<Array u8 size_of::<u8>()>)
//     i6: usize = int_add(i19, 1)
//     goto block4(i6, r18, r28, i29)
// block6(r20: &[i32; 3], i21: usize, r30: &[u8; 100]):
//     i7: i32 = getarrayitem_i(r20, 2, descr=<Array i32 size_of::<i32>()>)
//     i8: i32 = int_add(i7, 3)
//     i9: i32 = int_signext(i8, 4)
//     i10: bool = uint_ge(i21, 100)
//     if i10 then panic("index out of bounds") else block7(r30, i21, i9)
// block7(r22: &[u8; 100], i23: usize, i24: i32):
//     i11: u8 = getarrayitem_i(r22, i23, descr=<Array u8 size_of::<u8>()>)
//     i12: i32 = int_add(i24, i11)
//     i13: i32 = int_signext(i12, 4)
//     goto return(i13)
// return(i14: i32):
//     return i14
// panic(r15: &str):
//     panic r15
// }
//
// fn make() -> &List<f64> {
// block0():
//     r0: &List<f64> = new(descr=<Size List<f64> size_of::<List<f64>>()>)
//     residual_call(r0, 4, descr=<Call jitsupport::list::ll_init_with_capacity::<f64>(r, i) -> void can_panic>)
//     i1: usize = getfield_i(r0, descr=<Field List<f64>.len List::<f64>::OFFSET_OF_LEN>)
//     i2: usize = getfield_i(r0, descr=<Field List<f64>.capacity List::<f64>::OFFSET_OF_CAPACITY>)
//     i3: bool = uint_lt(i1, i2)
//     if i3 then block3(r0, i1) else block4(r0)
// block3(r8: &List<f64>, i9: usize):
//     i4: addr = getfield_i(r8, descr=<Field List<f64>.items List::<f64>::OFFSET_OF_ITEMS>)
//     setarrayitem_raw(i4, i9, 1.5, descr=<Array f64 size_of::<f64>()>)
//     i5: usize = int_add(i9, 1)
//     setfield(r8, i5, descr=<Field List<f64>.len List::<f64>::OFFSET_OF_LEN>)
//     goto block5(r8)
// block5(r11: &List<f64>):
//     goto return(r11)
// block4(r10: &List<f64>):
//     residual_call(r10, 1.5, descr=<Call jitsupport::list::ll_push::<f64>(r, f) -> void can_panic>)
//     goto block5(r10)
// return(r6: &List<f64>):
//     return r6
// panic(r7: &str):
//     panic r7
// }
//
// layout List<i64>: size_of::<List<i64>>()
//     items: addr (int) at List::<i64>::OFFSET_OF_ITEMS, size 8
//     len: usize (int) at List::<i64>::OFFSET_OF_LEN, size 8
//     capacity: usize (int) at List::<i64>::OFFSET_OF_CAPACITY, size 8
// layout List<u8>: size_of::<List<u8>>()
//     items: addr (int) at List::<u8>::OFFSET_OF_ITEMS, size 8
//     len: usize (int) at List::<u8>::OFFSET_OF_LEN, size 8
//     capacity: usize (int) at List::<u8>::OFFSET_OF_CAPACITY, size 8
// layout List<f64>: size_of::<List<f64>>()
//     items: addr (int) at List::<f64>::OFFSET_OF_ITEMS, size 8
//     len: usize (int) at List::<f64>::OFFSET_OF_LEN, size 8
//     capacity: usize (int) at List::<f64>::OFFSET_OF_CAPACITY, size 8
