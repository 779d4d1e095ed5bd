//! Whether this browser's WebAssembly has exception handling: what a build
//! that unwinds on panic would need (this one aborts; see pool_broken.rs).
//! Reported by `futuresLab.info()`.

use js_sys::{Uint8Array, WebAssembly};

/// The smallest module that needs the proposal: one function type and one
/// exception tag of that type (the tag section, id 13).
const WITH_A_TAG: [u8; 19] = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: [] -> []
    0x0d, 0x03, 0x01, 0x00, 0x00, // tags: one, an exception of type 0
];

/// Whether the module above validates here.
pub fn exception_handling() -> bool {
    let bytes = Uint8Array::from(&WITH_A_TAG[..]);
    WebAssembly::validate(&bytes.into()).unwrap_or(false)
}
