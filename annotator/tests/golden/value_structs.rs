// golden: graphs
mod m {
    #[derive(Clone, Copy)]
    struct C {
        a: i64,
        f: f64,
    }

    #[derive(Clone, Copy)]
    struct Pair {
        left: C,
        right: C,
    }

    struct H {
        pair: Pair,
        items: jitsupport::List<C>,
    }

    impl C {
        fn bump(&mut self) {
            self.a += 1;
        }
    }

    // A copy out of a field, a write to the copy, a write through `h`.
    fn copy_and_write(h: &mut H) -> i64 {
        let mut p = h.pair;
        p.left.a = 3;
        h.pair.right.a = 4;
        h.pair.left.bump();
        p.left.a + h.pair.left.a
    }

    // Items held by value: push, an item's field, pop.
    fn items(h: &mut H, c: C) -> f64 {
        h.items.push(c);
        h.items[0].f = 2.5;
        match h.items.pop() {
            Some(x) => x.f,
            None => 0.0,
        }
    }
}
// ---- expected ----
// fn C::bump(v2: &mut C) -> () {
// block0(v2: &mut C):
//     v3: i64 = getfield[.a](v2)
//     v4: i64 = add(v3, 1_i64)
//     v5: () = setfield[.a](v2, v4)
//     goto return(())
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn copy_and_write(v2: &mut H) -> i64 {
// block0(v2: &mut H):
//     v3: Pair = getfield[.pair](v2)
//     v4: C = getfield[.left](v3)
//     v5: C = with_field[.a](v4, 3_i64)
//     v6: Pair = with_field[.left](v3, v5)
//     v7: &mut Pair = getsubstruct[.pair](v2)
//     v8: &mut C = getsubstruct[.right](v7)
//     v9: () = setfield[.a](v8, 4_i64)
//     v10: &mut Pair = getsubstruct[.pair](v2)
//     v11: &mut C = getsubstruct[.left](v10)
//     v12: () = call_method[.bump = C::bump](v11)
//     v13: C = getsubstruct[.left](v6)
//     v14: i64 = getfield[.a](v13)
//     v15: &mut Pair = getsubstruct[.pair](v2)
//     v16: &mut C = getsubstruct[.left](v15)
//     v17: i64 = getfield[.a](v16)
//     v18: i64 = add(v14, v17)
//     goto return(v18)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn items(v2: &mut H, v3: C) -> f64 {
// block0(v2: &mut H, v3: C):
//     v4: List<C> = getfield[.items](v2)
//     v5: () = list_push(v4, v3)
//     v6: List<C> = getfield[.items](v2)
//     v7: &mut C = getarraysubstruct(v6, 0_usize)
//     v8: () = setfield[.f](v7, 2.5_f64)
//     v9: List<C> = getfield[.items](v2)
//     v10: Option<C> = list_pop(v9)
//     switch v10:
//         Some => block3(v10)
//         None => return(0.0_f64)
// block3(v16: Option<C>):
//     v20: C = variant_field[Option::Some.0](v16)
//     v25: f64 = getfield[.f](v20)
//     goto return(v25)
// return(v0: f64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
