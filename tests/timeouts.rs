//! Time-outs against hand-written servers on 127.0.0.1: a host that accepts and never answers
//! fails fast with "site not answering" (the library and the real binary, default settings),
//! while a slow but live page still downloads. Regression for a fetch held 93 s by a host that
//! said nothing.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use common::{Fault, FixtureServer};
use gxnews::fetch::{FetchConfig, FetchError, Fetcher, READ_TIMEOUT, TimeoutStage};
use url::Url;

/// What the issue promises: with the default settings the whole fetch against a host that
/// never answers ends within this long, every retry and backoff counted.
const NOT_ANSWERING_BOUND: Duration = Duration::from_secs(15);

/// A loopback server whose every connection is handed to `serve` on a thread of its own;
/// it counts connections and stops accepting when dropped.
struct RawServer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl RawServer {
    fn start(serve: fn(TcpStream)) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, stopped) = (Arc::clone(&connections), Arc::clone(&stop));
        thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                count.fetch_add(1, Ordering::SeqCst);
                thread::spawn(move || serve(stream));
            }
        });
        RawServer {
            addr,
            connections,
            stop,
        }
    }

    fn url(&self) -> Url {
        Url::parse(&format!("http://{}/", self.addr)).expect("a loopback URL")
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the blocked accept so that the thread sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Reads one request's head, so that the client is waiting for the answer.
fn read_request(stream: &TcpStream) {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) {
        if line == "\r\n" {
            return;
        }
        line.clear();
    }
}

/// Accepts, reads the request, and says nothing until the client gives up.
fn never_answer(stream: TcpStream) {
    read_request(&stream);
    // Hold the connection open until the client closes it; never write a byte.
    let mut rest = Vec::new();
    let _ = std::io::Read::read_to_end(&mut &stream, &mut rest);
}

/// The page the trickling servers send, in this many pieces.
const PIECES: usize = 8;

fn piece(i: usize) -> String {
    format!("<p>piece {i} of a page that comes slowly</p>\n")
}

fn whole_page() -> String {
    (0..PIECES).map(piece).collect()
}

/// Writes a 200 head for `len` bytes of HTML at once.
fn write_head(stream: &mut TcpStream, len: usize) {
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
         Content-Length: {len}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).expect("write the head");
    stream.flush().expect("flush");
}

/// Gap between two pieces of a trickling body; the tests' read timeout is well over it.
const TRICKLE_GAP: Duration = Duration::from_millis(250);

/// The head at once, then the body a piece every [`TRICKLE_GAP`].
fn trickle(mut stream: TcpStream) {
    read_request(&stream);
    write_head(&mut stream, whole_page().len());
    for i in 0..PIECES {
        thread::sleep(TRICKLE_GAP);
        if stream.write_all(piece(i).as_bytes()).is_err() {
            return;
        }
        let _ = stream.flush();
    }
}

/// The head at once, one piece, then silence far longer than the tests' read timeout.
fn stall(mut stream: TcpStream) {
    read_request(&stream);
    write_head(&mut stream, whole_page().len());
    let _ = stream.write_all(piece(0).as_bytes());
    let _ = stream.flush();
    thread::sleep(Duration::from_secs(5));
}

/// The whole page, but only after a pause shorter than the tests' read timeout.
fn answer_late(mut stream: TcpStream) {
    read_request(&stream);
    thread::sleep(Duration::from_millis(600));
    write_head(&mut stream, whole_page().len());
    let _ = stream.write_all(whole_page().as_bytes());
    let _ = stream.flush();
}

/// Loopback settings: no pause between requests, short backoff, the given read timeout.
fn quick(read_timeout: Duration) -> FetchConfig {
    FetchConfig {
        read_timeout,
        delay: Duration::ZERO,
        backoff: Duration::from_millis(10),
        ..FetchConfig::default()
    }
}

