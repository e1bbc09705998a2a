//! Roots: the mutator thread's stack and registers, scanned conservatively, and the
//! references the runtime holds in Rust memory (root ranges, root callbacks, root
//! slots behind [`GcRoot`](crate::GcRoot), and buffers such as a `List`'s items).
//!
//! The stack is scanned from the current stack pointer up to the top of the thread's
//! stack (from `pthread_getattr_np`, read when the heap is created), after the
//! callee-saved registers are spilled into the scanning frame: every reference a
//! caller keeps in a register is then in memory below the top. Caller-saved registers
//! need nothing: collections happen only inside calls (allocation, `collect`), so the
//! ABI already saved them in the callers' frames.

use crate::heap::Heap;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Mutex;

/// Root ranges, callbacks and slots registered with a heap.
#[derive(Default)]
pub(crate) struct Roots {
    pub(crate) ranges: Vec<Option<(usize, usize)>>,
    /// Indices of `ranges` removed, for reuse.
    pub(crate) free_ranges: Vec<usize>,
    /// The stack of root ranges (`push_root_range`, `pop_root_range`): the frames of
    /// running JIT code, nested as its calls are.
    pub(crate) frames: Vec<(usize, usize)>,
    pub(crate) callbacks: Vec<Option<RootCallback>>,
    pub(crate) slots: Vec<usize>,
    pub(crate) free_slots: Vec<u32>,
}

/// A function that reports the references held in Rust memory at each collection.
pub type RootCallback = Box<dyn FnMut(&mut RootVisitor<'_>)>;

/// What a root callback reports words to.
pub struct RootVisitor<'a> {
    pub(crate) heap: &'a mut Heap,
}

impl RootVisitor<'_> {
    /// Reports a word that may be a reference (null and non-references are ignored;
    /// a pointer into an object keeps the object alive).
    pub fn visit(&mut self, word: usize) {
        self.heap.mark_word(word);
    }

    /// Reports every aligned word of `[start, start + words)`.
    ///
    /// # Safety
    /// The range is readable.
    pub unsafe fn visit_range(&mut self, start: *const usize, words: usize) {
        let lo = start as usize;
        self.heap.mark_range(lo, lo + words * 8);
    }
}

/// The bounds `(lowest, top)` of the calling thread's stack.
pub(crate) fn stack_bounds() -> (usize, usize) {
    // SAFETY: `attr` is initialised by pthread_getattr_np before it is read and
    // destroyed once.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) == 0 {
            let mut addr: *mut libc::c_void = std::ptr::null_mut();
            let mut size: libc::size_t = 0;
            let rc = libc::pthread_attr_getstack(&attr, &mut addr, &mut size);
            libc::pthread_attr_destroy(&mut attr);
            if rc == 0 && !addr.is_null() {
                return (addr as usize, addr as usize + size);
            }
        }
    }
    crate::fatal("cannot find the bounds of this thread's stack (pthread_getattr_np failed)")
}

/// Spills the callee-saved registers into this frame and calls `f` with the range of
/// the stack from here to the top of `bounds`.
#[inline(never)]
pub(crate) fn scan_stack(bounds: (usize, usize), f: &mut dyn FnMut(usize, usize)) {
    let (lowest, top) = bounds;
    let mut regs = [0usize; 12];
    let sp: usize;
    // SAFETY: the assembly stores registers into `regs` and reads the stack pointer.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::asm!(
            "mov [{r}], rbx",
            "mov [{r} + 8], rbp",
            "mov [{r} + 16], r12",
            "mov [{r} + 24], r13",
            "mov [{r} + 32], r14",
            "mov [{r} + 40], r15",
            "mov {sp}, rsp",
            r = in(reg) regs.as_mut_ptr(),
            sp = out(reg) sp,
            options(nostack, preserves_flags),
        );
    }
    // SAFETY: as above.
    #[cfg(target_arch = "aarch64")]
    unsafe {
        std::arch::asm!(
            "stp x19, x20, [{r}]",
            "stp x21, x22, [{r}, #16]",
            "stp x23, x24, [{r}, #32]",
            "stp x25, x26, [{r}, #48]",
            "stp x27, x28, [{r}, #64]",
            "str x29, [{r}, #80]",
            "mov {sp}, sp",
            r = in(reg) regs.as_mut_ptr(),
            sp = out(reg) sp,
            options(nostack, preserves_flags),
        );
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    compile_error!("jitsupport-gc scans the stack on x86-64 and aarch64 only");
    if sp > top || sp < lowest {
        crate::fatal(
            "a collection ran on a stack other than the thread's own (a coroutine, or a \
             stack grown by `stacker`?): the collector scans only the stack of the thread \
             that created the heap; register other stacks with add_root_range",
        );
    }
    let regs_addr = regs.as_ptr() as usize;
    // The registers are scanned explicitly too, in case the array lies below `sp`.
    f(regs_addr, regs_addr + std::mem::size_of_val(&regs));
    f(sp, top);
    std::hint::black_box(&regs);
}

