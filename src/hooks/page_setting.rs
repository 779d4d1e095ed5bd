//! A setting of the page kept across visits and shown on `<html>`.

/// The value kept under `key`, if storage allows and has one.
pub fn remembered(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// Keeps `value` under `key` and sets (or, for `None`, removes) the
/// attribute `name` of `<html>`. Storage may be refused (private windows):
/// the choice then lasts the visit.
pub fn keep(key: &str, value: &str, name: &str, shown: Option<&str>) {
    let window = web_sys::window();
    if let Some(storage) = window
        .as_ref()
        .and_then(|w| w.local_storage().ok().flatten())
    {
        let _ = storage.set_item(key, value);
    }
    if let Some(root) = window
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match shown {
            Some(shown) => root.set_attribute(name, shown),
            None => root.remove_attribute(name),
        };
    }
}
