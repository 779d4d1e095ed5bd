//! CONFORMANCE.md C39 (CPython's test_pending_calls_race): many threads
//! finishing futures with very frequent switches never make
//! wait(ALL_COMPLETED) or as_completed miss a completion.

use std::thread;
use std::time::Duration;

use futures_lab_core::{as_completed, wait, Future, ReturnWhen};

const ROUNDS: usize = 300;
const FUTURES: usize = 100;
const THREADS: usize = 8;

fn finish_from_many_threads(futures: &[Future<usize>]) -> Vec<thread::JoinHandle<()>> {
    (0..THREADS)
        .map(|t| {
            let mine: Vec<_> = futures.iter().skip(t).step_by(THREADS).cloned().collect();
            thread::spawn(move || {
                for (i, future) in mine.into_iter().enumerate() {
                    thread::yield_now();
                    future.set_result(i).unwrap();
                }
            })
        })
        .collect()
}

#[test]
fn c39_wait_all_completed_never_misses_a_completion() {
    for round in 0..ROUNDS {
        let futures: Vec<Future<usize>> = (0..FUTURES).map(|_| Future::new()).collect();
        let threads = finish_from_many_threads(&futures);
        let split = wait(
            &futures,
            Some(Duration::from_secs(20)),
            ReturnWhen::AllCompleted,
        );
        assert_eq!(split.done.len(), FUTURES, "round {round} lost a wake-up");
        threads.into_iter().for_each(|t| t.join().unwrap());
    }
}

#[test]
fn c39_as_completed_never_misses_a_completion() {
    for round in 0..ROUNDS / 3 {
        let futures: Vec<Future<usize>> = (0..FUTURES).map(|_| Future::new()).collect();
        let threads = finish_from_many_threads(&futures);
        let mut yielded = 0;
        for item in as_completed(&futures, Some(Duration::from_secs(20))) {
            assert!(item.expect("no timeout").done());
            yielded += 1;
        }
        assert_eq!(yielded, FUTURES, "round {round}");
        threads.into_iter().for_each(|t| t.join().unwrap());
    }
}
