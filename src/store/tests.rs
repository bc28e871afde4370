//! Unit tests of the store's private helpers.

use super::*;

fn failure(code: std::ffi::c_int) -> rusqlite::Error {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
}

/// Each way opening a cache can fail gets its own message, saying what to do; only a
/// damaged cache is told to move aside.
#[test]
fn opening_errors_say_what_to_do() {
    let cases = [
        (
            rusqlite::ffi::SQLITE_READONLY,
            "read-only",
            "write permission",
        ),
        (
            rusqlite::ffi::SQLITE_FULL,
            "no space left",
            "free some disk space",
        ),
        (
            rusqlite::ffi::SQLITE_LOCKED,
            "locked by another program",
            "try again",
        ),
        (
            rusqlite::ffi::SQLITE_CANTOPEN,
            "cannot open the cache",
            "/tmp/c.sqlite3",
        ),
        (rusqlite::ffi::SQLITE_NOTADB, "damaged", "move it aside"),
        (rusqlite::ffi::SQLITE_CORRUPT, "damaged", "move it aside"),
    ];
    for (code, what, todo) in cases {
        let msg = StoreError::opening("/tmp/c.sqlite3", failure(code)).to_string();
        assert!(msg.contains(what) && msg.contains(todo), "{code}: {msg}");
        let damaged = code == rusqlite::ffi::SQLITE_NOTADB || code == rusqlite::ffi::SQLITE_CORRUPT;
        assert_eq!(msg.contains("move it aside"), damaged, "{msg}");
        assert!(!msg.contains('\n'));
    }
    assert!(matches!(
        StoreError::opening("/tmp/c.sqlite3", failure(rusqlite::ffi::SQLITE_BUSY)),
        StoreError::Busy
    ));
}
