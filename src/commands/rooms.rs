//! The operator's care of the rooms newcomers start in: `natter rooms list | default |
//! not-default`, through the same domain functions administrators reach over
//! `/api/admin/chats/{id}/default/` (acting as `Actor::Operator`, so the audit list
//! records them too).

use crate::config::{Config, RoomsCommand};
use crate::domain::people::actor::Actor;
use crate::domain::{administration::moderation, people::first_day};
use crate::http::error::ApiError;
use crate::kit::printable::escaped;
use crate::startup::close;
use crate::startup::StartError;
use crate::state::App;
use crate::store::{messaging::chats::Chat, ChatKind};

/// Runs one `natter rooms ACTION`.
pub async fn run(config: Config, action: RoomsCommand) -> Result<(), StartError> {
    let app = App::build_existing(config).await?;
    let done = act(&app, action).await;
    close(&app).await;
    println!("{}", done?);
    Ok(())
}

fn failed(e: crate::domain::Error) -> StartError {
    StartError::from(ApiError::from(e))
}

/// Every room (not groups), with its member count: a team's server has a few dozen.
async fn rooms(app: &App) -> Result<Vec<(Chat, i64)>, StartError> {
    const PAGE: i64 = 1000;
    let mut all = Vec::new();
    loop {
        let (total, page) = moderation::chats_page(app, String::new(), PAGE, all.len() as i64)
            .await
            .map_err(failed)?;
        let last = page.len() < PAGE as usize;
        all.extend(page);
        if last || all.len() as i64 >= total {
            break;
        }
    }
    all.retain(|(chat, _)| chat.kind == ChatKind::Room);
    Ok(all)
}

async fn act(app: &App, action: RoomsCommand) -> Result<String, StartError> {
    match action {
        RoomsCommand::List { .. } => {
            let defaults = first_day::default_rooms(app).await.map_err(failed)?;
            let mut out = String::from("id\tname\tmembers\tnewcomers start here");
            for (chat, members) in rooms(app).await? {
                let default = if defaults.contains(&chat.id) {
                    "yes"
                } else {
                    "no"
                };
                out.push_str(&format!(
                    "\n{}\t{}\t{members}\t{default}",
                    chat.id,
                    escaped(&chat.title)
                ));
            }
            Ok(out)
        }
        RoomsCommand::Default { room, .. } => mark(app, &room, true).await,
        RoomsCommand::NotDefault { room, .. } => mark(app, &room, false).await,
    }
}

/// Marks or unmarks the room named by `room` (an id, or an exact name held by one room).
async fn mark(app: &App, room: &str, on: bool) -> Result<String, StartError> {
    let all = rooms(app).await?;
    let by_id = room
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| all.iter().find(|(c, _)| c.id == id));
    let chat = match by_id {
        Some((chat, _)) => chat,
        None => {
            let named: Vec<&Chat> = all
                .iter()
                .map(|(c, _)| c)
                .filter(|c| c.title == room.trim())
                .collect();
            match named.as_slice() {
                [one] => *one,
                [] => return Err(StartError(format!("no room is named {}", escaped(room)))),
                _ => {
                    return Err(StartError(format!(
                        "{} rooms are named {}: give the id (natter rooms list)",
                        named.len(),
                        escaped(room)
                    )))
                }
            }
        }
    };
    first_day::set_default(app, Actor::Operator, chat.id, on)
        .await
        .map_err(failed)?;
    let title = escaped(&chat.title);
    Ok(if on {
        format!("newcomers now start in room {} ({title})", chat.id)
    } else {
        format!("newcomers no longer start in room {} ({title})", chat.id)
    })
}
