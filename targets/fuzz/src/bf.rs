//! Random valid Brainfuck programs, how they run every way, and a reference interpreter.
//!
//! The generator keeps the pointer's position known at every point of the text: every
//! loop body moves the pointer back to the loop's cell before its `]`. That makes every
//! program valid by construction:
//! - brackets are balanced, loops nest at most [`MAX_NESTING`] deep;
//! - every loop terminates: a *counted* loop `[-` body `]` (or `[` body `-]`) runs on a
//!   cell that its body never writes (the cell is *protected* while the body is made),
//!   so the counter goes down by one an iteration; an *if* `[` body `[-]]` runs its body
//!   at most once;
//! - the pointer stays on cells `0..CELLS`, except for a rare deliberate `<` on cell 0,
//!   which ends the run with the run-time error `MovedLeftOfTape`;
//! - the run time is bounded: each statement's worst-case number of steps is counted
//!   against a budget, loops multiplying their body's cost by their count.
//!
//! The input is a few random bytes; `,` past its end stores 0. [`reference`] is a small
//! interpreter of the fuzzer's own, with a step limit, that checks the generator's
//! promises and lets the minimizer reject programs that no longer terminate.

use crate::budget;
use crate::check;
use crate::rng::Rng;
use crate::Verdict;
use bf::interp::core::{self, Program, Tape};
use bf::{Outcome, Status};
use jitsupport::blackhole::{Args, Value};
use jitsupport::jitcode::JitCodes;
use jitsupport::testing::Target;
use jitsupport::List;

/// The cells the pointer moves on.
pub const CELLS: usize = 10;
/// The deepest nesting of loops.
pub const MAX_NESTING: usize = 3;
/// The worst-case number of commands a generated program runs.
pub const BUDGET: u64 = 3000;
/// The hot loops' frequency and the reference interpreter's steps, as for tl.
pub use crate::budget::{FUEL, HOT_ONE_IN};

/// A program and its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub source: String,
    pub input: Vec<u8>,
}

impl Case {
    /// The text of the program for a file (its input goes to a file of its own, as the
    /// examples' `.in` files: `,` and brackets in a comment would be commands).
    pub fn to_file(&self) -> String {
        let mut text = self.source.trim_end().to_string();
        text.push('\n');
        text
    }
}

/// bf as the harness sees it: the portal is `run(&Program, &mut Tape) -> Outcome`.
pub struct Bf;

impl Target for Bf {
    type Case = Case;
    type State = (Program, Tape);
    type Result = Outcome;

    fn jitcodes() -> &'static JitCodes {
        core::__pyrite::jitcodes()
    }

    fn setup(case: &Case) -> (Program, Tape) {
        let loaded = match bf::load::load(&case.source) {
            Ok(loaded) => loaded,
            Err(errors) => panic!("the program does not load: {errors:?}"),
        };
        let program = Program::new(List::from(loaded.code), List::from(loaded.brackets));
        (program, Tape::new())
    }

    fn call_native((program, tape): &mut (Program, Tape)) -> Outcome {
        core::run(program, tape)
    }

    fn portal_args((program, tape): &mut (Program, Tape)) -> Args {
        check::portal_args(program, tape)
    }

    unsafe fn result_from(value: Value) -> Outcome {
        // Safety: the portal `run` returns an `Outcome`.
        unsafe { check::result_by_address(value) }
    }

    fn capture<R>(case: &Case, f: impl FnOnce() -> R) -> (R, Vec<u8>) {
        bf::io::capture(&case.input, f)
    }
}

/// The outcome and output of `case` in the reference interpreter, or why the case is not
/// a valid program (it does not load, or runs past [`FUEL`] steps).
pub fn reference_run(case: &Case) -> Result<(Outcome, Vec<u8>), String> {
    let loaded = match bf::load::load(&case.source) {
        Ok(loaded) => loaded,
        Err(errors) => return Err(format!("the program does not load: {errors:?}")),
    };
    reference(&loaded.code, &loaded.brackets, &case.input, FUEL).ok_or_else(budget::out_of_fuel)
}

/// Runs `case` every way and with the reference interpreter, and says whether they agree.
pub fn check(case: &Case) -> Verdict {
    check::verdict::<Bf>(case, reference_run(case))
}

/// The smallest program found (deleting commands) that still mismatches.
pub fn minimize(case: &Case) -> Case {
    minimize_by(case, |candidate| {
        matches!(check(candidate), Verdict::Mismatch(_))
    })
}

