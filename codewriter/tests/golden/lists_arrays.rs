// golden: jitcode
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
// function "jitsupport::list::ll_init_with_capacity::<f64>"
// function "jitsupport::list::ll_push::<f64>"
// descr <Field "List<i64>.len" +0 u64>
// descr <Field "List<i64>.items" +0 u64>
// descr <Array "i64" +0 i64>
// descr <Field "List<u8>.len" +0 u64>
// descr <Field "List<u8>.items" +0 u64>
// descr <Array "u8" +0 u8>
// descr <Size "[i32; 3]" 0>
// descr <Array "i32" +0 i32>
// descr <Size "[u8; 100]" 0>
// descr <Size "List<f64>" 0>
// descr <Call "jitsupport::list::ll_init_with_capacity::<f64>" (r, i) -> void writes=[11, 12, 13, 14]>
// descr <Field "List<f64>.len" +0 u64>
// descr <Field "List<f64>.capacity" +0 u64>
// descr <Field "List<f64>.items" +0 u64>
// descr <Array "f64" +0 f64>
// descr <Call "jitsupport::list::ll_push::<f64>" (r, f) -> void can_panic writes=[11, 12, 13, 14]>
//
// jitcode "list_ops" i=3 r=1 f=0
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_ge $0, %i1, L1
//     panic $"index out of bounds"
// L1:
//     getfield_gc_i %r0, <Field "List<i64>.items" +0 u64> -> %i1
//     getarrayitem_raw_i %i1, $0, <Array "i64" +0 i64> -> %i1
//     int_add %i1, $1 -> %i1
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i2
//     -live- %i0, %i1, %i2, %r0
//     goto_if_not_uint_ge %i0, %i2, L2
//     panic $"index out of bounds"
// L2:
//     getfield_gc_i %r0, <Field "List<i64>.items" +0 u64> -> %i2
//     setarrayitem_raw_i %i2, %i0, %i1, <Array "i64" +0 i64>
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i0
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_int_eq %i1, $0, L4
//     int_copy $0 -> %i2
//     int_copy $0 -> %i1
// L3:
//     -live- %i0, %i1, %i2
//     goto_if_not %i2, L5
//     int_add %i1, %i0 -> %i0
//     int_return %i0
// L4:
//     int_sub %i1, $1 -> %i1
//     setfield_gc_i %r0, %i1, <Field "List<i64>.len" +0 u64>
//     getfield_gc_i %r0, <Field "List<i64>.items" +0 u64> -> %i2
//     getarrayitem_raw_i %i2, %i1, <Array "i64" +0 i64> -> %i1
//     int_copy $1 -> %i2
//     goto L3
// L5:
//     int_return $-1
//
// jitcode "bytes" i=2 r=1 f=0
//     getfield_gc_i %r0, <Field "List<u8>.len" +0 u64> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_ge %i0, %i1, L1
//     panic $"index out of bounds"
// L1:
//     getfield_gc_i %r0, <Field "List<u8>.items" +0 u64> -> %i1
//     getarrayitem_raw_i %i1, %i0, <Array "u8" +0 u8> -> %i0
//     int_return %i0
//
// jitcode "arrays" i=2 r=2 f=0
//     new <Size "[i32; 3]" 0> -> %r0
//     setarrayitem_gc_i %r0, $0, $1, <Array "i32" +0 i32>
//     setarrayitem_gc_i %r0, $1, $2, <Array "i32" +0 i32>
//     setarrayitem_gc_i %r0, $2, $3, <Array "i32" +0 i32>
//     -live- %i0, %r0
//     goto_if_not_uint_ge %i0, $3, L1
//     panic $"index out of bounds"
// L1:
//     setarrayitem_gc_i %r0, %i0, $10, <Array "i32" +0 i32>
//     new <Size "[u8; 100]" 0> -> %r1
//     int_copy $0 -> %i1
// L2:
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_lt %i1, $100, L3
//     setarrayitem_gc_i %r1, %i1, $0, <Array "u8" +0 u8>
//     int_add %i1, $1 -> %i1
//     goto L2
// L3:
//     getarrayitem_gc_i %r0, $2, <Array "i32" +0 i32> -> %i1
//     int_add %i1, $3 -> %i1
//     int_signext %i1, $4 -> %i1
//     -live- %i0, %i1, %r1
//     goto_if_not_uint_ge %i0, $100, L4
//     panic $"index out of bounds"
// L4:
//     getarrayitem_gc_i %r1, %i0, <Array "u8" +0 u8> -> %i0
//     int_add %i1, %i0 -> %i0
//     int_signext %i0, $4 -> %i0
//     int_return %i0
//
// jitcode "make" i=2 r=1 f=0
//     new <Size "List<f64>" 0> -> %r0
//     -live- %r0
//     residual_call_ir_v <Fn "jitsupport::list::ll_init_with_capacity::<f64>">, [$4], [%r0], <Call "jitsupport::list::ll_init_with_capacity::<f64>" (r, i) -> void writes=[11, 12, 13, 14]>
//     getfield_gc_i %r0, <Field "List<f64>.len" +0 u64> -> %i0
//     getfield_gc_i %r0, <Field "List<f64>.capacity" +0 u64> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_lt %i0, %i1, L2
//     getfield_gc_i %r0, <Field "List<f64>.items" +0 u64> -> %i1
//     setarrayitem_raw_f %i1, %i0, $1.5, <Array "f64" +0 f64>
//     int_add %i0, $1 -> %i0
//     setfield_gc_i %r0, %i0, <Field "List<f64>.len" +0 u64>
// L1:
//     ref_return %r0
// L2:
//     -live- %r0
//     residual_call_irf_v <Fn "jitsupport::list::ll_push::<f64>">, [], [%r0], [$1.5], <Call "jitsupport::list::ll_push::<f64>" (r, f) -> void can_panic writes=[11, 12, 13, 14]>
//     goto L1
