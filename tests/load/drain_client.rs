//! The drain check: steady load on the real binary, SIGTERM mid-run, every request's outcome
//! classified until the process exits. Shared by the load example `tests/load/drain.rs` (run by
//! `tests/load/drain.sh`) and the integration test in `tests/api/shutdown.rs`.
//!
//! Each load connection is a raw HTTP/1.1 keep-alive client (one request at a time, no pipelining)
//! cycling through `GET /v1/aftercare-plan`, `POST /v1/ingredient-checks` and `GET /health/ready`.
//! What counts:
//! - expected: a complete answer with the expected status (200; readiness 503 once SIGTERM was
//!   sent); `connection refused` once SIGTERM was sent (the listener is closed);
//! - expected, reported apart: a connection reset before any byte of the answer once SIGTERM was
//!   sent. Linux resets a connection, instead of closing it with a FIN, only when it is closed with
//!   bytes the process never read (a connection still in the listener's accept queue when the
//!   listener closes, or one the server dropped before reading it): the service never saw the
//!   request, so it did not run and retrying it is safe;
//! - failure: everything else — the connection closed (FIN) after the request was written but
//!   before any answer (the process may have read the request), an answer cut short, an
//!   unexpected status (a 5xx on an API route), a malformed answer, a timeout, or any of the
//!   expected outcomes above before SIGTERM was sent.
//!
//! Keep-alive: before reusing a connection the client checks, without blocking, whether the server
//! has already closed it (as HTTP clients do before reusing a pooled connection) and then opens a
//! new one; a closed connection found this way had no request on it and is only counted. The race
//! that check cannot close — the server closes an idle connection while the next request is on the
//! wire — cannot happen here: no connection is ever idle for anything near `keep_alive_secs`, and
//! after SIGTERM the server closes a connection only after an answer that says `Connection: close`.
//! So an unanswered request on a reused connection counts as a failure like any other.

use std::collections::BTreeMap;
use std::fmt;
use std::io::{BufRead, BufReader, ErrorKind, Read};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One drain run: the server binary, its settings and the load.
#[derive(Debug, Clone)]
pub struct DrainRun {
    /// The `aftercare` binary to run.
    pub binary: PathBuf,
    /// `server.workers`.
    pub workers: u32,
    /// `server.drain_delay_secs`.
    pub drain_delay_secs: u64,
    /// `server.shutdown_timeout_secs`.
    pub shutdown_timeout_secs: u64,
    /// Concurrent keep-alive connections of the load.
    pub connections: usize,
    /// Steady load before SIGTERM.
    pub load_before_signal: Duration,
    /// Longest wait for one complete answer.
    pub request_timeout: Duration,
    /// Longest wait for the process to exit after SIGTERM before it is killed (a failure).
    pub exit_deadline: Duration,
}

/// What became of one request (or connection attempt).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// The expected 200 answer, complete.
    Ok,
    /// `GET /health/ready` answered 503.
    Ready503,
    /// The connection attempt was refused.
    Refused,
    /// Reset before any byte of the answer: the server closed with the request unread.
    ResetUnread,
    /// Closed (FIN) after the request was written, before any byte of the answer.
    ClosedUnanswered,
    /// The answer started but the connection ended before it was complete.
    Truncated,
    /// A complete answer with an unexpected status.
    UnexpectedStatus,
    /// Bytes that are not an HTTP/1.1 answer.
    Malformed,
    /// No complete answer within the request timeout.
    Timeout,
    /// Any other error while connecting, writing or reading.
    OtherError,
}