/// The smallest valid program found (deleting commands) for which `fails` holds.
pub fn minimize_by(case: &Case, mut fails: impl FnMut(&Case) -> bool) -> Case {
    let commands: Vec<char> = case
        .source
        .chars()
        .filter(|c| bf::load::is_command(*c))
        .collect();
    let mut still_fails = |candidate: &[char]| {
        let candidate = Case {
            source: candidate.iter().collect(),
            input: case.input.clone(),
        };
        reference_run(&candidate).is_ok() && fails(&candidate)
    };
    let mut kept = commands;
    // Deleting commands cannot delete a loop's brackets one at a time (the program would
    // not load): between rounds, loops are also unwrapped, their two brackets deleted at
    // once.
    for _ in 0..4 {
        kept = check::minimize(&kept, 3000, &mut still_fails);
        let unwrapped = unwrap_loops(&kept, &mut still_fails);
        if unwrapped.len() == kept.len() {
            break;
        }
        kept = unwrapped;
    }
    Case {
        source: wrap(&kept.into_iter().collect::<String>()),
        input: case.input.clone(),
    }
}

/// `commands` with the brackets of each loop deleted in turn where `fails` still holds.
fn unwrap_loops(commands: &[char], fails: &mut impl FnMut(&[char]) -> bool) -> Vec<char> {
    let mut current = commands.to_vec();
    let mut open = 0;
    while open < current.len() {
        if current[open] == '[' {
            if let Some(close) = matching_close(&current, open) {
                let mut candidate = current.clone();
                candidate.remove(close);
                candidate.remove(open);
                if fails(&candidate) {
                    current = candidate;
                    continue;
                }
            }
        }
        open += 1;
    }
    current
}

