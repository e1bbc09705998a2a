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

    // Slices of a `&str`: one elidable check of the bounds and char boundaries, the
    // pointer moved by an elidable call.
    fn middle(s: &str, a: usize, b: usize) -> bool {
        let m = &s[a..b];
        &s[..a] == "ab" || &s[b..] == m || &s[a..=b] == &s[..]
    }

    // Borrowed bytes: `as_bytes`, indexing (a bounds check and a read), slices (the
    // bounds checked inline), `==`.
    fn digits(s: &str) -> i64 {
        let b = s.as_bytes();
        let mut n = 0;
        let mut i = 0;
        while i < b.len() && (b'0'..=b'9').contains(&b[i]) {
            n = n * 10 + (b[i] - b'0') as i64;
            i += 1;
        }
        if &b[..i] == "12".as_bytes() {
            n += 1000;
        }
        n
    }

    // `starts_with` / `ends_with`: elidable calls.
    fn dunder(s: &str) -> bool {
        s.starts_with("__") && s.ends_with("__") || s.as_bytes().ends_with("x".as_bytes())
    }

    // `for` over the bytes, or over the items of anything indexable: a loop over an
    // index (stepped before the body, so `continue` moves on).
    fn sum_bytes(s: &str) -> i64 {
        let mut n = 0;
        for c in s.bytes() {
            if c == b' ' {
                continue;
            }
            n += c as i64;
        }
        n
    }

    fn total(l: &jitsupport::List<i64>, b: &[u8]) -> i64 {
        let mut t = 0;
        for &x in l.iter() {
            t += x;
        }
        'outer: for &x in b {
            for y in [1, 2].iter() {
                if x == 0 {
                    break 'outer;
                }
                t += *y;
            }
        }
        t
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
// fn middle(r0: &u8, i1: usize, i2: usize, i3: usize) -> bool {
// block0(r0: &u8, i1: usize, i2: usize, i3: usize):
//     i4: bool = residual_call(r0, i1, i2, i3, descr=<Call jitsupport::shim::ll_str_slice_ok(r, i, i, i) -> i elidable>)
//     i5: bool = int_eq(i4, 0)
//     if i5 then panic("byte index out of range or not at a char boundary") else block6(r0, i2, i3, i1)
// block6(r52: &u8, i53: usize, i54: usize, i55: usize):
//     r6: &u8 = residual_call(r52, i53, descr=<Call jitsupport::shim::ll_ptr_add(r, i) -> r elidable>)
//     i7: usize = int_sub(i54, i53)
//     i8: bool = residual_call(r52, i55, 0, i53, descr=<Call jitsupport::shim::ll_str_slice_ok(r, i, i, i) -> i elidable>)
//     i9: bool = int_eq(i8, 0)
//     if i9 then panic("byte index out of range or not at a char boundary") else block7(r52, i53, i55, i54, r6, i7)
// block7(r56: &u8, i57: usize, i88: usize, i89: usize, r90: &u8, i91: usize):
//     r10: &u8 = residual_call(r56, 0, descr=<Call jitsupport::shim::ll_ptr_add(r, i) -> r elidable>)
//     i11: usize = int_sub(i57, 0)
//     r12: &u8 = residual_call("ab", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i13: bool = int_eq(i11, 2)
//     if i13 then block8(r10, r12, i11, r56, i88, i57, i89, r90, i91) else block9(0, r56, i88, i57, i89, r90, i91)
// block8(r58: &u8, r59: &u8, i60: usize, r92: &u8, i93: usize, i94: usize, i95: usize, r96: &u8, i97: usize):
//     i15: bool = residual_call(r58, r59, i60, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block9(i15, r92, i93, i94, i95, r96, i97)
// block9(i14: bool, r61: &u8, i62: usize, i63: usize, i64: usize, r65: &u8, i66: usize):
//     if i14 then block1(r61, i62, i63, i64, 1) else block3(r61, i62, i63, i64, r65, i66)
// block1(r16: &u8, i17: usize, i18: usize, i19: usize, i20: bool):
//     if i20 then return(1) else block2(r16, i17, i18, i19)
// block2(r21: &u8, i22: usize, i23: usize, i24: usize):
//     i25: usize = int_add(i24, 1)
//     i26: bool = residual_call(r21, i22, i23, i25, descr=<Call jitsupport::shim::ll_str_slice_ok(r, i, i, i) -> i elidable>)
//     i27: bool = int_eq(i26, 0)
//     if i27 then panic("byte index out of range or not at a char boundary") else block10(r21, i23, i25, i22)
// block10(r67: &u8, i68: usize, i69: usize, i70: usize):
//     r28: &u8 = residual_call(r67, i68, descr=<Call jitsupport::shim::ll_ptr_add(r, i) -> r elidable>)
//     i29: usize = int_sub(i69, i68)
//     i30: bool = residual_call(r67, i70, 0, i70, descr=<Call jitsupport::shim::ll_str_slice_ok(r, i, i, i) -> i elidable>)
//     i31: bool = int_eq(i30, 0)
//     if i31 then panic("byte index out of range or not at a char boundary") else block11(r67, i70, i29, r28)
// block11(r71: &u8, i72: usize, i73: usize, r98: &u8):
//     r32: &u8 = residual_call(r71, 0, descr=<Call jitsupport::shim::ll_ptr_add(r, i) -> r elidable>)
//     i33: usize = int_sub(i72, 0)
//     i34: bool = int_eq(i73, i33)
//     if i34 then block12(r98, r32, i73) else block13(0)
// block12(r74: &u8, r75: &u8, i76: usize):
//     i36: bool = residual_call(r74, r75, i76, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block13(i36)
// block13(i35: bool):
//     goto return(i35)
// block3(r37: &u8, i38: usize, i39: usize, i40: usize, r41: &u8, i42: usize):
//     i43: bool = residual_call(r37, i38, i40, i38, descr=<Call jitsupport::shim::ll_str_slice_ok(r, i, i, i) -> i elidable>)
//     i44: bool = int_eq(i43, 0)
//     if i44 then panic("byte index out of range or not at a char boundary") else block14(r37, i40, i38, i42, r41, i39)
// block14(r77: &u8, i78: usize, i79: usize, i80: usize, r99: &u8, i100: usize):
//     r45: &u8 = residual_call(r77, i78, descr=<Call jitsupport::shim::ll_ptr_add(r, i) -> r elidable>)
//     i46: usize = int_sub(i79, i78)
//     i47: bool = int_eq(i46, i80)
//     if i47 then block15(r45, r99, i46, r77, i79, i100, i78) else block16(0, r77, i79, i100, i78)
// block15(r81: &u8, r82: &u8, i83: usize, r101: &u8, i102: usize, i103: usize, i104: usize):
//     i49: bool = residual_call(r81, r82, i83, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block16(i49, r101, i102, i103, i104)
// block16(i48: bool, r84: &u8, i85: usize, i86: usize, i87: usize):
//     goto block1(r84, i85, i86, i87, i48)
// return(i50: bool):
//     return i50
// panic(r51: &str):
//     panic r51
// }
//
// fn digits(r0: &u8, i1: usize) -> i64 {
// block0(r0: &u8, i1: usize):
//     goto block1(r0, i1, 0, 0)
// block1(r2: &u8, i3: usize, i4: i64, i5: usize):
//     i6: bool = uint_lt(i5, i3)
//     if i6 then block2(r2, i3, i4, i5) else block6(r2, i3, i4, i5)
// block2(r7: &u8, i8: usize, i9: i64, i10: usize):
//     i11: bool = uint_ge(i10, i8)
//     if i11 then panic("index out of bounds") else block10(r7, i10, i8, i9)
// block10(r52: &u8, i53: usize, i54: usize, i55: i64):
//     i12: u8 = getarrayitem_i(r52, i53, descr=<Array u8 size_of::<u8>()>)
//     i13: bool = uint_le(48, i12)
//     if i13 then block3(r52, i54, i55, i53, i12) else block4(r52, i54, i55, i53, 0)
// block3(r14: &u8, i15: usize, i16: i64, i17: usize, i18: u8):
//     i19: bool = uint_le(i18, 57)
//     goto block4(r14, i15, i16, i17, i19)
// block4(r20: &u8, i21: usize, i22: i64, i23: usize, i24: bool):
//     if i24 then block5(r20, i21, i22, i23) else block6(r20, i21, i22, i23)
// block5(r25: &u8, i26: usize, i27: i64, i28: usize):
//     i29: i64 = int_mul(i27, 10)
//     i30: bool = uint_ge(i28, i26)
//     if i30 then panic("index out of bounds") else block11(r25, i28, i29, i26)
// block11(r56: &u8, i57: usize, i58: i64, i59: usize):
//     i31: u8 = getarrayitem_i(r56, i57, descr=<Array u8 size_of::<u8>()>)
//     i32: u8 = int_sub(i31, 48)
//     i33: u8 = int_and(i32, 255)
//     i34: i64 = int_add(i58, i33)
//     i35: usize = int_add(i57, 1)
//     goto block1(r56, i59, i34, i35)
// block6(r36: &u8, i37: usize, i38: i64, i39: usize):
//     i40: bool = uint_gt(0, i39)
//     if i40 then panic("slice index starts after its end") else block12(i39, i37, r36, i38)
// block12(i60: usize, i61: usize, r68: &u8, i71: i64):
//     i41: bool = uint_gt(i60, i61)
//     if i41 then panic("range end index out of range for slice") else block13(r68, i60, i71)
// block13(r62: &u8, i63: usize, i69: i64):
//     r42: &u8 = residual_call(r62, 0, descr=<Call jitsupport::shim::ll_ptr_add(r, i) -> r elidable>)
//     i43: usize = int_sub(i63, 0)
//     r44: &u8 = residual_call("12", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i45: bool = int_eq(i43, 2)
//     if i45 then block14(r42, r44, i43, i69) else block15(0, i69)
// block14(r64: &u8, r65: &u8, i66: usize, i70: i64):
//     i47: bool = residual_call(r64, r65, i66, descr=<Call jitsupport::shim::ll_str_eq(r, r, i) -> i elidable>)
//     goto block15(i47, i70)
// block15(i46: bool, i67: i64):
//     if i46 then block7(i67) else return(i67)
// block7(i48: i64):
//     i49: i64 = int_add(i48, 1000)
//     goto return(i49)
// return(i50: i64):
//     return i50
// panic(r51: &str):
//     panic r51
// }
//
// fn dunder(r0: &u8, i1: usize) -> bool {
// block0(r0: &u8, i1: usize):
//     r2: &u8 = residual_call("__", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i3: bool = residual_call(r0, i1, r2, 2, descr=<Call ::jitsupport::shim::ll_borrowed_str_starts_with(r, i, r, i) -> i elidable can_panic>)
//     if i3 then block1(r0, i1) else block2(r0, i1, 0)
// block1(r4: &u8, i5: usize):
//     r6: &u8 = residual_call("__", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i7: bool = residual_call(r4, i5, r6, 2, descr=<Call ::jitsupport::shim::ll_borrowed_str_ends_with(r, i, r, i) -> i elidable can_panic>)
//     goto block2(r4, i5, i7)
// block2(r8: &u8, i9: usize, i10: bool):
//     if i10 then return(1) else block3(r8, i9)
// block3(r11: &u8, i12: usize):
//     r13: &u8 = residual_call("x", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     i14: bool = residual_call(r11, i12, r13, 1, descr=<Call ::jitsupport::shim::ll_borrowed_bytes_ends_with(r, i, r, i) -> i elidable can_panic>)
//     goto return(i14)
// return(i15: bool):
//     return i15
// panic(r16: &str):
//     panic r16
// }
//
// fn sum_bytes(r0: &u8, i1: usize) -> i64 {
// block0(r0: &u8, i1: usize):
//     goto block1(0, r0, i1, 0)
// block1(i2: i64, r3: &u8, i4: usize, i5: usize):
//     i6: bool = uint_lt(i5, i4)
//     if i6 then block2(i2, r3, i4, i5) else return(i2)
// block2(i7: i64, r8: &u8, i9: usize, i10: usize):
//     i11: bool = uint_ge(i10, i9)
//     if i11 then panic("index out of bounds") else block6(r8, i10, i7, i9)
// block6(r23: &u8, i24: usize, i25: i64, i26: usize):
//     i12: u8 = getarrayitem_i(r23, i24, descr=<Array u8 size_of::<u8>()>)
//     i13: usize = int_add(i24, 1)
//     i14: bool = int_eq(i12, 32)
//     if i14 then block1(i25, r23, i26, i13) else block3(i25, r23, i26, i13, i12)
// block3(i15: i64, r16: &u8, i17: usize, i18: usize, i19: u8):
//     i20: i64 = int_add(i15, i19)
//     goto block1(i20, r16, i17, i18)
// return(i21: i64):
//     return i21
// panic(r22: &str):
//     panic r22
// }
//
// fn total(r0: &List<i64>, r1: &u8, i2: usize) -> i64 {
// block0(r0: &List<i64>, r1: &u8, i2: usize):
//     goto block1(r1, i2, 0, r0, 0)
// block1(r3: &u8, i4: usize, i5: i64, r6: &List<i64>, i7: usize):
//     i8: usize = getfield_i(r6, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i9: bool = uint_lt(i7, i8)
//     if i9 then block2(r3, i4, i5, r6, i7) else block3(i5, r3, i4, 0)
// block2(r10: &u8, i11: usize, i12: i64, r13: &List<i64>, i14: usize):
//     i15: usize = getfield_i(r13, descr=<Field List<i64>.len List::<i64>::OFFSET_OF_LEN>)
//     i16: bool = uint_ge(i14, i15)
//     if i16 then panic("index out of bounds") else block10(r13, i14, i12, r10, i11)
// block10(r64: &List<i64>, i65: usize, i66: i64, r67: &u8, i68: usize):
//     i17: addr = getfield_i(r64, descr=<Field List<i64>.items List::<i64>::OFFSET_OF_ITEMS>)
//     i18: i64 = getarrayitem_raw_i(i17, i65, descr=<Array i64 size_of::<i64>()>)
//     i19: usize = int_add(i65, 1)
//     i20: i64 = int_add(i66, i18)
//     goto block1(r67, i68, i20, r64, i19)
// block3(i21: i64, r22: &u8, i23: usize, i24: usize):
//     i25: bool = uint_lt(i24, i23)
//     if i25 then block4(i21, r22, i23, i24) else return(i21)
// block4(i26: i64, r27: &u8, i28: usize, i29: usize):
//     i30: bool = uint_ge(i29, i28)
//     if i30 then panic("index out of bounds") else block11(r27, i29, i26, i28)
// block11(r69: &u8, i70: usize, i71: i64, i72: usize):
//     i31: u8 = getarrayitem_i(r69, i70, descr=<Array u8 size_of::<u8>()>)
//     i32: usize = int_add(i70, 1)
//     r33: &[i64; 2] = new(descr=<Size [i64; 2] size_of::<[i64; 2]>()>)
//     setarrayitem(r33, 0, 1, descr=<Array i64 size_of::<i64>()>)
//     setarrayitem(r33, 1, 2, descr=<Array i64 size_of::<i64>()>)
//     goto block5(i71, r69, i72, i32, i31, r33, 0)
// block5(i34: i64, r35: &u8, i36: usize, i37: usize, i38: u8, r39: &[i64; 2], i40: usize):
//     i41: bool = uint_lt(i40, 2)
//     if i41 then block6(i34, r35, i36, i37, i38, r39, i40) else block3(i34, r35, i36, i37)
// block6(i42: i64, r43: &u8, i44: usize, i45: usize, i46: u8, r47: &[i64; 2], i48: usize):
//     i49: bool = uint_ge(i48, 2)
//     if i49 then panic("index out of bounds") else block12(r47, i48, i46, i42, r43, i44, i45)
// block12(r73: &[i64; 2], i74: usize, i75: u8, i76: i64, r77: &u8, i78: usize, i79: usize):
//     i50: i64 = getarrayitem_i(r73, i74, descr=<Array i64 size_of::<i64>()>)
//     i51: usize = int_add(i74, 1)
//     i52: bool = int_eq(i75, 0)
//     if i52 then return(i76) else block7(i76, r77, i78, i79, i75, r73, i51, i50)
// block7(i53: i64, r54: &u8, i55: usize, i56: usize, i57: u8, r58: &[i64; 2], i59: usize, i60: i64):
//     i61: i64 = int_add(i53, i60)
//     goto block5(i61, r54, i55, i56, i57, r58, i59)
// return(i62: i64):
//     return i62
// panic(r63: &str):
//     panic r63
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
//
// layout List<i64>: size_of::<List<i64>>()
//     items: addr (int) at List::<i64>::OFFSET_OF_ITEMS, size 8
//     len: usize (int) at List::<i64>::OFFSET_OF_LEN, size 8
//     capacity: usize (int) at List::<i64>::OFFSET_OF_CAPACITY, size 8
