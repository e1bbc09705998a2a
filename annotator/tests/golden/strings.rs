// golden: graphs
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
// fn first_byte_or(v2: GcStr, v3: u8) -> u8 {
// block0(v2: GcStr, v3: u8):
//     v15: usize = len(v2)
//     v16: bool = gt(v15, 0_usize)
//     if v16 then block5(v2, v3) else return(v3)
// block5(v13: GcStr, v14: u8):
//     v17: GcStr = call[extern ::jitsupport::GcStr::lit]("")
//     v18: bool = ne(v13, v17)
//     if v18 then block4(v13, v14) else return(v14)
// block4(v11: GcStr, v12: u8):
//     v19: GcStr = call[extern ::jitsupport::GcStr::lit]("zz")
//     v20: bool = lt(v11, v19)
//     if v20 then block3(v11) else return(v12)
// block3(v4: GcStr):
//     v21: u8 = getitem(v4, 0_usize)
//     goto return(v21)
// return(v0: u8):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn describe(v2: Gc<Named>, v3: i64) -> GcStr {
// block0(v2: Gc<Named>, v3: i64):
//     v4: StrBuilder = call[extern ::jitsupport::StrBuilder::new]()
//     v5: GcStr = getfield[.name](v2)
//     v6: () = call[extern ::jitsupport::StrBuilder::push](v4, v5)
//     v7: () = call_method[.push_char = extern ::jitsupport::StrBuilder::push_char](v4, '=')
//     v8: () = call_method[.push_int = extern ::jitsupport::StrBuilder::push_int](v4, v3)
//     v9: GcStr = call_method[.build = extern ::jitsupport::StrBuilder::build](v4)
//     v10: GcStr = call[extern ::jitsupport::GcStr::from_int](v3)
//     v11: GcStr = call_method[.concat = extern ::jitsupport::GcStr::concat](v9, v10)
//     v12: GcStr = call[extern ::jitsupport::GcStr::lit]("=")
//     v13: i64 = call_method[.find = extern ::jitsupport::GcStr::find](v11, v12, 0_usize)
//     v14: usize = cast[usize](v13)
//     v15: GcStr = call_method[.slice = extern ::jitsupport::GcStr::slice](v11, 0_usize, v14)
//     goto return(v15)
// return(v0: GcStr):
//     return v0
// panic(v1: &str):
//     panic v1
// }
