//! [`Assembler`]: builds one [`JitCode`] from instructions with symbolic operands.
//!
//! The codewriter (and the text parser) emit instructions in order with registers,
//! constants by value, labels and descr indices; [`Assembler::finish`] then
//!
//! 1. counts the registers of each kind (the highest used, or more if reserved),
//! 2. interns the constants of each kind in order of first use, numbered after the registers,
//! 3. checks the 256-value limit of each kind's index space,
//! 4. lays out the code and resolves the labels,
//! 5. encodes the instructions, the liveness table and the switch tables.

use super::{JitCode, Kind, Liveness, Opcode, RefConst, SwitchTable};
use std::borrow::Cow;
use std::fmt;

/// A position in the code, defined by [`Assembler::bind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label(u32);

/// A symbolic operand.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A register of a kind.
    Reg(Kind, u8),
    /// An int constant, for an `i` operand or list item.
    Int(i64),
    /// A ref constant.
    Ref(RefConst),
    /// A float constant.
    Float(f64),
    /// An `L` operand.
    Label(Label),
    /// A `d` operand: an index into the registry's descr table.
    Descr(u16),
    /// The `d` operand of `switch`: the cases.
    Switch(Vec<(i64, Label)>),
    /// An `I`, `R` or `F` operand.
    List(Vec<Arg>),
}

/// Why a jitcode could not be assembled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AsmError {
    /// A bug in the caller: operands that do not match the argcodes, an unbound label.
    Bug { jitcode: String, message: String },
    /// A limit of the format: more than 256 registers and constants of a kind, more than
    /// 64 KiB of code, too many liveness entries.
    Limit { jitcode: String, message: String },
}

impl fmt::Display for AsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AsmError::Bug { jitcode, message } => {
                write!(f, "internal error assembling `{jitcode}`: {message}")
            }
            AsmError::Limit { jitcode, message } => {
                write!(f, "function `{jitcode}` is too large for jitcode: {message}; split it into smaller functions")
            }
        }
    }
}

impl std::error::Error for AsmError {}

enum Item {
    Insn(Opcode, Vec<Arg>),
    Live([Vec<u8>; 3]),
    Bind(Label),
}

/// Builds one jitcode; see the module documentation.
pub struct Assembler {
    name: String,
    items: Vec<Item>,
    num_labels: u32,
    reserved: [u16; 3],
    bug: Option<String>,
}

impl Assembler {
    /// A new, empty jitcode named `name`.
    pub fn new(name: impl Into<String>) -> Assembler {
        Assembler {
            name: name.into(),
            items: Vec::new(),
            num_labels: 0,
            reserved: [0; 3],
            bug: None,
        }
    }

    /// Makes the jitcode have at least `n` registers of `kind` (for unused arguments).
    pub fn reserve_regs(&mut self, kind: Kind, n: u16) {
        let r = &mut self.reserved[kind as usize];
        *r = (*r).max(n);
    }

    /// A new label, to be bound once with [`Assembler::bind`].
    pub fn new_label(&mut self) -> Label {
        self.num_labels += 1;
        Label(self.num_labels - 1)
    }

    /// Defines `label` at the current position.
    pub fn bind(&mut self, label: Label) {
        self.items.push(Item::Bind(label));
    }

    /// Emits `-live-` with the registers live here, per kind.
    pub fn live(&mut self, ints: &[u8], refs: &[u8], floats: &[u8]) {
        let sorted = |regs: &[u8]| {
            let mut v = regs.to_vec();
            v.sort_unstable();
            v.dedup();
            v
        };
        self.items
            .push(Item::Live([sorted(ints), sorted(refs), sorted(floats)]));
    }

    /// Emits the instruction with the key `key` (`int_add/ii>i`).
    pub fn emit_key(&mut self, key: &str, args: Vec<Arg>) {
        match Opcode::from_key(key) {
            Some(op) => self.emit(op, args),
            None => self.note_bug(format!("no instruction has the key `{key}`")),
        }
    }

    /// Emits `op` with `args` in argcode order (the result register last). Mismatched
    /// operands are reported by [`Assembler::finish`].
    pub fn emit(&mut self, op: Opcode, args: Vec<Arg>) {
        if op == Opcode::Live {
            self.note_bug("emit `-live-` through Assembler::live".to_owned());
            return;
        }
        if let Err(message) = check_args(op, &args) {
            self.note_bug(format!("`{}`: {message}", op.key()));
            return;
        }
        self.items.push(Item::Insn(op, args));
    }

