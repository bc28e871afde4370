//! End to end, as a user would: the real binary with `--demo` in tmux, driven with keys, its
//! screen read back with capture-pane. Waits poll the screen; nothing asserts a duration.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

struct Tmux {
    /// Each test runs its own tmux server on a socket of its own: tests started at once never
    /// race to start or stop a shared server, and a user's own sessions are never touched.
    socket: String,
    session: String,
    /// An empty config home, so that no config file of the machine's user applies.
    _config_home: tempfile::TempDir,
}

/// A tmux command on the server of the named socket, outside any tmux the tests run in.
fn tmux_on(socket: &str) -> Command {
    let mut c = Command::new("tmux");
    c.args(["-L", socket]).env_remove("TMUX");
    c
}

impl Tmux {
    fn start(name: &str, cmd: &str, w: u16, h: u16) -> Tmux {
        let session = format!("gxnews-{name}-{}", std::process::id());
        let config_home = tempfile::tempdir().unwrap();
        let cmd = format!(
            "unset GXNEWS_CONFIG GXNEWS_PROFILE GXNEWS_DATA_DIR NO_COLOR; export XDG_CONFIG_HOME={}; {cmd}",
            config_home.path().display()
        );
        let socket = session.clone();
        // No configuration file: the machine's own tmux settings do not apply.
        let out = tmux_on(&socket)
            .args(["-f", "/dev/null"])
            .args([
                "new-session",
                "-d",
                "-s",
                &session,
                "-x",
                &w.to_string(),
                "-y",
                &h.to_string(),
                &cmd,
            ])
            .output()
            .expect("tmux must be installed to run this test (.ci/run installs it)");
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
        Tmux {
            socket,
            session,
            _config_home: config_home,
        }
    }

    /// A tmux command on this test's own server.
    fn tmux(&self) -> Command {
        tmux_on(&self.socket)
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            let ok = self
                .tmux()
                .args(["send-keys", "-t", &self.session, k])
                .status()
                .unwrap()
                .success();
            assert!(ok, "send-keys {k}");
        }
    }

    /// Types text into the pane as the terminal would deliver it (escape sequences included).
    fn raw(&self, text: &str) {
        let ok = self
            .tmux()
            .args(["send-keys", "-t", &self.session, "-l", text])
            .status()
            .unwrap()
            .success();
        assert!(ok, "send-keys -l {text:?}");
    }

    /// A tmux format variable of the pane (`mouse_any_flag`: the program asked for the mouse).
    fn flag(&self, name: &str) -> String {
        let out = self
            .tmux()
            .args([
                "display-message",
                "-p",
                "-t",
                &self.session,
                &format!("#{{{name}}}"),
            ])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn screen(&self) -> String {
        let out = self
            .tmux()
            .args(["capture-pane", "-p", "-t", &self.session])
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The screen once it has stayed the same for half a second.
    fn settled(&self) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = self.screen();
        let mut since = Instant::now();
        loop {
            sleep(Duration::from_millis(100));
            let s = self.screen();
            if s != last {
                last = s;
                since = Instant::now();
            } else if since.elapsed() >= Duration::from_millis(500) {
                return last;
            }
            assert!(
                Instant::now() < deadline,
                "the screen never settled:\n{last}"
            );
        }
    }

    /// Polls the screen until `pred` holds on a finished frame, and returns that screen; panics
    /// with the last screen if it never does. A capture can catch the terminal halfway through
    /// drawing a frame, so a screen counts once two captures in a row are the same.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = String::new();
        loop {
            let s = self.screen();
            if pred(&s) && s == last {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "waiting for {what}; screen:\n{s}"
            );
            last = s;
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        // The test's own server goes with its session.
        let _ = self.tmux().arg("kill-server").status();
    }
}

