//! What runs when the program's thread is about to block. In CPython a
//! thread that blocks (waiting for a result, a lock, a timeout) lets go of
//! the GIL, and the threads waiting for it run: the process pool's manager
//! thread, woken by a submit, moves calls into its call queue then and not
//! before. The lab's threads need no GIL, so such a thread registers here
//! what it would do once the program lets it run.

use std::cell::RefCell;
use std::rc::Rc;

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

thread_local! {
    static ON_RESUME: RefCell<Option<Rc<dyn Fn()>>> = const { RefCell::new(None) };
}

/// Runs `body` with `on_resume` run each time a blocking call of this
/// thread (a result, `wait`, `as_completed`) has waited and is about to
/// return: the program's thread of a pool with the GIL takes it then, as
/// CPython's `MainThread` needs it to go on. What was set before is put
/// back afterwards.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use std::sync::atomic::{AtomicUsize, Ordering};
/// use std::time::Duration;
/// use futures_lab_core::{resuming_with, Future};
///
/// let woke = Arc::new(AtomicUsize::new(0));
/// let counted = Arc::clone(&woke);
/// let future: Future<u32> = Future::new();
/// let later = future.clone();
/// std::thread::spawn(move || {
///     std::thread::sleep(Duration::from_millis(20));
///     later.set_result(7).unwrap();
/// });
/// resuming_with(move || { counted.fetch_add(1, Ordering::SeqCst); }, || {
///     assert_eq!(future.result(None).unwrap(), 7); // waited: resumed once
///     assert_eq!(future.result(None).unwrap(), 7); // done already: no wait
/// });
/// assert_eq!(woke.load(Ordering::SeqCst), 1);
/// ```
pub fn resuming_with<R>(on_resume: impl Fn() + 'static, body: impl FnOnce() -> R) -> R {
    struct Restore(Option<Rc<dyn Fn()>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            ON_RESUME.with(|hook| *hook.borrow_mut() = previous);
        }
    }
    let hook: Rc<dyn Fn()> = Rc::new(on_resume);
    let previous = ON_RESUME.with(|current| current.borrow_mut().replace(hook));
    let _restore = Restore(previous);
    body()
}

/// A blocking call of this thread waited and is about to return.
pub(crate) fn resumed() {
    let hook = ON_RESUME.with(|hook| hook.borrow().clone());
    if let Some(hook) = hook {
        hook();
    }
}
