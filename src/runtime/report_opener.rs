//! Reports opened from outside a run: a file picked or dropped, a
//! `?report=<url>`, or `futuresLab.show(report)`. Each is read, checked
//! (`open_report`, every error naming its field) and handed to the page,
//! which replays it as it replays a run.

use std::cell::{Cell, RefCell};

use futures_lab_scenarios::{events_of_report, open_report, MAX_REPORT_BYTES};
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::UseReducerDispatcher;

use super::on_worker::on_worker;
use crate::replay::Prepared;
use crate::state::{Action, Replayable, State};

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

/// Shows the report in `bytes` (its JSON text; from `source`, named in
/// errors: a file name, a URL) on the page; its task count once it is handed
/// over. The report is read, checked and turned into the events it stands
/// for on a worker of the pool (where the page has one), so a trace of
/// 100,000 futures does not hold the page's thread while it is read.
///
/// # Errors
///
/// What is wrong with the report and where (the page also shows it), or
/// why the page cannot show it now.
pub async fn show_bytes(bytes: Vec<u8>, source: &str) -> Result<usize, String> {
    let busy = || format!("{source}: a run is under way; open the report once it has ended");
    if BUSY.with(Cell::get) {
        return Err(busy());
    }
    let Some(page) = PAGE.with(|page| page.borrow().clone()) else {
        return Err("the page is not ready to show a report yet".to_owned());
    };
    let opened = on_worker(move || read(&bytes)).await.and_then(|read| read);
    // A run may have started meanwhile: the report waits for no run.
    if BUSY.with(Cell::get) {
        return Err(busy());
    }
    match opened {
        Ok(opened) => {
            let tasks = opened.report.tasks.len();
            page.dispatch(Action::Opened(Box::new(opened)));
            Ok(tasks)
        }
        Err(problem) => {
            let message = format!("{source}: {problem}");
            page.dispatch(Action::OpenFailed(message.clone()));
            Err(message)
        }
    }
}

/// A report read from its text, its replay prepared.
fn read(bytes: &[u8]) -> Result<Replayable, String> {
    let text = std::str::from_utf8(bytes)
        .map_err(|error| format!("not UTF-8 text ({error}); a report is JSON"))?;
    let report = open_report(text)?;
    let replay = Prepared::new(&report, events_of_report(&report));
    Ok(Replayable { report, replay })
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
    match file_bytes(&file).await {
        Ok(bytes) => {
            let _ = show_bytes(bytes, &file.name()).await;
        }
        Err(problem) => report_failure(problem),
    }
}

/// Fetches the report at `url` (`?report=<url>`) and shows it; what went
/// wrong is said on the page.
pub async fn open_url(url: String) {
    match url_bytes(&url).await {
        Ok(bytes) => {
            let _ = show_bytes(bytes, &format!("report={url}")).await;
        }
        Err(problem) => report_failure(problem),
    }
}

/// The bytes of a file the person picked or dropped (read as they are: a
/// report's text is decoded once, where it is read).
///
/// # Errors
///
/// The file is larger than a report may be, or the browser's reason,
/// naming the file.
async fn file_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let name = file.name();
    if file.size() > MAX_REPORT_BYTES as f64 {
        return Err(format!(
            "{name}: the report is {} bytes, over the {} MB a report may have",
            file.size(),
            MAX_REPORT_BYTES / (1024 * 1024)
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|error| format!("{name}: cannot be read ({})", js_message(&error)))?;
    Ok(bytes_of(&buffer))
}

/// The body at `url`, fetched.
///
/// # Errors
///
/// `report=<url>: ` and why: the network, or the HTTP status.
async fn url_bytes(url: &str) -> Result<Vec<u8>, String> {
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
    let body = response
        .array_buffer()
        .map_err(|error| failed(js_message(&error)))?;
    let buffer = JsFuture::from(body)
        .await
        .map_err(|error| failed(js_message(&error)))?;
    Ok(bytes_of(&buffer))
}

/// The bytes of an `ArrayBuffer`, copied into the module's memory at once.
fn bytes_of(buffer: &wasm_bindgen::JsValue) -> Vec<u8> {
    buffer
        .dyn_ref::<ArrayBuffer>()
        .map(|buffer| Uint8Array::new(buffer).to_vec())
        .unwrap_or_default()
}

fn js_message(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{error:?}"))
}