#[test]
fn demo_opens_an_article_with_the_keys_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gxnews");
    let cmd = format!(
        "{bin} --demo --data-dir {}; echo GXNEWS-EXIT=$?; sleep 60",
        dir.path().display()
    );
    let t = Tmux::start("demo", &cmd, 100, 30);

    // The demo crawl fills the list; the refresh ends with the time and what it found.
    t.wait_for("the demo list", |s| {
        s.contains("Regional innovation") && s.contains("16 new") && s.contains("Articles 16")
    });
    // Articles that arrive during the first refresh keep whatever row was selected; go to the top.
    t.keys(&["g"]);
    t.wait_for("the first row selected", |s| s.contains("1/16"));

    // The seed article is the sixth newest: five down, then open it.
    t.keys(&["j", "j", "j", "j", "j", "Enter"]);
    let s = t.wait_for("the article", |s| s.contains("Editor: MXJ"));
    assert!(s.contains("Source: en.gxzf.gov.cn"), "{s}");
    // The site's counter reads 0 until a script fills it: a count it never gave is not shown.
    assert!(!s.contains("Views: 0"), "{s}");
    assert!(s.contains("2021-01-25 16:56 +08:00"), "{s}");
    assert!(s.contains("6/16"), "{s}");
    assert!(s.contains("Guangxi has been fully embracing"), "{s}");

    // Scroll to the end of the article: its last paragraph shows.
    t.keys(&["G"]);
    t.wait_for("the end of the article", |s| {
        s.contains("ASEAN countries.") && s.contains("100%")
    });

    // Help, then back, then quit: the shell sees a clean exit and the screen is the shell's.
    t.keys(&["?"]);
    t.wait_for("help", |s| s.contains("show or hide this help"));
    t.keys(&["Escape"]);
    t.wait_for("the article again", |s| {
        s.contains("ASEAN countries.") && !s.contains("open the selected article")
    });
    // Esc and q typed at once reach the reader as one Alt+q: still back to the list, then quit.
    t.keys(&["Escape", "q"]);
    let s = t.wait_for("exit", |s| s.contains("GXNEWS-EXIT="));
    assert!(s.contains("GXNEWS-EXIT=0"), "{s}");
    assert!(
        !s.contains("Articles 16"),
        "the alternate screen is gone: {s}"
    );
}

#[test]
fn offline_reader_shows_the_cache_and_says_offline() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gxnews");
    // Fill the demo cache headless, then read the same cache with no network at all.
    let out = Command::new(bin)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env_remove("GXNEWS_CONFIG")
        .args(["--demo", "--data-dir"])
        .arg(dir.path())
        .arg("fetch")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let demo_dir = dir.path().join("demo");
    let cmd = format!(
        "{bin} --offline --data-dir {}; echo GXNEWS-EXIT=$?; sleep 60",
        demo_dir.display()
    );
    let t = Tmux::start("offline", &cmd, 70, 20);
    let s = t.wait_for("the cached list", |s| s.contains("Articles 16"));
    assert!(s.contains("offline"), "{s}");
    // Narrow: the article replaces the list, and Esc brings the list back.
    t.keys(&["Enter"]);
    t.wait_for("the article alone", |s| {
        !s.contains("Articles 16") && s.contains("Article")
    });
    t.keys(&["r"]);
    t.wait_for("why refresh is off", |s| s.contains("refresh is off"));
    t.keys(&["Escape"]);
    t.wait_for("the list again", |s| s.contains("Articles 16"));
    t.keys(&["C-c"]);
    let s = t.wait_for("exit", |s| s.contains("GXNEWS-EXIT="));
    assert!(s.contains("GXNEWS-EXIT=0"), "{s}");
}

#[test]
fn search_open_quit_and_come_back_to_the_same_place() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gxnews");
    let out = Command::new(bin)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env_remove("GXNEWS_CONFIG")
        .args(["--demo", "--data-dir"])
        .arg(dir.path())
        .arg("fetch")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let cache = dir.path().join("demo");
    let cmd = format!(
        "{bin} --offline --data-dir {}; echo GXNEWS-EXIT=$?; sleep 60",
        cache.display()
    );

    let t = Tmux::start("search1", &cmd, 100, 20);
    t.wait_for("the list", |s| s.contains("Articles 16"));
    t.keys(&["/", "B", "e", "i", "d", "o", "u", "Enter"]);
    t.wait_for("the search results", |s| s.contains("Search “Beidou” 1"));
    t.keys(&["Enter"]);
    t.wait_for("the article", |s| s.contains("Editor: MXJ"));
    t.keys(&["j", "j", "j", "j", "j", "j"]);
    t.wait_for("scrolled", |s| !s.contains("English › News"));
    // All six steps taken: the screen has stopped changing.
    let before = t.settled();
    // q in the article goes back to the list, q there quits.
    t.keys(&["q", "q"]);
    t.wait_for("exit", |s| s.contains("GXNEWS-EXIT=0"));
    drop(t);

    let t = Tmux::start("search2", &cmd, 100, 20);
    t.wait_for("the list", |s| s.contains("Articles 16"));
    // The list reopens on the same article; opening it returns to the same place.
    let s = t.wait_for("the same selection", |s| s.contains("6/16"));
    assert!(s.contains("Guangxi News · 2021-01-25"), "{s}");
    t.keys(&["Enter"]);
    let after = t.wait_for("the article", |s| s.contains("Editor: MXJ"));
    let body = |s: &str| -> Vec<String> {
        s.lines()
            .take(18)
            .map(|l| l.chars().skip(42).collect::<String>())
            .collect()
    };
    assert_eq!(
        body(&before),
        body(&after),
        "same scroll position:\n{before}\n---\n{after}"
    );
    t.keys(&["q", "q"]);
    t.wait_for("exit", |s| s.contains("GXNEWS-EXIT=0"));
}

