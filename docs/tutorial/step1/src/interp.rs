// Step 1 of docs/tutorial.md: the plain interpreter.
#[jitsupport::interpreter]
pub mod core {
    use jitsupport::List;

    pub const RIGHT: u8 = b'>';
    pub const LEFT: u8 = b'<';
    pub const INC: u8 = b'+';
    pub const DEC: u8 = b'-';
    pub const OUTPUT: u8 = b'.';
    pub const INPUT: u8 = b',';
    pub const OPEN: u8 = b'[';
    pub const CLOSE: u8 = b']';

    /// The program: its commands.
    pub struct Program {
        pub code: List<u8>,
    }

    impl Program {
        pub fn new(code: List<u8>) -> Program {
            Program { code }
        }
    }

    /// The memory: 30000 cells of 8 bits, growing to the right, and the current one.
    pub struct Tape {
        pub cells: List<u8>,
        pub position: usize,
    }

    impl Tape {
        pub fn new() -> Tape {
            let mut cells: List<u8> = List::with_capacity(30000);
            while cells.len() < 30000 {
                cells.push(0);
            }
            Tape { cells, position: 0 }
        }

        pub fn get(&self) -> u8 {
            self.cells[self.position]
        }

        pub fn set(&mut self, value: u8) {
            let position = self.position;
            self.cells[position] = value;
        }

        pub fn right(&mut self) {
            self.position += 1;
            if self.position == self.cells.len() {
                self.cells.push(0);
            }
        }

        pub fn left(&mut self) {
            if self.position > 0 {
                self.position -= 1;
            }
        }
    }

    /// The position of the bracket paired with the one at `pc`, found by scanning the
    /// code and counting the depth.
    pub fn matching(program: &Program, pc: usize) -> usize {
        let forward = program.code[pc] == OPEN;
        let mut depth: i64 = 0;
        let mut i = pc;
        loop {
            let command = program.code[i];
            if command == OPEN {
                depth += 1;
            } else if command == CLOSE {
                depth -= 1;
            }
            if depth == 0 {
                return i;
            }
            if forward {
                i += 1;
            } else {
                i -= 1;
            }
        }
    }

    /// Runs the program on the tape; returns where it stopped.
    pub fn run(program: &Program, tape: &mut Tape) -> usize {
        let mut pc: usize = 0;
        loop {
            if pc >= program.code.len() {
                return pc;
            }
            let start = pc;
            let command = program.code[pc];
            pc += 1;
            match command {
                RIGHT => tape.right(),
                LEFT => tape.left(),
                INC => {
                    let value = tape.get();
                    tape.set(value.wrapping_add(1));
                }
                DEC => {
                    let value = tape.get();
                    tape.set(value.wrapping_sub(1));
                }
                OUTPUT => crate::common::write_byte(tape.get()),
                INPUT => tape.set(0),
                OPEN => {
                    if tape.get() == 0 {
                        pc = matching(program, start) + 1;
                    }
                }
                CLOSE => {
                    if tape.get() != 0 {
                        pc = matching(program, start) + 1;
                    }
                }
                _ => {}
            }
        }
    }
}
