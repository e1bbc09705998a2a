//! The C3 linearisation of a new class's bases (its MRO), outside the core: it runs
//! once per class statement, on Rust vectors of addresses (the types stay alive
//! through the class's bases tuple), and the JIT calls it as a residual function.

use super::object::{GcAny, Value};
use super::space::invalidate_method_cache;
use super::typeobject::{type_obj, W_Type};
use jitsupport::gc::{Gc, GcArray};

/// Computes and stores the C3 linearisation of `t`'s bases; an error message when
/// the bases have no consistent order.
pub fn compute_mro(t: Gc<W_Type>, object: Gc<W_Type>) -> Result<(), String> {
    // The MROs of the bases, and the bases themselves, as lists to merge (the
    // algorithm runs outside the core, on Rust vectors of addresses: the types stay
    // alive through `t`'s bases tuple).
    let bases = t.bases.get();
    let mut seqs: Vec<Vec<GcAny>> = Vec::new();
    let mut i = 0;
    while i < bases.len() {
        if let Value::Obj(b) = bases.get(i) {
            seqs.push(type_obj(b).mro.get().to_vec());
        }
        i += 1;
    }
    let mut direct = Vec::new();
    i = 0;
    while i < bases.len() {
        if let Value::Obj(b) = bases.get(i) {
            direct.push(b);
        }
        i += 1;
    }
    if direct.is_empty() && !Gc::ptr_eq(t, object) {
        seqs.push(vec![GcAny::of(object)]);
    }
    seqs.push(direct);
    let mut out = vec![GcAny::of(t)];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            break;
        }
        let mut found = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|o| o[1..].contains(&cand)) {
                found = Some(cand);
                break;
            }
        }
        let Some(c) = found else {
            let mut names: Vec<&str> = Vec::new();
            for s in &seqs {
                let n = type_obj(s[0]).name_str();
                if !names.contains(&n) {
                    names.push(n);
                }
            }
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        out.push(c);
        for s in seqs.iter_mut() {
            if s[0] == c {
                s.remove(0);
            }
        }
    }
    t.mro.set(GcArray::from_slice(&out));
    invalidate_method_cache();
    Ok(())
}
