// golden: graphs
mod m {
    #[repr(u8)]
    #[derive(Clone, Copy)]
    enum Kind {
        Small,
        Big,
    }

    // Associated consts: `Kind::LIMIT`, `Self::LIMIT` in the impl; `Self` in a value
    // is the impl's type wherever the const is used.
    impl Kind {
        const LIMIT: i64 = 100;
        const DEFAULT: Kind = Self::Small;

        fn of(x: i64) -> Kind {
            if x > Self::LIMIT {
                Kind::Big
            } else {
                Self::DEFAULT
            }
        }
    }

    const STEP: i64 = 3;

    // Std's float consts are constants.
    fn circle(r: f64) -> f64 {
        std::f64::consts::TAU * r + core::f64::consts::PI
    }

    // A const of the module through a module path, local `const` items (also in a
    // nested block, shadowing the module's), and consts as patterns.
    fn scale(x: i64) -> i64 {
        const FACTOR: i64 = 7;
        let k = Kind::of(x);
        let base = match x {
            crate::m::STEP => 0,
            Kind::LIMIT => 1,
            FACTOR => 2,
            _ => x * FACTOR + super::m::STEP,
        };
        let extra = {
            const STEP: i64 = 5;
            STEP
        };
        match k {
            Kind::Big => base + extra + Kind::LIMIT,
            Kind::Small => base + extra,
        }
    }
}
// ---- expected ----
// fn Kind::of(v2: i64) -> Kind {
// block0(v2: i64):
//     v7: bool = gt(v2, 100_i64)
//     if v7 then block3() else block4()
// block3():
//     v8: Kind = new_variant[Kind::Big]()
//     goto return(v8)
// block4():
//     v9: Kind = new_variant[Kind::Small]()
//     goto return(v9)
// return(v0: Kind):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn circle(v2: f64) -> f64 {
// block0(v2: f64):
//     v3: f64 = mul(6.283185307179586_f64, v2)
//     v4: f64 = add(v3, 3.141592653589793_f64)
//     goto return(v4)
// return(v0: f64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn scale(v2: i64) -> i64 {
// block0(v2: i64):
//     v3: Kind = call[Kind::of](v2)
//     switch v2:
//         3 => block3(v3, 0_i64)
//         100 => block3(v3, 1_i64)
//         7 => block3(v3, 2_i64)
//         _ => block4(v2, v3)
// block3(v5: Kind, v6: i64):
//     switch v5:
//         Big => block5(v6, 5_i64)
//         Small => block6(v6, 5_i64)
// block5(v28: i64, v29: i64):
//     v36: i64 = add(v28, v29)
//     v37: i64 = add(v36, 100_i64)
//     goto return(v37)
// block6(v33: i64, v34: i64):
//     v38: i64 = add(v33, v34)
//     goto return(v38)
// block4(v16: i64, v17: Kind):
//     v19: i64 = mul(v16, 7_i64)
//     v20: i64 = add(v19, 3_i64)
//     goto block3(v17, v20)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
