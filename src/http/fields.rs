//! DRF field coercion: a request body (or a socket frame) read as named fields the way
//! Django REST Framework's field classes read them, and the 400s they give.

use crate::http::error::{ApiError, ApiResult};
use serde_json::{Map, Value};

/// A request body (or a socket frame) as named fields, read the way Django REST
/// Framework's field classes read them: what each accepts, and the message for what it
/// refuses. A wrong shape is always a 400, never a value quietly made up.
pub struct Fields {
    /// JSON: the object as sent. Form: every value of a key, in order, as an array of
    /// strings (Django's `QueryDict`).
    map: Map<String, Value>,
    /// Whether the body was a form: every value is text and a key may repeat.
    form: bool,
}

/// The message DRF gives a null where a value is required.
const NULL: &str = "This field may not be null.";

impl Fields {
    /// No fields (an empty body).
    pub fn empty() -> Self {
        Fields {
            map: Map::new(),
            form: false,
        }
    }

    /// The fields of a JSON object (a body, or a socket frame's data).
    pub fn json(map: Map<String, Value>) -> Self {
        Fields { map, form: false }
    }

    /// The fields of a form; a repeated key keeps all its values.
    pub fn form(pairs: Vec<(String, String)>) -> Self {
        let mut map = Map::new();
        for (k, v) in pairs {
            match map.entry(k).or_insert_with(|| Value::Array(Vec::new())) {
                Value::Array(values) => values.push(Value::String(v)),
                other => *other = Value::Array(vec![Value::String(v)]),
            }
        }
        Fields { map, form: true }
    }

    /// The value a single-valued field reads: JSON's value as sent (null included), or a
    /// form key's last value (as `QueryDict[key]`).
    pub fn value(&self, name: &str) -> Option<&Value> {
        let value = self.map.get(name)?;
        if self.form {
            value.as_array().and_then(|values| values.last())
        } else {
            Some(value)
        }
    }

    /// Whether the field is present (even if null).
    pub fn has(&self, name: &str) -> bool {
        self.map.contains_key(name)
    }

    /// The value of a field that may not be null: `None` when absent.
    fn non_null(&self, name: &str) -> ApiResult<Option<&Value>> {
        match self.value(name) {
            Some(Value::Null) => Err(ApiError::field(name, NULL)),
            other => Ok(other),
        }
    }

    /// A form's empty text for an optional field counts as absent (DRF's `get_value`).
    fn non_null_or_blank_form(&self, name: &str) -> ApiResult<Option<&Value>> {
        match self.non_null(name)? {
            Some(Value::String(s)) if self.form && s.is_empty() => Ok(None),
            other => Ok(other),
        }
    }

    /// A CharField: text, or a number as its text; a boolean, list or object is
    /// "Not a valid string.". Not trimmed here.
    pub fn string(&self, name: &str) -> ApiResult<Option<String>> {
        match self.non_null(name)? {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(_) => Err(ApiError::field(name, "Not a valid string.")),
        }
    }

