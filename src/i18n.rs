//! Every piece of the page's text, in English and Korean (pure: tested natively).

use crate::number_text::grouped;
use futures_lab_core::PythonVersion;
use futures_lab_scenarios::{CpythonCosts, ExecutorKind, Speed, DEFAULT_OP_NS};

/// The page's language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// Both languages, in menu order.
    pub const ALL: [Self; 2] = [Self::En, Self::Ko];

    /// The BCP 47 code (`en`, `ko`), for `<html lang>`, storage and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ko => "ko",
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Ko => "한국어",
        }
    }

    /// A language from a code such as `ko`, `ko-KR` or `en-US`.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures_lab::i18n::Lang;
    ///
    /// assert_eq!(Lang::parse("ko-KR"), Some(Lang::Ko));
    /// assert_eq!(Lang::parse("en"), Some(Lang::En));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(code: &str) -> Option<Self> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "ko" => Some(Self::Ko),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages the page speaks, or English.
    pub fn from_preferences<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Self {
        preferred
            .into_iter()
            .find_map(Self::parse)
            .unwrap_or_default()
    }
}

/// A piece of the page's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
#[allow(missing_docs)]
pub enum Label {
    Tagline,
    Language,
    Workload,
    Executor,
    MaxWorkers,
    MaxWorkersDefault,
    Inputs,
    Run,
    Running,
    PressRun,
    Caption,
    Input,
    State,
    Worker,
    Progress,
    Result,
    WallTime,
    CpuTime,
    Parallelism,
    WorkersUsed,
    PoolStarting,
    NoThreads,
    NotIsolated,
    NoSharedMemory,
    WithoutSharedMemory,
    PoolTooSlow,
    PoolBroken,
    PoolOutOfMemory,
    AllowRun,
    WithoutIsolation,
    Sequential,
    Threads,
    Processes,
    Asyncio,
    Api,
    ApiAsCompleted,
    ApiMap,
    ApiWait,
    ApiGather,
    ApiTaskGroup,
    Gil,
    StartMethod,
    StartMethodDefault,
    LinkRepaired,
    OpenFull,
    AtTheEnd,
    Clock,
    ClockReal,
    ClockVirtual,
    Cpus,
    CpuSpeed,
    SpeedThisBuild,
    OpNs,
    OpNsMeasured,
    PlayPrediction,
    FitToThisMachine,
    Measuring,
    Timeout,
    TimeoutNone,
    ReturnWhen,
    Orders,
    SubmissionOrder,
    CompletionOrder,
    FinishOrder,
    ResultOrder,
    WaitReturned,
    Done,
    NotDone,
    Reason,
    ProgramRaised,
    Share,
    ShareCopied,
    ShareLink,
    Timeline,
    TimelineHelp,
    TimelineTools,
    TryThis,
    ZoomIn,
    ZoomOut,
    WholeRun,
    ZoomToSelection,
    ClearSelection,
    LegendCpu,
    LegendIo,
    LegendGilWait,
    LegendLockWait,
    OutOfDate,
    WaitReturnedMark,
    FirstFailureMark,
    MergedMark,
    LessonChanged,
    ReturnExceptions,
    Cooperative,
    Stage,
    StageEmpty,
    LegendLoopWait,
    LegendUntold,
    OpenReport,
    TraceHasNoBaseline,
    LabBesideTrace,
    OpenReportHint,
    OpenReportHintEnd,
    LegendStartup,
    LegendGil,
    LegendFailed,
    TimeoutLine,
    Submitted,
    Started,
    Ended,
    Duration,
    PreviousPage,
    NextPage,
    Preset,
    PresetNone,
    LookFor,
    Experiments,
    Compare,
    AmdahlRun,
    WallAxis,
    WorkersAxis,
    SpeedupAxis,
    Measured,
    Ideal,
    SpeedUp,
    Efficiency,
    NoBaseline,
    Code,
    PythonProgram,
    DaskProgram,
    RustProgram,
    Copy,
    Copied,
    CodeNeedsValidFields,
    Params,
    StoppedEarly,
    SlowMotion,
    Replay,
    ToStart,
    StepBack,
    Play,
    Pause,
    StepForward,
    ToEnd,
    Moment,
    Speed,
    Event,
    RunControl,
    CancelPending,
    Shutdown,
    ShutdownWait,
    ShutdownCancelFutures,
    CancelOne,
    ControlLog,
    CallbacksLog,
    Callbacks,
    MainThread,
    Theme,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
}

