//! The eval loop: one `match` on the opcode per instruction, the frame's locals and
//! value stack in its `slots` array, Python exceptions as `Err(PyErr)` caught by the
//! code's exception table, and generators resumed by re-entering the loop with the
//! frame's saved program counter.

use super::call::{call, call_function, Args};
use super::error::*;
use super::frame::*;
use super::messages;
use super::PyResult;
use crate::interpreter::bytecode::{BinaryOp, Op, MAKE_CLOSURE, MAKE_DEFAULTS, MAKE_KWDEFAULTS};
use crate::module::builtins::build_class_fn;
use crate::module::builtins::list_extend;
use crate::module::builtins::list_of;
use crate::module::builtins::set_update;
use crate::module::strformat::format_value;
use crate::objspace::dict::{new_dict, W_Dict};
use crate::objspace::function::*;
use crate::objspace::instance::{W_Instance, W_Traceback};
use crate::objspace::list::list_from;
use crate::objspace::list::{new_list, W_List};
use crate::objspace::misc::{W_Set, W_Slice};
use crate::objspace::object::Value;
use crate::objspace::ops;
use crate::objspace::repr::ascii_of;
use crate::objspace::set::new_set_table;
use crate::objspace::space::{self, ty};
use crate::objspace::str::new_str;
use crate::objspace::str::{str_value, W_Str};
use crate::objspace::tuple::W_Tuple;
use crate::objspace::typeobject::lookup;
use crate::objspace::typeobject::{is_subtype, Kind, W_Type};
use jitsupport::gc::{Gc, GcArray, GcCell};
use ops::as_str;
use ops::binary_op;
use ops::call_method;
use ops::compare;
use ops::contains;
use ops::delattr;
use ops::delitem;
use ops::exc_state;
use ops::getattr;
use ops::getattr_opt;
use ops::getitem;
use ops::invert;
use ops::is_unbound_builtin;
use ops::isinstance;
use ops::iter;
use ops::negate;
use ops::next;
use ops::positive;
use ops::repr;
use ops::setattr;
use ops::setitem;
use ops::str_value_of;
use ops::truthy;
use ops::type_of;
use space::builtins_dict;
use space::current_frame;
use space::ec;
use space::handled;
use space::intern;
use space::set_current_frame;
use space::set_handled;

/// How a frame's run ends without an exception.
pub enum Exit {
    Return(Value),
    Yield(Value),
}

fn name_at(code: Gc<W_Code>, i: u32) -> Gc<W_Str> {
    match code.names.get(i as usize).downcast::<W_Str>() {
        Some(s) => s,
        None => new_str("?"),
    }
}

/// The exception instance to raise for `raise v`: an instance, or a class called.
pub fn make_raisable(v: Value) -> PyResult<Gc<W_Instance>> {
    if let Some(t) = v.as_type() {
        if is_subtype(t, ty(Kind::BaseException)) {
            let inst = call(v, Args::from_slice(&[]))?;
            if let Some(i) = inst.as_instance() {
                return Ok(i);
            }
        }
    }
    if let Some(i) = v.as_instance() {
        if i.exc.get().is_some() {
            return Ok(i);
        }
    }
    type_error("exceptions must derive from BaseException")
}

/// Adds the frame's line to the traceback of `e`.
fn add_traceback(e: PyErr, code: Gc<W_Code>, pc: u32) {
    if let Some(st) = e.exc.exc.get() {
        let tb = Gc::new(W_Traceback {
            name: code.name,
            filename: code.filename,
            line: code.line_of(pc),
            next: st.tb.get(),
        });
        st.tb.set(Some(tb));
    }
}

/// Resumes a generator: the next value, `None` when it returns (its value is lost:
/// `generator_send` keeps it).
pub fn generator_next(g: Gc<W_Generator>, sent: Value) -> PyResult<Option<Value>> {
    match generator_send(g, sent)? {
        Exit::Yield(v) => Ok(Some(v)),
        Exit::Return(_) => Ok(None),
    }
}

/// Sends `sent` into a generator (Null for a throw already set up).
pub fn generator_send(g: Gc<W_Generator>, sent: Value) -> PyResult<Exit> {
    match g.state.get() {
        GEN_DONE => return Ok(Exit::Return(Value::None)),
        GEN_RUNNING => return value_error("generator already executing"),
        GEN_CREATED if !sent.is_none() && !sent.is_null() => {
            return type_error("can't send non-None value to a just-started generator");
        }
        _ => {}
    }
    let push = if g.state.get() == GEN_CREATED {
        Value::Null
    } else {
        sent
    };
    g.state.set(GEN_RUNNING);
    let ec = ec();
    if let Err(e) = ec.enter() {
        g.state.set(GEN_SUSPENDED);
        return Err(e);
    }
    let r = eval_frame(g.frame, push);
    ec.leave();
    match r {
        Ok(Exit::Yield(v)) => {
            g.state.set(GEN_SUSPENDED);
            Ok(Exit::Yield(v))
        }
        Ok(Exit::Return(v)) => {
            g.state.set(GEN_DONE);
            Ok(Exit::Return(v))
        }
        Err(e) => {
            g.state.set(GEN_DONE);
            if matches(e, Kind::StopIteration) {
                let n = err(Kind::RuntimeError, "generator raised StopIteration");
                if let Some(st) = n.exc.exc.get() {
                    st.cause.set(Value::obj(e.exc));
                    st.context.set(Value::obj(e.exc));
                    st.suppress_context.set(true);
                    let tb = match e.exc.exc.get() {
                        Some(s) => s.tb.get(),
                        None => None,
                    };
                    st.tb.set(tb);
                }
                return Err(n);
            }
            Err(e)
        }
    }
}

