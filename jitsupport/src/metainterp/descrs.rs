//! Trace descrs from jitcode descrs, converted once per registry and cached, and the
//! helper functions that stand for jitcode instructions the trace IR has no op for.
//!
//! A jitcode descr index maps to one trace descr (`Rc`), so that the optimizer, which
//! compares descrs by identity, sees one descr per field everywhere. A field reached
//! through a struct held inline (`getsubstruct_gc` then `getfield_gc_i`) becomes a field
//! descr of the outer object at the summed offset, cached per (descr, offset).
//!
//! Helpers are shims (the residual-call signature) the trace calls with `call_pure_*`
//! (or `call_*` for memory): `int_abs`, `int_min`, ... and `ref_add` (an address plus an
//! offset, for a struct held inline at a nonzero offset).

use crate::jitcode::{self as jc, JitCodes};
use jitsupport_trace::{
    ArrayDescr, CallDescr, Descr, EffectInfo, FieldDescr, Kind, SizeDescr, Value,
};
use std::collections::HashMap;
use std::rc::Rc;

/// The trace kind of a jitcode kind.
pub fn kind(k: jc::Kind) -> Kind {
    match k {
        jc::Kind::Int => Kind::Int,
        jc::Kind::Ref => Kind::Ref,
        jc::Kind::Float => Kind::Float,
    }
}

/// The converted descrs of one registry.
#[derive(Default)]
pub struct DescrCache {
    by_index: HashMap<u16, Descr>,
    shifted: HashMap<(u16, usize), Rc<FieldDescr>>,
    helpers: HashMap<Helper, Rc<CallDescr>>,
}

impl DescrCache {
    /// The trace descr of jitcode descr `index`.
    ///
    /// # Panics
    /// If `index` is out of the registry's table, or names an inline call's jitcode.
    pub fn get(&mut self, codes: &JitCodes, index: u16) -> Descr {
        if let Some(d) = self.by_index.get(&index) {
            return d.clone();
        }
        let descr = match &codes.descrs[index as usize] {
            jc::Descr::Field(f) => Descr::Field(Rc::new(field(f, 0))),
            jc::Descr::Array(a) => Descr::Array(Rc::new(ArrayDescr {
                name: a.name.to_string(),
                base: a.base,
                item_size: a.item_size,
                signed: a.signed,
                kind: kind(a.kind),
                length_offset: None,
                immutable: a.immutable,
                type_id: None,
                maybe_ref: false,
            })),
            // A GC object's class is its type id (the upper half of its header).
            jc::Descr::Size(s) => Descr::Size(Rc::new(SizeDescr {
                name: s.name.to_string(),
                size: s.size,
                type_id: s.gc.as_ref().map(|g| (g.type_id)()),
                fields: Vec::new(),
            })),
            jc::Descr::Call(c) => {
                let mut effect = EffectInfo {
                    elidable: c.flags.elidable,
                    loop_invariant: c.flags.loop_invariant,
                    can_raise: false,
                    can_panic: c.flags.can_panic,
                    random_effects: c.flags.random_effects,
                    write_fields: Vec::new(),
                    write_arrays: Vec::new(),
                };
                for &w in c.writes.iter() {
                    match &codes.descrs.get(w as usize) {
                        Some(jc::Descr::Field(_)) => {
                            if let Descr::Field(f) = self.get(codes, w) {
                                effect.write_fields.push(f);
                            }
                        }
                        Some(jc::Descr::Array(_)) => {
                            if let Descr::Array(a) = self.get(codes, w) {
                                effect.write_arrays.push(a);
                            }
                        }
                        _ => effect.random_effects = true,
                    }
                }
                // A field of a struct held inline is read through the outer object with
                // a descr at a summed offset: the write set names those too.
                for ((w, _), f) in &self.shifted {
                    if c.writes.contains(w) {
                        effect.write_fields.push(f.clone());
                    }
                }
                // The call passes its arguments grouped by kind.
                let mut arg_kinds: Vec<Kind> = c.arg_kinds.iter().map(|k| kind(*k)).collect();
                arg_kinds.sort_by_key(|k| match k {
                    Kind::Int => 0,
                    Kind::Ref => 1,
                    Kind::Float => 2,
                });
                Descr::Call(Rc::new(CallDescr {
                    name: c.name.to_string(),
                    arg_kinds,
                    result: c.result.map(kind),
                    effect,
                }))
            }
            jc::Descr::JitCode(j) => {
                panic!("internal error: the descr of jitcode {j} used as a memory or call descr")
            }
        };
        self.by_index.insert(index, descr.clone());
        descr
    }