impl Outcome {
    const ALL: [Self; 10] = [
        Self::Ok,
        Self::Ready503,
        Self::Refused,
        Self::ResetUnread,
        Self::ClosedUnanswered,
        Self::Truncated,
        Self::UnexpectedStatus,
        Self::Malformed,
        Self::Timeout,
        Self::OtherError,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Ok => "200 answered",
            Self::Ready503 => "503 from /health/ready",
            Self::Refused => "connection refused",
            Self::ResetUnread => "reset, request unread",
            Self::ClosedUnanswered => "closed, no answer",
            Self::Truncated => "answer cut short",
            Self::UnexpectedStatus => "unexpected status",
            Self::Malformed => "malformed answer",
            Self::Timeout => "timeout",
            Self::OtherError => "other error",
        }
    }

    /// Whether this outcome is a failure, before (`false`) or after (`true`) SIGTERM was sent.
    pub fn is_failure(self, after_signal: bool) -> bool {
        match self {
            Self::Ok => false,
            Self::Ready503 | Self::Refused | Self::ResetUnread => !after_signal,
            _ => true,
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum RequestKind {
    Plan,
    Check,
    Ready,
}

impl RequestKind {
    const CYCLE: [Self; 3] = [Self::Plan, Self::Check, Self::Ready];
}

/// The three requests, written once.
struct Requests {
    plan: Vec<u8>,
    check: Vec<u8>,
    ready: Vec<u8>,
}

impl Requests {
    fn new() -> Self {
        let body = r#"{"ingredients": "Aqua, Glycerin, Niacinamide, Salicylic Acid, Panthenol", "treated_at": "2026-03-07T10:00:00Z", "timezone": "Europe/Madrid"}"#;
        Self {
            plan: b"GET /v1/aftercare-plan?treated_at=2026-03-07T10:00:00Z&timezone=Europe/Madrid HTTP/1.1\r\n\
                    Host: 127.0.0.1\r\n\r\n"
                .to_vec(),
            check: format!(
                "POST /v1/ingredient-checks HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .into_bytes(),
            ready: b"GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".to_vec(),
        }
    }

    fn bytes(&self, kind: RequestKind) -> &[u8] {
        match kind {
            RequestKind::Plan => &self.plan,
            RequestKind::Check => &self.check,
            RequestKind::Ready => &self.ready,
        }
    }
}

/// The counts of one run and what the server did.
#[derive(Debug, Default)]
pub struct Report {
    /// Outcome → [before SIGTERM, after SIGTERM].
    pub counts: BTreeMap<Outcome, [u64; 2]>,
    /// Answers after SIGTERM that closed the connection (`Connection: close`) or kept it.
    pub answers_closing_after_signal: u64,
    /// Answers after SIGTERM that kept the connection open.
    pub answers_keeping_after_signal: u64,
    /// Pooled connections found closed by the server before reuse (no request was lost on them).
    pub closed_before_reuse: u64,
    /// After SIGTERM: the first readiness 503, the first refusal, the last 200.
    pub first_ready_503: Option<Duration>,
    /// See `first_ready_503`.
    pub first_refused: Option<Duration>,
    /// See `first_ready_503`.
    pub last_ok: Option<Duration>,
    /// From SIGTERM to the process's exit.
    pub exited_after: Duration,
    /// The exit status; `None` when the process had to be killed after the deadline.
    pub exit_status: Option<ExitStatus>,
    /// The server's log lines (start-up and shutdown at info, anything at warn).
    pub server_log: Vec<String>,
}

impl Report {
    /// Failed requests: every outcome that is a failure in its phase.
    pub fn failures(&self) -> u64 {
        self.counts
            .iter()
            .map(|(outcome, [before, after])| {
                u64::from(outcome.is_failure(false)) * before + u64::from(outcome.is_failure(true)) * after
            })
            .sum()
    }

    fn count(&self, outcome: Outcome, after_signal: bool) -> u64 {
        self.counts
            .get(&outcome)
            .map_or(0, |counts| counts[usize::from(after_signal)])
    }

    /// No failed request, load served before SIGTERM, and a clean exit in time.
    pub fn is_clean(&self) -> bool {
        self.failures() == 0 && self.count(Outcome::Ok, false) > 0 && self.exit_status.is_some_and(|s| s.success())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<26} {:>14} {:>14}  counts as",
            "outcome", "before SIGTERM", "after SIGTERM"
        )?;
        for outcome in Outcome::ALL {
            let (before, after) = (self.count(outcome, false), self.count(outcome, true));
            if before + after == 0 {
                continue;
            }
            let verdict = match (outcome.is_failure(false), outcome.is_failure(true)) {
                (false, false) => "expected",
                (true, false) => "expected after SIGTERM only",
                _ => "FAILURE",
            };
            writeln!(f, "{:<26} {before:>14} {after:>14}  {verdict}", outcome.label())?;
        }
        writeln!(f, "failed requests: {}", self.failures())?;
        writeln!(
            f,
            "answers after SIGTERM was sent: {} with Connection: close, {} keeping the connection (answered \
             before the server saw the signal); {} pooled connections found closed before reuse",
            self.answers_closing_after_signal, self.answers_keeping_after_signal, self.closed_before_reuse
        )?;
        let ms = |d: Option<Duration>| d.map_or_else(|| "-".to_owned(), |d| format!("{} ms", d.as_millis()));
        writeln!(
            f,
            "after SIGTERM: first readiness 503 {}, last 200 {}, first refusal {}, exit {} ms ({})",
            ms(self.first_ready_503),
            ms(self.last_ok),
            ms(self.first_refused),
            self.exited_after.as_millis(),
            self.exit_status
                .map_or_else(|| "killed after the deadline".to_owned(), |s| s.to_string())
        )?;
        writeln!(f, "server log (repeated messages once, with their count):")?;
        let mut seen: Vec<(String, &str, u64)> = Vec::new();
        for line in &self.server_log {
            let key = log_message(line);
            match seen.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, count)) => *count += 1,
                None => seen.push((key, line, 1)),
            }
        }
        for (_, line, count) in seen {
            match count {
                1 => writeln!(f, "  {line}")?,
                n => writeln!(f, "  {line} (x{n})")?,
            }
        }
        Ok(())
    }
}

