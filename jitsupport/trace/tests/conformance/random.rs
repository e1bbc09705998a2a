//! The random-trace fuzzer of the conformance suite (PyPy `backend/test/test_random.py`).
//!
//! Each seed gives a loop: inputs (a counter, ints and floats), a label, a body of random
//! int and float ops, comparisons, ovf ops with their guards and random guards, the
//! counter's decrement and exit guard, and a jump back with values chosen among the body's
//! boxes. Half the loops also read and write a scratch struct (fields of every size,
//! signed and unsigned, floats of 4 and 8 bytes, an array of words). The expected exit and
//! the expected memory are computed by this module's own evaluator, written apart from any
//! backend: it runs the body iteration by iteration until a guard fails.
//!
//! Some guards of the body get bridges: a few random ops on the guard's fail args (the
//! counter always comes first), the counter's decrement and exit guard, and a jump back to
//! the loop's label.

use jitsupport_trace::backend::{Backend, Exit, Word};
use jitsupport_trace::*;
use std::collections::HashMap;
use std::rc::Rc;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// An interesting int: small, near a power of two, or extreme.
    fn int(&mut self) -> i64 {
        match self.below(6) {
            0 => self.below(10) as i64 - 5,
            1 => self.next() as i64,
            2 => [i64::MIN, i64::MAX, i64::MIN + 1, i64::MAX - 1][self.below(4)],
            3 => (1i64 << self.below(63)) - self.below(3) as i64 + 1,
            _ => self.below(2000) as i64 - 1000,
        }
    }

    fn float(&mut self) -> f64 {
        match self.below(5) {
            0 => [0.0, -0.0, 1.0, -1.5, 1e300, f64::INFINITY, f64::NAN][self.below(7)],
            1 => (self.next() as i64) as f64 / 1e6,
            _ => (self.below(2000) as f64 - 1000.0) / 8.0,
        }
    }
}

/// The ops the fuzzer draws from.
const INT_BINOPS: &[Opcode] = &[
    Opcode::IntAdd,
    Opcode::IntSub,
    Opcode::IntMul,
    Opcode::IntAnd,
    Opcode::IntOr,
    Opcode::IntXor,
    Opcode::IntLt,
    Opcode::IntLe,
    Opcode::IntEq,
    Opcode::IntNe,
    Opcode::IntGt,
    Opcode::IntGe,
    Opcode::UintLt,
    Opcode::UintLe,
    Opcode::UintGt,
    Opcode::UintGe,
];
const INT_UNOPS: &[Opcode] = &[
    Opcode::IntNeg,
    Opcode::IntInvert,
    Opcode::IntIsZero,
    Opcode::IntIsTrue,
    Opcode::IntForceGeZero,
];
/// Ops whose second argument is a constant drawn for them.
const INT_CONST_OPS: &[Opcode] = &[
    Opcode::IntFloorDiv,
    Opcode::IntMod,
    Opcode::UintFloorDiv,
    Opcode::UintMod,
    Opcode::IntLshift,
    Opcode::IntRshift,
    Opcode::UintRshift,
    Opcode::IntSignext,
];
const FLOAT_BINOPS: &[Opcode] = &[
    Opcode::FloatAdd,
    Opcode::FloatSub,
    Opcode::FloatMul,
    Opcode::FloatTrueDiv,
];
const FLOAT_CMPS: &[Opcode] = &[
    Opcode::FloatLt,
    Opcode::FloatLe,
    Opcode::FloatEq,
    Opcode::FloatNe,
    Opcode::FloatGt,
    Opcode::FloatGe,
];
const OVF_OPS: &[Opcode] = &[Opcode::IntAddOvf, Opcode::IntSubOvf, Opcode::IntMulOvf];

