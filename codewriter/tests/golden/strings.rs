// golden: jitcode
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
// function "jitsupport::shim::ll_str_ptr"
// function "::jitsupport::GcStr::lit"
// function "::jitsupport::GcStr::equals"
// function "::jitsupport::GcStr::compare"
// function "::jitsupport::StrBuilder::new"
// function "::jitsupport::StrBuilder::push"
// function "::jitsupport::StrBuilder::push_char"
// function "::jitsupport::StrBuilder::push_int"
// function "::jitsupport::StrBuilder::build"
// function "::jitsupport::GcStr::from_int"
// function "::jitsupport::GcStr::concat"
// function "::jitsupport::GcStr::find"
// function "::jitsupport::GcStr::slice"
// descr <Field "GcStr.len" +8 u64 immutable>
// descr <Call "jitsupport::shim::ll_str_ptr" (r) -> r elidable>
// descr <Call "::jitsupport::GcStr::lit" (r, i) -> r elidable can_panic random_effects>
// descr <Call "::jitsupport::GcStr::equals" (r, r) -> i elidable can_panic random_effects>
// descr <Call "::jitsupport::GcStr::compare" (r, r) -> i elidable can_panic random_effects>
// descr <Array "GcStr.bytes" +32 u8 immutable>
// descr <Call "::jitsupport::StrBuilder::new" () -> r can_panic random_effects>
// descr <Field "Gc<Named>.payload" +0 ref>
// descr <Field "Named.name" +0 ref>
// descr <Call "::jitsupport::StrBuilder::push" (r, r) -> void can_panic random_effects>
// descr <Call "::jitsupport::StrBuilder::push_char" (r, i) -> void can_panic random_effects>
// descr <Call "::jitsupport::StrBuilder::push_int" (r, i) -> void can_panic random_effects>
// descr <Call "::jitsupport::StrBuilder::build" (r) -> r can_panic random_effects>
// descr <Call "::jitsupport::GcStr::from_int" (i) -> r elidable can_panic random_effects>
// descr <Call "::jitsupport::GcStr::concat" (r, r) -> r elidable can_panic random_effects>
// descr <Call "::jitsupport::GcStr::find" (r, r, i) -> i elidable can_panic random_effects>
// descr <Call "::jitsupport::GcStr::slice" (r, i, i) -> r elidable can_panic random_effects>
//
// jitcode "first_byte_or" i=2 r=2 f=0
//     getfield_gc_i %r0, <Field "GcStr.len" +8 u64 immutable> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_gt %i1, $0, L2
//     -live- %i0, %r0
//     residual_call_r_r <Fn "jitsupport::shim::ll_str_ptr">, [$""], <Call "jitsupport::shim::ll_str_ptr" (r) -> r elidable> -> %r1
//     -live- %i0, %r0, %r1
//     residual_call_ir_r <Fn "::jitsupport::GcStr::lit">, [$0], [%r1], <Call "::jitsupport::GcStr::lit" (r, i) -> r elidable can_panic random_effects> -> %r1
//     -live- %i0, %r0, %r1
//     residual_call_r_i <Fn "::jitsupport::GcStr::equals">, [%r0, %r1], <Call "::jitsupport::GcStr::equals" (r, r) -> i elidable can_panic random_effects> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_int_eq %i1, $0, L3
//     -live- %i0, %r0
//     residual_call_r_r <Fn "jitsupport::shim::ll_str_ptr">, [$"zz"], <Call "jitsupport::shim::ll_str_ptr" (r) -> r elidable> -> %r1
//     -live- %i0, %r0, %r1
//     residual_call_ir_r <Fn "::jitsupport::GcStr::lit">, [$2], [%r1], <Call "::jitsupport::GcStr::lit" (r, i) -> r elidable can_panic random_effects> -> %r1
//     -live- %i0, %r0, %r1
//     residual_call_r_i <Fn "::jitsupport::GcStr::compare">, [%r0, %r1], <Call "::jitsupport::GcStr::compare" (r, r) -> i elidable can_panic random_effects> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_int_lt %i1, $0, L4
//     getfield_gc_i %r0, <Field "GcStr.len" +8 u64 immutable> -> %i0
//     -live- %i0, %r0
//     goto_if_not_uint_ge $0, %i0, L1
//     panic $"index out of bounds"
// L1:
//     getarrayitem_gc_i %r0, $0, <Array "GcStr.bytes" +32 u8 immutable> -> %i0
//     int_return %i0
// L2:
//     int_return %i0
// L3:
//     int_return %i0
// L4:
//     int_return %i0
//
// jitcode "describe" i=1 r=2 f=0
//     -live- %i0, %r0
//     residual_call_r_r <Fn "::jitsupport::StrBuilder::new">, [], <Call "::jitsupport::StrBuilder::new" () -> r can_panic random_effects> -> %r1
//     getsubstruct_gc %r0, <Field "Gc<Named>.payload" +0 ref> -> %r0
//     getfield_gc_r %r0, <Field "Named.name" +0 ref> -> %r0
//     -live- %i0, %r0, %r1
//     residual_call_r_v <Fn "::jitsupport::StrBuilder::push">, [%r1, %r0], <Call "::jitsupport::StrBuilder::push" (r, r) -> void can_panic random_effects>
//     -live- %i0, %r1
//     residual_call_ir_v <Fn "::jitsupport::StrBuilder::push_char">, [$61], [%r1], <Call "::jitsupport::StrBuilder::push_char" (r, i) -> void can_panic random_effects>
//     -live- %i0, %r1
//     residual_call_ir_v <Fn "::jitsupport::StrBuilder::push_int">, [%i0], [%r1], <Call "::jitsupport::StrBuilder::push_int" (r, i) -> void can_panic random_effects>
//     -live- %i0, %r1
//     residual_call_r_r <Fn "::jitsupport::StrBuilder::build">, [%r1], <Call "::jitsupport::StrBuilder::build" (r) -> r can_panic random_effects> -> %r0
//     -live- %i0, %r0
//     residual_call_ir_r <Fn "::jitsupport::GcStr::from_int">, [%i0], [], <Call "::jitsupport::GcStr::from_int" (i) -> r elidable can_panic random_effects> -> %r1
//     -live- %r0, %r1
//     residual_call_r_r <Fn "::jitsupport::GcStr::concat">, [%r0, %r1], <Call "::jitsupport::GcStr::concat" (r, r) -> r elidable can_panic random_effects> -> %r0
//     -live- %r0
//     residual_call_r_r <Fn "jitsupport::shim::ll_str_ptr">, [$"="], <Call "jitsupport::shim::ll_str_ptr" (r) -> r elidable> -> %r1
//     -live- %r0, %r1
//     residual_call_ir_r <Fn "::jitsupport::GcStr::lit">, [$1], [%r1], <Call "::jitsupport::GcStr::lit" (r, i) -> r elidable can_panic random_effects> -> %r1
//     -live- %r0, %r1
//     residual_call_ir_i <Fn "::jitsupport::GcStr::find">, [$0], [%r0, %r1], <Call "::jitsupport::GcStr::find" (r, r, i) -> i elidable can_panic random_effects> -> %i0
//     -live- %i0, %r0
//     residual_call_ir_r <Fn "::jitsupport::GcStr::slice">, [$0, %i0], [%r0], <Call "::jitsupport::GcStr::slice" (r, i, i) -> r elidable can_panic random_effects> -> %r0
//     ref_return %r0
