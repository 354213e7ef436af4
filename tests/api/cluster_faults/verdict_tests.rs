//! The verdict held to what it must say, without a server: silent on a clean made-up
//! record, and naming each broken guarantee planted in one (a verdict that says nothing
//! would let every fault test pass).

use super::clients::{ClientLog, ConnLog, End};
use super::senders::Sent;
use super::verdict::{Facts, Fault, SERVER_ERROR};
use std::time::{Duration, Instant};

/// `at` seconds after `t0`.
fn at(t0: Instant, secs: f64) -> Instant {
    t0 + Duration::from_secs_f64(secs)
}

/// Messages 10 and 11 in chat 7, sent on a and b and answered at 1 s and 2 s; alice's
/// one socket (on b, open from 0.5 s to the end at 20 s) got both live at once.
fn clean(t0: Instant) -> (Vec<ClientLog>, Vec<Sent>) {
    let sent = vec![
        Sent {
            chat: 7,
            node: 0,
            started: at(t0, 0.9),
            acked: Some((10, at(t0, 1.0))),
        },
        Sent {
            chat: 7,
            node: 1,
            started: at(t0, 1.9),
            acked: Some((11, at(t0, 2.0))),
        },
    ];
    let mut alice = ClientLog::new("alice", &[7]);
    alice.conns.push(ConnLog {
        node: 1,
        opened: at(t0, 0.5),
        frames: vec![(7, 10, at(t0, 1.0)), (7, 11, at(t0, 2.0))],
        errors: Vec::new(),
        end: Some((at(t0, 20.0), End::Stopped)),
    });
    alice.view.insert(7, [10, 11].into());
    (vec![alice], sent)
}

/// The problems the verdict finds in `logs` and `sent`, stopped at 20 s.
fn problems(t0: Instant, logs: &[ClientLog], sent: &[Sent], faults: &[Fault]) -> Vec<String> {
    Facts {
        logs,
        sent,
        faults,
        bound: Duration::from_secs(5),
        start: t0,
        stopped: at(t0, 20.0),
    }
    .problems()
}

#[test]
fn a_clean_record_breaks_nothing() {
    let t0 = Instant::now();
    let (logs, sent) = clean(t0);
    assert_eq!(problems(t0, &logs, &sent, &[]), Vec::<String>::new());
}

#[test]
fn a_message_missing_from_a_view_and_an_open_socket_is_named() {
    let t0 = Instant::now();
    let (mut logs, sent) = clean(t0);
    logs[0].conns[0].frames.pop();
    logs[0].view.get_mut(&7).unwrap().remove(&11);
    logs[0].catch_up_log.push((at(t0, 3.0), 7, 12));
    let found = problems(t0, &logs, &sent, &[]);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("alice never got 1 acknowledged message(s) of chat 7"));
    assert!(found[0].contains("[11 (b 2.0s)]"), "{}", found[0]);
    assert!(found[0].contains("catch-ups that asked past 11: [alice's at 3.0s after=12]"));
    assert!(found[1].contains("stayed open over 5s after the 201 of 1 message(s)"));
}

#[test]
fn a_socket_closed_within_the_bound_may_lack_a_message_its_catch_up_brought() {
    let t0 = Instant::now();
    let (mut logs, sent) = clean(t0);
    logs[0].conns[0].frames.pop();
    logs[0].conns[0].end = Some((at(t0, 6.0), End::Code(Some(1012))));
    assert_eq!(problems(t0, &logs, &sent, &[]), Vec::<String>::new());
    // Closed too late: open 5 s past the 201 without the message.
    logs[0].conns[0].end = Some((at(t0, 7.5), End::Code(Some(1012))));
    let found = problems(t0, &logs, &sent, &[]);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("closed 1012 at 7.5s"), "{}", found[0]);
}

#[test]
fn frames_out_of_order_repeated_or_late_are_named() {
    let t0 = Instant::now();
    let (mut logs, sent) = clean(t0);
    let frames = &mut logs[0].conns[0].frames;
    frames.swap(0, 1);
    frames.push((7, 11, at(t0, 2.5)));
    frames[0].2 = at(t0, 8.0);
    let found = problems(t0, &logs, &sent, &[]);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].contains("alice: 1 of 1 socket(s) got 1 frame(s) out of order"));
    assert!(found[0].contains("[10 after 11 in chat 7]"), "{}", found[0]);
    assert!(found[1].contains("1 frame(s) repeated; the most on alice's socket 0 on b"));
    assert!(found[1].contains("[11 in chat 7]"), "{}", found[1]);
    assert!(found[2].contains("got 1 message(s) over 5s after their 201 (worst 6.0s)"));
}

#[test]
fn database_text_and_a_broken_socket_whose_node_lived_are_named() {
    let t0 = Instant::now();
    let (mut logs, sent) = clean(t0);
    let conn = &mut logs[0].conns[0];
    let frame = |message: &str| {
        serde_json::json!({"type": "error", "error": "server_error", "details": {"message": message}})
            .to_string()
    };
    conn.errors = vec![frame(SERVER_ERROR), frame("FATAL: terminating connection")];
    conn.end = Some((at(t0, 15.0), End::Broken("reset".into())));
    let found = problems(t0, &logs, &sent, &[]);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("broke (reset), not 1001, 1012 or 1013"));
    assert!(found[1].contains("1 error frame(s)") && found[1].contains("FATAL"));
    // Its node killed at 14 s: the break is excused.
    let killed = Fault {
        what: "node b killed",
        node: Some(1),
        at: at(t0, 14.0),
    };
    assert_eq!(problems(t0, &logs, &sent, &[killed]).len(), 1);
}
