//! Virtualizables (PyPy's `virtualizable.py` and the vable part of `pyjitpl.py`): the
//! driver's frame lives in boxes while compiled code runs.
//!
//! The portal's `vable_field` / `vable_array` instructions ([`VableLayout`]) name the
//! red that is the driver's virtualizable and its kept fields: scalars, then the items of
//! arrays, in that order (the *vable values*). A trace's *shape* says, per array, its
//! length (fixed while the frame lives) and the window of items kept: the whole array
//! when it has at most [`WHOLE`] items, else [`WINDOW`] items around the value of the
//! first kept int field (the stack pointer, in a stack VM; PyPy sizes a frame's stack to
//! its code instead). Items outside the window stay in memory and are read and written
//! there, as on any other object: which items are boxes depends only on the shape, never
//! on the frame's state, so both ways are right.
//!
//! # How, step by step
//!
//! 1. A loop's trace reads the vable values of the red at its start; they are inputs of
//!    the loop after the reds (`label(reds, vable values)`), and every `jump` to a loop's
//!    first label passes them after the reds. A compiled loop is entered with the values
//!    read from the frame ([`read`]), only by a frame whose arrays have the lengths it was
//!    traced with.
//! 2. While tracing, the vable ops on the standard virtualizable (the red the trace
//!    started with, or an object a guard proves is that one) read and write the boxes and
//!    record nothing; they also read and write the frame, so that memory is right while
//!    the tracer runs. On any other object they are plain field and item accesses, after
//!    a guard that it is not the standard one. An item's index is promoted.
//! 3. Every guard's resume data holds the vable values ([`VableResume`]); when the guard
//!    fails, they are written into the frame ([`write`]) before the blackhole or the
//!    tracer of a bridge goes on.
//! 4. Before a `finish` (a bridge leaving at a merge point, or the portal returning) and
//!    before a residual call that may look at the frame (any call that is not elidable),
//!    the trace writes the values back into the frame (`setfield_gc`,
//!    `setarrayitem_gc`); after a call that may write anything, it reads them again.
//!
//! Not done: RPython's `vable_token`, with which a residual call costs nothing unless the
//! callee really reads the frame (`call_may_force` + `guard_not_forced`): here every call
//! pays for the write-back of the values that changed (the heap cache drops writes of
//! values memory is known to hold).

use super::frame::TBox;
use super::resume::Tagged;
use super::Tracer;
use super::{Abort, AbortReason};
use crate::blackhole::memory::{item_addr, load_bits, load_int, load_ref, store_bits};
use crate::jitcode::decode::decode_all;
use crate::jitcode::{JitCodes, Opcode as J, Operand};
use jitsupport_trace::descr::{ArrayDescr, FieldDescr};
use jitsupport_trace::{Descr, Kind, Op, Opcode as T, Trace, Value};
use std::rc::Rc;

/// A kept array field: its field descr (of the array pointer) and its items' descr, with
/// their jitcode indices.
#[derive(Clone, Debug)]
pub struct VableArray {
    pub field_index: u16,
    /// The field at its offset from the red (the payload's offset added).
    pub field_in_red: Rc<FieldDescr>,
    pub array: Rc<ArrayDescr>,
}

/// Arrays of at most this many items are kept whole.
pub const WHOLE: usize = 64;
/// The number of items kept of a longer array.
pub const WINDOW: usize = 32;

/// What a trace keeps of one array: its length and the items `lo..hi`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub len: usize,
    pub lo: usize,
    pub hi: usize,
}

impl Window {
    /// The number of items kept.
    pub fn kept(&self) -> usize {
        self.hi - self.lo
    }
}

/// Per array of a layout, its window.
pub type Shape = Vec<Window>;

/// The virtualizable of a driver: which red it is and what is kept of it.
#[derive(Clone, Debug)]
pub struct VableLayout {
    /// The position of the red among the portal merge point's ref reds.
    pub red: usize,
    /// Where the struct starts in the red: 0 for a `&mut Frame`, the header's size for
    /// a `Gc<Frame>` (`vable_base`).
    pub payload: usize,
    /// The kept scalar fields, by jitcode descr index and trace descr.
    pub scalars: Vec<(u16, Rc<FieldDescr>)>,
    /// The kept scalar fields at their offsets from the red.
    pub scalars_in_red: Vec<Rc<FieldDescr>>,
    pub arrays: Vec<VableArray>,
}

