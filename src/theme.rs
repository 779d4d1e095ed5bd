//! Light or dark: the system's choice, or the learner's.

/// The page's colour theme.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system (`prefers-color-scheme`).
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme, in menu order.
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// The name kept in storage and set as `data-theme` (none for the system's).
    pub fn code(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// A theme from its code; anything else is the system's.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::theme::Theme;
    ///
    /// assert_eq!(Theme::parse("dark"), Theme::Dark);
    /// assert_eq!(Theme::parse("<script>"), Theme::System);
    /// ```
    pub fn parse(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|theme| theme.code() == code.trim())
            .unwrap_or_default()
    }

    /// Whether the page is dark, given what the system prefers.
    pub fn is_dark(self, system_prefers_dark: bool) -> bool {
        match self {
            Self::System => system_prefers_dark,
            Self::Light => false,
            Self::Dark => true,
        }
    }
}
