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
//! 4. A `finish` (a bridge leaving at a merge point, or the portal returning) carries
//!    the values, and the runtime writes them into the frame. Before a residual call
//!    that may look at the frame (any call that is not elidable), the trace writes the
//!    values of a `&mut Frame` back into the frame (`setfield_gc`, `setarrayitem_gc`);
//!    after a call that may write anything, it reads them again. A `Gc<Frame>` stays in
//!    boxes instead (RPython's `vable_token`): the call is a `call_may_force` of
//!    [`vable_call`], which passes the values along and makes the frame forceable
//!    while the callee runs; [`force`] (`jitsupport::force_virtualizable`) writes them
//!    into the frame and makes the `guard_not_forced` after the call fail, which
//!    resumes after the call from the frame in memory.
//! 5. An array of value enums held inline (`GcArray<Value>`) keeps each item as its
//!    leaves ([`VableLeaf`]: the tag, then every variant's fields, zero for the other
//!    variants as `rtyper::repr` lays a value enum out). `getarraysubstruct_vable` gives
//!    a handle on an item ([`Handle`]: a box never recorded), through which
//!    `getinterior_vable_*` and `setinterior_vable_*` read and write the boxes; resume
//!    data holds a handle in a register as `Tagged::VableItem`, the item's address once
//!    the frame holds the values again. Natively an item is read and written as its tag
//!    and that variant's fields; a write-back in a trace guards the tag's value first
//!    when it is not a constant; a re-read reads every leaf (only the tag's variant's
//!    fields are ever used or written).
//!

use super::frame::TBox;
use super::resume::Tagged;
use super::Tracer;
use super::{Abort, AbortReason};
use crate::blackhole::memory::{item_addr, load_bits, load_int, load_ref, store_bits};
use crate::jitcode::decode::decode_all;
use crate::jitcode::{JitCodes, Opcode as J, Operand};
use jitsupport_trace::descr::{ArrayDescr, FieldDescr};
use jitsupport_trace::{BoxId, Descr, Kind, Opcode as T, Value};
use std::collections::HashMap;
use std::rc::Rc;

/// A kept array field: its field descr (of the array pointer) and its items' descr, with
/// their jitcode indices.
#[derive(Clone, Debug)]
pub struct VableArray {
    pub field_index: u16,
    /// The field at its offset from the red (the payload's offset added).
    pub field_in_red: Rc<FieldDescr>,
    pub array: Rc<ArrayDescr>,
    /// For an array of value enums held inline: its items' leaves (`vable_leaf`); each
    /// item is then that many values. Empty for scalar items (one value each).
    pub leaves: Vec<VableLeaf>,
}

/// A leaf of the items of an array of value enums: the tag, or a field of a variant.
#[derive(Clone, Debug)]
pub struct VableLeaf {
    /// Its jitcode descr index (the `getinterior_vable_*` ops name it).
    pub index: u16,
    pub descr: Rc<FieldDescr>,
    /// The discriminant of its variant; `None` for the tag.
    pub variant: Option<i64>,
}

impl VableArray {
    /// The number of values an item takes.
    pub fn per_item(&self) -> usize {
        self.leaves.len().max(1)
    }

    /// The kinds of one item's values.
    fn item_kinds(&self) -> Vec<Kind> {
        if self.leaves.is_empty() {
            vec![self.array.kind]
        } else {
            self.leaves.iter().map(|l| l.descr.kind).collect()
        }
    }

    /// Reads the item at `at` (its address) into `out`: its value, or its tag and the
    /// fields of its variant (zeros for the other variants' fields, as `rtyper::repr`
    /// lays out a value enum).
    ///
    /// # Safety
    /// `at` is the address of a live item of this array.
    unsafe fn read_item(&self, at: usize, out: &mut Vec<u64>) {
        let d = &self.array;
        if self.leaves.is_empty() {
            out.push(load_bits(at, d.item_size, d.signed, d.kind));
            return;
        }
        let mut tag = None;
        for l in &self.leaves {
            let f = &l.descr;
            match l.variant {
                None => {
                    let t = load_bits(at + f.offset, f.size, f.signed, f.kind);
                    tag = Some(t as i64);
                    out.push(t);
                }
                Some(v) if Some(v) == tag => {
                    out.push(load_bits(at + f.offset, f.size, f.signed, f.kind))
                }
                Some(_) => out.push(0),
            }
        }
    }

