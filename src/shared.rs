//! A part of the page state that the reducer changes in place.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

/// A value shared by every copy of the state and changed in place, with a
/// version that only the changed copy carries.
///
/// The reducer copies the whole state for every action, once per frame while
/// a run goes on; a run of 10,000 futures must not copy its rows and timeline
/// each time. Copies share the value, and [`Shared::update`] bumps the version
/// of the copy it is called on, so the old state and the new one compare
/// unequal and the views that show it render again. Only the newest state is
/// ever read, so older copies seeing the change does no harm.
///
/// # Examples
///
/// ```
/// use futures_lab::shared::Shared;
///
/// let old = Shared::new(vec![1]);
/// let mut new = old.clone();
/// new.update(|v| v.push(2));
/// assert_ne!(old, new);
/// assert_eq!(*new.borrow(), [1, 2]);
/// ```
#[derive(Debug, Default)]
pub struct Shared<T> {
    value: Rc<RefCell<T>>,
    version: u64,
}

impl<T> Shared<T> {
    /// A new shared value.
    pub fn new(value: T) -> Self {
        Self {
            value: Rc::new(RefCell::new(value)),
            version: 0,
        }
    }

    /// Reads the value.
    pub fn borrow(&self) -> Ref<'_, T> {
        self.value.borrow()
    }

    /// Changes the value in place and marks this copy as changed.
    pub fn update<R>(&mut self, change: impl FnOnce(&mut T) -> R) -> R {
        self.version += 1;
        change(&mut self.value.borrow_mut())
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self {
            value: Rc::clone(&self.value),
            version: self.version,
        }
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.value, &other.value) && self.version == other.version
    }
}
