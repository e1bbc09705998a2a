// golden: graphs
mod m {
    struct Frame {
        stack: List<i64>,
    }

    impl Frame {
        // `push` is not a method of the module, so it is the builtin `list_push`;
        // `top` is, so `self.top()` stays a method call for annotation to resolve.
        fn push_value(&mut self, v: i64) {
            self.stack.push(v);
        }

        fn top(&self) -> i64 {
            self.stack[self.stack.len() - 1]
        }

        fn twice(&mut self, v: i64) -> i64 {
            self.push_value(v);
            self.push_value(v);
            self.top()
        }
    }

    fn builtins(a: i64, b: i64, f: f64) -> i64 {
        let x = a.abs().min(b).max(0);
        let _ = f.sqrt();
        x
    }
}
// ---- expected ----
// fn Frame::push_value(v2: &mut Frame, v3: i64) -> () {
// block0(v2: &mut Frame, v3: i64):
//     v4: List<i64> = getfield[.stack](v2)
//     v5: () = list_push(v4, v3)
//     goto return(())
// return(v0: ()):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn Frame::top(v2: &Frame) -> i64 {
// block0(v2: &Frame):
//     v3: List<i64> = getfield[.stack](v2)
//     v4: List<i64> = getfield[.stack](v2)
//     v5: usize = len(v4)
//     v6: usize = sub(v5, 1_usize)
//     v7: i64 = getitem(v3, v6)
//     goto return(v7)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn Frame::twice(v2: &mut Frame, v3: i64) -> i64 {
// block0(v2: &mut Frame, v3: i64):
//     v4: () = call_method[.push_value = Frame::push_value](v2, v3)
//     v5: () = call_method[.push_value = Frame::push_value](v2, v3)
//     v6: i64 = call_method[.top = Frame::top](v2)
//     goto return(v6)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
//
// fn builtins(v2: i64, v3: i64, v4: f64) -> i64 {
// block0(v2: i64, v3: i64, v4: f64):
//     v5: i64 = abs(v2)
//     v6: i64 = min(v5, v3)
//     v7: i64 = max(v6, 0_i64)
//     v8: f64 = sqrt(v4)
//     goto return(v7)
// return(v0: i64):
//     return v0
// panic(v1: &str):
//     panic v1
// }
