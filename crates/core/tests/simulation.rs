//! The blocking calls on a thread with a simulation drive it instead of
//! sleeping: their timeouts are measured on its clock, exactly, and what it
//! completes wakes them as a completion on another thread would.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::{Duration, Instant};

use futures_lab_core::{as_completed, simulated, wait, Future, ReturnWhen, Simulation, TaskError};

/// A future, when it completes, and how.
type Due = (u64, Future<u32>, Result<u32, String>);

/// Completes each future at its time: `Ok` values, or `Err` messages.
struct Schedule {
    now: Cell<u64>,
    due: RefCell<Vec<Due>>,
}

impl Schedule {
    fn new(due: Vec<Due>) -> Rc<Self> {
        Rc::new(Self {
            now: Cell::new(0),
            due: RefCell::new(due),
        })
    }
}

impl Simulation for Schedule {
    fn now_ns(&self) -> u64 {
        self.now.get()
    }

    fn step(&self, until_ns: Option<u64>) -> bool {
        let mut due = self.due.borrow_mut();
        let next = due.iter().map(|(t, _, _)| *t).min();
        match next {
            Some(t) if until_ns.is_none_or(|until| t <= until) => {
                self.now.set(t.max(self.now.get()));
                let (now, later): (Vec<_>, Vec<_>) = due.drain(..).partition(|(at, _, _)| *at == t);
                *due = later;
                drop(due);
                for (_, future, outcome) in now {
                    match outcome {
                        Ok(value) => future.set_result(value).unwrap(),
                        Err(message) => future
                            .set_exception(TaskError::new("ValueError", message))
                            .unwrap(),
                    }
                }
                true
            }
            _ => {
                if let Some(until) = until_ns {
                    self.now.set(until.max(self.now.get()));
                }
                false
            }
        }
    }
}

const MS: u64 = 1_000_000;

#[test]
fn as_completed_yields_in_simulated_order_and_times_out_at_its_simulated_deadline() {
    let futures: Vec<Future<u32>> = (0..3).map(|_| Future::new()).collect();
    let schedule = Schedule::new(vec![
        (300 * MS, futures[0].clone(), Ok(0)),
        (100 * MS, futures[1].clone(), Ok(1)),
        (9_000 * MS, futures[2].clone(), Err("late".into())),
    ]);
    let began = Instant::now();
    let (yielded, error) = simulated(schedule.clone(), || {
        let mut yielded = Vec::new();
        for next in as_completed(&futures, Some(Duration::from_millis(500))) {
            match next {
                Ok(future) => yielded.push(future.result(None).unwrap()),
                Err(error) => return (yielded, Some(error.to_string())),
            }
        }
        (yielded, None)
    });
    assert_eq!(yielded, vec![1, 0]);
    assert_eq!(
        error.as_deref(),
        Some("TimeoutError: 1 (of 3) futures unfinished")
    );
    assert_eq!(
        schedule.now_ns(),
        500 * MS,
        "the timeout is exact on the simulated clock"
    );
    assert!(began.elapsed() < Duration::from_secs(1), "no real waiting");
    assert!(!futures[2].done());
}

#[test]
fn wait_returns_when_its_condition_holds_on_the_simulated_clock() {
    let futures: Vec<Future<u32>> = (0..3).map(|_| Future::new()).collect();
    let schedule = Schedule::new(vec![
        (200 * MS, futures[0].clone(), Ok(0)),
        (250 * MS, futures[1].clone(), Err("bad".into())),
        (400 * MS, futures[2].clone(), Ok(2)),
    ]);
    simulated(schedule.clone(), || {
        let first = wait(&futures, None, ReturnWhen::FirstCompleted);
        assert_eq!((first.done.len(), schedule.now_ns()), (1, 200 * MS));
        let exception = wait(&futures, None, ReturnWhen::FirstException);
        assert_eq!((exception.done.len(), schedule.now_ns()), (2, 250 * MS));
        let timed_out = wait(
            &futures,
            Some(Duration::from_millis(100)),
            ReturnWhen::AllCompleted,
        );
        assert_eq!((timed_out.not_done.len(), schedule.now_ns()), (1, 350 * MS));
        let all = wait(&futures, None, ReturnWhen::AllCompleted);
        assert_eq!((all.not_done.len(), schedule.now_ns()), (0, 400 * MS));
    });
}

#[test]
fn a_wait_for_what_never_happens_ends_instead_of_hanging() {
    let never: Future<u32> = Future::new();
    let schedule = Schedule::new(Vec::new());
    let outcome = simulated(schedule, || never.result(None));
    assert_eq!(
        outcome.unwrap_err().kind(),
        futures_lab_core::ErrorKind::Timeout
    );
}

#[test]
fn without_a_simulation_the_thread_waits_in_real_time_again() {
    let future: Future<u32> = Future::new();
    simulated(Schedule::new(Vec::new()), || ());
    let began = Instant::now();
    assert!(future.result(Some(Duration::from_millis(30))).is_err());
    assert!(began.elapsed() >= Duration::from_millis(30));
}

#[test]
fn as_completed_for_what_never_happens_ends_instead_of_spinning() {
    let never: Future<u32> = Future::new();
    let done: Future<u32> = Future::new();
    done.set_result(1).unwrap();
    let schedule = Schedule::new(Vec::new());
    let seen: Vec<Result<u32, String>> = simulated(schedule, || {
        as_completed(&[done.clone(), never.clone()], None)
            .map(|next| {
                next.map(|f| f.result(None).unwrap())
                    .map_err(|e| e.to_string())
            })
            .collect()
    });
    assert_eq!(
        seen,
        vec![
            Ok(1),
            Err("TimeoutError: 1 (of 2) futures unfinished".to_owned())
        ]
    );
}
