//! The typed description of one kind of route ([`Doc`]): its operations, each with its
//! query parameters, body and answers. Descriptions are written with the small builders
//! here (`get("…").query(…).ok(200, schema)`), so each reads as one line per fact;
//! `openapi` turns them into the document, adding what the route table already says
//! (path parameters, credentials, the errors of its row).

use crate::routing::routes::Verb;
use serde_json::{json, Value};

/// What a kind of route is: HTTP operations, or a socket (described beside the document
/// in AsyncAPI, `asyncapi`).
pub enum Doc {
    /// An HTTP route: its tag (the surface, as Swagger UI groups them) and operations.
    Http { tag: &'static str, ops: Vec<Op> },
    /// A WebSocket upgrade path.
    Socket(SocketDoc),
}

/// A socket path: what it is, and the frames each way.
pub struct SocketDoc {
    /// The surface's tag.
    pub tag: &'static str,
    /// One line on what the socket carries.
    pub summary: &'static str,
    /// Frames the client sends: (name, summary, payload schema).
    pub sends: Vec<(&'static str, &'static str, Value)>,
    /// Frames the server sends: (name, summary, payload schema).
    pub receives: Vec<(&'static str, &'static str, Value)>,
}

/// One method of a route.
pub struct Op {
    /// The method.
    pub verb: Verb,
    /// One line on what it does.
    pub summary: &'static str,
    /// Query parameters.
    pub query: Vec<Param>,
    /// The request body, if it reads one.
    pub body: Option<Body>,
    /// Every answer the handler gives, successes and its own errors; the errors every
    /// route of its row can give are added from the row (`errors`).
    pub answers: Vec<Answer>,
    /// Statuses of the row's errors this operation never answers (a route that no
    /// caller's input can make 400, say), so the document lists only what can happen.
    pub never: Vec<u16>,
}

/// A query parameter.
pub struct Param {
    /// Its name.
    pub name: &'static str,
    /// Its JSON Schema.
    pub schema: Value,
    /// Whether a request without it is refused.
    pub required: bool,
}

/// A request body.
pub enum Body {
    /// A JSON object (a form with the same fields is read too, as DRF does).
    Json { schema: Value, required: bool },
    /// `multipart/form-data`.
    Multipart(Value),
    /// Any bytes (a Slack-style hook's payload: JSON, or a form with a `payload` field).
    Hook(Value),
}

/// One answer of an operation.
pub struct Answer {
    /// Its status.
    pub status: u16,
    /// What it means.
    pub description: &'static str,
    /// Its body.
    pub content: Content,
}

/// An answer's body.
pub enum Content {
    /// JSON of this schema.
    Json(Value),
    /// `text/plain`.
    Text,
    /// `text/html`.
    Html,
    /// Bytes of any type (a file).
    Bytes,
    /// An error in the row's shape (`errors::error_schema`).
    Error,
    /// No body.
    Empty,
}

fn op(verb: Verb, summary: &'static str) -> Op {
    Op {
        verb,
        summary,
        query: Vec::new(),
        body: None,
        answers: Vec::new(),
        never: Vec::new(),
    }
}

/// A GET.
pub fn get(summary: &'static str) -> Op {
    op(Verb::Get, summary)
}

/// A POST.
pub fn post(summary: &'static str) -> Op {
    op(Verb::Post, summary)
}

/// A PUT.
pub fn put(summary: &'static str) -> Op {
    op(Verb::Put, summary)
}

/// A PATCH.
pub fn patch(summary: &'static str) -> Op {
    op(Verb::Patch, summary)
}

/// A DELETE.
pub fn delete(summary: &'static str) -> Op {
    op(Verb::Delete, summary)
}

impl Op {
    /// An optional query parameter.
    pub fn query(mut self, name: &'static str, schema: Value) -> Op {
        self.query.push(Param {
            name,
            schema,
            required: false,
        });
        self
    }

