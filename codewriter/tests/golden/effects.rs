// golden: jitcode
mod m {
    use jitsupport::{dont_look_inside, elidable, List};

    pub struct Counter {
        pub hits: i64,
        pub misses: i64,
        pub log: List<i64>,
    }

    // Analysable: writes `hits` only.
    #[dont_look_inside]
    fn hit(c: &mut Counter) {
        c.hits += 1;
    }

    // Pushes to a list: the list's fields and items.
    #[dont_look_inside]
    fn record(c: &mut Counter, x: i64) {
        c.log.push(x);
    }

    // Calls outside code: random effects.
    #[dont_look_inside]
    fn report(c: &Counter) {
        crate::io::print(c.misses);
    }

    #[elidable]
    fn twice(x: i64) -> i64 {
        x * 2
    }

    fn step(c: &mut Counter, x: i64) -> i64 {
        let before = c.misses;
        hit(c);
        record(c, x);
        report(c);
        c.misses = before + twice(x);
        c.hits + c.log.len() as i64
    }
}
// ---- expected ----
// function "hit"
// function "record"
// function "report"
// function "twice"
// descr <Field "Counter.misses" +0 i64>
// descr <Call "hit" (r) -> void writes=[5]>
// descr <Call "record" (r, i) -> void writes=[7]>
// descr <Call "report" (r) -> void can_panic random_effects>
// descr <Call "twice" (i) -> i elidable>
// descr <Field "Counter.hits" +0 i64>
// descr <Field "Counter.log" +0 ref>
// descr <Field "List<i64>.len" +0 u64>
//
// jitcode "step" i=2 r=1 f=0
//     getfield_gc_i %r0, <Field "Counter.misses" +0 i64> -> %i1
//     -live- %i0, %i1, %r0
//     residual_call_r_v <Fn "hit">, [%r0], <Call "hit" (r) -> void writes=[5]>
//     -live- %i0, %i1, %r0
//     residual_call_ir_v <Fn "record">, [%i0], [%r0], <Call "record" (r, i) -> void writes=[7]>
//     -live- %i0, %i1, %r0
//     residual_call_r_v <Fn "report">, [%r0], <Call "report" (r) -> void can_panic random_effects>
//     -live- %i0, %i1, %r0
//     residual_call_ir_i <Fn "twice">, [%i0], [], <Call "twice" (i) -> i elidable> -> %i0
//     int_add %i1, %i0 -> %i0
//     setfield_gc_i %r0, %i0, <Field "Counter.misses" +0 i64>
//     getfield_gc_i %r0, <Field "Counter.hits" +0 i64> -> %i0
//     getsubstruct_gc %r0, <Field "Counter.log" +0 ref> -> %r0
//     getfield_gc_i %r0, <Field "List<i64>.len" +0 u64> -> %i1
//     int_add %i0, %i1 -> %i0
//     int_return %i0
//
// jitcode "twice" i=1 r=0 f=0
//     int_mul %i0, $2 -> %i0
//     int_return %i0