impl VableLayout {
    /// The layout the `vable_*` instructions before `jitcode`'s merge point (at `pc`)
    /// declare, with `ref_reds` the merge point's ref red registers; `None` without any.
    pub fn of_portal(
        codes: &JitCodes,
        descrs: &mut super::descrs::DescrCache,
        jitcode: u32,
        ref_reds: &[u8],
    ) -> Option<VableLayout> {
        let jc = &codes.jitcodes[jitcode as usize];
        let mut layout = VableLayout {
            red: 0,
            payload: 0,
            scalars: Vec::new(),
            scalars_in_red: Vec::new(),
            arrays: Vec::new(),
        };
        let mut reg = None;
        for insn in decode_all(&jc.code).unwrap_or_default() {
            let operands = &insn.operands;
            if let (J::VableBase, [Operand::Slot(_, _), Operand::Descr(p)]) =
                (insn.opcode, operands.as_slice())
            {
                if let Descr::Field(d) = descrs.get(codes, *p) {
                    layout.payload = d.offset;
                }
                continue;
            }
            let (r, descrs_of) = match (insn.opcode, operands.as_slice()) {
                (J::VableField, [Operand::Slot(_, r), Operand::Descr(f)]) => (*r, vec![*f]),
                (J::VableArray, [Operand::Slot(_, r), Operand::Descr(f), Operand::Descr(a)]) => {
                    (*r, vec![*f, *a])
                }
                _ => continue,
            };
            reg = Some(r);
            match *descrs_of.as_slice() {
                [f] => {
                    if let Descr::Field(d) = descrs.get(codes, f) {
                        layout.scalars.push((f, d));
                        let in_red = descrs.shifted_field(codes, f, layout.payload);
                        layout.scalars_in_red.push(in_red);
                    }
                }
                [f, a] => {
                    if let (Descr::Field(_), Descr::Array(ad)) =
                        (descrs.get(codes, f), descrs.get(codes, a))
                    {
                        layout.arrays.push(VableArray {
                            field_index: f,
                            field_in_red: descrs.shifted_field(codes, f, layout.payload),
                            array: ad,
                        });
                    }
                }
                _ => {}
            }
        }
        let reg = reg?;
        layout.red = ref_reds.iter().position(|&r| r == reg)?;
        Some(layout)
    }

    /// The lengths of the arrays of the frame at `obj`.
    ///
    /// # Safety
    /// `obj` is a live frame of the layout's struct.
    pub unsafe fn lengths(&self, obj: usize) -> Vec<usize> {
        self.arrays
            .iter()
            .map(|a| {
                let array = load_ref(obj + a.field_in_red.offset);
                load_int(array + crate::gc::ARRAY_LENGTH_OFFSET, 8, false) as usize
            })
            .collect()
    }

    /// The shape a trace starting on the frame at `obj` keeps (see the module doc).
    ///
    /// # Safety
    /// As [`VableLayout::lengths`].
    pub unsafe fn shape(&self, obj: usize) -> Shape {
        let pointer = self
            .scalars
            .iter()
            .find(|(_, f)| f.kind == Kind::Int)
            .map(|(_, f)| {
                load_int(obj + self.payload + f.offset, f.size, f.signed).max(0) as usize
            });
        self.lengths(obj)
            .into_iter()
            .map(|len| {
                if len <= WHOLE {
                    return Window {
                        len,
                        lo: 0,
                        hi: len,
                    };
                }
                let centre = pointer.unwrap_or(0).min(len);
                let lo = centre.saturating_sub(WINDOW / 2).min(len - WINDOW);
                Window {
                    len,
                    lo,
                    hi: lo + WINDOW,
                }
            })
            .collect()
    }

