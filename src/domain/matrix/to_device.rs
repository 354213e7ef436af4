//! Messages one Matrix device sends straight to others (`/sendToDevice`): room keys,
//! key requests, verification. Each is kept for its recipient device until that
//! device's sync moves past it, as the sender's app wrote it; natter never reads one.

use crate::domain::error::Result;
use crate::state::App;
use crate::store;
use crate::store::matrix_to_device::ToDevice;

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
            if !store::matrix_to_device::note_txn(c, &token_hash, &txn)? {
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
                    if store::matrix_to_device::waiting(c, m.user_id, &device)? < MAX_WAITING {
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
                store::matrix_to_device::insert(c, user_id, &device, pos, &sender, &kind, content)?;
            }
            Ok(())
        })
        .await
}

/// Forgets the messages a device's app has received: those sent at positions up to
/// `upto`, the since token it syncs from. Reads first, so a sync with nothing received
/// costs no write.
pub async fn received(app: &App, me: i64, device: String, upto: i64) -> Result<()> {
    let d = device.clone();
    let any = app
        .db
        .read(move |c| {
            Ok::<_, crate::domain::Error>(store::matrix_to_device::any_up_to(c, me, &d, upto)?)
        })
        .await?;
    if !any {
        return Ok(());
    }
    app.db
        .write(move |c| Ok(store::matrix_to_device::remove_up_to(c, me, &device, upto)?))
        .await
}

/// The messages waiting for a device, sent at positions up to `upto`, read in `c`.
pub fn waiting_in(c: &store::Conn, me: i64, device: &str, upto: i64) -> Result<Vec<ToDevice>> {
    Ok(store::matrix_to_device::up_to(c, me, device, upto)?)
}
