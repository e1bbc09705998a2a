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
//     r6: &GcStr = residual_call("", descr=<Call ::jitsupport::GcStr::lit(r) -> r elidable can_panic>)
//     i7: bool = residual_call(r4, r6, descr=<Call ::jitsupport::GcStr::equals(r, r) -> i elidable can_panic>)
//     i8: bool = int_eq(i7, 0)
//     if i8 then block2(r4, i5) else return(i5)
// block2(r9: &GcStr, i10: u8):
//     r11: &GcStr = residual_call("zz", descr=<Call ::jitsupport::GcStr::lit(r) -> r elidable can_panic>)
//     i12: i64 = residual_call(r9, r11, descr=<Call ::jitsupport::GcStr::compare(r, r) -> i elidable can_panic>)
//     i13: bool = int_lt(i12, 0)
//     if i13 then block3(r9) else return(i10)
// block3(r14: &GcStr):
//     i15: usize = getfield_i(r14, descr=<Field GcStr.len 8>)
//     i16: bool = uint_ge(0, i15)
//     if i16 then panic("index out of bounds") else block6(r14)
// block6(r20: &GcStr):
//     i17: u8 = getarrayitem_i(r20, 0, descr=<Array u8 size_of::<u8>()>)
//     goto return(i17)
// return(i18: u8):
//     return i18
// panic(r19: &str):
//     panic r19
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
//     r8: &GcStr = residual_call("=", descr=<Call ::jitsupport::GcStr::lit(r) -> r elidable can_panic>)
//     i9: i64 = residual_call(r7, r8, 0, descr=<Call ::jitsupport::GcStr::find(r, r, i) -> i elidable can_panic>)
//     r10: &GcStr = residual_call(r7, 0, i9, descr=<Call ::jitsupport::GcStr::slice(r, i, i) -> r elidable can_panic>)
//     goto return(r10)
// return(r11: &GcStr):
//     return r11
// panic(r12: &str):
//     panic r12
// }
//
// layout Named: size_of::<Named>()
//     name: GcStr (ref) at offset_of!(Named, name), size 8
//     next: Option<GcStr> (ref) at offset_of!(Named, next), size 8