    fn note_bug(&mut self, message: String) {
        self.bug.get_or_insert(message);
    }

    /// Assembles the jitcode; see the module documentation for the steps.
    pub fn finish(self) -> Result<JitCode, AsmError> {
        let bug = |message: String| AsmError::Bug {
            jitcode: self.name.clone(),
            message,
        };
        let limit = |message: String| AsmError::Limit {
            jitcode: self.name.clone(),
            message,
        };
        if let Some(message) = &self.bug {
            return Err(bug(message.clone()));
        }
        // 1. Registers per kind.
        let mut num_regs = self.reserved.map(|n| n as usize);
        let mut use_reg = |kind: Kind, r: u8| {
            let n = &mut num_regs[kind as usize];
            *n = (*n).max(r as usize + 1);
        };
        for item in &self.items {
            match item {
                Item::Insn(_, args) => visit_args(args, &mut |a| {
                    if let Arg::Reg(kind, r) = a {
                        use_reg(*kind, *r);
                    }
                }),
                Item::Live(regs) => {
                    for kind in Kind::ALL {
                        regs[kind as usize].iter().for_each(|r| use_reg(kind, *r));
                    }
                }
                Item::Bind(_) => {}
            }
        }
        // 2. Constants per kind, in order of first use.
        let mut pools = Pools::default();
        for item in &self.items {
            if let Item::Insn(_, args) = item {
                visit_args(args, &mut |a| pools.intern(a));
            }
        }
        // 3. The 256 limit of each index space.
        for kind in Kind::ALL {
            let total = num_regs[kind as usize] + pools.len(kind);
            if total > 256 {
                return Err(limit(format!(
                    "{} {kind} registers and {} {kind} constants exceed the 256 operands of a kind",
                    num_regs[kind as usize],
                    pools.len(kind)
                )));
            }
        }
        // 4. Layout and labels.
        let mut offsets: Vec<Option<usize>> = vec![None; self.num_labels as usize];
        let mut pc = 0usize;
        for item in &self.items {
            match item {
                Item::Insn(op, args) => pc += encoded_size(*op, args),
                Item::Live(_) => pc += Opcode::Live.min_size(),
                Item::Bind(label) => offsets[label.0 as usize] = Some(pc),
            }
        }
        if pc > u16::MAX as usize {
            return Err(limit(format!(
                "{pc} bytes of code exceed the 65535 a label can reach"
            )));
        }
        let target = |label: &Label| -> Result<u16, AsmError> {
            offsets[label.0 as usize]
                .map(|o| o as u16)
                .ok_or_else(|| bug(format!("label {} is used but never bound", label.0)))
        };
        // 5. Encoding.
        let mut code = Vec::with_capacity(pc);
        let mut liveness: Vec<Liveness> = Vec::new();
        let mut switches: Vec<SwitchTable> = Vec::new();
        for item in &self.items {
            match item {
                Item::Bind(_) => {}
                Item::Live([ints, refs, floats]) => {
                    let entry = Liveness {
                        ints: Cow::Owned(ints.clone()),
                        refs: Cow::Owned(refs.clone()),
                        floats: Cow::Owned(floats.clone()),
                    };
                    let index = match liveness.iter().position(|l| *l == entry) {
                        Some(i) => i,
                        None => {
                            liveness.push(entry);
                            liveness.len() - 1
                        }
                    };
                    let index = u16::try_from(index)
                        .map_err(|_| limit("more than 65536 liveness entries".to_owned()))?;
                    code.push(Opcode::Live as u8);
                    code.extend_from_slice(&index.to_le_bytes());
                }
                Item::Insn(op, args) => {
                    code.push(*op as u8);
                    for arg in args {
                        match arg {
                            Arg::Label(l) => code.extend_from_slice(&target(l)?.to_le_bytes()),
                            Arg::Descr(d) => code.extend_from_slice(&d.to_le_bytes()),
                            Arg::Switch(cases) => {
                                let mut table = Vec::with_capacity(cases.len());
                                for (value, label) in cases {
                                    table.push((*value, target(label)?));
                                }
                                switches.push(SwitchTable {
                                    cases: Cow::Owned(table),
                                });
                                let index = u16::try_from(switches.len() - 1)
                                    .map_err(|_| limit("more than 65536 switches".to_owned()))?;
                                code.extend_from_slice(&index.to_le_bytes());
                            }
                            Arg::List(items) => {
                                code.push(items.len() as u8);
                                for a in items {
                                    code.push(pools.slot(a, &num_regs));
                                }
                            }
                            _ => code.push(pools.slot(arg, &num_regs)),
                        }
                    }
                }
            }
        }
        Ok(JitCode {
            name: Cow::Owned(self.name),
            code: Cow::Owned(code),
            num_regs: num_regs.map(|n| n as u16),
            const_ints: Cow::Owned(pools.ints),
            const_refs: Cow::Owned(pools.refs),
            const_floats: Cow::Owned(pools.floats),
            liveness: Cow::Owned(liveness),
            switches: Cow::Owned(switches),
        })
    }
}