#[test]
fn keys_changed_in_the_config_show_in_help_and_the_mouse_works() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gxnews");
    let out = Command::new(bin)
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env_remove("GXNEWS_CONFIG")
        .args(["--demo", "--data-dir"])
        .arg(dir.path())
        .arg("fetch")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let config = dir.path().join("my-config.toml");
    std::fs::write(
        &config,
        "[keys.global]\n\"?\" = \"none\"\n\"H\" = \"help\"\n\n\
         [keys.list]\n\"g\" = \"none\"\n\"g g\" = \"top\"\n\n[reader]\nmouse = true\n",
    )
    .unwrap();
    let cmd = format!(
        "{bin} --offline --config {} --data-dir {}; echo GXNEWS-EXIT=$?; sleep 60",
        config.display(),
        dir.path().join("demo").display()
    );
    let t = Tmux::start("config", &cmd, 100, 24);
    t.wait_for("the list", |s| {
        s.contains("Articles 16") && s.contains("1/16")
    });
    // `?` is unbound, `H` opens the help, which shows the new keys.
    t.keys(&["?"]);
    sleep(Duration::from_millis(300));
    assert!(!t.screen().contains("show or hide this help"));
    t.keys(&["H"]);
    let help = t.wait_for("help", |s| s.contains("show or hide this help"));
    assert!(
        help.lines()
            .any(|l| l.contains(" H ") && l.contains("show or hide this help")),
        "{help}"
    );
    assert!(
        help.lines()
            .any(|l| l.contains("gg") && l.contains("first article")),
        "{help}"
    );
    t.keys(&["Escape"]);
    t.wait_for("help closed", |s| !s.contains("show or hide this help"));
    // `g g` goes to the top: a sequence.
    t.keys(&["j", "j", "j"]);
    t.wait_for("fourth row", |s| s.contains("4/16"));
    t.keys(&["g"]);
    t.wait_for("the pending key", |s| s.contains("g…"));
    t.keys(&["g"]);
    t.wait_for("first row", |s| s.contains("1/16"));

    assert_eq!(
        t.flag("mouse_any_flag"),
        "1",
        "the reader asked for the mouse"
    );
    // The mouse, as the terminal reports it (SGR): a click on the sixth row selects it, a
    // second click opens it, the wheel over the article scrolls it.
    let click = |col: u16, row: u16| {
        t.raw(&format!("\x1b[<0;{col};{row}M"));
        t.raw(&format!("\x1b[<0;{col};{row}m"));
    };
    click(10, 7);
    t.wait_for("sixth row selected", |s| s.contains("6/16"));
    click(10, 7);
    let opened = t.wait_for("the article open", |s| s.contains("Editor: MXJ"));
    let first_line = |s: &str| {
        s.lines()
            .nth(1)
            .unwrap_or("")
            .chars()
            .skip(42)
            .collect::<String>()
    };
    let before = first_line(&opened);
    for _ in 0..3 {
        t.raw("\x1b[<65;70;10M");
    }
    t.wait_for("scrolled by the wheel", |s| first_line(s) != before);
    t.keys(&["q", "q"]);
    let s = t.wait_for("exit", |s| s.contains("GXNEWS-EXIT="));
    assert!(s.contains("GXNEWS-EXIT=0"), "{s}");
    // Mouse reporting is off again, and nothing of it is left on the shell's screen.
    assert_eq!(t.flag("mouse_any_flag"), "0", "the mouse is given back");
    assert!(!s.contains("[<"), "{s}");
}

