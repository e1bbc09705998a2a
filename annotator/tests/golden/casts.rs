// golden: graphs
mod m {
    fn casts(x: i64, c: char, f: f64, b: bool) -> u8 {
        let a = x as u8;
        let y = c as u32;
        let z = f as i64;
        let w = x as f64;
        let k = b as usize;
        let ch = a as char;
        let _ = (y, z, w, k, ch);
        a
    }
}
// ---- expected ----
// fn casts(v2: i64, v3: char, v4: f64, v5: bool) -> u8 {
// block0(v2: i64, v3: char, v4: f64, v5: bool):
//     v6: u8 = cast[u8](v2)
//     v7: u32 = cast[u32](v3)
//     v8: i64 = cast[i64](v4)
//     v9: f64 = cast[f64](v2)
//     v10: usize = cast[usize](v5)
//     v11: char = cast[char](v6)
//     v12: (u32, i64, f64, usize, char) = new_tuple(v7, v8, v9, v10, v11)
//     goto return(v6)
// return(v0: u8):
//     return v0
// panic(v1: &str):
//     panic v1
// }
