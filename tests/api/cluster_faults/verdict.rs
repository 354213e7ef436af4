//! What the fault tests conclude from what was sent and what each client saw: issue
//! 33's guarantees, each checked and, when broken, told in a few lines (who lacks which
//! ids, which socket saw which order), never the whole record.

use super::clients::{ClientLog, End};
use super::senders::Sent;
use super::NodeIx;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::time::{Duration, Instant};

/// The text an error frame carries when the server failed (as REST says it).
pub const SERVER_ERROR: &str = "A server error occurred.";
/// The text an error frame carries when the server could not reach its database (a 503
/// with `Retry-After` in REST): the client may try again in a moment.
const STORE_DOWN: &str = "The server cannot reach its database; try again in a moment.";
/// The close codes that tell a client to reconnect and catch up.
const RECONNECT_CODES: [u16; 3] = [1001, 1012, 1013];
/// How many items a line of the report names before it only counts.
const SHOWN: usize = 8;

/// A fault the test injected, for the summary and to excuse the sockets it broke.
pub struct Fault {
    pub what: &'static str,
    /// The node it hit (a killed node's sockets break without a close frame).
    pub node: Option<NodeIx>,
    pub at: Instant,
}

/// Everything a verdict is drawn from.
pub struct Facts<'a> {
    pub logs: &'a [ClientLog],
    pub sent: &'a [Sent],
    pub faults: &'a [Fault],
    /// How long after its 201 a message may take to reach an open socket.
    pub bound: Duration,
    pub start: Instant,
    /// When the clients were stopped: sockets still open were open until then.
    pub stopped: Instant,
}

/// Who lack one chat's set of missing ids, and their catch-ups that asked past the first.
type Lacking<'a> = (Vec<&'a str>, Vec<String>);

/// "a" or "b".
fn node_name(node: NodeIx) -> &'static str {
    ["a", "b"][node]
}

/// `items`, at most [`SHOWN`] of them, and how many more.
fn listed<T: std::fmt::Display>(items: &[T]) -> String {
    let mut s: Vec<String> = items.iter().take(SHOWN).map(|i| i.to_string()).collect();
    if items.len() > SHOWN {
        s.push(format!("... {} more", items.len() - SHOWN));
    }
    format!("[{}]", s.join(", "))
}

