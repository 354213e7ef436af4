//! The password a command sets (`create-user`, `users set-password`): from a flag, from
//! standard input, or typed twice at a prompt that does not echo it.

use crate::startup::StartError;
use std::io::{IsTerminal, Read};

/// A password for `username`: from `--password`, from standard input with
/// `--password-stdin` (as `docker login`: all of it, one trailing newline dropped), or
/// typed twice at a prompt that does not echo it when standard input is a terminal.
/// `command` names the command in the sentence that asks for one.
pub(super) fn read_password(
    given: Option<String>,
    from_stdin: bool,
    username: &str,
    command: &str,
) -> Result<String, StartError> {
    if let Some(password) = given {
        return Ok(password);
    }
    if from_stdin {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| {
            StartError(format!(
                "--password-stdin: cannot read standard input as text ({e})"
            ))
        })?;
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        return Ok(text.to_string());
    }
    if !std::io::stdin().is_terminal() {
        return Err(StartError(format!(
            "{command} needs a password: pipe it in with --password-stdin, or run on a \
             terminal to be asked for it"
        )));
    }
    let prompt_failed =
        |e: std::io::Error| StartError(format!("cannot read the password from the terminal ({e})"));
    let first =
        rpassword::prompt_password(format!("Password for {username}: ")).map_err(prompt_failed)?;
    let again = rpassword::prompt_password("The same password again: ").map_err(prompt_failed)?;
    if first != again {
        return Err(StartError(
            "the two passwords differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}