/// What one load connection saw.
#[derive(Default)]
struct TaskStats {
    counts: BTreeMap<Outcome, [u64; 2]>,
    closing: u64,
    keeping: u64,
    closed_before_reuse: u64,
    first_ready_503: Option<Instant>,
    first_refused: Option<Instant>,
    last_ok: Option<Instant>,
}

impl TaskStats {
    fn record(&mut self, outcome: Outcome, after_signal: bool) {
        self.counts.entry(outcome).or_default()[usize::from(after_signal)] += 1;
        let now = Some(Instant::now());
        match outcome {
            Outcome::Ready503 => self.first_ready_503 = self.first_ready_503.or(now),
            Outcome::Refused => self.first_refused = self.first_refused.or(now),
            Outcome::Ok => self.last_ok = now,
            _ => {}
        }
    }
}

struct Flags {
    signalled: AtomicBool,
    stop: AtomicBool,
}

/// Runs the server, loads it, sends SIGTERM and classifies every outcome until it exits.
pub async fn run(config: &DrainRun) -> std::io::Result<Report> {
    let mut server = Server::spawn(config)?;
    let address = server.address;
    wait_until_ready(address, Duration::from_secs(10)).await?;

    let flags = Arc::new(Flags {
        signalled: AtomicBool::new(false),
        stop: AtomicBool::new(false),
    });
    let requests = Arc::new(Requests::new());
    let tasks: Vec<_> = (0..config.connections)
        .map(|index| {
            tokio::spawn(load(
                index,
                address,
                Arc::clone(&flags),
                Arc::clone(&requests),
                config.request_timeout,
            ))
        })
        .collect();

    tokio::time::sleep(config.load_before_signal).await;
    flags.signalled.store(true, Ordering::SeqCst);
    let signalled_at = Instant::now();
    server.terminate()?;
    let exit_status = server.wait_for_exit(config.exit_deadline).await?;
    let exited_after = signalled_at.elapsed();
    flags.stop.store(true, Ordering::SeqCst);

    let mut report = Report {
        exited_after,
        exit_status,
        ..Report::default()
    };
    let since_signal = |at: Option<Instant>| at.map(|at| at.saturating_duration_since(signalled_at));
    for task in tasks {
        let stats = task.await.map_err(std::io::Error::other)?;
        for (outcome, [before, after]) in stats.counts {
            let counts = report.counts.entry(outcome).or_default();
            counts[0] += before;
            counts[1] += after;
        }
        report.answers_closing_after_signal += stats.closing;
        report.answers_keeping_after_signal += stats.keeping;
        report.closed_before_reuse += stats.closed_before_reuse;
        report.first_ready_503 = min_some(report.first_ready_503, since_signal(stats.first_ready_503));
        report.first_refused = min_some(report.first_refused, since_signal(stats.first_refused));
        report.last_ok = report.last_ok.max(since_signal(stats.last_ok));
    }
    report.server_log = server.log();
    Ok(report)
}