    /// A required, non-blank CharField, trimmed.
    pub fn required_string(&self, name: &str) -> ApiResult<String> {
        let text = required(name, self.string(name)?)?;
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(ApiError::field(name, "This field may not be blank."));
        }
        Ok(trimmed.to_string())
    }

    /// A ChoiceField over `choices`: anything else, of any type, is
    /// `"<value>" is not a valid choice.`.
    pub fn choice(&self, name: &str, choices: &[&str]) -> ApiResult<Option<String>> {
        let Some(value) = self.non_null(name)? else {
            return Ok(None);
        };
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            other => other.to_string(),
        };
        if choices.contains(&text.as_str()) {
            Ok(Some(text))
        } else {
            Err(ApiError::field(
                name,
                format!("\"{text}\" is not a valid choice."),
            ))
        }
    }

    /// An IntegerField: an integer, an integral number (`2.0`) or numeric text (`"2"`,
    /// `"2.0"`); a boolean, list, object, fraction or other text is
    /// "A valid integer is required.".
    pub fn integer(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.non_null_or_blank_form(name)? {
            None => Ok(None),
            Some(v) => as_integer(v)
                .map(Some)
                .ok_or_else(|| ApiError::field(name, "A valid integer is required.")),
        }
    }

    /// An IntegerField that allows null: absent `None`, null (or a form's empty text)
    /// `Some(None)`, else the integer.
    pub fn nullable_integer(&self, name: &str) -> ApiResult<Option<Option<i64>>> {
        match self.value(name) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(Value::String(s)) if self.form && s.is_empty() => Ok(Some(None)),
            Some(v) => as_integer(v)
                .map(|n| Some(Some(n)))
                .ok_or_else(|| ApiError::field(name, "A valid integer is required.")),
        }
    }

    /// A BooleanField: `true`/`false`, `1`/`0`, and the texts DRF lists (`"true"`,
    /// `"yes"`, `"on"`, `"t"`, `"y"`, `"1"` and their opposites, any case); anything else
    /// is "Must be a valid boolean.".
    pub fn boolean(&self, name: &str) -> ApiResult<Option<bool>> {
        let Some(value) = self.non_null_or_blank_form(name)? else {
            return Ok(None);
        };
        let parsed = match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) => n.as_f64().and_then(|f| {
                if f == 1.0 {
                    Some(true)
                } else if f == 0.0 {
                    Some(false)
                } else {
                    None
                }
            }),
            Value::String(s) => match s.to_lowercase().as_str() {
                "t" | "y" | "yes" | "true" | "on" | "1" => Some(true),
                "f" | "n" | "no" | "false" | "off" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        };
        parsed
            .map(Some)
            .ok_or_else(|| ApiError::field(name, "Must be a valid boolean."))
    }

    /// A PrimaryKeyRelatedField (an id): an integer, an integral number or numeric
    /// text; anything else is "Incorrect type. Expected pk value, received <type>.".
    /// Whether the id exists is the caller's question.
    pub fn pk(&self, name: &str) -> ApiResult<Option<i64>> {
        match self.non_null(name)? {
            None => Ok(None),
            Some(v) => as_pk(v).map(Some).map_err(|e| ApiError::field(name, e)),
        }
    }

    /// The values of a list field: a JSON array, or a form key given once or repeated
    /// (`QueryDict.getlist`). Any other JSON value is
    /// `Expected a list of items but got type "<type>".`.
    fn list(&self, name: &str) -> ApiResult<Option<&[Value]>> {
        if self.form {
            return Ok(self
                .map
                .get(name)
                .and_then(Value::as_array)
                .map(Vec::as_slice));
        }
        match self.map.get(name) {
            None => Ok(None),
            Some(Value::Null) => Err(ApiError::field(name, NULL)),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(other) => Err(ApiError::field(
                name,
                format!(
                    "Expected a list of items but got type \"{}\".",
                    python_type(other)
                ),
            )),
        }
    }

    /// A list field whose items `item` reads (its error is the item's message); a null
    /// item may not be null.
    fn list_of(
        &self,
        name: &str,
        item: fn(&Value) -> Result<i64, String>,
    ) -> ApiResult<Option<Vec<i64>>> {
        let Some(items) = self.list(name)? else {
            return Ok(None);
        };
        items
            .iter()
            .map(|v| match v {
                Value::Null => Err(ApiError::field(name, NULL)),
                v => item(v).map_err(|e| ApiError::field(name, e)),
            })
            .collect::<ApiResult<Vec<i64>>>()
            .map(Some)
    }

    /// A many-valued PrimaryKeyRelatedField (a list of ids); each item as [`Fields::pk`].
    pub fn pk_list(&self, name: &str) -> ApiResult<Option<Vec<i64>>> {
        self.list_of(name, as_pk)
    }

    /// A ListField of IntegerFields; each item as [`Fields::integer`] (the message is
    /// given for the list, not per index).
    pub fn integer_list(&self, name: &str) -> ApiResult<Option<Vec<i64>>> {
        self.list_of(name, |v| {
            as_integer(v).ok_or_else(|| "A valid integer is required.".to_string())
        })
    }

    /// A ListField of CharFields (each item a string; a number or null is refused).
    pub fn string_list(&self, name: &str) -> ApiResult<Option<Vec<String>>> {
        let Some(items) = self.list(name)? else {
            return Ok(None);
        };
        items
            .iter()
            .map(|v| match v {
                Value::String(s) => Ok(s.clone()),
                Value::Null => Err(ApiError::field(name, NULL)),
                _ => Err(ApiError::field(name, "Not a valid string.")),
            })
            .collect::<ApiResult<Vec<String>>>()
            .map(Some)
    }

    /// File ids to attach to a message: `attachment_ids`, or the seed's `attachments`.
    pub fn attachment_ids(&self) -> ApiResult<Vec<i64>> {
        match self.integer_list("attachment_ids")? {
            Some(ids) => Ok(ids),
            None => Ok(self.integer_list("attachments")?.unwrap_or_default()),
        }
    }

    /// A new message's `content` (empty when absent) and attachment ids: at least one of
    /// the two is required. Errors of both fields are reported together.
    pub fn message_body(&self) -> ApiResult<(String, Vec<i64>)> {
        let mut check = FieldCheck::default();
        let content = check.take(self.string("content"));
        let attachments = check.take(self.attachment_ids());
        check.finish()?;
        if content.is_none() && attachments.is_empty() {
            return Err(ApiError::field("content", "This field is required."));
        }
        Ok((content.unwrap_or_default(), attachments))
    }
}

