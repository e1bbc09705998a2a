// golden: graphs
mod m {
    static DRIVER: JitDriver = JitDriver::new(&["pc", "code"], &["acc"]);

    #[elidable]
    fn lookup(code: &[u8; 4], pc: usize) -> u8 {
        code[pc]
    }

    #[loop_invariant]
    fn jitted(x: usize) -> usize {
        if jitsupport::we_are_jitted() {
            jitsupport::promote(x)
        } else {
            x
        }
    }

    #[unroll_safe]
    fn run(code: &[u8; 4]) -> i64 {
        let mut pc = 0;
        let mut acc = 0;
        loop {
            jit_merge_point!(DRIVER; pc, code; acc);
            let op = lookup(code, promote(pc));
            if op == 0 {
                return acc;
            }
            if we_are_jitted() {
                acc += 1;
            }
            pc = (pc + 1) % 4;
            if pc == 0 {
                jitsupport::can_enter_jit!(DRIVER; pc, code; acc);
            }
        }
    }
}
// ---- expected ----
// fn lookup(v2: &[u8; 4], v3: usize) -> u8 {
//     # hints: elidable
// block0(v2: &[u8; 4], v3: usize):
//     v4: u8 = getitem(v2, v3)
//     goto return(v4)
// return(v0: u8):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn jitted(v2: usize) -> usize {
//     # hints: loop_invariant
// block0(v2: usize):
//     v7: bool = we_are_jitted()
//     if v7 then block3(v2) else return(v2)
// block3(v3: usize):
//     v8: usize = promote(v3)
//     goto return(v8)
// return(v0: usize):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn run(v2: &[u8; 4]) -> i64 {
//     # hints: unroll_safe
// block0(v2: &[u8; 4]):
//     goto block3(v2, 0_usize, 0_i64)
// block3(v3: &[u8; 4], v4: usize, v5: i64):
//     v10: () = jit_merge_point[DRIVER](v4, v3, v5)
//     v11: usize = promote(v4)
//     v12: u8 = call[lookup](v3, v11)
//     v26: bool = eq(v12, 0_u8)
//     if v26 then return(v5) else block4(v3, v4, v5)
// block4(v21: &[u8; 4], v22: usize, v23: i64):
//     v40: bool = we_are_jitted()
//     if v40 then block5(v21, v22, v23) else block6(v21, v22, v23)
// block5(v27: &[u8; 4], v28: usize, v29: i64):
//     v41: i64 = add(v29, 1_i64)
//     goto block6(v27, v28, v41)
// block6(v35: &[u8; 4], v36: usize, v37: i64):
//     v42: usize = add(v36, 1_usize)
//     v43: usize = rem(v42, 4_usize)
//     v57: bool = eq(v43, 0_usize)
//     if v57 then block7(v35, v43, v37) else block3(v35, v43, v37)
// block7(v44: &[u8; 4], v45: usize, v46: i64):
//     v58: () = can_enter_jit[DRIVER](v45, v44, v46)
//     goto block3(v44, v45, v46)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