#[derive(Default)]
struct Pools {
    ints: Vec<i64>,
    refs: Vec<RefConst>,
    floats: Vec<f64>,
}

impl Pools {
    fn len(&self, kind: Kind) -> usize {
        match kind {
            Kind::Int => self.ints.len(),
            Kind::Ref => self.refs.len(),
            Kind::Float => self.floats.len(),
        }
    }

    fn index(&self, arg: &Arg) -> Option<usize> {
        match arg {
            Arg::Int(v) => self.ints.iter().position(|x| x == v),
            Arg::Ref(v) => self.refs.iter().position(|x| x == v),
            Arg::Float(v) => self.floats.iter().position(|x| x.to_bits() == v.to_bits()),
            _ => None,
        }
    }

    fn intern(&mut self, arg: &Arg) {
        if self.index(arg).is_some() {
            return;
        }
        match arg {
            Arg::Int(v) => self.ints.push(*v),
            Arg::Ref(v) => self.refs.push(v.clone()),
            Arg::Float(v) => self.floats.push(*v),
            _ => {}
        }
    }

    /// The operand byte of a register or an interned constant.
    fn slot(&self, arg: &Arg, num_regs: &[usize; 3]) -> u8 {
        let (kind, index) = match arg {
            Arg::Reg(_, r) => return *r,
            Arg::Int(_) => (Kind::Int, self.index(arg)),
            Arg::Ref(_) => (Kind::Ref, self.index(arg)),
            Arg::Float(_) => (Kind::Float, self.index(arg)),
            _ => (Kind::Int, None),
        };
        // Constants were interned and the 256 limit checked before encoding.
        (num_regs[kind as usize] + index.unwrap_or(0)) as u8
    }
}

/// Calls `f` on every operand, descending into lists.
fn visit_args(args: &[Arg], f: &mut impl FnMut(&Arg)) {
    for a in args {
        if let Arg::List(items) = a {
            items.iter().for_each(&mut *f);
        } else {
            f(a);
        }
    }
}

fn encoded_size(op: Opcode, args: &[Arg]) -> usize {
    let lists: usize = args
        .iter()
        .map(|a| {
            if let Arg::List(items) = a {
                items.len()
            } else {
                0
            }
        })
        .sum();
    op.min_size() + lists
}

/// The kind of a register or constant operand.
fn value_kind(arg: &Arg) -> Option<Kind> {
    match arg {
        Arg::Reg(kind, _) => Some(*kind),
        Arg::Int(_) => Some(Kind::Int),
        Arg::Ref(_) => Some(Kind::Ref),
        Arg::Float(_) => Some(Kind::Float),
        _ => None,
    }
}

/// Checks that `args` match the argcodes of `op`.
fn check_args(op: Opcode, args: &[Arg]) -> Result<(), String> {
    let codes: Vec<char> = op.argcodes().chars().filter(|c| *c != '>').collect();
    if codes.len() != args.len() {
        return Err(format!(
            "{} operands given, {} expected",
            args.len(),
            codes.len()
        ));
    }
    let has_result = op.result_kind().is_some();
    for (i, (c, arg)) in codes.iter().zip(args).enumerate() {
        let is_result = has_result && i == codes.len() - 1;
        let ok = match (c, arg) {
            (_, Arg::Reg(kind, _)) if is_result => Some(*kind) == Kind::from_letter(*c),
            _ if is_result => false,
            ('i' | 'r' | 'f', a) => value_kind(a) == Kind::from_letter(*c),
            ('I' | 'R' | 'F', Arg::List(items)) => {
                items.len() < 256 && items.iter().all(|a| value_kind(a) == Kind::from_letter(*c))
            }
            ('L', Arg::Label(_)) => true,
            ('d', Arg::Switch(_)) => op == Opcode::Switch,
            ('d', Arg::Descr(_)) => op != Opcode::Switch,
            _ => false,
        };
        if !ok {
            return Err(format!(
                "operand {} is {arg:?}, which does not fit argcode `{c}`",
                i + 1
            ));
        }
    }
    Ok(())
}
