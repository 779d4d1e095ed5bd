//! A simulation in place of time, for the thread that installs it: every
//! blocking call of this crate on that thread (`Future::result`, `wait`,
//! `as_completed`, `map`'s results) drives the simulation to its next moment
//! instead of sleeping, and its timeouts are measured on the simulation's
//! clock. The same program code then runs on real threads and on a
//! discrete-event model of them.

use std::cell::RefCell;
use std::rc::Rc;

/// A discrete-event simulation that blocking calls drive.
pub trait Simulation {
    /// The simulation's time, in nanoseconds.
    fn now_ns(&self) -> u64;

    /// Plays everything that happens at the simulation's next moment, if that
    /// moment is not later than `until_ns` (no limit with `None`), and returns
    /// true. Returns false if nothing happens by then; the simulation's time
    /// is then `until_ns` (when given).
    fn step(&self, until_ns: Option<u64>) -> bool;

    /// A blocking call of the simulation's thread has waited (it stepped
    /// the simulation) and is about to return: the thread goes on once it
    /// may, the simulation playing on meanwhile. CPython's `MainThread`
    /// needs the GIL to go on, for one; by default it goes on at once.
    fn resumed(&self) {}
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<dyn Simulation>>> = const { RefCell::new(None) };
}

/// Runs `body` with `simulation` in place of time on this thread, then puts
/// back what was there before (also if `body` panics).
///
/// # Examples
///
/// ```
/// use std::cell::Cell;
/// use std::rc::Rc;
/// use std::time::Duration;
/// use futures_lab_core::{simulated, Future, Simulation};
///
/// /// Finishes one future at t = 2 s.
/// struct Later { now: Cell<u64>, future: Future<u32> }
/// impl Simulation for Later {
///     fn now_ns(&self) -> u64 { self.now.get() }
///     fn step(&self, until_ns: Option<u64>) -> bool {
///         if self.future.done() || until_ns.is_some_and(|t| t < 2_000_000_000) {
///             self.now.set(until_ns.unwrap_or(self.now.get()).max(self.now.get()));
///             return false;
///         }
///         self.now.set(2_000_000_000);
///         self.future.set_result(7).unwrap();
///         true
///     }
/// }
/// let future = Future::new();
/// let later = Rc::new(Later { now: Cell::new(0), future: future.clone() });
/// simulated(later.clone(), || {
///     assert!(future.result(Some(Duration::from_secs(1))).is_err()); // TimeoutError at t = 1 s
///     assert_eq!(later.now_ns(), 1_000_000_000);
///     assert_eq!(future.result(None).unwrap(), 7);
/// });
/// assert_eq!(later.now_ns(), 2_000_000_000);
/// ```
pub fn simulated<R>(simulation: Rc<dyn Simulation>, body: impl FnOnce() -> R) -> R {
    struct Restore(Option<Rc<dyn Simulation>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|current| *current.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|current| current.borrow_mut().replace(simulation));
    let _restore = Restore(previous);
    body()
}

/// The simulation installed on this thread, if any.
pub(crate) fn current() -> Option<Rc<dyn Simulation>> {
    CURRENT.with(|current| current.borrow().clone())
}
