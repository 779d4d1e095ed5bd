//! A bad scenario field: which one, and what is allowed.

use std::fmt;

/// A scenario field that could not be accepted. The message names the field
/// and what it allows, so a person can correct it.
///
/// # Examples
///
/// ```
/// use futures_lab_scenarios::Scenario;
///
/// let error = Scenario::from_query("max_workers=0").unwrap_err();
/// assert_eq!(error.field(), "max_workers");
/// assert!(error.to_string().starts_with("max_workers: must be a whole number from 1 to 32"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    field: String,
    message: String,
}

impl ScenarioError {
    /// An error about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The field at fault.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong and what is allowed.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ScenarioError {}