    /// The kinds of the vable values of a trace of `shape`.
    pub fn kinds(&self, shape: &[Window]) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = self.scalars.iter().map(|(_, f)| f.kind).collect();
        for (a, w) in self.arrays.iter().zip(shape) {
            kinds.extend(std::iter::repeat_n(a.array.kind, w.kept()));
        }
        kinds
    }
}

/// The vable values of the frame at `obj`, as bits.
///
/// # Safety
/// `obj` is a live frame of the layout's struct, whose arrays have `shape`'s lengths.
pub unsafe fn read(layout: &VableLayout, obj: usize, shape: &[Window]) -> Vec<u64> {
    let mut values = Vec::new();
    for f in &layout.scalars_in_red {
        values.push(load_bits(obj + f.offset, f.size, f.signed, f.kind));
    }
    for (a, w) in layout.arrays.iter().zip(shape) {
        let array = load_ref(obj + a.field_in_red.offset);
        let d = &a.array;
        for i in w.lo..w.hi {
            let at = item_addr(array, d.base, d.item_size, i as i64);
            values.push(load_bits(at, d.item_size, d.signed, d.kind));
        }
    }
    values
}

/// Writes the vable values into the frame at `obj` (of shape `shape`).
///
/// # Safety
/// As [`read`]; `values` are of the layout's kinds.
pub unsafe fn write(layout: &VableLayout, obj: usize, shape: &[Window], values: &[u64]) {
    let mut values = values.iter();
    for f in &layout.scalars_in_red {
        let Some(&v) = values.next() else { return };
        store_bits(obj + f.offset, f.size, f.kind, v);
    }
    for (a, w) in layout.arrays.iter().zip(shape) {
        let array = load_ref(obj + a.field_in_red.offset);
        let d = &a.array;
        for i in w.lo..w.hi {
            let Some(&v) = values.next() else { return };
            store_bits(
                item_addr(array, d.base, d.item_size, i as i64),
                d.item_size,
                d.kind,
                v,
            );
        }
    }
}

/// The vable values in a guard's resume data: the frame and the values, each a fail arg
/// or a constant.
#[derive(Clone, Debug)]
pub struct VableResume {
    pub layout: Rc<VableLayout>,
    pub shape: Shape,
    pub obj: Tagged,
    pub values: Vec<Tagged>,
}

impl VableResume {
    /// Writes the values a failing guard brings into the frame.
    ///
    /// # Safety
    /// `values` are the guard's fail-arg values (virtuals materialized).
    pub unsafe fn write(&self, values: &[u64]) {
        let obj = self.obj.value(values) as usize;
        let bits: Vec<u64> = self.values.iter().map(|t| t.value(values)).collect();
        write(&self.layout, obj, &self.shape, &bits);
    }

    /// The ref constants among the values (roots while the resume data is kept).
    pub fn ref_consts(&self) -> Vec<usize> {
        let kinds = self.layout.kinds(&self.shape);
        let mut out: Vec<usize> = self
            .values
            .iter()
            .zip(kinds)
            .filter_map(|(t, k)| match (t, k) {
                (Tagged::Const(c), Kind::Ref) if *c != 0 => Some(*c as usize),
                _ => None,
            })
            .collect();
        if let Tagged::Const(c) = self.obj {
            if c != 0 {
                out.push(c as usize);
            }
        }
        out
    }
}

/// The standard virtualizable of a trace: the frame's box and its vable values' boxes.
#[derive(Clone, Debug)]
pub(crate) struct VableBoxes {
    pub layout: Rc<VableLayout>,
    pub shape: Shape,
    pub obj: TBox,
    pub boxes: Vec<TBox>,
}

impl VableBoxes {
    /// The position of scalar field `index` among the values.
    fn scalar(&self, index: u16) -> Option<usize> {
        self.layout.scalars.iter().position(|(i, _)| *i == index)
    }

    /// The position of the first kept item of the array field `index` among the
    /// values, and the array's window.
    fn array(&self, index: u16) -> Option<(usize, Window)> {
        let mut start = self.layout.scalars.len();
        for (a, w) in self.layout.arrays.iter().zip(&self.shape) {
            if a.field_index == index {
                return Some((start, *w));
            }
            start += w.kept();
        }
        None
    }

