#!/usr/bin/env python3
"""The reader and the CLI over large caches: for each N given (default 10000 100000), builds
(or reuses) a cache of N synthetic articles with `cargo bench --bench search` (which prints
the store's own figures: size, first window, search pages), then drives the release binary
over it and prints one table: time to first frame in tmux 120x40, memory after the first
frame, after `G` and after a search typed letter by letter in the reader (the time each
letter's hits take is the search bench's, printed above the table), the
`search --json` and `list --json` commands, `export --format atom`, and with `--reindex`
a whole `gxnews reindex`. With newsboat installed, nothing is compared: it needs its own
cache of the same articles, which this script does not build.

Usage: benches/scale.py [--reindex] [N ...]
Caches are kept in $GXNEWS_SCALE_DIR (default target/scale/N) and reused when they hold N."""
import os, statistics, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target", "release", "gxnews")
RUNS = 7
SEARCH_RUNS = 21
QUERY = "Guangxi"


def build(n, data):
    """Builds the cache through the store's own API; prints the bench's lines."""
    env = dict(os.environ, GXNEWS_BENCH_ARTICLES=str(n), GXNEWS_BENCH_DIR=data)
    out = subprocess.run(["cargo", "bench", "--quiet", "--bench", "search"], cwd=root, env=env,
                         check=True, capture_output=True, text=True).stdout
    print(f"--- store at {n} articles (cargo bench --bench search)\n{out}", flush=True)


def tmux(*args):
    return subprocess.run(["tmux", *args], capture_output=True, text=True).stdout


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def wait_screen(session, pred, limit=30.0):
    t0 = time.perf_counter()
    while True:
        screen = tmux("capture-pane", "-p", "-t", session)
        if pred(screen):
            return screen
        if time.perf_counter() - t0 > limit:
            raise SystemExit(f"screen did not show what was awaited in {limit} s:\n{screen}")
        time.sleep(0.002)


def settle(session, quiet=0.3):
    """Waits until the screen has not changed for `quiet` seconds."""
    last, since = None, time.perf_counter()
    while time.perf_counter() - since < quiet:
        screen = tmux("capture-pane", "-p", "-t", session)
        if screen != last:
            last, since = screen, time.perf_counter()
        time.sleep(0.02)
    return last


def reader(data, n):
    """First frame, memory after it, after G and after a search typed letter by letter."""
    frames, mem = [], {"first frame": [], "G": [], "search": []}
    cmd = (f"env -u GXNEWS_CONFIG XDG_CONFIG_HOME={data}/config GXNEWS_LOG=warn "
           f"{binary} --offline --data-dir {data}")
    shown = f" {n} "
    for i in range(RUNS):
        session = f"gxnews-scale-{os.getpid()}-{i}"
        t0 = time.perf_counter()
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", cmd)
        wait_screen(session, lambda s: "Articles" in s and shown in s and "20" in s)
        frames.append((time.perf_counter() - t0) * 1000)
        pid = int(tmux("display", "-p", "-t", session, "#{pane_pid}").strip())
        settle(session)
        mem["first frame"].append(rss_mib(pid))
        tmux("send-keys", "-t", session, "G")
        settle(session)
        mem["G"].append(rss_mib(pid))
        tmux("send-keys", "-t", session, "/")
        for ch in QUERY:
            tmux("send-keys", "-t", session, "-l", ch)
        wait_screen(session, lambda s: f"Search “{QUERY}”" in s)
        tmux("send-keys", "-t", session, "Enter")
        settle(session)
        mem["search"].append(rss_mib(pid))
        tmux("kill-session", "-t", session)
    return frames, mem


def timed(args, runs):
    """Wall times of a command (output read and dropped), and the first byte's."""
    whole, first = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.Popen([binary, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        p.stdout.read(1)
        first.append((time.perf_counter() - t0) * 1000)
        while p.stdout.read(1 << 16):
            pass
        p.wait()
        whole.append((time.perf_counter() - t0) * 1000)
    return whole, first


def peak_mib(args):
    """Wall time and peak memory of one run of a command (the kernel's count for that
    process alone)."""
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    secs = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{args} failed: {status}")
    return secs, usage.ru_maxrss / 1024


def tmux_baseline():
    """What starting a tmux session and seeing its first output costs, with no gxnews."""
    times = []
    for i in range(RUNS):
        session = f"gxnews-scale-base-{os.getpid()}-{i}"
        t0 = time.perf_counter()
        tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", "echo READY; sleep 5")
        wait_screen(session, lambda s: "READY" in s)
        times.append((time.perf_counter() - t0) * 1000)
        tmux("kill-session", "-t", session)
    return statistics.median(times)


def size_mb(data):
    return sum(os.path.getsize(os.path.join(data, f)) for f in os.listdir(data)
               if f.startswith("cache")) / 1e6


def p(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def measure(n, data, reindex):
    rows = {}
    frames, mem = reader(data, n)
    rows["first frame, tmux 120x40 (ms, median / max)"] = \
        f"{statistics.median(frames):.0f} / {max(frames):.0f}"
    rows["  of which tmux itself (ms, median of echo)"] = f"{tmux_baseline():.0f}"
    for k, v in mem.items():
        rows[f"RSS after {k} (MiB, max)"] = f"{max(v):.1f}"
    d = ["--data-dir", data]
    whole, _ = timed([*d, "search", QUERY, "--json"], SEARCH_RUNS)
    rows[f"search {QUERY} --json, 50 hits (ms, p50 / p95)"] = \
        f"{p(whole, .5):.0f} / {p(whole, .95):.0f}"
    whole, first = timed([*d, "list", "--json"], 3)
    rows["list --json: first byte / whole (ms, median)"] = \
        f"{statistics.median(first):.0f} / {statistics.median(whole):.0f}"
    secs, peak = peak_mib([*d, "list", "--json"])
    rows["list --json: peak MiB"] = f"{peak:.1f}"
    secs, peak = peak_mib([*d, "export", "--format", "atom"])
    rows["export --format atom: s, peak MiB"] = f"{secs:.1f} s, {peak:.1f}"
    rows["cache on disk (KB an article)"] = f"{size_mb(data) * 1000 / n:.1f}"
    if reindex:
        before = size_mb(data)
        secs, peak = peak_mib([*d, "reindex"])
        rows["reindex: s, peak MiB"] = f"{secs:.1f} s, {peak:.1f}"
        rows["cache after reindex (MB, before)"] = f"{size_mb(data):.0f} ({before:.0f})"
    return rows


def main():
    args = [a for a in sys.argv[1:] if a != "--reindex"]
    sizes = [int(a) for a in args] or [10000, 100000]
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
    base = os.environ.get("GXNEWS_SCALE_DIR", os.path.join(root, "target", "scale"))
    table = {}
    for n in sizes:
        data = os.path.join(base, str(n))
        os.makedirs(os.path.join(data, "config"), exist_ok=True)
        build(n, data)
        table[n] = measure(n, data, "--reindex" in sys.argv)
    keys = list(next(iter(table.values())).keys())
    print(f"{'':<48}" + "".join(f"{n:>16,}" for n in sizes))
    for k in keys:
        print(f"{k:<48}" + "".join(f"{table[n].get(k, ''):>16}" for n in sizes))


if __name__ == "__main__":
    main()
