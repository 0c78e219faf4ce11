//! "Something changed": each instance LISTENs on one PostgreSQL connection for the desk's
//! notifications (a push sends `pg_notify('qalam_desk', seq)` as it commits) and fans them out
//! to the laptops connected to it as server-sent events. A notification is only a hint — the
//! number of the change — and the laptop pulls what it may see; one missed while disconnected is
//! caught up by cursor, so losing some costs nothing but a little delay.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;
use tokio_postgres::AsyncMessage;

use super::AppState;
use crate::store::people::Caller;

pub const CHANNEL: &str = "qalam_desk";

/// How often an open change stream looks its device up again.
const RECHECK: Duration = Duration::from_secs(15);

/// Keeps one LISTEN connection open for the life of the process, reconnecting with a growing
/// pause after a loss; after each (re)connection every subscriber is told to catch up.
pub async fn listen(config: tokio_postgres::Config, tx: broadcast::Sender<i64>) {
    let mut pause = Duration::from_millis(200);
    loop {
        match config.connect(tokio_postgres::NoTls).await {
            Ok((client, mut connection)) => {
                let mut messages = stream::poll_fn(move |cx| connection.poll_message(cx));
                let listening = async {
                    client.batch_execute(&format!("LISTEN {CHANNEL}")).await?;
                    Ok::<_, tokio_postgres::Error>(())
                };
                // The connection must be polled for LISTEN to complete.
                let mut listening = std::pin::pin!(listening);
                let mut ready = false;
                loop {
                    tokio::select! {
                        done = &mut listening, if !ready => {
                            if done.is_err() { break; }
                            ready = true;
                            pause = Duration::from_millis(200);
                            // Whatever was sent while nobody listened: pull.
                            let _ = tx.send(0);
                        }
                        message = messages.next() => match message {
                            Some(Ok(AsyncMessage::Notification(n))) => {
                                let _ = tx.send(n.payload().parse().unwrap_or(0));
                            }
                            Some(Ok(_)) => {}
                            Some(Err(_)) | None => break,
                        }
                    }
                }
            }
            Err(e) => eprintln!("qalam-desk: listening for changes: {}", crate::error::db_detail(&e)),
        }
        tokio::time::sleep(pause).await;
        pause = (pause * 2).min(Duration::from_secs(10));
    }
}

/// `GET /v1/changes`: a `change` event with the change's number whenever the desk changes.
#[utoipa::path(get, path = "/v1/changes", security(("device" = [])),
    responses((status = 200, content_type = "text/event-stream", description = "`change` events; data: the change's number (0: catch up)"),
        (status = 401, body = qalam_desk_api::ApiError)))]
pub async fn changes(
    State(state): State<AppState>,
    caller: Caller,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = state.changes.subscribe();
    let hello = stream::once(async { Ok(Event::default().event("change").data("0")) });
    // The device is looked up again every so often: a stream opened before its device was revoked
    // (or its person removed) ends then, as a new request would be refused.
    let check = tokio::time::interval_at(tokio::time::Instant::now() + RECHECK, RECHECK);
    let watching = (rx, check, state.pool.clone(), caller.device_id);
    let updates = stream::unfold(watching, |(mut rx, mut check, pool, device)| async move {
        loop {
            tokio::select! {
                received = rx.recv() => match received {
                    Ok(seq) => {
                        let event = Event::default().event("change").data(seq.to_string());
                        return Some((Ok(event), (rx, check, pool, device)));
                    }
                    // Fell behind: one catch-up is as good as the many missed.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        let event = Event::default().event("change").data("0");
                        return Some((Ok(event), (rx, check, pool, device)));
                    }
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = check.tick() => {
                    let active = match pool.get().await {
                        Ok(db) => crate::store::people::device_active(&db, device).await.unwrap_or(true),
                        Err(_) => true,
                    };
                    if !active {
                        return None;
                    }
                }
            }
        }
    });
    Sse::new(hello.chain(updates)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}