/// A required field's value, or "This field is required.".
pub fn required<T>(name: &str, value: Option<T>) -> ApiResult<T> {
    value.ok_or_else(|| ApiError::field(name, "This field is required."))
}

/// Field errors gathered while reading a body, so that every wrong field is reported in
/// one 400, as a DRF serializer reports them.
#[derive(Default)]
pub struct FieldCheck {
    errors: crate::http::error::FieldErrors,
    other: Option<ApiError>,
}

impl FieldCheck {
    /// `read`'s value; on an error, the type's default, the error kept for
    /// [`FieldCheck::finish`].
    pub fn take<T: Default>(&mut self, read: ApiResult<T>) -> T {
        match read {
            Ok(value) => value,
            Err(ApiError::Validation(fields)) => {
                for (name, messages) in fields {
                    match self.errors.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, kept)) => kept.extend(messages),
                        None => self.errors.push((name, messages)),
                    }
                }
                T::default()
            }
            Err(other) => {
                self.other.get_or_insert(other);
                T::default()
            }
        }
    }

    /// `Ok` when every field was read; else the first non-field error, or one 400 with
    /// every field's messages.
    pub fn finish(self) -> ApiResult<()> {
        if let Some(e) = self.other {
            return Err(e);
        }
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}

/// Python's name for the type of a JSON value, as DRF's messages print it.
pub fn python_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// Floats from 1e16 up print in exponent form in Python, which `int()` refuses.
const LARGEST_INTEGRAL_FLOAT: f64 = 1e16;

/// A JSON number as an integer: an integer, or a float with no fraction below 1e16.
fn integral(n: &serde_json::Number) -> Option<i64> {
    n.as_i64().or_else(|| {
        n.as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < LARGEST_INTEGRAL_FLOAT)
            .map(|f| f as i64)
    })
}

/// An integer as DRF's IntegerField reads one: a JSON integer, an integral number below
/// 1e16, or text that is an integer after dropping a `.000` tail and surrounding white
/// space. Booleans, lists, objects and null are `None`.
pub fn as_integer(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => integral(n),
        Value::String(s) => {
            // DRF's `re.sub(r'\.0*\s*$', '', text)`, then Python's `int()`.
            let text = match s.rfind('.') {
                Some(dot) if s[dot + 1..].trim_start_matches('0').trim().is_empty() => &s[..dot],
                _ => s.as_str(),
            };
            text.trim().parse().ok()
        }
        _ => None,
    }
}

