//! `download`: fetching web pages, with the network simulated.

use crate::Excerpt;
use std::sync::Arc;
use std::time::Duration;

use futures_lab_core::{TaskContext, TaskError};
use serde_json::Value;

use crate::workloads::cost::{Phase, VirtualCost};
use crate::workloads::demand::{number_bytes, Demand};
use crate::workloads::exact::exact_int;
use crate::workloads::python_random::PythonRandom;
use crate::workloads::python_task::{seconds, PythonTask, TaskForm};
use crate::workloads::workload::param_u64;
use crate::workloads::workload::{CallFuture, Param, Params, Text, Workload, WorkloadRun};

/// The longest latency an input may pin, in ms.
pub const MAX_LATENCY_MS: u64 = 60_000;

/// The domain of the classic failing example.
pub const MADE_UP_DOMAIN: &str = "some-made-up-domain.com";

/// The error of a name that does not resolve, as `urllib` reports it.
pub const DNS_ERROR: &str = "<urlopen error [Errno -2] Name or service not known>";

const PARAMS: &[Param] = &[
    Param {
        name: "latency_ms",
        default: "200",
        help: "mean latency of a site, 1 to 60000 ms",
    },
    Param {
        name: "jitter_ms",
        default: "150",
        help: "how far a site's latency may be from the mean, 0 to 60000 ms",
    },
];

/// Downloads pages from simulated sites. The network is simulated: each site
/// gets a latency (drawn from the seed, or pinned by `@ms` after the name)
/// spent in `io_wait`, where a thread sleeps without a CPU and releases the
/// GIL, then a page size; the result is the page's length in bytes. A name
/// ending in `.invalid`, and the classic `some-made-up-domain.com`, fail like
/// a name that does not resolve.
///
/// # Examples
///
/// ```
/// use futures_lab_core::{block_on, TaskContext, Tracer};
/// use futures_lab_scenarios::{workloads::Download, Workload};
///
/// let ctx = TaskContext::new(0, "MainThread".into(), Tracer::discard());
/// let run = Download.prepare(&Download.default_params(), 1);
/// let ok = Download.parse_input("https://a.example/@5").unwrap();
/// assert!(block_on(run.call(&ok, &ctx)).unwrap().as_u64().unwrap() > 0);
/// let bad = Download.parse_input("https://nowhere.invalid/@1").unwrap();
/// assert_eq!(block_on(run.call(&bad, &ctx)).unwrap_err().class(), "URLError");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Download;

/// A site as an input names it: the URL, and a latency if pinned.
fn split_site(text: &str) -> (&str, Option<u64>) {
    match text.rsplit_once('@') {
        Some((url, ms))
            if !url.is_empty() && ms.chars().all(|c| c.is_ascii_digit()) && !ms.is_empty() =>
        {
            // Digits past u64 are a latency too long, not a site name.
            (url, Some(ms.parse().unwrap_or(u64::MAX)))
        }
        _ => (text, None),
    }
}

/// The host of a URL (`https://host:port/path` → `host`).
fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.rsplit_once(':').map_or(host, |(h, _)| h)
}

/// The Python helpers of `load_url`: the classic download, and the simulated
/// site (`split_site` and `host` above, in Python).
const DOWNLOAD_HELPERS: &str = r#"def download(url, timeout):
    with urllib.request.urlopen(url, timeout=timeout) as conn:
        return len(conn.read())


def host(url):
    rest = url.split("://", 1)[-1]
    name = re.split(r"[/?#]", rest, maxsplit=1)[0]
    hostname, colon, _port = name.rpartition(":")
    return hostname if colon else name


def simulated(site):
    """The URL, the latency in seconds and the page size of a simulated site."""
    url, at, ms = site.rpartition("@")
    if not (at and url and ms.isdigit()):
        url, ms = site, None
    draw = random.Random(f"{SEED}:{url}")  # the same draws as the lab's, run after run
    drawn = LATENCY_S + JITTER_S * (draw.random() + draw.random() - 1)
    latency = int(ms) / 1000 if ms is not None else max(0.001, drawn)
    return url, latency, 2_000 + draw.randrange(400_000)

"#;

struct DownloadRun {
    latency_ms: f64,
    jitter_ms: f64,
    seed: u64,
}

/// What a simulated site does: how long it makes the task wait, whether its
/// name fails to resolve, and the page's size.
struct Site {
    wait_ms: f64,
    fails: bool,
    bytes: u64,
    random: PythonRandom,
}

