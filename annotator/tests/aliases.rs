//! Type aliases of an interpreter module: a core written with aliases analyses to the
//! same graphs and annotations as the same core with every alias written out, and a
//! faulty use is an error at the use.

use std::path::Path;

fn module(text: &str) -> syn::ItemMod {
    syn::parse_str(text).expect("the test module parses")
}

fn here() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/aliases.rs"))
}

/// The printed graphs of `text`, or the errors.
fn graphs(text: &str) -> String {
    match annotator::analyse_file(&module(text), Some(here())) {
        Ok(a) => {
            let mut out = annotator::print::graphs_to_string(&a.graphs);
            for f in &a.program.functions {
                let params: Vec<String> =
                    f.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
                out.push_str(&format!(
                    "sig {}({}) -> {}\n",
                    f.name,
                    params.join(", "),
                    f.ret
                ));
            }
            for s in &a.program.structs {
                for fd in &s.fields {
                    out.push_str(&format!("field {}.{}: {}\n", s.name, fd.name, fd.ty));
                }
            }
            for e in &a.program.enums {
                for v in &e.variants {
                    for fd in &v.fields {
                        out.push_str(&format!(
                            "payload {}::{}.{}: {}\n",
                            e.name, v.name, fd.name, fd.ty
                        ));
                    }
                }
            }
            out
        }
        Err(e) => format!("errors: {}", annotator::golden::errors_text(e)),
    }
}

const ALIASED: &str = r#"
mod core {
    include!("aliases/defs.rs");
    type Small = i32;
    type Opt = Option<Small>;
    type Object = Obj;
    type V = Value;
    const LIMIT: Num = 7;
    // An alias of aliases, with a default and a lifetime.
    type Pair<'a, T = Num> = R<(&'a T, Opt)>;
    use jitsupport::{Gc, GcAny};

    #[derive(Clone, Copy)]
    struct Err {
        code: i64,
    }

    struct Obj {
        value: Num,
        next: Option<R<Vec<Num>>>,
    }

    #[derive(Clone, Copy)]
    #[repr(u8)]
    enum Value {
        Int(Num),
        Float(f64),
        Obj(GcAny),
    }

    #[dont_look_inside]
    fn fetch(x: Num) -> R<Num> {
        if x < 0 { Err(Err { code: x }) } else { Ok(x) }
    }

    fn twice(x: Num) -> R<Num> {
        let a: Num = fetch(x)?;
        let b = fetch(a as Small as Num)?;
        Ok(a + b)
    }

    fn pair(x: &Num) -> Pair<'_> {
        let v = twice(*x)?;
        Ok((x, Some(v as Small)))
    }

    fn value(v: Value) -> Num {
        match v {
            Value::Int(i) => i,
            Value::Float(_) => 0,
            Value::Obj(o) => match o.downcast::<Object>() {
                Some(g) => g.value,
                None => -1,
            },
        }
    }

    fn handle(x: Num) -> Num {
        match pair(&x) {
            Ok((v, _)) => *v,
            Err(e) => e.code,
        }
    }
    impl Object {
        fn make(v: Num) -> Object {
            Object { value: v, next: None }
        }

        fn get(&self) -> Num {
            self.value
        }
    }

    fn make_value(x: Num) -> V {
        let o = Object::make(x);
        match V::Int(o.get() + LIMIT) {
            V::Int(i) => V::Int(i + 1),
            _ => V::Float(0.0),
        }
    }
}
"#;

const WRITTEN_OUT: &str = r#"
mod core {
    const LIMIT: i64 = 7;
    use jitsupport::{Gc, GcAny};

    #[derive(Clone, Copy)]
    struct Err {
        code: i64,
    }

    struct Obj {
        value: i64,
        next: Option<Result<Vec<i64>, Err>>,
    }

    #[derive(Clone, Copy)]
    #[repr(u8)]
    enum Value {
        Int(i64),
        Float(f64),
        Obj(GcAny),
    }

    #[dont_look_inside]
    fn fetch(x: i64) -> Result<i64, Err> {
        if x < 0 { Err(Err { code: x }) } else { Ok(x) }
    }

    fn twice(x: i64) -> Result<i64, Err> {
        let a: i64 = fetch(x)?;
        let b = fetch(a as i32 as i64)?;
        Ok(a + b)
    }