    /// The field descr `index` read through an inline struct at `offset` in the object.
    pub fn shifted_field(&mut self, codes: &JitCodes, index: u16, offset: usize) -> Rc<FieldDescr> {
        if offset == 0 {
            if let Descr::Field(f) = self.get(codes, index) {
                return f;
            }
        }
        if let Some(f) = self.shifted.get(&(index, offset)) {
            return f.clone();
        }
        let f = match &codes.descrs[index as usize] {
            jc::Descr::Field(f) => Rc::new(field(f, offset)),
            other => panic!("internal error: {other:?} used as a field descr"),
        };
        self.shifted.insert((index, offset), f.clone());
        // Call descrs made so far do not name the new descr in their write sets.
        self.by_index.retain(|_, d| !matches!(d, Descr::Call(_)));
        f
    }

    /// The call descr of a helper.
    pub fn helper(&mut self, helper: Helper) -> Rc<CallDescr> {
        self.helpers
            .entry(helper)
            .or_insert_with(|| {
                let (args, result) = helper.signature();
                Rc::new(CallDescr {
                    name: format!("pyrite::{}", helper.name()),
                    arg_kinds: args.to_vec(),
                    result,
                    effect: match helper {
                        Helper::Memcopy => EffectInfo {
                            random_effects: true,
                            ..EffectInfo::default()
                        },
                        // Writes no memory the trace reads; not elidable, so that the
                        // optimizer keeps a guard_not_invalidated after it.
                        Helper::LoadRef | Helper::QuasiimmutInvalidate => EffectInfo::default(),
                        _ => EffectInfo::elidable(),
                    },
                })
            })
            .clone()
    }
}

fn field(f: &jc::FieldDescr, offset: usize) -> FieldDescr {
    FieldDescr {
        name: if offset == 0 {
            f.name.to_string()
        } else {
            format!("{}@{offset}", f.name)
        },
        offset: f.offset + offset,
        size: f.size,
        signed: f.signed,
        kind: kind(f.kind),
        immutable: f.immutable,
        quasi_immutable: false,
        maybe_ref: false,
    }
}

macro_rules! helpers {
    ($( $variant:ident => $name:literal, [$($arg:ident),*] -> $res:ident,
        |$i:ident, $r:ident, $f:ident| $body:expr; )*) => {
        /// A function standing for a jitcode instruction the trace IR has no op for.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Helper { $( $variant, )* }

        impl Helper {
            /// The name, after `pyrite::` in the call descr.
            pub const fn name(self) -> &'static str {
                match self { $( Helper::$variant => $name, )* }
            }

            /// The argument kinds (grouped by kind) and the result kind.
            pub fn signature(self) -> (&'static [Kind], Option<Kind>) {
                match self { $( Helper::$variant => (&[$(Kind::$arg),*], helpers!(@res $res)), )* }
            }

            /// The shim's address, the call's argument 0.
            pub fn address(self) -> Value {
                let shim: jitsupport_trace::backend::Shim = match self {
                    $( Helper::$variant => {
                        unsafe extern "C-unwind" fn shim(
                            ints: *const i64,
                            refs: *const usize,
                            floats: *const f64,
                            result: *mut u64,
                        ) {
                            // Safety: the trace passes the arguments of the signature.
                            let ($i, $r, $f) = (ints, refs, floats);
                            let _ = ($i, $r, $f);
                            let value: u64 = $body;
                            if !result.is_null() {
                                *result = value;
                            }
                        }
                        shim
                    } )*
                };
                Value::ConstInt(shim as usize as i64)
            }
        }
    };
    (@res v) => { None };
    (@res $k:ident) => { Some(Kind::$k) };
}

