//! The server's VAPID identity (RFC 8292): one P-256 key, made by `ring` on first start
//! and kept (PKCS#8) in `settings`, so every node of one database signs alike and a
//! browser's subscription outlives restarts. Each push carries
//! `Authorization: vapid t=<ES256 JWT>, k=<public key>`; the JWT is jsonwebtoken's.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use ring::rand::SystemRandom;
use ring::signature::{EcdsaKeyPair, KeyPair, ECDSA_P256_SHA256_FIXED_SIGNING};
use serde::Serialize;

/// How long a signed JWT is valid: push services refuse more than 24 hours.
const VALID_SECS: i64 = 12 * 60 * 60;

/// The key pair and what is derived from it once.
pub struct VapidKey {
    signing: EncodingKey,
    /// The public key as browsers take it (`applicationServerKey`): the uncompressed
    /// point, base64url without padding.
    public: String,
}

#[derive(Serialize)]
struct Claims<'a> {
    aud: &'a str,
    exp: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<&'a str>,
}

impl VapidKey {
    /// A new private key, PKCS#8 DER, base64url: what `settings` keeps.
    pub fn generate() -> Result<String, String> {
        let doc =
            EcdsaKeyPair::generate_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &SystemRandom::new())
                .map_err(|_| "cannot make a VAPID key".to_string())?;
        Ok(URL_SAFE_NO_PAD.encode(doc.as_ref()))
    }

    /// The key kept as [`VapidKey::generate`] wrote it.
    pub fn from_stored(stored: &str) -> Result<VapidKey, String> {
        let der = URL_SAFE_NO_PAD
            .decode(stored.trim())
            .map_err(|_| "the stored VAPID key is not base64url".to_string())?;
        let pair =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, &der, &SystemRandom::new())
                .map_err(|_| "the stored VAPID key is not a P-256 PKCS#8 key".to_string())?;
        Ok(VapidKey {
            public: URL_SAFE_NO_PAD.encode(pair.public_key().as_ref()),
            signing: EncodingKey::from_ec_der(&der),
        })
    }

    /// The public key, base64url (`applicationServerKey`, and `k=` of every push).
    pub fn public_key(&self) -> &str {
        &self.public
    }

    /// The `Authorization` header for a push to `origin` (the endpoint's scheme, host
    /// and port), naming `contact` as the `sub` when the operator gave one.
    pub fn authorization(&self, origin: &str, contact: Option<&str>) -> Result<String, String> {
        let claims = Claims {
            aud: origin,
            exp: chrono::Utc::now().timestamp() + VALID_SECS,
            sub: contact,
        };
        let jwt = jsonwebtoken::encode(&Header::new(Algorithm::ES256), &claims, &self.signing)
            .map_err(|e| format!("cannot sign the VAPID token: {e}"))?;
        Ok(format!("vapid t={jwt}, k={}", self.public))
    }
}
