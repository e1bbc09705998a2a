//! Codewritten functions run through the blackhole interpreter give what the same
//! functions give natively. The module (`blackhole/interp.rs`) is compiled here as Rust
//! and codewritten from its text; descr offsets and sizes come from the real
//! `offset_of!` and `size_of` of the compiled types, the list helpers get hand-written
//! shims.

// The module spells operations out on purpose (`x = x + d`, a `match` on `checked_add`)
// to exercise the translation of each shape; clippy's rewrites would change that.
#[allow(clippy::all)]
#[path = "blackhole/interp.rs"]
mod interp;

use interp::m::{self, Bag, Cell, Grid, Point};
use jitsupport::blackhole::{Args, Blackhole, Value};
use jitsupport::jitcode::JitCodes;
use jitsupport::List;
use rtyper::LayoutExpr;
use std::mem::{offset_of, size_of};
use std::sync::OnceLock;

const SOURCE: &str = include_str!("blackhole/interp.rs");

/// The value of a layout expression of the module, from the compiled types.
fn layout_value(e: &LayoutExpr) -> usize {
    if let LayoutExpr::Const(n) = e {
        return *n as usize;
    }
    if let LayoutExpr::Sum(parts) = e {
        return parts.iter().map(layout_value).sum();
    }
    let text = e.to_string();
    let table: &[(&str, usize)] = &[
        ("offset_of!(Point, x)", offset_of!(Point, x)),
        ("offset_of!(Point, y)", offset_of!(Point, y)),
        ("offset_of!(Point, w)", offset_of!(Point, w)),
        ("offset_of!(Point, tag)", offset_of!(Point, tag)),
        ("size_of::<Point>()", size_of::<Point>()),
        ("offset_of!(Bag, origin)", offset_of!(Bag, origin)),
        ("offset_of!(Bag, items)", offset_of!(Bag, items)),
        ("offset_of!(Bag, small)", offset_of!(Bag, small)),
        ("size_of::<Bag>()", size_of::<Bag>()),
        ("List::<i64>::OFFSET_OF_ITEMS", List::<i64>::OFFSET_OF_ITEMS),
        ("List::<i64>::OFFSET_OF_LEN", List::<i64>::OFFSET_OF_LEN),
        (
            "List::<i64>::OFFSET_OF_CAPACITY",
            List::<i64>::OFFSET_OF_CAPACITY,
        ),
        ("size_of::<List<i64>>()", size_of::<List<i64>>()),
        ("size_of::<i64>()", size_of::<i64>()),
        ("offset_of!(Cell, value)", offset_of!(Cell, value)),
        ("offset_of!(Cell, age)", offset_of!(Cell, age)),
        ("size_of::<Cell>()", size_of::<Cell>()),
        ("offset_of!(Grid, cells)", offset_of!(Grid, cells)),
        ("offset_of!(Grid, extra)", offset_of!(Grid, extra)),
        (
            "List::<Cell>::OFFSET_OF_ITEMS",
            List::<Cell>::OFFSET_OF_ITEMS,
        ),
        ("List::<Cell>::OFFSET_OF_LEN", List::<Cell>::OFFSET_OF_LEN),
        (
            "List::<Cell>::OFFSET_OF_CAPACITY",
            List::<Cell>::OFFSET_OF_CAPACITY,
        ),
    ];
    match table.iter().find(|(t, _)| *t == text) {
        Some((_, v)) => *v,
        None => panic!("the test has no value for the layout expression `{text}`"),
    }
}

/// `jitsupport::list::ll_push::<i64>(list, item)`.
unsafe extern "C-unwind" fn shim_push(
    ints: *const i64,
    refs: *const usize,
    _floats: *const f64,
    _result: *mut u64,
) {
    unsafe { jitsupport::list::ll_push::<i64>(&mut *(*refs as *mut List<i64>), *ints) }
}

