//! The builtin iterators' `next` (one `match` on [`IterKind`]) and `itertools`.

use super::builtins::{arg, int_arg, list_of};
use super::collections::deque_item;
use super::messages::zip_length_error;
use super::table::Bi;
use crate::interpreter::bytecode::BinaryOp;
use crate::interpreter::call::{call as call_fn, call_values, Args};
use crate::interpreter::error::*;
use crate::interpreter::PyResult;
use crate::objspace::list::{new_list, W_List};
use crate::objspace::misc::*;
use crate::objspace::object::Value;
use crate::objspace::ops::*;
use crate::objspace::range::long_done;
use crate::objspace::range::long_item;
use crate::objspace::str::str_value;
use crate::objspace::tuple::{tuple_from, W_Tuple};
use crate::objspace::typeobject::Kind;
use jitsupport::gc::{Gc, GcArray};

fn seq_item(seq: Value, i: i64) -> PyResult<Option<Value>> {
    if i < 0 {
        return Ok(None);
    }
    let i = i as usize;
    if let Some(l) = seq.as_list() {
        return Ok(if i < l.len() { Some(l.get(i)) } else { None });
    }
    if let Some(t) = seq.as_tuple() {
        return Ok(if i < t.len() { Some(t.get(i)) } else { None });
    }
    if let Some(s) = seq.as_str_obj() {
        if i >= s.nchars {
            return Ok(None);
        }
        if s.is_ascii() {
            return Ok(Some(str_value(&s.as_str()[i..i + 1])));
        }
        let c = s.as_str().chars().nth(i).unwrap_or(' ');
        return Ok(Some(str_value(c.encode_utf8(&mut [0; 4]))));
    }
    if let Some(b) = bytes_of(seq) {
        return Ok(if i < b.len() {
            Some(Value::Int(b[i] as i64))
        } else {
            None
        });
    }
    match getitem(seq, Value::Int(i as i64)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if matches(e, Kind::IndexError) => Ok(None),
        Err(e) => Err(e),
    }
}

fn dict_next(it: Gc<W_Iter>) -> PyResult<Option<crate::objspace::dict::Entry>> {
    let Some(d) = it.seq.as_dict() else {
        return Ok(None);
    };
    if d.len() as i64 != it.a.get() {
        it.a.set(-1);
        return Err(err(
            Kind::RuntimeError,
            "dictionary changed size during iteration",
        ));
    }
    let mut i = it.index.get() as usize;
    let e = d.next_live_entry(&mut i);
    it.index.set(i as i64);
    Ok(e)
}

