//! The object layout the collector and JIT code agree on: the header word, the sizes
//! of granules, lines and blocks, and [`TypeInfo`], the precise description of a type's
//! references, registered once per type and named by a [`TypeId`].
//!
//! An object starts with one header word: the type id in the high 32 bits, GC flags in
//! the low byte. A new object's header is exactly `type_id << 32` (no flag set), which
//! is what inline allocation in JIT code writes. The payload follows at
//! [`HEADER_SIZE`]. Object sizes are multiples of a granule (8 bytes).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;

/// Bytes of the header word in front of every object.
pub const HEADER_SIZE: usize = 8;
/// Where the type id sits in the header word (`header >> TYPE_ID_SHIFT`).
pub const TYPE_ID_SHIFT: u32 = 32;
/// The header flag of an object that survived a collection (the sticky mark bit).
pub const FLAG_OLD: u64 = 1 << 0;
/// The header flag of an object whose identity hash was taken (see `Gc::identity_hash`).
pub const FLAG_HASHED: u64 = 1 << 1;

/// log2 of the granule: objects start and end on 8-byte boundaries.
pub const LOG_GRANULE: u32 = 3;
/// The granule in bytes.
pub const GRANULE: usize = 1 << LOG_GRANULE;
/// log2 of the line, the unit in which free space is found and writes are remembered.
pub const LOG_LINE: u32 = 8;
/// The line in bytes.
pub const LINE: usize = 1 << LOG_LINE;
/// log2 of the block, the unit in which the heap grows and is handed to the allocator.
pub const LOG_BLOCK: u32 = 15;
/// The block in bytes.
pub const BLOCK: usize = 1 << LOG_BLOCK;
/// Lines in a block.
pub const LINES_PER_BLOCK: usize = BLOCK / LINE;
/// Objects larger than this are large: a run of whole blocks each.
pub const MAX_MEDIUM: usize = 8 << 10;

const _: () = assert!(LINE.is_multiple_of(GRANULE) && BLOCK.is_multiple_of(LINE));
const _: () = assert!(MAX_MEDIUM < BLOCK && HEADER_SIZE == GRANULE);

/// The size in bytes of a GC object whose payload is a `T`: header plus payload,
/// rounded up to a granule.
pub const fn object_size_of<T>() -> u32 {
    let n = HEADER_SIZE + std::mem::size_of::<T>();
    ((n + GRANULE - 1) & !(GRANULE - 1)) as u32
}

/// The name of a registered type: an index into the process's table of [`TypeInfo`]s,
/// never 0 (a zero header is no object). JIT code compares it as `guard_class` does.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
#[repr(transparent)]
pub struct TypeId(pub u32);

impl TypeId {
    /// The header word of a new object of this type.
    pub const fn header(self) -> u64 {
        (self.0 as u64) << TYPE_ID_SHIFT
    }
}

/// The variable part of an array type: `length` items of `item_size` bytes each,
/// starting at `items_offset`, with the length a `usize` at `length_offset`.
#[derive(Debug)]
pub struct VarPart {
    /// Offset from the object start of the `usize` length.
    pub length_offset: u32,
    /// Offset from the object start of item 0.
    pub items_offset: u32,
    /// Bytes per item (its Rust size, a multiple of its alignment).
    pub item_size: u32,
    /// Offsets within an item of words that are null or a reference.
    pub item_refs: &'static [u32],
    /// Offsets within an item of words that may be a reference (checked first).
    pub item_maybe_refs: &'static [u32],
}

