//! A fault a test armed (`futuresLab.testing`): the next task to start
//! panics or runs out of memory, whichever instance of the module runs it.

use std::cell::Cell;

use futures_lab_core::{arm_fault, arm_panic, take_armed_fault};

/// What the next task does first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// It panics, as a bug in a workload would.
    Panic,
    /// It asks for more memory than the module may ever have.
    OutOfMemory,
}

thread_local! {
    /// The fault last armed on this page, until a task or a solo run takes it.
    static ARMED: Cell<Option<Fault>> = const { Cell::new(None) };
}

impl Fault {
    /// Its name in a message to another instance.
    pub fn name(self) -> &'static str {
        match self {
            Self::Panic => "panic",
            Self::OutOfMemory => "out-of-memory",
        }
    }

    /// The fault called `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "panic" => Some(Self::Panic),
            "out-of-memory" => Some(Self::OutOfMemory),
            _ => None,
        }
    }

    /// Arms it for the next task of this instance.
    pub fn arm_here(self) {
        match self {
            Self::Panic => arm_panic(),
            Self::OutOfMemory => arm_fault(ask_for_too_much_memory),
        }
    }
}

/// Arms `fault` for the next task to start: on this page's pool, or in the
/// next solo run's own instance (see [`take_for_another_instance`]).
pub fn arm(fault: Fault) {
    fault.arm_here();
    ARMED.with(|armed| armed.set(Some(fault)));
}

/// The armed fault, taken (disarmed here) for a run in an instance of its
/// own; `None` if none is armed or a task of this instance took it.
pub fn take_for_another_instance() -> Option<Fault> {
    let fault = ARMED.with(Cell::take);
    take_armed_fault().then_some(fault).flatten()
}

/// Asks for 1.5 GiB, more than the module's memory may grow to (1 GiB): the
/// allocation fails, and the allocation error hook reports it.
fn ask_for_too_much_memory() {
    let too_much: Vec<u8> = Vec::with_capacity(1536 << 20);
    std::hint::black_box(too_much);
}
