//! The static registry and the shims that `#[interpreter]` emits (`codewriter::emit`):
//! every residual function of a core is callable through its shim with its arguments
//! as jitcode leaves, giving the native result as bits; the registry finds jitcodes by
//! name; and the blackhole runs a function calling them with the native result.

use jitsupport::blackhole::{Args, Blackhole, Value};
use jitsupport::jitcode::{JitCodes, Shim};
use std::borrow::Cow;

/// Code outside the interpreter module: calls to it are residual.
pub mod ext {
    use std::cell::RefCell;

    thread_local! {
        pub static NOTES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    pub fn twice(x: i64) -> i64 {
        x.wrapping_mul(2)
    }

    pub fn note(what: &str, n: i64) {
        NOTES.with(|notes| notes.borrow_mut().push(format!("{what} {n}")));
    }
}

#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{dont_look_inside, elidable, List};

    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u8)]
    pub enum Color {
        Red,
        Green = 5,
        Blue,
    }

    pub struct Counter {
        pub n: i64,
        pub items: List<i64>,
    }

    impl Counter {
        #[dont_look_inside]
        pub fn get(&self) -> i64 {
            self.n + self.items.len() as i64
        }
    }

    #[dont_look_inside]
    pub fn mix(a: u8, b: i32, c: bool, d: char, e: f64, f: usize) -> i64 {
        let mut x = a as i64 * 1000 + b as i64;
        if c {
            x = -x;
        }
        x + d as i64 + (e * 10.0) as i64 + f as i64
    }

    #[dont_look_inside]
    pub fn bump(c: &mut Counter, by: i64) -> bool {
        c.n += by;
        c.items.push(by);
        c.n > 10
    }

    #[dont_look_inside]
    pub fn shade(c: Color) -> Color {
        match c {
            Color::Red => Color::Green,
            Color::Green => Color::Blue,
            Color::Blue => Color::Red,
        }
    }

    #[dont_look_inside]
    pub fn narrow(x: i64) -> i8 {
        x as i8
    }

    #[dont_look_inside]
    pub fn half(x: f64) -> f64 {
        x / 2.0
    }

    #[dont_look_inside]
    pub fn letter(i: u32) -> char {
        match i {
            0 => 'A',
            1 => 'B',
            2 => 'C',
            _ => '?',
        }
    }

    #[elidable]
    pub fn divmod(a: i64, b: i64) -> (i64, i64) {
        (a / b, a % b)
    }

    #[elidable]
    pub fn checked(a: i64) -> Option<i64> {
        if a > 0 {
            Some(a * 3)
        } else {
            None
        }
    }

    #[elidable]
    pub fn first(c: Option<&Counter>) -> i64 {
        match c {
            Some(c) => c.n,
            None => -1,
        }
    }

    /// Calls every residual function above, so that each has a shim.
    pub fn run(c: &mut Counter, x: i64) -> i64 {
        let big = bump(c, x);
        let m = mix(7, -3, big, 'a', 1.5, 4);
        let s = shade(Color::Green);
        let n = narrow(x + 200) as i64;
        let h = half(x as f64) as i64;
        let l = letter(2) as i64;
        let (q, r) = divmod(x + 100, 7);
        let k = match checked(x) {
            Some(v) => v + 1,
            None => -1,
        };
        let shared: &Counter = c;
        let f = first(Some(shared));
        crate::ext::note("run", x);
        let t = crate::ext::twice(x);
        m + (s as i64) + n + h + l + q + r + k + f + t + c.get()
    }
}

use self::core::{Color, Counter};

fn codes() -> &'static JitCodes {
    core::__pyrite::jitcodes()
}

fn shim(name: &str) -> Shim {
    let f = codes()
        .functions
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no residual function `{name}` in {:?}", names()));
    f.shim.expect("every emitted function has a shim")
}

fn names() -> Vec<Cow<'static, str>> {
    codes().functions.iter().map(|f| f.name.clone()).collect()
}

/// Calls `name`'s shim; returns the first `n` result slots.
fn call(name: &str, ints: &[i64], refs: &[usize], floats: &[f64], n: usize) -> Vec<u64> {
    let mut result = vec![0u64; n.max(1)];
    // Safety: the arrays hold the function's arguments (checked by each test).
    unsafe {
        shim(name)(
            ints.as_ptr(),
            refs.as_ptr(),
            floats.as_ptr(),
            result.as_mut_ptr(),
        )
    };
    result.truncate(n);
    result
}

fn counter(n: i64) -> Counter {
    Counter {
        n,
        items: jitsupport::List::new(),
    }
}

