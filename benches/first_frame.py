#!/usr/bin/env python3
"""Time to first frame of the reader: start the release binary in tmux over a filled demo
cache (offline, so no network work competes) and poll the screen until the article list shows.
Prints the median and spread over several runs. Usage: benches/first_frame.py [RUNS]"""
import os, shutil, statistics, subprocess, sys, tempfile, time

runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target", "release", "gxnews")
subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
data = tempfile.mkdtemp(prefix="gxnews-ttff-")
try:
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(data, "config"))
    env.pop("GXNEWS_CONFIG", None)
    subprocess.run([binary, "--demo", "--data-dir", data, "fetch"], check=True, capture_output=True,
                   env=env)
    cache = os.path.join(data, "demo")
    times = []
    for i in range(runs):
        session = f"gxnews-ttff-{os.getpid()}-{i}"
        t0 = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                        f"env -u GXNEWS_CONFIG XDG_CONFIG_HOME={data}/config {binary} --offline --data-dir {cache}"],
                       check=True)
        while True:
            screen = subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                    capture_output=True, text=True).stdout
            if "Articles 16" in screen and "2020-06-05" in screen:
                times.append((time.perf_counter() - t0) * 1000)
                break
            if time.perf_counter() - t0 > 10:
                raise SystemExit("no frame after 10 s:\n" + screen)
        subprocess.run(["tmux", "kill-session", "-t", session])
    times.sort()
    print(f"time to first frame (release, demo cache of 16 articles, {runs} runs, "
          f"includes tmux start and polling): median {statistics.median(times):.1f} ms, "
          f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
    # The same measurement with nothing to draw tells what tmux itself costs.
    base = []
    for i in range(runs):
        session = f"gxnews-ttff-base-{os.getpid()}-{i}"
        t0 = time.perf_counter()
        subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                        "echo READY; sleep 5"], check=True)
        while "READY" not in subprocess.run(["tmux", "capture-pane", "-p", "-t", session],
                                            capture_output=True, text=True).stdout:
            pass
        base.append((time.perf_counter() - t0) * 1000)
        subprocess.run(["tmux", "kill-session", "-t", session])
    print(f"tmux baseline (echo): median {statistics.median(base):.1f} ms")
finally:
    shutil.rmtree(data, ignore_errors=True)
