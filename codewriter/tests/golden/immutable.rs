// golden: jitcode
mod m {
    use jitsupport::List;

    pub struct Program {
        #[immutable]
        pub code: List<i64>,
        #[immutable]
        pub size: usize,
        pub runs: usize,
    }

    // The list in an immutable field is immutable all the way down: its length and items
    // pointer are read with descrs named by their path, marked immutable.
    fn at(program: &Program, pc: usize) -> i64 {
        if pc < program.code.len() {
            program.code[pc]
        } else {
            -1
        }
    }

    // A pointer into an immutable field keeps its path across blocks when every path
    // into the block brings the same one; a mutable field stays mutable.
    fn count(program: &mut Program, flag: bool) -> usize {
        let code = &program.code;
        let n = if flag { code.len() } else { program.size };
        program.runs += 1;
        n + code.len() + program.runs
    }

    // A list that is not in an immutable field is read as usual.
    fn plain(list: &List<i64>) -> usize {
        list.len()
    }
}
// ---- expected ----
// descr <Field "Program.code" +0 ref immutable>
// descr <Field "Program.code.len" +0 u64 immutable>
// descr <Field "Program.code.items" +0 u64 immutable>
// descr <Array "Program.code.items[*]" +0 i64 immutable>
// descr <Field "Program.runs" +0 u64>
// descr <Field "Program.size" +0 u64 immutable>
// descr <Field "List<i64>.len" +0 u64>
//
// jitcode "at" i=2 r=2 f=0
//     getsubstruct_gc %r0, <Field "Program.code" +0 ref immutable> -> %r1
//     getfield_gc_i %r1, <Field "Program.code.len" +0 u64 immutable> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_lt %i0, %i1, L2
//     getsubstruct_gc %r0, <Field "Program.code" +0 ref immutable> -> %r0
//     getfield_gc_i %r0, <Field "Program.code.len" +0 u64 immutable> -> %i1
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_ge %i0, %i1, L1
//     panic $"index out of bounds"
// L1:
//     getfield_gc_i %r0, <Field "Program.code.items" +0 u64 immutable> -> %i1
//     getarrayitem_raw_i %i1, %i0, <Array "Program.code.items[*]" +0 i64 immutable> -> %i0
//     int_return %i0
// L2:
//     int_return $-1
//
// jitcode "count" i=2 r=2 f=0
//     getsubstruct_gc %r0, <Field "Program.code" +0 ref immutable> -> %r1
//     -live- %i0, %r0, %r1
//     goto_if_not %i0, L2
//     getfield_gc_i %r1, <Field "Program.code.len" +0 u64 immutable> -> %i0
// L1:
//     getfield_gc_i %r0, <Field "Program.runs" +0 u64> -> %i1
//     int_add %i1, $1 -> %i1
//     setfield_gc_i %r0, %i1, <Field "Program.runs" +0 u64>
//     getfield_gc_i %r1, <Field "Program.code.len" +0 u64 immutable> -> %i1
//     int_add %i0, %i1 -> %i0
//     getfield_gc_i %r0, <Field "Program.runs" +0 u64> -> %i1
//     int_add %i0, %i1 -> %i0
//     int_return %i0
// L2:
//     getfield_gc_i %r0, <Field "Program.size" +0 u64 immutable> -> %i0
//     goto L1
//
// jitcode "plain" i=1 r=1 f=0
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i0
//     int_return %i0
