//! [`JitCode`]: one function's bytecode with its constant pools, liveness and switch tables.

use std::borrow::Cow;
use std::fmt;

/// The three kinds of values (DESIGN decision 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// All integers, bool, char, raw addresses: an `i64`.
    Int,
    /// A reference: an address, a `usize`.
    Ref,
    /// An `f64`.
    Float,
}

impl Kind {
    /// All kinds, in register-bank order.
    pub const ALL: [Kind; 3] = [Kind::Int, Kind::Ref, Kind::Float];

    /// The letter of the kind in argcodes and register names (`i`, `r`, `f`).
    pub const fn letter(self) -> char {
        match self {
            Kind::Int => 'i',
            Kind::Ref => 'r',
            Kind::Float => 'f',
        }
    }

    /// The kind of an argcode letter.
    pub const fn from_letter(c: char) -> Option<Kind> {
        match c {
            'i' | 'I' => Some(Kind::Int),
            'r' | 'R' => Some(Kind::Ref),
            'f' | 'F' => Some(Kind::Float),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

/// A constant of kind ref.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RefConst {
    /// An address known when the jitcode is built (null is `Addr(0)`).
    Addr(usize),
    /// A static string, for panic messages. Its value in a register is the address of
    /// this `Cow<'static, str>` inside the constant pool.
    Str(Cow<'static, str>),
}

/// The registers live at one `-live-` point, per kind, in increasing order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Liveness {
    pub ints: Cow<'static, [u8]>,
    pub refs: Cow<'static, [u8]>,
    pub floats: Cow<'static, [u8]>,
}

impl Liveness {
    /// The live registers of a kind.
    pub fn of(&self, kind: Kind) -> &[u8] {
        match kind {
            Kind::Int => &self.ints,
            Kind::Ref => &self.refs,
            Kind::Float => &self.floats,
        }
    }
}

/// The table of a `switch`: for each case value, the code offset to jump to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct SwitchTable {
    pub cases: Cow<'static, [(i64, u16)]>,
}

impl SwitchTable {
    /// The target of `value`, if it has a case.
    pub fn target(&self, value: i64) -> Option<u16> {
        self.cases
            .iter()
            .find(|(v, _)| *v == value)
            .map(|(_, t)| *t)
    }
}

/// The jitcode of one function.
///
/// Arguments arrive in the first registers of each kind, in order (`%i0`, `%i1`, ...
/// for the int arguments, `%r0`, ... for the refs). In an operand byte, a value below
/// `num_regs` of its kind names a register and a value `num_regs + k` names constant `k`
/// of that kind's pool.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JitCode {
    pub name: Cow<'static, str>,
    pub code: Cow<'static, [u8]>,
    /// The number of registers per kind, indexed by `Kind as usize`.
    pub num_regs: [u16; 3],
    pub const_ints: Cow<'static, [i64]>,
    pub const_refs: Cow<'static, [RefConst]>,
    pub const_floats: Cow<'static, [f64]>,
    pub liveness: Cow<'static, [Liveness]>,
    pub switches: Cow<'static, [SwitchTable]>,
}

impl JitCode {
    /// An empty jitcode (a placeholder for a function declared but not yet assembled).
    pub fn empty(name: impl Into<Cow<'static, str>>) -> JitCode {
        JitCode {
            name: name.into(),
            ..JitCode::default()
        }
    }

    /// The number of registers of a kind.
    pub fn num_regs(&self, kind: Kind) -> usize {
        self.num_regs[kind as usize] as usize
    }

    /// The number of constants of a kind.
    pub fn num_consts(&self, kind: Kind) -> usize {
        match kind {
            Kind::Int => self.const_ints.len(),
            Kind::Ref => self.const_refs.len(),
            Kind::Float => self.const_floats.len(),
        }
    }

    /// The size of the jitcode in bytes: code plus constants (8 bytes each), liveness
    /// entries and switch tables, as a compactness measure.
    pub fn size(&self) -> usize {
        let consts = 8 * (self.const_ints.len() + self.const_refs.len() + self.const_floats.len());
        let live: usize = self
            .liveness
            .iter()
            .map(|l| 3 + l.ints.len() + l.refs.len() + l.floats.len())
            .sum();
        let switches: usize = self.switches.iter().map(|s| 10 * s.cases.len()).sum();
        self.code.len() + consts + live + switches
    }

    /// The liveness entry of the `-live-` instruction at byte offset `pc`, or `None` if no
    /// `-live-` starts there.
    pub fn liveness_at(&self, pc: usize) -> Option<&Liveness> {
        if self.code.get(pc).copied() != Some(super::Opcode::Live as u8) {
            return None;
        }
        let lo = *self.code.get(pc + 1)?;
        let hi = *self.code.get(pc + 2)?;
        self.liveness.get(u16::from_le_bytes([lo, hi]) as usize)
    }
}