/// Waits for the demo's first refresh to finish.
fn demo_loaded(t: &Tmux) {
    t.wait_for("the demo list", |s| {
        s.contains("Regional innovation") && s.contains(" new")
    });
}

/// SIGTERM (and SIGHUP, SIGINT alike) ends the reader as `q` does: a clean exit, the shell's
/// screen back, the mouse given back.
#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_gxnews");
    let cmd = format!(
        "{bin} --demo --data-dir {}; echo GXNEWS-EXIT=$?; sleep 60",
        dir.path().display()
    );
    let t = Tmux::start("sigterm", &cmd, 100, 30);
    demo_loaded(&t);
    assert_eq!(t.flag("mouse_any_flag"), "1", "the reader took the mouse");
    // The reader's own process, not the shell that started it.
    let pattern = format!("^{bin} --demo --data-dir {}", dir.path().display());
    let killed = Command::new("pkill")
        .args(["-TERM", "-f", &pattern])
        .status()
        .unwrap();
    assert!(killed.success(), "pkill found the reader");
    let s = t.wait_for("exit", |s| s.contains("GXNEWS-EXIT="));
    assert!(s.contains("GXNEWS-EXIT=0"), "{s}");
    assert!(
        !s.contains("Regional innovation"),
        "the alternate screen is gone: {s}"
    );
    assert_eq!(t.flag("mouse_any_flag"), "0", "the mouse is given back");
    assert_eq!(t.flag("cursor_flag"), "1", "the cursor shows again");
}

/// `o` with a text browser in `$BROWSER` hands it the terminal and the URL, and the reader
/// comes back where it was when the browser ends; a graphical one gets arguments and `%s`.
#[test]
fn a_text_browser_gets_the_terminal_and_the_reader_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let bin_dir = dir.path().join("bin");
    std::fs::create_dir_all(&bin_dir).unwrap();
    let stub = bin_dir.join("w3m");
    std::fs::write(
        &stub,
        "#!/bin/sh\necho \"STUB BROWSER $1\"\nread line\necho \"$1\" > \"$0.opened\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
    let bin = env!("CARGO_BIN_EXE_gxnews");
    let cmd = format!(
        "BROWSER='nonexistent-browser --x:{}' {bin} --demo --data-dir {}; sleep 60",
        stub.display(),
        dir.path().join("data").display()
    );
    let t = Tmux::start("browser", &cmd, 100, 30);
    demo_loaded(&t);
    t.keys(&["g", "j", "j"]);
    let before = t.wait_for("the third row", |s| s.contains("3/16"));
    t.keys(&["o"]);
    let s = t.wait_for("the stub browser", |s| s.contains("STUB BROWSER http"));
    assert!(!s.contains("3/16"), "the reader left the screen: {s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("the reader again", |s| s.contains("3/16"));
    assert!(s.contains("back from"), "{s}");
    let opened = std::fs::read_to_string(dir.path().join("bin/w3m.opened")).unwrap();
    assert!(opened.starts_with("http"), "{opened}");
    assert!(before.contains("3/16"));

    // In the article, link [1] of its text: typed as a number, opened with Enter.
    t.keys(&["Enter"]);
    t.wait_for("the article", |s| s.contains("portal[1]"));
    t.keys(&["1"]);
    t.wait_for("the link prompt", |s| s.contains("link 1"));
    t.keys(&["Enter"]);
    t.wait_for("the stub browser", |s| {
        s.contains("STUB BROWSER https://en.gxzf.gov.cn/")
    });
    t.keys(&["Enter"]);
    t.wait_for("the article again", |s| {
        s.contains("portal[1]") && s.contains("3/16")
    });
    let opened = std::fs::read_to_string(dir.path().join("bin/w3m.opened")).unwrap();
    assert_eq!(opened.trim(), "https://en.gxzf.gov.cn/");
    // Back in the list, the selection is where it was.
    t.keys(&["q"]);
    t.wait_for("the list", |s| {
        s.contains("3/16") && s.contains("Enter open")
    });
    t.keys(&["q"]);
}
