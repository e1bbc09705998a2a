//! The command line of `python-c`: `python-c [--dis] PROGRAM.py ARGS...` or
//! `python-c [--dis] -c CODE ARGS...`.
//!
//! Options come before the program; everything after it is the program's `sys.argv`
//! (`sys.argv[0]` is the program's path, or `-c`, as CPython gives it). Exit codes: 1
//! when the program does not compile (the error printed as CPython prints it), 2 for
//! bad usage or an unreadable file. `--dis` prints the bytecode instead of running.

use crate::compile;
use std::process::ExitCode;

const USAGE: &str = "usage: python-c [--dis] (PROGRAM.py | -c CODE) [ARGS...]\n\
    Runs a Python 3 program. Options:\n  \
    -c CODE   the program is CODE (sys.argv[0] is '-c')\n  \
    --dis     print the program's bytecode instead of running it\n  \
    -h        this help\n";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub struct Invocation {
    /// Print the disassembly instead of running.
    pub dis: bool,
    /// The program: a file, or the text after `-c`.
    pub program: Program,
    /// `sys.argv`.
    pub argv: Vec<String>,
}

/// Where the program comes from.
#[derive(Debug, PartialEq, Eq)]
pub enum Program {
    File(String),
    Code(String),
}

/// Reads the arguments after the binary's name. `Ok(None)` asks for the help text;
/// an error is a message for bad usage.
pub fn parse_args(args: &[String]) -> Result<Option<Invocation>, String> {
    let mut dis = false;
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-h" | "--help" => return Ok(None),
            "--dis" => dis = true,
            "-c" => {
                let Some(code) = args.get(i + 1) else {
                    return Err("argument expected for the -c option".to_string());
                };
                let mut argv = vec!["-c".to_string()];
                argv.extend(args[i + 2..].iter().cloned());
                return Ok(Some(Invocation {
                    dis,
                    program: Program::Code(code.clone()),
                    argv,
                }));
            }
            "-" => {
                return Err("reading the program from standard input is not supported".to_string())
            }
            _ if a.starts_with('-') => return Err(format!("unknown option `{a}`")),
            _ => {
                return Ok(Some(Invocation {
                    dis,
                    program: Program::File(a.to_string()),
                    argv: args[i..].to_vec(),
                }))
            }
        }
        i += 1;
    }
    Err("no program given".to_string())
}

/// Runs the command line and returns the exit code.
pub fn main() -> ExitCode {
    let args: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect::<Result<Vec<_>, _>>()
    {
        Ok(a) => a,
        Err(a) => {
            eprintln!("python-c: error: argument {a:?} is not UTF-8");
            return ExitCode::from(2);
        }
    };
    let inv = match parse_args(&args) {
        Ok(Some(inv)) => inv,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprint!("python-c: error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (source, filename) = match &inv.program {
        Program::Code(code) => (code.clone(), "<string>".to_string()),
        Program::File(path) => {
            match std::fs::read(path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(s) => (s, path.clone()),
                    Err(_) => {
                        eprintln!("python-c: error: `{path}` is not UTF-8 text; a program is UTF-8 source");
                        return ExitCode::from(2);
                    }
                },
                Err(e) => {
                    eprintln!("python-c: can't open file '{path}': {e}");
                    return ExitCode::from(2);
                }
            }
        }
    };
    let code = match compile::compile_source(&source, &filename) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", e.render(&filename, &source));
            return ExitCode::from(1);
        }
    };
    // Debug builds check the bytecode's invariants on every compile.
    if cfg!(debug_assertions) && std::env::var_os("PYTHON_C_NOVERIFY").is_none() {
        if let Err(e) = compile::verify(&code) {
            eprintln!("python-c: internal error: the compiler broke a bytecode invariant: {e}");
            return ExitCode::from(70);
        }
    }
    if inv.dis {
        print!("{}", compile::disassemble(&code));
        return ExitCode::SUCCESS;
    }
    ExitCode::from(crate::run::run_program(code, &filename, &inv.argv))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn program_arguments_go_to_argv() {
        let inv = parse_args(&args(&["--dis", "p.py", "-c", "x"]))
            .unwrap()
            .unwrap();
        assert!(inv.dis);
        assert_eq!(inv.program, Program::File("p.py".into()));
        assert_eq!(inv.argv, args(&["p.py", "-c", "x"]));
        let inv = parse_args(&args(&["-c", "print(1)", "a"]))
            .unwrap()
            .unwrap();
        assert_eq!(inv.program, Program::Code("print(1)".into()));
        assert_eq!(inv.argv, args(&["-c", "a"]));
    }

    #[test]
    fn bad_usage_is_an_error() {
        assert!(parse_args(&args(&[])).is_err());
        assert!(parse_args(&args(&["-c"])).is_err());
        assert!(parse_args(&args(&["-x", "p.py"])).is_err());
        assert_eq!(parse_args(&args(&["-h"])), Ok(None));
    }
}
