// golden: graphs
mod m {
    use jitsupport::{Gc, GcCell};

    struct Node {
        value: i64,
        next: Option<Gc<Node>>,
        hits: GcCell<i64>,
        link: GcCell<Option<Gc<Node>>>,
    }

    impl Node {
        fn bump(&self) -> i64 {
            self.hits.set(self.hits.get() + 1);
            self.value
        }
    }

    fn cons(value: i64, next: Option<Gc<Node>>) -> Gc<Node> {
        Gc::new(Node { value, next, hits: GcCell::new(0), link: GcCell::new(None) })
    }

    fn second(list: Gc<Node>) -> i64 {
        match list.next {
            Some(n) => n.bump(),
            None => list.value,
        }
    }

    fn relink(a: Gc<Node>, b: Gc<Node>) -> bool {
        a.link.set(Some(b));
        match a.link.get() {
            Some(l) => Gc::ptr_eq(l, b),
            None => false,
        }
    }
}
// ---- expected ----
// fn Node::bump(v2: &Node) -> i64 {
// block0(v2: &Node):
//     v3: GcCell<i64> = getfield[.hits](v2)
//     v4: GcCell<i64> = getfield[.hits](v2)
//     v5: i64 = cell_get(v4)
//     v6: i64 = add(v5, 1_i64)
//     v7: () = cell_set(v3, v6)
//     v8: i64 = getfield[.value](v2)
//     goto return(v8)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn cons(v2: i64, v3: Option<Gc<Node>>) -> Gc<Node> {
// block0(v2: i64, v3: Option<Gc<Node>>):
//     v4: Option<Gc<Node>> = new_variant[Option::None]()
//     v5: Gc<Node> = new_gc(v2, v3, 0_i64, v4)
//     goto return(v5)
// return(v0: Gc<Node>):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn second(v2: Gc<Node>) -> i64 {
// block0(v2: Gc<Node>):
//     v3: Option<Gc<Node>> = getfield[.next](v2)
//     switch v3:
//         Some => block3(v3)
//         None => block4(v2)
// block3(v7: Option<Gc<Node>>):
//     v10: Gc<Node> = variant_field[Option::Some.0](v7)
//     v14: i64 = call_method[.bump = Node::bump](v10)
//     goto return(v14)
// block4(v8: Gc<Node>):
//     v15: i64 = getfield[.value](v8)
//     goto return(v15)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn relink(v2: Gc<Node>, v3: Gc<Node>) -> bool {
// block0(v2: Gc<Node>, v3: Gc<Node>):
//     v4: GcCell<Option<Gc<Node>>> = getfield[.link](v2)
//     v5: Option<Gc<Node>> = new_variant[Option::Some](v3)
//     v6: () = cell_set(v4, v5)
//     v7: GcCell<Option<Gc<Node>>> = getfield[.link](v2)
//     v8: Option<Gc<Node>> = cell_get(v7)
//     switch v8:
//         Some => block3(v3, v8)
//         None => return(false)
// block3(v13: Gc<Node>, v14: Option<Gc<Node>>):
//     v18: Gc<Node> = variant_field[Option::Some.0](v14)
//     v23: bool = eq(v18, v13)
//     goto return(v23)
// return(v0: bool):
//     return v0
// panic(v1: &str):
//     panic v1
// }
