//! People, devices and rooms on either homeserver, made the way each one allows: on
//! natter an account through natter's own registration (`/api/auth/register/`, which
//! also gives the token natter's chats surface takes) and devices by Matrix password
//! sign-in; on Synapse an account by open registration and more devices by sign-in.
//! Rooms are made through Matrix `createRoom` with `invite` on both; Synapse's invitees
//! then join, natter's are members at once.

use super::api::{Device, Matrix};
use super::ServerKind;
use crate::client::{Api, User};
use crate::{fail, Result};
use futures_util::{stream, StreamExt, TryStreamExt};

/// A person of the scenario and their signed-in devices.
#[derive(Debug, Clone)]
pub struct Person {
    /// The name a password sign-in takes.
    pub username: String,
    /// natter's own account and token (natter only): what the chats surface takes.
    pub natter: Option<User>,
    /// Matrix devices, each its own access token.
    pub devices: Vec<Device>,
}

impl Person {
    /// The first device (every person has one).
    pub fn device(&self) -> &Device {
        &self.devices[0]
    }
}

/// One homeserver and how people and rooms are made on it.
#[derive(Clone)]
pub struct Homeserver {
    /// Which server it is: decides how people and rooms are made.
    pub kind: ServerKind,
    /// The Matrix client every measurement speaks through.
    pub matrix: Matrix,
    /// natter's own API (registration and the chats surface); names runs apart on both.
    api: Api,
}

impl Homeserver {
    /// A homeserver of `kind` at `base`.
    pub fn new(kind: ServerKind, base: &str) -> Result<Homeserver> {
        Ok(Homeserver {
            kind,
            matrix: Matrix::new(base)?,
            api: Api::new(base)?,
        })
    }

    /// Person `i` of `prefix` with `devices` signed-in devices (at least one).
    pub async fn person(&self, prefix: &str, i: usize, devices: usize) -> Result<Person> {
        let (username, natter, first) = match self.kind {
            ServerKind::Natter => {
                let user = self.api.register(prefix, i).await?;
                let first = self.matrix.login(&user.username).await?;
                (user.username.clone(), Some(user), first)
            }
            ServerKind::Synapse => {
                let username = format!("{prefix}_{}_{i}", self.api.tag());
                let first = self.matrix.register(&username).await?;
                (username, None, first)
            }
        };
        let mut all = vec![first];
        for _ in 1..devices.max(1) {
            all.push(self.matrix.login(&username).await?);
        }
        Ok(Person {
            username,
            natter,
            devices: all,
        })
    }

    /// `n` people of `prefix`, `concurrency` made at a time (a password hash each sign-up
    /// and sign-in makes them slow on both servers).
    pub async fn people(
        &self,
        prefix: &str,
        n: usize,
        devices: usize,
        concurrency: usize,
    ) -> Result<Vec<Person>> {
        stream::iter(0..n)
            .map(|i| self.person(prefix, i, devices))
            .buffered(concurrency.max(1))
            .try_collect()
            .await
    }

    /// A private room named `name` made by `owner` with `members` in it; its room id.
    pub async fn room(&self, owner: &Person, name: &str, members: &[&Person]) -> Result<String> {
        let invite: Vec<String> = members
            .iter()
            .map(|p| p.device().user_id.clone())
            .filter(|id| *id != owner.device().user_id)
            .collect();
        let room = self
            .matrix
            .create_room(owner.device(), name, &invite)
            .await?;
        if self.kind == ServerKind::Synapse {
            for p in members {
                if p.device().user_id != owner.device().user_id {
                    self.matrix.join(p.device(), &room).await?;
                }
            }
        }
        Ok(room)
    }

    /// Sends `text` to `room` through natter's own chats surface (`POST
    /// /messages/api/chats/{id}/messages/` with natter's token): natter only.
    pub async fn send_natter(&self, who: &Person, room: &str, text: &str) -> Result<()> {
        let Some(user) = &who.natter else {
            return fail("only natter has its own chats surface");
        };
        self.api.send_message(user, chat_id(room)?, text).await?;
        Ok(())
    }
}

/// natter's chat id in a room id `!<chat id>:<server name>`.
pub fn chat_id(room: &str) -> Result<i64> {
    room.strip_prefix('!')
        .and_then(|r| r.split(':').next())
        .and_then(|id| id.parse().ok())
        .map_or_else(|| fail(format!("{room} is no natter room id")), Ok)
}
