//! Tests of the JIT parameters: defaults, the `PYRITE_JIT` text form (parsing, printing,
//! round trips), its errors, and the process-wide setter.

use jitsupport::jit::{self, EnabledOpts, JitParams, Opt, ParamError};

#[test]
fn defaults_are_rpythons() {
    let p = JitParams::default();
    assert!(p.enabled);
    assert_eq!(p.threshold, 1039);
    assert_eq!(p.function_threshold, 1619);
    assert_eq!(p.trace_eagerness, 200);
    assert_eq!(p.decay, 40);
    assert_eq!(p.trace_limit, 6000);
    assert!(p.inlining);
    assert_eq!(p.enable_opts, EnabledOpts::ALL);
    assert_eq!(p.loop_longevity, 1000);
    assert_eq!(p.disable_unrolling, 200);
    assert_eq!(p.max_unroll_recursion, 7);
}

#[test]
fn default_text_form() {
    assert_eq!(
        JitParams::default().to_string(),
        "threshold=1039,function_threshold=1619,trace_eagerness=200,decay=40,\
         trace_limit=6000,inlining=true,enable_opts=all,loop_longevity=1000,\
         disable_unrolling=200,max_unroll_recursion=7,compile_budget=10,compile_allowance=2,\
         memory_limit=0"
    );
}

#[test]
fn parse_the_designs_examples() {
    let p = JitParams::parse("threshold=3,trace_eagerness=2").unwrap();
    assert_eq!(p.threshold, 3);
    assert_eq!(p.trace_eagerness, 2);
    assert_eq!(p.function_threshold, 1619);

    let p = JitParams::parse("off").unwrap();
    assert!(!p.enabled);
    assert_eq!(p.threshold, 1039);

    let p = JitParams::parse("enable_opts=intbounds:rewrite").unwrap();
    let opts: Vec<Opt> = p.enable_opts.iter().collect();
    assert_eq!(opts, [Opt::Intbounds, Opt::Rewrite]);
}

#[test]
fn parse_tolerates_whitespace() {
    let p = JitParams::parse("  threshold = 3 , trace_eagerness=\t2  ").unwrap();
    assert_eq!((p.threshold, p.trace_eagerness), (3, 2));
    assert_eq!(JitParams::parse("").unwrap(), JitParams::default());
    assert_eq!(JitParams::parse("  ").unwrap(), JitParams::default());
    let p = JitParams::parse("enable_opts= unroll : intbounds ").unwrap();
    assert_eq!(p.enable_opts.to_string(), "intbounds:unroll");
}

#[test]
fn empty_items_and_duplicates_are_errors() {
    for text in [
        "threshold=3,,decay=40",
        "threshold=3,",
        ",threshold=3",
        " , ",
    ] {
        let e = JitParams::parse(text).unwrap_err().to_string();
        assert!(e.contains("an empty item in"), "{text}: {e}");
        assert!(e.contains("remove the extra comma"), "{text}: {e}");
    }
    let e = JitParams::parse("threshold=3,threshold=4").unwrap_err();
    assert_eq!(
        e.to_string(),
        "PYRITE_JIT: parameter 'threshold' is given twice; keep one of the two"
    );
    // `default` starts afresh.
    let p = JitParams::parse("threshold=3,default,threshold=4").unwrap();
    assert_eq!(p.threshold, 4);
    // `off` keeps what is set, for when the JIT is turned on again.
    let p = JitParams::parse("off,threshold=3").unwrap();
    assert!(!p.enabled);
    assert_eq!(p.threshold, 3);
}

#[test]
fn words_off_on_default() {
    let p = JitParams::parse("threshold=5,off").unwrap();
    assert!(!p.enabled);
    assert_eq!(p.threshold, 5);
    let p = JitParams::parse("off,on").unwrap();
    assert!(p.enabled);
    let p = JitParams::parse("threshold=5,off,default,trace_limit=9").unwrap();
    assert!(p.enabled);
    assert_eq!(p.threshold, 1039);
    assert_eq!(p.trace_limit, 9);
    // A later item does not silently win: giving a parameter twice is an error.
    assert!(JitParams::parse("threshold=5,threshold=6").is_err());
}

#[test]
fn enable_opts_forms() {
    assert_eq!(EnabledOpts::parse("all").unwrap(), EnabledOpts::ALL);
    assert_eq!(EnabledOpts::parse("").unwrap(), EnabledOpts::NONE);
    assert_eq!(EnabledOpts::NONE.to_string(), "");
    let all_by_name = "intbounds:rewrite:virtualize:pure:heap:unroll";
    assert_eq!(EnabledOpts::parse(all_by_name).unwrap(), EnabledOpts::ALL);
    let some = EnabledOpts::ALL.without(Opt::Unroll).without(Opt::Heap);
    assert_eq!(some.to_string(), "intbounds:rewrite:virtualize:pure");
    assert!(some.contains(Opt::Pure) && !some.contains(Opt::Heap));
    let p = JitParams::parse("enable_opts=").unwrap();
    assert_eq!(p.enable_opts, EnabledOpts::NONE);
    for opt in Opt::ALL {
        assert_eq!(Opt::from_name(opt.name()), Some(opt));
    }
}

#[test]
fn round_trips() {
    let texts = [
        "",
        "off",
        "threshold=1,trace_eagerness=1",
        "threshold=0,function_threshold=0,decay=1000,inlining=0",
        "enable_opts=",
        "enable_opts=virtualize:heap,off,trace_limit=4294967295",
        "decay=0,loop_longevity=0,disable_unrolling=0,max_unroll_recursion=0",
    ];
    for text in texts {
        let p = JitParams::parse(text).unwrap();
        let printed = p.to_string();
        let again = JitParams::parse(&printed)
            .unwrap_or_else(|e| panic!("{printed:?} does not parse back: {e}"));
        assert_eq!(p, again, "{text:?} printed as {printed:?}");
        assert_eq!(printed, again.to_string());
    }
}

