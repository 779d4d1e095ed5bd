//! A panic (or another fault) armed for a test becomes the next task's
//! `PanicException`, and a
//! running task can be named from its thread. (Its own test binary: the
//! armed panic is global, so no other test may run tasks beside it.)

use futures_lab_core::{
    arm_fault, arm_panic, running_task, EventLoop, ExecutorExt, ThreadPool, Tracer,
};

#[test]
fn an_armed_panic_fails_the_next_task_only_and_the_running_task_is_named() {
    let pool = ThreadPool::builder()
        .max_workers(1)
        .build(Tracer::discard())
        .unwrap();
    assert_eq!(running_task(), None, "the test's own thread runs no task");
    let named = pool
        .submit(|_ctx| {
            let (id, worker) = running_task().expect("a task is running");
            Ok(format!("{id} {worker}"))
        })
        .unwrap();
    assert_eq!(named.result(None).unwrap(), "0 ThreadPoolExecutor-0_0");

    arm_panic();
    let failed = pool.submit(|_ctx| Ok(1)).unwrap();
    let error = failed.exception(None).unwrap().expect("the task panicked");
    assert_eq!(
        error.to_string(),
        "PanicException: a panic armed for a test (futures_lab_core::arm_panic)"
    );
    let after = pool.submit(|_ctx| Ok(2)).unwrap();
    assert_eq!(after.result(None).unwrap(), 2, "the panic fires once");
    assert_eq!(running_task(), None);

    // Any fault may be armed: the next task calls it first, once.
    arm_fault(|| panic!("memory allocation of 1610612736 bytes failed"));
    let failed = pool.submit(|_ctx| Ok(3)).unwrap();
    let error = failed.exception(None).unwrap().expect("the task failed");
    assert_eq!(
        error.to_string(),
        "PanicException: memory allocation of 1610612736 bytes failed"
    );
    assert_eq!(pool.submit(|_ctx| Ok(4)).unwrap().result(None).unwrap(), 4);

    // On the event loop too: a task is named while its slice runs, and the
    // armed fault fails the first task to run, once.
    let event_loop = EventLoop::builder().build(Tracer::discard()).unwrap();
    let named = event_loop
        .submit_async(|_ctx| async {
            let (id, worker) = running_task().expect("a task is running");
            Ok(format!("{id} {worker}"))
        })
        .unwrap();
    assert_eq!(named.result(None).unwrap(), "0 MainThread");
    arm_panic();
    let failed = event_loop.submit_async(|_ctx| async { Ok(5) }).unwrap();
    let error = failed.exception(None).unwrap().expect("the task panicked");
    assert_eq!(
        error.to_string(),
        "PanicException: a panic armed for a test (futures_lab_core::arm_panic)"
    );
    let after = event_loop.submit_async(|_ctx| async { Ok(6) }).unwrap();
    assert_eq!(after.result(None).unwrap(), 6);
}