/// `VG_USERREQ__MAKE_MEM_DEFINED` of memcheck's client requests.
#[cfg(target_arch = "x86_64")]
const MAKE_MEM_DEFINED: usize = 0x4d43_0002;

/// `w`, which memcheck will consider initialised: the stack scan reads words nobody
/// wrote (padding, dead slots), and without this valgrind's memcheck reports every
/// decision the collector takes on them. Outside valgrind the client request is a few
/// rotations that leave every register as it was.
#[inline(always)]
pub(crate) fn defined(w: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        let mut slot = w;
        let args: [usize; 6] = [
            MAKE_MEM_DEFINED,
            &mut slot as *mut usize as usize,
            8,
            0,
            0,
            0,
        ];
        // SAFETY: valgrind's client request sequence: rdi is rotated by 128 bits in
        // all (unchanged), `xchg rbx, rbx` changes nothing, rdx receives the result
        // (the default 0 outside valgrind), and memory is only read (`args`) or
        // described (`slot`) by valgrind.
        unsafe {
            std::arch::asm!(
                "rol rdi, 3",
                "rol rdi, 13",
                "rol rdi, 61",
                "rol rdi, 51",
                "xchg rbx, rbx",
                inout("rdx") 0usize => _,
                in("rax") args.as_ptr(),
                out("rdi") _,
                options(nostack),
            );
            std::ptr::read_volatile(&slot)
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    w
}

// ---- Buffers ----

/// A hasher for buffer addresses (8-aligned, distinct): one multiplication.
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 >> 3).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A registered buffer: its end and the thread that registered it.
type BufferMap = HashMap<usize, (usize, usize), BuildHasherDefault<AddrHasher>>;

/// The buffers registered by every thread, by start address. One table for the
/// process, so that a buffer registered by one thread and freed by another (a `List`
/// of a `Send` item type moved across threads) is unregistered wherever it is freed;
/// a collection scans only its own thread's buffers, holding the lock, so that no
/// buffer is freed while it is read.
static BUFFERS: Mutex<Option<BufferMap>> = Mutex::new(None);

thread_local! {
    /// Its address names the calling thread in [`BUFFERS`].
    static THREAD_TOKEN: u8 = const { 0 };
}

fn thread_token() -> usize {
    THREAD_TOKEN.with(|t| t as *const u8 as usize)
}

fn buffers() -> std::sync::MutexGuard<'static, Option<BufferMap>> {
    BUFFERS.lock().unwrap_or_else(|e| e.into_inner())
}

/// Registers the buffer `[start, start + bytes)` of the calling thread as a root: at
/// each collection of the thread's heap its aligned words are scanned conservatively,
/// until [`remove_buffer_root`] is called with `start` (by any thread). Unlike
/// [`add_root_range`](crate::add_root_range) it needs no heap (none is created): a
/// `List` registers its items this way whenever it allocates them, before or after the
/// thread's heap exists. Registering `start` again replaces its size.
///
/// # Safety
/// The buffer stays allocated and readable until it is removed.
pub unsafe fn add_buffer_root(start: *const u8, bytes: usize) {
    if bytes == 0 {
        return;
    }
    let lo = start as usize;
    buffers()
        .get_or_insert_with(BufferMap::default)
        .insert(lo, (lo + bytes, thread_token()));
}

/// Unregisters the buffer at `start` (nothing if it is not registered).
pub fn remove_buffer_root(start: *const u8) {
    if let Some(map) = buffers().as_mut() {
        map.remove(&(start as usize));
    }
}

/// Calls `f` with each buffer the calling thread registered, holding the table's lock.
pub(crate) fn scan_buffers(f: &mut dyn FnMut(usize, usize)) {
    let me = thread_token();
    if let Some(map) = buffers().as_ref() {
        for (&lo, &(hi, thread)) in map {
            if thread == me {
                f(lo, hi);
            }
        }
    }
}
