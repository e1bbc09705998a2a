//! The text form of jitcode, which [`super::parse`] reads back.
//!
//! ```text
//! function "emit"
//! descr <Field "Frame.pc" +8 i64>
//! descr <Call "emit" (i) -> void can_panic>
//!
//! jitcode "step" i=3 r=1 f=0
//!     getfield_gc_i %r0, <Field "Frame.pc" +8 i64> -> %i1
//! L1:
//!     -live- %i1, %r0
//!     goto_if_not_int_lt %i1, $10, L2
//!     int_add %i1, $1 -> %i1
//!     goto L1
//! L2:
//!     int_return %i1
//! ```
//!
//! Registers print as `%i0`, constants as `$10`, `$0x7f00` (ref addresses), `$"text"`
//! (static strings), `$1.5` (floats); descrs by their full printed form, which the parser
//! looks up in the registry's descr table (listed first, so indices round-trip); labels as
//! `L1`, `L2` in code order; the callee of a residual call as `<Fn "name">`.

use super::decode::{decode_all, Insn, Operand};
use super::{Descr, JitCode, JitCodes, Kind, Opcode, RefConst};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Prints the whole registry: functions, descrs, portals, then every jitcode.
pub fn print_registry(codes: &JitCodes) -> String {
    let mut out = String::new();
    for f in codes.functions.iter() {
        let _ = writeln!(out, "function {:?}", f.name);
    }
    for d in codes.descrs.iter() {
        let _ = writeln!(out, "descr {}", descr_text(codes, d));
    }
    for p in codes.portals.iter() {
        let name = codes
            .jitcodes
            .get(*p as usize)
            .map(|j| &*j.name)
            .unwrap_or("?");
        let _ = writeln!(out, "portal {name:?}");
    }
    for jitcode in codes.jitcodes.iter() {
        out.push('\n');
        out.push_str(&print_jitcode(codes, jitcode));
    }
    out
}

/// Prints one jitcode, with its header line.
pub fn print_jitcode(codes: &JitCodes, jitcode: &JitCode) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "jitcode {:?} i={} r={} f={}",
        jitcode.name, jitcode.num_regs[0], jitcode.num_regs[1], jitcode.num_regs[2]
    );
    let insns = match decode_all(&jitcode.code) {
        Ok(insns) => insns,
        Err(message) => {
            let _ = writeln!(out, "    # malformed: {message}");
            return out;
        }
    };
    let labels = label_names(jitcode, &insns);
    let p = Printer {
        codes,
        jitcode,
        labels: &labels,
    };
    for insn in &insns {
        if let Some(name) = labels.get(&insn.pc) {
            let _ = writeln!(out, "{name}:");
        }
        let _ = writeln!(out, "    {}", p.insn(insn));
    }
    if let Some(name) = labels.get(&jitcode.code.len()) {
        let _ = writeln!(out, "{name}:");
    }
    out
}

