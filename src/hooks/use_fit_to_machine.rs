//! Fitting a CPython's speed to this machine from the clock controls.

use futures_lab_scenarios::Speed;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::runtime::this_build_term_ns;
use crate::state::Field;

/// A callback that measures this build's speed here and sets `op_ns` so
/// that `speed`'s CPython is as much faster or slower here
/// ([`Speed::fitted_op_ns`]), and whether it is measuring.
#[hook]
pub fn use_fit_to_machine(
    speed: Speed,
    on_edit: Callback<(Field, String)>,
) -> (Callback<MouseEvent>, bool) {
    let measuring = use_state_eq(|| false);
    let fit = {
        let measuring = measuring.clone();
        Callback::from(move |_: MouseEvent| {
            if *measuring {
                return;
            }
            measuring.set(true);
            let (measuring, on_edit) = (measuring.clone(), on_edit.clone());
            spawn_local(async move {
                let fitted = this_build_term_ns()
                    .await
                    .and_then(|ns| speed.fitted_op_ns(ns));
                if let Some(op_ns) = fitted {
                    on_edit.emit((Field::Extra("op_ns"), op_ns.to_string()));
                }
                measuring.set(false);
            });
        })
    };
    (fit, *measuring)
}
