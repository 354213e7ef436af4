//! The OpenAPI 3.1 document: every HTTP kind of route, its path from the kinds list,
//! its operations from its description, and what its row in the route table says
//! (credentials, the errors every route of the row can give, their shape).

use crate::http::reply::ErrorStyle;
use crate::routing::routes::{lookup, Row};
use crate::schema::doc::{Answer, Body, Content, Doc, Op};
use crate::schema::errors::{error_schema, row_errors, signed_in};
use crate::schema::kinds::RouteKind;
use crate::schema::{components, describe};
use serde_json::{json, Map, Value};

/// The whole document. Its server is `/`, the origin it is read from (as drf-spectacular
/// leaves it), so the document is the same for every request and is built once.
pub fn document() -> Value {
    let mut paths = Map::new();
    for kind in RouteKind::ALL {
        let Doc::Http { tag, ops } = describe::describe(*kind) else {
            continue;
        };
        let (row, _) = lookup(kind.example(), "");
        let mut item = Map::new();
        let params = path_params(kind.template());
        if !params.is_empty() {
            item.insert("parameters".into(), Value::Array(params.clone()));
        }
        for op in &ops {
            item.insert(
                op.verb.lower().into(),
                operation(*kind, tag, &row, op, params.len()),
            );
        }
        paths.insert(kind.template().into(), Value::Object(item));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "natter",
            "version": env!("CARGO_PKG_VERSION"),
            "summary": "One self-hosted messaging server speaking five Django chat APIs over one data model.",
            "description": DESCRIPTION,
            "license": { "name": "MIT", "identifier": "MIT" }
        },
        "servers": [{ "url": "/", "description": "The origin this document is read from." }],
        "tags": components::tags(),
        "paths": paths,
        "components": {
            "schemas": components::schemas(),
            "securitySchemes": components::security_schemes(),
        }
    })
}

const DESCRIPTION: &str = "natter answers the REST and WebSocket APIs of five Django \
messaging apps (tagged by the seed each comes from) and its own. A message sent through \
any of them reaches every other live. Credentials: a DRF token (`Authorization: Token \
<key>`), a JWT (`Authorization: Bearer <access>`, from `/accounts/api/token/`), or the \
session cookie of `/accounts/login/` with Django's CSRF check on unsafe methods. The \
WebSocket paths are described in AsyncAPI 3 at `/api/schema/asyncapi/`.";

/// The parameters of a path template: ids are integers, names strings.
fn path_params(template: &str) -> Vec<Value> {
    template
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| {
            json!({
                "name": name,
                "in": "path",
                "required": true,
                "schema": param_schema(name),
            })
        })
        .collect()
}

fn param_schema(name: &str) -> Value {
    match name {
        "action" => json!({
            "type": "string",
            "enum": ["deactivate", "reactivate", "promote", "demote", "password-reset"]
        }),
        "path" => {
            let files: Vec<&str> = crate::web::files::files().iter().map(|f| f.path).collect();
            json!({ "type": "string", "enum": files })
        }
        "username" | "name" | "session_id" | "token" | "grant_id" => json!({ "type": "string" }),
        _ => json!({ "type": "integer", "format": "int64", "minimum": 1 }),
    }
}

/// One operation object.
fn operation(kind: RouteKind, tag: &str, row: &Row, op: &Op, path_params: usize) -> Value {
    let mut o = Map::new();
    o.insert("tags".into(), json!([tag]));
    o.insert("summary".into(), json!(op.summary));
    o.insert(
        "operationId".into(),
        json!(format!("{}_{}", snake(kind), op.verb.lower())),
    );
    if !op.query.is_empty() {
        let params: Vec<Value> = op
            .query
            .iter()
            .map(|p| {
                json!({ "name": p.name, "in": "query", "required": p.required, "schema": p.schema })
            })
            .collect();
        o.insert("parameters".into(), Value::Array(params));
    }
    if let Some(body) = &op.body {
        o.insert("requestBody".into(), request_body(body));
    }
    let style_schema = error_shape(kind, row);
    let mut responses = Map::new();
    for (status, why) in row_errors(row, op, path_params) {
        responses.insert(status.to_string(), error_response(why, &style_schema));
    }
    for Answer {
        status,
        description,
        content,
    } in &op.answers
    {
        let answer = match content {
            Content::Json(schema) => json!({
                "description": description,
                "content": { "application/json": { "schema": schema } }
            }),
            Content::Text => json!({
                "description": description,
                "content": { "text/plain": { "schema": { "type": "string" } } }
            }),
            Content::Html => json!({
                "description": description,
                "content": { "text/html": { "schema": { "type": "string" } } }
            }),
            Content::Bytes => json!({
                "description": description,
                "content": { "*/*": {} }
            }),
            Content::Error => error_response(description, &style_schema),
            Content::Empty => json!({ "description": description }),
        };
        responses.insert(status.to_string(), answer);
    }
    o.insert("responses".into(), Value::Object(responses));
    if signed_in(row, op) {
        o.insert(
            "security".into(),
            json!([{ "tokenAuth": [] }, { "jwtAuth": [] }, { "sessionAuth": [] }]),
        );
    } else {
        o.insert("security".into(), json!([]));
    }
    Value::Object(o)
}

/// The schema of the row's errors. Two paths change shape with what they are asked:
/// `/api/messages/{id}/` answers in the shape of the surface whose message it is, and
/// `/api/users/` in seed 003's when paged.
fn error_shape(kind: RouteKind, row: &Row) -> Option<Value> {
    match kind {
        RouteKind::Message | RouteKind::Users => Some(json!({
            "anyOf": [error_schema(ErrorStyle::Rooms), error_schema(ErrorStyle::Drf)]
        })),
        _ => error_schema(row.style),
    }
}

fn error_response(why: &str, schema: &Option<Value>) -> Value {
    match schema {
        Some(schema) => json!({
            "description": why,
            "content": { "application/json": { "schema": schema } }
        }),
        None => json!({
            "description": why,
            "content": { "text/plain": { "schema": { "type": "string" } } }
        }),
    }
}

fn request_body(body: &Body) -> Value {
    match body {
        Body::Json { schema, required } => json!({
            "required": required,
            "content": { "application/json": { "schema": schema } }
        }),
        Body::Multipart(schema) => json!({
            "required": true,
            "content": { "multipart/form-data": { "schema": schema } }
        }),
        Body::Hook(schema) => json!({
            "required": true,
            "content": {
                "application/json": { "schema": schema },
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "required": ["payload"],
                        "properties": { "payload": { "type": "string", "description": "The same JSON, as a form field (Slack's other way)." } }
                    }
                }
            }
        }),
    }
}

/// `ChatMessages` -> `chat_messages`, for operation ids.
pub fn snake(kind: RouteKind) -> String {
    let name = format!("{kind:?}");
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
