// Included into the core of `core_files.rs`: its items are items of that module.

/// A program: its items never change once built.
pub struct Program {
    #[immutable]
    pub items: List<i64>,
}

/// The program's length, weighted by a helper of a third file.
pub fn weight(program: &Program) -> i64 {
    twice(program.items.len() as i64)
}
