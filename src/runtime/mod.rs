//! The browser runtime: the only code that touches wasm-bindgen-rayon,
//! js-sys and the workers. The UI reaches it through hooks.

mod armed_fault;
mod async_processes;
mod boot;
mod budget;
mod clock;
mod environment;
mod exception_handling;
mod frame;
mod isolation;
mod js_api;
mod js_scenario;
mod launch;
mod main_js;
mod on_worker;
mod page_stopped;
mod pool;
mod pool_broken;
mod pool_growth;
mod process_entry;
mod process_host;
mod process_spawner;
mod rayon_pool;
mod relayed_worker;
mod replay_off_page;
mod report_opener;
mod solo_entry;
mod solo_run;
mod solo_wire;
mod spawner;
mod started_ahead;
mod term_speed;
mod warm_up;

pub use boot::boot;
pub use budget::{page_budget, within_budget};
pub use frame::next_frame;
pub use isolation::{shared_memory, NoSharedMemory};
pub use js_scenario::measure;
pub use launch::{as_played_here, available_executors, run, run_controlled};
pub use pool::{late_pool, pool_failure, pool_ready, pool_up, TOO_SLOW};
pub use pool_broken::{when_broken, when_mended, BROKEN_THREAD_POOL, OUT_OF_MEMORY};
pub use pool_growth::{grow_for_the_default, when_grown};
pub use replay_off_page::replay_off_page;
pub use report_opener::{attach as attach_report_page, open_file, open_url};
pub use term_speed::this_build_term_ns;
pub use warm_up::warm_up;
