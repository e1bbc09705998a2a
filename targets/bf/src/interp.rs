// The interpreter core of bf. This file holds ONE inline module and nothing else: the
// build script copies it without its `#[jitsupport::interpreter]` line to make the plain
// core (`bf::plain`), so it has no inner doc comment and its doc is the module's outer doc.

/// The JIT-visible core of bf: the program, the tape and the dispatch loop.
///
/// A [`Program`] is the list of the program's commands (the eight characters
/// `><+-.,[]`; the loader, `crate::load`, drops everything else) and its bracket map:
/// for every `[` the position of its `]` and the other way round. The loader only makes
/// balanced programs; [`interpret`] still checks the map first ([`first_bad_bracket`])
/// and reports a bad one as [`Status::BadProgram`], so that the dispatch loop can jump
/// without checks.
///
/// The tape starts with [`TAPE_SIZE`] cells of 8 bits that wrap around, and grows to the
/// right when the program moves past its end. Moving left of cell 0 ends the run with
/// [`Status::MovedLeftOfTape`]. Errors of the user's program are never panics: [`run`]
/// returns them as an [`Outcome`].
#[jitsupport::interpreter]
pub mod core {
    use jitsupport::{JitDriver, List};

    /// `>`: moves to the cell on the right.
    pub const RIGHT: u8 = b'>';
    /// `<`: moves to the cell on the left.
    pub const LEFT: u8 = b'<';
    /// `+`: adds 1 to the current cell, wrapping 255 to 0.
    pub const INC: u8 = b'+';
    /// `-`: subtracts 1 from the current cell, wrapping 0 to 255.
    pub const DEC: u8 = b'-';
    /// `.`: writes the current cell as a byte.
    pub const OUTPUT: u8 = b'.';
    /// `,`: reads a byte into the current cell; 0 at the end of the input.
    pub const INPUT: u8 = b',';
    /// `[`: jumps past the matching `]` when the current cell is 0.
    pub const OPEN: u8 = b'[';
    /// `]`: jumps back past the matching `[` when the current cell is not 0.
    pub const CLOSE: u8 = b']';

    /// The number of cells of a fresh tape.
    pub const TAPE_SIZE: usize = 30000;

    static DRIVER: JitDriver = JitDriver::new(&["pc", "program"], &["tape"]);

    /// How a run ended.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    #[repr(u8)]
    pub enum Status {
        /// The program ran past its last command.
        Halted,
        /// `<` on cell 0.
        MovedLeftOfTape,
        /// A command that is not one of the eight, or a bracket map that does not pair
        /// the brackets (the loader never makes them).
        BadProgram,
    }

