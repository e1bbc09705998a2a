// golden: graphs
mod m {
    use jitsupport::{Gc, GcArray};

    struct Node {
        value: i64,
        items: GcArray<i64>,
    }

    fn make(n: usize, fill: i64) -> Gc<Node> {
        Gc::new(Node { value: 0, items: GcArray::new(n, fill) })
    }

    fn nodes(head: Option<Gc<Node>>) -> i64 {
        let all: GcArray<Option<Gc<Node>>> = GcArray::new(2, None);
        all.set(1, head);
        match all.get(1) {
            Some(h) => h.value + h.items.get(0) + h.items.len() as i64,
            None => -1,
        }
    }
}
// ---- expected ----
// fn make(v2: usize, v3: i64) -> Gc<Node> {
// block0(v2: usize, v3: i64):
//     v4: GcArray<i64> = call[extern GcArray::new](v2, v3)
//     v5: Gc<Node> = new_gc(0_i64, v4)
//     goto return(v5)
// return(v0: Gc<Node>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn nodes(v2: Option<Gc<Node>>) -> i64 {
// block0(v2: Option<Gc<Node>>):
//     v3: Option<Gc<Node>> = new_variant[Option::None]()
//     v4: GcArray<Option<Gc<Node>>> = call[extern GcArray::new](2_usize, v3)
//     v5: () = setitem(v4, 1_usize, v2)
//     v6: Option<Gc<Node>> = getitem(v4, 1_usize)
//     switch v6:
//         Some => block3(v6)
//         None => return(-1_i64)
// block3(v12: Option<Gc<Node>>):
//     v16: Gc<Node> = variant_field[Option::Some.0](v12)
//     v21: i64 = getfield[.value](v16)
//     v22: GcArray<i64> = getfield[.items](v16)
//     v23: i64 = getitem(v22, 0_usize)
//     v24: i64 = add(v21, v23)
//     v25: GcArray<i64> = getfield[.items](v16)
//     v26: usize = len(v25)
//     v27: i64 = cast[i64](v26)
//     v28: i64 = add(v24, v27)
//     goto return(v28)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