    /// Writes an item's `values` (of [`VableArray::read_item`]) at `at`: the value, or
    /// the tag and its variant's fields.
    ///
    /// # Safety
    /// As [`VableArray::read_item`].
    unsafe fn write_item(&self, at: usize, values: &[u64]) {
        let d = &self.array;
        if self.leaves.is_empty() {
            store_bits(at, d.item_size, d.kind, values[0]);
            return;
        }
        let mut tag = None;
        for (l, &v) in self.leaves.iter().zip(values) {
            let f = &l.descr;
            match l.variant {
                None => {
                    tag = Some(v as i64);
                    store_bits(at + f.offset, f.size, f.kind, v);
                }
                Some(x) if Some(x) == tag => store_bits(at + f.offset, f.size, f.kind, v),
                Some(_) => {}
            }
        }
    }
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
            if let (J::VableLeaf, [Operand::Slot(_, _), Operand::Descr(l), Operand::Slot(_, v)]) =
                (insn.opcode, operands.as_slice())
            {
                // The discriminant is a constant of the jitcode (-1: the tag).
                let n = jc.num_regs[0] as usize;
                let variant = (*v as usize)
                    .checked_sub(n)
                    .and_then(|i| jc.const_ints.get(i))
                    .copied()
                    .filter(|&d| d >= 0);
                if let (Descr::Field(d), Some(a)) =
                    (descrs.get(codes, *l), layout.arrays.last_mut())
                {
                    a.leaves.push(VableLeaf {
                        index: *l,
                        descr: d,
                        variant,
                    });
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
                            leaves: Vec::new(),
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
            let item = a.item_kinds();
            for _ in 0..w.kept() {
                kinds.extend(&item);
            }
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
            a.read_item(item_addr(array, d.base, d.item_size, i as i64), &mut values);
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
        let per_item = a.per_item();
        for i in w.lo..w.hi {
            let item: Vec<u64> = values.by_ref().take(per_item).copied().collect();
            if item.len() < per_item {
                return;
            }
            a.write_item(item_addr(array, d.base, d.item_size, i as i64), &item);
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

    /// The address of item `index` of array `array` of the frame (whose values the
    /// failing guard brings, `values`).
    pub fn item_address(&self, values: &[u64], array: u16, index: u32) -> usize {
        let obj = self.obj.value(values) as usize;
        let Some(a) = self.layout.arrays.get(array as usize) else {
            return 0;
        };
        // Safety: the frame is live (the guard's red) and its array too.
        let items = unsafe { load_ref(obj + a.field_in_red.offset) };
        item_addr(items, a.array.base, a.array.item_size, index as i64)
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
    /// The handles on items of arrays of value enums (`getarraysubstruct_vable`): boxes
    /// never recorded, standing for the item (array number, index) whose values start
    /// at the position.
    pub handles: HashMap<BoxId, Handle>,
}

/// An item of an array of value enums, as a handle stands for it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Handle {
    pub array: usize,
    pub index: usize,
    /// The position of its first value among the vable values.
    pub at: usize,
}

impl VableBoxes {
    /// The position of scalar field `index` among the values.
    fn scalar(&self, index: u16) -> Option<usize> {
        self.layout.scalars.iter().position(|(i, _)| *i == index)
    }

    /// The position of the first kept item of the array field `index` among the
    /// values, the array's number and its window.
    fn array(&self, index: u16) -> Option<(usize, usize, Window)> {
        let mut start = self.layout.scalars.len();
        for (n, (a, w)) in self.layout.arrays.iter().zip(&self.shape).enumerate() {
            if a.field_index == index {
                return Some((start, n, *w));
            }
            start += w.kept() * a.per_item();
        }
        None
    }

    /// The values' trace values.
    pub fn values(&self) -> Vec<Value> {
        self.boxes.iter().map(|b| b.v).collect()
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
            handles: HashMap::new(),
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
    fn vable_item(&mut self, obj: TBox, index: TBox, field: u16) -> Result<Option<Handle>, Abort> {
        if !self.vable_standard(obj)? {
            return Ok(None);
        }
        let Some((start, n, w)) = self.vable.as_ref().and_then(|v| v.array(field)) else {
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
        let per_item = self
            .vable
            .as_ref()
            .map_or(1, |v| v.layout.arrays[n].per_item());
        Ok(Some(Handle {
            array: n,
            index: i,
            at: start + (i - w.lo) * per_item,
        }))
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
        if let Some(h) = self.vable_item(obj, index, field)? {
            if let Some(v) = self.vable.as_ref() {
                return Ok(v.boxes[h.at]);
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
        if let Some(h) = self.vable_item(obj, index, field)? {
            if let Some(v) = self.vable.as_mut() {
                v.boxes[h.at] = value;
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
            if let Some((_, _, w)) = self.vable.as_ref().and_then(|v| v.array(field)) {
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
    /// heap cache (a value memory is known to hold is not written again). An item of
    /// value enums whose tag is not a constant gets a `guard_value` on it first, so
    /// that only its variant's fields are written.
    pub(crate) fn vable_write_back(&mut self) -> Result<(), Abort> {
        let Some(v) = self.vable.clone() else {
            return Ok(());
        };
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
                if a.leaves.is_empty() {
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
                    continue;
                }
                let item = self.derive(
                    array,
                    item_addr(0, a.array.base, a.array.item_size, i as i64),
                );
                let mut tag = None;
                for (n, l) in a.leaves.iter().enumerate() {
                    let value = self
                        .vable
                        .as_ref()
                        .map_or(v.boxes[at + n], |v| v.boxes[at + n]);
                    match l.variant {
                        None => {
                            self.promote(value, Kind::Int)?;
                            tag = Some(value.c as i64);
                            let value = TBox::constant(Kind::Int, value.c);
                            self.setfield(item, l.index, value);
                        }
                        Some(x) if Some(x) == tag => self.setfield(item, l.index, value),
                        Some(_) => {}
                    }
                }
                at += a.leaves.len();
            }
        }
        Ok(())
    }

    /// After a call that may write the frame: the values read again (their current
    /// values from memory, which the call left right). An item of value enums reads
    /// its tag and every variant's fields (those of the other variants are not zero
    /// then; only the tag's variant's are ever used or written).
    pub(crate) fn vable_reread(&mut self) {
        let Some(mut v) = self.vable.clone() else {
            return;
        };
        let obj = self.vable_struct(&v);
        let mut at = 0;
        for (index, f) in &v.layout.scalars {
            // Safety: the frame is live (the trace's red).
            let c = unsafe {
                load_bits(
                    v.obj.c as usize + v.layout.payload + f.offset,
                    f.size,
                    f.signed,
                    f.kind,
                )
            };
            v.boxes[at] = self.getfield(obj, *index, getfield_op(f.kind), c);
            at += 1;
        }
        for (a, w) in v.layout.arrays.iter().zip(&v.shape.clone()) {
            let array = self.vable_array_of(obj, a.field_index);
            let descr = Descr::Array(a.array.clone());
            let d = &a.array;
            for i in w.lo..w.hi {
                let addr = item_addr(array.c as usize, d.base, d.item_size, i as i64);
                if a.leaves.is_empty() {
                    let index = TBox::constant(Kind::Int, i as u64);
                    // Safety: the frame's array is live.
                    let c = unsafe { load_bits(addr, d.item_size, d.signed, d.kind) };
                    v.boxes[at] =
                        self.getitem(array, index, descr.clone(), getitem_op(d.kind), c, true);
                    at += 1;
                    continue;
                }
                let item = self.derive(array, item_addr(0, d.base, d.item_size, i as i64));
                for l in &a.leaves {
                    let f = &l.descr;
                    // Safety: as above.
                    let c = unsafe { load_bits(addr + f.offset, f.size, f.signed, f.kind) };
                    v.boxes[at] = self.getfield(item, l.index, getfield_op(f.kind), c);
                    at += 1;
                }
            }
        }
        if let Some(s) = self.vable.as_mut() {
            s.boxes = v.boxes;
        }
    }

    /// `getarraysubstruct_vable`: the address of item `index` of the array of value
    /// enums `field` (items `array`), `c` now. On the standard virtualizable, an item of
    /// the window is a handle on its boxes (a box never recorded, which resume data
    /// turns back into the address); otherwise the address, derived from the array.
    pub(crate) fn vable_item_address(
        &mut self,
        obj: TBox,
        index: TBox,
        (field, array): (u16, u16),
        c: u64,
    ) -> Result<TBox, Abort> {
        if let Some(h) = self.vable_item(obj, index, field)? {
            let b = self.trace.new_box(Kind::Ref);
            if let Some(v) = self.vable.as_mut() {
                v.handles.insert(b, h);
                return Ok(TBox {
                    v: Value::Box(b),
                    c,
                });
            }
        }
        let a = self.vable_array_of(obj, field);
        let (base, item_size) = match &self.jit.codes.descrs[array as usize] {
            crate::jitcode::Descr::Array(d) => (d.base, d.item_size),
            _ => (0, 0),
        };
        if index.v.is_const() {
            return Ok(self.derive(a, item_addr(0, base, item_size, index.c as i64)));
        }
        let zero = TBox::constant(Kind::Int, 0);
        let offset = self.item_address(zero, index, base, item_size);
        let a = self.forced(a);
        let v = self.call(super::descrs::Helper::RefAdd, vec![offset.v, a.v]);
        Ok(TBox { v, c })
    }

    /// The item a handle stands for, if `item` is one.
    fn vable_handle(&self, item: TBox) -> Option<Handle> {
        let Value::Box(b) = item.v else { return None };
        self.vable.as_ref()?.handles.get(&b).copied()
    }

    /// The position among the vable values of leaf `index` of the item `h`.
    fn vable_leaf_at(&self, h: Handle, index: u16) -> Option<usize> {
        let v = self.vable.as_ref()?;
        let n = v.layout.arrays[h.array]
            .leaves
            .iter()
            .position(|l| l.index == index)?;
        Some(h.at + n)
    }

    /// `getinterior_vable_*`: leaf `index` of the item at `item`, whose current value is
    /// `c`: its box, through a handle; a plain read otherwise.
    pub(crate) fn vable_getleaf(&mut self, item: TBox, index: u16, kind: Kind, c: u64) -> TBox {
        if let Some(at) = self
            .vable_handle(item)
            .and_then(|h| self.vable_leaf_at(h, index))
        {
            if let Some(v) = self.vable.as_ref() {
                return v.boxes[at];
            }
        }
        self.getfield(item, index, getfield_op(kind), c)
    }

    /// `setinterior_vable_*` (memory is written by the caller).
    pub(crate) fn vable_setleaf(&mut self, item: TBox, index: u16, value: TBox) {
        if let Some(at) = self
            .vable_handle(item)
            .and_then(|h| self.vable_leaf_at(h, index))
        {
            if let Some(v) = self.vable.as_mut() {
                v.boxes[at] = value;
                return;
            }
        }
        self.setfield(item, index, value);
    }

    /// In a bridge's frames: each register resume data holds an item handle in
    /// (`Tagged::VableItem`) gets a handle of this tracer.
    pub(crate) fn vable_bind_handles(&mut self, resume: &super::resume::ResumeData) {
        let Some(v) = self.vable.as_ref() else { return };
        let mut bound = Vec::new();
        for (d, f) in resume.frames.iter().enumerate() {
            for &(r, t) in &f.regs[1] {
                let Tagged::VableItem(array, index) = t else {
                    continue;
                };
                let (array, index) = (array as usize, index as usize);
                let Some(a) = v.layout.arrays.get(array) else {
                    continue;
                };
                let Some(w) = v.shape.get(array) else {
                    continue;
                };
                let mut start = v.layout.scalars.len();
                for (b, wb) in v.layout.arrays.iter().zip(&v.shape).take(array) {
                    start += wb.kept() * b.per_item();
                }
                let at = start + (index - w.lo) * a.per_item();
                bound.push((d, r, Handle { array, index, at }));
            }
        }
        for (d, r, h) in bound {
            let b = self.trace.new_box(Kind::Ref);
            if let Some(v) = self.vable.as_mut() {
                v.handles.insert(b, h);
            }
            if let Some(f) = self.frames.get_mut(d) {
                let c = f.regs[1][r as usize].c;
                f.regs[1][r as usize] = TBox {
                    v: Value::Box(b),
                    c,
                };
            }
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

// ---- forcing (RPython's vable token) ----

/// A call site of compiled code that may force its frame: what a force needs to write
/// the values the call passes into the frame.
pub struct ForceSite {
    pub layout: Rc<VableLayout>,
    pub shape: Shape,
}

/// A call running that may force its caller's frame: the frame, and where the values
/// are (the arrays the call passes, per kind; none while tracing, when the frame in
/// memory is right).
struct Forceable {
    frame: usize,
    site: *const ForceSite,
    ints: *const i64,
    refs: *const usize,
    floats: *const f64,
    forced: bool,
}

thread_local! {
    /// The calls running on this thread that may force their caller's frame,
    /// innermost last.
    static FORCEABLE: std::cell::RefCell<Vec<Forceable>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Pops the innermost forceable call when dropped (also when the callee unwinds);
/// [`Popped::forced`] says whether it was forced.
struct Popped;

impl Popped {
    fn forced(self) -> bool {
        let forced = FORCEABLE.with(|f| f.borrow_mut().pop().is_some_and(|e| e.forced));
        std::mem::forget(self);
        forced
    }
}

impl Drop for Popped {
    fn drop(&mut self) {
        FORCEABLE.with(|f| f.borrow_mut().pop());
    }
}

fn push(entry: Forceable) -> Popped {
    FORCEABLE.with(|f| f.borrow_mut().push(entry));
    Popped
}

/// Brings the frame at `frame` (a `Gc<Frame>` virtualizable's object) up to date if
/// compiled code running a call keeps its values in registers: writes them into it,
/// and makes the call's `guard_not_forced` fail, so that compiled code goes on in the
/// interpreter from the frame in memory. Natively, and for any other object, nothing.
pub fn force(frame: usize) {
    FORCEABLE.with(|f| {
        let mut f = f.borrow_mut();
        // Outermost first: an inner call's values are the newer ones.
        for e in f.iter_mut().filter(|e| e.frame == frame && !e.forced) {
            e.forced = true;
            if e.site.is_null() {
                continue;
            }
            // Safety: the site lives as long as the JIT, the arrays as long as the call
            // (this is inside it), and they hold the values of the site's layout.
            unsafe {
                let site = &*e.site;
                let mut cursor = [0usize; 3];
                let bits: Vec<u64> = site
                    .layout
                    .kinds(&site.shape)
                    .into_iter()
                    .map(|k| {
                        let at = cursor[k as usize];
                        cursor[k as usize] += 1;
                        match k {
                            Kind::Int => *e.ints.add(at) as u64,
                            Kind::Ref => *e.refs.add(at) as u64,
                            Kind::Float => (*e.floats.add(at)).to_bits(),
                        }
                    })
                    .collect();
                write(&site.layout, frame, &site.shape, &bits);
            }
        }
    });
}

/// The shim compiled code calls for a `call_may_force` (the shim convention): the
/// callee's shim, the site, the callee's argument counts per kind, its ints, then the
/// values' ints; the callee's refs, the frame, the values' refs; the callee's floats,
/// the values' floats. Runs the callee with the frame forceable, then says whether it
/// was forced (`guard_not_forced`).
///
/// # Safety
/// The arrays are laid out as above; the site is one of the JIT's.
pub(crate) unsafe extern "C-unwind" fn vable_call(
    ints: *const i64,
    refs: *const usize,
    floats: *const f64,
    result: *mut u64,
) {
    let shim: crate::jitcode::Shim =
        std::mem::transmute::<usize, crate::jitcode::Shim>(*ints as usize);
    let site = *ints.add(1) as usize as *const ForceSite;
    let (ni, nr, nf) = (
        *ints.add(2) as usize,
        *ints.add(3) as usize,
        *ints.add(4) as usize,
    );
    let args = ints.add(5);
    let popped = push(Forceable {
        frame: *refs.add(nr),
        site,
        ints: args.add(ni),
        refs: refs.add(nr + 1),
        floats: floats.add(nf),
        forced: false,
    });
    shim(args, refs, floats, result);
    jitsupport_trace::backend::set_forced(popped.forced());
}

impl Tracer<'_> {
    /// Whether a residual call with `effect` goes through `call_may_force` (a GC frame
    /// that is the standard virtualizable, and a call that is not elidable).
    pub(crate) fn vable_may_force(&self, effect: &jitsupport_trace::descr::EffectInfo) -> bool {
        !effect.elidable && self.vable.as_ref().is_some_and(|v| v.layout.payload != 0)
    }

    /// Runs `call` (the native call a residual call makes while tracing) with the frame
    /// forceable; whether the callee forced it (memory is right while tracing: nothing
    /// is written).
    pub(crate) fn vable_call_traced(&self, call: impl FnOnce()) -> bool {
        let frame = self.vable.as_ref().map_or(0, |v| v.obj.c as usize);
        let popped = push(Forceable {
            frame,
            site: std::ptr::null(),
            ints: std::ptr::null(),
            refs: std::ptr::null(),
            floats: std::ptr::null(),
            forced: false,
        });
        call();
        popped.forced()
    }

    /// The arguments of `call_may_force` of the shim `shim` with `args` (trace values
    /// per kind): [`vable_call`]'s, with a new site for the trace's layout and shape.
    pub(crate) fn vable_call_args(&mut self, shim: usize, args: &[Vec<Value>; 3]) -> Vec<Value> {
        let Some(v) = self.vable.clone() else {
            return Vec::new();
        };
        let site = Box::new(ForceSite {
            layout: v.layout.clone(),
            shape: v.shape.clone(),
        });
        let site_addr = &*site as *const ForceSite as usize;
        self.jit.force_sites.push(site);
        let mut per_kind: [Vec<Value>; 3] = [
            vec![
                Value::ConstInt(shim as i64),
                Value::ConstInt(site_addr as i64),
                Value::ConstInt(args[0].len() as i64),
                Value::ConstInt(args[1].len() as i64),
                Value::ConstInt(args[2].len() as i64),
            ],
            Vec::new(),
            Vec::new(),
        ];
        per_kind[0].extend(&args[0]);
        per_kind[1].extend(&args[1]);
        per_kind[1].push(v.obj.v);
        per_kind[2].extend(&args[2]);
        for b in &v.boxes {
            per_kind[b.v.kind() as usize].push(b.v);
        }
        let mut values = vec![Value::ConstInt(vable_call as *const () as usize as i64)];
        values.extend(per_kind.into_iter().flatten());
        values
    }
}
