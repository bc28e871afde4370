//! Key-by-key merge of TOML tables: a user's file over the embedded defaults.

/// Merges `over` into `base`: tables merge recursively, any other value replaces.
pub fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(key, v);
            }
        }
    }
}
