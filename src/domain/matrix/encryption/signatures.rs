//! Checking the ed25519 signatures Matrix apps put on the keys they publish, as the
//! specification's appendix says (signing JSON): the object without `signatures` and
//! `unsigned`, written as canonical JSON, verified with the signer's public key. natter
//! never signs and never reads a key's meaning; it checks a signature only to decide
//! whether it is kept (`domain::matrix::encryption::keys`), so that made-up ones are not handed to
//! everyone who queries the keys.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use ed25519_dalek::{Signature, VerifyingKey};
use serde_json::{Map, Value};

/// Matrix writes keys and signatures in unpadded standard base64; a padded one is read
/// too, since the bytes are the same.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An ed25519 public key as Matrix writes it (base64), if it is one.
pub fn public_key(text: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = BASE64.decode(text).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}

/// The one key of a cross-signing key (`{"keys": {"ed25519:<public>": "<public>"}}`):
/// its key id, as signatures name it, and the public key. `None` when it holds no key,
/// more than one, or one that is no ed25519 key.
pub fn cross_signing_key(key: &Map<String, Value>) -> Option<(String, VerifyingKey)> {
    let keys = key.get("keys")?.as_object()?;
    if keys.len() != 1 {
        return None;
    }
    let (id, public) = keys.iter().next()?;
    if !id.starts_with("ed25519:") {
        return None;
    }
    Some((id.clone(), public_key(public.as_str()?)?))
}

/// The bytes a signature signs: `object` without `signatures` and `unsigned`, as
/// canonical JSON. `None` when the object holds a number canonical JSON does not allow
/// (a fraction, or an integer past 2^53), which no key of an app's holds.
pub fn signed_bytes(object: &Map<String, Value>) -> Option<String> {
    let mut out = String::new();
    out.push('{');
    let mut first = true;
    for (key, value) in sorted(object) {
        if key == "signatures" || key == "unsigned" {
            continue;
        }
        if !first {
            out.push(',');
        }
        first = false;
        write_string(key, &mut out);
        out.push(':');
        write_canonical(value, &mut out)?;
    }
    out.push('}');
    Some(out)
}

/// An object's members in canonical order: by the code points of their keys, which is
/// the order of their UTF-8 bytes. serde_json keeps insertion order here
/// (`preserve_order` is on), so they are sorted by hand.
fn sorted(object: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut members: Vec<(&String, &Value)> = object.iter().collect();
    members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    members
}

/// Canonical JSON's largest integer (and its negative's): the largest an IEEE double
/// holds exactly, which the specification takes for every implementation's sake.
const MAX_CANONICAL_INT: u64 = (1 << 53) - 1;

/// Writes `value` as canonical JSON: no spaces, keys sorted, integers only. serde_json
/// escapes strings as canonical JSON asks (only `"`, `\` and control characters, with
/// the short escapes where there are some and lowercase `\u00xx` otherwise; everything
/// else as UTF-8).
fn write_canonical(value: &Value, out: &mut String) -> Option<()> {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let fits = match (n.as_i64(), n.as_u64()) {
                (_, Some(u)) => u <= MAX_CANONICAL_INT,
                (Some(i), None) => i.unsigned_abs() <= MAX_CANONICAL_INT,
                (None, None) => false,
            };
            if !fits {
                return None;
            }
            out.push_str(&n.to_string());
        }
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out)?;
            }
            out.push(']');
        }
        Value::Object(object) => {
            out.push('{');
            for (i, (key, value)) in sorted(object).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(key, out);
                out.push(':');
                write_canonical(value, out)?;
            }
            out.push('}');
        }
    }
    Some(())
}