helpers! {
    IntAbs => "int_abs", [Int] -> Int, |i, r, f| (*i).wrapping_abs() as u64;
    IntMin => "int_min", [Int, Int] -> Int, |i, r, f| (*i).min(*i.add(1)) as u64;
    IntMax => "int_max", [Int, Int] -> Int, |i, r, f| (*i).max(*i.add(1)) as u64;
    UintMin => "uint_min", [Int, Int] -> Int, |i, r, f| (*i as u64).min(*i.add(1) as u64);
    UintMax => "uint_max", [Int, Int] -> Int, |i, r, f| (*i as u64).max(*i.add(1) as u64);
    FloatSqrt => "float_sqrt", [Float] -> Float, |i, r, f| (*f).sqrt().to_bits();
    FloatMin => "float_min", [Float, Float] -> Float, |i, r, f| (*f).min(*f.add(1)).to_bits();
    FloatMax => "float_max", [Float, Float] -> Float, |i, r, f| (*f).max(*f.add(1)).to_bits();
    CastUintToFloat => "cast_uint_to_float", [Int] -> Float, |i, r, f| (*i as u64 as f64).to_bits();
    CastFloatToUint => "cast_float_to_uint", [Float] -> Int, |i, r, f| *f as u64;
    IntAddOverflows => "int_add_overflows", [Int, Int] -> Int, |i, r, f| (*i).checked_add(*i.add(1)).is_none() as u64;
    IntSubOverflows => "int_sub_overflows", [Int, Int] -> Int, |i, r, f| (*i).checked_sub(*i.add(1)).is_none() as u64;
    IntMulOverflows => "int_mul_overflows", [Int, Int] -> Int, |i, r, f| (*i).checked_mul(*i.add(1)).is_none() as u64;
    UintAddOverflows => "uint_add_overflows", [Int, Int] -> Int, |i, r, f| (*i as u64).checked_add(*i.add(1) as u64).is_none() as u64;
    UintSubOverflows => "uint_sub_overflows", [Int, Int] -> Int, |i, r, f| (*i as u64).checked_sub(*i.add(1) as u64).is_none() as u64;
    UintMulOverflows => "uint_mul_overflows", [Int, Int] -> Int, |i, r, f| (*i as u64).checked_mul(*i.add(1) as u64).is_none() as u64;
    IntFloordiv => "int_floordiv", [Int, Int] -> Int, |i, r, f| (*i).wrapping_div(*i.add(1)) as u64;
    IntMod => "int_mod", [Int, Int] -> Int, |i, r, f| (*i).wrapping_rem(*i.add(1)) as u64;
    UintFloordiv => "uint_floordiv", [Int, Int] -> Int, |i, r, f| (*i as u64) / (*i.add(1) as u64);
    UintMod => "uint_mod", [Int, Int] -> Int, |i, r, f| (*i as u64) % (*i.add(1) as u64);
    IntSignext => "int_signext", [Int, Int] -> Int, |i, r, f| match *i.add(1) {
        1 => *i as i8 as i64,
        2 => *i as i16 as i64,
        4 => *i as i32 as i64,
        _ => *i,
    } as u64;
    RefAdd => "ref_add", [Int, Ref] -> Ref, |i, r, f| (*r).wrapping_add(*i as usize) as u64;
    IntToRef => "int_to_ref", [Int] -> Ref, |i, r, f| *i as u64;
    LoadRef => "load_ref", [Int] -> Ref, |i, r, f| crate::blackhole::memory::load_ref(*i as usize) as u64;
    QuasiimmutInvalidate => "quasiimmut_invalidate", [Int, Ref] -> v, |i, r, f| {
        super::quasi::invalidate((*r).wrapping_add(*i as usize));
        0
    };
    Memcopy => "memcopy", [Int, Ref, Ref] -> v, |i, r, f| {
        std::ptr::copy(*r.add(1) as *const u8, *r as *mut u8, *i as usize);
        0
    };
}
