// golden: graphs
mod m {
    const N: usize = 4;

    fn arrays(i: usize) -> i64 {
        let a = [1, 2, 3];
        let mut b = [0i64; N];
        let c = [false; 2];
        b[i] = a[i] + 1;
        b[0] += 1;
        let _ = c;
        b[i] + a.len() as i64
    }

    fn lists(n: usize) -> Option<u8> {
        let mut l: List<u8> = List::new();
        let mut m = jitsupport::List::with_capacity(n);
        l.push(1);
        m.push(2u8);
        if l.is_empty() {
            return None;
        }
        l[0] = m[0];
        l.pop()
    }
}
// ---- expected ----
// fn arrays(v2: usize) -> i64 {
// block0(v2: usize):
//     v3: [i64; 3] = new_array(1_i64, 2_i64, 3_i64)
//     v4: [i64; 4] = new_array_repeat[4](0_i64)
//     v5: [bool; 2] = new_array_repeat[2](false)
//     v6: i64 = getitem(v3, v2)
//     v7: i64 = add(v6, 1_i64)
//     v8: () = setitem(v4, v2, v7)
//     v9: i64 = getitem(v4, 0_usize)
//     v10: i64 = add(v9, 1_i64)
//     v11: () = setitem(v4, 0_usize, v10)
//     v12: i64 = getitem(v4, v2)
//     v13: usize = len(v3)
//     v14: i64 = cast[i64](v13)
//     v15: i64 = add(v12, v14)
//     goto return(v15)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn lists(v2: usize) -> Option<u8> {
// block0(v2: usize):
//     v3: List<u8> = list_new()
//     v4: List<u8> = list_with_capacity(v2)
//     v5: () = list_push(v3, 1_u8)
//     v6: () = list_push(v4, 2_u8)
//     v17: usize = len(v3)
//     v18: bool = eq(v17, 0_usize)
//     if v18 then block3() else block4(v3, v4)
// block3():
//     v19: Option<u8> = new_variant[Option::None]()
//     goto return(v19)
// block4(v14: List<u8>, v15: List<u8>):
//     v20: u8 = getitem(v15, 0_usize)
//     v21: () = setitem(v14, 0_usize, v20)
//     v22: Option<u8> = list_pop(v14)
//     goto return(v22)
// return(v0: Option<u8>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
