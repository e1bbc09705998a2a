// golden: jitcode
mod m {
    use jitsupport::GcStr;

    // A `&str` is a ref to its first byte and an int, its length.
    fn kind(name: &str) -> i64 {
        match name {
            "int" => 1,
            _ => name.len() as i64,
        }
    }

    fn named(s: GcStr) -> i64 {
        kind(s.as_str())
    }
}
// ---- expected ----
// function "jitsupport::shim::ll_str_ptr"
// function "jitsupport::shim::ll_str_eq"
// descr <Call "jitsupport::shim::ll_str_ptr" (r) -> r elidable>
// descr <Call "jitsupport::shim::ll_str_eq" (r, r, i) -> i elidable>
// descr <Field "GcStr.bytes" +32 ref>
// descr <Field "GcStr.len" +8 u64 immutable>
// descr <JitCode "kind">
//
// jitcode "kind" i=2 r=2 f=0
//     -live- %i0, %r0
//     residual_call_r_r <Fn "jitsupport::shim::ll_str_ptr">, [$"int"], <Call "jitsupport::shim::ll_str_ptr" (r) -> r elidable> -> %r1
//     -live- %i0, %r0, %r1
//     goto_if_not_int_eq %i0, $3, L3
//     -live- %i0, %r0, %r1
//     residual_call_ir_i <Fn "jitsupport::shim::ll_str_eq">, [%i0], [%r0, %r1], <Call "jitsupport::shim::ll_str_eq" (r, r, i) -> i elidable> -> %i1
// L1:
//     -live- %i0, %i1
//     goto_if_not %i1, L2
//     int_return $1
// L2:
//     int_return %i0
// L3:
//     int_copy $0 -> %i1
//     goto L1
//
// jitcode "named" i=1 r=2 f=0
//     getsubstruct_gc %r0, <Field "GcStr.bytes" +32 ref> -> %r1
//     getfield_gc_i %r0, <Field "GcStr.len" +8 u64 immutable> -> %i0
//     inline_call_ir_i <JitCode "kind">, [%i0], [%r1] -> %i0
//     -live- %i0
//     int_return %i0
