//! The command line's own errors, printed without replaying what was typed: clap quotes
//! an invalid value or an unknown argument back (`invalid value 'x' for '--sync'`), and on
//! a terminal it passes ESC and BEL through, so `natter --sync $'\e]0;...\a'` could
//! retitle the window or hide text. Here every quoted piece is escaped first.

use crate::config::Cli;
use clap::error::{ContextValue, ErrorKind};
use clap::Parser;

/// `Cli::parse`, except that an error is printed plain, with every control character it
/// quotes shown escaped (`printable::escaped`), and exits with clap's status (2). `--help`
/// and `--version` print as clap prints them: they quote nothing typed.
pub fn parse_or_exit() -> Cli {
    match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            e.exit()
        }
        Err(e) => {
            eprint!("{}", render(e));
            std::process::exit(2);
        }
    }
}

/// The error's text: quoted values escaped, then clap's styling dropped (it cannot tell
/// its own escape codes from ones in a value, so none go out), then anything left that
/// is a control character other than a line break escaped too.
pub fn render(mut e: clap::Error) -> String {
    let quoted: Vec<_> = e
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) => Some((kind, ContextValue::String(escape(s)))),
            ContextValue::Strings(v) => Some((
                kind,
                ContextValue::Strings(v.iter().map(|s| escape(s)).collect()),
            )),
            _ => None,
        })
        .collect();
    for (kind, value) in quoted {
        e.insert(kind, value);
    }
    e.render()
        .to_string()
        .split_inclusive('\n')
        .map(|line| {
            let (text, end) = match line.strip_suffix('\n') {
                Some(text) => (text, "\n"),
                None => (line, ""),
            };
            format!("{}{end}", escape(text))
        })
        .collect()
}

fn escape(s: &str) -> String {
    crate::kit::printable::escaped(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_come_back_escaped() {
        let e = Cli::try_parse_from(["natter", "--sync", "x\u{1b}]0;owned\u{7}y"])
            .expect_err("an invalid --sync");
        let text = render(e);
        assert!(text.contains("x\\x1b]0;owned\\x07y"), "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );

        let e = Cli::try_parse_from(["natter", "--bo\u{9b}gus\r"]).expect_err("unknown");
        let text = render(e);
        assert!(text.contains("--bo\\u{9b}gus\\r"), "{text}");
        assert!(!text.contains('\r') && !text.contains('\u{9b}'), "{text}");
    }
}
