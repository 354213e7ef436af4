//! The call registry of a single node (`--hub local`, on SQLite or PostgreSQL): who is
//! in which room's call, in memory only. Nothing of a call is stored, so calls do not
//! survive a restart, and nothing needs cleaning after a crash.

use crate::model::events::{CallParticipant, MediaState};
use crate::store::people::users::User;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

/// Who is in which room's call.
#[derive(Default)]
pub struct Calls {
    rooms: Mutex<HashMap<i64, BTreeMap<i64, InCall>>>,
}

struct InCall {
    username: String,
    display_name: String,
    microphone_on: bool,
    camera_on: bool,
    sfu: bool,
    /// The sockets through which the user joined; they leave when the last one does.
    sockets: HashSet<u64>,
}

impl Calls {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i64, BTreeMap<i64, InCall>>> {
        self.rooms.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The users in a room's call, by id.
    pub fn participants(&self, room_id: i64) -> Vec<CallParticipant> {
        self.lock()
            .get(&room_id)
            .map(|users| {
                users
                    .iter()
                    .map(|(id, u)| CallParticipant {
                        user_id: *id,
                        username: u.username.clone(),
                        display_name: u.display_name.clone(),
                        microphone_on: u.microphone_on,
                        camera_on: u.camera_on,
                        sfu: u.sfu,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Adds a socket of a user to the call (`sfu`: it sends through the SFU, which holds
    /// for the user while any socket of theirs does); `true` when the user was not in it
    /// before.
    pub fn join(&self, room_id: i64, user: &User, socket: u64, sfu: bool) -> bool {
        let mut rooms = self.lock();
        let users = rooms.entry(room_id).or_default();
        let entry = users.entry(user.id).or_insert_with(|| InCall {
            username: user.username.clone(),
            display_name: user.shown_name().to_owned(),
            microphone_on: true,
            camera_on: true,
            sfu: false,
            sockets: HashSet::new(),
        });
        let new = entry.sockets.is_empty();
        entry.sfu |= sfu;
        entry.sockets.insert(socket);
        new
    }

    /// Notes what a user in the call says of their microphone and camera; `false` when
    /// they are not in it.
    pub fn set_media(&self, room_id: i64, user_id: i64, media: MediaState) -> bool {
        let mut rooms = self.lock();
        let Some(entry) = rooms.get_mut(&room_id).and_then(|u| u.get_mut(&user_id)) else {
            return false;
        };
        if let Some(on) = media.microphone_on {
            entry.microphone_on = on;
        }
        if let Some(on) = media.camera_on {
            entry.camera_on = on;
        }
        true
    }

    /// Removes a socket from the call; `true` when that was the user's last one.
    pub fn leave(&self, room_id: i64, user_id: i64, socket: u64) -> bool {
        let mut rooms = self.lock();
        let Some(users) = rooms.get_mut(&room_id) else {
            return false;
        };
        let Some(entry) = users.get_mut(&user_id) else {
            return false;
        };
        if !entry.sockets.remove(&socket) {
            return false;
        }
        let gone = entry.sockets.is_empty();
        if gone {
            users.remove(&user_id);
        }
        if users.is_empty() {
            rooms.remove(&room_id);
        }
        gone
    }

    /// Takes a user out of the call, whatever sockets they joined through; `true` when
    /// they were in it.
    pub fn remove_user(&self, room_id: i64, user_id: i64) -> bool {
        let mut rooms = self.lock();
        let Some(users) = rooms.get_mut(&room_id) else {
            return false;
        };
        let was_in = users.remove(&user_id).is_some();
        if users.is_empty() {
            rooms.remove(&room_id);
        }
        was_in
    }
}
