//! Random valid tl programs, how they run every way, and a reference interpreter.
//!
//! The generator knows the stack depth at every point of the text. A block (the main
//! program, a loop body, a branch, a function body) may consume only the values it pushed
//! itself and leaves the stack as it found it, so a loop's counter below its body is never
//! touched; it may read deeper values with `pick`. That makes every program valid:
//! - it assembles (labels are unique, branch targets exist);
//! - loops are counted: `push n`, the body, then `push 1; sub; dup; br_if head; pop`
//!   (a backward `br_if`), or a `while` form testing the counter at the top and closing
//!   with a backward `br`; they nest at most [`MAX_NESTING`] deep;
//! - functions placed after the main program's `halt` call only functions made before
//!   them (a backward `call`), or themselves with a counter that goes down to 0, so
//!   calls nest a bounded depth;
//! - division and remainder get a divisor pushed just before them, not 0 unless a rare
//!   deliberate run-time error is wanted (as are a rare `pick` out of range and a rare
//!   stack underflow where the depth is exactly known, and a top-level `return`);
//! - the run time is bounded by a budget of worst-case steps, loops multiplying.
//!
//! [`reference`] is a small interpreter of the fuzzer's own, with a step limit, that checks
//! the generator's promises and lets the minimizer reject programs that no longer end.

use crate::budget;
use crate::check;
use crate::rng::Rng;
use crate::Verdict;
use jitsupport::blackhole::{Args, Value};
use jitsupport::jitcode::JitCodes;
use jitsupport::testing::Target;
use jitsupport::List;
use tl::interp::core::{self, Frame, Program};
use tl::{Outcome, Status};

/// The deepest nesting of loops and branches.
pub const MAX_NESTING: usize = 3;
/// The most values a block keeps pushed.
pub const MAX_OWN: usize = 6;
/// The worst-case number of instructions a generated program runs.
pub const BUDGET: u64 = 2500;
/// The hot loops' frequency and the reference interpreter's steps, as for bf.
pub use crate::budget::{FUEL, HOT_ONE_IN};

/// A tl program (its source text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub source: String,
}

impl Case {
    /// The text of the case for a file.
    pub fn to_file(&self) -> String {
        self.source.clone()
    }
}

/// tl as the harness sees it: the portal is `run(&Program, &mut Frame) -> Outcome`.
pub struct Tl;

impl Target for Tl {
    type Case = Case;
    type State = (Program, Frame);
    type Result = Outcome;

    fn jitcodes() -> &'static JitCodes {
        core::__pyrite::jitcodes()
    }

    fn setup(case: &Case) -> (Program, Frame) {
        let assembled = match tl::asm::assemble(&case.source) {
            Ok(assembled) => assembled,
            Err(errors) => panic!("the program does not assemble: {errors:?}"),
        };
        (Program::new(List::from(assembled.code)), Frame::new())
    }

    fn call_native((program, frame): &mut (Program, Frame)) -> Outcome {
        core::run(program, frame)
    }

    fn portal_args((program, frame): &mut (Program, Frame)) -> Args {
        check::portal_args(program, frame)
    }

    unsafe fn result_from(value: Value) -> Outcome {
        // Safety: the portal `run` returns an `Outcome`.
        unsafe { check::result_by_address(value) }
    }

    fn capture<R>(_case: &Case, f: impl FnOnce() -> R) -> (R, Vec<u8>) {
        let (r, text) = tl::io::capture(f);
        (r, text.into_bytes())
    }
}

/// The outcome and output of `case` in the reference interpreter, or why the case is not
/// a valid program (it does not assemble, or runs past [`FUEL`] steps).
pub fn reference_run(case: &Case) -> Result<(Outcome, Vec<u8>), String> {
    let code = match tl::asm::assemble(&case.source) {
        Ok(assembled) => assembled.code,
        Err(errors) => return Err(format!("the program does not assemble: {errors:?}")),
    };
    reference(&code, FUEL).ok_or_else(budget::out_of_fuel)
}

/// Runs `case` every way and with the reference interpreter, and says whether they agree.
pub fn check(case: &Case) -> Verdict {
    check::verdict::<Tl>(case, reference_run(case))
}

/// The smallest program found (deleting lines) that still mismatches.
pub fn minimize(case: &Case) -> Case {
    minimize_by(case, |candidate| {
        matches!(check(candidate), Verdict::Mismatch(_))
    })
}