/// An id as Django's `queryset.get(pk=...)` reads one for DRF's PrimaryKeyRelatedField:
/// an integer, an integral number, or integer text; else the Python type name for
/// "Incorrect type. Expected pk value, received <type>.".
fn as_pk(v: &Value) -> Result<i64, String> {
    let id = match v {
        Value::Number(n) => integral(n),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    };
    id.ok_or_else(|| {
        format!(
            "Incorrect type. Expected pk value, received {}.",
            python_type(v)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        match v {
            Value::Object(map) => Fields::json(map),
            _ => Fields::empty(),
        }
    }

    fn message(e: ApiError) -> String {
        match e {
            ApiError::Validation(f) => f[0].1[0].clone(),
            other => other.to_string(),
        }
    }

    #[test]
    fn char_field_takes_text_and_numbers_and_refuses_the_rest() {
        let f = fields(json!({"a": "x", "b": 5, "c": 1.5, "d": true, "e": [], "g": {}, "h": null}));
        assert_eq!(f.string("a").unwrap().as_deref(), Some("x"));
        assert_eq!(f.string("b").unwrap().as_deref(), Some("5"));
        assert_eq!(f.string("c").unwrap().as_deref(), Some("1.5"));
        for name in ["d", "e", "g"] {
            assert_eq!(message(f.string(name).unwrap_err()), "Not a valid string.");
        }
        assert_eq!(message(f.string("h").unwrap_err()), NULL);
        assert_eq!(f.string("missing").unwrap(), None);
    }

    #[test]
    fn integer_field_follows_drf() {
        for ok in [
            json!(3),
            json!(3.0),
            json!("3"),
            json!(" 3 "),
            json!("3.00"),
            json!("-3"),
        ] {
            assert_eq!(
                as_integer(&ok),
                Some(if ok == json!("-3") { -3 } else { 3 }),
                "{ok}"
            );
        }
        for bad in [
            json!(true),
            json!(1.5),
            json!("1.5"),
            json!("x"),
            json!([1]),
            json!({}),
            json!(""),
            json!(1e17),
        ] {
            assert_eq!(as_integer(&bad), None, "{bad}");
        }
    }

    #[test]
    fn boolean_field_follows_drf() {
        let f = fields(
            json!({"a": "YES", "b": 0, "c": "off", "d": 2, "e": "maybe", "g": [true], "h": 1.0}),
        );
        assert_eq!(f.boolean("a").unwrap(), Some(true));
        assert_eq!(f.boolean("b").unwrap(), Some(false));
        assert_eq!(f.boolean("c").unwrap(), Some(false));
        assert_eq!(f.boolean("h").unwrap(), Some(true));
        for name in ["d", "e", "g"] {
            assert_eq!(
                message(f.boolean(name).unwrap_err()),
                "Must be a valid boolean."
            );
        }
    }

    #[test]
    fn a_list_field_refuses_every_other_json_type_by_its_python_name() {
        let f = fields(json!({"s": "16", "i": 16, "f": 1.5, "b": true, "d": {"a": 1}}));
        for (name, kind) in [
            ("s", "str"),
            ("i", "int"),
            ("f", "float"),
            ("b", "bool"),
            ("d", "dict"),
        ] {
            let expected = format!("Expected a list of items but got type \"{kind}\".");
            assert_eq!(message(f.pk_list(name).unwrap_err()), expected);
            assert_eq!(message(f.integer_list(name).unwrap_err()), expected);
        }
    }

    #[test]
    fn a_form_list_is_every_value_of_its_key_and_a_scalar_its_last() {
        let f = Fields::form(vec![
            ("ids".into(), "1".into()),
            ("ids".into(), "2".into()),
            ("name".into(), "a".into()),
            ("name".into(), "b".into()),
            ("one".into(), "7".into()),
        ]);
        assert_eq!(f.pk_list("ids").unwrap(), Some(vec![1, 2]));
        assert_eq!(f.pk_list("one").unwrap(), Some(vec![7]));
        assert_eq!(f.string("name").unwrap().as_deref(), Some("b"));
        assert_eq!(f.pk_list("missing").unwrap(), None);
    }

    #[test]
    fn pk_fields_name_the_type_they_refuse() {
        let f = fields(json!({"ids": [1, "2", "x", true, [3], {"a": 1}, 2.5], "one": "abc"}));
        assert_eq!(
            message(f.pk("one").unwrap_err()),
            "Incorrect type. Expected pk value, received str."
        );
        for (v, kind) in [
            (json!("x"), "str"),
            (json!(true), "bool"),
            (json!([3]), "list"),
            (json!({}), "dict"),
            (json!(2.5), "float"),
        ] {
            assert_eq!(
                as_pk(&v).unwrap_err(),
                format!("Incorrect type. Expected pk value, received {kind}.")
            );
        }
        assert_eq!(as_pk(&json!("2")), Ok(2));
        assert_eq!(as_pk(&json!(2.0)), Ok(2));
    }

    #[test]
    fn a_check_reports_every_field_at_once() {
        let f = fields(json!({"a": [], "b": {}}));
        let mut check = FieldCheck::default();
        let _ = check.take(f.string("a"));
        let _ = check.take(f.integer("b"));
        match check.finish() {
            Err(ApiError::Validation(errors)) => assert_eq!(errors.len(), 2),
            other => panic!("expected a 400, got {other:?}"),
        }
    }
}
