// golden: lltypes
mod m {
    use jitsupport::{can_enter_jit, jit_merge_point, promote, we_are_jitted, JitDriver, List};

    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["acc", "x"]);

    fn run(code: &List<u8>, n: i64) -> i64 {
        let mut pc: usize = 0;
        let mut acc: i64 = 0;
        let mut x: f64 = 1.0;
        while pc < code.len() {
            jit_merge_point!(DRIVER; pc, code; acc, x);
            let op = promote(code[pc]);
            if op == 1 {
                acc += n;
                x = x * 2.0;
            }
            if we_are_jitted() {
                acc += 0;
            }
            if op == 2 {
                pc = 0;
                can_enter_jit!(DRIVER; pc, code; acc, x);
                continue;
            }
            pc += 1;
        }
        acc
    }
}
// ---- expected ----
// fn run(r0: &List<u8>, i1: i64) -> i64 {
// block0(r0: &List<u8>, i1: i64):
//     goto block1(r0, i1, 0, 0, 1.0)
// block1(r2: &List<u8>, i3: i64, i4: usize, i5: i64, f6: f64):
//     i7: usize = getfield_i(r2, descr=<Field List<u8>.len List::<u8>::OFFSET_OF_LEN>)
//     i8: bool = uint_lt(i4, i7)
//     if i8 then block2(r2, i3, i4, i5, f6) else return(i5)
// block2(r9: &List<u8>, i10: i64, i11: usize, i12: i64, f13: f64):
//     jit_merge_point[DRIVER](i11, r9; i12, f13)
//     i14: usize = getfield_i(r9, descr=<Field List<u8>.len List::<u8>::OFFSET_OF_LEN>)
//     i15: bool = uint_ge(i11, i14)
//     if i15 then panic("index out of bounds") else block11(r9, i11, i10, i12, f13)
// block11(r61: &List<u8>, i62: usize, i63: i64, i64: i64, f65: f64):
//     i16: addr = getfield_i(r61, descr=<Field List<u8>.items List::<u8>::OFFSET_OF_ITEMS>)
//     i17: u8 = getarrayitem_raw_i(i16, i62, descr=<Array u8 size_of::<u8>()>)
//     i18: u8 = promote_i(i17)
//     i19: bool = int_eq(i18, 1)
//     if i19 then block3(r61, i63, i62, i64, f65, i18) else block4(r61, i63, i62, i64, f65, i18)
// block3(r20: &List<u8>, i21: i64, i22: usize, i23: i64, f24: f64, i25: u8):
//     i26: i64 = int_add(i23, i21)
//     f27: f64 = float_mul(f24, 2.0)
//     goto block4(r20, i21, i22, i26, f27, i25)
// block4(r28: &List<u8>, i29: i64, i30: usize, i31: i64, f32: f64, i33: u8):
//     i34: bool = we_are_jitted()
//     if i34 then block5(r28, i29, i30, i31, f32, i33) else block6(r28, i29, i30, i31, f32, i33)
// block5(r35: &List<u8>, i36: i64, i37: usize, i38: i64, f39: f64, i40: u8):
//     i41: i64 = int_add(i38, 0)
//     goto block6(r35, i36, i37, i41, f39, i40)
// block6(r42: &List<u8>, i43: i64, i44: usize, i45: i64, f46: f64, i47: u8):
//     i48: bool = int_eq(i47, 2)
//     if i48 then block7(r42, i43, i45, f46) else block8(r42, i43, i44, i45, f46)
// block7(r49: &List<u8>, i50: i64, i51: i64, f52: f64):
//     can_enter_jit[DRIVER](0, r49; i51, f52)
//     goto block1(r49, i50, 0, i51, f52)
// block8(r53: &List<u8>, i54: i64, i55: usize, i56: i64, f57: f64):
//     i58: usize = int_add(i55, 1)
//     goto block1(r53, i54, i58, i56, f57)
// return(i59: i64):
//     return i59
// panic(r60: &str):
//     panic r60
// }
//
// layout List<u8>: size_of::<List<u8>>()
//     items: addr (int) at List::<u8>::OFFSET_OF_ITEMS, size 8
//     len: usize (int) at List::<u8>::OFFSET_OF_LEN, size 8
//     capacity: usize (int) at List::<u8>::OFFSET_OF_CAPACITY, size 8