/// How the collector sees a type: its size and where its references are.
///
/// Offsets count from the object start (the header is at offset 0). `refs` are words
/// that always hold null or the start of a live object (`Gc`, `Option<Gc>`, `GcArray`,
/// the same in a `GcCell`): they are traced without checks. `maybe_refs` are words that
/// may hold a reference or anything else (the payload of an enum such as
/// `Value::Int(i64) | Value::Obj(Gc<Object>)`): they are followed only when they point
/// into an object, as conservative roots are. Both lists are sorted by the constructor
/// checks.
///
/// Generated code declares one `static` per type and gets its id with
/// [`TypeInfo::id`], which registers it on first use:
/// ```
/// use jitsupport_gc::{TypeInfo, HEADER_SIZE};
/// static PAIR: TypeInfo = TypeInfo::fixed("Pair", 24, &[8, 16], &[]);
/// let id = PAIR.id();
/// assert_eq!(jitsupport_gc::type_info(id).map(|t| t.name), Some("Pair"));
/// # let _ = HEADER_SIZE;
/// ```
#[derive(Debug)]
pub struct TypeInfo {
    /// The type's name, for logs and errors.
    pub name: &'static str,
    /// The fixed size in bytes, header included (for an array: up to its items).
    pub size: u32,
    /// Offsets of words that are null or a reference.
    pub refs: &'static [u32],
    /// Offsets of words that may hold a reference.
    pub maybe_refs: &'static [u32],
    /// The variable part of an array type.
    pub var: Option<VarPart>,
    /// The classes of this type's hierarchy in preorder (a class, then its subclasses'
    /// subtrees), when it has one: registering one of them registers them all at once,
    /// so that the ids of a class's subclasses follow its own.
    pub hierarchy: Option<&'static [&'static TypeInfo]>,
    /// How many classes of the hierarchy are this one's subclasses (direct or not):
    /// its instances have the ids `id..=id + descendants` ([`is_subclass`]).
    pub descendants: u32,
    id: AtomicU32,
}

impl TypeInfo {
    /// A fixed-size type of `size` bytes (header included, a multiple of 8).
    pub const fn fixed(
        name: &'static str,
        size: u32,
        refs: &'static [u32],
        maybe_refs: &'static [u32],
    ) -> TypeInfo {
        TypeInfo {
            name,
            size,
            refs,
            maybe_refs,
            var: None,
            hierarchy: None,
            descendants: 0,
            id: AtomicU32::new(0),
        }
    }