/// Throws `exc` into a generator at its suspension point.
pub fn generator_throw(g: Gc<W_Generator>, exc: Gc<W_Instance>) -> PyResult<Exit> {
    if g.state.get() == GEN_DONE || g.state.get() == GEN_CREATED {
        g.state.set(GEN_DONE);
        return Err(PyErr { exc });
    }
    // Resume with the exception: the loop raises it at the suspended instruction.
    g.state.set(GEN_RUNNING);
    let r = eval_frame_throw(g.frame, exc);
    match r {
        Ok(Exit::Yield(v)) => {
            g.state.set(GEN_SUSPENDED);
            Ok(Exit::Yield(v))
        }
        Ok(Exit::Return(v)) => {
            g.state.set(GEN_DONE);
            Ok(Exit::Return(v))
        }
        Err(e) => {
            g.state.set(GEN_DONE);
            Err(e)
        }
    }
}

fn eval_frame_throw(frame: Gc<W_Frame>, exc: Gc<W_Instance>) -> PyResult<Exit> {
    run(frame, Value::Null, Some(exc))
}

/// Runs `frame` from its saved pc; `sent` (unless Null) is pushed first (a resumed
/// generator's sent value).
pub fn eval_frame(frame: Gc<W_Frame>, sent: Value) -> PyResult<Exit> {
    run(frame, sent, None)
}

/// The items of a sequence for unpacking, as a list.
fn seq_items(v: Value) -> PyResult<Gc<W_List>> {
    if let Some(l) = v.as_list() {
        return Ok(l);
    }
    if let Some(t) = v.as_tuple() {
        return Ok(list_from(t.items, 0, t.len()));
    }
    match list_of(v) {
        Ok(l) => Ok(l),
        Err(e) if matches(e, Kind::TypeError) => Err(messages::cannot_unpack(v)),
        Err(e) => Err(e),
    }
}

/// Runs `frame` as the current frame (see `space::current_frame`).
fn run(frame: Gc<W_Frame>, sent: Value, throw: Option<Gc<W_Instance>>) -> PyResult<Exit> {
    let caller = current_frame();
    set_current_frame(Value::obj(frame));
    let r = run_loop(frame, sent, throw);
    set_current_frame(caller);
    r
}

