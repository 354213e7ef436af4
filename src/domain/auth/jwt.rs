//! simplejwt-compatible HS256 tokens: the accounts surfaces' access and refresh JWTs,
//! signed and checked by `jsonwebtoken` (the crate that also signs Web Push's VAPID JWT).

use crate::domain::error::{Error, Result};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

/// simplejwt's claims.
#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// `access` or `refresh`: one is never taken for the other.
    pub token_type: String,
    /// Unix second from which the token is dead.
    pub exp: i64,
    /// Unix second it was minted.
    pub iat: i64,
    /// Random id, as simplejwt's (nothing keeps a list of them).
    pub jti: String,
    /// Whom it names.
    pub user_id: i64,
    /// natter's own claim: the user's `credentials_epoch` when it was minted; a token of
    /// an older epoch is refused. Absent (0) in tokens minted before it existed.
    #[serde(default)]
    pub epoch: i64,
}

/// Signs claims as an HS256 JWT (header `alg` HS256, `typ` JWT).
pub fn encode_jwt(secret: &[u8], claims: &Claims) -> Result<String> {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .map_err(|e| Error::Internal(format!("jwt: {e}")))
}

/// Verifies an HS256 JWT's signature, expiry and type; returns its claims. Any other
/// algorithm (`none` included) is refused, and there is no leeway: a token is dead from
/// its `exp` second on, as simplejwt has it (jsonwebtoken alone would still take it
/// during that second, hence the check after decoding).
pub fn decode_jwt(secret: &[u8], token: &str, expected_type: &str) -> Option<Claims> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    let claims =
        jsonwebtoken::decode::<Claims>(token, &DecodingKey::from_secret(secret), &validation)
            .ok()?
            .claims;
    if claims.token_type != expected_type || claims.exp <= chrono::Utc::now().timestamp() {
        return None;
    }
    Some(claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    use hmac::{Hmac, Mac};
    use sha2::Sha256;

    const KEY: &[u8] = b"the server's secret";

    fn claims(token_type: &str, exp_in: i64) -> Claims {
        let now = chrono::Utc::now().timestamp();
        Claims {
            token_type: token_type.into(),
            exp: now + exp_in,
            iat: now,
            jti: "0123456789abcdef".into(),
            user_id: 7,
            epoch: 3,
        }
    }

    /// A token assembled by hand, as natter signed them before `jsonwebtoken` did.
    fn by_hand(secret: &[u8], header: &str, payload: &str) -> String {
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(payload)
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    fn header_and_payload(token: &str) -> (serde_json::Value, serde_json::Value) {
        let mut parts = token.split('.');
        let mut next = || -> serde_json::Value {
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts.next().unwrap()).unwrap()).unwrap()
        };
        (next(), next())
    }

    #[test]
    fn round_trip_keeps_header_and_claim_names() {
        let token = encode_jwt(KEY, &claims("access", 300)).unwrap();
        assert_eq!(token.split('.').count(), 3);
        let (header, payload) = header_and_payload(&token);
        assert_eq!(header, serde_json::json!({"alg": "HS256", "typ": "JWT"}));
        let mut names: Vec<_> = payload.as_object().unwrap().keys().cloned().collect();
        names.sort();
        assert_eq!(
            names,
            ["epoch", "exp", "iat", "jti", "token_type", "user_id"]
        );
        let back = decode_jwt(KEY, &token, "access").unwrap();
        assert_eq!((back.user_id, back.epoch), (7, 3));
    }

    #[test]
    fn tokens_signed_before_still_verify() {
        let c = claims("refresh", 300);
        let payload = serde_json::to_string(&c).unwrap();
        let token = by_hand(KEY, r#"{"alg":"HS256","typ":"JWT"}"#, &payload);
        assert_eq!(decode_jwt(KEY, &token, "refresh").unwrap().jti, c.jti);
        let no_epoch = format!(
            r#"{{"token_type":"access","exp":{},"iat":{},"jti":"x","user_id":7}}"#,
            c.exp, c.iat
        );
        let token = by_hand(KEY, r#"{"alg":"HS256","typ":"JWT"}"#, &no_epoch);
        assert_eq!(decode_jwt(KEY, &token, "access").unwrap().epoch, 0);
    }

    #[test]
    fn wrong_type_is_refused() {
        let token = encode_jwt(KEY, &claims("access", 300)).unwrap();
        assert!(decode_jwt(KEY, &token, "refresh").is_none());
    }

    #[test]
    fn another_key_is_refused() {
        let token = encode_jwt(b"someone else's secret", &claims("access", 300)).unwrap();
        assert!(decode_jwt(KEY, &token, "access").is_none());
    }

    #[test]
    fn tampered_payload_is_refused() {
        let token = encode_jwt(KEY, &claims("access", 300)).unwrap();
        let mut forged = claims("access", 300);
        forged.user_id = 1;
        let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&forged).unwrap());
        let parts: Vec<_> = token.split('.').collect();
        let tampered = format!("{}.{forged_payload}.{}", parts[0], parts[2]);
        assert!(decode_jwt(KEY, &tampered, "access").is_none());
    }

    #[test]
    fn alg_none_and_other_algorithms_are_refused() {
        let payload = serde_json::to_string(&claims("access", 300)).unwrap();
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
            URL_SAFE_NO_PAD.encode(&payload)
        );
        assert!(decode_jwt(KEY, &none, "access").is_none());
        // HS512 signed with the right key is still not HS256.
        let hs512 = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &claims("access", 300),
            &EncodingKey::from_secret(KEY),
        )
        .unwrap();
        assert!(decode_jwt(KEY, &hs512, "access").is_none());
        // Nor does an HS256 signature pass under a header that names another algorithm.
        let relabelled = by_hand(KEY, r#"{"alg":"HS384","typ":"JWT"}"#, &payload);
        assert!(decode_jwt(KEY, &relabelled, "access").is_none());
    }

    #[test]
    fn expired_is_refused_without_leeway() {
        for exp_in in [0, -1, -30] {
            let token = encode_jwt(KEY, &claims("access", exp_in)).unwrap();
            assert!(decode_jwt(KEY, &token, "access").is_none(), "exp {exp_in}");
        }
    }

    #[test]
    fn malformed_tokens_are_refused() {
        let token = encode_jwt(KEY, &claims("access", 300)).unwrap();
        for bad in [
            "",
            "a.b",
            "a.b.c.d",
            &format!("{token}.extra"),
            &token[..token.len() - 2],
        ] {
            assert!(decode_jwt(KEY, bad, "access").is_none(), "{bad}");
        }
    }
}
