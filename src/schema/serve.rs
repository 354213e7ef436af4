//! `/api/schema/` (OpenAPI), `/api/schema/asyncapi/` (the sockets) and
//! `/api/schema/docs/` (Swagger UI over the first), as drf-spectacular serves them:
//! YAML unless `?format=json` or an `Accept` that names JSON first asks for JSON.

use crate::http::accept;
use crate::http::error::{ApiError, ApiResult};
use crate::http::request::Request;
use crate::schema::{asyncapi, openapi, yaml};
use crate::web::pages;
use serde_json::Value;
use std::sync::OnceLock;
use warp::http::header;
use warp::reply::Response;

/// The OpenAPI document, written once as JSON and as YAML: building it takes about 5 ms
/// (release build), too much to spend on each request to a public URL.
pub fn openapi(req: &Request) -> ApiResult<Response> {
    static WRITTEN: OnceLock<(String, String)> = OnceLock::new();
    let json = wants_json(req)?;
    let (as_json, as_yaml) = WRITTEN.get_or_init(|| {
        let document = openapi::document();
        (document.to_string(), yaml::to_yaml(&document))
    });
    Ok(written(if json { as_json } else { as_yaml }.clone(), json))
}

/// The AsyncAPI document.
pub fn asyncapi(req: &Request) -> ApiResult<Response> {
    let json = wants_json(req)?;
    Ok(render(&asyncapi::document(&req.base_url()), json))
}

/// Swagger UI's page (its script reads `/api/schema/?format=json`).
pub fn docs(req: &Request) -> ApiResult<Response> {
    pages::static_asset("swagger-ui/index.html", req)
}

/// `?format=json` or `yaml` (DRF's `URL_FORMAT_OVERRIDE`, an unknown one its 404), else
/// JSON for a client whose `Accept` puts JSON before YAML.
fn wants_json(req: &Request) -> ApiResult<bool> {
    match accept::format_asked(&req.query).as_deref() {
        Some("json" | "openapi-json") => Ok(true),
        Some("yaml" | "openapi") => Ok(false),
        Some(_) => Err(ApiError::not_found()),
        None => Ok(accept::accepts_json_first(&req.headers)),
    }
}

fn render(document: &Value, json: bool) -> Response {
    let body = if json {
        document.to_string()
    } else {
        yaml::to_yaml(document)
    };
    written(body, json)
}

fn written(body: String, json: bool) -> Response {
    let content_type = if json {
        "application/vnd.oai.openapi+json; charset=utf-8"
    } else {
        "application/vnd.oai.openapi; charset=utf-8"
    };
    let mut response = crate::http::reply::plain(body.into_bytes(), content_type);
    response
        .headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("Accept"));
    response
}
