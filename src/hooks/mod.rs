//! Side effects of the page, one hook per file. Runtime events reach the UI
//! only as reducer actions.

mod page_setting;
mod use_available_executors;
mod use_baseline;
mod use_cpython_prediction;
mod use_embed_mode;
mod use_experiment;
mod use_fit_to_machine;
mod use_language;
mod use_parent_messages;
mod use_player;
mod use_pool_status;
mod use_report_opener;
mod use_runner;
mod use_share_link;
mod use_theme;
mod use_url_scenario;
mod use_window_width;

pub use use_available_executors::use_available_executors;
pub use use_baseline::use_baseline;
pub use use_cpython_prediction::{
    is_predicted, traced_python, use_cpython_prediction, CpythonPrediction,
};
pub use use_embed_mode::use_embed_mode;
pub use use_experiment::use_experiment;
pub use use_fit_to_machine::use_fit_to_machine;
pub use use_language::use_language;
pub use use_parent_messages::{use_parent_messages, RunsSeen};
pub use use_player::use_player;
pub use use_pool_status::use_pool_status;
pub use use_report_opener::use_report_opener;
pub use use_runner::use_runner;
pub use use_share_link::use_share_link;
pub use use_theme::{system_prefers_dark, use_theme};
pub use use_url_scenario::use_url_scenario;
pub use use_window_width::use_window_width;