impl DownloadRun {
    /// The site an input names, drawn from the seed (or pinned by `@ms`).
    fn site(&self, input: &Value) -> Result<Site, TaskError> {
        let text = input
            .as_str()
            .ok_or_else(|| TaskError::new("TypeError", format!("expected a URL, got {input}")))?;
        let (url, pinned) = split_site(text);
        // Drawn as the generated program draws them, by Python's own
        // generator: the lab's sites are the program's.
        let mut random = PythonRandom::new(&format!("{}:{url}", self.seed));
        let drawn = self.latency_ms + self.jitter_ms * (random.random() + random.random() - 1.0);
        let latency_ms = pinned.map_or(drawn.max(1.0), |ms| ms as f64);
        let host = host(url);
        // A name that does not resolve fails after a short wait.
        let fails = host.ends_with(".invalid") || host == MADE_UP_DOMAIN;
        let wait_ms = if fails {
            latency_ms.min(50.0)
        } else {
            latency_ms
        };
        let bytes = if fails {
            0
        } else {
            2_000 + random.randrange(400_000)
        };
        Ok(Site {
            wait_ms,
            fails,
            bytes,
            random,
        })
    }
}

impl WorkloadRun for DownloadRun {
    /// Its site's wait (drawn from the seed, or pinned).
    fn demand(&self, input: &Value) -> Demand {
        let wait_ms = self.site(input).map_or(0.0, |site| site.wait_ms);
        Demand::waiting(wait_ms * 1e6, number_bytes(6.0))
    }

    fn virtual_cost(&self, input: &Value) -> Option<VirtualCost> {
        let site = self.site(input).ok()?;
        Some(VirtualCost {
            phases: vec![Phase::Wait((site.wait_ms * 1e6) as u64)],
            outcome: if site.fails {
                Err(format!("URLError: {DNS_ERROR}"))
            } else {
                Ok(exact_int(u128::from(site.bytes)))
            },
        })
    }

    fn call<'a>(&'a self, input: &'a Value, ctx: &'a TaskContext) -> CallFuture<'a> {
        Box::pin(async move {
            let Site {
                wait_ms,
                fails,
                bytes,
                mut random,
            } = self.site(input)?;
            ctx.io_wait_async(Duration::from_secs_f64(wait_ms / 1e3))
                .await;
            if fails {
                return Err(TaskError::new("URLError", DNS_ERROR));
            }
            // Reading the body: a little CPU work, proportional to its size.
            let mut checksum = 0u64;
            for chunk in 0..bytes / 4096 {
                checksum =
                    checksum.wrapping_add(std::hint::black_box(random.getrandbits(64) ^ chunk));
            }
            std::hint::black_box(checksum);
            ctx.checkpoint_async(1.0).await?;
            Ok(exact_int(u128::from(bytes)))
        })
    }
}

