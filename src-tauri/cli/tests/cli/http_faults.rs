//! A loopback HTTP proxy in front of a site that misbehaves on chosen requests: answers 500,
//! stalls (never answers), or holds a request after forwarding part of it. One request per
//! connection (it asks both sides to close after each); every loop ends when it is dropped.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fault {
    /// Answer 500 without asking the site.
    Error500,
    /// Read the request and never answer (the client times out).
    Stall,
    /// Forward the head and this many bytes of the body, then hold until the proxy is dropped.
    HoldAfter(usize),
    /// Answer 307 with this `Location` (an address elsewhere, or the proxy's own for a loop).
    Redirect(&'static str),
    /// Answer this status with a body of this many bytes, sent as fast as the client reads it.
    Huge(u16, u64),
}

struct Rule {
    method: &'static str,
    path: &'static str,
    fault: Fault,
    times: usize,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    /// Every request seen, as `METHOD path`.
    seen: Vec<String>,
    /// Requests a fault was applied to.
    faulted: Vec<String>,
}

pub struct FaultProxy {
    pub url: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
}

impl FaultProxy {
    pub fn to(upstream: &str) -> FaultProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, sp, up) = (state.clone(), stop.clone(), upstream.to_string());
        std::thread::spawn(move || {
            while !sp.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let (st, sp, up) = (st.clone(), sp.clone(), up.clone());
                        std::thread::spawn(move || handle(client, &up, &st, &sp));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        FaultProxy { url, state, stop }
    }

    /// Applies `fault` to the next `times` requests whose method is `method` and whose path
    /// contains `path`.
    pub fn fault(&self, method: &'static str, path: &'static str, fault: Fault, times: usize) {
        self.state.lock().unwrap().rules.push(Rule { method, path, fault, times });
    }

    pub fn seen(&self) -> Vec<String> {
        self.state.lock().unwrap().seen.clone()
    }

    pub fn faulted(&self) -> Vec<String> {
        self.state.lock().unwrap().faulted.clone()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

fn handle(mut client: TcpStream, upstream: &str, state: &Mutex<State>, stop: &AtomicBool) {
    client.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let Some((head, mut body_start)) = read_head(&mut client) else { return };
    let text = String::from_utf8_lossy(&head).to_string();
    let mut first = text.lines().next().unwrap_or("").split(' ');
    let (method, path) = (first.next().unwrap_or("").to_string(), first.next().unwrap_or("").to_string());
    let length: usize = text
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    let fault = {
        let mut s = state.lock().unwrap();
        s.seen.push(format!("{method} {path}"));
        let decoded = path.replace("%2F", "/");
        let found =
            s.rules.iter_mut().find(|r| r.times > 0 && r.method == method && decoded.contains(r.path)).map(|r| {
                r.times -= 1;
                r.fault
            });
        if found.is_some() {
            s.faulted.push(format!("{method} {path}"));
        }
        found
    };
    // The rest of the body.
    while body_start.len() < length {
        let mut buf = vec![0u8; 64 * 1024];
        match client.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => body_start.extend_from_slice(&buf[..n]),
        }
        if stop.load(Ordering::Relaxed) {
            return;
        }
    }
    let hold = |stop: &AtomicBool| {
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    match fault {
        Some(Fault::Error500) => {
            let _ = client
                .write_all(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
        Some(Fault::Stall) => return hold(stop),
        Some(Fault::Redirect(location)) => {
            let location = location.replace("{self}", &path.to_string());
            let answer = format!(
                "HTTP/1.1 307 Temporary Redirect\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            let _ = client.write_all(answer.as_bytes());
            return;
        }
        Some(Fault::Huge(status, bytes)) => {
            let head = format!("HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n");
            if client.write_all(head.as_bytes()).is_err() {
                return;
            }
            let chunk = vec![b' '; 64 * 1024];
            let mut sent = 0u64;
            while sent < bytes && !stop.load(Ordering::Relaxed) {
                if client.write_all(&chunk).is_err() {
                    return;
                }
                sent += chunk.len() as u64;
            }
            return;
        }
        _ => {}
    }
    let Ok(mut server) = TcpStream::connect(upstream) else { return };
    let head = with_connection_close(&text);
    if server.write_all(head.as_bytes()).is_err() {
        return;
    }
    if let Some(Fault::HoldAfter(k)) = fault {
        let _ = server.write_all(&body_start[..k.min(body_start.len())]);
        hold(stop);
        let _ = server.shutdown(Shutdown::Both);
        return;
    }
    if server.write_all(&body_start).is_err() {
        return;
    }
    let mut answer = Vec::new();
    let _ = server.read_to_end(&mut answer);
    let _ = client.write_all(&answer);
}

fn read_head(client: &mut TcpStream) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let body = data.split_off(end + 4);
            return Some((data, body));
        }
        match client.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&buf[..n]),
        }
        if data.len() > 1 << 20 {
            return None;
        }
    }
}

fn with_connection_close(head: &str) -> String {
    let mut out: Vec<&str> = head
        .trim_end_matches("\r\n\r\n")
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    out.push("Connection: close");
    format!("{}\r\n\r\n", out.join("\r\n"))
}