fn write_string(s: &str, out: &mut String) {
    // Writing a string into JSON cannot fail; the fallback keeps a wrong answer from
    // ever being a verified one (an empty string never matches a signed object).
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

/// Whether `object` carries a valid signature by `signer`'s key `key_id` (as
/// `ed25519:<name>`), made with `public`.
pub fn verify(
    object: &Map<String, Value>,
    signer: &str,
    key_id: &str,
    public: &VerifyingKey,
) -> bool {
    let Some(signature) = object
        .get("signatures")
        .and_then(|s| s.get(signer))
        .and_then(|s| s.get(key_id))
        .and_then(Value::as_str)
    else {
        return false;
    };
    verify_signature(object, signature, public)
}

/// Whether `signature` (base64) is `public`'s signature on `object`.
pub fn verify_signature(
    object: &Map<String, Value>,
    signature: &str,
    public: &VerifyingKey,
) -> bool {
    let Some(bytes) = BASE64
        .decode(signature)
        .ok()
        .and_then(|b| <[u8; 64]>::try_from(b).ok())
    else {
        return false;
    };
    let Some(signed) = signed_bytes(object) else {
        return false;
    };
    // Strict: no small-order key or point, and the scalar reduced, as libsodium (which
    // Synapse's checks use) and vodozemac (which the apps sign with) check.
    public
        .verify_strict(signed.as_bytes(), &Signature::from_bytes(&bytes))
        .is_ok()
}

/// Whether two copies of a key are the same key: equal but for their signatures (and
/// `unsigned`), as Synapse compares a signed key with the one it keeps.
pub fn same_key(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    let bare = |m: &Map<String, Value>| -> Vec<(String, Value)> {
        let mut v: Vec<(String, Value)> = m
            .iter()
            .filter(|(k, _)| *k != "signatures" && *k != "unsigned")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    };
    bare(a) == bare(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn canonical_json_sorts_keys_and_leaves_out_signatures() {
        let o = object(json!({
            "b": 1, "a": {"z": [1, "é\n\u{1}"], "y": null}, "signatures": {"x": 1}, "unsigned": {},
        }));
        assert_eq!(
            signed_bytes(&o).as_deref(),
            Some("{\"a\":{\"y\":null,\"z\":[1,\"é\\n\\u0001\"]},\"b\":1}")
        );
        assert_eq!(signed_bytes(&object(json!({"f": 1.5}))), None);
        assert_eq!(signed_bytes(&object(json!({"n": 1u64 << 60}))), None);
    }

    #[test]
    fn the_specifications_examples_verify() {
        // The appendix's examples (signing JSON), made with the key of seed
        // YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1, and one more made by Synapse's
        // signedjson with escapes and a non-ASCII key.
        let public = public_key("XGX0JRS2Af3be3knz2fBiRbApjm2Dh61gXDJA8kcJNI").expect("key");
        let cases = [
            (json!({}), "K8280/U9SSy9IVtjBuVeLr+HpOB4BQFWbg+UZaADMtTdGYI7Geitb76LTrr5QV/7Xg4ahLwYGYZzuHGZKM5ZAQ"),
            (json!({"one": 1, "two": "Two"}), "KqmLSbO39/Bzb0QIYE82zqLwsA+PDzYIpIRA2sRQ4sL53+sN6/fpNSoqE7BP7vBZhG6kYdD13EIMJpvhJI+6Bw"),
            (json!({"é": "\u{1}\n", "a": [1, {"b": null}]}), "GCyB2NTS/BCaTCf9aNqzbFVDipjSNcxHQUR6i3cIJaxAI3S3PH5zpYxs7I9gPiZUmGmGuzlRrfTquNp33KoPCQ"),
        ];
        for (value, signature) in cases {
            let mut o = object(value);
            o.insert(
                "signatures".into(),
                json!({"domain": {"ed25519:1": signature}}),
            );
            o.insert("unsigned".into(), json!({"age_ts": 1}));
            assert!(verify(&o, "domain", "ed25519:1", &public), "{o:?}");
            assert!(!verify(&o, "domain", "ed25519:2", &public));
            o.insert("more".into(), json!(1));
            assert!(!verify(&o, "domain", "ed25519:1", &public));
        }
    }
}