impl Facts<'_> {
    /// `t` as seconds since the scene started, as every line of the report gives times.
    fn at(&self, t: Instant) -> String {
        format!(
            "{:.1}s",
            t.saturating_duration_since(self.start).as_secs_f64()
        )
    }

    /// Acknowledged sends by id.
    fn acked(&self) -> BTreeMap<i64, (&Sent, Instant)> {
        self.sent
            .iter()
            .filter_map(|s| s.acked.map(|(id, at)| (id, (s, at))))
            .collect()
    }

    /// How the report names socket `k` of `log`: whose, which node, when it opened and
    /// how it ended.
    fn socket(&self, log: &ClientLog, k: usize) -> String {
        let conn = &log.conns[k];
        let end = match &conn.end {
            None | Some((_, End::Stopped)) => "open to the end".to_string(),
            Some((t, End::Code(Some(code)))) => format!("closed {code} at {}", self.at(*t)),
            Some((t, End::Code(None))) => format!("closed without a code at {}", self.at(*t)),
            Some((t, End::Broken(_))) => format!("broken at {}", self.at(*t)),
        };
        let (name, node, opened) = (&log.name, node_name(conn.node), self.at(conn.opened));
        format!("{name}'s socket {k} on {node} (opened {opened}, {end})")
    }

    /// Every broken guarantee, one line each; empty when all hold.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.missing_from_views(&mut out);
        for log in self.logs {
            out.extend(log.failures.iter().map(|f| format!("{}: {f}", log.name)));
            self.order(log, &mut out);
            for k in 0..log.conns.len() {
                self.live(log, k, &mut out);
                self.close(log, k, &mut out);
                self.error_frames(log, k, &mut out);
            }
        }
        out
    }

    /// Guarantee 4: every acknowledged message is in every member's view. One line per
    /// chat and set of missing ids, naming the members who lack them and the catch-ups
    /// that asked for ids past them.
    fn missing_from_views(&self, out: &mut Vec<String>) {
        let acked = self.acked();
        let mut lacks: BTreeMap<(i64, Vec<i64>), Lacking> = BTreeMap::new();
        for log in self.logs {
            for chat in &log.chats {
                let view = &log.view[chat];
                let missing: Vec<i64> = acked
                    .iter()
                    .filter(|(id, (s, _))| s.chat == *chat && !view.contains(id))
                    .map(|(id, _)| *id)
                    .collect();
                let Some(&first) = missing.first() else {
                    continue;
                };
                let (who, past) = lacks.entry((*chat, missing)).or_default();
                who.push(&log.name);
                let catch_up = log
                    .catch_up_log
                    .iter()
                    .find(|(_, c, after)| c == chat && *after > first);
                if let Some((t, _, after)) = catch_up {
                    past.push(format!("{}'s at {} after={after}", log.name, self.at(*t)));
                }
            }
        }
        for ((chat, missing), (who, past)) in lacks {
            let shown: Vec<String> = missing
                .iter()
                .map(|id| {
                    let (s, at) = acked[id];
                    format!("{id} ({} {})", node_name(s.node), self.at(at))
                })
                .collect();
            let past = if past.is_empty() {
                String::new()
            } else {
                format!(
                    "; catch-ups that asked past {}: {}",
                    missing[0],
                    listed(&past)
                )
            };
            out.push(format!(
                "{} never got {} acknowledged message(s) of chat {chat} (id, node, 201 at): {}{past}",
                who.join(", "),
                missing.len(),
                listed(&shown)
            ));
        }
    }

    /// Guarantee 1: on one socket, a chat's frames in strictly increasing id order. One
    /// line per client: how many of its sockets broke it, with the worst one's examples.
    fn order(&self, log: &ClientLog, out: &mut Vec<String>) {
        for (what, pick) in [("out of order", 0), ("repeated", 1)] {
            let found: Vec<(usize, Vec<String>)> = (0..log.conns.len())
                .map(|k| (k, Self::disorder(log, k).swap_remove(pick)))
                .filter(|(_, found)| !found.is_empty())
                .collect();
            let Some((worst, examples)) = found.iter().max_by_key(|(_, f)| f.len()) else {
                continue;
            };
            let total: usize = found.iter().map(|(_, f)| f.len()).sum();
            out.push(format!(
                "{}: {} of {} socket(s) got {total} frame(s) {what}; the most on {}: {}",
                log.name,
                found.len(),
                log.conns.len(),
                self.socket(log, *worst),
                listed(examples)
            ));
        }
    }

    /// Socket `k`'s frames that came after a higher id of their chat, and those that
    /// came twice.
    fn disorder(log: &ClientLog, k: usize) -> Vec<Vec<String>> {
        let mut per_chat: BTreeMap<i64, (i64, BTreeSet<i64>)> = BTreeMap::new();
        let (mut backwards, mut repeated) = (Vec::new(), Vec::new());
        for &(chat, id, _) in &log.conns[k].frames {
            let (last, seen) = per_chat.entry(chat).or_default();
            if !seen.insert(id) {
                repeated.push(format!("{id} in chat {chat}"));
            } else if id < *last {
                backwards.push(format!("{id} after {last} in chat {chat}"));
            }
            *last = (*last).max(id);
        }
        vec![backwards, repeated]
    }

    /// Guarantees 2 and 3: a socket gets every message sent after it opened within the
    /// bound of its 201, or is closed within that bound (never left open without it).
    fn live(&self, log: &ClientLog, k: usize, out: &mut Vec<String>) {
        let conn = &log.conns[k];
        let until = match &conn.end {
            Some((t, end)) if *end != End::Stopped => *t,
            _ => self.stopped,
        };
        let mut arrived: BTreeMap<i64, Instant> = BTreeMap::new();
        for &(_, id, at) in &conn.frames {
            arrived.entry(id).or_insert(at);
        }
        let (mut late, mut lacked, mut worst) = (Vec::new(), Vec::new(), Duration::ZERO);
        for (id, (sent, acked)) in self.acked() {
            if !log.chats.contains(&sent.chat) || sent.started < conn.opened {
                continue;
            }
            match arrived.get(&id) {
                Some(at) if at.saturating_duration_since(acked) > self.bound => {
                    worst = worst.max(at.saturating_duration_since(acked));
                    late.push(format!("{id} ({})", node_name(sent.node)));
                }
                Some(_) => {}
                None if until.saturating_duration_since(acked) > self.bound => {
                    lacked.push(format!(
                        "{id} ({} {})",
                        node_name(sent.node),
                        self.at(acked)
                    ));
                }
                None => {}
            }
        }
        let bound = self.bound.as_secs_f64();
        if !lacked.is_empty() {
            out.push(format!(
                "{} stayed open over {bound}s after the 201 of {} message(s) it never got (id, node, 201 at): {}",
                self.socket(log, k),
                lacked.len(),
                listed(&lacked)
            ));
        }
        if !late.is_empty() {
            out.push(format!(
                "{} got {} message(s) over {bound}s after their 201 (worst {:.1}s): {}",
                self.socket(log, k),
                late.len(),
                worst.as_secs_f64(),
                listed(&late)
            ));
        }
    }

    /// Guarantee 3's codes: a close says to reconnect (1001, 1012, 1013); a connection
    /// breaks without a close frame only when its node was killed.
    fn close(&self, log: &ClientLog, k: usize, out: &mut Vec<String>) {
        let conn = &log.conns[k];
        let killed = |until: Instant| {
            self.faults
                .iter()
                .any(|f| f.node == Some(conn.node) && f.at >= conn.opened && f.at <= until)
        };
        let wrong = match &conn.end {
            Some((_, End::Code(Some(code)))) if RECONNECT_CODES.contains(code) => None,
            Some((_, End::Code(code))) => Some(format!("closed with {code:?}")),
            Some((t, End::Broken(why))) if !killed(*t) => Some(format!("broke ({why})")),
            _ => None,
        };
        if let Some(wrong) = wrong {
            out.push(format!(
                "{}: {wrong}, not 1001, 1012 or 1013",
                self.socket(log, k)
            ));
        }
    }

    /// An error frame says [`SERVER_ERROR`] or [`STORE_DOWN`], never a database's text.
    /// Each wrong text once, with how many frames carried it.
    fn error_frames(&self, log: &ClientLog, k: usize, out: &mut Vec<String>) {
        let mut wrong: BTreeMap<String, usize> = BTreeMap::new();
        for text in &log.conns[k].errors {
            let frame: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            let message = &frame["details"]["message"];
            if message != SERVER_ERROR && message != STORE_DOWN {
                let said = frame["details"]["message"]
                    .as_str()
                    .map_or(text.clone(), str::to_string);
                *wrong.entry(format!("{said:.120}")).or_default() += 1;
            }
        }
        if !wrong.is_empty() {
            let n: usize = wrong.values().sum();
            let said: Vec<String> = wrong.iter().map(|(t, n)| format!("{n} x {t:?}")).collect();
            let socket = self.socket(log, k);
            out.push(format!(
                "{socket}: {n} error frame(s) saying neither {SERVER_ERROR:?} nor {STORE_DOWN:?}: {}",
                listed(&said)
            ));
        }
    }

    /// What happened, in a few lines: sends, faults, and per client its sockets, how
    /// they ended, and what it got live and by catch-up.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        let acked: Vec<&Sent> = self.sent.iter().filter(|s| s.acked.is_some()).collect();
        let on = |n| acked.iter().filter(|s| s.node == n).count();
        let _ = write!(
            s,
            "sent {} (201: {} on a, {} on b; not 201: {}); faults:",
            self.sent.len(),
            on(0),
            on(1),
            self.sent.len() - acked.len()
        );
        let mut faults: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for f in self.faults {
            faults.entry(f.what).or_default().push(self.at(f.at));
        }
        for (what, at) in faults {
            let _ = write!(s, " {what} x{} {}", at.len(), listed(&at));
        }
        for log in self.logs {
            let mut ends: BTreeMap<String, usize> = BTreeMap::new();
            for conn in &log.conns {
                let end = match &conn.end {
                    None | Some((_, End::Stopped)) => "open".to_string(),
                    Some((_, End::Code(code))) => format!("{}", code.unwrap_or(1005)),
                    Some((_, End::Broken(_))) => "broken".to_string(),
                };
                *ends.entry(end).or_default() += 1;
            }
            let frames: usize = log.conns.iter().map(|c| c.frames.len()).sum();
            let errors: usize = log.conns.iter().map(|c| c.errors.len()).sum();
            let view: usize = log.view.values().map(BTreeSet::len).sum();
            let _ = write!(
                s,
                "\n  {}: {} socket(s) {ends:?}, refused {:?}, {frames} frames, {errors} error frames, {} catch-ups brought {}, view {view}",
                log.name,
                log.conns.len(),
                log.refusals,
                log.catch_ups,
                log.caught_up
            );
        }
        s
    }
}
