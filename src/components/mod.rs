//! Leaf components: props in, `on_<verb>` callbacks out, no side effects.

mod code_view;
mod controls;
mod error_banner;
mod experiments_panel;
mod explanation;
mod field_error;
mod field_events;
mod future_table;
mod language_switch;
mod orders;
mod pool_badge;
mod preset_picker;
mod program_controls;
mod summary;
mod theme_switch;
mod timeline_view;
mod wait_split_view;
mod workload_params;

pub use code_view::CodeView;
pub use controls::Controls;
pub use error_banner::ErrorBanner;
pub use experiments_panel::ExperimentsPanel;
pub use explanation::Explanation;
pub use future_table::FutureTable;
pub use language_switch::LanguageSwitch;
pub use orders::Orders;
pub use pool_badge::PoolBadge;
pub use preset_picker::PresetPicker;
pub use program_controls::ProgramControls;
pub use summary::Summary;
pub use theme_switch::ThemeSwitch;
pub use timeline_view::TimelineView;
pub use wait_split_view::WaitSplitView;
pub use workload_params::WorkloadParams;
