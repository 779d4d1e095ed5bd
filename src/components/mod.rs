//! Leaf components: props in, `on_<verb>` callbacks out, no side effects.

mod controls;
mod error_banner;
mod explanation;
mod future_table;
mod language_switch;
mod pool_badge;
mod summary;

pub use controls::Controls;
pub use error_banner::ErrorBanner;
pub use explanation::Explanation;
pub use future_table::FutureTable;
pub use language_switch::LanguageSwitch;
pub use pool_badge::PoolBadge;
pub use summary::Summary;
