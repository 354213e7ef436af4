//! The operator's explicit word on who is who in an import (`--map PERSON=USERNAME`,
//! `--map-file`): the only way, besides an address natter confirmed, that a person of a
//! Slack export or a Django database becomes an account natter already has.

use crate::domain::error::{Error, Result};
use crate::store::{self, users::User, Conn};
use std::collections::HashMap;

/// Source person (lowercased: a Slack id, name or email; a Django username) → natter
/// username.
#[derive(Debug, Clone, Default)]
pub struct Mapping(HashMap<String, String>);

impl Mapping {
    /// The pairs of `--map` and of a map file's text, or a sentence naming the first
    /// line that is not `PERSON=USERNAME`. A person named twice is refused: which of
    /// two accounts was meant cannot be guessed.
    pub fn parse(
        flags: &[String],
        file: Option<(&str, &str)>,
    ) -> std::result::Result<Mapping, String> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        for flag in flags {
            pairs.push(pair(flag).ok_or_else(|| format!("--map {flag}: give PERSON=USERNAME"))?);
        }
        if let Some((name, text)) = file {
            for (n, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                pairs.push(
                    pair(line)
                        .ok_or_else(|| format!("{name} line {}: give PERSON=USERNAME", n + 1))?,
                );
            }
        }
        let mut map = HashMap::new();
        for (person, username) in pairs {
            let key = person.to_lowercase();
            if map.insert(key, username).is_some() {
                return Err(format!("{person} is mapped twice"));
            }
        }
        Ok(Mapping(map))
    }

    /// Whether no pair was given.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Checks that every username the map names has an account here, before anything
    /// is imported: a typo stops the import rather than making a newcomer.
    pub fn check(&self, c: &Conn) -> Result<()> {
        let mut names: Vec<&String> = self.0.values().collect();
        names.sort();
        for username in names {
            if store::users::by_username(c, username)?.is_none() {
                return Err(Error::Internal(format!(
                    "the map names {username}, and no account here has that username"
                )));
            }
        }
        Ok(())
    }

    /// The account the first of `names` (the ways the source names one person) is
    /// mapped to, if any; an error when the mapped username has no account here.
    pub fn account(&self, c: &Conn, names: &[&str]) -> Result<Option<User>> {
        let Some(username) = names
            .iter()
            .filter(|n| !n.is_empty())
            .find_map(|n| self.0.get(&n.to_lowercase()))
        else {
            return Ok(None);
        };
        match store::users::by_username(c, username)? {
            Some(u) => Ok(Some(u)),
            None => Err(Error::Internal(format!(
                "the map names {username}, and no account here has that username"
            ))),
        }
    }
}

/// `PERSON=USERNAME`, both sides trimmed and not empty.
fn pair(s: &str) -> Option<(String, String)> {
    let (person, username) = s.split_once('=')?;
    let (person, username) = (person.trim(), username.trim());
    (!person.is_empty() && !username.is_empty()).then(|| (person.to_string(), username.to_string()))
}

#[cfg(test)]
mod tests {
    use super::Mapping;

    #[test]
    fn pairs_come_from_flags_and_a_file_and_a_person_is_mapped_once() {
        let file = "# who is who\nU01=ann\n\n bob@example.org = bob # the same bob\n";
        let m = Mapping::parse(&["Carol=carol2".into()], Some(("map.txt", file))).unwrap();
        assert_eq!(m.0.get("u01").map(String::as_str), Some("ann"));
        assert_eq!(m.0.get("bob@example.org").map(String::as_str), Some("bob"));
        assert_eq!(m.0.get("carol").map(String::as_str), Some("carol2"));
        assert!(Mapping::parse(&["nobody".into()], None).is_err());
        let twice = Mapping::parse(&["U01=ann".into()], Some(("m", "u01=bob")));
        assert_eq!(twice.unwrap_err(), "u01 is mapped twice");
        assert_eq!(
            Mapping::parse(&[], Some(("m", "ok=fine\n=x"))).unwrap_err(),
            "m line 2: give PERSON=USERNAME"
        );
    }
}