/// The registry of the module, with real layouts and shims, as jitsupport's type (the
/// codewriter's copy of the format is a different type: the text form converts).
fn codes() -> &'static JitCodes {
    static CODES: OnceLock<JitCodes> = OnceLock::new();
    CODES.get_or_init(|| {
        let module: syn::ItemMod = syn::parse_str(SOURCE).expect("the test module parses");
        let out = match codewriter::write_module(&module) {
            Ok(out) => out,
            Err(e) => panic!("the test module does not codewrite: {e}"),
        };
        let resolved = out.resolve_layouts(layout_value);
        let text = codewriter::jitcode::print_registry(&resolved);
        let mut codes = jitsupport::jitcode::parse(&text).expect("the jitcode parses");
        for name in codes
            .functions
            .iter()
            .map(|f| f.name.to_string())
            .collect::<Vec<_>>()
        {
            match name.as_str() {
                "jitsupport::list::ll_push::<i64>" => {
                    codes.add_function(&name, Some(shim_push));
                }
                other => panic!("the test has no shim for `{other}`"),
            }
        }
        jitsupport::jitcode::verify_all(&codes).expect("the jitcode verifies");
        codes
    })
}

fn run(name: &str, args: Args) -> Value {
    let codes = codes();
    let index = codes
        .jitcode_index(name)
        .unwrap_or_else(|| panic!("no jitcode `{name}`"));
    // Safety: the jitcode is the codewriter's translation of the function, the refs
    // passed are valid for its parameters, and the descrs have the real layouts.
    unsafe { Blackhole::new(codes).call(index, &args) }
}

fn int(v: Value) -> i64 {
    match v {
        Value::Int(i) => i,
        other => panic!("expected an int, got {other:?}"),
    }
}

#[test]
fn integer_loops() {
    for (a, b) in [(12, 18), (17, 5), (0, 9), (-24, 36), (1 << 40, 1 << 20)] {
        assert_eq!(
            int(run("gcd", Args::ints(&[a, b]))),
            m::gcd(a, b),
            "gcd({a}, {b})"
        );
    }
    for n in [0, 1, 2, 10, 50, 100] {
        assert_eq!(int(run("fib", Args::ints(&[n]))), m::fib(n), "fib({n})");
    }
    for n in 0..7 {
        assert_eq!(
            int(run("swaps", Args::ints(&[n]))),
            m::swaps(n),
            "swaps({n})"
        );
    }
}

#[test]
fn floats_through_a_move_cycle() {
    for n in 0..6 {
        let got = run("rotate", Args::new(&[n], &[], &[3.0, -1.25]));
        assert_eq!(got, Value::Float(m::rotate(3.0, -1.25, n)), "rotate n={n}");
    }
    for x in [-5.0, 0.5, 200.7, 255.9, 1e9, f64::NAN] {
        let got = int(run("to_u8", Args::new(&[], &[], &[x])));
        assert_eq!(got, i64::from(m::to_u8(x)), "to_u8({x})");
    }
}

#[test]
fn fields_of_a_struct() {
    let mut native = Point {
        x: 3,
        y: 4,
        w: 2.0,
        tag: 100,
    };
    let mut through = native;
    let expected = m::move_point(&mut native, 7);
    let p: *mut Point = &mut through;
    let got = int(run("move_point", Args::new(&[7], &[p as usize], &[])));
    assert_eq!(got, expected);
    assert_eq!(
        (through.x, through.y, through.w, through.tag),
        (native.x, native.y, native.w, native.tag)
    );
}

#[test]
fn several_results_and_overflow() {
    for (a, b) in [(17, 5), (-17, 5), (3, 0), (-1_000_000_007, 7)] {
        assert_eq!(
            int(run("use_divmod", Args::ints(&[a, b]))),
            m::use_divmod(a, b)
        );
    }
    for (a, b) in [(1, 2), (i64::MAX, 1), (i64::MIN, -1), (-5, 3)] {
        assert_eq!(
            int(run("add_checked", Args::ints(&[a, b]))),
            m::add_checked(a, b)
        );
    }
    for (a, b) in [(1i16, 2i16), (i16::MAX, 1), (-300, 20000)] {
        let got = int(run("narrow", Args::ints(&[a as i64, b as i64])));
        assert_eq!(got, i64::from(m::narrow(a, b)), "narrow({a}, {b})");
    }
}

