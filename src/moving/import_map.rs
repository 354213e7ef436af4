//! The operator's explicit word on who is who in an import (`--map PERSON=USERNAME`,
//! `--map-file`): the only way, besides an address natter confirmed, that a person of a
//! Slack export or a Django database becomes an account natter already has.

use crate::domain::error::{Error, Result};
use crate::kit::printable::escaped;
use crate::startup::StartError;
use crate::store::{self, people::users::User, Conn};
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

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

    /// Checks that every username the map names has an account here, before anything
    /// is imported: a typo stops the import rather than making a newcomer.
    pub fn check(&self, c: &Conn) -> Result<()> {
        let mut names: Vec<&String> = self.0.values().collect();
        names.sort();
        for username in names {
            if store::people::users::by_username(c, username)?.is_none() {
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
        match store::people::users::by_username(c, username)? {
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

/// The operator's map of who is who, from `--map` and `--map-file` (read whole: a map
/// is a line per person), before the database is opened.
pub fn read_map(flags: &[String], file: Option<&Path>) -> std::result::Result<Mapping, StartError> {
    /// A map file past this is not a list of a team's people.
    const MAX_MAP_BYTES: u64 = 16 * 1024 * 1024;
    let text = match file {
        None => None,
        Some(path) => {
            let shown = escaped(&path.display().to_string()).into_owned();
            let opened = std::fs::File::open(path)
                .map_err(|e| StartError(format!("cannot read the map {shown} ({e})")))?;
            let mut text = String::new();
            opened
                .take(MAX_MAP_BYTES + 1)
                .read_to_string(&mut text)
                .map_err(|e| StartError(format!("cannot read the map {shown} ({e})")))?;
            if text.len() as u64 > MAX_MAP_BYTES {
                return Err(StartError(format!("the map {shown} is over 16 MiB")));
            }
            Some((shown, text))
        }
    };
    Mapping::parse(flags, text.as_ref().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(StartError)
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