/// The next item of a builtin iterator, `None` when it is exhausted.
pub fn iter_next(it: Gc<W_Iter>) -> PyResult<Option<Value>> {
    match it.kind {
        IterKind::Seq | IterKind::Deque => {
            let i = it.index.get();
            let r = if it.kind == IterKind::Deque {
                deque_item(it.seq, i)
            } else {
                seq_item(it.seq, i)?
            };
            if r.is_some() {
                it.index.set(i + 1);
            } else {
                it.index.set(i64::MAX / 2);
            }
            Ok(r)
        }
        IterKind::Reversed => {
            let i = it.index.get();
            if i < 0 {
                return Ok(None);
            }
            it.index.set(i - 1);
            seq_item(it.seq, i)
        }
        IterKind::Range => {
            let left = it.a.get();
            if left <= 0 {
                return Ok(None);
            }
            let cur = it.index.get();
            it.a.set(left - 1);
            // Past the last item the next value may overflow; it is never yielded.
            it.index.set(cur.wrapping_add(it.b));
            Ok(Some(Value::Int(cur)))
        }
        IterKind::LongRange => {
            let Some(r) = it.seq.as_range() else {
                return Ok(None);
            };
            let k = it.index.get();
            if long_done(r, k) {
                return Ok(None);
            }
            it.index.set(k + 1);
            Ok(Some(long_item(r, k, it.b == 1)))
        }
        IterKind::DictKeys => Ok(match dict_next(it)? {
            Some(e) => Some(e.key),
            None => None,
        }),
        IterKind::SetKeys => {
            let Some(t) = it.seq.as_set_table() else {
                return Ok(None);
            };
            if t.len() as i64 != it.a.get() {
                it.a.set(-1);
                return Err(err(Kind::RuntimeError, "Set changed size during iteration"));
            }
            let mut i = it.index.get() as usize;
            let e = t.next_live_entry(&mut i);
            it.index.set(i as i64);
            Ok(match e {
                Some(e) => Some(e.key),
                None => None,
            })
        }
        IterKind::DictValues => Ok(match dict_next(it)? {
            Some(e) => Some(e.value),
            None => None,
        }),
        IterKind::DictItems => Ok(match dict_next(it)? {
            Some(e) => Some(tuple_from(&[e.key, e.value])),
            None => None,
        }),
        IterKind::Enumerate => match next(it.seq)? {
            Some(v) => {
                let n = it.a.get();
                it.a.set(n + 1);
                Ok(Some(tuple_from(&[Value::Int(n), v])))
            }
            None => Ok(None),
        },
        IterKind::Zip => {
            let Some(t) = it.seq.as_tuple() else {
                return Ok(None);
            };
            if t.is_empty() {
                return Ok(None);
            }
            let arr = GcArray::new(t.len(), Value::None);
            let mut i = 0;
            while i < t.len() {
                match next(t.get(i))? {
                    Some(v) => arr.set(i, v),
                    None => {
                        if it.a.get() == 1 {
                            if i > 0 {
                                return Err(zip_length_error(i, "shorter"));
                            }
                            let mut j = 1;
                            while j < t.len() {
                                if next(t.get(j))?.is_some() {
                                    return Err(zip_length_error(j, "longer"));
                                }
                                j += 1;
                            }
                        }
                        return Ok(None);
                    }
                }
                i += 1;
            }
            Ok(Some(Value::obj(Gc::new(W_Tuple { items: arr }))))
        }
        IterKind::Map => {
            let Some(t) = it.seq.as_tuple() else {
                return Ok(None);
            };
            let arr = GcArray::new(t.len(), Value::None);
            let mut i = 0;
            while i < t.len() {
                match next(t.get(i))? {
                    Some(v) => arr.set(i, v),
                    None => return Ok(None),
                }
                i += 1;
            }
            let args = Args {
                arr,
                start: 0,
                npos: t.len(),
                kwnames: None,
            };
            call_fn(it.extra, args).map(Some)
        }
        IterKind::Filter => loop {
            match next(it.seq)? {
                Some(v) => {
                    let keep = if it.extra.is_none() {
                        truthy(v)?
                    } else {
                        truthy(call_values(it.extra, &[v])?)?
                    };
                    if keep != (it.a.get() == 1) {
                        return Ok(Some(v));
                    }
                }
                None => return Ok(None),
            }
        },
        IterKind::Callable => {
            if it.a.get() == 1 {
                return Ok(None);
            }
            let v = call_values(it.seq, &[])?;
            if eq(v, it.extra)? {
                it.a.set(1);
                return Ok(None);
            }
            Ok(Some(v))
        }
        IterKind::Count => {
            let v = it.extra2.get();
            let cur = if v.is_none() { it.seq } else { v };
            let nxt = binary_op(cur, it.extra, BinaryOp::Add, false)?;
            it.extra2.set(nxt);
            Ok(Some(cur))
        }
        IterKind::Repeat => {
            let n = it.a.get();
            if n == 0 {
                return Ok(None);
            }
            if n > 0 {
                it.a.set(n - 1);
            }
            Ok(Some(it.extra))
        }
        IterKind::Chain => {
            let Some(srcs) = it.seq.as_list() else {
                return Ok(None);
            };
            loop {
                let i = it.index.get() as usize;
                if i >= srcs.len() {
                    return Ok(None);
                }
                let mut cur = it.extra2.get();
                if cur.is_none() {
                    cur = iter(srcs.get(i))?;
                    it.extra2.set(cur);
                }
                match next(cur)? {
                    Some(v) => return Ok(Some(v)),
                    None => {
                        it.extra2.set(Value::None);
                        it.index.set(i as i64 + 1);
                    }
                }
            }
        }
        IterKind::Cycle => {
            let Some(saved) = it.seq.as_list() else {
                return Ok(None);
            };
            if it.a.get() == 0 {
                match next(it.extra)? {
                    Some(v) => {
                        saved.append(v);
                        return Ok(Some(v));
                    }
                    None => it.a.set(1),
                }
            }
            if saved.is_empty() {
                return Ok(None);
            }
            let i = it.index.get() as usize % saved.len();
            it.index.set(i as i64 + 1);
            Ok(Some(saved.get(i)))
        }
        IterKind::ISlice => {
            // index: position of the source; a: next index to yield; b: step;
            // extra: stop or None.
            loop {
                let target = it.a.get();
                if let Value::Int(stop) = it.extra {
                    if target >= stop {
                        return Ok(None);
                    }
                }
                let Some(v) = next(it.seq)? else {
                    return Ok(None);
                };
                let pos = it.index.get();
                it.index.set(pos + 1);
                if pos == target {
                    it.a.set(target + it.b);
                    return Ok(Some(v));
                }
            }
        }
        IterKind::TakeWhile => {
            if it.a.get() == 1 {
                return Ok(None);
            }
            match next(it.seq)? {
                Some(v) => {
                    if truthy(call_values(it.extra, &[v])?)? {
                        Ok(Some(v))
                    } else {
                        it.a.set(1);
                        Ok(None)
                    }
                }
                None => Ok(None),
            }
        }
        IterKind::DropWhile => loop {
            let Some(v) = next(it.seq)? else {
                return Ok(None);
            };
            if it.a.get() == 1 || !truthy(call_values(it.extra, &[v])?)? {
                it.a.set(1);
                return Ok(Some(v));
            }
        },
        IterKind::Accumulate => {
            let Some(v) = next(it.seq)? else {
                return Ok(None);
            };
            let acc = it.extra2.get();
            let r = if it.a.get() == 0 {
                it.a.set(1);
                v
            } else if it.extra.is_none() {
                binary_op(acc, v, BinaryOp::Add, false)?
            } else {
                call_values(it.extra, &[acc, v])?
            };
            it.extra2.set(r);
            Ok(Some(r))
        }
    }
}