#[test]
fn switches() {
    for c in ['a', 'b', 'c', 'z', 'y', '\u{1F600}'] {
        assert_eq!(
            int(run("classify", Args::ints(&[c as i64]))),
            m::classify(c)
        );
    }
}

#[test]
fn lists_and_residual_calls() {
    let new_bag = || Bag {
        origin: Point {
            x: 3,
            y: 0,
            w: 0.0,
            tag: 0,
        },
        items: List::new(),
        small: -7,
    };
    let mut native = new_bag();
    let expected = m::fill(&mut native, 40);
    let mut through = new_bag();
    let b: *mut Bag = &mut through;
    let got = int(run("fill", Args::new(&[40], &[b as usize], &[])));
    assert_eq!(got, expected);
    assert_eq!(through.items.as_slice(), native.items.as_slice());
    assert_eq!(through.small, native.small);
}

#[test]
fn items_held_inline() {
    let new_grid = || {
        let mut extra = List::new();
        for k in 0..5 {
            extra.push(Cell {
                value: k * 7,
                age: 0,
            });
        }
        Grid {
            cells: [
                Cell { value: 1, age: 200 },
                Cell { value: 2, age: 10 },
                Cell { value: 3, age: 155 },
                Cell { value: 4, age: 0 },
            ],
            extra,
        }
    };
    let mut native = new_grid();
    let expected = m::total(&mut native);
    let mut through = new_grid();
    let g: *mut Grid = &mut through;
    assert_eq!(
        int(run("total", Args::new(&[], &[g as usize], &[]))),
        expected
    );
    let ages = |g: &Grid| g.cells.map(|c| c.age);
    assert_eq!(ages(&through), ages(&native));
}

#[test]
fn panics_agree() {
    let bag = Bag {
        origin: Point {
            x: 0,
            y: 0,
            w: 0.0,
            tag: 0,
        },
        items: List::new(),
        small: 0,
    };
    let b: *const Bag = &bag;
    let native = std::panic::catch_unwind(|| m::checked_index(&bag, 3));
    let through =
        std::panic::catch_unwind(|| run("checked_index", Args::new(&[3], &[b as usize], &[])));
    let message = |e: Box<dyn std::any::Any + Send>| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    };
    let native = message(native.expect_err("indexing an empty list panics"));
    let through = message(through.expect_err("the jitcode panics too"));
    assert!(native.contains("index out of bounds"), "{native}");
    assert!(through.contains("index out of bounds"), "{through}");
}

#[test]
fn resume_at_a_live_point() {
    // `fib`'s first `-live-` is the loop head's guard, where %i0..%i3 hold n, a, b, i
    // (see golden/moves.rs for the same shape). Resuming there with the state after four
    // iterations finishes the computation.
    let codes = codes();
    let index = codes.jitcode_index("fib").expect("fib has jitcode");
    let jitcode = &codes.jitcodes[index as usize];
    let insns = jitsupport::jitcode::decode::decode_all(&jitcode.code).expect("fib decodes");
    let live = insns
        .iter()
        .find(|i| i.opcode == jitsupport::jitcode::Opcode::Live)
        .expect("fib has a -live- point");
    let liveness = jitcode
        .liveness_at(live.pc)
        .expect("the -live- has an entry");
    assert_eq!(&*liveness.ints, &[0, 1, 2, 3]);
    let state = Args::ints(&[10, m::fib(4), m::fib(5), 4]);
    // Safety: the registers hold what they hold at that point of a real run of fib(10).
    let exit = unsafe { Blackhole::new(codes).resume(index, live.pc, &state, false) };
    assert_eq!(
        exit,
        jitsupport::blackhole::Exit::Return(Value::Int(m::fib(10)))
    );
}