    /// The values' trace values.
    pub fn values(&self) -> Vec<Value> {
        self.boxes.iter().map(|b| b.v).collect()
    }
}

/// Appends to `trace` the writes of the vable values `values` into the frame `obj`.
pub(crate) fn write_back_ops(
    trace: &mut Trace,
    layout: &VableLayout,
    shape: &[Window],
    obj: Value,
    values: &[Value],
) {
    let mut values = values.iter();
    for f in &layout.scalars_in_red {
        let Some(&v) = values.next() else { return };
        trace.push_op(
            Op::new(T::SetfieldGc, vec![obj, v], None).with_descr(Descr::Field(f.clone())),
        );
    }
    for (a, w) in layout.arrays.iter().zip(shape) {
        let array = trace.new_box(Kind::Ref);
        trace.push_op(
            Op::new(T::GetfieldGcR, vec![obj], Some(array))
                .with_descr(Descr::Field(a.field_in_red.clone())),
        );
        for i in w.lo..w.hi {
            let Some(&v) = values.next() else { return };
            trace.push_op(
                Op::new(
                    T::SetarrayitemGc,
                    vec![Value::Box(array), Value::ConstInt(i as i64), v],
                    None,
                )
                .with_descr(Descr::Array(a.array.clone())),
            );
        }
    }
}

/// The opcode of a plain read of a value of `kind`.
fn getfield_op(kind: Kind) -> T {
    match kind {
        Kind::Int => T::GetfieldGcI,
        Kind::Ref => T::GetfieldGcR,
        Kind::Float => T::GetfieldGcF,
    }
}

fn getitem_op(kind: Kind) -> T {
    match kind {
        Kind::Int => T::GetarrayitemGcI,
        Kind::Ref => T::GetarrayitemGcR,
        Kind::Float => T::GetarrayitemGcF,
    }
}

