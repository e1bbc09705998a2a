include!("cycle.rs");
