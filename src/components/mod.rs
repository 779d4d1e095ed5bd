//! Leaf components: props in, `on_<verb>` callbacks out, no side effects.

mod controls;
mod error_banner;
mod future_table;
mod pool_badge;
mod summary;

pub use controls::Controls;
pub use error_banner::ErrorBanner;
pub use future_table::FutureTable;
pub use pool_badge::PoolBadge;
pub use summary::Summary;
