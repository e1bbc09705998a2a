//! The eval loop: one `match` on the opcode per instruction, the frame's locals and
//! value stack in its `slots` array, Python exceptions as `Err(PyErr)` caught by the
//! code's exception table, and generators resumed by re-entering the loop with the
//! frame's saved program counter.

use super::call::{call, call_function, Args};
use super::error::*;
use super::frame::*;
use super::PyResult;
use crate::compile::{BinaryOp, Op, MAKE_CLOSURE, MAKE_DEFAULTS, MAKE_KWDEFAULTS};
use crate::objspace::dict::{new_dict, W_Dict};
use crate::objspace::function::*;
use crate::objspace::instance::{W_Instance, W_Traceback};
use crate::objspace::list::{new_list, W_List};
use crate::objspace::misc::{W_Set, W_Slice};
use crate::objspace::object::Value;
use crate::objspace::ops;
use crate::objspace::space::{self, ty};
use crate::objspace::str::{str_value, W_Str};
use crate::objspace::tuple::W_Tuple;
use crate::objspace::typeobject::{is_subtype, Kind, W_Type};
use jitsupport::gc::{Gc, GcArray, GcCell};

/// How a frame's run ends without an exception.
pub enum Exit {
    Return(Value),
    Yield(Value),
}

fn name_at(code: Gc<W_Code>, i: u32) -> Gc<W_Str> {
    match code.names.get(i as usize).downcast::<W_Str>() {
        Some(s) => s,
        None => crate::objspace::str::new_str("?"),
    }
}