    /// The end of a run: its status and the position of the command that ended it (the
    /// number of commands when the program halted).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Outcome {
        pub status: Status,
        pub pc: usize,
    }

    /// A loaded program. It never changes while it runs: it is green.
    pub struct Program {
        /// The commands, comments removed.
        #[immutable]
        pub code: List<u8>,
        /// For a bracket at `pc`, the position of its partner; 0 for other commands.
        #[immutable]
        pub brackets: List<usize>,
    }

    impl Program {
        pub fn new(code: List<u8>, brackets: List<usize>) -> Program {
            Program { code, brackets }
        }
    }

    /// The memory of a run: the cells and the position of the current one.
    pub struct Tape {
        pub cells: List<u8>,
        pub position: usize,
    }

    impl Tape {
        /// A tape of [`TAPE_SIZE`] zero cells, at cell 0.
        pub fn new() -> Tape {
            let mut cells: List<u8> = List::with_capacity(TAPE_SIZE);
            while cells.len() < TAPE_SIZE {
                cells.push(0);
            }
            Tape { cells, position: 0 }
        }

        /// The current cell.
        pub fn get(&self) -> u8 {
            self.cells[self.position]
        }

        /// Stores `value` in the current cell.
        pub fn set(&mut self, value: u8) {
            let position = self.position;
            self.cells[position] = value;
        }

        /// Moves one cell right, adding a zero cell when the tape ends there.
        pub fn right(&mut self) {
            self.position += 1;
            if self.position == self.cells.len() {
                self.cells.push(0);
            }
        }

        /// Moves one cell left; false (and no move) on cell 0.
        pub fn left(&mut self) -> bool {
            if self.position == 0 {
                return false;
            }
            self.position -= 1;
            true
        }
    }

    impl Default for Tape {
        fn default() -> Tape {
            Tape::new()
        }
    }

    /// The command at `pc`, which must be in the code. The code is an `#[immutable]`
    /// list, so with the program and the pc green, the JIT folds the read to a
    /// constant.
    pub fn fetch(program: &Program, pc: usize) -> u8 {
        program.code[pc]
    }

    /// The position of the bracket paired with the one at `pc`. As for [`fetch`], with
    /// green arguments the JIT folds the read of the `#[immutable]` bracket map away,
    /// as the RPython tutorial's `get_matching_bracket` is.
    pub fn matching(program: &Program, pc: usize) -> usize {
        program.brackets[pc]
    }

    /// The position of the first command of `program` that is not one of the eight, or
    /// of the first bracket whose partner in the bracket map is not a bracket of the
    /// other kind pointing back at it; the number of commands when there is none.
    pub fn first_bad_bracket(program: &Program) -> usize {
        let len = program.code.len();
        if program.brackets.len() != len {
            return 0;
        }
        let mut pc: usize = 0;
        while pc < len {
            let command = program.code[pc];
            if command == OPEN || command == CLOSE {
                let partner = program.brackets[pc];
                if partner >= len || program.brackets[partner] != pc {
                    return pc;
                }
                let other = program.code[partner];
                if command == OPEN && (other != CLOSE || partner < pc) {
                    return pc;
                }
                if command == CLOSE && (other != OPEN || partner > pc) {
                    return pc;
                }
            } else if command != RIGHT
                && command != LEFT
                && command != INC
                && command != DEC
                && command != OUTPUT
                && command != INPUT
            {
                return pc;
            }
            pc += 1;
        }
        len
    }

    /// Checks `program`, then runs it from its first command on a fresh tape.
    pub fn interpret(program: &Program) -> Outcome {
        let bad = first_bad_bracket(program);
        if bad < program.code.len() {
            return failure(Status::BadProgram, bad);
        }
        let mut tape = Tape::new();
        run(program, &mut tape)
    }

    /// The dispatch loop: runs `program` from its first command on `tape` until it
    /// halts or fails. The program must be well-formed (see [`first_bad_bracket`]):
    /// jumps are taken without checks.
    pub fn run(program: &Program, tape: &mut Tape) -> Outcome {
        let mut pc: usize = 0;
        loop {
            jitsupport::jit_merge_point!(DRIVER; pc, program; tape);
            if pc >= program.code.len() {
                return Outcome {
                    status: Status::Halted,
                    pc,
                };
            }
            let start = pc;
            let command = fetch(program, pc);
            pc += 1;
            match command {
                RIGHT => tape.right(),
                LEFT => {
                    if !tape.left() {
                        return failure(Status::MovedLeftOfTape, start);
                    }
                }
                INC => {
                    let value = tape.get();
                    tape.set(value.wrapping_add(1));
                }
                DEC => {
                    let value = tape.get();
                    tape.set(value.wrapping_sub(1));
                }
                OUTPUT => crate::io::write_byte(tape.get()),
                INPUT => {
                    let byte: i64 = crate::io::read_byte();
                    if byte < 0 {
                        tape.set(0);
                    } else {
                        tape.set(byte as u8);
                    }
                }
                OPEN => {
                    if tape.get() == 0 {
                        pc = matching(program, start) + 1;
                    }
                }
                CLOSE => {
                    if tape.get() != 0 {
                        pc = matching(program, start) + 1;
                        jitsupport::can_enter_jit!(DRIVER; pc, program; tape);
                    }
                }
                _ => return failure(Status::BadProgram, start),
            }
        }
    }

    /// The outcome of a run that failed at `pc`.
    pub fn failure(status: Status, pc: usize) -> Outcome {
        Outcome { status, pc }
    }
}