#[tokio::test]
async fn a_host_that_accepts_and_never_answers_is_site_not_answering_within_15_s() {
    let server = RawServer::start(never_answer);
    // The defaults, retries and backoff included: that is what the user runs.
    let fetcher = Fetcher::new(FetchConfig::default()).expect("fetcher");
    let started = Instant::now();
    let err = fetcher
        .get(&server.url())
        .await
        .expect_err("the host never answers");
    let took = started.elapsed();

    assert!(
        matches!(
            err,
            FetchError::Timeout {
                stage: TimeoutStage::Answer,
                limit: READ_TIMEOUT,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_unreachable());
    assert!(
        err.to_string()
            .ends_with("site not answering (no answer within 10 s, read timeout)"),
        "{err}"
    );
    assert_eq!(server.connections(), 1, "a silent host is not asked again");
    assert!(
        took < NOT_ANSWERING_BOUND,
        "took {took:?}, the bound is {NOT_ANSWERING_BOUND:?}"
    );
}

#[test]
fn gxnews_fetch_against_a_host_that_never_answers_says_so_within_15_s() {
    let server = RawServer::start(never_answer);
    let data = tempfile::tempdir().expect("temp dir");
    // Isolated from the caller: no proxy, data dir, config or log settings of theirs.
    let mut cmd = common::gxnews(data.path());
    cmd.args(["fetch", "--site", server.url().as_str()]);
    let started = Instant::now();
    let out = cmd.output().expect("run gxnews");
    let took = started.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);

    assert!(!out.status.success(), "a silent site is an error: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line: {stderr}");
    assert!(lines[0].starts_with("gxnews: "), "{stderr}");
    assert!(lines[0].contains("site not answering"), "{stderr}");
    assert!(lines[0].contains(server.url().as_str()), "{stderr}");
    assert!(
        took < NOT_ANSWERING_BOUND,
        "took {took:?}, the bound is {NOT_ANSWERING_BOUND:?}"
    );
    eprintln!("gxnews fetch against a silent host: {took:?}: {}", lines[0]);
}

/// A listener whose accept queue is full, so that the kernel drops every further SYN: a host
/// that never completes a connection. None where the kernel does not drop them.
fn full_listener() -> Option<(tokio::net::TcpListener, Vec<TcpStream>)> {
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().unwrap())
        .expect("bind 127.0.0.1:0");
    let listener = socket.listen(0).expect("listen");
    let addr = listener.local_addr().expect("local address");
    let mut queued = Vec::new();
    for _ in 0..16 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(s) => queued.push(s),
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return Some((listener, queued)),
            Err(_) => return None,
        }
    }
    None
}

#[tokio::test]
async fn a_host_that_never_completes_a_connection_is_not_asked_again() {
    let Some((listener, _queued)) = full_listener() else {
        eprintln!("skipped: this kernel does not drop connections to a full accept queue");
        return;
    };
    let url = Url::parse(&format!("http://{}/", listener.local_addr().unwrap())).unwrap();
    let connect_timeout = Duration::from_millis(500);
    let started = Instant::now();
    let err = Fetcher::new(FetchConfig {
        connect_timeout,
        ..quick(READ_TIMEOUT)
    })
    .expect("fetcher")
    .get(&url)
    .await
    .expect_err("no connection");

    assert!(
        matches!(
            err,
            FetchError::Timeout {
                stage: TimeoutStage::Connect,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .ends_with("site not answering (no connection within 0.5 s, connect timeout)"),
        "{err}"
    );
    // One attempt cut off at the connect timeout, not three and not the read timeout.
    assert!(started.elapsed() < READ_TIMEOUT, "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_body_trickling_in_longer_than_the_read_timeout_is_read_whole() {
    let server = RawServer::start(trickle);
    let read_timeout = Duration::from_secs(1);
    let started = Instant::now();
    let page = Fetcher::new(FetchConfig {
        retries: 0,
        ..quick(read_timeout)
    })
    .expect("fetcher")
    .get(&server.url())
    .await
    .expect("each piece comes within the read timeout");

    assert_eq!(String::from_utf8_lossy(&page.bytes), whole_page());
    assert!(
        started.elapsed() > read_timeout,
        "the read timeout is between reads, not for the whole body"
    );
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn an_answer_late_but_within_the_read_timeout_is_waited_for() {
    let server = RawServer::start(answer_late);
    let page = Fetcher::new(FetchConfig {
        retries: 0,
        ..quick(Duration::from_secs(3))
    })
    .expect("fetcher")
    .get(&server.url())
    .await
    .expect("the answer comes in time");
    assert_eq!(String::from_utf8_lossy(&page.bytes), whole_page());
}

#[tokio::test]
async fn a_body_that_stops_is_a_stalled_transfer_and_is_retried() {
    let server = RawServer::start(stall);
    let err = Fetcher::new(FetchConfig {
        retries: 1,
        ..quick(Duration::from_millis(500))
    })
    .expect("fetcher")
    .get(&server.url())
    .await
    .expect_err("the body never ends");

    assert!(
        matches!(
            err,
            FetchError::Timeout {
                stage: TimeoutStage::Stalled,
                attempts: 2,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .ends_with("transfer stalled (no data for 0.5 s, read timeout), 2 attempts"),
        "{err}"
    );
    assert_eq!(
        server.connections(),
        2,
        "a live host that stalled is retried"
    );
}

#[tokio::test]
async fn a_5xx_is_still_retried_with_the_default_retries() {
    let server = FixtureServer::site();
    let path = "/news/guangxinews/202103/t20210305_5001.shtml";
    server.fault(path, Fault::FailThenOk(2));
    let cfg = quick(READ_TIMEOUT);
    assert_eq!(cfg.retries, 2, "the default");
    Fetcher::new(cfg)
        .expect("fetcher")
        .get(&server.url(path))
        .await
        .expect("ok on the third attempt");
    assert_eq!(server.count(path), 3);
}
