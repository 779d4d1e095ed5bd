//! A condition variable that knows whether anyone waits on it: telling it
//! costs nothing while no thread sleeps on it, where a plain `Condvar`
//! makes a system call at every notify (four per future, most of them for
//! no one: a future that nobody waits on in `result()` is still told).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, MutexGuard};
use std::time::Duration;

/// A [`Condvar`] with a count of the threads sleeping on it.
///
/// Waiters must hold the mutex that guards the condition while they check
/// it and start to wait (as with any condition variable), and whoever
/// changes the condition must change it under that mutex: then a waiter is
/// counted before the change is made or sees the change, so skipping the
/// notify when the count is zero never loses a wake-up.
#[derive(Debug, Default)]
pub(crate) struct Signal {
    condvar: Condvar,
    sleeping: AtomicUsize,
}

impl Signal {
    /// A signal nobody waits on.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Sleeps until notified (or spuriously), releasing `guard` meanwhile.
    pub(crate) fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
        self.sleeping.fetch_add(1, Ordering::Relaxed);
        let guard = self.condvar.wait(guard).unwrap_or_else(|e| e.into_inner());
        self.sleeping.fetch_sub(1, Ordering::Relaxed);
        guard
    }

    /// As [`Signal::wait`], for at most `timeout`.
    pub(crate) fn wait_timeout<'a, T>(
        &self,
        guard: MutexGuard<'a, T>,
        timeout: Duration,
    ) -> MutexGuard<'a, T> {
        self.sleeping.fetch_add(1, Ordering::Relaxed);
        let (guard, _) = self
            .condvar
            .wait_timeout(guard, timeout)
            .unwrap_or_else(|e| e.into_inner());
        self.sleeping.fetch_sub(1, Ordering::Relaxed);
        guard
    }

    /// Sleeps while `blocked` holds, releasing `guard` meanwhile.
    pub(crate) fn wait_while<'a, T>(
        &self,
        mut guard: MutexGuard<'a, T>,
        mut blocked: impl FnMut(&mut T) -> bool,
    ) -> MutexGuard<'a, T> {
        while blocked(&mut guard) {
            guard = self.wait(guard);
        }
        guard
    }

    /// Wakes one sleeping thread, if any sleeps.
    pub(crate) fn notify_one(&self) {
        if self.sleeping.load(Ordering::Relaxed) > 0 {
            self.condvar.notify_one();
        }
    }

    /// Wakes every sleeping thread, if any sleeps.
    pub(crate) fn notify_all(&self) {
        if self.sleeping.load(Ordering::Relaxed) > 0 {
            self.condvar.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::thread;

    use super::*;

    #[test]
    fn a_change_made_under_the_lock_always_wakes_the_sleeper() {
        // Many rounds of one thread waiting while another sets the flag:
        // a lost wake-up would hang this test.
        for _ in 0..2_000 {
            let shared = Arc::new((Mutex::new(false), Signal::new()));
            let waiter = {
                let shared = Arc::clone(&shared);
                thread::spawn(move || {
                    let (flag, signal) = &*shared;
                    let guard = signal.wait_while(flag.lock().unwrap(), |set| !*set);
                    assert!(*guard);
                })
            };
            let (flag, signal) = &*shared;
            *flag.lock().unwrap() = true;
            signal.notify_all();
            waiter.join().unwrap();
        }
    }

    #[test]
    fn counts_only_the_threads_that_sleep() {
        let shared = Arc::new((Mutex::new(0u32), Signal::new()));
        assert_eq!(shared.1.sleeping.load(Ordering::Relaxed), 0);
        let sleeper = {
            let shared = Arc::clone(&shared);
            thread::spawn(move || {
                let (count, signal) = &*shared;
                let _guard = signal.wait_while(count.lock().unwrap(), |n| *n == 0);
            })
        };
        while shared.1.sleeping.load(Ordering::Relaxed) == 0 {
            thread::yield_now();
        }
        *shared.0.lock().unwrap() = 1;
        shared.1.notify_one();
        sleeper.join().unwrap();
        assert_eq!(shared.1.sleeping.load(Ordering::Relaxed), 0);
        // With nobody asleep a timed wait still ends.
        let guard = shared.0.lock().unwrap();
        let guard = shared.1.wait_timeout(guard, Duration::from_millis(1));
        assert_eq!(*guard, 1);
    }
}
