//! The population `reach`'s scenarios share: N people (made with natter's hidden
//! `seed-people`, one password hash for all), each in a few team rooms, every other
//! person in one big room; and which person each socket belongs to.

use crate::client::{Api, User};
use crate::server::Server;
use crate::{fail, Result};
use futures_util::{stream, StreamExt, TryStreamExt};

/// Who is in which room.
pub struct Town {
    pub people: Vec<User>,
    /// The big room's chat id and its members (indexes into `people`).
    pub big_room: i64,
    pub big_members: Vec<usize>,
    /// Each team room's chat id and members (indexes into `people`).
    pub teams: Vec<(i64, Vec<usize>)>,
    /// Each person's first team room (where a reconnect catches up).
    pub home: Vec<i64>,
    /// Whether each person is in the big room.
    pub in_big: Vec<bool>,
}

/// How big the town is.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub people: usize,
    pub big_room: usize,
    pub team_size: usize,
    pub teams_per_person: usize,
}

/// A fixed shuffle of `0..n` (the `k`th), so team rooms mix people differently.
fn shuffled(n: usize, k: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    if k > 0 {
        order.sort_by_key(|&p| {
            let mut x = (p as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (k as u64) << 32;
            x ^= x >> 31;
            x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x ^ (x >> 29)
        });
    }
    order
}

/// Seeds the people and makes the rooms.
pub async fn build(server: &Server, api: &Api, shape: Shape) -> Result<Town> {
    let people = server
        .seed_people(&format!("reach{}", api.tag()), shape.people)
        .await?;
    if people.len() != shape.people {
        return fail(format!(
            "seed-people made {} of {} people",
            people.len(),
            shape.people
        ));
    }
    let n = people.len();
    // Team rooms: `teams_per_person` shuffles of everyone, cut into rooms of `team_size`.
    let mut member_lists: Vec<Vec<usize>> = Vec::new();
    for k in 0..shape.teams_per_person.max(1) {
        for chunk in shuffled(n, k).chunks(shape.team_size.max(2)) {
            member_lists.push(chunk.to_vec());
        }
    }
    let teams: Vec<(i64, Vec<usize>)> = stream::iter(member_lists.into_iter().enumerate())
        .map(|(t, members)| {
            let people = &people;
            async move {
                let ids: Vec<i64> = members.iter().map(|&m| people[m].id).collect();
                let chat = api
                    .create_group(&people[members[0]], &format!("team {t}"), &ids)
                    .await?;
                Ok::<_, crate::Error>((chat, members))
            }
        })
        .buffered(8)
        .try_collect()
        .await?;
    let mut home = vec![0i64; n];
    for (chat, members) in teams.iter().rev() {
        for &m in members {
            home[m] = *chat;
        }
    }
    // The big room: every other person, up to its size.
    let big_members: Vec<usize> = (0..n).step_by(2).take(shape.big_room).collect();
    let ids: Vec<i64> = big_members.iter().map(|&m| people[m].id).collect();
    let big_room = api
        .create_group(&people[big_members[0]], "everyone", &ids)
        .await?;
    let mut in_big = vec![false; n];
    for &m in &big_members {
        in_big[m] = true;
    }
    Ok(Town {
        people,
        big_room,
        big_members,
        teams,
        home,
        in_big,
    })
}

impl Town {
    /// The person socket `i` belongs to: sockets go round the people, so at 2N sockets
    /// each person has two (a laptop and a phone).
    pub fn person_of(&self, socket: usize) -> usize {
        socket % self.people.len()
    }
}
