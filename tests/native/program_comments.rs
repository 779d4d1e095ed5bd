//! The Korean page's programs: every comment of every Python and dask
//! program the page can show is in Korean, and the code around the
//! comments is left as it was.

use futures_lab::presets::PRESETS;
use futures_lab::program_comments::in_korean;
use futures_lab_scenarios::{dask_program, python_program, Scenario};

/// Scenarios that reach every branch of the generators: each classic
/// example, and each executor with each API and option.
fn queries() -> Vec<String> {
    let mut queries: Vec<String> = PRESETS.iter().map(|p| p.query.to_owned()).collect();
    let workloads = [
        "sum_generator&inputs=100,200",
        "cpu_bound&inputs=100,200",
        "download&inputs=a.example@10,b.invalid@10",
        "is_prime&inputs=97,98",
        "power&inputs=2**10,3**5",
        "points&inputs=1,2&params=cache:lru",
        "points&inputs=1,2&params=cache:unsynchronized",
        "points&inputs=1,2&params=cache:locked",
        "points&inputs=1,2&params=cache:none",
        "stream&inputs=1,2,3",
    ];
    let executors = [
        "sequential",
        "threads&gil=true",
        "threads&gil=false",
        "processes",
        "processes&start_method=spawn",
        "asyncio",
        "asyncio&cooperative=true",
    ];
    let apis = [
        "",
        "&api=map",
        "&api=map&timeout_s=1",
        "&api=submit_as_completed&timeout_s=1",
        "&api=submit_wait&return_when=FIRST_COMPLETED&timeout_s=1",
        "&api=gather&return_exceptions=true",
        "&api=task_group",
        "&callbacks=true",
        "&chunksize=2",
    ];
    for workload in workloads {
        for executor in executors {
            for api in apis {
                queries.push(format!("workload={workload}&executor={executor}{api}"));
            }
        }
    }
    queries
}

/// The comment of a line, if any (after a `#` outside quotes).
fn comment(line: &str) -> Option<&str> {
    let mut quote = None;
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') => return Some(line[at + 1..].trim()),
            _ => {}
        }
    }
    None
}

fn is_korean(text: &str) -> bool {
    text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c))
}

#[test]
fn every_comment_of_every_program_reads_in_korean_and_the_code_is_unchanged() {
    let mut untranslated = std::collections::BTreeSet::new();
    let mut programs = 0;
    for query in queries() {
        let Ok(scenario) = Scenario::from_query(&query) else {
            continue;
        };
        programs += 1;
        let programs_of = [
            Some(python_program(&scenario)),
            dask_program(&scenario).ok(),
        ];
        for english in programs_of.into_iter().flatten() {
            let korean = in_korean(&english);
            assert_eq!(
                english.lines().count(),
                korean.lines().count(),
                "{query}: the lines keep their numbers"
            );
            for (en, ko) in english.lines().zip(korean.lines()) {
                let code = |line: &str| match line.find('#').filter(|_| comment(line).is_some()) {
                    Some(at) => line[..at].trim_end().to_owned(),
                    None => line.to_owned(),
                };
                assert_eq!(code(en), code(ko), "{query}: only comments change");
                if let Some(text) = comment(ko).filter(|t| !t.is_empty()) {
                    if !is_korean(text) {
                        untranslated.insert(text.to_owned());
                    }
                }
            }
        }
    }
    assert!(programs > 250, "only {programs} scenarios were valid");
    assert!(
        untranslated.is_empty(),
        "comments with no Korean:\n{}",
        untranslated.into_iter().collect::<Vec<_>>().join("\n")
    );
}