/// The text of `label` in `lang`.
///
/// # Examples
///
/// ```
/// use futures_lab::i18n::{text, Label, Lang};
///
/// assert_eq!(text(Lang::En, Label::Run), "Run");
/// assert_eq!(text(Lang::Ko, Label::Run), "실행");
/// ```
pub fn text(lang: Lang, label: Label) -> &'static str {
    use Label::*;
    let (en, ko) = match label {
        Tagline => (
            "Python's concurrent.futures, run for real on Web Workers",
            "파이썬 concurrent.futures를 웹 워커에서 실제로 실행해 봅니다",
        ),
        Language => ("Language", "언어"),
        Workload => ("Workload", "워크로드"),
        Executor => ("Executor", "실행기"),
        MaxWorkers => ("max_workers", "max_workers (최대 워커 수)"),
        MaxWorkersDefault => ("Python's default", "파이썬 기본값"),
        Inputs => (
            "Inputs (one task each, comma-separated; empty: the classic inputs)",
            "입력 (작업마다 하나, 쉼표로 구분; 비워 두면 대표 예제의 입력)",
        ),
        Run => ("Run", "실행"),
        Running => ("Running…", "실행 중…"),
        PressRun => (
            "Press Run to submit one future per input and watch each go pending → running → finished.",
            "실행을 누르면 입력마다 퓨처 하나가 제출되고, 각 퓨처가 대기 → 실행 중 → 완료로 바뀌는 모습을 볼 수 있습니다.",
        ),
        Caption => ("Futures, in submission order", "퓨처 (제출 순서)"),
        Input => ("input", "입력"),
        State => ("state", "상태"),
        Worker => ("worker", "워커"),
        Progress => ("progress / duration", "진행률 / 소요 시간"),
        Result => ("result", "결과"),
        WallTime => ("wall time", "전체 경과 시간"),
        CpuTime => ("CPU time (computing, summed)", "CPU 시간 (계산 합계)"),
        Parallelism => ("parallelism (CPU ÷ wall)", "병렬도 (CPU ÷ 경과)"),
        WorkersUsed => ("workers used", "사용한 워커 수"),
        PoolStarting => ("Starting the worker pool…", "워커 풀을 시작하는 중…"),
        NoThreads => ("No threads", "스레드 없음"),
        NotIsolated => ("not cross-origin isolated", "교차 출처 격리 안 됨"),
        PoolBroken => (
            "a task panicked and took its worker thread; until a new pool is up, thread pools run on the virtual clock, the rest for real",
            "작업이 패닉으로 워커 스레드를 잃었습니다. 새 풀이 준비될 때까지 스레드 풀은 가상 시계로, 나머지는 실제로 실행합니다",
        ),
        PoolOutOfMemory => (
            "a task ran out of memory and took its worker thread; until a new pool is up, thread pools run on the virtual clock, the rest for real",
            "작업이 메모리가 부족해 워커 스레드를 잃었습니다. 새 풀이 준비될 때까지 스레드 풀은 가상 시계로, 나머지는 실제로 실행합니다",
        ),
        AllowRun => ("Allow it and run", "허용하고 실행"),
        PoolTooSlow => (
            "the worker pool did not start within 15 s; thread pools run on the virtual clock, the rest for real",
            "워커 풀이 15초 안에 시작되지 않았습니다. 스레드 풀은 가상 시계로, 나머지는 실제로 실행합니다",
        ),
        NoSharedMemory => ("no shared memory in this browser", "이 브라우저에서는 공유 메모리 없음"),
        WithoutSharedMemory => (
            "This browser cannot share the page's memory with its workers (the page is cross-origin isolated, but SharedArrayBuffer is missing), so thread pools run on the virtual clock; sequential runs, asyncio and process pools still run for real.",
            "이 브라우저는 페이지의 메모리를 워커와 공유할 수 없으므로(교차 출처 격리는 되었지만 SharedArrayBuffer가 없음) 스레드 풀은 가상 시계로 실행하고, 순차 실행과 asyncio, 프로세스 풀은 그대로 실제로 실행합니다.",
        ),
        WithoutIsolation => (
            "This browser gives the page no shared memory here (it is not cross-origin isolated), so thread pools run on the virtual clock; sequential runs, asyncio and process pools still run for real.",
            "이 브라우저는 여기서 페이지에 공유 메모리를 주지 않으므로(교차 출처 격리가 되지 않음) 스레드 풀은 가상 시계로 실행하고, 순차 실행과 asyncio, 프로세스 풀은 그대로 실제로 실행합니다.",
        ),
        Sequential => ("sequential (one after another)", "순차 실행 (하나씩 차례로)"),
        Threads => ("threads (ThreadPoolExecutor)", "스레드 (ThreadPoolExecutor)"),
        Processes => ("processes (ProcessPoolExecutor)", "프로세스 (ProcessPoolExecutor)"),
        Asyncio => ("asyncio (one event loop)", "asyncio (이벤트 루프 하나)"),
        Api => ("How results are collected", "결과를 모으는 방법"),
        ApiAsCompleted => ("submit + as_completed", "submit + as_completed (끝나는 순서)"),
        ApiMap => ("map (input order)", "map (입력 순서)"),
        ApiWait => ("wait (timeout, return_when)", "wait (타임아웃, return_when)"),
        ApiGather => ("asyncio.gather", "asyncio.gather (인자 순서)"),
        ApiTaskGroup => ("asyncio.TaskGroup", "asyncio.TaskGroup (하나가 실패하면 모두 취소)"),
        Gil => ("GIL (threads take turns on CPU work)", "GIL (스레드가 CPU 작업을 번갈아 실행)"),
        StartMethod => (
            "start method (worker start-up on the virtual clock)",
            "시작 방식 (가상 시계에서 워커 프로세스 시작 비용)",
        ),
        StartMethodDefault => (
            "Linux's default (fork up to 3.13)",
            "리눅스 기본값 (3.13까지 fork)",
        ),
        AtTheEnd => ("at the end of the run", "실행이 끝나면 표시"),
        OpenFull => ("Open in futures-lab ↗", "futures-lab에서 열기 ↗"),
        LinkRepaired => (
            "This link's scenario had problems, so these fields are back at their defaults:",
            "이 링크의 시나리오에 문제가 있어 다음 필드를 기본값으로 되돌렸습니다:",
        ),
        Clock => ("Clock", "시계"),
        ClockReal => ("real: run and measured here", "실제: 이 기기에서 실행하고 측정"),
        ClockVirtual => ("virtual: simulated, the same every time", "가상: 시뮬레이션, 매번 똑같음"),
        Cpus => ("CPUs (virtual machine)", "CPU 수 (가상 기계)"),
        CpuSpeed => ("CPU speed", "CPU 속도"),
        SpeedThisBuild => ("this build in a browser", "브라우저의 이 빌드"),
        OpNs => ("a sum-of-squares term (op_ns)", "제곱합 항 하나 (op_ns)"),
        OpNsMeasured => ("as measured", "측정한 그대로"),
        PlayPrediction => ("play this prediction on the virtual clock", "이 예상을 가상 시계에서 재생"),
        FitToThisMachine => ("Fit to this machine", "이 기기에 맞추기"),
        Measuring => ("measuring…", "측정 중…"),
        Timeout => ("timeout_s", "timeout_s (타임아웃, 초)"),
        TimeoutNone => ("none", "없음"),
        ReturnWhen => ("return_when", "return_when (반환 조건)"),
        Orders => ("Orders", "순서"),
        SubmissionOrder => ("submitted", "제출한 순서"),
        CompletionOrder => ("as_completed yielded", "as_completed가 내놓은 순서"),
        FinishOrder => ("finished", "끝난 순서"),
        ResultOrder => ("results received", "결과를 받은 순서"),
        WaitReturned => ("What wait() returned", "wait()가 돌려준 것"),
        Done => ("done", "완료됨(done)"),
        NotDone => ("not_done", "미완료(not_done)"),
        Reason => ("returned because", "반환한 이유"),
        ProgramRaised => ("The program raised", "프로그램이 일으킨 예외"),
        Share => ("Share link", "링크 공유"),
        ShareCopied => ("Copied to the clipboard:", "클립보드에 복사했습니다:"),
        ShareLink => ("Link to this scenario (copy it):", "이 시나리오의 링크 (복사해 쓰세요):"),
        Timeline => ("Timeline", "타임라인"),
        TimelineHelp => (
            "One lane per worker. Point at a bar, or press ← →, for its future; drag across to select a stretch; zoom with Ctrl + wheel or + −, move with Shift + wheel.",
            "워커마다 한 줄입니다. 막대를 가리키거나 ← → 키로 퓨처 정보를 보고, 끌어서 구간을 고르고, Ctrl + 휠이나 + − 키로 확대, Shift + 휠로 옆으로 옮깁니다.",
        ),
        TimelineTools => ("Timeline zoom", "타임라인 확대"),
        TryThis => ("Try:", "바꿔 보기:"),
        ZoomIn => ("Zoom in", "확대"),
        ZoomOut => ("Zoom out", "축소"),
        WholeRun => ("Whole run", "실행 전체"),
        ZoomToSelection => ("Zoom to selection", "선택 구간 확대"),
        ClearSelection => ("Clear selection", "선택 해제"),
        LegendCpu => ("computing", "계산 중"),
        LegendIo => ("waiting for I/O", "I/O 대기"),
        LegendGilWait => ("waiting for the GIL", "GIL 대기"),
        LegendLockWait => ("waiting for a lock", "락 대기"),
        Stage => ("The run", "실행 모습"),
        OutOfDate => (
            "You changed the form since this run: what shows here is the run before. Press Run to see the change.",
            "이 실행 뒤에 설정을 바꾸었습니다. 여기 보이는 것은 이전 실행입니다. 바뀐 결과를 보려면 실행을 누르세요.",
        ),
        WaitReturnedMark => ("wait() returned", "wait() 반환"),
        FirstFailureMark => ("first exception", "첫 예외"),
        MergedMark => (
            "GIL turns merged from here: counted, not drawn",
            "여기부터 GIL 교대를 합쳐 기록: 수치에는 반영, 그림에는 없음",
        ),
        LessonChanged => (
            "(You changed the example: compare what you see with this.)",
            "(예제를 바꾸었습니다. 보이는 결과를 이 설명과 비교해 보세요.)",
        ),
        ReturnExceptions => (
            "return_exceptions=True (an error becomes its task's result)",
            "return_exceptions=True (오류가 그 작업의 결과가 됨)",
        ),
        Cooperative => (
            "cooperative: await asyncio.sleep(0) at every checkpoint",
            "cooperative: 체크포인트마다 await asyncio.sleep(0)",
        ),
        StageEmpty => (
            "Press Run: each future's timeline, the order as_completed yields them and the timings appear here.",
            "실행을 누르면 여기에 퓨처마다의 타임라인, as_completed가 내놓는 순서, 걸린 시간이 나타납니다.",
        ),
        LegendLoopWait => ("waiting for its turn on the event loop", "이벤트 루프에서 차례 대기"),
        LabBesideTrace => ("futures-lab, the same scenario here", "futures-lab에서 같은 시나리오"),
        TraceHasNoBaseline => (
            "A CPython trace has no sequential run of the same program to compare with.",
            "CPython 트레이스에는 비교할 같은 프로그램의 순차 실행이 없습니다.",
        ),
        OpenReport => ("Open a trace or report…", "트레이스나 보고서 열기…"),
        OpenReportHint => (
            "A .json file (or drop it on the page): a lab report, or your own program traced in CPython by",
            ".json 파일(페이지에 끌어다 놓아도 됩니다): 랩의 보고서, 또는 CPython에서",
        ),
        OpenReportHintEnd => (
            " (python3 futures_lab_trace.py -o report.json your_script.py).",
            "로 내 프로그램을 추적한 결과 (python3 futures_lab_trace.py -o report.json your_script.py).",
        ),
        LegendUntold => (
            "computing or waiting (CPython's trace does not say which)",
            "계산 또는 대기 (CPython 트레이스로는 어느 쪽인지 알 수 없음)",
        ),
        LegendStartup => ("starting the process", "프로세스 시작 중"),
        LegendGil => ("GIL held by (colour of the lane)", "GIL을 가진 스레드 (레인 색)"),
        LegendFailed => ("failed", "실패"),
        TimeoutLine => ("timeout", "타임아웃"),
        Submitted => ("submitted", "제출"),
        Started => ("started", "시작"),
        Ended => ("ended", "종료"),
        Duration => ("duration", "소요 시간"),
        PreviousPage => ("Previous", "이전"),
        NextPage => ("Next", "다음"),
        Preset => ("Classic example", "대표 예제"),
        PresetNone => ("— your own scenario —", "— 직접 만든 시나리오 —"),
        LookFor => ("What to look for:", "눈여겨볼 점:"),
        Experiments => ("Compare and scale", "비교와 확장"),
        Compare => ("Compare every executor", "모든 실행기 비교"),
        AmdahlRun => ("Amdahl: run on 1…N workers", "암달: 워커 1…N개로 실행"),
        WallAxis => ("wall time (ms)", "전체 경과 시간 (ms)"),
        WorkersAxis => ("workers", "워커 수"),
        SpeedupAxis => ("speed-up", "속도 향상"),
        Measured => ("measured", "측정값"),
        Ideal => ("ideal (no serial part)", "이상적 (직렬 부분 없음)"),
        SpeedUp => ("speed-up vs sequential", "순차 실행 대비 속도 향상"),
        Efficiency => ("efficiency (speed-up ÷ workers)", "효율 (속도 향상 ÷ 워커 수)"),
        Code => ("The program", "프로그램"),
        PythonProgram => ("Python", "파이썬"),
        DaskProgram => ("dask.distributed", "dask.distributed (클러스터)"),
        RustProgram => ("Rust (futures-lab)", "러스트 (futures-lab)"),
        Copy => ("Copy", "복사"),
        Copied => ("Copied", "복사됨"),
        CodeNeedsValidFields => (
            "Correct the fields above to see the program.",
            "위의 입력을 고치면 프로그램이 보입니다.",
        ),
        Params => ("Workload parameters (empty: the default)", "워크로드 매개변수 (비워 두면 기본값)"),
        StoppedEarly => (
            "No speed-up: the program raised and stopped early.",
            "속도 향상 없음: 프로그램이 예외를 일으켜 일찍 멈췄습니다.",
        ),
        SlowMotion => (
            "watch runs in slow motion (1/10×: the run goes at full speed, the views follow behind)",
            "느린 화면으로 보기 (1/10×: 실행은 제 속도로 하고, 화면이 뒤따라갑니다)",
        ),
        Replay => ("Replay", "다시 보기"),
        ToStart => ("To the start", "처음으로"),
        StepBack => ("One event back", "이벤트 하나 뒤로"),
        Play => ("Play", "재생"),
        Pause => ("Pause", "일시 정지"),
        StepForward => ("One event forward", "이벤트 하나 앞으로"),
        ToEnd => ("To the end", "끝으로"),
        Moment => ("Moment", "시점"),
        Speed => ("speed", "속도"),
        Event => ("event", "이벤트"),
        RunControl => ("While it runs", "실행하는 동안"),
        CancelPending => ("Cancel pending", "대기 중인 것 취소"),
        Shutdown => ("Shut down", "종료(shutdown)"),
        ShutdownWait => ("wait", "wait (끝날 때까지 기다림)"),
        ShutdownCancelFutures => ("cancel_futures", "cancel_futures (대기 중인 퓨처 취소)"),
        CancelOne => ("cancel", "취소"),
        ControlLog => ("What cancel and shutdown did", "취소와 종료의 결과"),
        CallbacksLog => ("Done callbacks, as they ran", "완료 콜백 (실행된 순서)"),
        Callbacks => (
            "add_done_callback on every future",
            "모든 퓨처에 add_done_callback",
        ),
        MainThread => ("the program's thread (MainThread)", "프로그램의 스레드 (MainThread)"),
        Theme => ("Theme", "테마"),
        ThemeSystem => ("as the system", "시스템 설정"),
        ThemeLight => ("light", "밝게"),
        ThemeDark => ("dark", "어둡게"),
        NoBaseline => (
            "Speed-up is measured against a sequential run of the same inputs: press Compare to make one.",
            "속도 향상은 같은 입력의 순차 실행과 비교해 잽니다. 비교를 누르면 순차 실행도 합니다.",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// Why a run was refused for its budget, in `lang` (the scenarios crate's
/// words in English).
pub fn over_budget(lang: Lang, over: &futures_lab_scenarios::OverBudget) -> String {
    use futures_lab_scenarios::{mib_in_words, span_in_words, Activity, Over, MAX_SIMULATED_NS};
    if lang == Lang::En {
        return over.to_string();
    }
    let e = &over.estimate;
    let tasks = e.tasks;
    let mut text = match over.over {
        Over::VirtualClock => format!(
            "이 실행의 가상 시계는 약 {}까지 갈 수 있어, 셀 수 있는 {}을 넘습니다(작업 {tasks}개). 입력을 줄이거나 작게 하거나 op_ns를 줄이세요",
            span_ko(span_in_words(e.simulated_ns.unwrap_or_default())),
            span_ko(span_in_words(MAX_SIMULATED_NS))
        ),
        Over::Time => {
            let what = match e.activity() {
                Activity::ComputingForReal => "모든 결과를 실제로 계산",
                Activity::MostlyWaiting => "대부분 기다림",
                Activity::MostlyComputing => "대부분 계산",
            };
            format!(
                "이 실행은 약 {} 걸립니다({what}, 작업 {tasks}개). 여기서는 한 번에 최대 {}까지 실행합니다. 입력을 줄이거나 작게 하세요",
                span_ko(span_in_words(e.real_ns)),
                span_ko(span_in_words(over.budget.real_s * 1e9))
            )
        }
        Over::Memory => format!(
            "이 실행은 퓨처와 결과, 기록에 약 {}를 씁니다(작업 {tasks}개). 여기서는 최대 {}까지 쓸 수 있습니다. 입력을 줄이거나 작게 하세요",
            mib_in_words(e.memory_bytes),
            mib_in_words(over.budget.memory_bytes)
        ),
    };
    if over.raised.is_some() {
        text.push_str(". 또는 이 실행을 허용하세요");
    }
    text
}

/// A span in words ("6.9 days") in Korean ("6.9일").
fn span_ko(english: String) -> String {
    let Some((number, unit)) = english.split_once(' ') else {
        return english;
    };
    let unit = match unit {
        "s" => "초",
        "minutes" => "분",
        "hours" => "시간",
        "days" => "일",
        "years" => "년",
        other => other,
    };
    format!("{number}{unit}")
}

/// The badge of a running pool.
pub fn pool_ready(lang: Lang, threads: usize, start_ms: f64) -> String {
    match lang {
        Lang::En => format!(
            "Cross-origin isolated · {threads} worker threads (up in {start_ms:.0} ms; more start as runs need them)"
        ),
        Lang::Ko => format!(
            "교차 출처 격리(COOP/COEP) 적용 · 워커 스레드 {threads}개 ({start_ms:.0} ms 만에 시작, 실행에 필요하면 더 늘어남)"
        ),
    }
}

/// Which clock a run uses, in one sentence: on the virtual clock, its CPUs
/// and its speed (this build's `op_ns`, or a CPython's measured table,
/// which `op_ns` rescales).
pub fn clock_mode(
    lang: Lang,
    virtual_clock: bool,
    cpus: usize,
    op_ns: Option<f64>,
    speed: Speed,
) -> String {
    let measured = speed
        .python()
        .and_then(|version| CpythonCosts::get().timed_version(version));
    match (lang, virtual_clock, measured) {
        (Lang::En, false, _) => format!(
            "Real run: tasks run on this machine's {cpus} CPUs and are timed as they go."
        ),
        (Lang::Ko, false, _) => {
            format!("실제 실행: 작업이 이 기기의 CPU {cpus}개에서 실행되고 그대로 측정됩니다.")
        }
        (Lang::En, true, None) => format!(
            "Virtual clock: a simulated machine with {cpus} CPUs, {} ns per operation; results are computed for real, times are counted, and the trace is the same on every machine.",
            op_ns.unwrap_or(DEFAULT_OP_NS)
        ),
        (Lang::Ko, true, None) => format!(
            "가상 시계: CPU {cpus}개, 연산 하나에 {} ns인 시뮬레이션 기계입니다. 결과는 실제로 계산하고 시간은 세어서 정하므로, 어느 기기에서나 같은 기록이 나옵니다.",
            op_ns.unwrap_or(DEFAULT_OP_NS)
        ),
        (Lang::En, true, Some(measured)) => format!(
            "Virtual clock: a simulated machine with {cpus} CPUs computing as fast as CPython {} (each workload's Python code timed in CPython {} on {}{}); results are computed for real, times are counted, and the trace is the same on every machine.",
            speed.python().map(|v| v.to_string()).unwrap_or_default(),
            measured.python,
            CpythonCosts::get().measured,
            op_ns.map(|ns| format!(", rescaled so that a term of the sum of squares takes {ns} ns")).unwrap_or_default()
        ),
        (Lang::Ko, true, Some(measured)) => format!(
            "가상 시계: CPU {cpus}개가 CPython {}만큼 빠르게 계산하는 시뮬레이션 기계입니다(작업마다 파이썬 코드를 {}에 CPython {}로 측정{}). 결과는 실제로 계산하고 시간은 세어서 정하므로, 어느 기기에서나 같은 기록이 나옵니다.",
            speed.python().map(|v| v.to_string()).unwrap_or_default(),
            CpythonCosts::get().measured,
            measured.python,
            op_ns.map(|ns| format!(", 제곱합 항 하나가 {ns} ns가 되도록 비율 조정")).unwrap_or_default()
        ),
    }
}

/// What a CPython trace shown on the stage is: its program, CPython, exit
/// status, futures and executors, and what its half-tone bars mean.
pub fn trace_info(
    lang: Lang,
    program: &futures_lab_scenarios::TracedProgram,
    futures: usize,
) -> String {
    let script = program
        .script
        .as_deref()
        .map(|path| path.rsplit(['/', '\\']).next().unwrap_or(path).to_owned())
        .unwrap_or_else(|| "?".to_owned());
    let executors: Vec<String> = program
        .executors
        .iter()
        .map(|executor| {
            let workers = executor.max_workers.unwrap_or(1);
            let method = executor.start_method.as_deref().unwrap_or_default();
            match (lang, executor.kind.as_str()) {
                (Lang::En, "threads") => format!("a thread pool ({workers} workers)"),
                (Lang::En, "processes") => format!("a process pool ({workers} workers, {method})"),
                (Lang::En, _) => "an event loop".to_owned(),
                (Lang::Ko, "threads") => format!("스레드 풀(워커 {workers}개)"),
                (Lang::Ko, "processes") => format!("프로세스 풀(워커 {workers}개, {method})"),
                (Lang::Ko, _) => "이벤트 루프".to_owned(),
            }
        })
        .collect();
    let python = &program.python;
    let status = program.exit_status;
    match lang {
        Lang::En => format!(
            "CPython {python} trace of {script} (exit status {status}): {futures} futures on {}. \
             A half-tone bar is computing or waiting: CPython does not say which.",
            executors.join(", ")
        ),
        Lang::Ko => format!(
            "{script}의 CPython {python} 트레이스 (종료 상태 {status}): {}에서 퓨처 {futures}개. \
             반투명 막대는 계산 또는 대기입니다. CPython은 어느 쪽인지 알려 주지 않습니다.",
            executors.join(", ")
        ),
    }
}

/// The clock line of a CPython trace.
pub fn cpython_clock(lang: Lang, cpus: usize) -> String {
    match lang {
        Lang::En => format!(
            "CPython's own run, traced: timed by CPython on the machine that ran it ({cpus} CPUs)."
        ),
        Lang::Ko => format!(
            "CPython이 직접 실행한 것을 추적했습니다. 시간은 그 프로그램을 실행한 기기(CPU {cpus}개)에서 CPython이 잰 것입니다."
        ),
    }
}

/// Why the program panel has no dask program for the scenario.
pub fn dask_refusal_text(lang: Lang, why: &futures_lab_scenarios::DaskRefusal) -> String {
    use futures_lab_scenarios::DaskRefusal::*;
    match (lang, why) {
        (Lang::En, why) => format!("dask cannot run this scenario as CPython does. {why}."),
        (Lang::Ko, Sequential) => "dask는 이 시나리오를 CPython처럼 실행할 수 없습니다. \
            executor=sequential: 일반 반복문에는 풀이 없고, dask는 클러스터의 워커에서 future를 실행합니다. \
            threads나 processes를 고르세요."
            .to_owned(),
        (Lang::Ko, Asyncio) => "dask는 이 시나리오를 CPython처럼 실행할 수 없습니다. \
            executor=asyncio: dask의 워커는 함수를 호출합니다. 이벤트 루프 하나에서 번갈아 실행되는 \
            코루틴에 해당하는 것이 dask에는 없습니다. threads나 processes를 고르세요."
            .to_owned(),
        (Lang::Ko, Paced(workload)) => format!(
            "dask는 이 시나리오를 CPython처럼 실행할 수 없습니다. workload={workload}: 생산자가 풀의 큐에 \
             맞춰 제출 속도를 조절하는데, dask에서는 그 큐를 스케줄러가 관리합니다."
        ),
        (Lang::Ko, SharedState(workload)) => format!(
            "dask는 이 시나리오를 CPython처럼 실행할 수 없습니다. workload={workload}: 프로그램이 자기 \
             메모리에서 작업들이 바꾼 상태를 세는데, dask의 작업은 프로그램과 메모리를 공유하지 않는 \
             워커에서 실행됩니다."
        ),
        (Lang::Ko, UnknownWorkload(workload)) => format!("workload: {workload:?}라는 워크로드는 없습니다."),
    }
}

/// The CPU speed of a measured CPython, as the clock controls name it.
pub fn cpython_speed_name(lang: Lang, version: &str) -> String {
    match lang {
        Lang::En => format!("CPython {version}"),
        Lang::Ko => format!("CPython {version} 속도"),
    }
}

/// The name of CPython's predicted wall time (`python`: its version).
pub fn cpython_prediction_name(lang: Lang, python: &str) -> String {
    match lang {
        Lang::En => format!("In CPython {python} (predicted)"),
        Lang::Ko => format!("CPython {python}에서 (예상)"),
    }
}

/// How CPython's predicted wall time is obtained (the same words before
/// and after it comes, so that nothing moves).
pub fn cpython_prediction_note(lang: Lang, python: &str, cpus: usize, threads: bool) -> String {
    let costs = CpythonCosts::get();
    match lang {
        Lang::En => format!(
            "Predicted on the virtual clock at CPython {python}'s speed (its code timed on {}, {}, {} CPUs), fitted to this machine, with its {cpus} CPUs{}.",
            costs.measured,
            costs.machine.cpu,
            costs.machine.cpus,
            if threads { "; its threads share the GIL" } else { "" }
        ),
        Lang::Ko => format!(
            "CPython {python} 속도의 가상 시계에서 이 기기에 맞춰 CPU {cpus}개로 돌린 예상값입니다(코드는 {}에 {}, CPU {}개에서 측정).{}",
            costs.measured,
            costs.machine.cpu,
            costs.machine.cpus,
            if threads { " 스레드는 GIL을 함께 씁니다." } else { "" }
        ),
    }
}

/// How CPython's figures were fitted to this machine: this build's time for
/// a term here (`this_build_ns`) against where CPython was timed.
pub fn cpython_fit_detail(lang: Lang, this_build_ns: f64) -> String {
    match lang {
        Lang::En => format!(
            "This build takes {this_build_ns:.2} ns a term of the sum of squares here, {DEFAULT_OP_NS} ns where CPython was timed; CPython is taken to be as much faster or slower."
        ),
        Lang::Ko => format!(
            "이 빌드는 제곱합 항 하나에 여기서 {this_build_ns:.2} ns, CPython을 측정한 곳에서 {DEFAULT_OP_NS} ns 걸립니다. CPython도 그만큼 빠르거나 느리다고 봅니다."
        ),
    }
}

/// What the timeline canvas shows, for screen readers.
pub fn timeline_summary(lang: Lang, lanes: usize, futures: usize) -> String {
    match lang {
        Lang::En => format!("Timeline of {futures} futures on {lanes} workers"),
        Lang::Ko => format!("워커 {lanes}개에서 실행한 퓨처 {futures}개의 타임라인"),
    }
}

/// Why the stream's queue was once deeper than its capacity (as CPython's
/// is): a worker that finished a request freed the producer, which
/// submitted the next one before the worker took one from the queue.
///
/// # Examples
///
/// ```
/// use futures_lab::i18n::{queue_over_capacity, Lang};
///
/// assert!(queue_over_capacity(Lang::En, 8, 9).starts_with("The queue held 9 for a moment, one more than its capacity of 8"));
/// ```
pub fn queue_over_capacity(lang: Lang, capacity: u64, most: u64) -> String {
    let more = most.saturating_sub(capacity);
    match lang {
        Lang::En => format!(
            "The queue held {most} for a moment, {} than its capacity of {capacity}: the producer may submit (room is made when a request finishes) before the free worker takes the next request from the queue. CPython's executor queue does the same.",
            if more == 1 { "one more".to_owned() } else { format!("{more} more") }
        ),
        Lang::Ko => format!(
            "큐 길이가 잠깐 {most}로, 용량 {capacity}보다 {more} 많았습니다. 요청 하나가 끝나 자리가 나면 생산자가 다음 요청을 제출하는데, 그것이 쉬게 된 워커가 큐에서 다음 요청을 꺼내기보다 먼저일 수 있습니다. CPython의 실행기 큐도 그렇습니다."
        ),
    }
}

/// How long a text is: `3,099 characters`, `3,099자`.
///
/// # Examples
///
/// ```
/// use futures_lab::i18n::{characters, Lang};
///
/// assert_eq!(characters(Lang::En, 3099), "3,099 characters");
/// assert_eq!(characters(Lang::Ko, 3099), "3,099자");
/// ```
pub fn characters(lang: Lang, count: usize) -> String {
    let count = grouped(count as f64, 0);
    match lang {
        Lang::En => format!("{count} characters"),
        Lang::Ko => format!("{count}자"),
    }
}

/// A run of Compare or Amdahl as its chart and table name it: the
/// executor in `lang` (`threads+GIL` → `스레드+GIL`), or the worker count.
///
/// # Examples
///
/// ```
/// use futures_lab::experiments::Variant;
/// use futures_lab::i18n::{variant_name, Lang};
/// use futures_lab_scenarios::ExecutorKind;
///
/// let gil = Variant::Executor { kind: ExecutorKind::Threads, gil: true };
/// assert_eq!(variant_name(Lang::En, gil), "threads+GIL");
/// assert_eq!(variant_name(Lang::Ko, gil), "스레드+GIL");
/// assert_eq!(variant_name(Lang::Ko, Variant::Workers(4)), "4");
/// ```
pub fn variant_name(lang: Lang, variant: crate::experiments::Variant) -> String {
    use crate::experiments::Variant;
    let Variant::Executor { kind, gil } = variant else {
        return variant.label();
    };
    if lang == Lang::En {
        return variant.label();
    }
    let name = match kind {
        ExecutorKind::Sequential => "순차 실행",
        ExecutorKind::Threads => "스레드",
        ExecutorKind::Processes => "프로세스",
        ExecutorKind::Asyncio => "asyncio",
    };
    if gil && kind == ExecutorKind::Threads {
        format!("{name}+GIL")
    } else {
        name.to_owned()
    }
}

/// Which stretch of the run the zoomed timeline shows: `from_ms` to
/// `to_ms` of `whole_ms`.
pub fn shown_stretch(lang: Lang, from_ms: f64, to_ms: f64, whole_ms: f64) -> String {
    let d = duration_decimals(to_ms - from_ms);
    let (from, to, whole) = (
        grouped(from_ms, d),
        grouped(to_ms, d),
        grouped(whole_ms, duration_decimals(whole_ms)),
    );
    match lang {
        Lang::En => format!("Showing {from}–{to} ms of {whole} ms"),
        Lang::Ko => format!("전체 {whole} ms 중 {from}–{to} ms 표시"),
    }
}

/// The figures of a selected stretch of the timeline, in a sentence.
///
/// # Examples
///
/// ```
/// use futures_lab::i18n::{range_summary, Lang};
/// use futures_lab::timeline_range::RangeFigures;
/// use futures_lab::timeline_viewport::Viewport;
///
/// let figures = RangeFigures {
///     range: Some(Viewport { from_ns: 2_000_000, to_ns: 6_000_000 }),
///     computing_ns: 4_000_000,
///     gil_ns: 4_000_000,
///     running: 2,
///     ended: 1,
///     ..RangeFigures::default()
/// };
/// assert_eq!(
///     range_summary(Lang::En, &figures),
///     "2.0–6.0 ms (4.0 ms): computing 4.0 ms, waiting for the GIL 4.0 ms · 2 futures ran, 0 started, 1 ended · parallelism 1.00×"
/// );
/// ```
pub fn range_summary(lang: Lang, figures: &crate::timeline_range::RangeFigures) -> String {
    let Some(range) = figures.range else {
        return String::new();
    };
    let ms = |ns: u64| ns as f64 / 1e6;
    let d = duration_decimals(ms(range.span_ns()));
    let at = |ns: u64| grouped(ms(ns), d);
    let parts: Vec<String> = [
        (figures.computing_ns, Label::LegendCpu),
        (figures.io_ns, Label::LegendIo),
        (figures.gil_ns, Label::LegendGilWait),
        (figures.lock_ns, Label::LegendLockWait),
        (figures.loop_ns, Label::LegendLoopWait),
        (figures.untold_ns, Label::LegendUntold),
    ]
    .into_iter()
    .filter(|(ns, label)| *ns > 0 || *label == Label::LegendCpu)
    .map(|(ns, label)| format!("{} {} ms", text(lang, label), at(ns)))
    .collect();
    let (from, to, span) = (at(range.from_ns), at(range.to_ns), at(range.span_ns()));
    let (running, started, ended) = (figures.running, figures.started, figures.ended);
    let parallelism = figures.parallelism();
    match lang {
        Lang::En => format!(
            "{from}–{to} ms ({span} ms): {} · {running} futures ran, {started} started, {ended} ended · parallelism {parallelism:.2}×",
            parts.join(", ")
        ),
        Lang::Ko => format!(
            "{from}–{to} ms ({span} ms): {} · 퓨처 {running}개 실행, {started}개 시작, {ended}개 끝남 · 병렬도 {parallelism:.2}×",
            parts.join(", ")
        ),
    }
}

/// Decimals that tell moments `length_ms` apart: one for 10 ms and more,
/// three below 0.1 ms.
fn duration_decimals(length_ms: f64) -> usize {
    if !(length_ms.is_finite() && length_ms > 0.0) {
        return 1;
    }
    (1.0 - length_ms.log10().floor()).clamp(1.0, 4.0) as usize
}

/// What a workload parameter is and allows, in `lang` (the workload's own
/// words in English).
pub fn param_help(
    lang: Lang,
    workload: &str,
    param: &futures_lab_scenarios::Param,
) -> &'static str {
    let ko = match (workload, param.name) {
        ("download", "latency_ms") => "사이트 하나의 평균 지연 시간, 1–60000 ms",
        ("download", "jitter_ms") => "사이트 지연 시간이 평균에서 벗어날 수 있는 폭, 0–60000 ms",
        ("points", "cache") => "none, unsynchronized (확인 후 실행), locked, lru 중 하나",
        ("points", "capacity") => "lru 캐시가 보관하는 항목 수, 1–10000",
        ("points", "lookup_ms") => "변환 규칙을 조회하는 시간 (I/O), 0–1000 ms",
        ("stream", "rate") => "생산자가 초당 내보내는 요청 수, 1–10000",
        ("stream", "capacity") => "생산자가 기다려야 하기 전까지 큐가 담는 요청 수, 1–10000",
        ("stream", "b_ms") => "요청마다 B 단계(파싱, 검증)의 CPU 시간, 0–1000 ms",
        ("stream", "c_ms") => "요청마다 C 단계(다음 서비스 호출)의 I/O 시간, 0–10000 ms",
        _ => param.help,
    };
    match lang {
        Lang::En => param.help,
        Lang::Ko => ko,
    }
}

/// One cancel or shutdown command and what came of it, as a line of the
/// log: the call in Python's spelling, then its return and why.
///
/// # Examples
///
/// ```
/// use futures_lab::i18n::{control_note, Lang};
/// use futures_lab_scenarios::{Command, ControlNote, ControlOutcome};
///
/// let note = ControlNote { t_ms: 12.5, command: Command::Cancel(0), outcome: ControlOutcome::Refused { state: "running" } };
/// assert_eq!(control_note(Lang::En, &note, false),
///     "12.5 ms · futures[0].cancel() → False: it is running, and a running future cannot be cancelled");
/// ```
pub fn control_note(
    lang: Lang,
    note: &futures_lab_scenarios::ControlNote,
    asyncio: bool,
) -> String {
    use futures_lab_scenarios::{Command, ControlOutcome};
    let ko = lang == Lang::Ko;
    let python_bool = |b: bool| if b { "True" } else { "False" };
    let ids = |ids: &[u64]| {
        let listed: Vec<String> = ids.iter().map(u64::to_string).collect();
        format!("{{{}}}", listed.join(", "))
    };
    let command = match &note.command {
        Command::Cancel(id) if asyncio => format!("tasks[{id}].cancel()"),
        Command::Cancel(id) => format!("futures[{id}].cancel()"),
        Command::CancelPending if ko => "대기 중인 모든 퓨처에 cancel()".to_owned(),
        Command::CancelPending => "cancel() on every pending future".to_owned(),
        Command::Shutdown {
            wait,
            cancel_futures,
        } => format!(
            "executor.shutdown(wait={}, cancel_futures={})",
            python_bool(*wait),
            python_bool(*cancel_futures)
        ),
    };
    let outcome = match (&note.outcome, ko) {
        (ControlOutcome::Cancelled, false) => {
            "True: it was pending, so it will never run".to_owned()
        }
        (ControlOutcome::Cancelled, true) => "True: 대기 중이었으므로 실행되지 않습니다".to_owned(),
        (ControlOutcome::AlreadyCancelled, false) => "True: it was already cancelled".to_owned(),
        (ControlOutcome::AlreadyCancelled, true) => "True: 이미 취소된 퓨처입니다".to_owned(),
        (ControlOutcome::Refused { state: "running" }, false) => {
            "False: it is running, and a running future cannot be cancelled".to_owned()
        }
        (ControlOutcome::Refused { state: "running" }, true) => {
            "False: 실행 중인 퓨처는 취소할 수 없습니다".to_owned()
        }
        (ControlOutcome::Refused { state }, false) => format!("False: it is already {state}"),
        (ControlOutcome::Refused { state }, true) => {
            format!("False: 이미 끝난 퓨처입니다 ({})", state_name(lang, state))
        }
        (ControlOutcome::CancelRequested { state: "running" }, false) => {
            "True: the task gets CancelledError at its next await".to_owned()
        }
        (ControlOutcome::CancelRequested { state: "running" }, true) => {
            "True: 작업은 다음 await에서 CancelledError를 받습니다".to_owned()
        }
        (ControlOutcome::CancelRequested { .. }, false) => {
            "True: the task is cancelled before it starts".to_owned()
        }
        (ControlOutcome::CancelRequested { .. }, true) => {
            "True: 작업이 시작하기 전에 취소됩니다".to_owned()
        }
        (ControlOutcome::CancelledPending { ids: cancelled }, false) => {
            format!("cancelled {} (none had started)", ids(cancelled))
        }
        (ControlOutcome::CancelledPending { ids: cancelled }, true) => {
            format!("{} 취소됨 (시작 전이던 퓨처)", ids(cancelled))
        }
        (
            ControlOutcome::ShutDown {
                cancelled,
                returned_ms,
            },
            false,
        ) => format!(
            "returned at {returned_ms:.1} ms; cancelled {}; no new work is accepted",
            ids(cancelled)
        ),
        (
            ControlOutcome::ShutDown {
                cancelled,
                returned_ms,
            },
            true,
        ) => format!(
            "{returned_ms:.1} ms에 반환; {} 취소됨; 새 작업은 받지 않습니다",
            ids(cancelled)
        ),
        (ControlOutcome::Unknown, false) => "no future has that number".to_owned(),
        (ControlOutcome::Unknown, true) => "그런 번호의 퓨처가 없습니다".to_owned(),
    };
    format!("{:.1} ms · {command} → {outcome}", note.t_ms)
}

/// One done callback as a line of the log.
pub fn callback_line(lang: Lang, note: &futures_lab_scenarios::CallbackNote) -> String {
    let thread = note
        .thread
        .clone()
        .unwrap_or_else(|| text(lang, Label::MainThread).to_owned());
    match lang {
        Lang::En => format!(
            "{:.1} ms · future #{}'s callback ran on {thread}",
            note.t_ms, note.future
        ),
        Lang::Ko => format!(
            "{:.1} ms · 퓨처 #{}의 콜백이 {thread}에서 실행됨",
            note.t_ms, note.future
        ),
    }
}

/// What `max_workers` becomes when left empty, and why, for `executor`
/// on a machine with `cpus` CPUs under Python `version` (`3.13` if none or
/// not one the lab knows).
///
/// # Examples
///
/// ```
/// use futures_lab::i18n::{max_workers_default, Lang};
/// use futures_lab_scenarios::ExecutorKind;
///
/// assert_eq!(max_workers_default(Lang::En, ExecutorKind::Threads, 2, None),
///     "Python's default here: min(32, os.cpu_count() + 4) = min(32, 2 + 4) = 6");
/// assert_eq!(max_workers_default(Lang::En, ExecutorKind::Threads, 2, Some("3.7")),
///     "Python's default here: os.cpu_count() × 5 = 2 × 5 = 10");
/// ```
pub fn max_workers_default(
    lang: Lang,
    executor: ExecutorKind,
    cpus: usize,
    version: Option<&str>,
) -> String {
    let version: PythonVersion = version
        .and_then(|v| v.parse().ok())
        .unwrap_or(PythonVersion::DEFAULT);
    let ko = lang == Lang::Ko;
    let Some(default) = executor.default_max_workers(version, cpus) else {
        return match (executor, ko) {
            (ExecutorKind::Asyncio, true) => "쓰지 않음: 이벤트 루프는 스레드 하나에서 돕니다",
            (ExecutorKind::Asyncio, false) => "not used: the event loop runs on one thread",
            (_, true) => "쓰지 않음: 하나씩 차례로 실행합니다",
            (_, false) => "not used: one task after another",
        }
        .to_owned();
    };
    let lead = if ko {
        "이 컴퓨터에서 파이썬 기본값"
    } else {
        "Python's default here"
    };
    let limit = futures_lab_scenarios::MAX_WORKERS_LIMIT;
    let capped = match (default > limit, ko) {
        (false, _) => String::new(),
        (true, false) => format!("; the lab runs {limit} at most"),
        (true, true) => format!("; 이 실험실은 최대 {limit}개까지 실행합니다"),
    };
    let before_3_8 = version < "3.8".parse().unwrap_or(PythonVersion::OLDEST);
    match executor {
        ExecutorKind::Threads if before_3_8 => {
            format!("{lead}: os.cpu_count() × 5 = {cpus} × 5 = {default}{capped}")
        }
        ExecutorKind::Threads => {
            format!("{lead}: min(32, os.cpu_count() + 4) = min(32, {cpus} + 4) = {default}")
        }
        _ => format!("{lead}: os.cpu_count() = {default}{capped}"),
    }
}

/// What a run's speed-up is measured against: its sequential baseline's
/// wall time, already written as `baseline` (in the note's room, where a
/// run without one says how to make one, so that nothing moves when it
/// comes).
pub fn baseline_note(lang: Lang, baseline: &str) -> String {
    match lang {
        Lang::En => format!("Speed-up against a sequential run of the same inputs ({baseline})."),
        Lang::Ko => format!("속도 향상은 같은 입력의 순차 실행({baseline})과 비교한 값입니다."),
    }
}

/// Why the live views update less often than every frame during this run.
pub fn live_pace(lang: Lang, interval_ms: f64) -> String {
    let per_second = (1000.0 / interval_ms).round();
    match lang {
        Lang::En => format!(
            "(the views update {per_second} times a second: every CPU of this machine is running the workers, and drawing more often would slow the run it shows)"
        ),
        Lang::Ko => format!(
            "(화면을 초당 {per_second}번 갱신합니다. 이 컴퓨터의 모든 CPU가 워커를 실행하고 있어, 더 자주 그리면 보여 주는 실행이 느려집니다)"
        ),
    }
}

/// A trace event's kind in words.
pub fn event_name(lang: Lang, kind: futures_lab_core::TraceKind) -> &'static str {
    use futures_lab_core::TraceKind::*;
    let (en, ko) = match kind {
        Submitted => ("submitted", "제출됨"),
        Started => ("started", "시작됨"),
        Checkpoint => ("checkpoint", "체크포인트"),
        Finished => ("finished", "완료됨"),
        Failed => ("failed", "실패함"),
        Cancelled => ("cancelled", "취소됨"),
        GilAcquire => ("took the GIL", "GIL 획득"),
        GilRelease => ("let go of the GIL", "GIL 놓음"),
        IoStart => ("I/O started", "I/O 시작"),
        IoEnd => ("I/O ended", "I/O 끝"),
        Callback => ("callback ran", "콜백 실행"),
        Received => ("received by the program", "프로그램이 받음"),
        WaitReturned => ("wait() returned", "wait() 반환"),
        LockWait => ("waited for the lock", "락 대기"),
        LockTaken => ("took the lock", "락 획득"),
        Yielded => (
            "gave the event loop to other tasks",
            "이벤트 루프를 다른 태스크에 양보",
        ),
        Resumed => ("ran again on the event loop", "이벤트 루프에서 다시 실행"),
        WorkerStarting => ("a worker process began to start", "워커 프로세스 시작 중"),
        WorkerReady => ("the worker process was ready", "워커 프로세스 준비됨"),
        Queued => (
            "moved to the call queue (running from now on)",
            "호출 큐로 옮겨짐 (이제부터 실행 중)",
        ),
        Untold => (
            "computing or waiting (the trace does not say which)",
            "계산 또는 대기 (트레이스로는 알 수 없음)",
        ),
        Merged => (
            "GIL turns merged (the figures still count them)",
            "GIL 교대를 합쳐 기록 (수치에는 그대로 반영)",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// How far a Compare or Amdahl series has got.
pub fn runs_done(lang: Lang, done: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("{done} of {total} runs done"),
        Lang::Ko => format!("실행 {total}번 중 {done}번 완료"),
    }
}

/// The fitted serial fraction and the speed-up it allows at most.
pub fn amdahl_fit(lang: Lang, serial: f64) -> String {
    let limit = if serial > 0.0 {
        format!("{:.1}×", 1.0 / serial)
    } else {
        "∞".to_owned()
    };
    match lang {
        Lang::En => format!(
            "Fitted serial fraction s = {serial:.2}: however many workers, the speed-up stays below 1/s = {limit}."
        ),
        Lang::Ko => format!(
            "측정값에 맞춘 직렬 비율 s = {serial:.2}: 워커를 아무리 늘려도 속도 향상은 1/s = {limit}를 넘지 못합니다."
        ),
    }
}

/// Which rows of the futures table are shown.
pub fn rows_shown(lang: Lang, from: usize, to: usize, total: usize) -> String {
    match lang {
        Lang::En => format!("futures {from}–{to} of {total}"),
        Lang::Ko => format!("퓨처 {total}개 중 {from}–{to}"),
    }
}

/// A future's state as shown on its badge.
pub fn state_name(lang: Lang, state: &str) -> &'static str {
    let (en, ko) = match state {
        "pending" => ("pending", "대기 중"),
        "running" => ("running", "실행 중"),
        "finished" => ("finished", "완료"),
        "failed" => ("failed", "실패"),
        _ => ("cancelled", "취소됨"),
    };
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// The name of a workload statistic (`duplicate_conversions` → a phrase).
pub fn stat_name(lang: Lang, key: &str) -> String {
    let ko = match key {
        "hits" => "캐시 적중",
        "misses" => "캐시 미스",
        "conversions" => "실제 전환 횟수",
        "counted" => "프로그램이 센 횟수",
        "duplicate_conversions" => "중복 전환",
        "lost_updates" => "갱신 손실",
        "evictions" => "캐시에서 밀려난 항목",
        "size" => "캐시 크기",
        "capacity" => "용량",
        "completed" => "완료된 요청",
        "max_queue_depth" => "최대 큐 길이",
        "producer_blocked_ms" => "생산자가 기다린 시간 (ms)",
        "rate_per_s" => "초당 요청 수",
        "throughput_per_s" => "초당 처리량",
        "workers_started" => "시작한 워커 프로세스",
        "bytes_sent" => "보낸 바이트",
        "bytes_received" => "받은 바이트",
        "serialize_ms" => "직렬화 시간 (ms)",
        "start_ms" => "프로세스마다 시작에 걸린 시간 (ms)",
        "latency_ms.p50" => "지연 시간 p50 (ms)",
        "latency_ms.p95" => "지연 시간 p95 (ms)",
        "latency_ms.p99" => "지연 시간 p99 (ms)",
        "latency_ms.max" => "지연 시간 최대 (ms)",
        "queue_depth" => "시간에 따른 큐 길이",
        "time_ms" => "시간 (ms)",
        "per_worker" => "워커 프로세스마다",
        _ => "",
    };
    let en = match key {
        "hits" => "cache hits".to_owned(),
        "misses" => "cache misses".to_owned(),
        "conversions" => "conversions done".to_owned(),
        "counted" => "conversions the program counted".to_owned(),
        "duplicate_conversions" => "repeated conversions".to_owned(),
        "lost_updates" => "lost updates".to_owned(),
        "evictions" => "entries evicted from the cache".to_owned(),
        "size" => "cache size".to_owned(),
        "capacity" => "capacity".to_owned(),
        "completed" => "requests completed".to_owned(),
        "max_queue_depth" => "longest queue".to_owned(),
        "producer_blocked_ms" => "time the producer waited (ms)".to_owned(),
        "rate_per_s" => "requests a second".to_owned(),
        "throughput_per_s" => "requests handled a second".to_owned(),
        "workers_started" => "worker processes started".to_owned(),
        "bytes_sent" => "bytes sent".to_owned(),
        "bytes_received" => "bytes received".to_owned(),
        "serialize_ms" => "time pickling calls and results (ms)".to_owned(),
        "start_ms" => "start time of each process (ms)".to_owned(),
        "queue_depth" => "queue depth over time".to_owned(),
        "time_ms" => "time (ms)".to_owned(),
        "per_worker" => "in each worker process".to_owned(),
        _ => match key.split_once('.') {
            Some(("latency_ms", pct)) => format!("latency {pct} (ms)"),
            _ => key.replace('_', " "),
        },
    };
    match lang {
        Lang::Ko if !ko.is_empty() => ko.to_owned(),
        _ => en,
    }
}

/// What a run did, in one plain sentence (see [`Gist`]).
pub fn gist_sentence(lang: Lang, gist: &futures_lab_scenarios::Gist) -> String {
    use futures_lab_scenarios::Gist;
    let p = |parallelism: &f64| format!("{parallelism:.2}×");
    // A share under 10 % keeps a decimal (0.8 %, not 1 %).
    let share = |fraction: f64| {
        let percent = fraction * 100.0;
        if percent < 10.0 {
            format!("{percent:.1} %")
        } else {
            format!("{percent:.0} %")
        }
    };
    match (lang, gist) {
        (Lang::En, Gist::NothingRan) => "No task ran.".to_owned(),
        (Lang::Ko, Gist::NothingRan) => "실행된 작업이 없습니다.".to_owned(),
        (Lang::En, Gist::OneThread { parallelism }) => format!(
            "One thread computed one task at a time: parallelism {}.",
            p(parallelism)
        ),
        (Lang::Ko, Gist::OneThread { parallelism }) => format!(
            "스레드 하나가 한 번에 작업 하나씩 계산했습니다. 병렬도 {}.",
            p(parallelism)
        ),
        (Lang::En, Gist::Parallel { workers, parallelism }) => format!(
            "{workers} workers computed at the same time: parallelism {}.",
            p(parallelism)
        ),
        (Lang::Ko, Gist::Parallel { workers, parallelism }) => format!(
            "워커 {workers}개가 동시에 계산했습니다. 병렬도 {}.",
            p(parallelism)
        ),
        (Lang::En, Gist::Gil { threads, parallelism }) => format!(
            "The GIL let one of the {threads} threads compute at a time; the others waited for it: parallelism {}.",
            p(parallelism)
        ),
        (Lang::Ko, Gist::Gil { threads, parallelism }) => format!(
            "GIL 때문에 스레드 {threads}개 중 한 번에 하나만 계산하고 나머지는 GIL을 기다렸습니다. 병렬도 {}.",
            p(parallelism)
        ),
        (Lang::En, Gist::Io { at_once: 1, workers, parallelism }) => format!(
            "The tasks waited for I/O one at a time on {workers} {}; they hardly computed: parallelism {}.",
            if *workers == 1 { "thread" } else { "workers" },
            p(parallelism)
        ),
        (Lang::En, Gist::Io { at_once, workers, parallelism }) => format!(
            "Up to {at_once} tasks waited for I/O at once on {workers} {}; they hardly computed: parallelism {}.",
            if *workers == 1 { "thread" } else { "workers" },
            p(parallelism)
        ),
        (Lang::Ko, Gist::Io { at_once, workers, parallelism }) => format!(
            "워커 {workers}개에서 작업이 최대 {at_once}개까지 동시에 I/O를 기다렸고, 계산은 거의 하지 않았습니다. 병렬도 {}.",
            p(parallelism)
        ),
        (Lang::En, Gist::Untold { computing_share, parallelism }) => format!(
            "The tasks' threads used the CPU for {} of their running time; the rest they waited, \
             for what CPython's trace does not say (I/O, the GIL, a lock or the event loop): parallelism {}.",
            share(*computing_share),
            p(parallelism)
        ),
        (Lang::Ko, Gist::Untold { computing_share, parallelism }) => format!(
            "작업 스레드가 실행 시간의 {}만 CPU를 썼고, 나머지는 기다렸습니다. 무엇을 기다렸는지(I/O, GIL, 락, \
             이벤트 루프)는 CPython 트레이스로 알 수 없습니다. 병렬도 {}.",
            share(*computing_share),
            p(parallelism)
        ),
        (Lang::En, Gist::Lock { waited_ms, parallelism }) => format!(
            "The tasks waited {} for the lock, which lets one task at a time in: parallelism {}.",
            crate::number_text::ms(*waited_ms),
            p(parallelism)
        ),
        (Lang::Ko, Gist::Lock { waited_ms, parallelism }) => format!(
            "락은 한 번에 한 작업만 들여보내므로 작업들이 모두 {} 동안 락을 기다렸습니다. 병렬도 {}.",
            crate::number_text::ms(*waited_ms),
            p(parallelism)
        ),
        (Lang::En, Gist::Loop { waited_ms, parallelism }) => format!(
            "The event loop ran one coroutine at a time; the others waited {} for their turn: parallelism {}.",
            crate::number_text::ms(*waited_ms),
            p(parallelism)
        ),
        (Lang::Ko, Gist::Loop { waited_ms, parallelism }) => format!(
            "이벤트 루프는 한 번에 코루틴 하나만 실행하고, 나머지는 모두 {} 동안 차례를 기다렸습니다. 병렬도 {}.",
            crate::number_text::ms(*waited_ms),
            p(parallelism)
        ),
    }
}

/// What `executor` does with work that mostly waits or mostly computes: the
/// explanation's last sentence, which follows the executor chosen.
pub fn executor_note(
    lang: Lang,
    executor: futures_lab_scenarios::ExecutorKind,
    waiting: bool,
) -> &'static str {
    use futures_lab_scenarios::ExecutorKind::*;
    let (en, ko) = match (executor, waiting) {
        (Threads, true) => (
            "On threads each task waits without using a CPU and lets go of the GIL, so the waits overlap even under the GIL.",
            "스레드에서는 작업이 CPU를 쓰지 않고 기다리며 GIL을 내려놓으므로, GIL이 있어도 기다림이 겹칩니다.",
        ),
        (Threads, false) => (
            "On threads the computing overlaps only without the GIL; with it (gil=true) the threads take turns and the wall time stays that of one thread.",
            "스레드에서는 GIL이 없을 때만 계산이 겹칩니다. GIL이 있으면(gil=true) 스레드가 번갈아 실행되어 전체 시간이 스레드 하나일 때와 같습니다.",
        ),
        (Processes, true) => (
            "On processes each task waits in a process of its own: the waits overlap, after the processes have been started.",
            "프로세스에서는 작업마다 자기 프로세스에서 기다립니다. 프로세스를 시작한 뒤에는 기다림이 겹칩니다.",
        ),
        (Processes, false) => (
            "Processes compute at once, each with a GIL of its own, after paying to start them and to send the calls and results.",
            "프로세스는 저마다 GIL을 가지므로 동시에 계산합니다. 다만 프로세스를 시작하고 호출과 결과를 주고받는 비용을 먼저 치릅니다.",
        ),
        (Asyncio, true) => (
            "On asyncio each task is a coroutine on one thread that awaits the network: the waits overlap on the event loop, and there is no GIL to take turns on.",
            "asyncio에서는 작업마다 스레드 하나 위의 코루틴이 네트워크를 await합니다. 기다림은 이벤트 루프에서 겹치고, 번갈아 잡을 GIL도 없습니다.",
        ),
        (Asyncio, false) => (
            "On asyncio a coroutine that computes holds the one thread: the others wait until it awaits (tick cooperative to await asyncio.sleep(0) at every checkpoint).",
            "asyncio에서는 계산하는 코루틴이 하나뿐인 스레드를 차지합니다. 다른 코루틴은 그것이 await할 때까지 기다립니다(cooperative를 켜면 체크포인트마다 asyncio.sleep(0)을 await합니다).",
        ),
        (Sequential, true) => (
            "Run one after another on MainThread, the waits add up: the baseline the executors are compared with.",
            "MainThread에서 하나씩 차례로 실행하면 기다림이 모두 더해집니다. 실행기들과 비교하는 기준입니다.",
        ),
        (Sequential, false) => (
            "Run one after another on MainThread: the baseline the executors are compared with.",
            "MainThread에서 하나씩 차례로 실행합니다. 실행기들과 비교하는 기준입니다.",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// Where the program's main thread is at a replay's moment, for the line the
/// program view highlights.
pub fn program_step_text(
    lang: Lang,
    step: futures_lab_scenarios::ProgramStep,
    n: usize,
    of: usize,
    line: usize,
) -> String {
    use futures_lab_scenarios::ProgramStep::*;
    match lang {
        Lang::En => {
            let doing = match step {
                Submit => "hands the calls to the executor",
                Collect => "waits for results",
                Receive => "takes a result",
                Callback => "a done callback runs",
            };
            format!("Step {n} of {of}: MainThread {doing} (line {line}).")
        }
        Lang::Ko => {
            let doing = match step {
                Submit => "MainThread가 실행기에 호출을 넘깁니다",
                Collect => "MainThread가 결과를 기다립니다",
                Receive => "MainThread가 결과 하나를 받습니다",
                Callback => "완료 콜백이 실행됩니다",
            };
            format!("{of}단계 중 {n}단계: {doing} ({line}번째 줄).")
        }
    }
}
