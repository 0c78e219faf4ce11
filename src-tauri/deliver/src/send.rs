//! Sending one claimed delivery to its target, and recording how it ended before returning:
//! delivered; a passing trouble → tried again after a backoff; anything else → stopped, with the
//! reason in both languages, until the user retries. No target gets more than
//! [`MAX_FAILURES_PER_HOUR`] failed attempts an hour from this library.

use std::collections::HashMap;
use std::time::Duration;

use qalam_core::backoff;
use qalam_core::dates::now_ms;
use qalam_core::library::{Delivery, Destination, Library, Target};
use qalam_core::package::deliverable::{open_deliverable, Opened};
use qalam_core::package::manifest::NINJS_PATH;

use crate::error::DeliverError;
use crate::wordpress::check::PLUGIN_NAMESPACE;
use crate::wordpress::client::WpClient;
use crate::wordpress::deliver::{deliver as deliver_to_wordpress, Site};
use crate::{folder, http, secret, webhook};

/// A failing target is asked at most this often an hour, whatever the backoff says.
pub const MAX_FAILURES_PER_HOUR: i64 = 20;

/// Told each step of a delivery as it starts (`start`, `picture 2/3`, `post`).
pub type Progress = Box<dyn Fn(&Delivery, &str) + Send + Sync>;

/// What a delivery came to.
#[derive(Debug)]
pub enum Sent {
    Delivered {
        remote_id: String,
        url: Option<String>,
    },
    /// A passing trouble: it stays queued, due again at `retry_at`.
    Later {
        error: DeliverError,
        retry_at: i64,
    },
    /// Stopped until the user acts.
    Failed(DeliverError),
}

/// What a run keeps between deliveries: one client per site, term ids found.
pub struct Sender {
    timeout: Duration,
    sites: HashMap<String, (WpClient, bool)>,
    terms: HashMap<String, HashMap<(&'static str, String), u64>>,
    progress: Progress,
}

impl Sender {
    pub fn new(progress: Progress) -> Sender {
        Sender::with_timeout(http::REQUEST_TIMEOUT, progress)
    }

    /// `timeout`: how long one request may take (a site that stalls longer is a passing trouble).
    pub fn with_timeout(timeout: Duration, progress: Progress) -> Sender {
        Sender { timeout, sites: HashMap::new(), terms: HashMap::new(), progress }
    }

    /// Sends `delivery` (claimed by the caller) and records its end.
    pub async fn send(&mut self, library: &mut Library, delivery: &Delivery) -> Result<Sent, DeliverError> {
        let (failures, oldest) = library.failures_in_last_hour(&delivery.target)?;
        if failures >= MAX_FAILURES_PER_HOUR {
            let error = DeliverError::Ceiling { target: delivery.target.clone() };
            let retry_at = oldest.unwrap_or_else(now_ms) + 3_600_000;
            library.delivery_wait(delivery.id, &error.stored(), retry_at)?;
            return Ok(Sent::Later { error, retry_at });
        }
        let timeout = self.timeout;
        let outcome = self.try_send(library, delivery).await.map_err(|e| e.within(timeout));
        Ok(match outcome {
            Ok((remote_id, url)) => {
                library.delivery_done(delivery.id, &remote_id, url.as_deref())?;
                Sent::Delivered { remote_id, url }
            }
            Err(error) if error.is_passing() => {
                let retry_at = now_ms() + backoff::delay_ms(delivery.attempts, backoff::jitter());
                library.delivery_retry_later(delivery.id, &error.stored(), retry_at)?;
                // A failed site is asked afresh next time (it may have been restarted or moved).
                self.sites.remove(&delivery.target);
                Sent::Later { error, retry_at }
            }
            Err(error) => {
                library.delivery_failed(delivery.id, &error.stored())?;
                self.sites.remove(&delivery.target);
                Sent::Failed(error)
            }
        })
    }

    async fn try_send(
        &mut self,
        library: &mut Library,
        delivery: &Delivery,
    ) -> Result<(String, Option<String>), DeliverError> {
        let target = library
            .target(&delivery.target)?
            .ok_or_else(|| DeliverError::NoTarget { name: delivery.target.clone() })?;
        let zip = library.delivery_package(delivery.id)?;
        let opened = open_deliverable(&zip)?;
        (self.progress)(delivery, "start");
        match &target.destination {
            Destination::Wordpress { .. } => self.send_to_wordpress(library, &target, delivery, &opened).await,
            Destination::Folder { folder: dir } => {
                let path = folder::deliver(dir, &delivery.title, delivery.revision, &zip)?;
                Ok((path.clone(), Some(path)))
            }
            Destination::Webhook { url } => {
                let key = secret::load(&target.name, url)?;
                let ninjs =
                    opened.files.iter().find(|(p, _)| p == NINJS_PATH).map(|(_, b)| b.as_slice()).unwrap_or(b"{}");
                let client = http::client(self.timeout)?;
                let name = delivery_name(delivery);
                webhook::deliver(&client, url, &key, &name, ninjs).await?;
                Ok((name, None))
            }
        }
    }

    async fn send_to_wordpress(
        &mut self,
        library: &mut Library,
        target: &Target,
        delivery: &Delivery,
        opened: &Opened,
    ) -> Result<(String, Option<String>), DeliverError> {
        if !self.sites.contains_key(&target.name) {
            let Destination::Wordpress { url, user } = &target.destination else {
                unreachable!("only a WordPress target is sent to WordPress")
            };
            let password = secret::load(&target.name, url)?;
            let mut client = WpClient::new(url, user, password, self.timeout)?;
            let has_plugin = client.discover().await?.iter().any(|n| n == PLUGIN_NAMESPACE);
            self.sites.insert(target.name.clone(), (client, has_plugin));
        }
        let (client, has_plugin) = self.sites.get(&target.name).expect("just connected");
        let terms = self.terms.entry(target.name.clone()).or_default();
        let progress = &self.progress;
        let mut site = Site { client, has_plugin: *has_plugin, terms, progress: &|step| progress(delivery, step) };
        let done = deliver_to_wordpress(library, target, &mut site, delivery, opened).await?;
        Ok((done.post_id.to_string(), Some(done.link)))
    }
}

/// The name a webhook receiver sees for a delivery: the same on every retry of it.
pub fn delivery_name(delivery: &Delivery) -> String {
    format!("{}-r{}-d{}", delivery.article_id, delivery.revision, delivery.id)
}