    fn pair(x: &i64) -> Result<(&i64, Option<i32>), Err> {
        let v = twice(*x)?;
        Ok((x, Some(v as i32)))
    }

    fn value(v: Value) -> i64 {
        match v {
            Value::Int(i) => i,
            Value::Float(_) => 0,
            Value::Obj(o) => match o.downcast::<Obj>() {
                Some(g) => g.value,
                None => -1,
            },
        }
    }

    fn handle(x: i64) -> i64 {
        match pair(&x) {
            Ok((v, _)) => *v,
            Err(e) => e.code,
        }
    }
    impl Obj {
        fn make(v: i64) -> Obj {
            Obj { value: v, next: None }
        }

        fn get(&self) -> i64 {
            self.value
        }
    }

    fn make_value(x: i64) -> Value {
        let o = Obj::make(x);
        match Value::Int(o.get() + LIMIT) {
            Value::Int(i) => Value::Int(i + 1),
            _ => Value::Float(0.0),
        }
    }
}
"#;

#[test]
fn a_core_with_aliases_analyses_as_the_core_written_out() {
    let with = graphs(ALIASED);
    let without = graphs(WRITTEN_OUT);
    assert!(!without.starts_with("errors"), "{without}");
    assert!(with.contains("Result<(&i64, Option<i32>), Err>"), "{with}");
    assert_eq!(with, without);
}

/// The errors of a module `mod m { <items> }` analysed without a file.
fn errors(items: &str) -> String {
    match annotator::analyse(&module(&format!("mod m {{\n{items}\n}}"))) {
        Ok(_) => "no errors".to_string(),
        Err(e) => annotator::golden::errors_text(e),
    }
}

#[test]
fn a_cycle_is_an_error_at_the_use() {
    let e = errors("type A = Option<B>;\ntype B = (i64, A);\nfn f(x: A, y: A) -> i64 { 0 }");
    // At the use that closes the cycle (in `B`), once for both uses in `f`.
    assert_eq!(
        e.trim(),
        "error at 3:15: the type alias `A` expands into itself (A -> B -> A); an alias cannot \
         be recursive: name a struct or enum of the module in the cycle"
    );
}

#[test]
fn a_wrong_number_of_arguments_is_an_error_at_the_use() {
    let e = errors(
        "type R<T> = Result<T, i64>;\nfn f() -> R { Ok(1) }\nfn g() -> R<i64, i64> { Ok(1) }",
    );
    assert!(
        e.contains("error at 3:10: the type alias `R` takes 1 type argument but 0 were given; write `R<T>`"),
        "{e}"
    );
    assert!(
        e.contains("error at 4:10: the type alias `R` takes 1 type argument but 2 were given; write `R<T>`"),
        "{e}"
    );
}

#[test]
fn an_alias_to_a_refused_type_is_refused_as_the_type() {
    let via_alias = errors("use jitsupport::Gc;\ntype G = Gc<i64>;\nfn f(g: G, h: G) -> i64 { 0 }");
    let written = errors("use jitsupport::Gc;\n\nfn f(g: Gc<i64>) -> i64 { 0 }");
    assert!(
        via_alias.contains("`Gc<i64>`: the JIT handles `Gc` of structs"),
        "{via_alias}"
    );
    // The same message, where the type is written: in the alias (once for two uses).
    assert_eq!(via_alias.replace("3:9", "4:8"), written);
}

#[test]
fn a_const_parameter_is_an_error_at_the_alias() {
    let e = errors("type A<const N: usize> = [i64; N];\nfn f() -> i64 { 0 }");
    assert!(
        e.contains("error at 2:7: const parameters of type aliases are not supported"),
        "{e}"
    );
}

#[test]
fn an_error_in_an_aliases_file_is_reported_at_its_include() {
    let text = "mod core {\n    include!(\"aliases/bad.rs\");\n    fn f(x: Twice) -> i64 { 0 }\n}";
    let Err(e) = annotator::analyse_file(&module(text), Some(here())) else {
        panic!("the wrong arity in the included file is an error");
    };
    let message = e.to_string();
    assert!(
        message.contains("the type alias `R` takes 1 type argument but 0 were given"),
        "{message}"
    );
    assert!(message.contains("aliases/bad.rs:3:"), "{message}");
}