impl Tracer<'_> {
    /// Starts the trace's standard virtualizable at the frame `obj`, with the values'
    /// boxes `boxes`.
    pub(crate) fn set_vable(
        &mut self,
        layout: Rc<VableLayout>,
        shape: Shape,
        obj: TBox,
        boxes: Vec<TBox>,
    ) {
        self.vable = Some(VableBoxes {
            layout,
            shape,
            obj,
            boxes,
        });
    }

    /// Whether `obj` is the standard virtualizable: the same box, or (checked by a
    /// guard) the same object; a guard also checks that another object is not it.
    ///
    /// `obj` points to the struct: for a `Gc<Frame>` red, into the object, at its
    /// payload (a ref derived from the red, or from another object).
    fn vable_standard(&mut self, obj: TBox) -> Result<bool, Abort> {
        let Some((std, payload)) = self.vable.as_ref().map(|v| (v.obj, v.layout.payload)) else {
            return Ok(false);
        };
        let (base, offset) = self.base_of(obj);
        if base == std.v && offset == payload {
            return Ok(true);
        }
        let same = obj.c == std.c.wrapping_add(payload as u64);
        let (a, b) = if offset == payload {
            // Both the payload of an object: compare the objects.
            let c = obj.c.wrapping_sub(payload as u64);
            (TBox { v: base, c }, std)
        } else {
            let a = self.force(obj);
            (TBox { v: a, c: obj.c }, self.derive(std, payload))
        };
        let test = self.pure(T::PtrEq, vec![a, b], same as u64);
        self.guard_bool(test, same)?;
        Ok(same)
    }

    /// The standard virtualizable's struct (derived from the red at the payload's
    /// offset).
    fn vable_struct(&mut self, v: &VableBoxes) -> TBox {
        self.derive(v.obj, v.layout.payload)
    }

    /// `getfield_vable_*`: field `index` of `obj`, whose current value is `c`.
    pub(crate) fn vable_getfield(
        &mut self,
        obj: TBox,
        index: u16,
        kind: Kind,
        c: u64,
    ) -> Result<TBox, Abort> {
        if self.vable_standard(obj)? {
            if let Some(v) = self.vable.as_ref() {
                if let Some(at) = v.scalar(index) {
                    return Ok(v.boxes[at]);
                }
            }
        }
        Ok(self.getfield(obj, index, getfield_op(kind), c))
    }

    /// `setfield_vable_*` (memory is written by the caller).
    pub(crate) fn vable_setfield(
        &mut self,
        obj: TBox,
        index: u16,
        value: TBox,
    ) -> Result<(), Abort> {
        if self.vable_standard(obj)? {
            if let Some(v) = self.vable.as_mut() {
                if let Some(at) = v.scalar(index) {
                    v.boxes[at] = value;
                    return Ok(());
                }
            }
        }
        self.setfield(obj, index, value);
        Ok(())
    }

    /// The position of item `index` of the array field `field` among the standard
    /// virtualizable's values (the index promoted), or `None` for another object or an
    /// item outside the window (in memory).
    fn vable_item(&mut self, obj: TBox, index: TBox, field: u16) -> Result<Option<usize>, Abort> {
        if !self.vable_standard(obj)? {
            return Ok(None);
        }
        let Some((start, w)) = self.vable.as_ref().and_then(|v| v.array(field)) else {
            return Ok(None);
        };
        let i = index.c as usize;
        if i >= w.len {
            // The interpreter checked the bounds before: not reached.
            return Err(Abort::new(AbortReason::VableIndex));
        }
        // Which items are boxes is fixed by the window: the index is a constant.
        self.promote(index, Kind::Int)?;
        if i < w.lo || i >= w.hi {
            return Ok(None);
        }
        Ok(Some(start + i - w.lo))
    }

    /// The array of field `field` of another frame `obj`, through a plain read.
    fn vable_array_of(&mut self, obj: TBox, field: u16) -> TBox {
        let codes = self.jit.codes;
        let offset = match &codes.descrs[field as usize] {
            crate::jitcode::Descr::Field(f) => f.offset,
            _ => 0,
        };
        // Safety: `obj` is a live frame (the interpreter reads it here).
        let c = unsafe { load_ref(obj.c as usize + offset) } as u64;
        self.getfield(obj, field, T::GetfieldGcR, c)
    }

    /// `getarrayitem_vable_*`: item `index` of the array field `field` (items `array`),
    /// whose current value is `c`.
    pub(crate) fn vable_getitem(
        &mut self,
        obj: TBox,
        index: TBox,
        (field, array): (u16, u16),
        kind: Kind,
        c: u64,
    ) -> Result<TBox, Abort> {
        if let Some(at) = self.vable_item(obj, index, field)? {
            if let Some(v) = self.vable.as_ref() {
                return Ok(v.boxes[at]);
            }
        }
        let a = self.vable_array_of(obj, field);
        let descr = self.jit.descrs.get(self.jit.codes, array);
        Ok(self.getitem(a, index, descr, getitem_op(kind), c, true))
    }

    /// `setarrayitem_vable_*` (memory is written by the caller).
    pub(crate) fn vable_setitem(
        &mut self,
        obj: TBox,
        index: TBox,
        value: TBox,
        (field, array): (u16, u16),
    ) -> Result<(), Abort> {
        if let Some(at) = self.vable_item(obj, index, field)? {
            if let Some(v) = self.vable.as_mut() {
                v.boxes[at] = value;
                return Ok(());
            }
        }
        let a = self.vable_array_of(obj, field);
        let descr = self.jit.descrs.get(self.jit.codes, array);
        self.setitem(a, index, value, descr, T::SetarrayitemGc, true);
        Ok(())
    }

    /// `arraylen_vable`: the length of the array field `field`, `c` now; a constant on
    /// the standard virtualizable.
    pub(crate) fn vable_arraylen(
        &mut self,
        obj: TBox,
        (field, array): (u16, u16),
        c: u64,
    ) -> Result<TBox, Abort> {
        if self.vable_standard(obj)? {
            if let Some((_, w)) = self.vable.as_ref().and_then(|v| v.array(field)) {
                return Ok(TBox::constant(Kind::Int, w.len as u64));
            }
        }
        let a = self.vable_array_of(obj, field);
        let name = match self.jit.descrs.get(self.jit.codes, array) {
            Descr::Array(d) => format!("{}.len", d.name),
            _ => "GcArray.len".to_string(),
        };
        // The length word of a `GcArray`, never written after its allocation.
        let len = Rc::new(FieldDescr {
            name,
            offset: crate::gc::ARRAY_LENGTH_OFFSET,
            size: 8,
            signed: false,
            kind: Kind::Int,
            immutable: true,
            quasi_immutable: false,
            maybe_ref: false,
        });
        let b = self.record(T::GetfieldGcI, vec![a.v], Some(Descr::Field(len)));
        Ok(TBox {
            v: Value::Box(b),
            c,
        })
    }

    /// Before a call that may read the frame: the values written into it, through the
    /// heap cache (a value memory is known to hold is not written again).
    pub(crate) fn vable_write_back(&mut self) {
        let Some(v) = self.vable.clone() else { return };
        let obj = self.vable_struct(&v);
        let mut at = 0;
        for (index, _) in &v.layout.scalars {
            self.setfield(obj, *index, v.boxes[at]);
            at += 1;
        }
        for (a, w) in v.layout.arrays.iter().zip(&v.shape) {
            let array = self.vable_array_of(obj, a.field_index);
            let descr = Descr::Array(a.array.clone());
            for i in w.lo..w.hi {
                let index = TBox::constant(Kind::Int, i as u64);
                self.setitem(
                    array,
                    index,
                    v.boxes[at],
                    descr.clone(),
                    T::SetarrayitemGc,
                    true,
                );
                at += 1;
            }
        }
    }

    /// After a call that may write the frame: the values read again (their current
    /// values from memory, which the call left right).
    pub(crate) fn vable_reread(&mut self) {
        let Some(mut v) = self.vable.clone() else {
            return;
        };
        // Safety: the frame is live (the trace's red).
        let current = unsafe { read(&v.layout, v.obj.c as usize, &v.shape) };
        let obj = self.vable_struct(&v);
        let mut at = 0;
        for (index, f) in &v.layout.scalars {
            v.boxes[at] = self.getfield(obj, *index, getfield_op(f.kind), current[at]);
            at += 1;
        }
        for (a, w) in v.layout.arrays.iter().zip(&v.shape.clone()) {
            let array = self.vable_array_of(obj, a.field_index);
            let descr = Descr::Array(a.array.clone());
            for i in w.lo..w.hi {
                let index = TBox::constant(Kind::Int, i as u64);
                v.boxes[at] = self.getitem(
                    array,
                    index,
                    descr.clone(),
                    getitem_op(a.array.kind),
                    current[at],
                    true,
                );
                at += 1;
            }
        }
        if let Some(s) = self.vable.as_mut() {
            s.boxes = v.boxes;
        }
    }

    /// The vable values at a merge point whose ref reds are `ref_reds`: the trace's
    /// values if the virtualizable red is the standard one; an abort otherwise.
    pub(crate) fn vable_jump_values(&self, ref_reds: &[TBox]) -> Result<Vec<Value>, Abort> {
        let Some(v) = &self.vable else {
            return Ok(Vec::new());
        };
        match ref_reds.get(v.layout.red) {
            Some(red) if red.v == v.obj.v => Ok(v.values()),
            _ => Err(Abort::new(AbortReason::VableChanged)),
        }
    }

    /// Records the write-back of every vable value (before a `finish`).
    pub(crate) fn vable_write_back_all(&mut self) {
        if let Some(v) = &self.vable {
            let values = v.values();
            write_back_ops(&mut self.trace, &v.layout, &v.shape, v.obj.v, &values);
        }
    }
}

impl Tracer<'_> {
    /// Whether a call with `effect` may write a kept field or item of the frame.
    pub(crate) fn vable_may_write(&self, effect: &jitsupport_trace::descr::EffectInfo) -> bool {
        let Some(v) = &self.vable else { return false };
        effect.random_effects
            || v.layout
                .scalars
                .iter()
                .any(|(_, f)| effect.may_write_field(f))
            || v.layout
                .arrays
                .iter()
                .any(|a| effect.may_write_array(&a.array))
    }
}