/// The smallest valid program found (deleting lines) for which `fails` holds.
pub fn minimize_by(case: &Case, mut fails: impl FnMut(&Case) -> bool) -> Case {
    let lines: Vec<&str> = case
        .source
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let kept = check::minimize(&lines, 3000, |candidate| {
        let candidate = Case {
            source: join_lines(candidate),
        };
        reference_run(&candidate).is_ok() && fails(&candidate)
    });
    Case {
        source: join_lines(&kept),
    }
}

fn join_lines(lines: &[&str]) -> String {
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The program of `seed`.
pub fn generate(seed: u64) -> Case {
    let mut gen = Gen {
        rng: Rng::new(seed),
        lines: Vec::new(),
        labels: 0,
        functions: Vec::new(),
        nesting: 0,
        exact: true,
        in_function: false,
    };
    // The functions first (their text goes after the main program's `halt`).
    let count = gen.rng.below(4) as usize;
    let mut function_text = Vec::new();
    for index in 0..count {
        gen.exact = false;
        gen.in_function = true;
        let recursive = gen.rng.chance(1, 3);
        let name = format!("F{index}");
        let before = gen.lines.len();
        let cost = if recursive {
            gen.line(format!("{name}:"));
            gen.line("dup");
            gen.line(format!("br_if {name}_r"));
            gen.line("return");
            gen.line(format!("{name}_r:"));
            gen.line("push 1");
            gen.line("sub");
            let statements = gen.rng.range(1, 5) as usize;
            let body = gen.block(25, statements, 1);
            gen.line(format!("call {name}"));
            gen.line("return");
            body + 8
        } else {
            gen.line(format!("{name}:"));
            let statements = gen.rng.range(1, 6) as usize;
            let body = gen.block(60, statements, 0);
            gen.line("return");
            body + 2
        };
        function_text.extend(gen.lines.drain(before..));
        gen.functions.push(Function {
            name,
            recursive,
            cost,
        });
    }
    gen.exact = true;
    gen.in_function = false;
    gen.nesting = 0;
    let statements = gen.rng.range(3, 20) as usize;
    gen.block(BUDGET, statements, 0);
    if budget::wants_hot_loop(&mut gen.rng) {
        gen.hot_loop();
    }
    gen.line("halt");
    gen.lines.extend(function_text);
    Case {
        source: join_lines(&gen.lines.iter().map(String::as_str).collect::<Vec<_>>()),
    }
}

/// A generated function: its label, whether it takes a counter and calls itself, and
/// the worst-case cost of one call (for a recursive one, of one level).
struct Function {
    name: String,
    recursive: bool,
    cost: u64,
}

/// The generator's state: the lines so far, the next label number, the functions the
/// code may call, how deep loops and branches nest, whether the known stack depth is
/// the real one (in the main program) or a lower bound (in functions).
struct Gen {
    rng: Rng,
    lines: Vec<String>,
    labels: usize,
    functions: Vec<Function>,
    nesting: usize,
    exact: bool,
    in_function: bool,
}

const BINARY: [&str; 9] = ["add", "sub", "mul", "eq", "ne", "lt", "le", "gt", "ge"];
const COMPARE: [&str; 6] = ["eq", "ne", "lt", "le", "gt", "ge"];

impl Gen {
    fn line(&mut self, text: impl Into<String>) {
        let text = text.into();
        // Labels at the margin, instructions indented by nesting, for reading.
        if text.ends_with(':') {
            self.lines.push(text);
        } else {
            self.lines
                .push(format!("{}{text}", "    ".repeat(self.nesting + 1)));
        }
    }

    fn label(&mut self) -> String {
        self.labels += 1;
        format!("L{}", self.labels)
    }

    fn number(&mut self) -> i64 {
        match self.rng.below(12) {
            0 => *[i64::MAX, i64::MIN, i64::MAX - 1, i64::MIN + 1, 1 << 40]
                .get(self.rng.below(5) as usize)
                .unwrap_or(&0),
            1 => self.rng.range(-1000, 1000),
            _ => self.rng.range(-10, 10),
        }
    }

    /// Emits up to `statements` statements costing at most about `budget` steps, on a
    /// stack of `visible` values it may read but not consume, and pops what it pushed;
    /// returns the cost.
    fn block(&mut self, budget: u64, statements: usize, visible: usize) -> u64 {
        let mut own = 0;
        let mut used = budget::block(budget, statements, |left| {
            self.statement(left, visible, &mut own)
        });
        while own > 0 {
            let text = if self.rng.chance(1, 2) {
                "print"
            } else {
                "pop"
            };
            self.line(text);
            own -= 1;
            used += 1;
        }
        used
    }

    fn statement(&mut self, budget: u64, visible: usize, own: &mut usize) -> u64 {
        let depth = visible + *own;
        let room = *own < MAX_OWN;
        let nest = self.nesting < MAX_NESTING;
        let weights = [
            u64::from(room) * 6,                       // push
            u64::from(*own >= 1) * 2,                  // pop
            u64::from(*own >= 2) * 6,                  // binary
            u64::from(*own >= 1) * 2,                  // div or mod
            u64::from(depth >= 1 && room) * 2,         // dup
            u64::from(*own >= 2) * 2,                  // swap
            u64::from(depth >= 1 && room) * 2,         // pick
            u64::from(*own >= 2),                      // roll
            u64::from(*own >= 1) * 4,                  // print
            u64::from(nest) * 3,                       // counted loop
            u64::from(nest) * 2,                       // while loop
            u64::from(nest && depth >= 1) * 3,         // if/else
            u64::from(!self.functions.is_empty()) * 2, // call
            1,                                         // a deliberate run-time error
        ];
        match self.rng.weighted(&weights) {
            0 => {
                let n = self.number();
                self.line(format!("push {n}"));
                *own += 1;
                1
            }
            1 => {
                self.line("pop");
                *own -= 1;
                1
            }
            2 => {
                let op = BINARY[self.rng.below(BINARY.len() as u64) as usize];
                self.line(op);
                *own -= 1;
                1
            }
            3 => {
                let mut d = self.rng.range(-6, 6);
                if d == 0 {
                    d = -1;
                }
                self.line(format!("push {d}"));
                let text = if self.rng.chance(1, 2) { "div" } else { "mod" };
                self.line(text);
                2
            }
            4 => {
                self.line("dup");
                *own += 1;
                1
            }
            5 => {
                self.line("swap");
                1
            }
            6 => {
                let n = self.rng.below(depth as u64);
                self.line(format!("pick {n}"));
                *own += 1;
                1
            }
            7 => {
                let n = self.rng.below(*own as u64);
                self.line(format!("roll {n}"));
                1
            }
            8 => {
                self.line("print");
                *own -= 1;
                1
            }
            9 => self.counted_loop(budget, depth),
            10 => self.while_loop(budget, depth),
            11 => self.if_else(budget, depth),
            12 => self.call(budget),
            _ => self.error(visible, own),
        }
    }

    /// A rare deliberate end of the run: division by zero, `pick` out of range, a stack
    /// underflow (only where the depth is exactly known), or a top-level `return`.
    fn error(&mut self, visible: usize, own: &mut usize) -> u64 {
        if !self.rng.chance(1, 30) {
            return 0;
        }
        let depth = visible + *own;
        match self.rng.below(4) {
            0 if *own >= 1 => {
                self.line("push 0");
                let text = if self.rng.chance(1, 2) { "div" } else { "mod" };
                self.line(text);
            }
            1 if *own < MAX_OWN => {
                // Out of range where the depth is exact; elsewhere it may copy a value
                // of a caller, which is fine too.
                self.line(format!("pick {depth}"));
                *own += 1;
            }
            2 if self.exact && depth == 0 => self.line("pop"),
            3 if !self.in_function => self.line("return"),
            _ => return 0,
        }
        2
    }

    /// `push n; head: body; push 1; sub; dup; br_if head; pop` (n >= 1).
    fn counted_loop(&mut self, budget: u64, depth: usize) -> u64 {
        let count = self.loop_count();
        if count * 10 + 2 > budget {
            return 0;
        }
        let head = self.label();
        self.line(format!("push {count}"));
        self.line(format!("{head}:"));
        self.nesting += 1;
        let body_budget = budget::body_budget(budget - 2, count, 5);
        let statements = self.rng.range(1, 6) as usize;
        let body = self.block(body_budget, statements, depth + 1);
        self.nesting -= 1;
        self.line("push 1");
        self.line("sub");
        self.line("dup");
        self.line(format!("br_if {head}"));
        self.line("pop");
        budget::loop_cost(count, body, 4, 2)
    }

    /// `push n; head: dup; push 0; le; br_if end; body; push 1; sub; br head; end: pop`.
    fn while_loop(&mut self, budget: u64, depth: usize) -> u64 {
        let count = self.loop_count() - 1;
        if (count + 1) * 12 + 2 > budget {
            return 0;
        }
        let head = self.label();
        let end = self.label();
        self.line(format!("push {count}"));
        self.line(format!("{head}:"));
        self.line("dup");
        self.line("push 0");
        self.line("le");
        self.line(format!("br_if {end}"));
        self.nesting += 1;
        let body_budget = budget::body_budget(budget - 2, count + 1, 8);
        let statements = self.rng.range(1, 6) as usize;
        let body = self.block(body_budget, statements, depth + 1);
        self.nesting -= 1;
        self.line("push 1");
        self.line("sub");
        self.line(format!("br {head}"));
        self.line(format!("{end}:"));
        self.line("pop");
        budget::loop_cost(count + 1, body, 7, 2)
    }

    /// `push n; head: body; push 1; sub; dup; br_if head; pop` with n from 1100 to 1500
    /// and a small body, at the end of the main program.
    fn hot_loop(&mut self) {
        let count = self.rng.range(1100, 1500);
        let head = self.label();
        self.line(format!("push {count}"));
        self.line(format!("{head}:"));
        self.nesting += 1;
        let statements = self.rng.range(1, 3) as usize;
        self.block(12, statements, 1);
        self.nesting -= 1;
        self.line("push 1");
        self.line("sub");
        self.line("dup");
        self.line(format!("br_if {head}"));
        self.line("pop");
    }

    fn loop_count(&mut self) -> u64 {
        budget::loop_count(&mut self.rng, 5, 60)
    }

    /// `pick i; push k; cmp; br_if then; else-body; br end; then: then-body; end:`.
    fn if_else(&mut self, budget: u64, depth: usize) -> u64 {
        if budget < 12 {
            return 0;
        }
        let then = self.label();
        let end = self.label();
        let i = self.rng.below(depth as u64);
        let k = self.rng.range(-5, 5);
        let cmp = COMPARE[self.rng.below(COMPARE.len() as u64) as usize];
        self.line(format!("pick {i}"));
        self.line(format!("push {k}"));
        self.line(cmp);
        self.line(format!("br_if {then}"));
        let half = (budget - 6) / 2;
        self.nesting += 1;
        let statements = self.rng.range(0, 4) as usize;
        let otherwise = self.block(half, statements, depth);
        self.nesting -= 1;
        self.line(format!("br {end}"));
        self.line(format!("{then}:"));
        self.nesting += 1;
        let statements = self.rng.range(0, 4) as usize;
        let then_cost = self.block(half, statements, depth);
        self.nesting -= 1;
        self.line(format!("{end}:"));
        otherwise.max(then_cost) + 6
    }

    /// A call of a function made before: `call F` or, for a recursive one,
    /// `push n; call F; pop`.
    fn call(&mut self, budget: u64) -> u64 {
        let index = self.rng.below(self.functions.len() as u64) as usize;
        let (name, recursive, cost) = {
            let f = &self.functions[index];
            (f.name.clone(), f.recursive, f.cost)
        };
        if recursive {
            let levels = self.rng.range(0, 12) as u64;
            let total = (levels + 1) * cost + 3;
            if total > budget {
                return 0;
            }
            self.line(format!("push {levels}"));
            self.line(format!("call {name}"));
            self.line("pop");
            total
        } else {
            if cost + 1 > budget {
                return 0;
            }
            self.line(format!("call {name}"));
            cost + 1
        }
    }
}

/// Runs the bytecode `code` as the core does, for at most `fuel` instructions; the
/// outcome and the output, or `None` when the fuel ran out.
pub fn reference(code: &[i64], fuel: u64) -> Option<(Outcome, Vec<u8>)> {
    let mut stack: Vec<i64> = Vec::new();
    let mut returns: Vec<usize> = Vec::new();
    let mut output = Vec::new();
    let mut pc = 0usize;
    let end = |status, pc| Outcome { status, pc };
    for _ in 0..fuel {
        let Some(&opcode) = code.get(pc) else {
            return Some((end(Status::Halted, pc), output));
        };
        let start = pc;
        pc += 1;
        let operand = code.get(pc).copied().unwrap_or(0);
        macro_rules! fail {
            ($status:expr) => {
                return Some((end($status, start), output))
            };
        }
        macro_rules! pop2 {
            () => {{
                if stack.len() < 2 {
                    fail!(Status::StackUnderflow);
                }
                let b = stack.pop().unwrap_or(0);
                let a = stack.pop().unwrap_or(0);
                (a, b)
            }};
        }
        match opcode {
            core::PUSH => {
                pc += 1;
                if stack.len() >= core::MAX_STACK_DEPTH {
                    fail!(Status::StackOverflow);
                }
                stack.push(operand);
            }
            core::POP => {
                if stack.pop().is_none() {
                    fail!(Status::StackUnderflow);
                }
            }
            core::SWAP => {
                let (a, b) = pop2!();
                stack.push(b);
                stack.push(a);
            }
            core::ROLL => {
                pc += 1;
                let len = stack.len();
                if operand < 0 || operand as usize >= len {
                    fail!(Status::PickOutOfRange);
                }
                let value = stack.remove(len - 1 - operand as usize);
                stack.push(value);
            }
            core::PICK => {
                pc += 1;
                let len = stack.len();
                if operand < 0 || operand as usize >= len {
                    fail!(Status::PickOutOfRange);
                }
                if len >= core::MAX_STACK_DEPTH {
                    fail!(Status::StackOverflow);
                }
                stack.push(stack[len - 1 - operand as usize]);
            }
            core::DUP => match stack.last() {
                Some(_) if stack.len() >= core::MAX_STACK_DEPTH => fail!(Status::StackOverflow),
                Some(&v) => stack.push(v),
                None => fail!(Status::StackUnderflow),
            },
            core::ADD | core::SUB | core::MUL | core::DIV | core::MOD => {
                let (a, b) = pop2!();
                let value = match opcode {
                    core::ADD => a.wrapping_add(b),
                    core::SUB => a.wrapping_sub(b),
                    core::MUL => a.wrapping_mul(b),
                    _ if b == 0 => fail!(Status::DivisionByZero),
                    core::DIV => a.wrapping_div(b),
                    _ => a.wrapping_rem(b),
                };
                stack.push(value);
            }
            core::EQ | core::NE | core::LT | core::LE | core::GT | core::GE => {
                let (a, b) = pop2!();
                let truth = match opcode {
                    core::EQ => a == b,
                    core::NE => a != b,
                    core::LT => a < b,
                    core::LE => a <= b,
                    core::GT => a > b,
                    _ => a >= b,
                };
                stack.push(i64::from(truth));
            }
            core::BR_IF => {
                pc += 1;
                match stack.pop() {
                    Some(0) => {}
                    Some(_) => pc = operand as usize,
                    None => fail!(Status::StackUnderflow),
                }
            }
            core::BR => pc = operand as usize,
            core::CALL => {
                if returns.len() >= core::MAX_CALL_DEPTH {
                    fail!(Status::CallStackOverflow);
                }
                returns.push(pc + 1);
                pc = operand as usize;
            }
            core::RETURN => match returns.pop() {
                Some(back) => pc = back,
                None => fail!(Status::Halted),
            },
            core::PRINT => match stack.pop() {
                Some(v) => output.extend_from_slice(format!("{v}\n").as_bytes()),
                None => fail!(Status::StackUnderflow),
            },
            core::HALT => fail!(Status::Halted),
            _ => fail!(Status::BadBytecode),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_programs_assemble_and_terminate() {
        for seed in 0..300 {
            let case = generate(seed);
            let code = match tl::asm::assemble(&case.source) {
                Ok(a) => a.code,
                Err(e) => panic!("seed {seed} does not assemble: {e:?}\n{}", case.source),
            };
            assert!(
                reference(&code, FUEL).is_some(),
                "seed {seed} runs too long:\n{}",
                case.source
            );
        }
    }

    #[test]
    fn minimizing_keeps_programs_valid() {
        // A stand-in for a mismatch: the program prints a negative number.
        let prints_negative = |case: &Case| {
            reference_run(case).is_ok_and(|(_, out)| String::from_utf8_lossy(&out).contains('-'))
        };
        let seed = (0..500)
            .find(|s| prints_negative(&generate(*s)))
            .expect("some seed prints a negative number");
        let small = minimize_by(&generate(seed), prints_negative);
        assert!(prints_negative(&small), "{}", small.source);
        assert!(
            small.source.lines().count() <= 3,
            "seed {seed} minimized to\n{}",
            small.source
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_program() {
        assert_eq!(generate(42), generate(42));
        assert_ne!(generate(42), generate(43));
    }

    #[test]
    fn the_reference_agrees_with_the_core_on_the_examples() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tl/examples");
        for name in ["arithmetic", "comparisons", "factorial_rec", "nested_loops"] {
            let source = std::fs::read_to_string(root.join(format!("{name}.tl"))).unwrap();
            let expected = std::fs::read(root.join(format!("{name}.out"))).unwrap();
            let code = tl::asm::assemble(&source).unwrap().code;
            let (outcome, output) = reference(&code, 1_000_000).expect("terminates");
            assert_eq!(outcome.status, Status::Halted, "{name}");
            assert_eq!(output, expected, "{name}");
        }
    }
}
