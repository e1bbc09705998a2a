// golden: graphs
mod m {
    fn helper(x: i64) -> i64 {
        x * 2
    }

    #[dont_look_inside]
    fn opaque(x: i64) -> i64 {
        let v: Vec<i64> = vec![x];
        println!("{}", v.len());
        x
    }

    fn caller(x: i64) {
        let y = helper(x);
        let z = opaque(y);
        crate::io::emit(z);
        std::process::exit(0);
    }
}
// ---- expected ----
// fn helper(v2: i64) -> i64 {
// block0(v2: i64):
//     v3: i64 = mul(v2, 2_i64)
//     goto return(v3)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn caller(v2: i64) -> () {
// block0(v2: i64):
//     v3: i64 = call[helper](v2)
//     v4: i64 = call[opaque](v3)
//     v5: () = call[extern crate::io::emit](v4)
//     v6: () = call[extern std::process::exit](0_i32)
//     goto return(())
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// # opaque: dont_look_inside, not analysed
