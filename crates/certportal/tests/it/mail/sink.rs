//! `scripts/smtp-sink`, the real SMTP server of the mail tests, as a child process on free
//! loopback ports: told to accept or refuse over its control port, killed and started
//! again to go away and come back.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Sink {
    child: Option<Child>,
    pub port: u16,
    control: u16,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

/// One message the sink accepted, as its log line says.
#[derive(Debug, Clone)]
pub struct Received {
    pub message_id: String,
    pub rcpt_tos: Vec<String>,
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    root().join(".tools/venv/bin/python")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Whether the venv has aiosmtpd. Missing: a loud skip, or a failure under CI=true.
fn available() -> bool {
    let ok = Command::new(python())
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if ok {
        return true;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "aiosmtpd missing in .tools/venv under CI (scripts/install-deps --smtp installs it)"
        );
    }
    // Straight to stderr, past the test harness's capture, so that the skip is seen.
    let _ = writeln!(
        std::io::stderr(),
        "\n*** SKIPPED: the SMTP tests need aiosmtpd in .tools/venv (scripts/install-deps --smtp) ***\n"
    );
    false
}

impl Sink {
    /// A running sink in `accept` mode, or `None` (after a loud SKIPPED line) when
    /// aiosmtpd is not installed.
    pub fn start() -> Option<Sink> {
        if !available() {
            return None;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let mut sink = Sink {
            child: None,
            port: free_port(),
            control: free_port(),
            log: dir.path().join("received.jsonl"),
            _dir: dir,
        };
        sink.spawn();
        Some(sink)
    }

    fn spawn(&mut self) {
        let child = Command::new(python())
            .arg(root().join("scripts/smtp-sink"))
            .args(["--port", &self.port.to_string()])
            .args(["--control", &self.control.to_string()])
            .arg("--log")
            .arg(&self.log)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("scripts/smtp-sink starts");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.control_get("").is_none() {
            assert!(Instant::now() < deadline, "smtp-sink did not come up");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `CERTPORTAL_SMTP_URL` for this sink: plain SMTP on loopback.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// `accept`, `tempfail` (451) or `permfail` (550).
    pub fn set_mode(&self, mode: &str) {
        let answer = self.control_get(mode).expect("the control port answers");
        assert_eq!(answer.trim(), mode);
    }

    /// Goes away: the process is killed and its port closed.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Comes back on the same ports (in `accept` mode).
    pub fn restart(&mut self) {
        self.stop();
        self.spawn();
    }

    pub fn received(&self) -> Vec<Received> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        text.lines()
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
                Received {
                    message_id: v["message_id"].as_str().unwrap_or("").to_string(),
                    rcpt_tos: v["rcpt_tos"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(|r| r.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect()
    }

    fn control_get(&self, path: &str) -> Option<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.control)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
        write!(s, "GET /{path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
        let mut response = String::new();
        s.read_to_string(&mut response).ok()?;
        if !response.starts_with("HTTP/1.0 200") && !response.starts_with("HTTP/1.1 200") {
            return None;
        }
        response.split("\r\n\r\n").nth(1).map(str::to_string)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
    }
}
