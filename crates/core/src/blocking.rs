//! What runs when the program's thread is about to block. In CPython a
//! thread that blocks (waiting for a result, a lock, a timeout) lets go of
//! the GIL, and the threads waiting for it run: the process pool's manager
//! thread, woken by a submit, moves calls into its call queue then and not
//! before. The lab's threads need no GIL, so such a thread registers here
//! what it would do once the program lets it run.

use std::cell::RefCell;

/// A step to take when this thread next blocks; it returns false once it
/// has nothing more to do (its pool is gone).
type Hook = Box<dyn Fn() -> bool>;

thread_local! {
    static HOOKS: RefCell<Vec<Hook>> = const { RefCell::new(Vec::new()) };
}

/// Runs `hook` each time this thread is about to block, until it returns
/// false.
pub(crate) fn when_blocking(hook: impl Fn() -> bool + 'static) {
    HOOKS.with(|hooks| hooks.borrow_mut().push(Box::new(hook)));
}

/// This thread is about to block: the hooks run (those done are dropped).
pub(crate) fn about_to_block() {
    let hooks = HOOKS.with(|hooks| std::mem::take(&mut *hooks.borrow_mut()));
    if hooks.is_empty() {
        return;
    }
    let kept: Vec<Hook> = hooks.into_iter().filter(|hook| hook()).collect();
    HOOKS.with(|hooks| {
        let mut hooks = hooks.borrow_mut();
        let added = std::mem::take(&mut *hooks);
        *hooks = kept;
        hooks.extend(added);
    });
}
