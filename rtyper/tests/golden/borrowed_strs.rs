// golden: lltypes
mod m {
    use jitsupport::GcStr;

    // A `&str` is its first byte's address and its length: `==` tests the lengths
    // inline, then the bytes with an elidable call; a literal's pointer is an
    // elidable call on its constant.
    fn is_add(name: &str) -> bool {
        name == "__add__"
    }

    fn kind(name: &str) -> i64 {
        match name {
            "int" => 1,
            "float" | "complex" => 2,
            _ if name.is_empty() => 0,
            _ => name.len() as i64,
        }
    }

    fn special(name: &str) -> bool {
        matches!(name, "__eq__" | "__ne__") || name != "x"
    }

    // A `GcStr` read in place.
    fn named(s: GcStr) -> i64 {
        kind(s.as_str())
    }

    // Through native code: as its two leaves.
    #[jitsupport::dont_look_inside]
    fn first_word(s: &str) -> &str {
        s.split(' ').next().unwrap_or("")
    }

    fn word_len(s: GcStr) -> usize {
        first_word(s.as_str()).len() + crate::io::count("abc")
    }
}
// ---- expected ----
// fn is_add(r0: &u8, i1: usize) -> bool {
// block0(r0: &u8, i1: usize):
//     r2: &u8 = residual_call("__add__", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i3: bool = int_eq(i1, 7)
//     if i3 then block3(r0, r2, i1) else block4(0)
// block3(r8: &u8, r9: &u8, i10: usize):
//     i5: bool = residual_call(r8, r9, i10, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block4(i5)
// block4(i4: bool):
//     goto return(i4)
// return(i6: bool):
//     return i6
// panic(r7: &str):
//     panic r7
// }
//
// fn kind(r0: &u8, i1: usize) -> i64 {
// block0(r0: &u8, i1: usize):
//     r2: &u8 = residual_call("int", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i3: bool = int_eq(i1, 3)
//     if i3 then block7(r0, r2, i1) else block8(0, r0, i1)
// block7(r29: &u8, r30: &u8, i31: usize):
//     i5: bool = residual_call(r29, r30, i31, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block8(i5, r29, i31)
// block8(i4: bool, r32: &u8, i33: usize):
//     if i4 then return(1) else block1(r32, i33, r32, i33)
// block1(r6: &u8, i7: usize, r8: &u8, i9: usize):
//     r10: &u8 = residual_call("float", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i11: bool = int_eq(i9, 5)
//     if i11 then block9(r8, r10, i9, r6, i7) else block10(0, r6, i7, r8, i9)
// block9(r34: &u8, r35: &u8, i36: usize, r46: &u8, i47: usize):
//     i13: bool = residual_call(r34, r35, i36, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block10(i13, r46, i47, r34, i36)
// block10(i12: bool, r37: &u8, i38: usize, r39: &u8, i40: usize):
//     if i12 then return(2) else block2(r37, i38, r39, i40)
// block2(r14: &u8, i15: usize, r16: &u8, i17: usize):
//     r18: &u8 = residual_call("complex", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i19: bool = int_eq(i17, 7)
//     if i19 then block11(r16, r18, i17, r14, i15) else block12(0, r14, i15)
// block11(r41: &u8, r42: &u8, i43: usize, r48: &u8, i49: usize):
//     i21: bool = residual_call(r41, r42, i43, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block12(i21, r48, i49)
// block12(i20: bool, r44: &u8, i45: usize):
//     if i20 then return(2) else block3(r44, i45)
// block3(r22: &u8, i23: usize):
//     i24: bool = int_eq(i23, 0)
//     if i24 then return(0) else block4(r22, i23)
// block4(r25: &u8, i26: usize):
//     goto return(i26)
// return(i27: i64):
//     return i27
// panic(r28: &str):
//     panic r28
// }
//
// fn special(r0: &u8, i1: usize) -> bool {
// block0(r0: &u8, i1: usize):
//     r2: &u8 = residual_call("__eq__", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i3: bool = int_eq(i1, 6)
//     if i3 then block6(r0, r2, i1) else block7(0, r0, i1)
// block6(r26: &u8, r27: &u8, i28: usize):
//     i5: bool = residual_call(r26, r27, i28, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block7(i5, r26, i28)
// block7(i4: bool, r29: &u8, i30: usize):
//     if i4 then block1(r29, i30, 1) else block3(r29, i30, r29, i30)
// block1(r6: &u8, i7: usize, i8: bool):
//     if i8 then return(1) else block2(r6, i7)
// block2(r9: &u8, i10: usize):
//     r11: &u8 = residual_call("x", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i12: bool = int_eq(i10, 1)
//     if i12 then block8(r9, r11, i10) else block9(0)
// block8(r31: &u8, r32: &u8, i33: usize):
//     i14: bool = residual_call(r31, r32, i33, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block9(i14)
// block9(i13: bool):
//     i15: bool = int_eq(i13, 0)
//     goto return(i15)
// block3(r16: &u8, i17: usize, r18: &u8, i19: usize):
//     r20: &u8 = residual_call("__ne__", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i21: bool = int_eq(i19, 6)
//     if i21 then block10(r18, r20, i19, r16, i17) else block11(0, r16, i17)
// block10(r34: &u8, r35: &u8, i36: usize, r39: &u8, i40: usize):
//     i23: bool = residual_call(r34, r35, i36, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block11(i23, r39, i40)
// block11(i22: bool, r37: &u8, i38: usize):
//     if i22 then block1(r37, i38, 1) else block1(r37, i38, 0)
// return(i24: bool):
//     return i24
// panic(r25: &str):
//     panic r25
// }
//
// fn named(r0: &GcStr) -> i64 {
// block0(r0: &GcStr):
//     r1: &u8 = getsubstruct(r0, descr=<Field GcStr.bytes 32>)
//     i2: usize = getfield_i(r0, descr=<Field GcStr.len 8>)
//     i3: i64 = direct_call[kind](r1, i2)
//     goto return(i3)
// return(i4: i64):
//     return i4
// panic(r5: &str):
//     panic r5
// }
//
// fn word_len(r0: &GcStr) -> usize {
// block0(r0: &GcStr):
//     r1: &u8 = getsubstruct(r0, descr=<Field GcStr.bytes 32>)
//     i2: usize = getfield_i(r0, descr=<Field GcStr.len 8>)
//     r3: &u8 = residual_call(r1, i2, descr=<Call first_word(r, i) -> r can_panic>)
//     i4: usize = residual_call(1, descr=<Call jitsupport::llresult::ll_result_i(i) -> i>)
//     r5: &u8 = residual_call("abc", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i6: usize = residual_call(r5, 3, descr=<Call crate::io::count(r, i) -> i can_panic>)
//     i7: usize = int_add(i4, i6)
//     goto return(i7)
// return(i8: usize):
//     return i8
// panic(r9: &str):
//     panic r9
// }