impl Workload for Download {
    fn id(&self) -> &'static str {
        "download"
    }

    fn title(&self) -> Text {
        Text {
            en: "Download web pages (simulated network)",
            ko: "웹 페이지 내려받기 (모의 네트워크)",
        }
    }

    fn explanation(&self) -> Text {
        Text {
            en: "Each task downloads one page. The network here is simulated: every site has a \
                 latency during which the task waits without using a CPU. One site does not \
                 exist and fails, so FIRST_EXCEPTION and error handling have something real to \
                 show. Pin a latency with @ms after a name (a.example@300); names ending in \
                 .invalid fail.",
            ko: "각 작업은 페이지 하나를 내려받습니다. 여기서 네트워크는 모의로 만든 것입니다. \
                 사이트마다 지연 시간이 있고, 그동안 작업은 CPU를 쓰지 않고 기다립니다. 존재하지 \
                 않는 사이트 하나는 실패하므로 FIRST_EXCEPTION과 오류 처리를 실제로 볼 수 \
                 있습니다. 이름 뒤에 @ms를 붙이면 지연 시간을 고정할 수 있고(a.example@300), \
                 .invalid로 끝나는 이름은 실패합니다.",
        }
    }

    fn python_task(&self, params: &Params, seed: u64, form: TaskForm) -> PythonTask {
        let ms = |name| param_u64(params, name);
        let setup = format!(
            r#"# The lab's sites are simulated: a latency (pinned by "@ms" after a name, or
# drawn) spent waiting, then a page size. The draws are the lab's: Python's
# random, seeded with the scenario's seed and the site's name.
# Names ending in .invalid, and {MADE_UP_DOMAIN}, fail as names that do
# not resolve. Set SIMULATED = False to download for real (online).
SIMULATED = True
SEED = {seed}  # the scenario's seed: another seed, other latencies and sizes
LATENCY_S = {latency}  # mean latency of a site (params.latency_ms)
JITTER_S = {jitter}  # how far a latency may be from the mean (params.jitter_ms)
MADE_UP_DOMAIN = "{MADE_UP_DOMAIN}"
"#,
            latency = seconds(ms("latency_ms")),
            jitter = seconds(ms("jitter_ms")),
        );
        let (head, wait, fetch) = match form {
            TaskForm::Sync => ("def", "time.sleep", "download(url, timeout)"),
            _ => (
                "async def",
                "await asyncio.sleep",
                "await asyncio.to_thread(download, url, timeout)",
            ),
        };
        let definition = format!(
            r#"{DOWNLOAD_HELPERS}
{head} load_url(site, timeout=60):
    url, latency, size = simulated(site)
    if not SIMULATED:
        return {fetch}
    if host(url).endswith(".invalid") or host(url) == MADE_UP_DOMAIN:
        {wait}(min(latency, 0.05))  # the name lookup fails after a short wait
        raise urllib.error.URLError("{errno}")
    {wait}(latency)  # waiting for the network: no CPU used, the GIL released
    return size
"#,
            errno = DNS_ERROR
                .trim_start_matches("<urlopen error ")
                .trim_end_matches('>'),
        );
        PythonTask {
            name: "load_url",
            imports: vec![
                "import random",
                "import re",
                "import time",
                "import urllib.error",
                "import urllib.request",
            ],
            setup,
            definition,
            summary: None,
        }
    }

    fn default_inputs(&self) -> Vec<String> {
        [
            "https://www.python.org/",
            "https://docs.python.org/3/",
            "https://pypi.org/",
            "https://peps.python.org/",
            "https://wiki.python.org/",
            "https://www.jython.org/",
            "https://www.pypy.org/",
            "https://numpy.org/",
            "https://pandas.pydata.org/",
            "https://scipy.org/",
            "https://matplotlib.org/",
            "https://www.djangoproject.com/",
            "https://flask.palletsprojects.com/",
            "https://fastapi.tiangolo.com/",
            "https://requests.readthedocs.io/",
            "https://docs.pytest.org/",
            "https://realpython.com/",
            "https://www.wikipedia.org/",
            "https://www.example.com/",
            "http://some-made-up-domain.com/",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    fn parse_input(&self, raw: &str) -> Result<Value, String> {
        let text = raw.trim();
        let (url, pinned) = split_site(text);
        let valid_name = !url.is_empty()
            && url.len() <= 200
            && url
                .chars()
                .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\''));
        if !valid_name {
            return Err(format!(
                "each input must be a URL or site name of up to 200 characters without spaces or quotes, optionally followed by @ms (got {:?})", Excerpt(raw)
            ));
        }
        if pinned.is_some_and(|ms| ms > MAX_LATENCY_MS) {
            return Err(format!(
                "a pinned latency must be from 0 to {MAX_LATENCY_MS} ms (got {:?})",
                Excerpt(raw)
            ));
        }
        Ok(Value::String(text.to_owned()))
    }

    fn params(&self) -> &'static [Param] {
        PARAMS
    }

    fn parse_param(&self, name: &str, raw: &str) -> Result<Value, String> {
        let (min, max) = match name {
            "latency_ms" => (1, MAX_LATENCY_MS),
            "jitter_ms" => (0, MAX_LATENCY_MS),
            _ => return Err(format!("is not a parameter of download (got {name})")),
        };
        raw.trim()
            .parse::<u64>()
            .ok()
            .filter(|ms| (min..=max).contains(ms))
            .map(Value::from)
            .ok_or_else(|| {
                format!(
                    "must be a whole number of ms from {min} to {max} (got {:?})",
                    Excerpt(raw)
                )
            })
    }

    fn on_virtual_clock(&self) -> bool {
        true
    }

    fn prepare(&self, params: &Params, seed: u64) -> Arc<dyn WorkloadRun> {
        let ms = |name: &str| params.get(name).and_then(Value::as_f64).unwrap_or(0.0);
        Arc::new(DownloadRun {
            latency_ms: ms("latency_ms"),
            jitter_ms: ms("jitter_ms"),
            seed,
        })
    }
}
