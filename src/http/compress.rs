//! Compressed answers: which encoding a client accepts
//! (`Accept-Encoding`, q-values honoured, `q=0` refuses), and compressing a JSON answer
//! that is large enough to be worth it. The web client's files are compressed once, in
//! `web::static_files`; this is the per-request half.

use bytes::Bytes;
use http_body_util::BodyExt;
use std::io::Write;
use std::sync::Arc;
use warp::http::{header, HeaderMap, HeaderValue};
use warp::reply::Response;

/// A JSON answer shorter than this is sent as it is (docs/benchmarks.md, "What each
/// feature costs on the hot path"): compressing costs about 18 us per answer plus 2.3 us per KB (`natter-bench
/// history --accept-encoding`: a 6 KB page 70 -> 102-108 us of server CPU, a 30 KB page
/// 85 -> 141-154 us), which an answer of a few packets (a message, a chat, a login) does
/// not win back, while a page of history comes back 5 to 40 times smaller.
pub const JSON_THRESHOLD: usize = 4096;

/// An encoding natter writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// Its `Content-Encoding` token.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }
}

/// The encoding to answer in, from the request's `Accept-Encoding`: brotli when it is
/// accepted (smaller), else gzip, else none. `*` accepts both; `q=0` refuses.
pub fn choose(headers: &HeaderMap) -> Option<Encoding> {
    let mut br = None;
    let mut gzip = None;
    let mut star = None;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next_back()
                .unwrap_or(1.0);
            let accepted = q > 0.0;
            match name.as_str() {
                "br" => br = Some(accepted),
                "gzip" | "x-gzip" => gzip = Some(accepted),
                "*" => star = Some(accepted),
                _ => {}
            }
        }
    }
    if br.or(star) == Some(true) {
        Some(Encoding::Brotli)
    } else if gzip.or(star) == Some(true) {
        Some(Encoding::Gzip)
    } else {
        None
    }
}

/// `bytes` in `encoding`; `best`: as small as it gets (files compressed once), else fast
/// (answers compressed per request: brotli 1 and gzip 1 took 60-70 us of CPU off a 30 KB
/// page against brotli 4 and gzip 3, for 10-15 % more bytes).
pub fn compress(encoding: Encoding, bytes: &[u8], best: bool) -> Vec<u8> {
    match encoding {
        Encoding::Brotli => {
            let quality = if best { 11 } else { 1 };
            let mut out = Vec::with_capacity(bytes.len() / 3);
            {
                let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
                // Writing to a Vec cannot fail.
                let _ = writer.write_all(bytes);
            }
            out
        }
        Encoding::Gzip => {
            let level = if best { 9 } else { 1 };
            let mut writer = flate2::write::GzEncoder::new(
                Vec::with_capacity(bytes.len() / 3),
                flate2::Compression::new(level),
            );
            let _ = writer.write_all(bytes);
            writer.finish().unwrap_or_default()
        }
    }
}

/// The compressed forms of a JSON answer kept elsewhere (a ready page keeps its own,
/// made once), put in the answer's extensions: [`json_answer`] takes them instead of
/// compressing the same bytes again for every request.
#[derive(Clone)]
pub struct KeptForms(pub Arc<dyn Fn(Encoding) -> Bytes + Send + Sync>);

/// Adds `Vary: Accept-Encoding`, so a cache in between keeps one copy per encoding.
pub fn vary(response: &mut Response) {
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept-encoding"));
}

/// `response` compressed in `encoding` when it is JSON of at least [`JSON_THRESHOLD`]
/// bytes and not encoded already; else as it was. Every JSON answer that large says it
/// varies by `Accept-Encoding` (a smaller one is the same for every client).
pub async fn json_answer(response: Response, encoding: Option<Encoding>) -> Response {
    let is_json = super::reply::is_json(response.headers());
    if !is_json || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let size = hyper::body::Body::size_hint(response.body()).exact();
    if size.is_none_or(|n| (n as usize) < JSON_THRESHOLD) {
        // Never compressed, whatever the client accepts: nothing varies.
        return response;
    }
    let mut response = response;
    vary(&mut response);
    let Some(encoding) = encoding else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    if let Some(KeptForms(form)) = parts.extensions.remove::<KeptForms>() {
        let packed = form(encoding);
        parts.headers.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static(encoding.token()),
        );
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, packed.into());
    }
    let Ok(collected) = body.collect().await else {
        return Response::from_parts(parts, Default::default());
    };
    let plain: Bytes = collected.to_bytes();
    let packed = compress(encoding, &plain, false);
    parts.headers.insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static(encoding.token()),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, packed.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> Option<Encoding> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        choose(&headers)
    }

    #[test]
    fn the_client_chooses_and_q0_refuses() {
        assert_eq!(choose(&HeaderMap::new()), None);
        assert_eq!(accepting("gzip, deflate, br"), Some(Encoding::Brotli));
        assert_eq!(accepting("gzip"), Some(Encoding::Gzip));
        assert_eq!(accepting("br;q=0, gzip;q=0.5"), Some(Encoding::Gzip));
        assert_eq!(accepting("identity"), None);
        assert_eq!(accepting("*"), Some(Encoding::Brotli));
        assert_eq!(accepting("*;q=0, gzip"), Some(Encoding::Gzip));
        assert_eq!(accepting("gzip;q=0"), None);
    }

    #[test]
    fn both_encodings_round_trip() {
        use std::io::Read;
        let text = "natter ".repeat(1000);
        let gz = compress(Encoding::Gzip, text.as_bytes(), false);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let br = compress(Encoding::Brotli, text.as_bytes(), true);
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text.as_bytes());
        assert!(
            br.len() < 100 && gz.len() < 200,
            "{} {}",
            br.len(),
            gz.len()
        );
    }
}
