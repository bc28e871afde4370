#!/usr/bin/env bash
# Compares gxnews's extractor with trafilatura on the same corpus pages, one core each.
# Creates a Python venv under target/ (pip install trafilatura lxml_html_clean), runs both,
# and prints pages/s for each and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/trafilatura-venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet trafilatura lxml_html_clean
fi
bench=$(cargo bench --quiet --bench extract 2>/dev/null)
echo "$bench"
ours=$(echo "$bench" | sed -n 's/^gxnews_full_pages_per_s=//p')
theirs=$("$venv/bin/python" - <<'PY'
import glob, os, time
import trafilatura
files = sorted(f for f in glob.glob("tests/fixtures/corpus/**/*", recursive=True)
               if f.endswith((".html", ".htm", ".shtml")))
pages = [open(f, "rb").read() for f in files]
url = "https://en.gxzf.gov.cn/news/guangxinews/202101/t20210125_2345678.shtml"
def run():
    for p in pages:
        trafilatura.bare_extraction(p, url=url, with_metadata=True)
run()
passes, start = 0, time.perf_counter()
while time.perf_counter() - start < 3 or passes < 3:
    run(); passes += 1
secs = (time.perf_counter() - start) / passes
mb = sum(map(len, pages)) / 1e6
print(f"trafilatura {trafilatura.__version__}: {len(pages)/secs:8.0f} pages/s  {mb/secs:6.1f} MB/s  ({secs*1e3/len(pages):.3f} ms/page)", flush=True)
print(f"{len(pages)/secs:.1f}")
PY
)
echo "$theirs" | head -n 1
t=$(echo "$theirs" | tail -n 1)
awk -v o="$ours" -v t="$t" 'BEGIN { printf "gxnews full extraction runs %.1fx trafilatura pages/s\n", o / t }'
