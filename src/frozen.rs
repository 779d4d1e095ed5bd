//! A value made once and then only read, shared by every copy of the page
//! state without copying it, and compared by identity.

use std::ops::Deref;
use std::rc::Rc;

/// A shared, unchanging value: cloning it copies a pointer, and two are
/// equal when they are the same value (not when their contents are), so a
/// run's report of 10,000 tasks is neither copied nor compared field by
/// field at every frame.
///
/// # Examples
///
/// ```
/// use futures_lab::frozen::Frozen;
///
/// let report = Frozen::new(vec![1, 2, 3]);
/// let copy = report.clone();
/// assert_eq!(report, copy);
/// assert_ne!(report, Frozen::new(vec![1, 2, 3]), "another value, though equal");
/// assert_eq!(copy.len(), 3);
/// ```
#[derive(Debug)]
pub struct Frozen<T>(Rc<T>);

impl<T> Frozen<T> {
    /// Freezes `value`.
    pub fn new(value: T) -> Self {
        Self(Rc::new(value))
    }
}

impl<T> Clone for Frozen<T> {
    fn clone(&self) -> Self {
        Self(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Frozen<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Frozen<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}
