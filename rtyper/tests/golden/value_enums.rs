// golden: lltypes
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
// fn make(i0: i64) -> (Value, i64, f64, &GcAny) {
// block0(i0: i64):
//     i1: bool = int_gt(i0, 0)
//     if i1 then block1(i0) else block2(i0)
// block1(i2: i64):
//     goto return(0, i2, 0.0, null)
// block2(i3: i64):
//     f4: f64 = cast_int_to_float(i3)
//     goto return(1, 0, f4, null)
// return(i5: Value, i6: i64, f7: f64, r8: &GcAny):
//     return i5, i6, f7, r8
// panic(r9: &str):
//     panic r9
// }
//
// fn as_int(i0: Value, i1: i64, f2: f64, r3: &GcAny) -> i64 {
// block0(i0: Value, i1: i64, f2: f64, r3: &GcAny):
//     switch i0:
//         0 /* Int */ => block1(i0, i1, f2, r3)
//         1 /* Float */ => block2(i0, i1, f2, r3)
//         2 /* Obj */ => block3(i0, i1, f2, r3)
//         3 /* Nil */ => return(0)
// block1(i4: Value, i5: i64, f6: f64, r7: &GcAny):
//     goto return(i5)
// block2(i8: Value, i9: i64, f10: f64, r11: &GcAny):
//     i12: i64 = cast_float_to_int[i64](f10)
//     goto return(i12)
// block3(i13: Value, i14: i64, f15: f64, r16: &GcAny):
//     r17: Option<&Gc<Boxed>> = gc_downcast(r16, descr=<Size Gc<Boxed> object_size_of::<Boxed>()>)
//     i18: bool = ptr_nonzero(r17)
//     if i18 then block4(r17) else return(-1)
// block4(r19: Option<&Gc<Boxed>>):
//     r20: &Boxed = getsubstruct(r19, descr=<Field Gc<Boxed>.payload HEADER_SIZE>)
//     i21: i64 = getfield_i(r20, descr=<Field Boxed.n offset_of!(Boxed, n)>)
//     goto return(i21)
// return(i22: i64):
//     return i22
// panic(r23: &str):
//     panic r23
// }
//
// fn shuffle(r0: &Gc<Regs>, i1: usize) -> i64 {
// block0(r0: &Gc<Regs>, i1: usize):
//     r2: &Regs = getsubstruct(r0, descr=<Field Gc<Regs>.payload HEADER_SIZE>)
//     r3: &GcArray<Value> = getfield_r(r2, descr=<Field Regs.slots offset_of!(Regs, slots)>)
//     i4: usize = getfield_i(r3, descr=<Field GcArray<Value>.len ARRAY_LENGTH_OFFSET>)
//     i5: bool = uint_ge(i1, i4)
//     if i5 then panic("index out of bounds") else block3(r3, i1, r0)
// block3(r47: &GcArray<Value>, i48: usize, r101: &Gc<Regs>):
//     r6: &Value = getarraysubstruct(r47, i48, descr=<Array Value size_of::<Value>()>)
//     i7: Value = getfield_i(r6, descr=<Field Value.tag 0>)
//     switch i7:
//         0 /* Int */ => block5(r6, r101)
//         1 /* Float */ => block6(r6, r101)
//         2 /* Obj */ => block7(r6, r101)
//         3 /* Nil */ => block8(r101)
// block5(r50: &Value, r51: &Gc<Regs>):
//     i12: i64 = getfield_i(r50, descr=<Field Value::Int.0 offset_of!(__Value_Int, 1)>)
//     goto block4(0, i12, 0.0, null, r51)
// block4(i8: Value, i9: i64, f10: f64, r11: &GcAny, r49: &Gc<Regs>):
//     r15: &Regs = getsubstruct(r49, descr=<Field Gc<Regs>.payload HEADER_SIZE>)
//     r16: &GcArray<Value> = getfield_r(r15, descr=<Field Regs.slots offset_of!(Regs, slots)>)
//     r17: &Regs = getsubstruct(r49, descr=<Field Gc<Regs>.payload HEADER_SIZE>)
//     r18: &Value = getsubstruct(r17, descr=<Field Regs.first offset_of!(Regs, first)>)
//     i19: Value = getfield_i(r18, descr=<Field Value.tag 0>)
//     switch i19:
//         0 /* Int */ => block10(r18, r16, r49, i8, i9, f10, r11)
//         1 /* Float */ => block11(r18, r16, r49, i8, i9, f10, r11)
//         2 /* Obj */ => block12(r18, r16, r49, i8, i9, f10, r11)
//         3 /* Nil */ => block13(r16, r49, i8, i9, f10, r11)
// block10(r58: &Value, r59: &GcArray<Value>, r141: &Gc<Regs>, i142: Value, i155: i64, f156: f64, r157: &GcAny):
//     i24: i64 = getfield_i(r58, descr=<Field Value::Int.0 offset_of!(__Value_Int, 1)>)
//     goto block9(0, i24, 0.0, null, r59, r141, i142, i155, f156, r157)
// block9(i20: Value, i21: i64, f22: f64, r23: &GcAny, r57: &GcArray<Value>, r139: &Gc<Regs>, i140: Value, i152: i64, f153: f64, r154: &GcAny):
//     i27: usize = getfield_i(r57, descr=<Field GcArray<Value>.len ARRAY_LENGTH_OFFSET>)
//     i28: bool = uint_ge(0, i27)
//     if i28 then panic("index out of bounds") else block14(r57, i20, i21, r139, i140, f22, r23, i152, f153, r154)
// block14(r65: &GcArray<Value>, i66: Value, i102: i64, r103: &Gc<Regs>, i104: Value, f105: f64, r106: &GcAny, i149: i64, f150: f64, r151: &GcAny):
//     r29: &Value = getarraysubstruct(r65, 0, descr=<Array Value size_of::<Value>()>)
//     switch i66:
//         0 /* Int */ => block16(r29, i102, r103, i104, i149, f150, r151)
//         1 /* Float */ => block17(r29, f105, r103, i104, i149, f150, r151)
//         2 /* Obj */ => block18(r29, r106, r103, i104, i149, f150, r151)
//         3 /* Nil */ => block19(r29, r103, i104, i149, f150, r151)
// block16(r69: &Value, i70: i64, r71: &Gc<Regs>, i72: Value, i110: i64, f111: f64, r112: &GcAny):
//     setfield(r69, 0, descr=<Field Value.tag 0>)
//     setfield(r69, i70, descr=<Field Value::Int.0 offset_of!(__Value_Int, 1)>)
//     goto block15(r71, i72, i110, f111, r112)
// block15(r67: &Gc<Regs>, i68: Value, i107: i64, f108: f64, r109: &GcAny):
//     r30: &Regs = getsubstruct(r67, descr=<Field Gc<Regs>.payload HEADER_SIZE>)
//     r31: &GcCell<Value> = getsubstruct(r30, descr=<Field Regs.last offset_of!(Regs, last)>)
//     r32: &Value = getsubstruct(r31, descr=<Field GcCell<Value>.value 0>)
//     switch i68:
//         0 /* Int */ => block21(r32, i107, r67, i68, f108, r109)
//         1 /* Float */ => block22(r32, f108, r67, i68, i107, r109)
//         2 /* Obj */ => block23(r32, r109, r67, i68, i107, f108)
//         3 /* Nil */ => block24(r32, r67, i68, i107, f108, r109)
// block21(r85: &Value, i86: i64, r87: &Gc<Regs>, i126: Value, f127: f64, r128: &GcAny):
//     setfield(r85, 0, descr=<Field Value.tag 0>)
//     setfield(r85, i86, descr=<Field Value::Int.0 offset_of!(__Value_Int, 1)>)
//     goto block20(r87, i126, i86, f127, r128)
// block20(r84: &Gc<Regs>, i122: Value, i123: i64, f124: f64, r125: &GcAny):
//     r33: &Regs = getsubstruct(r84, descr=<Field Gc<Regs>.payload HEADER_SIZE>)
//     r34: &GcArray<Value> = getfield_r(r33, descr=<Field Regs.slots offset_of!(Regs, slots)>)
//     i35: usize = getfield_i(r34, descr=<Field GcArray<Value>.len ARRAY_LENGTH_OFFSET>)
//     i36: bool = uint_ge(1, i35)
//     if i36 then panic("index out of bounds") else block25(r34, i122, i123, f124, r125)
// block25(r96: &GcArray<Value>, i97: Value, i98: i64, f99: f64, r100: &GcAny):
//     r37: &Value = getarraysubstruct(r96, 1, descr=<Array Value size_of::<Value>()>)
//     setfield(r37, 3, descr=<Field Value.tag 0>)
//     i38: i64 = direct_call[as_int](i97, i98, f99, r100)
//     (i39: Value, i40: i64, f41: f64, r42: &GcAny) = direct_call[make](3)
//     i43: i64 = direct_call[as_int](i39, i40, f41, r42)
//     i44: i64 = int_add(i38, i43)
//     goto return(i44)
// block22(r88: &Value, f89: f64, r90: &Gc<Regs>, i129: Value, i130: i64, r131: &GcAny):
//     setfield(r88, 1, descr=<Field Value.tag 0>)
//     setfield(r88, f89, descr=<Field Value::Float.0 offset_of!(__Value_Float, 1)>)
//     goto block20(r90, i129, i130, f89, r131)
// block23(r91: &Value, r92: &GcAny, r93: &Gc<Regs>, i132: Value, i133: i64, f134: f64):
//     setfield(r91, 2, descr=<Field Value.tag 0>)
//     setfield(r91, r92, descr=<Field Value::Obj.0 offset_of!(__Value_Obj, 1)>)
//     goto block20(r93, i132, i133, f134, r92)
// block24(r94: &Value, r95: &Gc<Regs>, i135: Value, i136: i64, f137: f64, r138: &GcAny):
//     setfield(r94, 3, descr=<Field Value.tag 0>)
//     goto block20(r95, i135, i136, f137, r138)
// block17(r73: &Value, f74: f64, r75: &Gc<Regs>, i76: Value, i113: i64, f114: f64, r115: &GcAny):
//     setfield(r73, 1, descr=<Field Value.tag 0>)
//     setfield(r73, f74, descr=<Field Value::Float.0 offset_of!(__Value_Float, 1)>)
//     goto block15(r75, i76, i113, f114, r115)
// block18(r77: &Value, r78: &GcAny, r79: &Gc<Regs>, i80: Value, i116: i64, f117: f64, r118: &GcAny):
//     setfield(r77, 2, descr=<Field Value.tag 0>)
//     setfield(r77, r78, descr=<Field Value::Obj.0 offset_of!(__Value_Obj, 1)>)
//     goto block15(r79, i80, i116, f117, r118)
// block19(r81: &Value, r82: &Gc<Regs>, i83: Value, i119: i64, f120: f64, r121: &GcAny):
//     setfield(r81, 3, descr=<Field Value.tag 0>)
//     goto block15(r82, i83, i119, f120, r121)
// block11(r60: &Value, r61: &GcArray<Value>, r143: &Gc<Regs>, i144: Value, i158: i64, f159: f64, r160: &GcAny):
//     f25: f64 = getfield_f(r60, descr=<Field Value::Float.0 offset_of!(__Value_Float, 1)>)
//     goto block9(1, 0, f25, null, r61, r143, i144, i158, f159, r160)
// block12(r62: &Value, r63: &GcArray<Value>, r145: &Gc<Regs>, i146: Value, i161: i64, f162: f64, r163: &GcAny):
//     r26: &GcAny = getfield_r(r62, descr=<Field Value::Obj.0 offset_of!(__Value_Obj, 1)>)
//     goto block9(2, 0, 0.0, r26, r63, r145, i146, i161, f162, r163)
// block13(r64: &GcArray<Value>, r147: &Gc<Regs>, i148: Value, i164: i64, f165: f64, r166: &GcAny):
//     goto block9(3, 0, 0.0, null, r64, r147, i148, i164, f165, r166)
// block6(r52: &Value, r53: &Gc<Regs>):
//     f13: f64 = getfield_f(r52, descr=<Field Value::Float.0 offset_of!(__Value_Float, 1)>)
//     goto block4(1, 0, f13, null, r53)
// block7(r54: &Value, r55: &Gc<Regs>):
//     r14: &GcAny = getfield_r(r54, descr=<Field Value::Obj.0 offset_of!(__Value_Obj, 1)>)
//     goto block4(2, 0, 0.0, r14, r55)
// block8(r56: &Gc<Regs>):
//     goto block4(3, 0, 0.0, null, r56)
// return(i45: i64):
//     return i45
// panic(r46: &str):
//     panic r46
// }
//
// layout Boxed: size_of::<Boxed>()
//     n: i64 (int signed) at offset_of!(Boxed, n), size 8
// layout Regs: size_of::<Regs>()
//     first: Value (inline) at offset_of!(Regs, first), size size_of::<Value>()
//     slots: GcArray<Value> (ref) at offset_of!(Regs, slots), size 8
//     last: GcCell<Value> (inline) at offset_of!(Regs, last), size size_of::<GcCell<Value>>()
// layout enum Value #[repr(u8)]: size_of::<Value>(), tag u8 at 0
//     Int = 0 (mirror __Value_Int)
//         0: i64 (int signed) at offset_of!(__Value_Int, 1), size 8
//     Float = 1 (mirror __Value_Float)
//         0: f64 (float) at offset_of!(__Value_Float, 1), size 8
//     Obj = 2 (mirror __Value_Obj)
//         0: GcAny (ref) at offset_of!(__Value_Obj, 1), size 8
//     Nil = 3
