//! The commands whose output grows with the cache (`list`, `search`, `export`): each writes
//! as it reads, one row at a time, so the first byte comes at once and memory stays flat at
//! any number of cached articles.

use std::io::{self, BufWriter, StdoutLock, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::args::{ExportArgs, ExportFormat, ListArgs, SearchArgs};
use super::{Context, export, output, section_named};
use crate::store::{Hit, ListFilter, MATCH_END, MATCH_START};

/// Bytes gathered before a write to stdout: stdout alone is line-buffered, one write per
/// line, which for pretty JSON is one system call per field.
const OUT_BUFFER: usize = 64 * 1024;

/// Stdout for output of any length, block-buffered (see [`OUT_BUFFER`]).
fn stdout() -> BufWriter<StdoutLock<'static>> {
    BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock())
}

/// Shows what is written so far after the first item, so that a reader of the pipe sees
/// output at once instead of after the first [`OUT_BUFFER`] bytes.
fn after_item(out: &mut impl Write, written: &mut usize) -> io::Result<()> {
    *written += 1;
    if *written == 1 {
        out.flush()?;
    }
    Ok(())
}

/// A JSON array written one element at a time, byte for byte as
/// `serde_json::to_writer_pretty` writes a whole slice (then a line break).
pub struct JsonArray<W: Write> {
    out: W,
    /// One element, pretty-printed, before it is indented into the array.
    element: Vec<u8>,
    written: usize,
}

impl<W: Write> JsonArray<W> {
    pub fn new(out: W) -> JsonArray<W> {
        JsonArray {
            out,
            element: Vec::new(),
            written: 0,
        }
    }

    /// Writes one element (after the first, the writer is flushed: see [`after_item`]).
    pub fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> io::Result<()> {
        self.element.clear();
        serde_json::to_writer_pretty(&mut self.element, value).map_err(io::Error::other)?;
        let open: &[u8] = if self.written == 0 {
            b"[\n  "
        } else {
            b",\n  "
        };
        self.out.write_all(open)?;
        // Pretty JSON breaks lines only between tokens (a line break inside a string is
        // written `\n`), so indenting after each break nests the element one level deeper.
        for (i, line) in self.element.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n  ")?;
            }
            self.out.write_all(line)?;
        }
        after_item(&mut self.out, &mut self.written)
    }

    /// Closes the array and its line; gives back the writer.
    pub fn finish(mut self) -> io::Result<W> {
        let close: &[u8] = if self.written == 0 { b"[]\n" } else { b"\n]\n" };
        self.out.write_all(close)?;
        Ok(self.out)
    }
}

/// `gxnews list`.
pub fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let all = ListFilter::default();
    let mut out = stdout();
    if args.json {
        let mut rows = JsonArray::new(&mut out);
        store.for_each_summary(&all, args.limit, |s| -> anyhow::Result<()> {
            Ok(rows.push(&output::ListRow::from(&s))?)
        })?;
        rows.finish()?;
    } else {
        let mut written = 0;
        store.for_each_summary(&all, args.limit, |s| -> anyhow::Result<()> {
            writeln!(out, "{}", output::summary_line(&s))?;
            Ok(after_item(&mut out, &mut written)?)
        })?;
        if written == 0 && args.limit != Some(0) {
            eprintln!(
                "the cache at {} is empty: run `gxnews fetch`, or try `gxnews --demo`",
                ctx.data_dir.display()
            );
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A snippet with its match markers taken out.
fn plain(snippet: &str) -> String {
    snippet.replace([MATCH_START, MATCH_END], "")
}

/// One row of `search --json`: the list's row with the snippet (keys in alphabetical order,
/// as a JSON map keeps them).
fn hit_json(h: &Hit) -> serde_json::Value {
    let mut v = serde_json::to_value(output::ListRow::from(&h.summary)).unwrap_or_default();
    v["snippet"] = serde_json::Value::String(plain(&h.snippet));
    v
}

/// `gxnews search`.
pub fn search(ctx: &Context, args: &SearchArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let query = args.query.join(" ");
    let started = std::time::Instant::now();
    let mut out = stdout();
    let hits = if args.json {
        let mut rows = JsonArray::new(&mut out);
        let n = store.for_each_hit(&query, args.limit, |h| -> anyhow::Result<()> {
            Ok(rows.push(&hit_json(&h))?)
        })?;
        rows.finish()?;
        n
    } else {
        let mut written = 0;
        store.for_each_hit(&query, args.limit, |h| -> anyhow::Result<()> {
            writeln!(out, "{}", output::summary_line(&h.summary))?;
            writeln!(out, "         {}", plain(&h.snippet))?;
            Ok(after_item(&mut out, &mut written)?)
        })?
    };
    out.flush()?;
    tracing::info!(
        query,
        hits,
        ms = started.elapsed().as_millis() as u64,
        "search"
    );
    if hits == 0 && !args.json {
        eprintln!("no cached article matches {query:?}");
    }
    Ok(ExitCode::SUCCESS)
}

/// `gxnews export`.
pub fn export(ctx: &Context, args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let store = ctx.store()?;
    let section = match &args.section {
        Some(name) => Some(section_named(&store, name)?),
        None => None,
    };
    let filter = ListFilter {
        unread_only: false,
        starred_only: args.starred,
        section,
    };
    let mut out = stdout();
    let mut written = 0;
    match args.format {
        ExportFormat::Json => {
            let mut articles = JsonArray::new(&mut out);
            store.for_each_article(&filter, |a| -> anyhow::Result<()> {
                Ok(articles.push(&a)?)
            })?;
            articles.finish()?;
        }
        ExportFormat::Markdown => {
            store.for_each_article(&filter, |a| -> anyhow::Result<()> {
                out.write_all(export::markdown_entry(&a).as_bytes())?;
                Ok(after_item(&mut out, &mut written)?)
            })?;
        }
        ExportFormat::Atom => {
            let updated = store
                .newest_date(&filter)?
                .map_or_else(|| chrono::Utc::now().to_rfc3339(), |d| d.to_rfc3339());
            out.write_all(export::atom_head(ctx.site.as_str(), &updated).as_bytes())?;
            store.for_each_article(&filter, |a| -> anyhow::Result<()> {
                out.write_all(export::atom_entry(&a, &updated).as_bytes())?;
                Ok(after_item(&mut out, &mut written)?)
            })?;
            out.write_all(export::ATOM_TAIL.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::JsonArray;
    use serde_json::json;

    fn streamed(values: &[serde_json::Value]) -> String {
        let mut array = JsonArray::new(Vec::new());
        for v in values {
            array.push(v).unwrap();
        }
        String::from_utf8(array.finish().unwrap()).unwrap()
    }

    /// The array written element by element is the one serde_json writes whole, for none,
    /// one and several elements, nested ones and strings holding line breaks included.
    #[test]
    fn a_streamed_array_is_the_whole_array_byte_for_byte() {
        let one = json!({"id": 1, "title": "a\nb", "tags": [], "deep": {"x": [1, {"y": null}]}});
        let cases = [
            vec![],
            vec![one.clone()],
            vec![one.clone(), json!([]), json!({}), json!("x"), one],
        ];
        for values in cases {
            let whole = serde_json::to_string_pretty(&values).unwrap() + "\n";
            assert_eq!(streamed(&values), whole);
        }
    }
}
