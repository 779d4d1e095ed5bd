//! The classic examples people learn `concurrent.futures` and asyncio from,
//! each as a scenario that reproduces it (see docs/classic-examples.md).

use crate::i18n::Lang;

/// One classic example.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// A stable id, for the picker and the tests.
    pub id: &'static str,
    /// Its title in English and Korean.
    pub title: (&'static str, &'static str),
    /// The scenario, as a URL query.
    pub query: &'static str,
    /// What to look for, in English and Korean.
    pub lesson: (&'static str, &'static str),
    /// Changes worth trying, each a button that applies it and runs.
    pub tries: &'static [Try],
}

/// A change to try on an example: its button's text and the scenario
/// fields it sets (a URL query merged into the form).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Try {
    /// The button's text in English and Korean.
    pub label: (&'static str, &'static str),
    /// The fields it sets, as a URL query (`gil=true`).
    pub query: &'static str,
}

impl Try {
    /// The button's text in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        pick(lang, self.label)
    }
}

impl Preset {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        pick(lang, self.title)
    }

    /// What to look for, in `lang`.
    pub fn lesson(&self, lang: Lang) -> &'static str {
        pick(lang, self.lesson)
    }
}

fn pick(lang: Lang, (en, ko): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// Every classic example, in the order a tutorial meets them.
pub const PRESETS: [Preset; 16] = [
    Preset {
        id: "cpu-threads",
        title: ("Sum of squares on 2 threads, no GIL", "제곱의 합: 스레드 2개, GIL 없음"),
        query: "workload=cpu_bound&executor=threads&max_workers=2",
        lesson: (
            "CPU-bound work on threads that really run at once: the wall time is about half the CPU time.",
            "실제로 동시에 도는 스레드에서의 CPU 작업: 전체 시간이 CPU 시간의 절반쯤입니다.",
        ),
        tries: &[
            Try { label: ("Turn the GIL on", "GIL 켜기"), query: "gil=true" },
            Try { label: ("Run it on processes", "프로세스로 실행"), query: "executor=processes" },
        ],
    },
    Preset {
        id: "cpu-gil",
        title: ("Sum of squares on 2 threads with the GIL", "제곱의 합: 스레드 2개, GIL 있음"),
        query: "workload=cpu_bound&executor=threads&max_workers=2&gil=true",
        lesson: (
            "With the GIL the threads take turns: the timeline's GIL strip changes hands, and the wall time is that of one thread.",
            "GIL이 있으면 스레드가 번갈아 실행됩니다. 타임라인의 GIL 띠가 주인을 바꾸고, 전체 시간은 스레드 하나일 때와 같습니다.",
        ),
        tries: &[
            Try { label: ("Turn the GIL off", "GIL 끄기"), query: "gil=false" },
            Try { label: ("Four threads", "스레드 4개"), query: "max_workers=4" },
        ],
    },
    Preset {
        id: "cpu-processes",
        title: ("Sum of squares on 2 processes", "제곱의 합: 프로세스 2개"),
        query: "workload=cpu_bound&executor=processes&max_workers=2",
        lesson: (
            "Processes have no shared GIL: they compute at once, after paying to start and to send the calls.",
            "프로세스는 GIL을 공유하지 않아 동시에 계산합니다. 다만 시작하고 호출을 보내는 비용을 먼저 치릅니다.",
        ),
        tries: &[
            Try { label: ("Threads with the GIL instead", "대신 GIL 있는 스레드"), query: "executor=threads&gil=true" },
            Try { label: ("One process", "프로세스 1개"), query: "max_workers=1" },
        ],
    },
    Preset {
        id: "primes-map",
        title: ("Python docs: which big numbers are prime (map)", "파이썬 문서: 큰 수의 소수 판별 (map)"),
        query: "workload=is_prime&executor=processes&max_workers=4&api=map",
        lesson: (
            "map gives the results in input order whatever order the tasks finish in; the repeated number is computed twice.",
            "map은 작업이 끝나는 순서와 관계없이 입력 순서대로 결과를 줍니다. 같은 수가 두 번 나오면 두 번 계산합니다.",
        ),
        tries: &[
            Try { label: ("as_completed instead of map", "map 대신 as_completed"), query: "api=submit_as_completed" },
        ],
    },
    Preset {
        id: "download-threads",
        title: ("Python docs: download pages on threads, one fails", "파이썬 문서: 스레드로 페이지 내려받기, 하나는 실패"),
        query: "workload=download&executor=threads&gil=true&max_workers=5",
        lesson: (
            "I/O-bound: the threads wait at the same time even under the GIL; as_completed yields in completion order; the made-up domain fails only its own future.",
            "I/O 바운드: GIL이 있어도 스레드들이 동시에 기다립니다. as_completed는 끝난 순서대로 내놓고, 지어낸 도메인은 자기 퓨처만 실패시킵니다.",
        ),
        tries: &[
            Try { label: ("One thread", "스레드 1개"), query: "max_workers=1" },
            Try { label: ("asyncio instead", "대신 asyncio"), query: "executor=asyncio" },
        ],
    },
    Preset {
        id: "download-first-exception",
        title: ("wait(return_when=FIRST_EXCEPTION)", "wait(return_when=FIRST_EXCEPTION)"),
        query: "workload=download&executor=threads&max_workers=5&api=wait&return_when=FIRST_EXCEPTION",
        lesson: (
            "wait returns as soon as a future fails: see done and not_done at that moment.",
            "퓨처 하나가 실패하는 즉시 wait가 반환합니다. 그 순간의 done과 not_done을 보세요.",
        ),
        tries: &[
            Try { label: ("FIRST_COMPLETED", "FIRST_COMPLETED"), query: "return_when=FIRST_COMPLETED" },
            Try { label: ("ALL_COMPLETED", "ALL_COMPLETED"), query: "return_when=ALL_COMPLETED" },
        ],
    },
    Preset {
        id: "download-timeout",
        title: ("wait(timeout=0.1)", "wait(timeout=0.1)"),
        query: "workload=download&executor=threads&max_workers=5&api=wait&timeout_s=0.1",
        lesson: (
            "A timeout never raises from wait: the unfinished futures are simply in not_done.",
            "wait의 타임아웃은 예외를 일으키지 않습니다. 끝나지 않은 퓨처는 not_done에 들어갈 뿐입니다.",
        ),
        tries: &[
            Try { label: ("A 1 s timeout", "타임아웃 1초"), query: "timeout_s=1" },
        ],
    },
    Preset {
        id: "download-asyncio",
        title: ("asyncio: gather the downloads", "asyncio: 내려받기를 gather로 모으기"),
        query: "workload=download&executor=asyncio&api=gather&return_exceptions=true",
        lesson: (
            "One thread, twenty overlapping waits: the wall time is the slowest site, not the sum. return_exceptions=True keeps the failed site's error as its result; without it, gather raises at once and leaving asyncio.run cancels the rest.",
            "스레드 하나에서 스무 개의 기다림이 겹칩니다. 전체 시간은 합이 아니라 가장 느린 사이트의 시간입니다. return_exceptions=True이면 실패한 사이트의 오류가 결과로 남고, 없으면 gather가 바로 예외를 일으키며 asyncio.run을 빠져나가면서 나머지를 취소합니다.",
        ),
        tries: &[
            Try { label: ("Without return_exceptions", "return_exceptions 없이"), query: "return_exceptions=false" },
        ],
    },
    Preset {
        id: "asyncio-cpu",
        title: ("asyncio: a CPU-bound coroutine blocks the loop", "asyncio: CPU 바운드 코루틴이 루프를 막음"),
        query: "workload=cpu_bound&executor=asyncio&inputs=30000000,10",
        lesson: (
            "The small task starts only when the big one ends: the coroutine never awaits, so the loop cannot switch. Tick cooperative (it awaits asyncio.sleep(0) at every checkpoint) and the small one runs at once.",
            "큰 작업이 끝나야 작은 작업이 시작합니다. 코루틴이 await하지 않으니 루프가 다른 작업으로 넘어갈 수 없습니다. cooperative를 켜면 체크포인트마다 asyncio.sleep(0)을 await해서 작은 작업이 바로 실행됩니다.",
        ),
        tries: &[
            Try { label: ("Tick cooperative", "cooperative 켜기"), query: "cooperative=true" },
        ],
    },
    Preset {
        id: "sum-generator",
        title: ("Summing with a generator: completion vs submission order", "제너레이터로 합 구하기: 완료 순서 대 제출 순서"),
        query: "workload=sum_generator&executor=threads&max_workers=4&inputs=10000000,1000000,100000,10000",
        lesson: (
            "The largest sum is submitted first and finishes last: as_completed yields the futures as they finish, not in the order they were submitted.",
            "가장 큰 합을 먼저 제출하지만 가장 늦게 끝납니다. as_completed는 제출한 순서가 아니라 끝나는 순서대로 퓨처를 내놓습니다.",
        ),
        tries: &[
            Try { label: ("map instead of as_completed", "as_completed 대신 map"), query: "api=map" },
        ],
    },
    Preset {
        id: "power",
        title: ("323 ** 1235: an exact big integer", "323 ** 1235: 정확한 큰 정수"),
        query: "workload=power&executor=sequential",
        lesson: (
            "Python integers have no size limit: the 3,099-digit result is exact.",
            "파이썬 정수에는 크기 제한이 없어 3,099자리 결과가 정확합니다.",
        ),
        tries: &[
            Try { label: ("A bigger power: 323 ** 5000", "더 큰 거듭제곱: 323 ** 5000"), query: "inputs=323**5000" },
        ],
    },
    Preset {
        id: "points-race",
        title: ("Shared cache without a lock: a race", "잠금 없는 공유 캐시: 경쟁 상태"),
        query: "workload=points&executor=threads&max_workers=4&inputs=1000,1000,1000,1000,1000,1000,1000,1000&params=cache:unsynchronized,lookup_ms:30",
        lesson: (
            "Check-then-act: several threads convert the same key and the shared counter loses updates.",
            "확인 후 실행: 여러 스레드가 같은 키를 변환하고, 공유 카운터에서 갱신 손실이 생깁니다.",
        ),
        tries: &[
            Try { label: ("Add the lock", "락 걸기"), query: "params=cache:locked,lookup_ms:30" },
        ],
    },
    Preset {
        id: "points-locked",
        title: ("Shared cache with a lock", "잠금이 있는 공유 캐시"),
        query: "workload=points&executor=threads&max_workers=4&inputs=1000,1000,1000,1000,1000,1000,1000,1000&params=cache:locked,lookup_ms:30",
        lesson: (
            "One conversion, seven hits, no lost updates.",
            "변환 한 번, 적중 일곱 번, 갱신 손실 없음.",
        ),
        tries: &[
            Try { label: ("Take the lock away", "락 없애기"), query: "params=cache:unsynchronized,lookup_ms:30" },
        ],
    },
    Preset {
        id: "stream-backpressure",
        title: ("A stream: producer → queue → one consumer", "스트림: 생산자 → 큐 → 소비자 하나"),
        query: "workload=stream&executor=threads&max_workers=1&params=rate:200,capacity:8",
        lesson: (
            "One consumer cannot keep up: the queue fills, the producer waits, latency grows. Try max_workers=4.",
            "소비자 하나로는 따라가지 못해 큐가 차고 생산자가 기다리며 지연이 커집니다. max_workers=4로 바꿔 보세요.",
        ),
        tries: &[
            Try { label: ("Four consumers", "소비자 4개"), query: "max_workers=4" },
        ],
    },
    Preset {
        id: "gil-cpython-speed",
        title: ("The GIL at CPython's speed (virtual clock)", "CPython 속도의 GIL (가상 시계)"),
        query: "workload=cpu_bound&executor=threads&max_workers=4&gil=true&clock=virtual&cpus=4&speed=cpython-3.11",
        lesson: (
            "At CPython 3.11's speed (each workload timed in CPython) the 20 tasks take about 4 s on 4 threads, one at a time: the GIL changes hands every 5 ms. The same trace every time, so a tutorial can link to a moment.",
            "CPython 3.11 속도(작업마다 CPython에서 측정)로 20개 작업이 스레드 4개에서 한 번에 하나씩 약 4초 걸립니다. GIL은 5 ms마다 주인을 바꿉니다. 매번 같은 기록이라 튜토리얼이 특정 순간에 링크할 수 있습니다.",
        ),
        tries: &[
            Try { label: ("Turn the GIL off", "GIL 끄기"), query: "gil=false" },
        ],
    },
    Preset {
        id: "sixteen-cores",
        title: ("What if I had 16 cores? (virtual clock)", "코어가 16개라면? (가상 시계)"),
        query: "workload=cpu_bound&executor=processes&max_workers=16&clock=virtual&cpus=16&speed=cpython-3.11",
        lesson: (
            "Sixteen processes on sixteen virtual CPUs: CPython forks all sixteen at the first submit (a millisecond or two each, as measured), then the 20 tasks run in two rounds. Set cpus to 4 and the rounds stretch fourfold.",
            "가상 CPU 16개에서 프로세스 16개: CPython이 첫 submit에서 16개를 모두 fork한 뒤(측정값으로 하나에 1~2 ms) 20개 작업이 두 차례에 걸쳐 실행됩니다. cpus를 4로 바꾸면 각 차례가 네 배로 늘어납니다.",
        ),
        tries: &[
            Try { label: ("Four CPUs", "CPU 4개"), query: "cpus=4" },
        ],
    },
];

/// The preset with that id.
pub fn find(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