fn min_some(a: Option<Duration>, b: Option<Duration>) -> Option<Duration> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

async fn wait_until_ready(address: SocketAddr, within: Duration) -> std::io::Result<()> {
    let requests = Requests::new();
    let deadline = Instant::now() + within;
    let mut buffer = Vec::new();
    loop {
        if let Ok(mut stream) = TcpStream::connect(address).await {
            let answer = exchange(&mut stream, requests.bytes(RequestKind::Ready), &mut buffer).await;
            if answer.is_ok_and(|answer| answer.status == 200) {
                return Ok(());
            }
        }
        if Instant::now() > deadline {
            return Err(std::io::Error::new(
                ErrorKind::TimedOut,
                "the server never became ready",
            ));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// One load connection: a request at a time until told to stop.
async fn load(
    index: usize,
    address: SocketAddr,
    flags: Arc<Flags>,
    requests: Arc<Requests>,
    timeout: Duration,
) -> TaskStats {
    let mut stats = TaskStats::default();
    let mut connection: Option<TcpStream> = None;
    let mut buffer = Vec::with_capacity(32 * 1024);
    for kind in RequestKind::CYCLE.iter().copied().cycle().skip(index) {
        if flags.stop.load(Ordering::SeqCst) {
            break;
        }
        if connection.as_ref().is_some_and(|stream| !is_open(stream)) {
            connection = None;
            stats.closed_before_reuse += 1;
        }
        let mut stream = match connection.take() {
            Some(stream) => stream,
            None => match tokio::time::timeout(timeout, TcpStream::connect(address)).await {
                Ok(Ok(stream)) => {
                    let _ = stream.set_nodelay(true);
                    stream
                }
                Ok(Err(error)) => {
                    let outcome = if error.kind() == ErrorKind::ConnectionRefused {
                        Outcome::Refused
                    } else {
                        Outcome::OtherError
                    };
                    stats.record(outcome, flags.signalled.load(Ordering::SeqCst));
                    // Refusals are instant: pace them so the client does not starve the server.
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    continue;
                }
                Err(_) => {
                    stats.record(Outcome::Timeout, flags.signalled.load(Ordering::SeqCst));
                    continue;
                }
            },
        };
        let result = tokio::time::timeout(timeout, exchange(&mut stream, requests.bytes(kind), &mut buffer)).await;
        let after_signal = flags.signalled.load(Ordering::SeqCst);
        let outcome = match result {
            Err(_) => Outcome::Timeout,
            Ok(Err(outcome)) => outcome,
            Ok(Ok(answer)) => {
                if after_signal {
                    if answer.close {
                        stats.closing += 1;
                    } else {
                        stats.keeping += 1;
                    }
                }
                if !answer.close {
                    connection = Some(stream);
                }
                match (kind, answer.status) {
                    (_, 200) => Outcome::Ok,
                    (RequestKind::Ready, 503) => Outcome::Ready503,
                    _ => Outcome::UnexpectedStatus,
                }
            }
        };
        stats.record(outcome, after_signal);
    }
    stats
}

/// Whether a pooled connection is still open: nothing to read yet (no FIN, no reset, no stray bytes).
fn is_open(stream: &TcpStream) -> bool {
    let mut probe = [0_u8; 1];
    matches!(stream.try_read(&mut probe), Err(error) if error.kind() == ErrorKind::WouldBlock)
}

struct Answer {
    status: u16,
    close: bool,
}

/// Writes one request and reads its whole answer, or says why there is none.
async fn exchange(stream: &mut TcpStream, request: &[u8], buffer: &mut Vec<u8>) -> Result<Answer, Outcome> {
    if let Err(error) = stream.write_all(request).await {
        return Err(match error.kind() {
            // The server had reset the connection: the request was not (all) delivered, never read.
            ErrorKind::ConnectionReset | ErrorKind::BrokenPipe => Outcome::ResetUnread,
            _ => Outcome::OtherError,
        });
    }
    buffer.clear();
    let mut head: Option<Head> = None;
    loop {
        if buffer.capacity() - buffer.len() < 4096 {
            buffer.reserve(16 * 1024);
        }
        match stream.read_buf(buffer).await {
            Ok(0) if buffer.is_empty() => return Err(Outcome::ClosedUnanswered),
            Ok(0) => return Err(Outcome::Truncated),
            Ok(_) => {}
            Err(error) if buffer.is_empty() && error.kind() == ErrorKind::ConnectionReset => {
                return Err(Outcome::ResetUnread);
            }
            Err(_) if !buffer.is_empty() => return Err(Outcome::Truncated),
            Err(_) => return Err(Outcome::OtherError),
        }
        if head.is_none() {
            head = match Head::parse(buffer) {
                Ok(parsed) => parsed,
                Err(()) => return Err(Outcome::Malformed),
            };
        }
        if let Some(head) = &head {
            match head.complete(buffer) {
                Ok(true) => {
                    return Ok(Answer {
                        status: head.status,
                        close: head.close,
                    });
                }
                Ok(false) => {}
                Err(()) => return Err(Outcome::Malformed),
            }
        }
    }
}

/// The parsed head of an answer.
struct Head {
    length: usize,
    status: u16,
    close: bool,
    body: BodyLength,
}

enum BodyLength {
    Sized(usize),
    Chunked,
}

impl Head {
    /// `Ok(None)` until the whole head has arrived.
    fn parse(buffer: &[u8]) -> Result<Option<Self>, ()> {
        let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
            return if buffer.len() > 16 * 1024 { Err(()) } else { Ok(None) };
        };
        let text = std::str::from_utf8(&buffer[..end]).map_err(|_| ())?;
        let mut lines = text.split("\r\n");
        let status_line = lines.next().ok_or(())?;
        let status = status_line
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .ok_or(())?;
        let (mut close, mut body) = (false, None);
        for line in lines {
            let (name, value) = line.split_once(':').ok_or(())?;
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                body = Some(BodyLength::Sized(value.parse().map_err(|_| ())?));
            } else if name.eq_ignore_ascii_case("transfer-encoding") && value.eq_ignore_ascii_case("chunked") {
                body = Some(BodyLength::Chunked);
            } else if name.eq_ignore_ascii_case("connection") {
                close = value.eq_ignore_ascii_case("close");
            }
        }
        Ok(Some(Self {
            length: end + 4,
            status,
            close,
            body: body.ok_or(())?,
        }))
    }

    /// Whether the whole answer is in `buffer`; an error for bytes beyond it or a bad chunk.
    fn complete(&self, buffer: &[u8]) -> Result<bool, ()> {
        let body = &buffer[self.length..];
        match self.body {
            BodyLength::Sized(length) if body.len() > length => Err(()),
            BodyLength::Sized(length) => Ok(body.len() == length),
            BodyLength::Chunked => chunked_complete(body),
        }
    }
}

fn chunked_complete(mut body: &[u8]) -> Result<bool, ()> {
    loop {
        let Some(line_end) = body.windows(2).position(|w| w == b"\r\n") else {
            return Ok(false);
        };
        let size_text = std::str::from_utf8(&body[..line_end]).map_err(|_| ())?;
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16).map_err(|_| ())?;
        let rest = &body[line_end + 2..];
        if size == 0 {
            // No trailers: the last chunk is followed by an empty line.
            return match rest.len() {
                0 | 1 => Ok(false),
                2 if rest == b"\r\n" => Ok(true),
                _ => Err(()),
            };
        }
        if rest.len() < size + 2 {
            return Ok(false);
        }
        if &rest[size..size + 2] != b"\r\n" {
            return Err(());
        }
        body = &rest[size + 2..];
    }
}

