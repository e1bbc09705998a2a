// golden: jitcode
mod m {
    use jitsupport::List;

    #[derive(Clone, Copy)]
    pub struct Cell {
        pub value: i64,
        pub age: u8,
    }

    pub struct Grid {
        pub cells: [Cell; 4],
        pub extra: List<Cell>,
    }

    // Items held inline: `getarraysubstruct_*` gives a ref to each (its stride comes
    // from rustc, so the registry shows `ref:0` until the macro's constants fill it).
    fn total(g: &Grid) -> i64 {
        let mut sum: i64 = 0;
        let mut i: usize = 0;
        while i < 4 {
            sum += g.cells[i].value + g.cells[i].age as i64;
            i += 1;
        }
        let mut j: usize = 0;
        while j < g.extra.len() {
            sum += g.extra[j].value;
            j += 1;
        }
        sum
    }

    fn age_all(g: &mut Grid) {
        let mut i: usize = 0;
        while i < 4 {
            g.cells[i].age = g.cells[i].age.wrapping_add(1);
            i += 1;
        }
    }
}
// ---- expected ----
// descr <Field "Grid.cells" +0 ref>
// descr <Field "Grid.extra" +0 ref>
// descr <Field "List<Cell>.len" +0 u64>
// descr <Array "Cell" +0 ref:0>
// descr <Field "Cell.value" +0 i64>
// descr <Field "Cell.age" +0 u8>
// descr <Field "List<Cell>.items" +0 u64>
//
// jitcode "total" i=4 r=2 f=0
//     int_copy $0 -> %i0
//     int_copy $0 -> %i1
// L1:
//     -live- %i0, %i1, %r0
//     goto_if_not_uint_lt %i1, $4, L6
//     getsubstruct_gc %r0, <Field "Grid.cells" +0 ref> -> %r1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_ge %i1, $4, L2
//     panic $"index out of bounds"
// L2:
//     getarraysubstruct_gc %r1, %i1, <Array "Cell" +0 ref:0> -> %r1
//     getfield_gc_i %r1, <Field "Cell.value" +0 i64> -> %i2
//     getsubstruct_gc %r0, <Field "Grid.cells" +0 ref> -> %r1
//     -live- %i0, %i1, %i2, %r0, %r1
//     goto_if_not_uint_ge %i1, $4, L3
//     panic $"index out of bounds"
// L3:
//     getarraysubstruct_gc %r1, %i1, <Array "Cell" +0 ref:0> -> %r1
//     getfield_gc_i %r1, <Field "Cell.age" +0 u8> -> %i3
//     int_add %i2, %i3 -> %i2
//     int_add %i0, %i2 -> %i0
//     int_add %i1, $1 -> %i1
//     goto L1
// L4:
//     getsubstruct_gc %r0, <Field "Grid.extra" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "List<Cell>.len" +0 u64> -> %i2
//     -live- %i0, %i1, %i2, %r0
//     goto_if_not_uint_lt %i1, %i2, L7
//     getsubstruct_gc %r0, <Field "Grid.extra" +0 ref> -> %r1
//     getfield_gc_i %r1, <Field "List<Cell>.len" +0 u64> -> %i2
//     -live- %i0, %i1, %i2, %r0, %r1
//     goto_if_not_uint_ge %i1, %i2, L5
//     panic $"index out of bounds"
// L5:
//     getfield_gc_i %r1, <Field "List<Cell>.items" +0 u64> -> %i2
//     getarraysubstruct_raw %i2, %i1, <Array "Cell" +0 ref:0> -> %r1
//     getfield_gc_i %r1, <Field "Cell.value" +0 i64> -> %i2
//     int_add %i0, %i2 -> %i0
//     int_add %i1, $1 -> %i1
//     goto L4
// L6:
//     int_copy $0 -> %i1
//     goto L4
// L7:
//     int_return %i0
//
// jitcode "age_all" i=2 r=2 f=0
//     int_copy $0 -> %i0
// L1:
//     -live- %i0, %r0
//     goto_if_not_uint_lt %i0, $4, L4
//     getsubstruct_gc %r0, <Field "Grid.cells" +0 ref> -> %r1
//     -live- %i0, %r0, %r1
//     goto_if_not_uint_ge %i0, $4, L2
//     panic $"index out of bounds"
// L2:
//     getarraysubstruct_gc %r1, %i0, <Array "Cell" +0 ref:0> -> %r1
//     getfield_gc_i %r1, <Field "Cell.age" +0 u8> -> %i1
//     int_add %i1, $1 -> %i1
//     int_and %i1, $255 -> %i1
//     getsubstruct_gc %r0, <Field "Grid.cells" +0 ref> -> %r1
//     -live- %i0, %i1, %r0, %r1
//     goto_if_not_uint_ge %i0, $4, L3
//     panic $"index out of bounds"
// L3:
//     getarraysubstruct_gc %r1, %i0, <Array "Cell" +0 ref:0> -> %r1
//     setfield_gc_i %r1, %i1, <Field "Cell.age" +0 u8>
//     int_add %i0, $1 -> %i0
//     goto L1
// L4:
//     void_return
