//! What `idle`, `storm`, `bigroom` and `restart` share: a town of people in team rooms
//! and one big room (`people`), the client processes that hold the sockets (`holders`),
//! natter's steady memory (`memory`), and which limit stopped the sockets opening.

pub mod holders;
pub mod memory;
pub mod people;

use crate::client::Api;
use crate::report::Report;
use crate::server::Server;
use crate::Result;
use clap::Args;
use holders::{Holders, Opened};
use people::{Shape, Town};
use std::time::Duration;

/// The target every socket scenario holds natter's memory to: bytes of private
/// (anonymous) memory per socket; RSS per socket is reported beside it.
pub const PRIVATE_PER_SOCKET_TARGET: f64 = 6.0 * 1024.0;

/// The town and the client processes, shared by the socket scenarios.
#[derive(Args, Debug, Clone)]
pub struct ReachArgs {
    /// People, made with natter's hidden `seed-people`.
    #[arg(long, default_value_t = 10_000)]
    pub people: usize,
    /// Members of the big room (every other person).
    #[arg(long, default_value_t = 5_000)]
    pub big_room: usize,
    /// Members of a team room.
    #[arg(long, default_value_t = 50)]
    pub team_size: usize,
    /// Team rooms each person is in.
    #[arg(long, default_value_t = 3)]
    pub teams_per_person: usize,
    /// Most sockets one client process holds (its open-file limit is the bound; more
    /// sockets start more processes).
    #[arg(long, default_value_t = 8_000)]
    pub sockets_per_process: usize,
    /// Loopback source addresses the sockets come from (127.0.0.2 and up).
    #[arg(long, default_value_t = 8)]
    pub sources: usize,
    /// Seconds natter's memory must hold still before it is read.
    #[arg(long, default_value_t = 3.0)]
    pub steady_secs: f64,
    /// Smoke-test size: 40 people, rooms of 10 and 20.
    #[arg(long)]
    pub tiny: bool,
}

impl ReachArgs {
    /// The town's shape (the tiny one with `--tiny`).
    pub fn shape(&self) -> Shape {
        if self.tiny {
            return Shape {
                people: 40,
                big_room: 20,
                team_size: 10,
                teams_per_person: 2,
            };
        }
        Shape {
            people: self.people.max(2),
            big_room: self.big_room.clamp(1, self.people.max(2).div_ceil(2)),
            team_size: self.team_size.max(2),
            teams_per_person: self.teams_per_person.max(1),
        }
    }

    /// How long memory must hold still.
    pub fn steady(&self) -> Duration {
        if self.tiny {
            Duration::from_millis(500)
        } else {
            Duration::from_secs_f64(self.steady_secs.max(0.5))
        }
    }
}

/// The town, its sockets' holders, and how many sockets are open.
pub struct Crowd {
    pub api: Api,
    pub town: Town,
    pub holders: Holders,
    /// Sockets open so far (socket `i` belongs to person `town.person_of(i)`).
    pub open: usize,
}

impl Crowd {
    /// Seeds the town and starts enough holders for `most` sockets.
    pub async fn new(server: &Server, args: &ReachArgs, most: usize) -> Result<Crowd> {
        let api = Api::new(&server.base)?;
        let town = people::build(server, &api, args.shape()).await?;
        let processes = most.div_ceil(args.sockets_per_process.max(1)).max(1);
        let holders = Holders::start(processes, holders::sources(args.sources)).await?;
        Ok(Crowd {
            api,
            town,
            holders,
            open: 0,
        })
    }

    /// Opens sockets until `total` are open (or fail), each first attempt spread over
    /// `spread`, retried with the web client's back-off when `retry`, at most
    /// `concurrency` attempts in flight (0: no bound).
    pub async fn open_to(
        &mut self,
        base: &str,
        total: usize,
        spread: Duration,
        retry: bool,
        concurrency: usize,
    ) -> Result<Opened> {
        let plan: Vec<(String, i64)> = (self.open..total.max(self.open))
            .map(|i| {
                let p = self.town.person_of(i);
                (self.town.people[p].token.clone(), self.town.home[p])
            })
            .collect();
        let opened = self
            .holders
            .open(base, &plan, spread, retry, concurrency)
            .await?;
        self.open += opened.ok;
        Ok(opened)
    }

    /// How many open sockets each person has.
    pub fn sockets_per_person(&self) -> Vec<usize> {
        let mut counts = vec![0; self.town.people.len()];
        for i in 0..self.open {
            counts[self.town.person_of(i)] += 1;
        }
        counts
    }

    /// How many open sockets belong to members of a room (indexes into the people).
    pub fn sockets_of(&self, member: impl Fn(usize) -> bool) -> usize {
        (0..self.open)
            .filter(|&i| member(self.town.person_of(i)))
            .count()
    }
}

/// Names the limit that stopped sockets opening: the kinds of failed attempts, and
/// natter's open files against its limit. Added to `report` as a note.
pub fn note_what_stopped(
    report: &mut Report,
    server: &Server,
    wanted: usize,
    opened: &Opened,
    open: usize,
) {
    let files = server.open_files();
    if let Some((fds, limit)) = files {
        report.add("natter_open_files", fds as f64, "fds");
        report.add("natter_open_file_limit", limit as f64, "fds");
    }
    if open >= wanted {
        report.note(format!(
            "all {wanted} sockets opened; natter's open files {}",
            files.map_or("unknown".into(), |(f, l)| format!("{f} of {l}"))
        ));
        return;
    }
    let mut kinds: Vec<String> = opened
        .errors
        .iter()
        .map(|(k, n)| format!("{k}: {n}"))
        .collect();
    if let Some((fds, limit)) = files {
        if fds + 16 >= limit {
            kinds.insert(
                0,
                format!("natter's open-file limit ({fds} of {limit} in use)"),
            );
        }
    }
    report.note(format!(
        "stopped at {open} of {wanted} sockets; what stopped it: {}; first error: {}",
        kinds.join(", "),
        opened.first_error.as_deref().unwrap_or("none")
    ));
}