/// The server process, its address and the lines it logged.
struct Server {
    child: Child,
    address: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts the binary on a free loopback port and waits for its "listening" line.
    fn spawn(config: &DrainRun) -> std::io::Result<Self> {
        let mut child = Command::new(&config.binary)
            .arg("serve")
            .env("AFTERCARE__SERVER__HOST", "127.0.0.1")
            .env("AFTERCARE__SERVER__PORT", "0")
            .env("AFTERCARE__SERVER__WORKERS", config.workers.to_string())
            .env(
                "AFTERCARE__SERVER__DRAIN_DELAY_SECS",
                config.drain_delay_secs.to_string(),
            )
            .env(
                "AFTERCARE__SERVER__SHUTDOWN_TIMEOUT_SECS",
                config.shutdown_timeout_secs.to_string(),
            )
            .env("AFTERCARE__LOG__FORMAT", "json")
            .env(
                "AFTERCARE__LOG__LEVEL",
                "warn,aftercare::cli=info,aftercare::startup=info",
            )
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let log = Arc::new(Mutex::new(Vec::new()));
        let (port_tx, port_rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped stdout");
        let stdout_log = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(port) = listening_port(&line) {
                    let _ = port_tx.send(port);
                }
                stdout_log.lock().expect("log lock").push(line);
            }
        });
        let mut stderr = child.stderr.take().expect("piped stderr");
        let stderr_log = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr.read_to_string(&mut text);
            stderr_log
                .lock()
                .expect("log lock")
                .extend(text.lines().map(|line| format!("stderr: {line}")));
        });
        match port_rx.recv_timeout(Duration::from_secs(20)) {
            Ok(port) => Ok(Self {
                child,
                address: SocketAddr::from(([127, 0, 0, 1], port)),
                log,
            }),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let log = log.lock().expect("log lock").join("\n");
                Err(std::io::Error::other(format!("the server did not start:\n{log}")))
            }
        }
    }

    fn terminate(&self) -> std::io::Result<()> {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()?;
        if status.success() {
            Ok(())
        } else {
            Err(std::io::Error::other("kill -TERM failed"))
        }
    }

    /// The exit status, or `None` when the process had to be killed after `deadline`.
    async fn wait_for_exit(&mut self, deadline: Duration) -> std::io::Result<Option<ExitStatus>> {
        let until = Instant::now() + deadline;
        loop {
            if let Some(status) = self.child.try_wait()? {
                return Ok(Some(status));
            }
            if Instant::now() > until {
                self.child.kill()?;
                self.child.wait()?;
                return Ok(None);
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    fn log(&self) -> Vec<String> {
        // The reader threads end with the process; give them a moment to take the last lines.
        std::thread::sleep(Duration::from_millis(50));
        self.log.lock().expect("log lock").clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A log line's level, target and message (the line itself when it is not JSON).
fn log_message(line: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(line) {
        Ok(value) => format!("{} {} {}", value["level"], value["target"], value["message"]),
        Err(_) => line.to_owned(),
    }
}

/// The port of the `aftercare listening` log line (JSON format).
fn listening_port(line: &str) -> Option<u16> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    if value["message"] != "aftercare listening" {
        return None;
    }
    value["server.port"].as_u64().and_then(|port| u16::try_from(port).ok())
}
