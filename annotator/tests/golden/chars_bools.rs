// golden: graphs
mod m {
    fn is_digit(c: char) -> bool {
        c >= '0' && c <= '9'
    }

    fn kind(c: char) -> u8 {
        match c {
            'a' => 1,
            'b' | 'c' => 2,
            _ => 0,
        }
    }

    fn flip(b: bool) -> bool {
        let t = true;
        !b ^ t | false & b
    }

    fn byte(c: u8) -> char {
        let d = b'a';
        (c + d) as char
    }
}
// ---- expected ----
// fn is_digit(v2: char) -> bool {
// block0(v2: char):
//     v3: bool = ge(v2, '0')
//     if v3 then block3(v2) else return(false)
// block3(v4: char):
//     v7: bool = le(v4, '9')
//     goto return(v7)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn kind(v2: char) -> u8 {
// block0(v2: char):
//     switch v2:
//         97 => return(1_u8)
//         98 => return(2_u8)
//         99 => return(2_u8)
//         _ => return(0_u8)
// return(v0: u8):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn flip(v2: bool) -> bool {
// block0(v2: bool):
//     v3: bool = not(v2)
//     v4: bool = bitxor(v3, true)
//     v5: bool = bitand(false, v2)
//     v6: bool = bitor(v4, v5)
//     goto return(v6)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn byte(v2: u8) -> char {
// block0(v2: u8):
//     v3: u8 = add(v2, 97_u8)
//     v4: char = cast[char](v3)
//     goto return(v4)
// return(v0: char):
//     return v0
// panic(v1: &str):
//     panic v1
// }