fn list_iter(l: Gc<W_List>) -> Value {
    new_iter(IterKind::Seq, Value::obj(l), Value::None, 0, 0, 0)
}

/// The arguments as lists: the holder list keeps them alive (a `Vec` is not a root).
fn pools(args: &Args) -> PyResult<Gc<W_List>> {
    let ps = new_list(args.npos);
    let mut i = 0;
    while i < args.npos {
        ps.append(Value::obj(list_of(args.pos(i))?));
        i += 1;
    }
    Ok(ps)
}

/// Pool `k` of [`pools`] (a list).
fn pool_at(ps: Gc<W_List>, k: usize) -> Gc<W_List> {
    match ps.get(k).as_list() {
        Some(l) => l,
        None => new_list(0),
    }
}

/// Appends to `out` the tuple of `pool`'s items at the first `r` indices of `ix`.
fn emit_indices(out: Gc<W_List>, pool: Gc<W_List>, ix: GcArray<usize>, r: usize) {
    let arr = GcArray::new(r, Value::None);
    let mut k = 0;
    while k < r {
        arr.set(k, pool.get(ix.get(k)));
        k += 1;
    }
    out.append(Value::obj(Gc::new(W_Tuple { items: arr })));
}

/// `permutations(pool, r)` into `out`, in CPython's order (its cycles algorithm).
fn permutations(pool: Gc<W_List>, n: usize, r: usize, out: Gc<W_List>) {
    let indices = GcArray::new(n, 0usize);
    let mut i = 0;
    while i < n {
        indices.set(i, i);
        i += 1;
    }
    let cycles = GcArray::new(r, 0usize);
    i = 0;
    while i < r {
        cycles.set(i, n - i);
        i += 1;
    }
    emit_indices(out, pool, indices, r);
    if n == 0 {
        return;
    }
    loop {
        let mut i = r;
        let mut advanced = false;
        while i > 0 {
            i -= 1;
            let c = cycles.get(i) - 1;
            if c == 0 {
                // indices[i:] rotated left by one.
                let first = indices.get(i);
                let mut k = i;
                while k + 1 < n {
                    indices.set(k, indices.get(k + 1));
                    k += 1;
                }
                indices.set(n - 1, first);
                cycles.set(i, n - i);
            } else {
                cycles.set(i, c);
                let j = n - c;
                let t = indices.get(i);
                indices.set(i, indices.get(j));
                indices.set(j, t);
                emit_indices(out, pool, indices, r);
                advanced = true;
                break;
            }
        }
        if !advanced {
            return;
        }
    }
}