/// The fuzzer's own semantics of an op: the result word and whether it overflowed.
fn eval(opcode: Opcode, a: &[Word]) -> (Word, bool) {
    use Opcode::*;
    let i = |n: usize| a[n] as i64;
    let f = |n: usize| f64::from_bits(a[n]);
    let w = |x: i64| x as Word;
    let b = |c: bool| c as Word;
    let r = match opcode {
        IntAdd => w(i(0).wrapping_add(i(1))),
        IntSub => w(i(0).wrapping_sub(i(1))),
        IntMul => w(i(0).wrapping_mul(i(1))),
        IntAnd => a[0] & a[1],
        IntOr => a[0] | a[1],
        IntXor => a[0] ^ a[1],
        IntLt => b(i(0) < i(1)),
        IntLe => b(i(0) <= i(1)),
        IntEq => b(a[0] == a[1]),
        IntNe => b(a[0] != a[1]),
        IntGt => b(i(0) > i(1)),
        IntGe => b(i(0) >= i(1)),
        UintLt => b(a[0] < a[1]),
        UintLe => b(a[0] <= a[1]),
        UintGt => b(a[0] > a[1]),
        UintGe => b(a[0] >= a[1]),
        IntNeg => w(i(0).wrapping_neg()),
        IntInvert => !a[0],
        IntIsZero => b(a[0] == 0),
        IntIsTrue => b(a[0] != 0),
        IntForceGeZero => w(i(0).max(0)),
        IntFloorDiv => w(i(0) / i(1)),
        IntMod => w(i(0) % i(1)),
        UintFloorDiv => a[0] / a[1],
        UintMod => a[0] % a[1],
        IntLshift => a[0] << a[1],
        IntRshift => w(i(0) >> a[1]),
        UintRshift => a[0] >> a[1],
        IntSignext => match a[1] {
            1 => w(a[0] as i8 as i64),
            2 => w(a[0] as i16 as i64),
            _ => w(a[0] as i32 as i64),
        },
        FloatAdd => (f(0) + f(1)).to_bits(),
        FloatSub => (f(0) - f(1)).to_bits(),
        FloatMul => (f(0) * f(1)).to_bits(),
        FloatTrueDiv => (f(0) / f(1)).to_bits(),
        FloatNeg => (-f(0)).to_bits(),
        FloatAbs => f(0).abs().to_bits(),
        FloatLt => b(f(0) < f(1)),
        FloatLe => b(f(0) <= f(1)),
        FloatEq => b(f(0) == f(1)),
        FloatNe => b(f(0) != f(1)),
        FloatGt => b(f(0) > f(1)),
        FloatGe => b(f(0) >= f(1)),
        CastIntToFloat => (i(0) as f64).to_bits(),
        CastFloatToInt => w(f(0) as i64),
        IntAddOvf => return (w(i(0).wrapping_add(i(1))), i(0).checked_add(i(1)).is_none()),
        IntSubOvf => return (w(i(0).wrapping_sub(i(1))), i(0).checked_sub(i(1)).is_none()),
        IntMulOvf => return (w(i(0).wrapping_mul(i(1))), i(0).checked_mul(i(1)).is_none()),
        other => panic!("the fuzzer does not generate {other}"),
    };
    (r, false)
}

/// A generated loop.
struct Case {
    trace: Trace,
    /// The input values; the scratch struct's address, if the loop has one, comes last
    /// and is filled in when the loop runs.
    inputs: Vec<Word>,
    /// The initial contents of the scratch struct, if the loop uses one.
    memory: Option<[u64; SCRATCH_WORDS]>,
    /// The descrs of the trace, for parsing its text form back.
    table: DescrTable,
    /// The loop's label, for bridges to jump to.
    label: Rc<TargetToken>,
}

/// The scratch struct: 64 bytes of fields, then an array of 8 words.
const SCRATCH_WORDS: usize = 16;
const ARRAY_BASE: usize = 64;

/// The fields of the scratch struct: name, offset, size, signed, kind.
const FIELDS: &[(&str, usize, u8, bool, Kind)] = &[
    ("S.w0", 0, 8, true, Kind::Int),
    ("S.u8", 8, 1, false, Kind::Int),
    ("S.i8", 9, 1, true, Kind::Int),
    ("S.i16", 10, 2, true, Kind::Int),
    ("S.u16", 12, 2, false, Kind::Int),
    ("S.i32", 16, 4, true, Kind::Int),
    ("S.u32", 20, 4, false, Kind::Int),
    ("S.f64", 24, 8, true, Kind::Float),
    ("S.f32", 32, 4, true, Kind::Float),
    ("S.w1", 40, 8, true, Kind::Int),
];

/// The descrs of the scratch struct.
fn scratch_table() -> (DescrTable, Vec<Rc<FieldDescr>>, Rc<ArrayDescr>) {
    let mut table = DescrTable::new();
    let fields = FIELDS
        .iter()
        .map(|&(name, offset, size, signed, kind)| {
            table.add_field(FieldDescr {
                size,
                signed,
                ..FieldDescr::word(name, offset, kind)
            })
        })
        .collect();
    let array = table.add_array(ArrayDescr {
        name: "S.items".to_string(),
        base: ARRAY_BASE,
        item_size: 8,
        signed: true,
        kind: Kind::Int,
        length_offset: None,
        immutable: false,
        type_id: None,
        maybe_ref: false,
    });
    (table, fields, array)
}

