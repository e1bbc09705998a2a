//! What the program generators share: the budget of worst-case steps that bounds a
//! generated program's run time, and the size of its loops.
//!
//! A generator emits a block statement by statement, each told the steps left and
//! returning its worst-case cost ([`block`]); a loop gives its body the budget left per
//! iteration ([`body_budget`]) and costs its iterations times the body and the loop's own
//! steps ([`loop_cost`]). Loops run up to six times, now and then a few dozen ([`loop_count`]),
//! and one program in [`HOT_ONE_IN`] ends with a loop hot enough for the JIT at its
//! defaults. The reference interpreters stop after [`FUEL`] steps.

use crate::rng::Rng;

/// One program in this many ends with a *hot* loop, which runs more than the default
/// `threshold` times, so that the JIT at its defaults traces too. Its cost is beside the
/// generator's budget, within [`FUEL`].
pub const HOT_ONE_IN: u64 = 16;
/// The steps the reference interpreters allow: generous, above the generators' budgets.
pub const FUEL: u64 = 200_000;

/// Emits up to `statements` statements through `statement` (given the steps left, it
/// emits one and returns its worst-case cost), stopping when `budget` is spent; returns
/// the cost of all.
pub fn block(budget: u64, statements: usize, mut statement: impl FnMut(u64) -> u64) -> u64 {
    let mut used = 0;
    for _ in 0..statements {
        if used >= budget {
            break;
        }
        used += statement(budget - used);
    }
    used
}

/// The number of iterations of a loop: 1 to 6, and one time in `long_one_in`, 7 to
/// `long_max`.
pub fn loop_count(rng: &mut Rng, long_one_in: u64, long_max: i64) -> u64 {
    if rng.chance(1, long_one_in) {
        rng.range(7, long_max) as u64
    } else {
        rng.range(1, 6) as u64
    }
}

/// The budget of a loop body that runs `iterations` times within `left` steps, with
/// `reserved` of each iteration's steps kept for the loop itself.
pub fn body_budget(left: u64, iterations: u64, reserved: u64) -> u64 {
    (left / iterations).saturating_sub(reserved)
}

/// The worst-case cost of a loop: `iterations` times its body and the `per_iteration`
/// steps of the loop itself, and `once` steps before or after.
pub fn loop_cost(iterations: u64, body: u64, per_iteration: u64, once: u64) -> u64 {
    iterations * (body + per_iteration) + once
}

/// Whether a program ends with a hot loop (one in [`HOT_ONE_IN`]).
pub fn wants_hot_loop(rng: &mut Rng) -> bool {
    rng.chance(1, HOT_ONE_IN)
}

/// Why a case is not a valid program when the reference interpreter ran out of fuel.
pub fn out_of_fuel() -> String {
    format!("the program runs more than {FUEL} steps in the reference interpreter")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_stops_when_its_budget_is_spent() {
        let mut calls = Vec::new();
        let used = block(10, 8, |left| {
            calls.push(left);
            4
        });
        assert_eq!(calls, [10, 6, 2]);
        assert_eq!(used, 12);
        assert_eq!(block(10, 0, |_| 4), 0);
    }

    #[test]
    fn loops_are_short_and_sometimes_long() {
        let mut rng = Rng::new(5);
        let counts: Vec<u64> = (0..400).map(|_| loop_count(&mut rng, 5, 60)).collect();
        assert!(counts
            .iter()
            .all(|&c| (1..=6).contains(&c) || (7..=60).contains(&c)));
        assert!(counts.iter().any(|&c| c >= 7));
        assert!(counts.iter().filter(|&&c| c <= 6).count() > 250);
    }

    #[test]
    fn body_budgets_leave_room_for_the_loop() {
        assert_eq!(body_budget(100, 10, 4), 6);
        assert_eq!(body_budget(30, 10, 4), 0);
        assert_eq!(loop_cost(10, 6, 4, 2), 102);
    }
}
