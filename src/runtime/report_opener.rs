//! Reports opened from outside a run: a file picked or dropped, a
//! `?report=<url>`, or `futuresLab.show(report)`. Each is read, checked
//! (`open_report`, every error naming its field) and handed to the page,
//! which replays it as it replays a run.

use std::cell::{Cell, RefCell};

use futures_lab_scenarios::open_report;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::UseReducerDispatcher;

use crate::state::{Action, State};

thread_local! {
    /// The page that shows opened reports (set while it is mounted).
    static PAGE: RefCell<Option<UseReducerDispatcher<State>>> = const { RefCell::new(None) };
    /// Whether a run is under way on that page (a report waits for its end).
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

/// Makes `dispatcher`'s page the one reports are opened in; `running`
/// says whether it has a run under way now.
pub fn attach(dispatcher: UseReducerDispatcher<State>, running: bool) {
    PAGE.with(|page| *page.borrow_mut() = Some(dispatcher));
    BUSY.with(|busy| busy.set(running));
}

/// Shows the report in `text` (from `source`, named in errors: a file name,
/// a URL) on the page; its task count once it is handed over.
///
/// # Errors
///
/// What is wrong with the report and where (the page also shows it), or
/// why the page cannot show it now.
pub fn show_text(text: &str, source: &str) -> Result<usize, String> {
    if BUSY.with(Cell::get) {
        return Err(format!(
            "{source}: a run is under way; open the report once it has ended"
        ));
    }
    let Some(page) = PAGE.with(|page| page.borrow().clone()) else {
        return Err("the page is not ready to show a report yet".to_owned());
    };
    match open_report(text) {
        Ok(report) => {
            let tasks = report.tasks.len();
            page.dispatch(Action::Opened(Box::new(report)));
            Ok(tasks)
        }
        Err(problem) => {
            let message = format!("{source}: {problem}");
            page.dispatch(Action::OpenFailed(message.clone()));
            Err(message)
        }
    }
}

/// Says on the page that a report could not be read at all.
fn report_failure(message: String) {
    if let Some(page) = PAGE.with(|page| page.borrow().clone()) {
        page.dispatch(Action::OpenFailed(message));
    }
}

/// Reads a file the person picked or dropped and shows its report; what
/// went wrong is said on the page.
pub async fn open_file(file: web_sys::File) {
    match file_text(&file).await {
        Ok(text) => {
            let _ = show_text(&text, &file.name());
        }
        Err(problem) => report_failure(problem),
    }
}

/// Fetches the report at `url` (`?report=<url>`) and shows it; what went
/// wrong is said on the page.
pub async fn open_url(url: String) {
    match url_text(&url).await {
        Ok(text) => {
            let _ = show_text(&text, &format!("report={url}"));
        }
        Err(problem) => report_failure(problem),
    }
}

/// The text of a file the person picked or dropped.
///
/// # Errors
///
/// The browser's reason, naming the file.
async fn file_text(file: &web_sys::File) -> Result<String, String> {
    let name = file.name();
    let text = JsFuture::from(file.text())
        .await
        .map_err(|error| format!("{name}: cannot be read ({error:?})"))?;
    text.as_string()
        .ok_or_else(|| format!("{name}: cannot be read as text"))
}

/// The text at `url`, fetched.
///
/// # Errors
///
/// `report=<url>: ` and why: the network, or the HTTP status.
async fn url_text(url: &str) -> Result<String, String> {
    let failed = |why: String| format!("report={url}: {why}");
    let window = web_sys::window().ok_or_else(|| failed("no window".into()))?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|error| failed(format!("cannot be fetched ({})", js_message(&error))))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| failed("no HTTP response".into()))?;
    if !response.ok() {
        return Err(failed(format!(
            "HTTP {} {}",
            response.status(),
            response.status_text()
        )));
    }
    let text = response
        .text()
        .map_err(|error| failed(js_message(&error)))?;
    JsFuture::from(text)
        .await
        .map_err(|error| failed(js_message(&error)))?
        .as_string()
        .ok_or_else(|| failed("not text".into()))
}

fn js_message(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}
