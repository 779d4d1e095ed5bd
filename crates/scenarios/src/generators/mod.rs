//! The scenario written as a program a learner can copy: CPython's
//! `concurrent.futures` or asyncio, and Rust over futures-lab's crates.

pub(crate) mod program_marks;
pub(crate) mod python;
pub(crate) mod python_asyncio;
pub(crate) mod python_dask;
pub(crate) mod python_lines;
pub(crate) mod python_pool;
pub(crate) mod rust;
