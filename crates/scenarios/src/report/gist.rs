//! What a run did, in one finding the page puts in a sentence: where the
//! tasks' time went, read off their time split.

use std::collections::BTreeSet;

use crate::report::Report;

/// What most of a run's task time went to, with the figures its sentence
/// gives. Parallelism is CPU time ÷ wall time.
#[derive(Clone, Debug, PartialEq)]
pub enum Gist {
    /// Nothing ran (every task was cancelled, or none was given).
    NothingRan,
    /// Computing on one thread, one task at a time.
    OneThread {
        /// CPU ÷ wall.
        parallelism: f64,
    },
    /// Computing on several workers at once.
    Parallel {
        /// The workers that ran a task.
        workers: usize,
        /// CPU ÷ wall.
        parallelism: f64,
    },
    /// Threads mostly waited for the GIL: one computed at a time.
    Gil {
        /// The threads that ran a task.
        threads: usize,
        /// CPU ÷ wall.
        parallelism: f64,
    },
    /// Tasks mostly waited for I/O, many at once.
    Io {
        /// The most tasks waiting for I/O at the same moment.
        at_once: usize,
        /// The workers that ran a task.
        workers: usize,
        /// CPU ÷ wall.
        parallelism: f64,
    },
    /// Tasks mostly waited for a lock.
    Lock {
        /// The time they waited for it, summed, in ms.
        waited_ms: f64,
        /// CPU ÷ wall.
        parallelism: f64,
    },
    /// A CPython trace: the tasks spent most of their running time in
    /// stretches the trace cannot split into computing and waiting.
    Untold {
        /// The share of the tasks' running time their threads used the CPU
        /// for, 0 to 1.
        computing_share: f64,
        /// CPU ÷ wall.
        parallelism: f64,
    },
    /// Coroutines mostly waited for their turn on the event loop.
    Loop {
        /// The time they waited for it, summed, in ms.
        waited_ms: f64,
        /// CPU ÷ wall.
        parallelism: f64,
    },
}

impl Gist {
    /// The finding for `report`: the tasks' longest kind of wait, summed
    /// over the tasks, if it is at least half their computing; else how
    /// many workers computed.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab_scenarios::{simulate, Gist, Scenario};
    ///
    /// let scenario = Scenario::from_query("workload=cpu_bound&executor=threads&max_workers=4&gil=true&clock=virtual&cpus=4&op_ns=35").unwrap();
    /// let report = simulate(&scenario, 4).unwrap().report;
    /// let Gist::Gil { threads, parallelism } = Gist::of(&report) else { panic!() };
    /// assert_eq!(threads, 4);
    /// assert!((parallelism - 1.0).abs() < 0.01);
    /// ```
    pub fn of(report: &Report) -> Self {
        let parallelism = if report.wall_ms > 0.0 {
            report.cpu_ms / report.wall_ms
        } else {
            0.0
        };
        let sum = |part: fn(&crate::TaskTime) -> f64| -> f64 {
            report.tasks.iter().map(|t| part(&t.time)).sum()
        };
        let computing = sum(|t| t.computing_ms);
        let io = sum(|t| t.io_ms);
        let gil = sum(|t| t.gil_ms);
        let lock = sum(|t| t.lock_ms);
        let waited_for_loop = sum(|t| t.loop_ms);
        let untold = sum(|t| t.other_ms);
        let workers = report
            .tasks
            .iter()
            .filter_map(|t| t.worker.as_deref())
            .collect::<BTreeSet<_>>()
            .len();
        if workers == 0 || computing + io + gil + lock + waited_for_loop + untold <= 0.0 {
            return Self::NothingRan;
        }
        // A CPython trace knows a task's CPU time, not what it waited for.
        if untold > 0.0 && untold >= 0.5 * computing {
            return Self::Untold {
                computing_share: computing / (computing + untold),
                parallelism,
            };
        }
        // The longest wait tells the story if it held the tasks back for at
        // least half as long as they computed (two threads under the GIL
        // wait about as long as they compute).
        let longest_wait = io.max(gil).max(lock).max(waited_for_loop);
        if longest_wait < 0.5 * computing {
            return if workers == 1 {
                Self::OneThread { parallelism }
            } else {
                Self::Parallel {
                    workers,
                    parallelism,
                }
            };
        }
        if longest_wait == gil {
            Self::Gil {
                threads: workers,
                parallelism,
            }
        } else if longest_wait == io {
            Self::Io {
                at_once: most_at_once(report),
                workers,
                parallelism,
            }
        } else if longest_wait == lock {
            Self::Lock {
                waited_ms: lock,
                parallelism,
            }
        } else {
            Self::Loop {
                waited_ms: waited_for_loop,
                parallelism,
            }
        }
    }
}

/// The most tasks running at one moment (a task waiting for I/O is running).
fn most_at_once(report: &Report) -> usize {
    let mut changes: Vec<(f64, i32)> = report
        .tasks
        .iter()
        .filter(|t| t.time.io_ms > 0.0)
        .filter_map(|t| Some([(t.started_ms?, 1), (t.finished_ms?, -1)]))
        .flatten()
        .collect();
    // Ends before starts at the same moment: one after the other is not at once.
    changes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut now = 0;
    let mut most = 0;
    for (_, change) in changes {
        now += change;
        most = most.max(now);
    }
    most.max(0) as usize
}