#[test]
fn scalar_arguments_convert_by_type() {
    for (a, b, c, d, e, f) in [
        (7u8, -3i32, true, 'a', 1.5, 4usize),
        (255, i32::MIN, false, 'é', -2.25, 0),
    ] {
        let native = core::mix(a, b, c, d, e, f);
        let bits = call(
            "mix",
            &[a as i64, b as i64, c as i64, d as i64, f as i64],
            &[],
            &[e],
            1,
        );
        assert_eq!(bits[0] as i64, native);
    }
}

#[test]
fn narrow_results_are_sign_extended_and_chars_are_code_points() {
    assert_eq!(call("narrow", &[200], &[], &[], 1)[0] as i64, -56);
    assert_eq!(call("letter", &[2], &[], &[], 1)[0], 'C' as u64);
    assert_eq!(f64::from_bits(call("half", &[], &[], &[5.0], 1)[0]), 2.5);
}

#[test]
fn enums_go_by_discriminant() {
    assert_eq!(
        call("shade", &[Color::Green as i64], &[], &[], 1)[0],
        Color::Blue as u64
    );
    assert_eq!(
        call("shade", &[Color::Blue as i64], &[], &[], 1)[0],
        Color::Red as u64
    );
}

#[test]
fn references_go_by_address() {
    let mut c = counter(9);
    let address = &mut c as *mut Counter as usize;
    assert_eq!(call("bump", &[3], &[address], &[], 1)[0], 1);
    assert_eq!(c.n, 12);
    assert_eq!(c.items.len(), 1);
    assert_eq!(call("Counter::get", &[], &[address], &[], 1)[0], 13);
    assert_eq!(call("first", &[], &[address], &[], 1)[0], 12);
    assert_eq!(call("first", &[], &[0], &[], 1)[0] as i64, -1);
}

/// The `n` leaves of the boxed result an elidable function's shim gives
/// (`jitsupport::llresult::ll_box`): the words after the GC header of the object.
fn boxed(name: &str, ints: &[i64], n: usize) -> Vec<u64> {
    let address = call(name, ints, &[], &[], 1)[0] as usize;
    assert_ne!(address, 0);
    (0..n)
        // Safety: the shim gave a live boxed result of `MAX_RESULTS` words.
        .map(|k| unsafe { *((address + jitsupport::llresult::leaf_offset(k)) as *const u64) })
        .collect()
}

#[test]
fn several_results_of_an_elidable_function_come_back_boxed() {
    assert_eq!(
        boxed("divmod", &[-17, 5], 2),
        vec![-3i64 as u64, -2i64 as u64]
    );
    assert_eq!(boxed("checked", &[4], 2), vec![1, 12]);
    assert_eq!(boxed("checked", &[-4], 2), vec![0, 0]);
}

#[test]
fn outside_functions_and_string_constants() {
    assert_eq!(call("crate::ext::twice", &[21], &[], &[], 1)[0], 42);
    // A `&str` is two leaves: the address of its first byte and its length.
    let text = "hello";
    call(
        "crate::ext::note",
        &[text.len() as i64, 5],
        &[text.as_ptr() as usize],
        &[],
        0,
    );
    let notes = ext::NOTES.with(|n| n.borrow_mut().drain(..).collect::<Vec<_>>());
    assert_eq!(notes, vec!["hello 5".to_owned()]);
}

#[test]
fn the_registry_finds_jitcodes_by_name() {
    let run = core::__pyrite::jitcode("run").expect("run has jitcode");
    assert_eq!(codes().find("run"), Some(run));
    assert_eq!(codes().jitcodes[run as usize].name, "run");
    assert_eq!(core::__pyrite::jitcode("no_such_function"), None);
    // Residual functions without a graph have no jitcode of their own.
    assert_eq!(codes().find("mix"), None);
}

#[test]
fn the_blackhole_runs_a_function_calling_every_shim() {
    for x in [-5, 0, 4, 11] {
        let mut native_counter = counter(2);
        let native = core::run(&mut native_counter, x);
        let mut counter = counter(2);
        let address = &mut counter as *mut Counter as usize;
        let run = core::__pyrite::jitcode("run").expect("run has jitcode");
        // Safety: the argument is a live `Counter`, the registry is the emitted one.
        let value = unsafe { Blackhole::new(codes()).call(run, &Args::new(&[x], &[address], &[])) };
        assert_eq!(value, Value::Int(native), "run(_, {x})");
        assert_eq!(counter.n, native_counter.n);
        assert_eq!(counter.items.len(), native_counter.items.len());
    }
    ext::NOTES.with(|n| n.borrow_mut().clear());
}