/// `combinations(pool, r)` (`r <= n`) into `out`.
fn combinations(pool: Gc<W_List>, n: usize, r: usize, out: Gc<W_List>) {
    let ix = GcArray::new(r, 0usize);
    let mut i = 0;
    while i < r {
        ix.set(i, i);
        i += 1;
    }
    loop {
        emit_indices(out, pool, ix, r);
        let mut i = r;
        let mut found = false;
        while i > 0 {
            i -= 1;
            if ix.get(i) != i + n - r {
                found = true;
                break;
            }
        }
        if !found {
            return;
        }
        ix.set(i, ix.get(i) + 1);
        let mut j = i + 1;
        while j < r {
            ix.set(j, ix.get(j - 1) + 1);
            j += 1;
        }
    }
}

/// `combinations_with_replacement(pool, r)` (`n > 0 or r == 0`) into `out`.
fn combinations_wr(pool: Gc<W_List>, n: usize, r: usize, out: Gc<W_List>) {
    let ix = GcArray::new(r, 0usize);
    loop {
        emit_indices(out, pool, ix, r);
        let mut i = r;
        let mut found = false;
        while i > 0 {
            i -= 1;
            if ix.get(i) != n - 1 {
                found = true;
                break;
            }
        }
        if !found {
            return;
        }
        let v = ix.get(i) + 1;
        let mut j = i;
        while j < r {
            ix.set(j, v);
            j += 1;
        }
    }
}