/// The position of the `]` closing the `[` at `open`.
fn matching_close(commands: &[char], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in commands.iter().enumerate().skip(open) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The program and input of `seed`.
pub fn generate(seed: u64) -> Case {
    let mut gen = Gen {
        rng: Rng::new(seed),
        code: String::new(),
        pos: 0,
        known: [Some(0); CELLS],
        protected: Vec::new(),
    };
    let input_len = gen.rng.below(9) as usize;
    let input = (0..input_len).map(|_| gen.rng.below(256) as u8).collect();
    let statements = gen.rng.range(3, 24) as usize;
    gen.block(BUDGET, statements);
    if budget::wants_hot_loop(&mut gen.rng) {
        gen.hot_loop();
    }
    Case {
        source: wrap(&gen.code),
        input,
    }
}

/// `commands` in lines of 64.
fn wrap(commands: &str) -> String {
    let chars: Vec<char> = commands.chars().collect();
    let mut out = String::new();
    for line in chars.chunks(64) {
        out.extend(line);
        out.push('\n');
    }
    out
}

/// The generator's state: the text so far, where the pointer is, the cells whose value
/// is known (`None`: unknown), the cells loop bodies must not write.
struct Gen {
    rng: Rng,
    code: String,
    pos: usize,
    known: [Option<u8>; CELLS],
    protected: Vec<usize>,
}

impl Gen {
    /// Emits up to `statements` statements costing at most about `budget` steps; returns
    /// their cost.
    fn block(&mut self, budget: u64, statements: usize) -> u64 {
        budget::block(budget, statements, |left| self.statement(left))
    }

    fn writable(&self, cell: usize) -> bool {
        !self.protected.contains(&cell)
    }

    /// The worst-case cost of `[-]` on `cell`.
    fn clear_cost(&self, cell: usize) -> u64 {
        // `[-]` on v runs v times, `[+]` 256 - v times: count the worse.
        match self.known[cell] {
            Some(0) => 1,
            _ => 2 * 256 + 1,
        }
    }

    fn emit(&mut self, text: &str) {
        self.code.push_str(text);
    }

    fn emit_n(&mut self, c: char, n: usize) {
        self.code.extend(std::iter::repeat_n(c, n));
    }

    /// Moves the pointer to `cell`; returns the cost.
    fn move_to(&mut self, cell: usize) -> u64 {
        let cost = cell.abs_diff(self.pos);
        if cell > self.pos {
            self.emit_n('>', cost);
        } else {
            self.emit_n('<', cost);
        }
        self.pos = cell;
        cost as u64
    }

    /// A cell the current body may write, near the pointer.
    fn writable_cell(&mut self) -> usize {
        loop {
            let cell = if self.rng.chance(1, 2) {
                (self.pos + self.rng.below(3) as usize).min(CELLS - 1)
            } else {
                self.rng.below(CELLS as u64) as usize
            };
            if self.writable(cell) {
                return cell;
            }
        }
    }

    /// Clears the current cell with `[-]` or `[+]` (either terminates); returns the cost.
    fn clear(&mut self) -> u64 {
        let cost = self.clear_cost(self.pos);
        if self.known[self.pos] != Some(0) {
            let text = if self.rng.chance(1, 2) { "[-]" } else { "[+]" };
            self.emit(text);
        }
        self.known[self.pos] = Some(0);
        cost
    }

    fn forget_all(&mut self) {
        self.known = [None; CELLS];
    }

    fn statement(&mut self, budget: u64) -> u64 {
        let here_writable = self.writable(self.pos);
        let nesting = self.protected.len();
        let weights = [
            8,                                         // + or -
            5,                                         // move
            3,                                         // .
            u64::from(here_writable),                  // ,
            u64::from(here_writable),                  // clear
            if nesting < MAX_NESTING { 4 } else { 0 }, // counted loop
            if nesting < MAX_NESTING { 3 } else { 0 }, // if
            if nesting < MAX_NESTING { 1 } else { 0 }, // loop on an unknown count
            1,                                         // < on cell 0, rarely
        ];
        match self.rng.weighted(&weights) {
            0 => {
                let cell = self.writable_cell();
                let cost = self.move_to(cell);
                let n = self.rng.range(1, 6) as usize;
                let up = self.rng.chance(1, 2);
                self.emit_n(if up { '+' } else { '-' }, n);
                self.known[cell] = self.known[cell].map(|v| {
                    if up {
                        v.wrapping_add(n as u8)
                    } else {
                        v.wrapping_sub(n as u8)
                    }
                });
                cost + n as u64
            }
            1 => {
                let cell = self.rng.below(CELLS as u64) as usize;
                self.move_to(cell)
            }
            2 => {
                self.emit(".");
                1
            }
            3 => {
                self.emit(",");
                self.known[self.pos] = None;
                1
            }
            4 => {
                if self.clear_cost(self.pos) > budget {
                    return 0;
                }
                self.clear()
            }
            5 => self.counted_loop(budget),
            6 => self.if_statement(budget),
            7 => self.unknown_loop(budget),
            _ => {
                if !self.rng.chance(1, 40) {
                    return 0;
                }
                let cost = self.move_to(0);
                // The run ends here; the text after it is dead, the pointer stays put.
                self.emit("<");
                cost + 1
            }
        }
    }

    /// Generates a loop body on `counter` (protected meanwhile) and moves back to it;
    /// returns the body's cost.
    fn body(&mut self, counter: usize, budget: u64, statements: usize) -> u64 {
        self.protected.push(counter);
        self.forget_all();
        let mut cost = self.block(budget, statements);
        cost += self.move_to(counter);
        self.protected.pop();
        cost
    }

    /// `[-]+++[-body]`: a loop that runs a known number of times.
    fn counted_loop(&mut self, budget: u64) -> u64 {
        let cell = self.writable_cell();
        let mut cost = self.move_to(cell);
        let count = budget::loop_count(&mut self.rng, 6, 40);
        let setup = self.clear_cost(cell) + count;
        if cost + setup + count * 8 > budget {
            return cost;
        }
        cost += self.clear();
        self.emit_n('+', count as usize);
        let body_budget = budget::body_budget(budget - cost - count, count, 4);
        let decrement_first = self.rng.chance(1, 2);
        self.emit(if decrement_first { "[-" } else { "[" });
        let statements = self.rng.range(1, 6) as usize;
        let body = self.body(cell, body_budget, statements);
        self.emit(if decrement_first { "]" } else { "-]" });
        self.forget_all();
        self.known[cell] = Some(0);
        cost + count + budget::loop_cost(count, body, 3, 1)
    }

    /// `[body[-]]`: the body runs once if the cell is not 0.
    fn if_statement(&mut self, budget: u64) -> u64 {
        let cell = self.writable_cell();
        let cost = self.move_to(cell);
        let clear = self.clear_cost(cell);
        if cost + clear + 8 > budget {
            return cost;
        }
        self.emit("[");
        let statements = self.rng.range(1, 6) as usize;
        let body = self.body(cell, budget - cost - clear - 2, statements);
        // The body left the cell as it was: its clear costs what it did before.
        self.known[cell] = None;
        let text = if self.rng.chance(1, 2) { "[-]" } else { "[+]" };
        self.emit(text);
        self.emit("]");
        self.forget_all();
        self.known[cell] = Some(0);
        cost + body + clear + 2
    }

    /// `[-]+++++[>[-]+...+[-body]<-]`: 4 to 6 times an inner loop of 250 iterations with
    /// a small body, past the default `threshold` of the inner loop's key.
    fn hot_loop(&mut self) {
        let outer = self.writable_cell();
        self.move_to(outer);
        self.clear();
        let outer_count = self.rng.range(4, 6) as usize;
        self.emit_n('+', outer_count);
        self.emit("[");
        self.protected.push(outer);
        self.forget_all();
        let inner = self.writable_cell();
        self.move_to(inner);
        self.clear();
        self.emit_n('+', 250);
        self.emit("[-");
        let statements = self.rng.range(1, 3) as usize;
        self.body(inner, 12, statements);
        self.emit("]");
        self.move_to(outer);
        self.protected.pop();
        self.emit("-]");
        self.forget_all();
        self.known[outer] = Some(0);
    }

    /// `[-body]` on a cell of unknown value: up to 255 iterations.
    fn unknown_loop(&mut self, budget: u64) -> u64 {
        let cell = self.writable_cell();
        let cost = self.move_to(cell);
        if budget < cost + 255 * 8 {
            return cost;
        }
        let body_budget = budget::body_budget(budget - cost, 255, 3);
        self.emit("[-");
        let statements = self.rng.range(1, 6) as usize;
        let body = self.body(cell, body_budget, statements);
        self.emit("]");
        self.forget_all();
        self.known[cell] = Some(0);
        cost + budget::loop_cost(255, body, 3, 1)
    }
}

/// Runs the commands `code` with the bracket map `brackets` on `input`, as the core
/// does, for at most `fuel` commands; the outcome and the output, or `None` when the
/// fuel ran out.
pub fn reference(
    code: &[u8],
    brackets: &[usize],
    input: &[u8],
    fuel: u64,
) -> Option<(Outcome, Vec<u8>)> {
    let mut cells = vec![0u8; core::TAPE_SIZE];
    let mut position = 0usize;
    let mut next_input = 0usize;
    let mut output = Vec::new();
    let mut pc = 0usize;
    for _ in 0..fuel {
        let Some(&command) = code.get(pc) else {
            let outcome = Outcome {
                status: Status::Halted,
                pc,
            };
            return Some((outcome, output));
        };
        let start = pc;
        pc += 1;
        match command {
            b'>' => {
                position += 1;
                if position == cells.len() {
                    cells.push(0);
                }
            }
            b'<' => {
                if position == 0 {
                    let outcome = Outcome {
                        status: Status::MovedLeftOfTape,
                        pc: start,
                    };
                    return Some((outcome, output));
                }
                position -= 1;
            }
            b'+' => cells[position] = cells[position].wrapping_add(1),
            b'-' => cells[position] = cells[position].wrapping_sub(1),
            b'.' => output.push(cells[position]),
            b',' => {
                cells[position] = input.get(next_input).copied().unwrap_or(0);
                next_input += 1;
            }
            b'[' if cells[position] == 0 => pc = brackets[start] + 1,
            b']' if cells[position] != 0 => pc = brackets[start] + 1,
            b'[' | b']' => {}
            _ => {
                let outcome = Outcome {
                    status: Status::BadProgram,
                    pc: start,
                };
                return Some((outcome, output));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_programs_load_and_terminate() {
        for seed in 0..300 {
            let case = generate(seed);
            let loaded = bf::load::load(&case.source).expect("a generated program loads");
            let run = reference(&loaded.code, &loaded.brackets, &case.input, FUEL);
            assert!(run.is_some(), "seed {seed} runs too long:\n{}", case.source);
        }
    }

    #[test]
    fn minimizing_keeps_programs_valid() {
        // A stand-in for a mismatch: the program prints a byte 3.
        let prints_3 = |case: &Case| reference_run(case).is_ok_and(|(_, out)| out.contains(&3));
        let seed = (0..500)
            .find(|s| prints_3(&generate(*s)))
            .expect("some seed prints a 3");
        let small = minimize_by(&generate(seed), prints_3);
        assert!(prints_3(&small), "{}", small.source);
        let commands = small.source.chars().filter(|c| !c.is_whitespace()).count();
        assert!(commands <= 8, "seed {seed} minimized to {}", small.source);
    }

    #[test]
    fn the_same_seed_gives_the_same_program() {
        assert_eq!(generate(42), generate(42));
        assert_ne!(generate(42), generate(43));
    }

    #[test]
    fn the_reference_runs_hello_world_style_loops() {
        let source = "++++++[>++++++++<-]>+.<,.";
        let loaded = bf::load::load(source).expect("loads");
        let (outcome, output) =
            reference(&loaded.code, &loaded.brackets, b"", 1000).expect("terminates");
        assert_eq!(outcome.status, Status::Halted);
        assert_eq!(output, vec![49, 0]);
        let loaded = bf::load::load("+[]").expect("loads");
        assert!(reference(&loaded.code, &loaded.brackets, b"", 1000).is_none());
        let loaded = bf::load::load("+<").expect("loads");
        let (outcome, _) = reference(&loaded.code, &loaded.brackets, b"", 10).expect("ends");
        assert_eq!(
            outcome,
            Outcome {
                status: Status::MovedLeftOfTape,
                pc: 1
            }
        );
    }
}
