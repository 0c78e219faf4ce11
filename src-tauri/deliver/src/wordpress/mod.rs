//! WordPress through its REST API: [`client`] (the calls), [`deliver`] (exactly once),
//! [`check`] (what `target test` reports).

pub mod check;
pub mod client;
pub mod deliver;