    /// A query parameter without which the request is refused.
    pub fn query_required(mut self, name: &'static str, schema: Value) -> Op {
        self.query.push(Param {
            name,
            schema,
            required: true,
        });
        self
    }

    /// A JSON body (required).
    pub fn body(mut self, schema: Value) -> Op {
        self.body = Some(Body::Json {
            schema,
            required: true,
        });
        self
    }

    /// A JSON body that may be left out.
    pub fn optional_body(mut self, schema: Value) -> Op {
        self.body = Some(Body::Json {
            schema,
            required: false,
        });
        self
    }

    /// A `multipart/form-data` body.
    pub fn multipart(mut self, schema: Value) -> Op {
        self.body = Some(Body::Multipart(schema));
        self
    }

    /// A Slack-style hook payload.
    pub fn hook_body(mut self, schema: Value) -> Op {
        self.body = Some(Body::Hook(schema));
        self
    }

    /// An answer with a JSON body.
    pub fn json(mut self, status: u16, description: &'static str, schema: Value) -> Op {
        self.answers.push(Answer {
            status,
            description,
            content: Content::Json(schema),
        });
        self
    }

    /// The success answer with a JSON body.
    pub fn ok(self, status: u16, schema: Value) -> Op {
        self.json(status, "Success.", schema)
    }

    /// An answer with another kind of body (or none).
    pub fn answers(mut self, status: u16, description: &'static str, content: Content) -> Op {
        self.answers.push(Answer {
            status,
            description,
            content,
        });
        self
    }

    /// An error of this operation's own (beyond its row's), in the row's shape.
    pub fn err(self, status: u16, description: &'static str) -> Op {
        self.answers(status, description, Content::Error)
    }

    /// The success answer with no body (204, or a 200 with nothing in it).
    pub fn empty(self, status: u16) -> Op {
        self.answers(status, "Success; no body.", Content::Empty)
    }

    /// Leaves the row's error `status` out of this operation's answers.
    pub fn never(mut self, status: u16) -> Op {
        self.never.push(status);
        self
    }
}

/// `Doc::Http` with `tag` and `ops`.
pub fn http(tag: &'static str, ops: Vec<Op>) -> Doc {
    Doc::Http { tag, ops }
}

/// A reference to the named schema of `components`.
pub fn r(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// An array of `items`.
pub fn list(items: Value) -> Value {
    json!({ "type": "array", "items": items })
}

/// `schema` or `null`.
pub fn nullable(schema: Value) -> Value {
    json!({ "anyOf": [schema, { "type": "null" }] })
}

/// An object with these `required` properties and the others of `properties` optional;
/// other properties may appear (answers grow; DRF ignores unknown fields in bodies).
pub fn object(required: &[&str], properties: Value) -> Value {
    json!({ "type": "object", "required": required, "properties": properties })
}

/// DRF's `PageNumberPagination` page of `items`.
pub fn page(items: Value) -> Value {
    object(
        &["count", "next", "previous", "results"],
        json!({
            "count": { "type": "integer" },
            "next": nullable(json!({ "type": "string", "format": "uri" })),
            "previous": nullable(json!({ "type": "string", "format": "uri" })),
            "results": list(items),
        }),
    )
}

/// DRF's `page` parameter: a page number from 1, or `last`.
pub fn page_number() -> Value {
    json!({
        "description": "The page, from 1, or `last`.",
        "anyOf": [{ "type": "integer", "minimum": 1 }, { "type": "string", "enum": ["last"] }]
    })
}

/// A string.
pub fn string() -> Value {
    json!({ "type": "string" })
}

/// An integer id.
pub fn id() -> Value {
    json!({ "type": "integer", "format": "int64" })
}

/// An integer.
pub fn integer() -> Value {
    json!({ "type": "integer" })
}

/// A boolean.
pub fn boolean() -> Value {
    json!({ "type": "boolean" })
}

/// An ISO 8601 timestamp.
pub fn datetime() -> Value {
    json!({ "type": "string", "format": "date-time" })
}
