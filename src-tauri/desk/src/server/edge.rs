//! The desk's network edge: what one connection may hold, whoever opens it. A new connection must
//! send its first byte within [`Limits::header`] (hyper then holds the rest of its headers to the
//! same deadline); after that it has an idle deadline (no byte read or written for
//! [`Limits::idle`] closes it; the change stream's keep-alive every 15 seconds keeps a live one
//! open); one address holds at most
//! [`Limits::per_address`] connections at once and the whole service at most [`Limits::total`].
//! A connection past a cap is closed at once, before anything is read from it.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum_server::accept::Accept;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// What a connection may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time to send a request's headers.
    pub header: Duration,
    /// Time with nothing read or written.
    pub idle: Duration,
    /// Connections one address may hold at once (an office behind one address holds many).
    pub per_address: usize,
    /// Connections the service holds at once (kept under its file limit).
    pub total: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header: Duration::from_secs(10),
            idle: Duration::from_secs(120),
            per_address: 512,
            total: open_file_room().saturating_sub(64).clamp(16, 20_000),
        }
    }
}

/// How many files this process may open (its soft limit, raised to the hard one first).
fn open_file_room() -> usize {
    // SAFETY: getrlimit/setrlimit on this process with a struct they fill or read.
    unsafe {
        let mut limit: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) != 0 {
            return 1024;
        }
        if limit.rlim_cur < limit.rlim_max {
            let raised = libc::rlimit { rlim_cur: limit.rlim_max, rlim_max: limit.rlim_max };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                limit.rlim_cur = limit.rlim_max;
            }
        }
        usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
    }
}

#[derive(Default)]
struct Counts {
    by_address: HashMap<IpAddr, usize>,
    total: usize,
}

/// Counts connections by address and wraps each in its idle deadline, before the inner acceptor
/// (TLS, or none) sees it.
#[derive(Clone)]
pub struct EdgeAcceptor<A> {
    inner: A,
    limits: Limits,
    counts: Arc<Mutex<Counts>>,
}

impl<A> EdgeAcceptor<A> {
    pub fn new(inner: A, limits: Limits) -> EdgeAcceptor<A> {
        EdgeAcceptor { inner, limits, counts: Arc::default() }
    }
}

impl<A, S> Accept<TcpStream, S> for EdgeAcceptor<A>
where
    A: Accept<Guarded, S> + Clone + Send + 'static,
    A::Future: Send,
    S: Send + 'static,
{
    type Stream = A::Stream;
    type Service = A::Service;
    type Future = Pin<Box<dyn Future<Output = io::Result<(Self::Stream, Self::Service)>> + Send>>;

    fn accept(&self, stream: TcpStream, service: S) -> Self::Future {
        let admitted = admit(&self.counts, &self.limits, &stream);
        let inner = self.inner.clone();
        let idle = self.limits.idle;
        let first = self.limits.header;
        Box::pin(async move {
            let slot = admitted?;
            inner.accept(Guarded::new(stream, slot, first, idle), service).await
        })
    }
}

/// Takes a slot for the connection's address, or refuses it (the stream is then dropped: closed).
fn admit(counts: &Arc<Mutex<Counts>>, limits: &Limits, stream: &TcpStream) -> io::Result<Slot> {
    let address = stream.peer_addr()?.ip();
    let mut c = counts.lock().unwrap_or_else(|e| e.into_inner());
    let held = c.by_address.get(&address).copied().unwrap_or(0);
    if held >= limits.per_address || c.total >= limits.total {
        return Err(io::Error::new(io::ErrorKind::ConnectionRefused, "connection cap reached"));
    }
    c.by_address.insert(address, held + 1);
    c.total += 1;
    Ok(Slot { counts: counts.clone(), address })
}

/// A connection's place in the counts, given back when the connection ends.
struct Slot {
    counts: Arc<Mutex<Counts>>,
    address: IpAddr,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut c = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                c.by_address.remove(&self.address);
            }
        }
    }
}

/// A TCP stream with deadlines: reading fails with `TimedOut` when nothing arrived within the
/// first deadline of a new connection, or nothing was read or written for the idle time since.
pub struct Guarded {
    stream: TcpStream,
    _slot: Slot,
    idle: Duration,
    deadline: Pin<Box<Sleep>>,
}

impl Guarded {
    fn new(stream: TcpStream, slot: Slot, first: Duration, idle: Duration) -> Guarded {
        Guarded { stream, _slot: slot, idle, deadline: Box::pin(tokio::time::sleep(first)) }
    }

    fn active(&mut self) {
        self.deadline.as_mut().reset(Instant::now() + self.idle);
    }
}

impl AsyncRead for Guarded {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        match Pin::new(&mut self.stream).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    self.active();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match self.deadline.as_mut().poll(cx) {
                Poll::Ready(()) => Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, "idle connection"))),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write(cx, data);
        if matches!(written, Poll::Ready(Ok(n)) if n > 0) {
            self.active();
        }
        written
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}
