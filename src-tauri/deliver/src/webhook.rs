//! A webhook target: the story's ninjs document POSTed to a URL, signed so the receiver knows it
//! came from this newsroom: `X-Qalam-Signature: sha256=HEX`, HMAC-SHA256 of the body with the
//! target's key. `X-Qalam-Delivery` names the delivery; a retry carries the same name, so a
//! receiver that saw it already can answer 2xx and drop it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::DeliverError;
use crate::http;

pub const SIGNATURE_HEADER: &str = "X-Qalam-Signature";
pub const DELIVERY_HEADER: &str = "X-Qalam-Delivery";

pub fn signature(key: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    format!("sha256={}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

pub async fn deliver(
    client: &reqwest::Client,
    url: &str,
    key: &str,
    delivery_name: &str,
    ninjs: &[u8],
) -> Result<(), DeliverError> {
    let request = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(DELIVERY_HEADER, delivery_name)
        .header(SIGNATURE_HEADER, signature(key.as_bytes(), ninjs))
        .body(ninjs.to_vec());
    http::checked(http::sent(request.send().await)?).await.map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_rfc_4231s_hmac_sha256() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature(b"Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }
}
