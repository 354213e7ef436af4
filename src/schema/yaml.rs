//! JSON written as block-style YAML, for `/api/schema/` (drf-spectacular's default).
//! Every string is double-quoted in JSON's escapes, which YAML's double-quoted scalars
//! share, so no value can be read back as another type; keys are bare where YAML 1.1
//! and 1.2 read them as the same string.

use serde_json::Value;
use std::fmt::Write;

/// `value` as a YAML document.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_map(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_list(&mut out, items, 0),
        scalar => {
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
    out
}

fn write_map(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    for (key, value) in map {
        pad(out, indent);
        out.push_str(&key_text(key));
        out.push(':');
        write_value(out, value, indent);
    }
}

fn write_list(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        pad(out, indent);
        out.push('-');
        match item {
            // A map in a list starts on the dash's line: `- key: value`.
            Value::Object(map) if !map.is_empty() => {
                let mut first = true;
                for (key, value) in map {
                    if first {
                        out.push(' ');
                        first = false;
                    } else {
                        pad(out, indent + 2);
                    }
                    out.push_str(&key_text(key));
                    out.push(':');
                    write_value(out, value, indent + 2);
                }
            }
            other => write_value(out, other, indent),
        }
    }
}

/// After `key:` or `-`: a scalar or empty collection on the same line, else a block.
fn write_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push('\n');
            write_map(out, map, indent + 2);
        }
        Value::Array(items) if !items.is_empty() => {
            out.push('\n');
            write_list(out, items, indent + 2);
        }
        scalar => {
            out.push(' ');
            out.push_str(&inline(scalar));
            out.push('\n');
        }
    }
}

/// A scalar or an empty collection, in JSON's notation (valid YAML flow style).
fn inline(value: &Value) -> String {
    value.to_string()
}

/// A key bare when it is plain text no YAML reader takes for anything else, else quoted.
fn key_text(key: &str) -> String {
    let plain = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./{}$+".contains(c))
        && !matches!(
            key.to_ascii_lowercase().as_str(),
            "y" | "n" | "yes" | "no" | "on" | "off" | "true" | "false" | "null"
        );
    if plain {
        key.to_string()
    } else {
        Value::String(key.to_string()).to_string()
    }
}

fn pad(out: &mut String, indent: usize) {
    let _ = write!(out, "{:indent$}", "");
}

#[cfg(test)]
mod tests {
    use super::to_yaml;
    use serde_json::json;

    #[test]
    fn blocks_quoted_strings_and_keys_that_would_read_otherwise() {
        let doc = json!({
            "openapi": "3.1.0",
            "paths": {
                "/api/rooms/{room_id}/": {
                    "get": { "responses": { "200": { "description": "a: b\n\"c\"" } } }
                }
            },
            "tags": [{ "name": "web", "x": [] }, "plain"],
            "on": true,
            "empty": {}
        });
        assert_eq!(
            to_yaml(&doc),
            "openapi: \"3.1.0\"\n\
             paths:\n  /api/rooms/{room_id}/:\n    get:\n      responses:\n        \"200\":\n          description: \"a: b\\n\\\"c\\\"\"\n\
             tags:\n  - name: \"web\"\n    x: []\n  - \"plain\"\n\
             \"on\": true\n\
             empty: {}\n"
        );
    }
}