#[test]
fn get_and_set_param() {
    let mut p = JitParams::default();
    p.set_param("threshold", " 7 ").unwrap();
    assert_eq!(p.get_param("threshold").as_deref(), Some("7"));
    p.set_param("inlining", "false").unwrap();
    assert_eq!(p.get_param("inlining").as_deref(), Some("false"));
    p.set_param("enable_opts", "pure").unwrap();
    assert_eq!(p.get_param("enable_opts").as_deref(), Some("pure"));
    assert_eq!(p.get_param("nope"), None);
    for name in JitParams::NAMES {
        let value = p.get_param(name).unwrap();
        let mut q = JitParams::default();
        q.set_param(name, &value).unwrap();
        assert_eq!(q.get_param(name), Some(value));
    }
}

#[test]
fn unknown_parameter_is_named_with_the_known_ones() {
    let err = JitParams::parse("treshold=3").unwrap_err();
    assert_eq!(
        err.to_string(),
        "PYRITE_JIT: unknown parameter 'treshold' (did you mean 'threshold'?); known: \
         threshold, function_threshold, trace_eagerness, decay, trace_limit, inlining, \
         enable_opts, loop_longevity, disable_unrolling, max_unroll_recursion, \
         compile_budget, compile_allowance, memory_limit, and the words off, on, default"
    );
    let err = JitParams::parse("bogus").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("PYRITE_JIT: unknown parameter 'bogus'; known: threshold,"),
        "{err}"
    );
}

#[test]
fn bad_values_name_parameter_value_and_range() {
    let cases = [
        (
            "threshold=abc",
            "PYRITE_JIT: bad value 'abc' for parameter 'threshold': expected an integer from 0 to 4294967295",
        ),
        (
            "threshold=-1",
            "PYRITE_JIT: bad value '-1' for parameter 'threshold': expected an integer from 0 to 4294967295",
        ),
        (
            "decay=1001",
            "PYRITE_JIT: bad value '1001' for parameter 'decay': expected an integer from 0 to 1000",
        ),
        (
            "trace_limit=0",
            "PYRITE_JIT: bad value '0' for parameter 'trace_limit': expected an integer from 1 to 4294967295",
        ),
        (
            "threshold=99999999999",
            "PYRITE_JIT: bad value '99999999999' for parameter 'threshold': expected an integer from 0 to 4294967295",
        ),
        (
            "inlining=maybe",
            "PYRITE_JIT: bad value 'maybe' for parameter 'inlining': expected 1 or 0 (or true/false, on/off)",
        ),
        (
            "enable_opts=intbounds:fold",
            "PYRITE_JIT: bad value 'intbounds:fold' for parameter 'enable_opts': unknown optimization \
             'fold'; known: intbounds, rewrite, virtualize, pure, heap, unroll (joined by ':', or 'all')",
        ),
        (
            "threshold",
            "PYRITE_JIT: parameter 'threshold' needs a value: write threshold=VALUE",
        ),
        (
            "threshold=",
            "PYRITE_JIT: bad value '' for parameter 'threshold': expected an integer from 0 to 4294967295",
        ),
    ];
    for (text, expected) in cases {
        let err = JitParams::parse(text).unwrap_err();
        assert_eq!(err.to_string(), expected, "for {text:?}");
    }
}

#[test]
fn all_errors_are_reported_and_nothing_changes() {
    let err = JitParams::parse("threshold=x,treshold=1,decay=2000,trace_limit=5").unwrap_err();
    assert_eq!(err.0.len(), 3);
    let lines: Vec<String> = err.to_string().lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].contains("'threshold'"));
    assert!(lines[1].contains("'treshold'"));
    assert!(lines[2].contains("'decay'"));

    let mut p = JitParams::default();
    assert!(p.apply("trace_limit=5,threshold=x").is_err());
    assert_eq!(p, JitParams::default());
    assert!(matches!(
        p.set_param("decay", "x"),
        Err(ParamError::BadValue { name: "decay", .. })
    ));
    assert_eq!(p, JitParams::default());
}

/// The one test touching the process-wide parameters and the environment (tests of one
/// binary run in parallel threads).
#[test]
fn process_wide_parameters_and_environment() {
    std::env::set_var("PYRITE_JIT", "threshold=5, trace_eagerness=4");
    assert_eq!(JitParams::from_env().unwrap().threshold, 5);
    jit::params::init_from_env().unwrap();
    assert_eq!(jit::params().threshold, 5);
    assert_eq!(jit::params().trace_eagerness, 4);

    let generation = jit::params::generation();
    jit::set_param("threshold", "3").unwrap();
    assert_eq!(jit::params().threshold, 3);
    assert_ne!(jit::params::generation(), generation);

    let generation = jit::params::generation();
    let err = jit::set_param("threshold", "three").unwrap_err();
    assert!(err.to_string().contains("'three'"));
    assert_eq!(jit::params().threshold, 3);
    assert_eq!(jit::params::generation(), generation);

    jit::set_param("off", "").unwrap();
    assert!(!jit::params().enabled);
    jit::set_param("on", "").unwrap();
    assert!(jit::params().enabled);
    jit::set_param("default", "").unwrap();
    assert_eq!(jit::params(), JitParams::default());

    std::env::set_var("PYRITE_JIT", "treshold=3");
    let err = JitParams::from_env().unwrap_err();
    assert!(err.to_string().contains("did you mean 'threshold'"));
    std::env::remove_var("PYRITE_JIT");
    assert_eq!(JitParams::from_env().unwrap(), JitParams::default());
}
