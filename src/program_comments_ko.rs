//! The Korean of every comment the Python generators write, for
//! [`crate::program_comments`]. `{}` stands for a part that varies (a
//! query, a domain); a run of whole-line comments is one entry, or one
//! entry a line where each line reads on its own.

/// `(English, Korean)` pairs.
pub const KOREAN: &[(&str, &str)] = &[
    // The header.
    ("The futures-lab scenario {}", "futures-lab 시나리오 {}"),
    (
        "as a Python program: it runs as-is with CPython 3.11+ and the standard library.",
        "위 시나리오를 옮긴 파이썬 프로그램입니다. CPython 3.11 이상과 표준 라이브러리만으로 그대로 실행됩니다.",
    ),
    (
        "Each task prints \"task <number>: <call> = <result>\", or \"... raised <exception>\".",
        "각 작업은 \"task <번호>: <호출> = <결과>\" 또는 \"... raised <예외>\"를 출력합니다.",
    ),
    // Executors and APIs.
    (
        "No pool: each call runs to its end before the next starts.",
        "풀이 없습니다. 호출 하나가 끝나야 다음 호출이 시작됩니다.",
    ),
    (
        "No pool: each call runs to its end before the next starts, so wait() would find every call done.",
        "풀이 없습니다. 호출 하나가 끝나야 다음 호출이 시작되므로 wait()는 모든 호출이 끝나 있는 것을 보게 됩니다.",
    ),
    (
        "gil=true: CPython's GIL lets one thread at a time run Python code (5 ms switch interval).",
        "gil=true: CPython의 GIL 때문에 한 번에 스레드 하나만 파이썬 코드를 실행합니다 (전환 간격 5 ms).",
    ),
    (
        "gil=false: threads run Python code in parallel, as in free-threaded CPython (3.13t+).",
        "gil=false: 프리스레드 CPython(3.13t 이상)처럼 스레드들이 파이썬 코드를 병렬로 실행합니다.",
    ),
    (
        "Worker processes import this module: only the main process runs main().",
        "워커 프로세스도 이 모듈을 임포트합니다. main()은 메인 프로세스에서만 실행됩니다.",
    ),
    (
        "(task number, thread name), in the order the done callbacks ran",
        "(작업 번호, 스레드 이름): 완료 콜백이 실행된 순서대로",
    ),
    (
        "Printed here, not in the callbacks: lines printed by several threads at once can mix.",
        "콜백 안이 아니라 여기서 출력합니다. 여러 스레드가 동시에 출력하면 줄이 섞일 수 있습니다.",
    ),
    ("a failed call ends the loop", "실패한 호출이 반복을 끝냅니다"),
    (
        "a failed call, or the timeout, ends the loop",
        "실패한 호출이나 타임아웃이 반복을 끝냅니다",
    ),
    (
        "a failed task, or the timeout, ends the loop",
        "실패한 작업이나 타임아웃이 반복을 끝냅니다",
    ),
    (
        "results in input order, as map gives them",
        "map처럼 입력 순서대로 결과를 받습니다",
    ),
    (
        "leaving main() cancels the tasks still running",
        "main()을 벗어나면 아직 실행 중인 작업은 취소됩니다",
    ),
    (
        "timeout_s does not apply to a TaskGroup (nor in the lab).",
        "timeout_s는 TaskGroup에는 적용되지 않습니다 (랩에서도 마찬가지입니다).",
    ),
    ("show() prints it", "출력은 show()가 합니다"),
    // Coroutines.
    (
        "never awaits: it holds the loop",
        "await하지 않으므로 이벤트 루프를 붙잡고 있습니다",
    ),
    (
        "a checkpoint: let the other tasks run",
        "체크포인트: 다른 작업이 실행되도록 양보합니다",
    ),
    (
        "loop steps between checkpoints (about a millisecond in CPython)",
        "체크포인트 사이의 반복 횟수 (CPython에서 약 1 ms)",
    ),
    // Workloads.
    (
        "print every digit (3.11+ stops at 4300)",
        "모든 자릿수를 출력합니다 (3.11 이상은 기본으로 4300자리에서 멈춤)",
    ),
    (
        "square and multiply, one bit at a time",
        "한 비트씩 제곱하고 곱합니다",
    ),
    (
        "The lab's sites are simulated: a latency (pinned by \"@ms\" after a name, or drawn) spent waiting, then a page size. The draws are the lab's: Python's random, seeded with the scenario's seed and the site's name. Names ending in .invalid, and {}, fail as names that do not resolve. Set SIMULATED = False to download for real (online).",
        "랩의 사이트는 시뮬레이션입니다. 지연 시간(이름 뒤의 \"@ms\"로 정하거나 무작위로 뽑음)만큼 기다린 뒤 페이지 크기를 돌려줍니다. 무작위 값은 랩과 같습니다. 시나리오의 시드와 사이트 이름으로 시드를 정한 파이썬의 random으로 뽑습니다. .invalid로 끝나는 이름과 {}은(는) 찾을 수 없는 이름이라 실패합니다. 실제로(온라인으로) 내려받으려면 SIMULATED = False로 바꾸세요.",
    ),
    (
        "mean latency of a site (params.latency_ms)",
        "사이트 하나의 평균 지연 시간 (params.latency_ms)",
    ),
    (
        "how far a latency may be from the mean (params.jitter_ms)",
        "지연 시간이 평균에서 벗어날 수 있는 폭 (params.jitter_ms)",
    ),
    (
        "the same draws as the lab's, run after run",
        "랩과 같은 값을 실행할 때마다 똑같이 뽑습니다",
    ),
    (
        "the scenario's seed: another seed, other latencies and sizes",
        "시나리오의 시드: 시드가 다르면 지연 시간과 크기도 달라집니다",
    ),
    (
        "the name lookup fails after a short wait",
        "이름 조회는 잠시 기다린 뒤 실패합니다",
    ),
    (
        "waiting for the network: no CPU used, the GIL released",
        "네트워크 대기: CPU를 쓰지 않고 GIL을 놓습니다",
    ),
    (
        "looking up the rules (I/O): params.lookup_ms",
        "변환 규칙을 조회하는 시간 (I/O): params.lookup_ms",
    ),
    (
        "shared by every task, with no lock",
        "모든 작업이 락 없이 함께 씁니다",
    ),
    (
        "shared by every task, behind the lock",
        "모든 작업이 락을 걸고 함께 씁니다",
    ),
    ("the program's own counter", "프로그램이 직접 세는 횟수"),
    ("look up today's rules (I/O)", "오늘의 변환 규칙 조회 (I/O)"),
    (
        "another task may have counted meanwhile: that update is lost",
        "그사이 다른 작업이 셌을 수 있습니다. 그 갱신은 사라집니다 (갱신 손실)",
    ),
    ("check ...", "확인하고 ..."),
    (
        "... then act: another task may have converted it meanwhile",
        "... 실행: 그사이 다른 작업이 이미 변환했을 수 있습니다",
    ),
    (
        "entries the cache keeps: params.capacity",
        "캐시가 보관하는 항목 수: params.capacity",
    ),
    (
        "evict the least recently used",
        "가장 오래전에 쓴 항목을 내보냅니다",
    ),
    (
        "least recently used first",
        "가장 오래전에 쓴 항목이 앞에 옵니다",
    ),
    ("now the most recently used", "이제 가장 최근에 쓴 항목입니다"),
    (
        "the check, the conversion and the update as one step",
        "확인, 변환, 갱신을 한 단계로 묶습니다",
    ),
    // The stream.
    (
        "requests the producer emits a second (params.rate)",
        "생산자가 초당 내보내는 요청 수 (params.rate)",
    ),
    (
        "requests the queue holds before the producer waits (params.capacity)",
        "생산자가 기다리기 전까지 큐에 담기는 요청 수 (params.capacity)",
    ),
    (
        "step B: CPU time per request (params.b_ms)",
        "단계 B: 요청 하나의 CPU 시간 (params.b_ms)",
    ),
    (
        "step C: I/O time per request (params.c_ms)",
        "단계 C: 요청 하나의 I/O 시간 (params.c_ms)",
    ),
    ("step C: call the next service (I/O)", "단계 C: 다음 서비스 호출 (I/O)"),
    ("the producer", "생산자"),
    ("the producer's pace", "생산자의 속도"),
    ("the queue", "큐"),
    ("the queue and the busy workers", "큐와 일하는 중인 워커"),
    (
        "backpressure: wait while the queue is full",
        "배압: 큐가 가득 차 있는 동안 기다립니다",
    ),
    (
        "executor.map would submit every request at once: read the producer's futures in input order.",
        "executor.map은 모든 요청을 한꺼번에 제출하므로, 생산자가 만든 퓨처를 입력 순서대로 읽습니다.",
    ),
    // The dask.distributed program.
    (
        "as a dask.distributed program: the same futures on a dask cluster (pip install \"dask[distributed]\").",
        "위 시나리오를 옮긴 dask.distributed 프로그램입니다. 같은 퓨처를 dask 클러스터에서 실행합니다 (pip install \"dask[distributed]\").",
    ),
    (
        "None: a LocalCluster on this machine shaped like the pool: one worker in this process whose threads stand for ThreadPoolExecutor's threads. A scheduler's address (\"tcp://192.0.2.10:8786\") runs the same futures on that cluster.",
        "None이면 이 컴퓨터에 풀과 같은 모양의 LocalCluster를 만듭니다. 이 프로세스 안의 워커 하나가 가진 스레드들이 ThreadPoolExecutor의 스레드 역할을 합니다. 스케줄러 주소(\"tcp://192.0.2.10:8786\")를 넣으면 같은 퓨처가 그 클러스터에서 실행됩니다.",
    ),
    (
        "None: a LocalCluster on this machine shaped like the pool: a worker process of one thread for each of ProcessPoolExecutor's processes (dask starts them with spawn, and they live as long as the cluster). A scheduler's address (\"tcp://192.0.2.10:8786\") runs the same futures on that cluster.",
        "None이면 이 컴퓨터에 풀과 같은 모양의 LocalCluster를 만듭니다. ProcessPoolExecutor의 프로세스 하나마다 스레드 하나짜리 워커 프로세스가 있습니다 (dask는 spawn으로 시작하며, 워커는 클러스터가 끝날 때까지 살아 있습니다). 스케줄러 주소(\"tcp://192.0.2.10:8786\")를 넣으면 같은 퓨처가 그 클러스터에서 실행됩니다.",
    ),
    (
        "(max_tasks_per_child={}: dask has no such limit; its workers are never replaced.)",
        "(max_tasks_per_child={}: dask에는 이런 한도가 없어 워커가 교체되지 않습니다.)",
    ),
    (
        "(chunksize={}: dask has no chunks; its scheduler sends the tasks one by one.)",
        "(chunksize={}: dask에는 묶음이 없어 스케줄러가 작업을 하나씩 보냅니다.)",
    ),
    (
        "Leaving the block closes the client (and its LocalCluster): calls still running are cancelled there, where CPython's with block would wait for them.",
        "블록을 벗어나면 클라이언트(와 그 LocalCluster)가 닫히고, 아직 실행 중인 호출은 거기서 취소됩니다. CPython의 with 블록이라면 그 호출들을 기다렸을 것입니다.",
    ),
    (
        "pure=False: each call is a task of its own, as each submit is in CPython (dask would otherwise run equal calls once and share the result).",
        "pure=False: CPython에서 submit 하나가 호출 하나이듯, 호출마다 별개의 작업이 됩니다 (그렇지 않으면 dask는 같은 호출을 한 번만 실행하고 결과를 나눠 씁니다).",
    ),
    (
        "dask's wait knows ALL_COMPLETED and FIRST_COMPLETED only: FIRST_EXCEPTION is read off as_completed, stopping at the first future that raised.",
        "dask의 wait는 ALL_COMPLETED와 FIRST_COMPLETED만 압니다. FIRST_EXCEPTION은 as_completed로 읽다가 처음 예외를 낸 퓨처에서 멈추는 것으로 대신합니다.",
    ),
    ("CPython's wait returns at its timeout", "CPython의 wait는 타임아웃이 되면 반환합니다"),
    ("dask's wait raises where CPython's returns", "CPython의 wait가 반환하는 곳에서 dask의 wait는 예외를 냅니다"),
    ("as CPython's map cancels the calls not yet done", "CPython의 map처럼 아직 끝나지 않은 호출을 취소합니다"),
    ("map's timeout counts from the call", "map의 타임아웃은 호출한 순간부터 셉니다"),
    (
        "dask runs done callbacks on a thread of its own: let them finish",
        "dask는 완료 콜백을 자기 스레드에서 실행합니다. 끝날 때까지 기다립니다",
    ),
    (
        "dask's worker processes import this module: only the main process runs main().",
        "dask의 워커 프로세스가 이 모듈을 import합니다. main()은 메인 프로세스만 실행합니다.",
    ),
];