/// The `itertools` functions; `None` for another builtin.
pub fn call_itertools(bi: Bi, args: Args) -> PyResult<Option<Value>> {
    let a0 = args.opt(0).unwrap_or(Value::None);
    let r = match bi {
        Bi::ItCount => {
            let start = args.opt(0).or(args.kw("start")).unwrap_or(Value::Int(0));
            let step = args.opt(1).or(args.kw("step")).unwrap_or(Value::Int(1));
            new_iter(IterKind::Count, start, step, 0, 0, 0)
        }
        Bi::ItRepeat => {
            let times = match args.opt(1).or(args.kw("times")) {
                Some(v) => int_arg(v)?.max(0),
                None => -1,
            };
            new_iter(IterKind::Repeat, Value::None, a0, 0, times, 0)
        }
        Bi::ItChain | Bi::ItChainFromIterable => {
            let srcs = if bi == Bi::ItChain {
                let l = new_list(args.npos);
                let mut i = 0;
                while i < args.npos {
                    l.append(args.pos(i));
                    i += 1;
                }
                l
            } else {
                list_of(args.pos(args.npos - 1))?
            };
            new_iter(IterKind::Chain, Value::obj(srcs), Value::None, 0, 0, 0)
        }
        Bi::ItCycle => new_iter(IterKind::Cycle, Value::obj(new_list(0)), iter(a0)?, 0, 0, 0),
        Bi::ItIslice => {
            let src = iter(a0)?;
            let (start, stop, step) = match args.npos {
                2 => (Value::Int(0), args.pos(1), Value::Int(1)),
                3 => (args.pos(1), args.pos(2), Value::Int(1)),
                _ => (
                    args.opt(1).unwrap_or(Value::None),
                    args.opt(2).unwrap_or(Value::None),
                    args.opt(3).unwrap_or(Value::Int(1)),
                ),
            };
            let start = if start.is_none() { 0 } else { int_arg(start)? };
            let step = if step.is_none() { 1 } else { int_arg(step)? };
            if start < 0 || step <= 0 {
                return value_error(
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                );
            }
            let stop = if stop.is_none() {
                Value::None
            } else {
                Value::Int(int_arg(stop)?)
            };
            new_iter(IterKind::ISlice, src, stop, 0, start, step)
        }
        Bi::ItFilterfalse => new_iter(
            IterKind::Filter,
            iter(arg(&args, 1, "filterfalse")?)?,
            a0,
            0,
            1,
            0,
        ),
        Bi::ItTakewhile => new_iter(
            IterKind::TakeWhile,
            iter(arg(&args, 1, "takewhile")?)?,
            a0,
            0,
            0,
            0,
        ),
        Bi::ItDropwhile => new_iter(
            IterKind::DropWhile,
            iter(arg(&args, 1, "dropwhile")?)?,
            a0,
            0,
            0,
            0,
        ),
        Bi::ItAccumulate => {
            let f = args.opt(1).or(args.kw("func")).unwrap_or(Value::None);
            let it = new_iter(IterKind::Accumulate, iter(a0)?, f, 0, 0, 0);
            if let Some(init) = args.kw("initial") {
                if !init.is_none() {
                    let items = list_of(it)?;
                    let out = new_list(items.len() + 1);
                    out.append(init);
                    let mut acc = init;
                    let src = list_of(a0)?;
                    let mut i = 0;
                    while i < src.len() {
                        acc = if f.is_none() {
                            binary_op(acc, src.get(i), BinaryOp::Add, false)?
                        } else {
                            call_values(f, &[acc, src.get(i)])?
                        };
                        out.append(acc);
                        i += 1;
                    }
                    return Ok(Some(list_iter(out)));
                }
            }
            it
        }
        Bi::ItProduct => {
            let repeat = match args.kw("repeat") {
                Some(v) => int_arg(v)?.max(0) as usize,
                None => 1,
            };
            let base = pools(&args)?;
            let nb = base.len();
            let m = nb * repeat;
            // The pools, `repeat` times over, and an index into each.
            let ps = new_list(m);
            let mut all_nonempty = true;
            let mut k = 0;
            while k < m {
                let p = pool_at(base, k % nb);
                if p.is_empty() {
                    all_nonempty = false;
                }
                ps.append(Value::obj(p));
                k += 1;
            }
            let out = new_list(0);
            let idx = GcArray::new(m, 0usize);
            if all_nonempty {
                loop {
                    let arr = GcArray::new(m, Value::None);
                    let mut k = 0;
                    while k < m {
                        arr.set(k, pool_at(ps, k).get(idx.get(k)));
                        k += 1;
                    }
                    out.append(Value::obj(Gc::new(W_Tuple { items: arr })));
                    let mut k = m;
                    loop {
                        if k == 0 {
                            return Ok(Some(list_iter(out)));
                        }
                        k -= 1;
                        idx.set(k, idx.get(k) + 1);
                        if idx.get(k) < pool_at(ps, k).len() {
                            break;
                        }
                        idx.set(k, 0);
                    }
                }
            }
            list_iter(out)
        }
        Bi::ItPermutations | Bi::ItCombinations | Bi::ItCombinationsWR => {
            let pool = list_of(a0)?;
            let n = pool.len();
            let r = match args.opt(1).or(args.kw("r")) {
                Some(Value::None) | None => n,
                Some(v) => int_arg(v)?.max(0) as usize,
            };
            let out = new_list(0);
            match bi {
                Bi::ItPermutations => {
                    if r <= n {
                        permutations(pool, n, r, out);
                    }
                }
                Bi::ItCombinations => {
                    if r <= n {
                        combinations(pool, n, r, out);
                    }
                }
                _ => {
                    if n > 0 || r == 0 {
                        combinations_wr(pool, n, r, out);
                    }
                }
            }
            list_iter(out)
        }
        Bi::ItZipLongest => {
            let fill = args.kw("fillvalue").unwrap_or(Value::None);
            let ps = pools(&args)?;
            let np = ps.len();
            let mut m = 0;
            let mut k = 0;
            while k < np {
                m = m.max(pool_at(ps, k).len());
                k += 1;
            }
            let out = new_list(m);
            for i in 0..m {
                let arr = GcArray::new(np, Value::None);
                let mut k = 0;
                while k < np {
                    let p = pool_at(ps, k);
                    arr.set(k, if i < p.len() { p.get(i) } else { fill });
                    k += 1;
                }
                out.append(Value::obj(Gc::new(W_Tuple { items: arr })));
            }
            list_iter(out)
        }
        Bi::ItGroupby => {
            let key = args.opt(1).or(args.kw("key")).unwrap_or(Value::None);
            let items = list_of(a0)?;
            let out = new_list(0);
            let mut i = 0;
            while i < items.len() {
                let k = if key.is_none() {
                    items.get(i)
                } else {
                    call_values(key, &[items.get(i)])?
                };
                let group = new_list(0);
                while i < items.len() {
                    let v = items.get(i);
                    let kv = if key.is_none() {
                        v
                    } else {
                        call_values(key, &[v])?
                    };
                    if !eq(kv, k)? {
                        break;
                    }
                    group.append(v);
                    i += 1;
                }
                out.append(tuple_from(&[k, list_iter(group)]));
            }
            list_iter(out)
        }
        Bi::ItStarmap => {
            let items = list_of(arg(&args, 1, "starmap")?)?;
            let out = new_list(items.len());
            let mut i = 0;
            while i < items.len() {
                let a = list_of(items.get(i))?;
                let arr = a.to_array();
                out.append(call_fn(
                    a0,
                    Args {
                        arr,
                        start: 0,
                        npos: a.len(),
                        kwnames: None,
                    },
                )?);
                i += 1;
            }
            list_iter(out)
        }
        Bi::ItPairwise => {
            let items = list_of(a0)?;
            let out = new_list(items.len());
            let mut i = 1;
            while i < items.len() {
                out.append(tuple_from(&[items.get(i - 1), items.get(i)]));
                i += 1;
            }
            list_iter(out)
        }
        Bi::ItCompress => {
            let items = list_of(a0)?;
            let sel = list_of(arg(&args, 1, "compress")?)?;
            let out = new_list(0);
            let mut i = 0;
            while i < items.len() && i < sel.len() {
                if truthy(sel.get(i))? {
                    out.append(items.get(i));
                }
                i += 1;
            }
            list_iter(out)
        }
        Bi::ItTee => {
            let n = match args.opt(1) {
                Some(v) => int_arg(v)? as usize,
                None => 2,
            };
            let items = list_of(a0)?;
            let arr = GcArray::new(n, Value::None);
            for k in 0..n {
                arr.set(k, list_iter(items));
            }
            Value::obj(Gc::new(W_Tuple { items: arr }))
        }
        _ => return Ok(None),
    };
    Ok(Some(r))
}
