//! `jit::init_from_env` creates the thread's GC heap from `PYRITE_GC_*` and reports a
//! malformed value with the variable's name. (A file of its own: it sets the
//! environment of the process.)

#[test]
fn gc_settings_come_from_the_environment_and_bad_values_are_errors() {
    std::env::set_var("PYRITE_GC_NURSERY", "4XB");
    let err = std::thread::spawn(jitsupport::jit::init_from_env)
        .join()
        .expect("the thread runs")
        .expect_err("a malformed size is an error");
    assert!(
        err.contains("PYRITE_GC_NURSERY=`4XB` is not valid: expected a size such as 4MB"),
        "{err}"
    );
    std::env::set_var("PYRITE_GC_NURSERY", "128KB");
    let nursery = std::thread::spawn(|| {
        jitsupport::jit::init_from_env().expect("valid settings");
        jitsupport::gc::settings().nursery
    })
    .join()
    .expect("the thread runs");
    assert_eq!(nursery, 128 << 10);
}
