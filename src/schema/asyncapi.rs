//! The WebSocket paths in AsyncAPI 3 (`/api/schema/asyncapi/`), beside the OpenAPI
//! document: OpenAPI has no words for a socket's frames. Built from the same kinds list
//! and descriptions, so a socket path cannot be left out either.

use crate::schema::doc::{Doc, SocketDoc};
use crate::schema::kinds::RouteKind;
use crate::schema::openapi::snake;
use crate::schema::{components, describe};
use serde_json::{json, Map, Value};

/// The document, its server the host of `base_url` (`http` becomes `ws`).
pub fn document(base_url: &str) -> Value {
    let (protocol, host) = match base_url.split_once("://") {
        Some(("https", host)) => ("wss", host),
        Some((_, host)) => ("ws", host),
        None => ("ws", base_url),
    };
    let mut channels = Map::new();
    let mut operations = Map::new();
    for kind in RouteKind::ALL {
        let Doc::Socket(socket) = describe::describe(*kind) else {
            continue;
        };
        let id = snake(*kind);
        channels.insert(id.clone(), channel(kind.template(), &socket));
        for (action, frames) in [("receive", &socket.sends), ("send", &socket.receives)] {
            if frames.is_empty() {
                continue;
            }
            let messages: Vec<Value> = frames
                .iter()
                .map(|(name, _, _)| json!({ "$ref": format!("#/channels/{id}/messages/{name}") }))
                .collect();
            operations.insert(
                format!("{id}_{action}"),
                json!({
                    "action": action,
                    "channel": { "$ref": format!("#/channels/{id}") },
                    "summary": if action == "receive" { "Frames a client sends." } else { "Frames natter sends." },
                    "messages": messages,
                }),
            );
        }
    }
    json!({
        "asyncapi": "3.0.0",
        "info": {
            "title": "natter's sockets",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The WebSocket paths of the five surfaces. A socket authenticates with `?token=<DRF token or JWT access>` or, from an allowed origin, the session cookie. `/ws/chat/{chat_id}/` (all digits: a dm chat) and `/ws/chat/{username}/` (anything else: an inbox) are one path to the server; the segment decides.",
        },
        "servers": { "natter": { "host": host, "protocol": protocol } },
        "defaultContentType": "application/json",
        "channels": channels,
        "operations": operations,
        // Frames name the same schemas as the OpenAPI document (`$ref`s to them).
        "components": { "schemas": components::schemas() },
    })
}

fn channel(address: &str, socket: &SocketDoc) -> Value {
    let mut messages = Map::new();
    for (name, summary, payload) in socket.sends.iter().chain(&socket.receives) {
        messages.insert(
            (*name).to_string(),
            json!({ "name": name, "summary": summary, "payload": payload }),
        );
    }
    let parameters: Map<String, Value> = address
        .split('/')
        .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
        .map(|name| {
            (
                name.to_string(),
                json!({ "description": format!("The {name}.") }),
            )
        })
        .collect();
    let mut channel = json!({
        "address": address,
        "summary": socket.summary,
        "tags": [{ "name": socket.tag }],
        "messages": messages,
    });
    if !parameters.is_empty() {
        channel["parameters"] = Value::Object(parameters);
    }
    channel
}