    /// This type as a class of the single-inheritance `hierarchy` (every class of it
    /// in preorder, this one included) with `descendants` subclasses, which come right
    /// after it in `hierarchy`.
    pub const fn in_hierarchy(
        self,
        hierarchy: &'static [&'static TypeInfo],
        descendants: u32,
    ) -> TypeInfo {
        let mut t = self;
        t.hierarchy = Some(hierarchy);
        t.descendants = descendants;
        t
    }

    /// An array type: a fixed part of `size` bytes (header and length included) with
    /// its own references, then the items of `var`.
    pub const fn array(
        name: &'static str,
        size: u32,
        refs: &'static [u32],
        maybe_refs: &'static [u32],
        var: VarPart,
    ) -> TypeInfo {
        TypeInfo {
            name,
            size,
            refs,
            maybe_refs,
            var: Some(var),
            hierarchy: None,
            descendants: 0,
            id: AtomicU32::new(0),
        }
    }

    /// The type's id, registering it on the first call.
    ///
    /// # Panics
    /// When the description is inconsistent (a reference offset outside the object or
    /// not word-aligned, a size not a multiple of 8, items that overlap the fixed part):
    /// that is a bug in the code that declared it, and the message names the type.
    #[inline]
    pub fn id(&'static self) -> TypeId {
        let id = self.id.load(Ordering::Acquire);
        if id != 0 {
            return TypeId(id);
        }
        register(self)
    }

    /// The size in bytes of the object of this type at `obj`, rounded up to a granule.
    ///
    /// # Safety
    /// `obj` is an object of this type whose length (for an array) is written.
    #[inline]
    pub unsafe fn object_size(&self, obj: usize) -> usize {
        match &self.var {
            None => self.size as usize,
            Some(v) => {
                // SAFETY: the caller says `obj` is such an object.
                let len = unsafe { *((obj + v.length_offset as usize) as *const usize) };
                array_size(v.items_offset as usize, v.item_size as usize, len)
            }
        }
    }

    fn check(&self) -> Result<(), String> {
        let size = self.size as usize;
        if size < HEADER_SIZE || !size.is_multiple_of(GRANULE) {
            return Err(format!("size {size} is not a multiple of 8 of at least 8"));
        }
        for &off in self.refs.iter().chain(self.maybe_refs) {
            let off = off as usize;
            if off < HEADER_SIZE || !off.is_multiple_of(8) || off + 8 > size {
                return Err(format!(
                    "reference offset {off} is not an aligned word inside the object"
                ));
            }
        }
        if let Some(v) = &self.var {
            let (len, items, item) = (
                v.length_offset as usize,
                v.items_offset as usize,
                v.item_size as usize,
            );
            if len < HEADER_SIZE || !len.is_multiple_of(8) || len + 8 > size {
                return Err(format!(
                    "length offset {len} is not a word of the fixed part"
                ));
            }
            if items < size || item == 0 {
                return Err(format!(
                    "items at {items} of {item} bytes overlap the fixed part or are empty"
                ));
            }
            for &off in v.item_refs.iter().chain(v.item_maybe_refs) {
                let off = off as usize;
                if !(items + off).is_multiple_of(8) || off + 8 > item {
                    return Err(format!(
                        "item reference offset {off} is not an aligned word inside the item"
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The size of an array object with `len` items, rounded up to a granule, or
/// `usize::MAX` when it overflows.
#[inline]
pub const fn array_size(items_offset: usize, item_size: usize, len: usize) -> usize {
    match item_size.checked_mul(len) {
        Some(n) => match n.checked_add(items_offset + GRANULE - 1) {
            Some(m) => m & !(GRANULE - 1),
            None => usize::MAX,
        },
        None => usize::MAX,
    }
}

/// The process's table of registered types; index `i` is `TypeId(i + 1)`.
static REGISTRY: Mutex<Vec<&'static TypeInfo>> = Mutex::new(Vec::new());

#[cold]
fn register(info: &'static TypeInfo) -> TypeId {
    let mut table = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    let id = info.id.load(Ordering::Acquire);
    if id != 0 {
        return TypeId(id);
    }
    let group: &[&'static TypeInfo] = match info.hierarchy {
        Some(h) => h,
        None => std::slice::from_ref(&info),
    };
    for t in group {
        if let Err(e) = t.check() {
            panic!(
                "jitsupport-gc: the TypeInfo of `{}` is inconsistent: {e}; fix its declaration",
                t.name
            );
        }
    }
    // A hierarchy's classes get consecutive ids in its preorder (none of them was
    // registered before: registering any registers all).
    for t in group {
        table.push(t);
        let id = u32::try_from(table.len()).expect("fewer than 2^32 GC types");
        t.id.store(id, Ordering::Release);
    }
    TypeId(info.id.load(Ordering::Acquire))
}

/// Whether an object of class `actual` is an instance of class `base`: the same class,
/// or one of its subclasses, whose ids follow `base`'s (one unsigned compare).
#[inline]
pub fn is_subclass(actual: TypeId, base: &'static TypeInfo) -> bool {
    let b = base.id();
    actual.0.wrapping_sub(b.0) <= base.descendants
}

/// [`is_subclass`] for two ids (the JIT's runtime, which has ids only), looked up
/// without a lock in the thread's heap's table of types.
pub fn is_subclass_id(actual: u32, base: u32) -> bool {
    if actual == base {
        return true;
    }
    let descendants = crate::with_heap(|h| {
        if base as usize >= h.types.len() {
            refresh(&mut h.types);
        }
        h.types.get(base as usize).map_or(0, |t| t.descendants)
    });
    base != 0 && actual.wrapping_sub(base) <= descendants
}

/// The registered type of `id`, if there is one.
pub fn type_info(id: TypeId) -> Option<&'static TypeInfo> {
    let table = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    (id.0 as usize)
        .checked_sub(1)
        .and_then(|i| table.get(i).copied())
}

/// Appends the types registered since `table` was last brought up to date. Index `i`
/// of `table` is `TypeId(i)`; index 0 holds a placeholder.
pub(crate) fn refresh(table: &mut Vec<&'static TypeInfo>) {
    static NONE: TypeInfo = TypeInfo::fixed("<no type>", 8, &[], &[]);
    if table.is_empty() {
        table.push(&NONE);
    }
    let reg = REGISTRY.lock().unwrap_or_else(|e| e.into_inner());
    if reg.len() + 1 > table.len() {
        let have = table.len() - 1;
        table.extend_from_slice(&reg[have..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_start_at_one() {
        static A: TypeInfo = TypeInfo::fixed("A", 16, &[8], &[]);
        let a = A.id();
        assert_ne!(a.0, 0);
        assert_eq!(A.id(), a);
        assert_eq!(type_info(a).map(|t| t.name), Some("A"));
        assert_eq!(a.header() >> TYPE_ID_SHIFT, a.0 as u64);
        let mut table = Vec::new();
        refresh(&mut table);
        assert_eq!(table[a.0 as usize].name, "A");
    }

    #[test]
    fn a_hierarchy_gets_its_ids_in_preorder() {
        // Object > (Int, Seq > (List, Str)), in preorder: Object, Int, Seq, List, Str.
        static H: [&TypeInfo; 5] = [&OBJECT, &INT, &SEQ, &LIST, &STR];
        static OBJECT: TypeInfo = TypeInfo::fixed("Object", 16, &[], &[]).in_hierarchy(&H, 4);
        static INT: TypeInfo = TypeInfo::fixed("Int", 16, &[], &[]).in_hierarchy(&H, 0);
        static SEQ: TypeInfo = TypeInfo::fixed("Seq", 16, &[], &[]).in_hierarchy(&H, 2);
        static LIST: TypeInfo = TypeInfo::fixed("List", 16, &[], &[]).in_hierarchy(&H, 0);
        static STR: TypeInfo = TypeInfo::fixed("Str", 16, &[], &[]).in_hierarchy(&H, 0);
        // Registering a leaf registers the whole hierarchy.
        let list = LIST.id();
        let object = OBJECT.id();
        assert_eq!(list.0, object.0 + 3);
        assert_eq!(STR.id().0, object.0 + 4);
        assert!(is_subclass(LIST.id(), &SEQ));
        assert!(is_subclass(STR.id(), &OBJECT));
        assert!(!is_subclass(INT.id(), &SEQ));
        assert!(!is_subclass(SEQ.id(), &LIST));
        assert!(is_subclass_id(STR.id().0, SEQ.id().0));
        assert!(!is_subclass_id(OBJECT.id().0, INT.id().0));
    }

    #[test]
    #[should_panic(expected = "`Bad` is inconsistent: reference offset 16")]
    fn a_reference_outside_the_object_is_refused() {
        static BAD: TypeInfo = TypeInfo::fixed("Bad", 16, &[16], &[]);
        BAD.id();
    }

    #[test]
    fn array_sizes_round_up_and_saturate() {
        assert_eq!(array_size(16, 1, 3), 24);
        assert_eq!(array_size(16, 8, 0), 16);
        assert_eq!(array_size(16, 8, usize::MAX), usize::MAX);
        static ARR: TypeInfo = TypeInfo::array(
            "Arr",
            16,
            &[],
            &[],
            VarPart {
                length_offset: 8,
                items_offset: 16,
                item_size: 4,
                item_refs: &[],
                item_maybe_refs: &[],
            },
        );
        ARR.id();
        let obj = [0u64, 5, 0, 0, 0];
        // SAFETY: `obj` has a length word at offset 8.
        assert_eq!(unsafe { ARR.object_size(obj.as_ptr() as usize) }, 40);
    }
}