/// Names the jump targets `L1`, `L2`, ... in code order.
fn label_names(jitcode: &JitCode, insns: &[Insn]) -> BTreeMap<usize, String> {
    let mut targets = BTreeMap::new();
    for insn in insns {
        for operand in &insn.operands {
            match operand {
                Operand::Label(t) => {
                    targets.insert(*t as usize, String::new());
                }
                Operand::Descr(d) if insn.opcode == Opcode::Switch => {
                    if let Some(table) = jitcode.switches.get(*d as usize) {
                        for (_, t) in table.cases.iter() {
                            targets.insert(*t as usize, String::new());
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for (i, name) in targets.values_mut().enumerate() {
        *name = format!("L{}", i + 1);
    }
    targets
}

struct Printer<'a> {
    codes: &'a JitCodes,
    jitcode: &'a JitCode,
    labels: &'a BTreeMap<usize, String>,
}

impl Printer<'_> {
    fn insn(&self, insn: &Insn) -> String {
        let mut out = insn.opcode.name().to_owned();
        let mut parts = Vec::new();
        let mut result = None;
        for (i, operand) in insn.operands.iter().enumerate() {
            let text = match operand {
                Operand::Slot(Kind::Int, b) if i == 0 && insn.opcode.is_residual_call() => {
                    self.callee(*b)
                }
                Operand::Slot(kind, b) => self.slot(*kind, *b),
                Operand::Label(t) => self.label(*t),
                Operand::Descr(d) if insn.opcode == Opcode::Switch => self.switch(*d),
                Operand::Descr(d) => match self.codes.descrs.get(*d as usize) {
                    Some(descr) => descr_text(self.codes, descr),
                    None => format!("<bad descr {d}>"),
                },
                Operand::List(kind, items) => {
                    let items: Vec<String> = items.iter().map(|b| self.slot(*kind, *b)).collect();
                    format!("[{}]", items.join(", "))
                }
                Operand::Live(index) => match self.jitcode.liveness.get(*index as usize) {
                    Some(live) => {
                        let mut regs = Vec::new();
                        for kind in Kind::ALL {
                            regs.extend(live.of(kind).iter().map(|r| format!("%{kind}{r}")));
                        }
                        regs.join(", ")
                    }
                    None => format!("<bad liveness {index}>"),
                },
                Operand::Result(kind, b) => {
                    result = Some(format!("%{kind}{b}"));
                    continue;
                }
            };
            parts.push(text);
        }
        let parts: Vec<String> = parts.into_iter().filter(|p| !p.is_empty()).collect();
        if !parts.is_empty() {
            out.push(' ');
            out.push_str(&parts.join(", "));
        }
        if let Some(r) = result {
            let _ = write!(out, " -> {r}");
        }
        out
    }

    fn slot(&self, kind: Kind, b: u8) -> String {
        let regs = self.jitcode.num_regs(kind);
        if (b as usize) < regs {
            return format!("%{kind}{b}");
        }
        let k = b as usize - regs;
        let text = match kind {
            Kind::Int => self.jitcode.const_ints.get(k).map(|v| v.to_string()),
            Kind::Ref => self.jitcode.const_refs.get(k).map(|v| match v {
                RefConst::Addr(a) => format!("{a:#x}"),
                RefConst::Str(s) => format!("{s:?}"),
            }),
            Kind::Float => self.jitcode.const_floats.get(k).map(|v| format!("{v:?}")),
        };
        match text {
            Some(t) => format!("${t}"),
            None => format!("<bad {kind} operand {b}>"),
        }
    }

    fn callee(&self, b: u8) -> String {
        let regs = self.jitcode.num_regs(Kind::Int);
        if (b as usize) < regs {
            return self.slot(Kind::Int, b);
        }
        let name = self
            .jitcode
            .const_ints
            .get(b as usize - regs)
            .and_then(|i| usize::try_from(*i).ok())
            .and_then(|i| self.codes.functions.get(i));
        match name {
            Some(f) => format!("<Fn {:?}>", f.name),
            None => self.slot(Kind::Int, b),
        }
    }

    fn label(&self, target: u16) -> String {
        self.labels
            .get(&(target as usize))
            .cloned()
            .unwrap_or_else(|| format!("<bad label {target}>"))
    }

    fn switch(&self, index: u16) -> String {
        match self.jitcode.switches.get(index as usize) {
            Some(table) => {
                let cases: Vec<String> = table
                    .cases
                    .iter()
                    .map(|(v, t)| format!("{v}:{}", self.label(*t)))
                    .collect();
                format!("<Switch {}>", cases.join(", "))
            }
            None => format!("<bad switch {index}>"),
        }
    }
}

/// The type of a memory value in descrs: `i64`, `u8`, `ref`, `f64`; `ref:24` for the
/// items of an array of structs held inline (a ref to each item, 24 bytes apart).
pub(crate) fn mem_type(kind: Kind, size: u8, signed: bool) -> String {
    match kind {
        Kind::Int => format!("{}{}", if signed { 'i' } else { 'u' }, size as u32 * 8),
        Kind::Ref if size != 8 => format!("ref:{size}"),
        Kind::Ref => "ref".to_owned(),
        Kind::Float => format!("f{}", size as u32 * 8),
    }
}

/// The printed form of a descr, as the parser reads it.
pub fn descr_text(codes: &JitCodes, descr: &Descr) -> String {
    match descr {
        Descr::Field(d) => format!(
            "<Field {:?} +{} {}{}>",
            d.name,
            d.offset,
            mem_type(d.kind, d.size, d.signed),
            if d.immutable { " immutable" } else { "" }
        ),
        Descr::Array(d) => {
            format!(
                "<Array {:?} +{} {}{}>",
                d.name,
                d.base,
                mem_type(d.kind, d.item_size, d.signed),
                if d.immutable { " immutable" } else { "" }
            )
        }
        Descr::Size(d) => match &d.gc {
            Some(_) => format!("<Size {:?} {} gc>", d.name, d.size),
            None => format!("<Size {:?} {}>", d.name, d.size),
        },
        Descr::Call(d) => {
            let args: Vec<String> = d.arg_kinds.iter().map(|k| k.to_string()).collect();
            let result = d.result.map_or("void".to_owned(), |k| k.to_string());
            let mut text = format!("<Call {:?} ({}) -> {result}", d.name, args.join(", "));
            for (set, word) in [
                (d.flags.elidable, "elidable"),
                (d.flags.loop_invariant, "loop_invariant"),
                (d.flags.can_panic, "can_panic"),
                (d.flags.recursive, "recursive"),
                (d.flags.random_effects, "random_effects"),
            ] {
                if set {
                    let _ = write!(text, " {word}");
                }
            }
            if !d.writes.is_empty() {
                let w: Vec<String> = d.writes.iter().map(|w| w.to_string()).collect();
                let _ = write!(text, " writes=[{}]", w.join(", "));
            }
            text.push('>');
            text
        }
        Descr::JitCode(index) => match codes.jitcodes.get(*index as usize) {
            Some(j) => format!("<JitCode {:?}>", j.name),
            None => format!("<bad jitcode {index}>"),
        },
    }
}
