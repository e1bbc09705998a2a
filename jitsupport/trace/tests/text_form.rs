//! Printer/parser round trips and the comparison modulo renaming.

use jitsupport_trace::*;

fn table() -> DescrTable {
    let mut t = DescrTable::new();
    t.add_field(FieldDescr::word("Frame.pc", 8, Kind::Int));
    t.add_field(FieldDescr::word("Frame.stack", 16, Kind::Ref));
    t.add_array(ArrayDescr::words("Stack.items", Kind::Int));
    t.add_call(CallDescr {
        name: "add".to_string(),
        arg_kinds: vec![Kind::Int, Kind::Int],
        result: Some(Kind::Int),
        effect: EffectInfo::elidable(),
    });
    t.add_const("add", Value::ConstInt(0x1234));
    t
}

/// Parses `text`, prints it, and checks the print equals the text exactly.
fn round_trip(text: &str) {
    let mut t = table();
    let trace = parse(text, &mut t).unwrap_or_else(|e| panic!("{e}"));
    let printed = trace.to_string();
    assert_eq!(printed, text, "\n{}", print::text_diff(text, &printed));
    let again = parse(&printed, &mut t).unwrap_or_else(|e| panic!("{e}"));
    equal_traces(&trace, &again).unwrap();
}

#[test]
fn basic_loop() {
    round_trip(
        "[i0, p1]
debug_merge_point(0, 0, '<code> #12 PUSH')
label(i0, p1, descr=<Label0>)
i2 = int_add(i0, 1)
i3 = int_lt(i2, 100)
guard_true(i3, descr=<Guard1>) [i0, i2]
setfield_gc(p1, i2, descr=<FieldDescr Frame.pc>)
i4 = getarrayitem_gc_i(p1, i2, descr=<ArrayDescr Stack.items>)
i5 = call_pure_i(4660, i4, -7, descr=<CallDescr add>)
f6 = cast_int_to_float(i5)
f7 = float_mul(f6, 1.5)
i8 = int_add_ovf(i5, i4)
guard_no_overflow(descr=<Guard2>) [i8, ConstPtr(null)]
jump(i8, p1, descr=<Label0>)
",
    );
}
