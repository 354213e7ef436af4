//! The counter line an import keeps on standard error while it runs, when standard error
//! is a terminal (a log file or a pipe gets only the summary on standard output).

use crate::kit::printable::escaped;
use std::io::{IsTerminal, Write};

/// A counter line on standard error, rewritten in place at each step.
pub(crate) struct Progress {
    total: usize,
    at: usize,
    shown: bool,
    /// What one step is (`day`, `chat`).
    unit: &'static str,
    /// What the last line says of all the steps (`day files read`).
    finished: &'static str,
    /// The current step's name, for a redraw within it.
    what: String,
}

impl Progress {
    /// A counter of `total` steps, each a `unit`; silent unless stderr is a terminal.
    pub(crate) fn new(total: usize, unit: &'static str, finished: &'static str) -> Progress {
        Progress {
            total,
            at: 0,
            shown: std::io::stderr().is_terminal(),
            unit,
            finished,
            what: String::new(),
        }
    }

    /// The next step, `what` (a file, a chat), with the messages imported so far.
    pub(crate) fn step(&mut self, what: &str, messages: u64) {
        self.at += 1;
        self.what = what.to_string();
        self.draw(messages);
    }

    /// The same step, with more messages imported (a long chat, batch by batch).
    pub(crate) fn messages(&self, messages: u64) {
        self.draw(messages);
    }

    fn draw(&self, messages: u64) {
        if self.shown {
            let mut err = std::io::stderr();
            let _ = write!(
                err,
                "\r\x1b[2K{} {}/{}, {messages} messages: {}",
                self.unit,
                self.at,
                self.total,
                escaped(&self.what)
            );
            let _ = err.flush();
        }
    }

    /// The last line, replacing the counter.
    pub(crate) fn done(&self, messages: u64) {
        if self.shown {
            eprintln!(
                "\r\x1b[2K{} {}, {messages} messages imported",
                self.total, self.finished
            );
        }
    }
}
