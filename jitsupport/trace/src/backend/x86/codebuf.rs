//! Executable memory with W^X discipline.
//!
//! A [`CodeBuf`] is a private anonymous mapping: it is mapped read-write, the machine
//! code is copied in, and it is then protected read-execute. Patching (a guard's stub
//! jump, when a bridge is attached) re-maps the pages read-write for the write and back to
//! read-execute. The mapping is unmapped when the buffer is dropped (the loop is freed).

use std::io;

/// A page-aligned region of executable code.
pub struct CodeBuf {
    ptr: *mut u8,
    len: usize,
    mapped: usize,
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 {
        size as usize
    } else {
        4096
    }
}

impl CodeBuf {
    /// Maps a region, copies `code` in, adds the region's address to the 8-byte words at
    /// the offsets `relocs` (addresses inside the code, assembled at address 0) and makes
    /// it executable.
    pub fn new(code: &[u8], relocs: &[usize]) -> io::Result<CodeBuf> {
        let page = page_size();
        let mapped = code.len().max(1).div_ceil(page) * page;
        // SAFETY: an anonymous private mapping with no address hint.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        let buf = CodeBuf {
            ptr: ptr.cast(),
            len: code.len(),
            mapped,
        };
        // SAFETY: the mapping is writable and at least `code.len()` bytes long.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), buf.ptr, code.len()) };
        for &offset in relocs {
            assert!(offset + 8 <= code.len(), "relocation outside the code");
            // SAFETY: in bounds (checked above) and still writable.
            unsafe {
                let p = buf.ptr.add(offset).cast::<u64>();
                p.write_unaligned(p.read_unaligned().wrapping_add(buf.ptr as u64));
            }
        }
        buf.protect(libc::PROT_READ | libc::PROT_EXEC)?;
        Ok(buf)
    }

    fn protect(&self, prot: libc::c_int) -> io::Result<()> {
        // SAFETY: the range is exactly our mapping.
        if unsafe { libc::mprotect(self.ptr.cast(), self.mapped, prot) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    /// The address of the first byte.
    pub fn addr(&self) -> usize {
        self.ptr as usize
    }

    /// The code's length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the buffer holds no code.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The code bytes.
    pub fn bytes(&self) -> &[u8] {
        // SAFETY: the mapping is readable and `len` bytes were written.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// Overwrites the 8 bytes at `offset` with `value`, re-mapping the pages writable for
    /// the write.
    ///
    /// # Panics
    /// If `offset + 8` is past the code, or the kernel refuses the protection change.
    pub fn patch_u64(&self, offset: usize, value: u64) {
        assert!(offset + 8 <= self.len, "patch outside the code buffer");
        self.protect(libc::PROT_READ | libc::PROT_WRITE)
            .unwrap_or_else(|e| panic!("mprotect(RW) of JIT code failed: {e}"));
        // SAFETY: in bounds (checked above) and writable now; nothing executes this
        // code while the backend is borrowed mutably.
        unsafe { self.ptr.add(offset).cast::<u64>().write_unaligned(value) };
        self.protect(libc::PROT_READ | libc::PROT_EXEC)
            .unwrap_or_else(|e| panic!("mprotect(RX) of JIT code failed: {e}"));
    }
}

impl Drop for CodeBuf {
    fn drop(&mut self) {
        // SAFETY: our own mapping, unmapped once.
        unsafe { libc::munmap(self.ptr.cast(), self.mapped) };
    }
}
