//! A loopback TCP proxy between a laptop and its desk that can misbehave on command: cut a
//! connection after so many bytes of the request or of the response, or hold a request halfway
//! until released. One thread per connection; every loop ends when the proxy is dropped.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mode {
    Pass,
    /// Forward this many bytes of the request, then cut both ways.
    CutRequestAfter(usize),
    /// Forward the whole request and this many bytes of the response, then cut.
    CutResponseAfter(usize),
    /// Forward this many bytes of the request, then wait (for a kill of the desk, say).
    HoldRequestAfter(usize),
    /// Forward the whole request, then hold the answer back (for a kill of the laptop, say).
    HoldResponse,
}

pub struct Proxy {
    pub url: String,
    mode: Arc<Mutex<Mode>>,
    stop: Arc<AtomicBool>,
    /// How many connections were cut or held.
    pub misbehaved: Arc<Mutex<usize>>,
}

impl Proxy {
    /// A proxy to `target` (`host:port`), passing everything through to begin with.
    pub fn to(target: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let mode = Arc::new(Mutex::new(Mode::Pass));
        let stop = Arc::new(AtomicBool::new(false));
        let misbehaved = Arc::new(Mutex::new(0));
        let (m, s, b, target) = (mode.clone(), stop.clone(), misbehaved.clone(), target.to_string());
        std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let (mode, stop, bad, target) = (*m.lock().unwrap(), s.clone(), b.clone(), target.clone());
                        std::thread::spawn(move || relay(client, &target, mode, &stop, &bad));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Proxy { url, mode, stop, misbehaved }
    }

    pub fn set(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

/// Relays one connection. HTTP/1.1 clients may send several requests on it; the byte counts are
/// per connection, which is what cutting "mid-request" or "mid-response" needs.
fn relay(client: TcpStream, target: &str, mode: Mode, stop: &AtomicBool, bad: &Mutex<usize>) {
    let Ok(server) = TcpStream::connect(target) else { return };
    let timeout = Some(Duration::from_millis(50));
    for s in [&client, &server] {
        s.set_read_timeout(timeout).unwrap();
        let _ = s.set_nodelay(true);
    }
    let (mut up_sent, mut down_sent) = (0usize, 0usize);
    let mut buf = [0u8; 16 * 1024];
    let (mut c, mut srv) = (client, server);
    let cut = |c: &TcpStream, s: &TcpStream| {
        let _ = c.shutdown(Shutdown::Both);
        let _ = s.shutdown(Shutdown::Both);
        *bad.lock().unwrap() += 1;
    };
    // Bounded by the proxy's life and by the peers: each turn moves bytes or times out briefly.
    while !stop.load(Ordering::Relaxed) {
        let mut idle = true;
        match c.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                idle = false;
                let limit = match mode {
                    Mode::CutRequestAfter(k) | Mode::HoldRequestAfter(k) => Some(k),
                    _ => None,
                };
                let allowed = limit.map_or(n, |k| n.min(k.saturating_sub(up_sent)));
                if srv.write_all(&buf[..allowed]).is_err() {
                    return;
                }
                up_sent += allowed;
                if allowed < n {
                    if let Mode::HoldRequestAfter(_) = mode {
                        *bad.lock().unwrap() += 1;
                        // Held: nothing more goes either way until the proxy is dropped or a peer goes.
                        while !stop.load(Ordering::Relaxed) {
                            std::thread::sleep(Duration::from_millis(20));
                            match srv.read(&mut buf) {
                                Ok(0) => break,
                                Err(e) if !is_timeout(&e) => break,
                                _ => {}
                            }
                        }
                        return cut(&c, &srv);
                    }
                    return cut(&c, &srv);
                }
            }
            Err(e) if is_timeout(&e) => {}
            Err(_) => return,
        }
        match srv.read(&mut buf) {
            Ok(0) => return,
            Ok(_) if mode == Mode::HoldResponse => {
                *bad.lock().unwrap() += 1;
                // Held until the laptop goes (its socket closes) or the proxy is dropped.
                while !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(20));
                    match c.read(&mut buf) {
                        Ok(0) => break,
                        Err(e) if !is_timeout(&e) => break,
                        _ => {}
                    }
                }
                return cut(&c, &srv);
            }
            Ok(n) => {
                idle = false;
                let allowed = match mode {
                    Mode::CutResponseAfter(k) => n.min(k.saturating_sub(down_sent)),
                    _ => n,
                };
                if c.write_all(&buf[..allowed]).is_err() {
                    return;
                }
                down_sent += allowed;
                if allowed < n {
                    return cut(&c, &srv);
                }
            }
            Err(e) if is_timeout(&e) => {}
            Err(_) => return,
        }
        if idle {
            std::thread::yield_now();
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut)
}
