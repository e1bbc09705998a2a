// golden: lltypes
mod m {
    use jitsupport::{Gc, GcStr, StrBuilder};

    struct Named {
        name: GcStr,
        next: Option<GcStr>,
    }

    // Length and bytes are reads; `==` and `<` compare text (elidable calls).
    fn first_byte_or(s: GcStr, d: u8) -> u8 {
        if s.len() > 0 && s != GcStr::lit("") && s < GcStr::lit("zz") {
            s.byte_at(0)
        } else {
            d
        }
    }

    // The other operations are calls: elidable for GcStr, residual for the builder.
    fn describe(o: Gc<Named>, n: i64) -> GcStr {
        let b = StrBuilder::new();
        b.push(o.name);
        b.push_char('=');
        b.push_int(n);
        let s = b.build().concat(GcStr::from_int(n));
        let at = s.find(GcStr::lit("="), 0);
        s.slice(0, at as usize)
    }
}
// ---- expected ----
// fn first_byte_or(r0: &GcStr, i1: u8) -> u8 {
// block0(r0: &GcStr, i1: u8):
//     i2: usize = getfield_i(r0, descr=<Field GcStr.len 8>)
//     i3: bool = uint_gt(i2, 0)
//     if i3 then block1(r0, i1) else return(i1)
// block1(r4: &GcStr, i5: u8):
//     r6: &u8 = residual_call("", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     r7: &GcStr = residual_call(r6, 0, descr=<Call ::jitsupport::GcStr::lit(r, i) -> r elidable can_panic>)
//     i8: bool = residual_call(r4, r7, descr=<Call ::jitsupport::GcStr::equals(r, r) -> i elidable can_panic>)
//     i9: bool = int_eq(i8, 0)
//     if i9 then block2(r4, i5) else return(i5)
// block2(r10: &GcStr, i11: u8):
//     r12: &u8 = residual_call("zz", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     r13: &GcStr = residual_call(r12, 2, descr=<Call ::jitsupport::GcStr::lit(r, i) -> r elidable can_panic>)
//     i14: i64 = residual_call(r10, r13, descr=<Call ::jitsupport::GcStr::compare(r, r) -> i elidable can_panic>)
//     i15: bool = int_lt(i14, 0)
//     if i15 then block3(r10) else return(i11)
// block3(r16: &GcStr):
//     i17: usize = getfield_i(r16, descr=<Field GcStr.len 8>)
//     i18: bool = uint_ge(0, i17)
//     if i18 then panic("index out of bounds") else block6(r16)
// block6(r22: &GcStr):
//     i19: u8 = getarrayitem_i(r22, 0, descr=<Array u8 size_of::<u8>()>)
//     goto return(i19)
// return(i20: u8):
//     return i20
// panic(r21: &str):
//     panic r21
// }
//
// fn describe(r0: &Gc<Named>, i1: i64) -> &GcStr {
// block0(r0: &Gc<Named>, i1: i64):
//     r2: &StrBuilder = residual_call(descr=<Call ::jitsupport::StrBuilder::new() -> r can_panic>)
//     r3: &Named = getsubstruct(r0, descr=<Field Gc<Named>.payload HEADER_SIZE>)
//     r4: &GcStr = getfield_r(r3, descr=<Field Named.name offset_of!(Named, name)>)
//     residual_call(r2, r4, descr=<Call ::jitsupport::StrBuilder::push(r, r) -> void can_panic>)
//     residual_call(r2, 61, descr=<Call ::jitsupport::StrBuilder::push_char(r, i) -> void can_panic>)
//     residual_call(r2, i1, descr=<Call ::jitsupport::StrBuilder::push_int(r, i) -> void can_panic>)
//     r5: &GcStr = residual_call(r2, descr=<Call ::jitsupport::StrBuilder::build(r) -> r can_panic>)
//     r6: &GcStr = residual_call(i1, descr=<Call ::jitsupport::GcStr::from_int(i) -> r elidable can_panic>)
//     r7: &GcStr = residual_call(r5, r6, descr=<Call ::jitsupport::GcStr::concat(r, r) -> r elidable can_panic>)
//     r8: &u8 = residual_call("=", descr=<Call jitsupport::shim::ll_str_ptr(r) -> r elidable>)
//     r9: &GcStr = residual_call(r8, 1, descr=<Call ::jitsupport::GcStr::lit(r, i) -> r elidable can_panic>)
//     i10: i64 = residual_call(r7, r9, 0, descr=<Call ::jitsupport::GcStr::find(r, r, i) -> i elidable can_panic>)
//     r11: &GcStr = residual_call(r7, 0, i10, descr=<Call ::jitsupport::GcStr::slice(r, i, i) -> r elidable can_panic>)
//     goto return(r11)
// return(r12: &GcStr):
//     return r12
// panic(r13: &str):
//     panic r13
// }
//
// layout Named: size_of::<Named>()
//     name: GcStr (ref) at offset_of!(Named, name), size 8
//     next: Option<GcStr> (ref) at offset_of!(Named, next), size 8
