//! Messages one Matrix device sends straight to others (`/sendToDevice`): room keys,
//! key requests, verification. Each is kept for its recipient device until that
//! device's sync moves past it, as the sender's app wrote it; natter never reads one.

use crate::domain::error::Result;
use crate::state::App;
use crate::store;
use crate::store::matrix::to_device::ToDevice;

/// The most messages waiting for one device: past it, a device that never syncs is
/// sent no more (its app starts afresh when it comes back, asking for keys again).
pub const MAX_WAITING: i64 = 1_000;
/// The largest message kept, in bytes of JSON.
pub const MAX_CONTENT: usize = 64 * 1024;

/// Which of a person's devices a message goes to.
pub enum Devices {
    /// Every signed-in device (`*`).
    All,
    One(String),
}

/// One message to send: to whom, and its content as JSON text.
pub struct Outgoing {
    pub user_id: i64,
    pub devices: Devices,
    pub content: String,
}

/// Sends `messages` of type `kind` from `me` (`sender`: their Matrix id), once per
/// transaction id of the device whose token hashes to `token_hash`. Messages to people
/// `me` shares no chat with, or to devices that are not signed in, are dropped, as
/// Matrix drops messages to unknown devices.
pub async fn send(
    app: &App,
    me: i64,
    sender: String,
    token_hash: Vec<u8>,
    txn: String,
    kind: String,
    messages: Vec<Outgoing>,
) -> Result<()> {
    app.db
        .write(move |c| {
            if !store::matrix::to_device::note_txn(c, &token_hash, &txn)? {
                return Ok(());
            }
            let mut deliveries: Vec<(i64, String, &str)> = Vec::new();
            for m in &messages {
                if !super::keys::may_reach(c, me, m.user_id)? {
                    continue;
                }
                let signed_in = store::people::sessions::device_ids(c, m.user_id)?;
                let devices: Vec<String> = match &m.devices {
                    Devices::All => signed_in,
                    Devices::One(id) => signed_in.into_iter().filter(|d| d == id).collect(),
                };
                for device in devices {
                    if store::matrix::to_device::waiting(c, m.user_id, &device)? < MAX_WAITING {
                        deliveries.push((m.user_id, device, &m.content));
                    }
                }
            }
            if deliveries.is_empty() {
                return Ok(());
            }
            let mut recipients: Vec<i64> = deliveries.iter().map(|(u, _, _)| *u).collect();
            recipients.sort_unstable();
            recipients.dedup();
            let pos = store::matrix_log::note_to_device(c, &recipients)?;
            for (user_id, device, content) in deliveries {
                store::matrix::to_device::insert(
                    c, user_id, &device, pos, &sender, &kind, content,
                )?;
            }
            Ok(())
        })
        .await
}

/// The most messages one sync carries to a device, as Synapse carries: the rest come in
/// the next. An app that was away a while (up to [`MAX_WAITING`] waiting) gets them in
/// answers a phone can take.
pub const MAX_PER_SYNC: usize = 100;
/// The most bytes of messages' content one sync carries to a device, but always at least
/// one message (each is at most [`MAX_CONTENT`]): room keys and verification messages are
/// a few kilobytes, so a hundred of them fit many times over, while a hundred of the
/// largest would make a 6 MB answer. 1 MiB is about sixteen of the largest.
pub const MAX_SYNC_BYTES: i64 = 1024 * 1024;

/// Of the oldest messages waiting (id, bytes), the id of the last one a sync carries:
/// at most [`MAX_PER_SYNC`] and [`MAX_SYNC_BYTES`], at least one. The same waiting
/// messages always give the same answer, which is how a later sync knows what an
/// earlier one carried ([`received`]).
fn last_carried(waiting: &[(i64, i64)]) -> Option<i64> {
    let mut bytes = 0;
    let mut last = None;
    for (id, size) in waiting.iter().take(MAX_PER_SYNC) {
        if last.is_some() && bytes + size > MAX_SYNC_BYTES {
            break;
        }
        bytes += size;
        last = Some(*id);
    }
    last
}

/// Forgets the messages a device's app has received: those a sync answered at log
/// position `upto` carried (the since token it syncs from now). A sync carries the
/// oldest waiting messages up to its position, within [`MAX_PER_SYNC`] and
/// [`MAX_SYNC_BYTES`]; the same choice made again here names the ones carried (no
/// message can be sent at a position already read, so the waiting ones up to `upto`
/// are the ones that sync saw), and the rest move to a new position past `upto`, where
/// the next sync finds them. After this no message waits at or before `upto`, so the
/// same token presented again (a retried sync) forgets nothing more. Reads first, so a
/// sync with nothing received costs no write.
pub async fn received(app: &App, me: i64, device: String, upto: i64) -> Result<()> {
    let d = device.clone();
    let any = app
        .db
        .read(move |c| {
            Ok::<_, crate::domain::Error>(store::matrix::to_device::any_up_to(c, me, &d, upto)?)
        })
        .await?;
    if !any {
        return Ok(());
    }
    app.db
        .write(move |c| {
            let waiting =
                store::matrix::to_device::sizes_up_to(c, me, &device, upto, MAX_PER_SYNC as i64)?;
            if let Some(last) = last_carried(&waiting) {
                store::matrix::to_device::remove_up_to(c, me, &device, upto, last)?;
            }
            if store::matrix::to_device::any_up_to(c, me, &device, upto)? {
                let pos = store::matrix_log::note_to_device(c, &[me])?;
                store::matrix::to_device::move_up_to(c, me, &device, upto, pos)?;
            }
            Ok(())
        })
        .await
}

/// The messages a sync at log position `upto` carries to a device, read in `c`: the
/// oldest waiting up to it, within [`MAX_PER_SYNC`] and [`MAX_SYNC_BYTES`].
pub fn waiting_in(c: &store::Conn, me: i64, device: &str, upto: i64) -> Result<Vec<ToDevice>> {
    let waiting = store::matrix::to_device::sizes_up_to(c, me, device, upto, MAX_PER_SYNC as i64)?;
    Ok(match last_carried(&waiting) {
        Some(last) => store::matrix::to_device::up_to(c, me, device, upto, last)?,
        None => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sync_carries_at_most_a_hundred_messages_and_a_mebibyte_but_always_one() {
        let small: Vec<(i64, i64)> = (1..=150).map(|id| (id, 2_000)).collect();
        assert_eq!(last_carried(&small), Some(100));
        let large: Vec<(i64, i64)> = (1..=20).map(|id| (id, 60_000)).collect();
        assert_eq!(last_carried(&large), Some(17));
        assert_eq!(last_carried(&[(7, MAX_SYNC_BYTES * 2)]), Some(7));
        assert_eq!(last_carried(&[]), None);
    }
}