#[allow(clippy::cognitive_complexity)]
fn run_loop(frame: Gc<W_Frame>, sent: Value, throw: Option<Gc<W_Instance>>) -> PyResult<Exit> {
    let code = frame.code;
    let instrs = code.instrs;
    let consts = code.consts;
    let slots = frame.slots;
    let globals = frame.globals;
    let nlocals = code.nlocals as usize;
    let base = frame.stack_base();
    let mut sp = frame.sp.get();
    let mut pc = frame.pc.get();
    let mut pending = match throw {
        Some(exc) => Some(PyErr { exc }),
        None => None,
    };
    if !sent.is_null() {
        slots.set(sp, sent);
        sp += 1;
    }
    loop {
        let mut reraise = false;
        // An exception thrown into a resumed generator is raised before any
        // instruction runs; otherwise the loop dispatches until one is raised.
        let thrown = pending.take();
        let e: PyErr = 'dispatch: loop {
            if let Some(e) = thrown {
                break 'dispatch e;
            }
            let instr = instrs.get(pc as usize);
            pc += 1;
            let arg = instr.arg;
            match instr.op {
                Op::Nop => {}
                Op::PopTop => {
                    sp -= 1;
                }
                Op::Copy => {
                    let v = slots.get(sp - arg as usize);
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::Swap => {
                    let i = sp - arg as usize;
                    let a = slots.get(i);
                    slots.set(i, slots.get(sp - 1));
                    slots.set(sp - 1, a);
                }
                Op::LoadConst => {
                    slots.set(sp, consts.get(arg as usize));
                    sp += 1;
                }
                Op::LoadFast => {
                    let v = slots.get(arg as usize);
                    if v.is_null() {
                        break 'dispatch messages::unbound_local(code, arg as usize);
                    }
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::StoreFast => {
                    sp -= 1;
                    let v = slots.get(sp);
                    slots.set(arg as usize, v);
                }
                Op::DeleteFast => {
                    if slots.get(arg as usize).is_null() {
                        break 'dispatch messages::unbound_local(code, arg as usize);
                    }
                    slots.set(arg as usize, Value::Null);
                }
                Op::LoadDeref | Op::LoadClassDeref => {
                    if instr.op == Op::LoadClassDeref {
                        if let Some(l) = frame.locals {
                            let n = code.derefnames.get(arg as usize);
                            if let Some(v) = match l.get(Value::Obj(n)) {
                                Ok(v) => v,
                                Err(e) => break 'dispatch e,
                            } {
                                slots.set(sp, v);
                                sp += 1;
                                continue;
                            }
                        }
                    }
                    let cell = slots.get(nlocals + arg as usize).as_cell();
                    let v = match cell {
                        Some(c) => c.value.get(),
                        None => Value::Null,
                    };
                    if v.is_null() {
                        break 'dispatch messages::unbound_free(code, arg as usize);
                    }
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::StoreDeref => {
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Some(c) = slots.get(nlocals + arg as usize).as_cell() {
                        c.value.set(v);
                    }
                }
                Op::DeleteDeref => {
                    if let Some(c) = slots.get(nlocals + arg as usize).as_cell() {
                        c.value.set(Value::Null);
                    }
                }
                Op::LoadClosure => {
                    slots.set(sp, slots.get(nlocals + arg as usize));
                    sp += 1;
                }
                Op::LoadName => {
                    let name = name_at(code, arg);
                    let key = Value::obj(name);
                    if let Some(l) = frame.locals {
                        if let Some(v) = match l.get(key) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        } {
                            slots.set(sp, v);
                            sp += 1;
                            continue;
                        }
                    }
                    let v = match load_global(globals, name) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::StoreName => {
                    sp -= 1;
                    let v = slots.get(sp);
                    let key = Value::obj(name_at(code, arg));
                    match frame.locals {
                        Some(l) => match l.set(key, v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                        None => match globals.set(key, v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                    }
                }
                Op::DeleteName => {
                    let name = name_at(code, arg);
                    let d = frame.locals.unwrap_or(globals);
                    if match d.remove(Value::obj(name)) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    }
                    .is_none()
                    {
                        break 'dispatch messages::name_not_defined(name);
                    }
                }
                Op::LoadGlobal => {
                    let v = match load_global(globals, name_at(code, arg)) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::StoreGlobal => {
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Err(e) = globals.set(Value::obj(name_at(code, arg)), v) {
                        break 'dispatch e;
                    }
                }
                Op::DeleteGlobal => {
                    let name = name_at(code, arg);
                    if match globals.remove(Value::obj(name)) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    }
                    .is_none()
                    {
                        break 'dispatch messages::name_not_defined(name);
                    }
                }
                Op::LoadAttr => {
                    sp -= 1;
                    let o = slots.get(sp);
                    let v = match getattr(o, name_at(code, arg)) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::StoreAttr => {
                    sp -= 1;
                    let o = slots.get(sp);
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Err(e) = setattr(o, name_at(code, arg), v) {
                        break 'dispatch e;
                    }
                }
                Op::DeleteAttr => {
                    sp -= 1;
                    let o = slots.get(sp);
                    if let Err(e) = delattr(o, name_at(code, arg)) {
                        break 'dispatch e;
                    }
                }
                Op::LoadMethod => {
                    sp -= 1;
                    let o = slots.get(sp);
                    let name = name_at(code, arg);
                    let (f, s) = match load_method(o, name) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, f);
                    sp += 1;
                    slots.set(sp, s);
                    sp += 1;
                }
                Op::BinarySubscr => {
                    sp -= 1;
                    let k = slots.get(sp);
                    sp -= 1;
                    let c = slots.get(sp);
                    let v = match binary_subscr(c, k) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::StoreSubscr => {
                    sp -= 1;
                    let k = slots.get(sp);
                    sp -= 1;
                    let c = slots.get(sp);
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Err(e) = setitem(c, k, v) {
                        break 'dispatch e;
                    }
                }
                Op::DeleteSubscr => {
                    sp -= 1;
                    let k = slots.get(sp);
                    sp -= 1;
                    let c = slots.get(sp);
                    if let Err(e) = delitem(c, k) {
                        break 'dispatch e;
                    }
                }
                Op::BuildSlice => {
                    let step = if arg == 3 {
                        sp -= 1;
                        slots.get(sp)
                    } else {
                        Value::None
                    };
                    sp -= 1;
                    let stop = slots.get(sp);
                    sp -= 1;
                    let start = slots.get(sp);
                    slots.set(sp, Value::obj(Gc::new(W_Slice { start, stop, step })));
                    sp += 1;
                }
                Op::BinaryOp => {
                    sp -= 1;
                    let b = slots.get(sp);
                    sp -= 1;
                    let a = slots.get(sp);
                    let n = BinaryOp::INPLACE;
                    let op = BinaryOp::ALL[(arg % n) as usize];
                    // Machine ints and floats inline; everything else (overflow into
                    // big ints, zero divisors, other types) through `ops::binary_op`.
                    let fast = match (a, b) {
                        (Value::Int(x), Value::Int(y)) => match op {
                            BinaryOp::Add => match x.checked_add(y) {
                                Some(r) => Some(Value::Int(r)),
                                None => None,
                            },
                            BinaryOp::Sub => match x.checked_sub(y) {
                                Some(r) => Some(Value::Int(r)),
                                None => None,
                            },
                            BinaryOp::Mult => match x.checked_mul(y) {
                                Some(r) => Some(Value::Int(r)),
                                None => None,
                            },
                            BinaryOp::And => Some(Value::Int(x & y)),
                            BinaryOp::Or => Some(Value::Int(x | y)),
                            BinaryOp::Xor => Some(Value::Int(x ^ y)),
                            BinaryOp::RShift if (0..64).contains(&y) => Some(Value::Int(x >> y)),
                            BinaryOp::LShift if (0..63).contains(&y) && (x << y) >> y == x => {
                                Some(Value::Int(x << y))
                            }
                            BinaryOp::FloorDiv if y > 0 => Some(Value::Int(x.div_euclid(y))),
                            BinaryOp::Mod if y > 0 => Some(Value::Int(x.rem_euclid(y))),
                            _ => None,
                        },
                        (Value::Float(x), Value::Float(y)) => match op {
                            BinaryOp::Add => Some(Value::Float(x + y)),
                            BinaryOp::Sub => Some(Value::Float(x - y)),
                            BinaryOp::Mult => Some(Value::Float(x * y)),
                            BinaryOp::Div if y != 0.0 => Some(Value::Float(x / y)),
                            _ => None,
                        },
                        _ => None,
                    };
                    let r = match fast {
                        Some(r) => r,
                        None => match binary_op(a, b, op, arg >= n) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                    };
                    slots.set(sp, r);
                    sp += 1;
                }
                Op::UnaryNegative | Op::UnaryPositive | Op::UnaryInvert => {
                    // The operand on top of the stack is replaced by the result.
                    let v = slots.get(sp - 1);
                    let r = match instr.op {
                        Op::UnaryNegative => negate(v),
                        Op::UnaryPositive => positive(v),
                        _ => invert(v),
                    };
                    match r {
                        Ok(r) => slots.set(sp - 1, r),
                        Err(e) => break 'dispatch e,
                    }
                }
                Op::UnaryNot => {
                    sp -= 1;
                    let v = slots.get(sp);
                    slots.set(
                        sp,
                        Value::Bool(!match truthy(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        }),
                    );
                    sp += 1;
                }
                Op::CompareOp => {
                    sp -= 1;
                    let b = slots.get(sp);
                    sp -= 1;
                    let a = slots.get(sp);
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) => Value::Bool(match arg {
                            0 => x < y,
                            1 => x <= y,
                            2 => x == y,
                            3 => x != y,
                            4 => x > y,
                            _ => x >= y,
                        }),
                        _ => match compare(a, b, arg) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                    };
                    slots.set(sp, r);
                    sp += 1;
                }
                Op::IsOp => {
                    sp -= 1;
                    let b = slots.get(sp);
                    sp -= 1;
                    let a = slots.get(sp);
                    slots.set(sp, Value::Bool(a.is(b) != (arg == 1)));
                    sp += 1;
                }
                Op::ContainsOp => {
                    sp -= 1;
                    let c = slots.get(sp);
                    sp -= 1;
                    let k = slots.get(sp);
                    let r = match contains(c, k) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, Value::Bool(r != (arg == 1)));
                    sp += 1;
                }
                Op::Jump | Op::JumpBackward => pc = arg,
                Op::PopJumpIfFalse => {
                    sp -= 1;
                    let v = slots.get(sp);
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => match truthy(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                    };
                    if !t {
                        pc = arg;
                    }
                }
                Op::PopJumpIfTrue => {
                    sp -= 1;
                    let v = slots.get(sp);
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => match truthy(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                    };
                    if t {
                        pc = arg;
                    }
                }
                Op::JumpIfFalseOrPop => {
                    if !match truthy(slots.get(sp - 1)) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    } {
                        pc = arg;
                    } else {
                        sp -= 1;
                    }
                }
                Op::JumpIfTrueOrPop => {
                    if match truthy(slots.get(sp - 1)) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    } {
                        pc = arg;
                    } else {
                        sp -= 1;
                    }
                }
                Op::GetIter => {
                    sp -= 1;
                    let v = slots.get(sp);
                    slots.set(
                        sp,
                        match iter(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                    );
                    sp += 1;
                }
                Op::ForIter => {
                    let it = slots.get(sp - 1);
                    match match next(it) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    } {
                        Some(v) => {
                            slots.set(sp, v);
                            sp += 1;
                        }
                        None => {
                            sp -= 1;
                            pc = arg;
                        }
                    }
                }
                Op::BuildTuple => {
                    let n = arg as usize;
                    let arr = GcArray::new(n, Value::None);
                    let mut i = 0;
                    while i < n {
                        arr.set(i, slots.get(sp - n + i));
                        i += 1;
                    }
                    sp -= n;
                    slots.set(sp, Value::obj(Gc::new(W_Tuple { items: arr })));
                    sp += 1;
                }
                Op::BuildList => {
                    let n = arg as usize;
                    let l = list_from(slots, sp - n, n);
                    sp -= n;
                    slots.set(sp, Value::obj(l));
                    sp += 1;
                }
                Op::BuildSet => {
                    let n = arg as usize;
                    let d = new_set_table();
                    let mut i = 0;
                    while i < n {
                        if let Err(e) = d.set(slots.get(sp - n + i), Value::None) {
                            break 'dispatch e;
                        }
                        i += 1;
                    }
                    sp -= n;
                    slots.set(
                        sp,
                        Value::obj(Gc::new(W_Set {
                            dict: d,
                            frozen: false,
                        })),
                    );
                    sp += 1;
                }
                Op::BuildMap => {
                    let n = arg as usize;
                    let d = new_dict();
                    let mut i = 0;
                    while i < n {
                        match d.set(
                            slots.get(sp - 2 * n + 2 * i),
                            slots.get(sp - 2 * n + 2 * i + 1),
                        ) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        };
                        i += 1;
                    }
                    sp -= 2 * n;
                    slots.set(sp, Value::obj(d));
                    sp += 1;
                }
                Op::BuildString => {
                    let n = arg as usize;
                    let mut s = String::new();
                    let mut i = 0;
                    while i < n {
                        if let Some(x) = as_str(slots.get(sp - n + i)) {
                            s.push_str(x.as_str());
                        }
                        i += 1;
                    }
                    sp -= n;
                    slots.set(sp, str_value(&s));
                    sp += 1;
                }
                Op::ListAppend => {
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Some(l) = slots.get(sp - arg as usize).as_list() {
                        l.append(v);
                    }
                }
                Op::SetAdd => {
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Some(s) = slots.get(sp - arg as usize).as_set() {
                        if let Err(e) = s.dict.set(v, Value::None) {
                            break 'dispatch e;
                        }
                    }
                }
                Op::MapAdd => {
                    sp -= 1;
                    let v = slots.get(sp);
                    sp -= 1;
                    let k = slots.get(sp);
                    if let Some(d) = slots.get(sp - arg as usize).as_dict() {
                        if let Err(e) = d.set(k, v) {
                            break 'dispatch e;
                        }
                    }
                }
                Op::ListExtend => {
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Some(l) = slots.get(sp - arg as usize).as_list() {
                        if let Err(e) = list_extend(l, v) {
                            break 'dispatch e;
                        }
                    }
                }
                Op::SetUpdate => {
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Some(s) = slots.get(sp - arg as usize).as_set() {
                        if let Err(e) = set_update(s, v) {
                            break 'dispatch e;
                        }
                    }
                }
                Op::DictUpdate | Op::DictMerge => {
                    sp -= 1;
                    let v = slots.get(sp);
                    if let Some(d) = slots.get(sp - arg as usize).as_dict() {
                        let callee = if instr.op == Op::DictMerge && sp >= arg as usize + 2 {
                            slots.get(sp - arg as usize - 2)
                        } else {
                            Value::Null
                        };
                        if let Err(e) = dict_merge(d, v, instr.op == Op::DictMerge, callee) {
                            break 'dispatch e;
                        }
                    }
                }
                Op::ListToTuple => {
                    sp -= 1;
                    let v = slots.get(sp);
                    let t = match v.as_list() {
                        Some(l) => Value::obj(Gc::new(W_Tuple {
                            items: l.to_array(),
                        })),
                        None => v,
                    };
                    slots.set(sp, t);
                    sp += 1;
                }
                Op::UnpackSequence => {
                    sp -= 1;
                    let v = slots.get(sp);
                    let n = arg as usize;
                    if let Some(t) = v.as_tuple() {
                        if t.len() != n {
                            break 'dispatch messages::unpack_count(n, t.len());
                        }
                        let mut i = n;
                        while i > 0 {
                            i -= 1;
                            slots.set(sp, t.get(i));
                            sp += 1;
                        }
                        continue;
                    }
                    let l = match seq_items(v) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    if l.len() != n {
                        break 'dispatch messages::unpack_count(n, l.len());
                    }
                    let mut i = n;
                    while i > 0 {
                        i -= 1;
                        slots.set(sp, l.get(i));
                        sp += 1;
                    }
                }
                Op::UnpackEx => {
                    sp -= 1;
                    let v = slots.get(sp);
                    let before = (arg & 0xffff) as usize;
                    let after = (arg >> 16) as usize;
                    let l = match seq_items(v) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    let n = l.len();
                    if n < before + after {
                        break 'dispatch messages::unpack_at_least(before + after, n);
                    }
                    let mut i = n;
                    while i > n - after {
                        i -= 1;
                        slots.set(sp, l.get(i));
                        sp += 1;
                    }
                    let mid = new_list(n - before - after);
                    let mut j = before;
                    while j < n - after {
                        mid.append(l.get(j));
                        j += 1;
                    }
                    slots.set(sp, Value::obj(mid));
                    sp += 1;
                    let mut i = before;
                    while i > 0 {
                        i -= 1;
                        slots.set(sp, l.get(i));
                        sp += 1;
                    }
                }
                Op::FormatValue => {
                    let spec = if arg & 4 != 0 {
                        sp -= 1;
                        slots.get(sp)
                    } else {
                        Value::Null
                    };
                    sp -= 1;
                    let v = slots.get(sp);
                    let v = match arg & 3 {
                        1 => match str_value_of(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        },
                        2 => str_value(&match repr(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        }),
                        3 => str_value(&ascii_of(&match repr(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        })),
                        _ => v,
                    };
                    let spec = match as_str(spec) {
                        Some(s) => s.as_str(),
                        None => "",
                    };
                    let r = match format_value(v, spec) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, r);
                    sp += 1;
                }
                Op::Call | Op::CallKw | Op::CallMethod | Op::CallMethodKw => {
                    let kwnames = if instr.op == Op::CallKw || instr.op == Op::CallMethodKw {
                        sp -= 1;
                        let t = slots.get(sp);
                        t.as_tuple()
                    } else {
                        None
                    };
                    let nkw = match kwnames {
                        Some(t) => t.len(),
                        None => 0,
                    };
                    let n = arg as usize;
                    let (f, start, npos, fslot) =
                        if instr.op == Op::CallMethod || instr.op == Op::CallMethodKw {
                            let m = slots.get(sp - n - 2);
                            if m.is_null() {
                                (slots.get(sp - n - 1), sp - n, n - nkw, sp - n - 2)
                            } else {
                                (m, sp - n - 1, n - nkw + 1, sp - n - 2)
                            }
                        } else {
                            (slots.get(sp - n - 1), sp - n, n - nkw, sp - n - 1)
                        };
                    frame.sp.set(sp);
                    frame.pc.set(pc);
                    let args = Args {
                        arr: slots,
                        start,
                        npos,
                        kwnames,
                    };
                    let r = match call(f, args) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    sp = fslot;
                    slots.set(sp, r);
                    sp += 1;
                }
                Op::CallEx => {
                    let kw = if arg & 1 != 0 {
                        sp -= 1;
                        slots.get(sp)
                    } else {
                        Value::Null
                    };
                    sp -= 1;
                    let a = slots.get(sp);
                    sp -= 1;
                    let f = slots.get(sp);
                    frame.sp.set(sp);
                    let args = match ex_args(a, kw) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    let r = match call(f, args) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, r);
                    sp += 1;
                }
                Op::MakeFunction => {
                    sp -= 1;
                    let c = slots.get(sp);
                    let closure = if arg & MAKE_CLOSURE != 0 {
                        {
                            sp -= 1;
                            slots.get(sp)
                        }
                        .as_tuple()
                    } else {
                        None
                    };
                    let kwdefaults = if arg & MAKE_KWDEFAULTS != 0 {
                        sp -= 1;
                        slots.get(sp)
                    } else {
                        Value::None
                    };
                    let defaults = if arg & MAKE_DEFAULTS != 0 {
                        sp -= 1;
                        slots.get(sp)
                    } else {
                        Value::None
                    };
                    let Some(fc) = c.as_code() else {
                        break 'dispatch err(Kind::SystemExit, "MAKE_FUNCTION without code");
                    };
                    let f = Gc::new(W_Function {
                        code: fc,
                        globals,
                        name: GcCell::new(Value::obj(fc.name)),
                        qualname: GcCell::new(Value::obj(fc.qualname)),
                        defaults: GcCell::new(defaults),
                        kwdefaults: GcCell::new(kwdefaults),
                        closure,
                        dict: GcCell::new(None),
                        doc: GcCell::new(fc.docstring),
                    });
                    slots.set(sp, Value::obj(f));
                    sp += 1;
                }
                Op::LoadBuildClass => {
                    slots.set(sp, build_class_fn());
                    sp += 1;
                }
                Op::ReturnValue => {
                    sp -= 1;
                    let v = slots.get(sp);
                    frame.sp.set(base);
                    frame.pc.set(pc);
                    return Ok(Exit::Return(v));
                }
                Op::YieldValue => {
                    sp -= 1;
                    let v = slots.get(sp);
                    frame.sp.set(sp);
                    frame.pc.set(pc);
                    return Ok(Exit::Yield(v));
                }
                Op::GetYieldFromIter => {
                    sp -= 1;
                    let v = slots.get(sp);
                    let it = if v.as_generator().is_some() {
                        v
                    } else {
                        match iter(v) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        }
                    };
                    slots.set(sp, it);
                    sp += 1;
                }
                Op::YieldFrom => {
                    sp -= 1;
                    let s = slots.get(sp);
                    let it = slots.get(sp - 1);
                    let r = if let Some(g) = it.as_generator() {
                        match generator_send(g, if s.is_null() { Value::None } else { s }) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        }
                    } else if s.is_none() || s.is_null() {
                        match match next(it) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        } {
                            Some(v) => Exit::Yield(v),
                            None => Exit::Return(Value::None),
                        }
                    } else {
                        Exit::Yield(match call_method(it, "send", &[s]) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        })
                    };
                    match r {
                        Exit::Yield(v) => {
                            // Resume at this instruction with the sent value pushed.
                            frame.sp.set(sp);
                            frame.pc.set(pc - 1);
                            return Ok(Exit::Yield(v));
                        }
                        Exit::Return(v) => {
                            sp -= 1;
                            slots.set(sp, v);
                            sp += 1;
                        }
                    }
                }
                Op::RaiseVarargs => {
                    if arg == 0 {
                        let h = handled();
                        match h.as_instance() {
                            Some(exc) => {
                                reraise = true;
                                break 'dispatch PyErr { exc };
                            }
                            None => {
                                break 'dispatch err(
                                    Kind::RuntimeError,
                                    "No active exception to reraise",
                                )
                            }
                        }
                    }
                    let cause = if arg == 2 {
                        sp -= 1;
                        slots.get(sp)
                    } else {
                        Value::Null
                    };
                    sp -= 1;
                    let v = slots.get(sp);
                    let exc = match make_raisable(v) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    if !cause.is_null() {
                        let c = if cause.is_none() {
                            Value::None
                        } else {
                            Value::obj(match make_raisable(cause) {
                                Ok(v) => v,
                                Err(e) => break 'dispatch e,
                            })
                        };
                        if let Some(st) = exc.exc.get() {
                            st.cause.set(c);
                            st.suppress_context.set(true);
                        }
                    }
                    break 'dispatch PyErr { exc };
                }
                Op::Reraise => {
                    sp -= 1;
                    let v = slots.get(sp);
                    match v.as_instance() {
                        Some(exc) => {
                            reraise = true;
                            break 'dispatch PyErr { exc };
                        }
                        None => {
                            break 'dispatch err(Kind::RuntimeError, "RERAISE of a non-exception")
                        }
                    }
                }
                Op::PushExcInfo => {
                    sp -= 1;
                    let exc = slots.get(sp);
                    slots.set(sp, handled());
                    sp += 1;
                    set_handled(exc);
                    slots.set(sp, exc);
                    sp += 1;
                }
                Op::PopExcept => {
                    sp -= 1;
                    let prev = slots.get(sp);
                    set_handled(prev);
                }
                Op::CheckExcMatch => {
                    sp -= 1;
                    let t = slots.get(sp);
                    let exc = slots.get(sp - 1);
                    slots.set(
                        sp,
                        Value::Bool(match exception_matches(exc, t) {
                            Ok(v) => v,
                            Err(e) => break 'dispatch e,
                        }),
                    );
                    sp += 1;
                }
                Op::BeforeWith => {
                    sp -= 1;
                    let m = slots.get(sp);
                    let exit = match getattr(m, intern("__exit__")) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    let enter = match call_method(m, "__enter__", &[]) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, exit);
                    sp += 1;
                    slots.set(sp, enter);
                    sp += 1;
                }
                Op::WithExceptStart => {
                    let exc = slots.get(sp - 1);
                    let exit = slots.get(sp - 3);
                    let t = Value::obj(type_of(exc));
                    let tb = match exc_state(exc) {
                        Some(s) => match s.tb.get() {
                            Some(tb) => Value::obj(tb),
                            None => Value::None,
                        },
                        None => Value::None,
                    };
                    let r = match call(exit, Args::from_slice(&[t, exc, tb])) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, r);
                    sp += 1;
                }
                Op::LoadAssertionError => {
                    slots.set(sp, Value::obj(ty(Kind::AssertionError)));
                    sp += 1;
                }
                Op::ImportName => {
                    sp -= 1;
                    let fromlist = slots.get(sp);
                    let name = name_at(code, arg);
                    frame.sp.set(sp);
                    let m = match crate::module::import_module(name.as_str(), fromlist, globals) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    };
                    slots.set(sp, m);
                    sp += 1;
                }
                Op::ImportFrom => {
                    let m = slots.get(sp - 1);
                    let name = name_at(code, arg);
                    let v = match match getattr_opt(m, name) {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    } {
                        Some(v) => v,
                        None => break 'dispatch messages::cannot_import_name(m, name),
                    };
                    slots.set(sp, v);
                    sp += 1;
                }
                Op::ImportStar => {
                    sp -= 1;
                    let m = slots.get(sp);
                    if let Some(m) = m.as_module() {
                        let d = m.dict;
                        let mut i = 0;
                        while let Some(e) = d.next_live_entry(&mut i) {
                            if let Some(k) = as_str(e.key) {
                                if !k.as_str().starts_with('_') {
                                    if let Err(e) = globals.set(e.key, e.value) {
                                        break 'dispatch e;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        };
        // An exception: record this frame in its traceback, then find a handler.
        let at = pc.saturating_sub(1);
        if !reraise {
            add_traceback(e, code, at);
            if let Some(st) = e.exc.exc.get() {
                let h = handled();
                if st.context.get().is_none() && !h.is_none() && !h.is(Value::obj(e.exc)) {
                    st.context.set(h);
                }
            }
        }
        match code.handler_of(at) {
            Some((target, depth)) => {
                sp = base + depth as usize;
                slots.set(sp, Value::obj(e.exc));
                sp += 1;
                pc = target;
            }
            None => {
                frame.sp.set(base);
                frame.pc.set(pc);
                return Err(e);
            }
        }
    }
}

/// `c[k]` with the list and dict fast paths.
fn binary_subscr(c: Value, k: Value) -> PyResult<Value> {
    if let (Some(l), Value::Int(i)) = (c.as_list(), k) {
        let n = l.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j >= 0 && j < n {
            return Ok(l.get(j as usize));
        }
    }
    getitem(c, k)
}

/// `LOAD_METHOD`: (function, self) for a plain function on the type, else
/// (Null, attribute).
fn load_method(o: Value, name: Gc<W_Str>) -> PyResult<(Value, Value)> {
    let is_plain = match o {
        Value::Obj(r) => {
            !r.is::<W_Type>()
                && !r.is::<W_Module>()
                && !r.is::<crate::objspace::function::W_Super>()
        }
        _ => true,
    };
    if is_plain {
        let t = type_of(o);
        if let Some(f) = lookup(t, Value::obj(name))? {
            let plain = f.as_function().is_some() || is_unbound_builtin(f);
            if plain {
                let shadowed = match o.as_instance() {
                    Some(i) => i.get_attr(name).is_some(),
                    None => false,
                };
                if !shadowed {
                    return Ok((f, o));
                }
            }
        }
    }
    Ok((Value::Null, getattr(o, name)?))
}

/// A global name, then a builtin.
pub fn load_global(globals: Gc<W_Dict>, name: Gc<W_Str>) -> PyResult<Value> {
    let key = Value::obj(name);
    if let Some(v) = globals.get(key)? {
        return Ok(v);
    }
    if let Some(v) = builtins_dict().get(key)? {
        return Ok(v);
    }
    Err(messages::name_not_defined(name))
}

/// Whether exception `exc` matches the class (or tuple of classes) `t`.
pub fn exception_matches(exc: Value, t: Value) -> PyResult<bool> {
    if let Some(tt) = t.as_tuple() {
        let mut i = 0;
        while i < tt.len() {
            if exception_matches(exc, tt.get(i))? {
                return Ok(true);
            }
            i += 1;
        }
        return Ok(false);
    }
    match t.as_type() {
        Some(cls) if is_subtype(cls, ty(Kind::BaseException)) => Ok(isinstance(exc, cls)),
        _ => type_error("catching classes that do not inherit from BaseException is not allowed"),
    }
}

/// `d.update(v)` for `{**v}`, or a keyword merge for `f(**v)` (repeats are errors).
fn dict_merge(d: Gc<W_Dict>, v: Value, strict: bool, callee: Value) -> PyResult<()> {
    let src = match v.as_dict() {
        Some(s) => s,
        None => {
            if let Some(inst) = v.as_instance() {
                if let Some(b) = inst.base.get().as_dict() {
                    b
                } else {
                    let s = new_dict();
                    let keys = call_method(v, "keys", &[])?;
                    let it = iter(keys)?;
                    while let Some(k) = next(it)? {
                        s.set(k, getitem(v, k)?)?;
                    }
                    s
                }
            } else {
                return messages::not_a_mapping(v);
            }
        }
    };
    let mut i = 0;
    while let Some(e) = src.next_live_entry(&mut i) {
        if strict && d.get_hashed(e.key, e.hash)?.is_some() {
            return messages::multiple_values(callee, e.key);
        }
        d.set_hashed(e.key, e.hash, e.value)?;
    }
    Ok(())
}

/// The arguments of `f(*a, **kw)`.
fn ex_args(a: Value, kw: Value) -> PyResult<Args> {
    let items = match a.as_tuple() {
        Some(t) => t.items,
        None => list_of(a)?.to_array(),
    };
    let npos = items.len();
    let Some(d) = kw.as_dict() else {
        return Ok(Args {
            arr: items,
            start: 0,
            npos,
            kwnames: None,
        });
    };
    let nkw = d.len();
    let arr = GcArray::new(npos + nkw, Value::None);
    let names = GcArray::new(nkw, Value::None);
    let mut i = 0;
    while i < npos {
        arr.set(i, items.get(i));
        i += 1;
    }
    let mut k = 0;
    i = 0;
    while let Some(e) = d.next_live_entry(&mut i) {
        if as_str(e.key).is_none() {
            return type_error("keywords must be strings");
        }
        names.set(k, e.key);
        arr.set(npos + k, e.value);
        k += 1;
    }
    Ok(Args {
        arr,
        start: 0,
        npos,
        kwnames: Some(Gc::new(W_Tuple { items: names })),
    })
}

/// Runs a class body function with `ns` as its namespace.
pub fn run_class_body(f: Gc<W_Function>, ns: Gc<W_Dict>) -> PyResult<Value> {
    call_function(f, Args::from_slice(&[]), Some(ns))
}