/// The fuzzer's own model of a load from the scratch struct's bytes.
fn load(memory: &[u8], offset: usize, size: u8, signed: bool, kind: Kind) -> Word {
    let bytes = &memory[offset..offset + size as usize];
    let mut word = [0u8; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    let raw = u64::from_le_bytes(word);
    match (kind, size) {
        (Kind::Float, 4) => (f32::from_bits(raw as u32) as f64).to_bits(),
        (_, 8) => raw,
        _ if signed => {
            let shift = 64 - 8 * size as u32;
            (((raw << shift) as i64) >> shift) as Word
        }
        _ => raw,
    }
}

/// The fuzzer's own model of a store into the scratch struct's bytes.
fn store(memory: &mut [u8], offset: usize, size: u8, kind: Kind, value: Word) {
    let raw = match (kind, size) {
        (Kind::Float, 4) => (f64::from_bits(value) as f32).to_bits() as u64,
        _ => value,
    };
    memory[offset..offset + size as usize].copy_from_slice(&raw.to_le_bytes()[..size as usize]);
}

fn generate(seed: u64) -> Case {
    let mut rng = Rng::new(seed);
    let mut trace = Trace::new();
    let counter = trace.add_input(Kind::Int);
    // One loop in five has more label arguments than the x86-64 backend has registers
    // (nine general ones, fourteen xmm ones).
    let many = rng.chance(20);
    let n_ints = 1 + rng.below(if many { 16 } else { 4 });
    let n_floats = rng.below(if many { 18 } else { 3 });
    for _ in 0..n_ints {
        trace.add_input(Kind::Int);
    }
    for _ in 0..n_floats {
        trace.add_input(Kind::Float);
    }
    let scratch = rng.chance(50).then(|| trace.add_input(Kind::Ref));
    let (table, fields, array) = scratch_table();
    let inputs_kinds: Vec<Kind> = trace.inputs.iter().map(|b| b.kind()).collect();
    let mut inputs: Vec<Word> = vec![1 + rng.below(5) as Word];
    for k in &inputs_kinds[1..] {
        inputs.push(match k {
            Kind::Int => rng.int() as Word,
            Kind::Float => rng.float().to_bits(),
            Kind::Ref => 0,
        });
    }
    let memory = scratch.map(|_| {
        let mut words = [0u64; SCRATCH_WORDS];
        for w in &mut words {
            *w = match rng.below(3) {
                0 => rng.int() as u64,
                1 => rng.float().to_bits(),
                _ => rng.next(),
            };
        }
        words
    });
    let label = Rc::new(TargetToken { number: 0 });
    let label_args: Vec<Value> = trace.inputs.iter().map(|&b| b.into()).collect();
    trace.push(
        Opcode::Label,
        label_args.clone(),
        Some(Descr::Target(label.clone())),
    );
    let mut guards = 0u32;
    let mut guard = |trace: &mut Trace, opcode: Opcode, args: Vec<Value>, live: &[Value]| {
        guards += 1;
        trace.push_guard(
            opcode,
            args,
            Rc::new(GuardDescr::new(guards, guards)),
            live.to_vec(),
        );
    };
    // The boxes visible in the body, by kind.
    let mut ints: Vec<Value> = label_args
        .iter()
        .copied()
        .filter(|v| v.kind() == Kind::Int)
        .collect();
    let mut floats: Vec<Value> = label_args
        .iter()
        .copied()
        .filter(|v| v.kind() == Kind::Float)
        .collect();
    let pick = |rng: &mut Rng, from: &[Value]| from[rng.below(from.len())];
    let int_arg = |rng: &mut Rng, ints: &[Value]| {
        if rng.chance(20) {
            Value::ConstInt(rng.int())
        } else {
            pick(rng, ints)
        }
    };
    let body_len = 3 + rng.below(25);
    for _ in 0..body_len {
        // The counter (the first int) is always live, and so is the scratch struct.
        let mut live: Vec<Value> = ints.iter().copied().take(5).collect();
        live.extend(floats.iter().copied().take(if many { 5 } else { 2 }));
        live.extend(scratch.map(Value::Box));
        match rng.below(if scratch.is_some() { 13 } else { 10 }) {
            10..=12 => {
                let Some(p) = scratch else { unreachable!() };
                let p = Value::Box(p);
                match rng.below(4) {
                    0 => {
                        let f = fields[rng.below(fields.len())].clone();
                        let op = Opcode::GetfieldGcI.with_result(Some(f.kind)).unwrap();
                        let r = trace.push(op, vec![p], Some(Descr::Field(f))).unwrap();
                        match r.kind() {
                            Kind::Int => ints.push(r.into()),
                            _ => floats.push(r.into()),
                        }
                    }
                    1 => {
                        let f = fields[rng.below(fields.len())].clone();
                        let value = match f.kind {
                            Kind::Float if !floats.is_empty() && rng.chance(80) => {
                                pick(&mut rng, &floats)
                            }
                            Kind::Float => Value::float(rng.float()),
                            _ => int_arg(&mut rng, &ints),
                        };
                        trace.push(Opcode::SetfieldGc, vec![p, value], Some(Descr::Field(f)));
                    }
                    n => {
                        // The index: a constant, or a box masked into the array.
                        let index = if rng.chance(30) {
                            Value::ConstInt(rng.below(8) as i64)
                        } else {
                            let x = pick(&mut rng, &ints);
                            let masked = trace
                                .push(Opcode::IntAnd, vec![x, Value::ConstInt(7)], None)
                                .unwrap();
                            ints.push(masked.into());
                            masked.into()
                        };
                        let descr = Some(Descr::Array(array.clone()));
                        if n == 2 {
                            let r = trace.push(Opcode::GetarrayitemGcI, vec![p, index], descr);
                            ints.push(r.unwrap().into());
                        } else {
                            let value = int_arg(&mut rng, &ints);
                            trace.push(Opcode::SetarrayitemGc, vec![p, index, value], descr);
                        }
                    }
                }
            }
            0..=2 => {
                let op = INT_BINOPS[rng.below(INT_BINOPS.len())];
                let args = vec![int_arg(&mut rng, &ints), int_arg(&mut rng, &ints)];
                ints.push(trace.push(op, args, None).unwrap().into());
            }
            3 => {
                let op = INT_UNOPS[rng.below(INT_UNOPS.len())];
                let args = vec![pick(&mut rng, &ints)];
                ints.push(trace.push(op, args, None).unwrap().into());
            }
            4 => {
                let op = INT_CONST_OPS[rng.below(INT_CONST_OPS.len())];
                let c = match op {
                    Opcode::IntSignext => [1, 2, 4][rng.below(3)],
                    Opcode::IntLshift | Opcode::IntRshift | Opcode::UintRshift => {
                        rng.below(64) as i64
                    }
                    // Never 0 or -1, whose divisions are undefined in traces.
                    _ => loop {
                        let c = rng.int();
                        if c != 0 && c != -1 {
                            break c;
                        }
                    },
                };
                let args = vec![pick(&mut rng, &ints), Value::ConstInt(c)];
                ints.push(trace.push(op, args, None).unwrap().into());
            }
            5 => {
                let op = OVF_OPS[rng.below(OVF_OPS.len())];
                let args = vec![int_arg(&mut rng, &ints), int_arg(&mut rng, &ints)];
                let r = trace.push(op, args, None).unwrap();
                let g = if rng.chance(85) {
                    Opcode::GuardNoOverflow
                } else {
                    Opcode::GuardOverflow
                };
                guard(&mut trace, g, vec![], &live);
                ints.push(r.into());
            }
            6 => {
                let g = [Opcode::GuardTrue, Opcode::GuardFalse][rng.below(2)];
                let arg = pick(&mut rng, &ints);
                if rng.chance(20) {
                    let c = Value::ConstInt(rng.int());
                    guard(&mut trace, Opcode::GuardValue, vec![arg, c], &live);
                } else {
                    guard(&mut trace, g, vec![arg], &live);
                }
            }
            _ if !floats.is_empty() => match rng.below(4) {
                0 | 1 => {
                    let op = FLOAT_BINOPS[rng.below(FLOAT_BINOPS.len())];
                    let b = if rng.chance(20) {
                        Value::float(rng.float())
                    } else {
                        pick(&mut rng, &floats)
                    };
                    let args = vec![pick(&mut rng, &floats), b];
                    floats.push(trace.push(op, args, None).unwrap().into());
                }
                2 => {
                    let op = FLOAT_CMPS[rng.below(FLOAT_CMPS.len())];
                    let args = vec![pick(&mut rng, &floats), pick(&mut rng, &floats)];
                    ints.push(trace.push(op, args, None).unwrap().into());
                }
                _ => {
                    let (op, arg) = match rng.below(4) {
                        0 => (Opcode::FloatNeg, pick(&mut rng, &floats)),
                        1 => (Opcode::FloatAbs, pick(&mut rng, &floats)),
                        2 => (Opcode::CastFloatToInt, pick(&mut rng, &floats)),
                        _ => (Opcode::CastIntToFloat, pick(&mut rng, &ints)),
                    };
                    let r = trace.push(op, vec![arg], None).unwrap();
                    match r.kind() {
                        Kind::Int => ints.push(r.into()),
                        _ => floats.push(r.into()),
                    }
                }
            },
            _ => {
                let args = vec![pick(&mut rng, &ints), int_arg(&mut rng, &ints)];
                ints.push(trace.push(Opcode::IntAdd, args, None).unwrap().into());
            }
        }
    }
    // The counter: count down and leave when it reaches 0.
    let next = trace
        .push(
            Opcode::IntSub,
            vec![counter.into(), Value::ConstInt(1)],
            None,
        )
        .unwrap();
    let more = trace
        .push(Opcode::IntGt, vec![next.into(), Value::ConstInt(0)], None)
        .unwrap();
    let live: Vec<Value> = ints.iter().chain(&floats).copied().rev().take(8).collect();
    guard(&mut trace, Opcode::GuardTrue, vec![more.into()], &live);
    let mut jump_args = vec![Value::Box(next)];
    for (k, input) in inputs_kinds[1..].iter().zip(&trace.inputs[1..]) {
        jump_args.push(match k {
            Kind::Int => pick(&mut rng, &ints),
            Kind::Float => pick(&mut rng, &floats),
            Kind::Ref => Value::Box(*input),
        });
    }
    trace.push(Opcode::Jump, jump_args, Some(Descr::Target(label.clone())));
    Case {
        trace,
        inputs,
        memory,
        table,
        label,
    }
}

/// A bridge for a guard whose fail args have `fail_kinds` (the counter first), jumping
/// back to the label of a loop whose label arguments have `label_kinds`. Its guards are
/// numbered from `*next_guard` on.
fn generate_bridge(
    rng: &mut Rng,
    fail_kinds: &[Kind],
    label_kinds: &[Kind],
    label: &Rc<TargetToken>,
    next_guard: &mut u32,
) -> Trace {
    let (_, fields, _) = scratch_table();
    let mut trace = Trace::new();
    for &k in fail_kinds {
        trace.add_input(k);
    }
    let of_kind = |k: Kind| -> Vec<Value> {
        trace
            .inputs
            .iter()
            .filter(|b| b.kind() == k)
            .map(|&b| b.into())
            .collect()
    };
    let (mut ints, mut floats, refs) =
        (of_kind(Kind::Int), of_kind(Kind::Float), of_kind(Kind::Ref));
    let counter = ints[0];
    let pick = |rng: &mut Rng, from: &[Value]| from[rng.below(from.len())];
    let mut guard = |trace: &mut Trace, opcode: Opcode, args: Vec<Value>, live: Vec<Value>| {
        *next_guard += 1;
        let g = Rc::new(GuardDescr::new(*next_guard, *next_guard));
        trace.push_guard(opcode, args, g, live);
    };
    for _ in 0..rng.below(8) {
        match rng.below(5) {
            0 | 1 => {
                let op = INT_BINOPS[rng.below(INT_BINOPS.len())];
                let b = if rng.chance(30) {
                    Value::ConstInt(rng.int())
                } else {
                    pick(rng, &ints)
                };
                let args = vec![pick(rng, &ints), b];
                ints.push(trace.push(op, args, None).unwrap().into());
            }
            2 if !floats.is_empty() => {
                let op = FLOAT_BINOPS[rng.below(FLOAT_BINOPS.len())];
                let args = vec![pick(rng, &floats), pick(rng, &floats)];
                floats.push(trace.push(op, args, None).unwrap().into());
            }
            3 if !refs.is_empty() => {
                let f = fields[rng.below(fields.len())].clone();
                if f.kind == Kind::Int && rng.chance(50) {
                    let value = pick(rng, &ints);
                    trace.push(
                        Opcode::SetfieldGc,
                        vec![refs[0], value],
                        Some(Descr::Field(f)),
                    );
                } else {
                    let op = Opcode::GetfieldGcI.with_result(Some(f.kind)).unwrap();
                    let r = trace
                        .push(op, vec![refs[0]], Some(Descr::Field(f)))
                        .unwrap();
                    match r.kind() {
                        Kind::Int => ints.push(r.into()),
                        _ => floats.push(r.into()),
                    }
                }
            }
            _ => {
                let g = [Opcode::GuardTrue, Opcode::GuardFalse][rng.below(2)];
                let arg = pick(
                    rng,
                    &ints[1..]
                        .iter()
                        .copied()
                        .chain([counter])
                        .collect::<Vec<_>>(),
                );
                guard(
                    &mut trace,
                    g,
                    vec![arg],
                    ints.iter().copied().take(4).collect(),
                );
            }
        }
    }
    let next = trace
        .push(Opcode::IntSub, vec![counter, Value::ConstInt(1)], None)
        .unwrap();
    let more = trace
        .push(Opcode::IntGt, vec![next.into(), Value::ConstInt(0)], None)
        .unwrap();
    let live: Vec<Value> = ints.iter().chain(&floats).copied().rev().take(6).collect();
    guard(&mut trace, Opcode::GuardTrue, vec![more.into()], live);
    let mut jump_args = vec![Value::Box(next)];
    for k in &label_kinds[1..] {
        jump_args.push(match k {
            Kind::Int => pick(rng, &ints),
            Kind::Float if floats.is_empty() => Value::float(rng.float()),
            Kind::Float => pick(rng, &floats),
            Kind::Ref => refs[0],
        });
    }
    trace.push(Opcode::Jump, jump_args, Some(Descr::Target(label.clone())));
    trace
}

/// Runs the loop (and its bridges, by the number of their guard) with the fuzzer's
/// semantics until a guard without bridge fails: the guard's number and fail-arg values.
/// `memory` is the scratch struct's bytes, at address `base`.
fn simulate(
    lp: &Trace,
    bridges: &HashMap<u32, Trace>,
    inputs: &[Word],
    memory: &mut [u8],
    base: Word,
) -> (u32, Vec<Word>) {
    let offset = |address: Word| (address - base) as usize;
    let label = lp
        .ops
        .iter()
        .position(|op| op.opcode == Opcode::Label)
        .expect("the fuzzer's loops have a label");
    let get = |regs: &[Word], v: Value| match v {
        Value::Box(b) => regs[b.index() as usize],
        c => c.const_bits().unwrap_or(0),
    };
    let enter = |trace: &Trace, targets: &[Value], values: &[Word]| {
        let mut regs = vec![0 as Word; trace.num_boxes() as usize];
        for (t, w) in targets.iter().zip(values) {
            if let Value::Box(b) = t {
                regs[b.index() as usize] = *w;
            }
        }
        regs
    };
    let inputs_of =
        |trace: &Trace| -> Vec<Value> { trace.inputs.iter().map(|&b| b.into()).collect() };
    let mut current = lp;
    let mut regs = enter(lp, &inputs_of(lp), inputs);
    let mut pc = 0;
    let mut overflow = false;
    for _ in 0..1_000_000 {
        let op = &current.ops[pc];
        pc += 1;
        let args: Vec<Word> = op.args.iter().map(|&v| get(&regs, v)).collect();
        match op.opcode {
            Opcode::Label => {}
            Opcode::Jump => {
                current = lp;
                regs = enter(lp, &lp.ops[label].args, &args);
                pc = label + 1;
            }
            g if g.is_guard() => {
                let passes = match g {
                    Opcode::GuardTrue => args[0] != 0,
                    Opcode::GuardFalse => args[0] == 0,
                    Opcode::GuardValue => args[0] == args[1],
                    Opcode::GuardNoOverflow => !overflow,
                    Opcode::GuardOverflow => overflow,
                    other => panic!("the fuzzer does not generate {other}"),
                };
                if !passes {
                    let values: Vec<Word> = op
                        .fail_args
                        .iter()
                        .flatten()
                        .map(|&v| get(&regs, v))
                        .collect();
                    let number = op.guard_descr().map_or(0, |g| g.number);
                    match bridges.get(&number) {
                        Some(bridge) => {
                            current = bridge;
                            regs = enter(bridge, &inputs_of(bridge), &values);
                            pc = 0;
                        }
                        None => return (number, values),
                    }
                }
            }
            Opcode::GetfieldGcI | Opcode::GetfieldGcF => {
                let Some(Descr::Field(f)) = &op.descr else {
                    unreachable!()
                };
                let r = load(memory, offset(args[0]) + f.offset, f.size, f.signed, f.kind);
                if let Some(b) = op.result {
                    regs[b.index() as usize] = r;
                }
            }
            Opcode::SetfieldGc => {
                let Some(Descr::Field(f)) = &op.descr else {
                    unreachable!()
                };
                store(memory, offset(args[0]) + f.offset, f.size, f.kind, args[1]);
            }
            Opcode::GetarrayitemGcI => {
                let at = offset(args[0]) + ARRAY_BASE + 8 * args[1] as usize;
                if let Some(b) = op.result {
                    regs[b.index() as usize] = load(memory, at, 8, true, Kind::Int);
                }
            }
            Opcode::SetarrayitemGc => {
                let at = offset(args[0]) + ARRAY_BASE + 8 * args[1] as usize;
                store(memory, at, 8, Kind::Int, args[2]);
            }
            opcode => {
                let (r, o) = eval(opcode, &args);
                overflow = o;
                if let Some(b) = op.result {
                    regs[b.index() as usize] = r;
                }
            }
        }
    }
    panic!("the counter guarantees the loop ends within 5 iterations");
}

/// Words equal, NaNs equal whatever their payload.
fn same(kind: Kind, a: Word, b: Word) -> bool {
    a == b || (kind == Kind::Float && f64::from_bits(a).is_nan() && f64::from_bits(b).is_nan())
}

/// Generates, compiles and runs the loops of `seeds`, checking each exit and the memory.
pub fn random_loops(backend: &mut impl Backend, seeds: std::ops::Range<u64>) {
    for seed in seeds {
        let mut case = generate(seed);
        if let Err(errors) = verify(&case.trace) {
            panic!(
                "seed {seed}: the fuzzer made an invalid trace: {errors:?}\n{}",
                case.trace
            );
        }
        // The text form round-trips on random traces too.
        let text = case.trace.to_string();
        match parse(&text, &mut case.table) {
            Ok(back) => {
                if let Err(e) = equal_traces(&case.trace, &back) {
                    panic!("seed {seed}: the printed trace parses to another trace: {e}");
                }
            }
            Err(e) => panic!("seed {seed}: the printed trace does not parse: {e}\n{text}"),
        }
        // The scratch struct, and the fuzzer's copy of its bytes.
        let mut real = Box::new(case.memory.unwrap_or_default());
        let base = real.as_mut_ptr() as Word;
        let mut model: Vec<u8> = real.iter().flat_map(|w| w.to_le_bytes()).collect();
        if case.memory.is_some() {
            if let Some(last) = case.inputs.last_mut() {
                *last = base;
            }
        }
        let id = backend
            .compile_loop(&case.trace)
            .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{}", case.trace));
        // Bridges for some guards of the body (not for the last guard, the loop's exit).
        let mut rng = Rng::new(seed ^ 0xb1d6e);
        let guards: Vec<&Op> = case
            .trace
            .ops
            .iter()
            .filter(|op| op.opcode.is_guard())
            .collect();
        let label_kinds: Vec<Kind> = case.trace.inputs.iter().map(|b| b.kind()).collect();
        let mut next_guard = guards.len() as u32;
        let mut bridges = HashMap::new();
        for op in &guards[..guards.len() - 1] {
            if !rng.chance(30) {
                continue;
            }
            let fail_kinds: Vec<Kind> = op.fail_args.iter().flatten().map(|v| v.kind()).collect();
            let bridge = generate_bridge(
                &mut rng,
                &fail_kinds,
                &label_kinds,
                &case.label,
                &mut next_guard,
            );
            if let Err(errors) = verify(&bridge) {
                panic!("seed {seed}: the fuzzer made an invalid bridge: {errors:?}\n{bridge}");
            }
            let descr = op.guard_descr().expect("a guard has a guard descr");
            backend
                .compile_bridge(descr, &bridge)
                .unwrap_or_else(|e| panic!("seed {seed}: {e}\n{bridge}"));
            bridges.insert(descr.number, bridge);
        }
        let expected = simulate(&case.trace, &bridges, &case.inputs, &mut model, base);
        let frame = backend.execute(id, &case.inputs);
        let number = match &frame.exit {
            Exit::Guard(g) => g.number,
            Exit::Finish(_) => panic!("seed {seed}: finished, but the trace has no finish"),
        };
        let ok = number == expected.0
            && frame.values.len() == expected.1.len()
            && frame
                .kinds
                .iter()
                .zip(frame.values.iter().zip(&expected.1))
                .all(|(k, (a, b))| same(*k, *a, *b));
        let show_bridges = || {
            let mut numbers: Vec<&u32> = bridges.keys().collect();
            numbers.sort();
            numbers
                .into_iter()
                .map(|n| format!("bridge of <Guard{n}>:\n{}", bridges[n]))
                .collect::<String>()
        };
        assert!(
            ok,
            "seed {seed}: expected <Guard{}> with {:x?}, got <Guard{number}> with {:x?}\ninputs {:x?}\n{}{}",
            expected.0,
            expected.1,
            frame.values,
            case.inputs,
            case.trace,
            show_bridges()
        );
        let actual: Vec<u8> = real.iter().flat_map(|w| w.to_le_bytes()).collect();
        assert!(
            actual == model,
            "seed {seed}: the memory differs\nexpected {model:x?}\nactual   {actual:x?}\n{}",
            case.trace
        );
        backend.free_loop(id);
    }
}

/// Runs the loops of `seeds`, with the same bridges, on two backends and checks that they
/// agree: the same exit, the same values and the same memory (the differential fuzzer of
/// a new backend against the reference one).
pub fn compare_backends(a: &mut impl Backend, b: &mut impl Backend, seeds: std::ops::Range<u64>) {
    for seed in seeds {
        let case = generate(seed);
        let mut rng = Rng::new(seed ^ 0xb1d6e);
        let guards: Vec<&Op> = case
            .trace
            .ops
            .iter()
            .filter(|op| op.opcode.is_guard())
            .collect();
        let label_kinds: Vec<Kind> = case.trace.inputs.iter().map(|b| b.kind()).collect();
        let mut next_guard = guards.len() as u32;
        let mut bridges = Vec::new();
        for op in &guards[..guards.len() - 1] {
            if !rng.chance(30) {
                continue;
            }
            let fail_kinds: Vec<Kind> = op.fail_args.iter().flatten().map(|v| v.kind()).collect();
            let bridge = generate_bridge(
                &mut rng,
                &fail_kinds,
                &label_kinds,
                &case.label,
                &mut next_guard,
            );
            let descr = op.guard_descr().expect("a guard has a guard descr");
            bridges.push((descr.clone(), bridge));
        }
        // Each run gets its own scratch struct; a ref to it reads as 1 in the comparison.
        let run = |backend: &mut RunOn| {
            let mut memory = Box::new(case.memory.unwrap_or_default());
            let base = memory.as_mut_ptr() as Word;
            let mut inputs = case.inputs.clone();
            if case.memory.is_some() {
                if let Some(last) = inputs.last_mut() {
                    *last = memory.as_mut_ptr() as Word;
                }
            }
            let mut frame = backend(&case.trace, &bridges, &inputs);
            for (k, v) in frame.kinds.iter().zip(frame.values.iter_mut()) {
                if *k == Kind::Ref && *v == base {
                    *v = 1;
                }
            }
            (frame, memory)
        };
        let (fa, ma) = run(&mut |trace, bridges, inputs| one(a, seed, trace, bridges, inputs));
        let (fb, mb) = run(&mut |trace, bridges, inputs| one(b, seed, trace, bridges, inputs));
        let number = |f: &backend::DeadFrame| f.guard().map(|g| g.number);
        let agree = number(&fa) == number(&fb)
            && fa.kinds == fb.kinds
            && fa.values.len() == fb.values.len()
            && fa
                .kinds
                .iter()
                .zip(fa.values.iter().zip(&fb.values))
                .all(|(k, (x, y))| same(*k, *x, *y));
        let show_bridges: String = bridges
            .iter()
            .map(|(g, t)| format!("bridge of <Guard{}>:\n{t}", g.number))
            .collect();
        assert!(
            agree,
            "seed {seed}: {} exits at {:?} with {:x?}, {} at {:?} with {:x?}\ninputs {:x?}\n{}{show_bridges}",
            a.name(),
            number(&fa),
            fa.values,
            b.name(),
            number(&fb),
            fb.values,
            case.inputs,
            case.trace,
        );
        assert!(
            ma == mb,
            "seed {seed}: the memory differs\n{}: {ma:x?}\n{}: {mb:x?}\n{}",
            a.name(),
            b.name(),
            case.trace
        );
    }
}

/// Compiles a loop and its bridges on a backend, runs it and frees it.
type RunOn<'a> = dyn FnMut(&Trace, &[(Rc<GuardDescr>, Trace)], &[Word]) -> backend::DeadFrame + 'a;

/// Compiles a loop and its bridges on `backend`, runs it and frees it.
fn one(
    backend: &mut impl Backend,
    seed: u64,
    trace: &Trace,
    bridges: &[(Rc<GuardDescr>, Trace)],
    inputs: &[Word],
) -> backend::DeadFrame {
    let id = backend
        .compile_loop(trace)
        .unwrap_or_else(|e| panic!("seed {seed}: {}: {e}\n{trace}", backend.name()));
    for (guard, bridge) in bridges {
        backend
            .compile_bridge(guard, bridge)
            .unwrap_or_else(|e| panic!("seed {seed}: {}: {e}\n{bridge}", backend.name()));
    }
    let frame = backend.execute(id, inputs);
    backend.free_loop(id);
    frame
}