/// The exception instance to raise for `raise v`: an instance, or a class called.
pub fn make_raisable(v: Value) -> PyResult<Gc<W_Instance>> {
    if let Some(t) = v.as_::<W_Type>() {
        if is_subtype(t, ty(Kind::BaseException)) {
            let inst = call(v, Args::from_slice(&[]))?;
            if let Some(i) = inst.as_::<W_Instance>() {
                return Ok(i);
            }
        }
    }
    if let Some(i) = v.as_::<W_Instance>() {
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
    let depth = space::DEPTH.with(|d| d.get());
    if depth >= space::LIMIT.with(|l| l.get()) {
        g.state.set(GEN_SUSPENDED);
        return Err(err(
            Kind::RecursionError,
            "maximum recursion depth exceeded",
        ));
    }
    space::DEPTH.with(|d| d.set(depth + 1));
    let r = eval_frame(g.frame, push);
    space::DEPTH.with(|d| d.set(depth));
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
                    st.tb.set(e.exc.exc.get().and_then(|s| s.tb.get()));
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

fn unpack_error<T>(expected: usize, got: usize) -> PyResult<T> {
    if got < expected {
        value_error(&format!(
            "not enough values to unpack (expected {expected}, got {got})"
        ))
    } else {
        value_error(&format!("too many values to unpack (expected {expected})"))
    }
}

/// The items of a sequence for unpacking, as a list.
fn seq_items(v: Value) -> PyResult<Gc<W_List>> {
    if let Some(l) = v.as_::<W_List>() {
        return Ok(l);
    }
    if let Some(t) = v.as_::<W_Tuple>() {
        return Ok(crate::objspace::list::list_from(t.items, 0, t.len()));
    }
    match crate::module::builtins::list_of(v) {
        Ok(l) => Ok(l),
        Err(e) if matches(e, Kind::TypeError) => type_error(&format!(
            "cannot unpack non-iterable {} object",
            ops::type_name(v)
        )),
        Err(e) => Err(e),
    }
}

/// Runs `frame` as the current frame (see `space::current_frame`).
fn run(frame: Gc<W_Frame>, sent: Value, throw: Option<Gc<W_Instance>>) -> PyResult<Exit> {
    let caller = space::current_frame();
    space::set_current_frame(Value::obj(frame));
    let r = run_loop(frame, sent, throw);
    space::set_current_frame(caller);
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
    let mut pending = throw.map(|exc| PyErr { exc });
    if !sent.is_null() {
        slots.set(sp, sent);
        sp += 1;
    }
    macro_rules! push {
        ($v:expr) => {{
            let v = $v;
            slots.set(sp, v);
            sp += 1;
        }};
    }
    macro_rules! pop {
        () => {{
            sp -= 1;
            slots.get(sp)
        }};
    }
    macro_rules! top {
        () => {
            slots.get(sp - 1)
        };
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
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => break 'dispatch e,
                    }
                };
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
                    push!(v);
                }
                Op::Swap => {
                    let i = sp - arg as usize;
                    let a = slots.get(i);
                    slots.set(i, slots.get(sp - 1));
                    slots.set(sp - 1, a);
                }
                Op::LoadConst => push!(consts.get(arg as usize)),
                Op::LoadFast => {
                    let v = slots.get(arg as usize);
                    if v.is_null() {
                        let n = code.varnames.get(arg as usize);
                        let n = n.downcast::<W_Str>().map(|s| s.as_str()).unwrap_or("?");
                        break 'dispatch err(
                            Kind::UnboundLocalError,
                            &format!("cannot access local variable '{n}' where it is not associated with a value"),
                        );
                    }
                    push!(v);
                }
                Op::StoreFast => {
                    let v = pop!();
                    slots.set(arg as usize, v);
                }
                Op::DeleteFast => {
                    if slots.get(arg as usize).is_null() {
                        let n = code.varnames.get(arg as usize);
                        let n = n.downcast::<W_Str>().map(|s| s.as_str()).unwrap_or("?");
                        break 'dispatch err(
                            Kind::UnboundLocalError,
                            &format!("cannot access local variable '{n}' where it is not associated with a value"),
                        );
                    }
                    slots.set(arg as usize, Value::Null);
                }
                Op::LoadDeref | Op::LoadClassDeref => {
                    if instr.op == Op::LoadClassDeref {
                        if let Some(l) = frame.locals {
                            let n = code.derefnames.get(arg as usize);
                            if let Some(v) = tri!(l.get(Value::Obj(n))) {
                                push!(v);
                                continue;
                            }
                        }
                    }
                    let cell = slots.get(nlocals + arg as usize).as_::<W_Cell>();
                    let v = match cell {
                        Some(c) => c.value.get(),
                        None => Value::Null,
                    };
                    if v.is_null() {
                        let n = code.derefnames.get(arg as usize);
                        let n = n.downcast::<W_Str>().map(|s| s.as_str()).unwrap_or("?");
                        break 'dispatch err(
                            Kind::NameError,
                            &format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"),
                        );
                    }
                    push!(v);
                }
                Op::StoreDeref => {
                    let v = pop!();
                    if let Some(c) = slots.get(nlocals + arg as usize).as_::<W_Cell>() {
                        c.value.set(v);
                    }
                }
                Op::DeleteDeref => {
                    if let Some(c) = slots.get(nlocals + arg as usize).as_::<W_Cell>() {
                        c.value.set(Value::Null);
                    }
                }
                Op::LoadClosure => push!(slots.get(nlocals + arg as usize)),
                Op::LoadName => {
                    let name = name_at(code, arg);
                    let key = Value::obj(name);
                    if let Some(l) = frame.locals {
                        if let Some(v) = tri!(l.get(key)) {
                            push!(v);
                            continue;
                        }
                    }
                    let v = tri!(load_global(globals, name));
                    push!(v);
                }
                Op::StoreName => {
                    let v = pop!();
                    let key = Value::obj(name_at(code, arg));
                    match frame.locals {
                        Some(l) => tri!(l.set(key, v)),
                        None => tri!(globals.set(key, v)),
                    }
                }
                Op::DeleteName => {
                    let name = name_at(code, arg);
                    let d = frame.locals.unwrap_or(globals);
                    if tri!(d.remove(Value::obj(name))).is_none() {
                        break 'dispatch err(
                            Kind::NameError,
                            &format!("name '{}' is not defined", name.as_str()),
                        );
                    }
                }
                Op::LoadGlobal => {
                    let v = tri!(load_global(globals, name_at(code, arg)));
                    push!(v);
                }
                Op::StoreGlobal => {
                    let v = pop!();
                    tri!(globals.set(Value::obj(name_at(code, arg)), v));
                }
                Op::DeleteGlobal => {
                    let name = name_at(code, arg);
                    if tri!(globals.remove(Value::obj(name))).is_none() {
                        break 'dispatch err(
                            Kind::NameError,
                            &format!("name '{}' is not defined", name.as_str()),
                        );
                    }
                }
                Op::LoadAttr => {
                    let o = pop!();
                    let v = tri!(ops::getattr(o, name_at(code, arg)));
                    push!(v);
                }
                Op::StoreAttr => {
                    let o = pop!();
                    let v = pop!();
                    tri!(ops::setattr(o, name_at(code, arg), v));
                }
                Op::DeleteAttr => {
                    let o = pop!();
                    tri!(ops::delattr(o, name_at(code, arg)));
                }
                Op::LoadMethod => {
                    let o = pop!();
                    let name = name_at(code, arg);
                    let (f, s) = tri!(load_method(o, name));
                    push!(f);
                    push!(s);
                }
                Op::BinarySubscr => {
                    let k = pop!();
                    let c = pop!();
                    let v = tri!(binary_subscr(c, k));
                    push!(v);
                }
                Op::StoreSubscr => {
                    let k = pop!();
                    let c = pop!();
                    let v = pop!();
                    tri!(ops::setitem(c, k, v));
                }
                Op::DeleteSubscr => {
                    let k = pop!();
                    let c = pop!();
                    tri!(ops::delitem(c, k));
                }
                Op::BuildSlice => {
                    let step = if arg == 3 { pop!() } else { Value::None };
                    let stop = pop!();
                    let start = pop!();
                    push!(Value::obj(Gc::new(W_Slice { start, stop, step })));
                }
                Op::BinaryOp => {
                    let b = pop!();
                    let a = pop!();
                    let n = BinaryOp::INPLACE;
                    let op = BinaryOp::ALL[(arg % n) as usize];
                    // Machine ints and floats inline; everything else (overflow into
                    // big ints, zero divisors, other types) through `ops::binary_op`.
                    let fast = match (a, b) {
                        (Value::Int(x), Value::Int(y)) => match op {
                            BinaryOp::Add => x.checked_add(y).map(Value::Int),
                            BinaryOp::Sub => x.checked_sub(y).map(Value::Int),
                            BinaryOp::Mult => x.checked_mul(y).map(Value::Int),
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
                        None => tri!(ops::binary_op(a, b, op, arg >= n)),
                    };
                    push!(r);
                }
                Op::UnaryNegative => {
                    let v = pop!();
                    push!(tri!(ops::negate(v)));
                }
                Op::UnaryPositive => {
                    let v = pop!();
                    push!(tri!(ops::positive(v)));
                }
                Op::UnaryInvert => {
                    let v = pop!();
                    push!(tri!(ops::invert(v)));
                }
                Op::UnaryNot => {
                    let v = pop!();
                    push!(Value::Bool(!tri!(ops::truthy(v))));
                }
                Op::CompareOp => {
                    let b = pop!();
                    let a = pop!();
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) => Value::Bool(match arg {
                            0 => x < y,
                            1 => x <= y,
                            2 => x == y,
                            3 => x != y,
                            4 => x > y,
                            _ => x >= y,
                        }),
                        _ => tri!(ops::compare(a, b, arg)),
                    };
                    push!(r);
                }
                Op::IsOp => {
                    let b = pop!();
                    let a = pop!();
                    push!(Value::Bool(a.is(b) != (arg == 1)));
                }
                Op::ContainsOp => {
                    let c = pop!();
                    let k = pop!();
                    let r = tri!(ops::contains(c, k));
                    push!(Value::Bool(r != (arg == 1)));
                }
                Op::Jump | Op::JumpBackward => pc = arg,
                Op::PopJumpIfFalse => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => tri!(ops::truthy(v)),
                    };
                    if !t {
                        pc = arg;
                    }
                }
                Op::PopJumpIfTrue => {
                    let v = pop!();
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => tri!(ops::truthy(v)),
                    };
                    if t {
                        pc = arg;
                    }
                }
                Op::JumpIfFalseOrPop => {
                    if !tri!(ops::truthy(top!())) {
                        pc = arg;
                    } else {
                        sp -= 1;
                    }
                }
                Op::JumpIfTrueOrPop => {
                    if tri!(ops::truthy(top!())) {
                        pc = arg;
                    } else {
                        sp -= 1;
                    }
                }
                Op::GetIter => {
                    let v = pop!();
                    push!(tri!(ops::iter(v)));
                }
                Op::ForIter => {
                    let it = top!();
                    match tri!(ops::next(it)) {
                        Some(v) => push!(v),
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
                    push!(Value::obj(Gc::new(W_Tuple { items: arr })));
                }
                Op::BuildList => {
                    let n = arg as usize;
                    let l = crate::objspace::list::list_from(slots, sp - n, n);
                    sp -= n;
                    push!(Value::obj(l));
                }
                Op::BuildSet => {
                    let n = arg as usize;
                    let d = crate::objspace::set::new_set_table();
                    let mut i = 0;
                    while i < n {
                        tri!(d.set(slots.get(sp - n + i), Value::None));
                        i += 1;
                    }
                    sp -= n;
                    push!(Value::obj(Gc::new(W_Set {
                        dict: d,
                        frozen: false
                    })));
                }
                Op::BuildMap => {
                    let n = arg as usize;
                    let d = new_dict();
                    let mut i = 0;
                    while i < n {
                        tri!(d.set(
                            slots.get(sp - 2 * n + 2 * i),
                            slots.get(sp - 2 * n + 2 * i + 1)
                        ));
                        i += 1;
                    }
                    sp -= 2 * n;
                    push!(Value::obj(d));
                }
                Op::BuildString => {
                    let n = arg as usize;
                    let mut s = String::new();
                    let mut i = 0;
                    while i < n {
                        if let Some(x) = ops::as_str(slots.get(sp - n + i)) {
                            s.push_str(x.as_str());
                        }
                        i += 1;
                    }
                    sp -= n;
                    push!(str_value(&s));
                }
                Op::ListAppend => {
                    let v = pop!();
                    if let Some(l) = slots.get(sp - arg as usize).as_::<W_List>() {
                        l.append(v);
                    }
                }
                Op::SetAdd => {
                    let v = pop!();
                    if let Some(s) = slots.get(sp - arg as usize).as_::<W_Set>() {
                        tri!(s.dict.set(v, Value::None));
                    }
                }
                Op::MapAdd => {
                    let v = pop!();
                    let k = pop!();
                    if let Some(d) = slots.get(sp - arg as usize).as_::<W_Dict>() {
                        tri!(d.set(k, v));
                    }
                }
                Op::ListExtend => {
                    let v = pop!();
                    if let Some(l) = slots.get(sp - arg as usize).as_::<W_List>() {
                        tri!(crate::module::builtins::list_extend(l, v));
                    }
                }
                Op::SetUpdate => {
                    let v = pop!();
                    if let Some(s) = slots.get(sp - arg as usize).as_::<W_Set>() {
                        tri!(crate::module::builtins::set_update(s, v));
                    }
                }
                Op::DictUpdate | Op::DictMerge => {
                    let v = pop!();
                    if let Some(d) = slots.get(sp - arg as usize).as_::<W_Dict>() {
                        let callee = if instr.op == Op::DictMerge && sp >= arg as usize + 2 {
                            slots.get(sp - arg as usize - 2)
                        } else {
                            Value::Null
                        };
                        tri!(dict_merge(d, v, instr.op == Op::DictMerge, callee));
                    }
                }
                Op::ListToTuple => {
                    let v = pop!();
                    let t = match v.as_::<W_List>() {
                        Some(l) => Value::obj(Gc::new(W_Tuple {
                            items: l.to_array(),
                        })),
                        None => v,
                    };
                    push!(t);
                }
                Op::UnpackSequence => {
                    let v = pop!();
                    let n = arg as usize;
                    if let Some(t) = v.as_::<W_Tuple>() {
                        if t.len() != n {
                            break 'dispatch tri!(unpack_error(n, t.len()));
                        }
                        let mut i = n;
                        while i > 0 {
                            i -= 1;
                            push!(t.get(i));
                        }
                        continue;
                    }
                    let l = tri!(seq_items(v));
                    if l.len() != n {
                        break 'dispatch tri!(unpack_error(n, l.len()));
                    }
                    let mut i = n;
                    while i > 0 {
                        i -= 1;
                        push!(l.get(i));
                    }
                }
                Op::UnpackEx => {
                    let v = pop!();
                    let before = (arg & 0xffff) as usize;
                    let after = (arg >> 16) as usize;
                    let l = tri!(seq_items(v));
                    let n = l.len();
                    if n < before + after {
                        break 'dispatch err(
                            Kind::ValueError,
                            &format!(
                                "not enough values to unpack (expected at least {}, got {n})",
                                before + after
                            ),
                        );
                    }
                    let mut i = n;
                    while i > n - after {
                        i -= 1;
                        push!(l.get(i));
                    }
                    let mid = new_list(n - before - after);
                    let mut j = before;
                    while j < n - after {
                        mid.append(l.get(j));
                        j += 1;
                    }
                    push!(Value::obj(mid));
                    let mut i = before;
                    while i > 0 {
                        i -= 1;
                        push!(l.get(i));
                    }
                }
                Op::FormatValue => {
                    let spec = if arg & 4 != 0 { pop!() } else { Value::Null };
                    let v = pop!();
                    let v = match arg & 3 {
                        1 => tri!(ops::str_value_of(v)),
                        2 => str_value(&tri!(ops::repr(v))),
                        3 => str_value(&crate::module::builtins::ascii_of(&tri!(ops::repr(v)))),
                        _ => v,
                    };
                    let spec = match ops::as_str(spec) {
                        Some(s) => s.as_str(),
                        None => "",
                    };
                    let r = tri!(crate::module::strformat::format_value(v, spec));
                    push!(r);
                }
                Op::Call | Op::CallKw | Op::CallMethod | Op::CallMethodKw => {
                    let kwnames = if instr.op == Op::CallKw || instr.op == Op::CallMethodKw {
                        let t = pop!();
                        t.as_::<W_Tuple>()
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
                    let r = tri!(call(f, args));
                    sp = fslot;
                    push!(r);
                }
                Op::CallEx => {
                    let kw = if arg & 1 != 0 { pop!() } else { Value::Null };
                    let a = pop!();
                    let f = pop!();
                    frame.sp.set(sp);
                    let args = tri!(ex_args(a, kw));
                    let r = tri!(call(f, args));
                    push!(r);
                }
                Op::MakeFunction => {
                    let c = pop!();
                    let closure = if arg & MAKE_CLOSURE != 0 {
                        pop!().as_::<W_Tuple>()
                    } else {
                        None
                    };
                    let kwdefaults = if arg & MAKE_KWDEFAULTS != 0 {
                        pop!()
                    } else {
                        Value::None
                    };
                    let defaults = if arg & MAKE_DEFAULTS != 0 {
                        pop!()
                    } else {
                        Value::None
                    };
                    let Some(fc) = c.as_::<W_Code>() else {
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
                    push!(Value::obj(f));
                }
                Op::LoadBuildClass => {
                    push!(crate::module::builtins::build_class_fn());
                }
                Op::ReturnValue => {
                    let v = pop!();
                    frame.sp.set(base);
                    frame.pc.set(pc);
                    return Ok(Exit::Return(v));
                }
                Op::YieldValue => {
                    let v = pop!();
                    frame.sp.set(sp);
                    frame.pc.set(pc);
                    return Ok(Exit::Yield(v));
                }
                Op::GetYieldFromIter => {
                    let v = pop!();
                    let it = if v.as_::<W_Generator>().is_some() {
                        v
                    } else {
                        tri!(ops::iter(v))
                    };
                    push!(it);
                }
                Op::YieldFrom => {
                    let s = pop!();
                    let it = top!();
                    let r = if let Some(g) = it.as_::<W_Generator>() {
                        tri!(generator_send(g, if s.is_null() { Value::None } else { s }))
                    } else if s.is_none() || s.is_null() {
                        match tri!(ops::next(it)) {
                            Some(v) => Exit::Yield(v),
                            None => Exit::Return(Value::None),
                        }
                    } else {
                        Exit::Yield(tri!(ops::call_method(it, "send", &[s])))
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
                            push!(v);
                        }
                    }
                }
                Op::RaiseVarargs => {
                    if arg == 0 {
                        let h = space::handled();
                        match h.as_::<W_Instance>() {
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
                    let cause = if arg == 2 { pop!() } else { Value::Null };
                    let v = pop!();
                    let exc = tri!(make_raisable(v));
                    if !cause.is_null() {
                        let c = if cause.is_none() {
                            Value::None
                        } else {
                            Value::obj(tri!(make_raisable(cause)))
                        };
                        if let Some(st) = exc.exc.get() {
                            st.cause.set(c);
                            st.suppress_context.set(true);
                        }
                    }
                    break 'dispatch PyErr { exc };
                }
                Op::Reraise => {
                    let v = pop!();
                    match v.as_::<W_Instance>() {
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
                    let exc = pop!();
                    push!(space::handled());
                    space::set_handled(exc);
                    push!(exc);
                }
                Op::PopExcept => {
                    let prev = pop!();
                    space::set_handled(prev);
                }
                Op::CheckExcMatch => {
                    let t = pop!();
                    let exc = top!();
                    push!(Value::Bool(tri!(exception_matches(exc, t))));
                }
                Op::BeforeWith => {
                    let m = pop!();
                    let exit = tri!(ops::getattr(m, space::intern("__exit__")));
                    let enter = tri!(ops::call_method(m, "__enter__", &[]));
                    push!(exit);
                    push!(enter);
                }
                Op::WithExceptStart => {
                    let exc = top!();
                    let exit = slots.get(sp - 3);
                    let t = Value::obj(ops::type_of(exc));
                    let tb = match ops::exc_state(exc).and_then(|s| s.tb.get()) {
                        Some(tb) => Value::obj(tb),
                        None => Value::None,
                    };
                    let r = tri!(call(exit, Args::from_slice(&[t, exc, tb])));
                    push!(r);
                }
                Op::LoadAssertionError => push!(Value::obj(ty(Kind::AssertionError))),
                Op::ImportName => {
                    let fromlist = pop!();
                    let name = name_at(code, arg);
                    frame.sp.set(sp);
                    let m = tri!(crate::module::import_module(
                        name.as_str(),
                        fromlist,
                        globals
                    ));
                    push!(m);
                }
                Op::ImportFrom => {
                    let m = top!();
                    let name = name_at(code, arg);
                    let v = match tri!(ops::getattr_opt(m, name)) {
                        Some(v) => v,
                        None => {
                            let mn = match m.as_::<W_Module>() {
                                Some(m) => m.name.as_str(),
                                None => "?",
                            };
                            break 'dispatch err(
                                Kind::ImportError,
                                &format!(
                                    "cannot import name '{}' from '{}' ({})",
                                    name.as_str(),
                                    mn,
                                    match m.as_::<W_Module>().and_then(|m| {
                                        m.dict
                                            .get(Value::obj(space::intern("__file__")))
                                            .ok()
                                            .flatten()
                                    }) {
                                        Some(f) => ops::str_of(f).unwrap_or_default(),
                                        None => "unknown location".to_string(),
                                    }
                                ),
                            );
                        }
                    };
                    push!(v);
                }
                Op::ImportStar => {
                    let m = pop!();
                    if let Some(m) = m.as_::<W_Module>() {
                        let d = m.dict;
                        let mut i = 0;
                        while let Some(e) = d.next_live_entry(&mut i) {
                            if let Some(k) = ops::as_str(e.key) {
                                if !k.as_str().starts_with('_') {
                                    tri!(globals.set(e.key, e.value));
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
                let h = space::handled();
                if st.context.get().is_none() && !h.is_none() && !h.is(Value::obj(e.exc)) {
                    st.context.set(h);
                }
            }
        }
        match code.handler_of(at) {
            Some((target, depth)) => {
                sp = base + depth as usize;
                push!(Value::obj(e.exc));
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
    if let (Some(l), Value::Int(i)) = (c.as_::<W_List>(), k) {
        let n = l.len() as i64;
        let j = if i < 0 { i + n } else { i };
        if j >= 0 && j < n {
            return Ok(l.get(j as usize));
        }
    }
    ops::getitem(c, k)
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
        let t = ops::type_of(o);
        if let Some(f) = crate::objspace::typeobject::lookup(t, Value::obj(name))? {
            let plain = f.as_::<W_Function>().is_some()
                || f.as_::<W_Builtin>()
                    .map(|b| b.bound.is_null())
                    .unwrap_or(false);
            if plain {
                let shadowed = match o.as_::<W_Instance>() {
                    Some(i) => i.get_attr(name).is_some(),
                    None => false,
                };
                if !shadowed {
                    return Ok((f, o));
                }
            }
        }
    }
    Ok((Value::Null, ops::getattr(o, name)?))
}

/// A global name, then a builtin.
pub fn load_global(globals: Gc<W_Dict>, name: Gc<W_Str>) -> PyResult<Value> {
    let key = Value::obj(name);
    if let Some(v) = globals.get(key)? {
        return Ok(v);
    }
    if let Some(v) = space::builtins_dict().get(key)? {
        return Ok(v);
    }
    let e = err(
        Kind::NameError,
        &format!("name '{}' is not defined", name.as_str()),
    );
    e.exc.set_attr(space::intern("name"), Value::obj(name))?;
    Err(e)
}

/// Whether exception `exc` matches the class (or tuple of classes) `t`.
pub fn exception_matches(exc: Value, t: Value) -> PyResult<bool> {
    if let Some(tt) = t.as_::<W_Tuple>() {
        let mut i = 0;
        while i < tt.len() {
            if exception_matches(exc, tt.get(i))? {
                return Ok(true);
            }
            i += 1;
        }
        return Ok(false);
    }
    match t.as_::<W_Type>() {
        Some(cls) if is_subtype(cls, ty(Kind::BaseException)) => Ok(ops::isinstance(exc, cls)),
        _ => type_error("catching classes that do not inherit from BaseException is not allowed"),
    }
}

/// `d.update(v)` for `{**v}`, or a keyword merge for `f(**v)` (repeats are errors).
fn dict_merge(d: Gc<W_Dict>, v: Value, strict: bool, callee: Value) -> PyResult<()> {
    let src = match v.as_::<W_Dict>() {
        Some(s) => s,
        None => {
            if let Some(inst) = v.as_::<W_Instance>() {
                if let Some(b) = inst.base.get().as_::<W_Dict>() {
                    b
                } else {
                    let s = new_dict();
                    let keys = ops::call_method(v, "keys", &[])?;
                    let it = ops::iter(keys)?;
                    while let Some(k) = ops::next(it)? {
                        s.set(k, ops::getitem(v, k)?)?;
                    }
                    s
                }
            } else {
                return type_error(&format!("'{}' object is not a mapping", ops::type_name(v)));
            }
        }
    };
    let mut i = 0;
    while let Some(e) = src.next_live_entry(&mut i) {
        if strict && d.get_hashed(e.key, e.hash)?.is_some() {
            let who = match callee.as_::<W_Function>() {
                Some(f) => {
                    let m = match f.globals.get(Value::obj(space::intern("__name__")))? {
                        Some(n) => ops::str_of(n)?,
                        None => String::new(),
                    };
                    let q = ops::str_of(f.qualname.get())?;
                    if m.is_empty() || m == "builtins" {
                        format!("{q}()")
                    } else {
                        format!("{m}.{q}()")
                    }
                }
                None => match callee {
                    Value::Null => String::new(),
                    c => format!(
                        "{}()",
                        ops::str_of(
                            ops::getattr(c, space::intern("__name__")).unwrap_or(Value::None)
                        )?
                    ),
                },
            };
            let sep = if who.is_empty() { "" } else { " " };
            return type_error(&format!(
                "{who}{sep}got multiple values for keyword argument '{}'",
                ops::str_of(e.key)?
            ));
        }
        d.set_hashed(e.key, e.hash, e.value)?;
    }
    Ok(())
}

/// The arguments of `f(*a, **kw)`.
fn ex_args(a: Value, kw: Value) -> PyResult<Args> {
    let items = match a.as_::<W_Tuple>() {
        Some(t) => t.items,
        None => crate::module::builtins::list_of(a)?.to_array(),
    };
    let npos = items.len();
    let Some(d) = kw.as_::<W_Dict>() else {
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
        if ops::as_str(e.key).is_none() {
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
