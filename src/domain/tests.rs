//! The domain's rules met without a server: membership, permissions with their typed
//! reasons, edit and delete by the sender only, read markers that never move back, and
//! field problems as codes. Each test opens its own in-memory database.

use crate::config::{Cli, Config};
use crate::domain::error::{Conflict, Error, Missing, Problem, Refusal};
use crate::domain::messaging::chats::{self, NewGroup};
use crate::domain::{messaging::history, messaging::messages};
use crate::state::App;
use crate::store::ChatKind;
use crate::store::{
    self, messaging::messages::Order, messaging::messages::PageQuery, people::users::User,
};
use clap::Parser;

/// Shared state on a fresh in-memory database, with the default settings.
pub(crate) async fn app() -> App {
    let Cli { config, .. } = Cli::parse_from(["natter", "--db", ":memory:"]);
    let config = Config {
        media_dir: std::env::temp_dir().join("natter-domain-tests"),
        ..config
    };
    let metrics = std::sync::Arc::new(crate::metrics::Metrics::new());
    let hub = std::sync::Arc::new(crate::hub::Hub::new(metrics.hub.clone()));
    App::build(config, metrics, hub)
        .await
        .expect("build the shared state")
}

/// A new account named `name`.
pub(crate) async fn user(app: &App, name: &'static str) -> User {
    app.db
        .write(move |c| {
            store::people::users::insert(
                c,
                &store::people::users::NewUser {
                    username: name,
                    email: "",
                    password_hash: "",
                    display_name: name,
                    is_admin: false,
                },
                &store::clock::now(),
            )
        })
        .await
        .expect("insert a user")
}

/// Three users, for a chat of two and an outsider.
async fn alice_bob_carol(app: &App) -> (User, User, User) {
    (
        user(app, "alice").await,
        user(app, "bob").await,
        user(app, "carol").await,
    )
}

/// A group or room made by `owner` with `others` as members.
async fn chat(app: &App, owner: &User, kind: ChatKind, others: &[&User]) -> i64 {
    let group = NewGroup {
        kind,
        title: format!("a {}", kind.as_str()),
        description: String::new(),
        max_participants: None,
        is_private: false,
        member_ids: others.iter().map(|u| u.id).collect(),
    };
    chats::create_group(app, owner, group)
        .await
        .expect("create a chat")
        .id
}

async fn send(app: &App, from: &User, chat_id: i64, text: &str) -> i64 {
    messages::send(app, from, chat_id, text.into(), Vec::new())
        .await
        .expect("send")
        .id
}

/// Where `user_id`'s read marker in `chat_id` stands.
async fn marker(app: &App, chat_id: i64, user_id: i64) -> i64 {
    app.db
        .read(move |c| chats::require_member(c, chat_id, user_id))
        .await
        .expect("a member")
        .1
        .last_read_message_id
}

/// The first page of twenty, oldest first.
fn first_page() -> PageQuery {
    PageQuery {
        before: None,
        after: None,
        limit: 20,
        offset: 0,
        order: Order::OldestFirst,
        search: None,
        channel_only: false,
    }
}

#[tokio::test]
async fn a_chat_is_not_found_by_those_outside_it() {
    let app = app().await;
    let (alice, bob, carol) = alice_bob_carol(&app).await;
    let chat_id = chat(&app, &alice, ChatKind::Group, &[&bob]).await;
    let message = send(&app, &alice, chat_id, "hello").await;

    let carol_id = carol.id;
    let member = app
        .db
        .read(move |c| chats::require_member(c, chat_id, carol_id))
        .await;
    assert!(matches!(member, Err(Error::NotFound(Missing::Chat))));
    let page = history::history(&app, &carol, chat_id, first_page()).await;
    assert!(matches!(page, Err(Error::NotFound(_))));
    let seen = messages::get(&app, &carol, message).await;
    assert!(matches!(seen, Err(Error::NotFound(_))), "{seen:?}");
    let sent = messages::send(&app, &carol, chat_id, "hi".into(), Vec::new()).await;
    assert!(matches!(sent, Err(Error::NotFound(_))));
    let edited = messages::edit(&app, &carol, message, "mine".into()).await;
    assert!(matches!(edited, Err(Error::NotFound(_))), "not NotSender");

    // Members see the chat and its message.
    assert_eq!(
        history::history(&app, &bob, chat_id, first_page())
            .await
            .expect("bob reads")
            .total,
        1
    );
    assert!(messages::get(&app, &bob, message).await.is_ok());
}

#[tokio::test]
async fn a_member_without_the_admin_role_is_refused_as_not_admin() {
    let app = app().await;
    let (alice, bob, carol) = alice_bob_carol(&app).await;
    let chat_id = chat(&app, &alice, ChatKind::Group, &[&bob]).await;
    let not_admin = Err(Error::Forbidden(Refusal::NotAdmin));

    let rename = chats::ChatChanges {
        title: Some("x".into()),
        ..Default::default()
    };
    let renamed = chats::update_chat(&app, &bob, chat_id, rename).await;
    assert_eq!(renamed.map(|_| ()), not_admin);
    let added = chats::add_members(&app, &bob, chat_id, vec![carol.id]).await;
    assert_eq!(added.map(|_| ()), not_admin);
    let removed = chats::remove_member(&app, &bob, chat_id, alice.id).await;
    assert_eq!(removed, not_admin);
    assert_eq!(chats::delete_chat(&app, &bob, chat_id).await, not_admin);

    // The admin may; anyone may leave.
    assert_eq!(
        chats::add_members(&app, &alice, chat_id, vec![carol.id]).await,
        Ok(1)
    );
    assert_eq!(
        chats::remove_member(&app, &carol, chat_id, carol.id).await,
        Ok(())
    );
    let gone = chats::remove_member(&app, &alice, chat_id, carol.id).await;
    assert_eq!(gone, Err(Error::NotFound(Missing::Member)));
}

#[tokio::test]
async fn only_the_sender_edits_or_deletes_a_message() {
    let app = app().await;
    let (alice, bob) = (user(&app, "alice").await, user(&app, "bob").await);
    let chat_id = chat(&app, &alice, ChatKind::Group, &[&bob]).await;
    let message = send(&app, &alice, chat_id, "hello").await;
    let not_sender = Err(Error::Forbidden(Refusal::NotSender));

    let edited = messages::edit(&app, &bob, message, "bob's now".into()).await;
    assert_eq!(edited.map(|_| ()), not_sender);
    let deleted = messages::delete(&app, &bob, message).await;
    assert_eq!(deleted.map(|_| ()), not_sender);

    let edited = messages::edit(&app, &alice, message, "hello again".into())
        .await
        .expect("the sender edits");
    assert_eq!(edited.content, "hello again");
    messages::delete(&app, &alice, message)
        .await
        .expect("the sender deletes");
    let after = messages::get(&app, &alice, message).await;
    assert_eq!(after.map(|_| ()), Err(Error::NotFound(Missing::Message)));
}

#[tokio::test]
async fn a_read_marker_never_moves_back() {
    let app = app().await;
    let (alice, bob) = (user(&app, "alice").await, user(&app, "bob").await);
    let chat_id = chat(&app, &alice, ChatKind::Group, &[&bob]).await;
    let first = send(&app, &alice, chat_id, "one").await;
    send(&app, &alice, chat_id, "two").await;
    let third = send(&app, &alice, chat_id, "three").await;

    assert_eq!(
        messages::mark_read(&app, &bob, chat_id, Some(third)).await,
        Ok(3)
    );
    assert_eq!(marker(&app, chat_id, bob.id).await, third);
    assert_eq!(
        messages::mark_read(&app, &bob, chat_id, Some(first)).await,
        Ok(0)
    );
    assert_eq!(
        marker(&app, chat_id, bob.id).await,
        third,
        "an older id leaves the marker"
    );
    assert_eq!(messages::mark_read(&app, &bob, chat_id, None).await, Ok(0));
    assert_eq!(
        messages::mark_read(&app, &bob, chat_id, Some(i64::MAX)).await,
        Ok(0),
        "past the newest message is the newest message"
    );
    assert_eq!(marker(&app, chat_id, bob.id).await, third);
}

#[tokio::test]
async fn field_problems_are_codes_and_room_rules_are_typed() {
    let app = app().await;
    let (alice, bob) = (user(&app, "alice").await, user(&app, "bob").await);
    let chat_id = chat(&app, &alice, ChatKind::Group, &[&bob]).await;

    let blank = messages::send(&app, &alice, chat_id, "  ".into(), Vec::new()).await;
    assert_eq!(
        blank.map(|_| ()),
        Err(Error::Invalid(vec![("content", vec![Problem::Blank])]))
    );
    let long = "x".repeat(messages::MAX_CONTENT_CHARS + 1);
    let long = messages::send(&app, &alice, chat_id, long, Vec::new()).await;
    assert_eq!(
        long.map(|_| ()),
        Err(Error::field(
            "content",
            Problem::TooLong {
                max: messages::MAX_CONTENT_CHARS
            }
        ))
    );
    let unknown = chats::add_members(&app, &alice, chat_id, vec![999]).await;
    assert_eq!(
        unknown,
        Err(Error::field("user_ids", Problem::NoSuchObject { pk: 999 }))
    );

    let room = chat(&app, &alice, ChatKind::Room, &[]).await;
    let (alice_id, bob_id) = (alice.id, bob.id);
    let seen = app
        .db
        .read(move |c| chats::participant_room(c, room, bob_id).map(|_| ()))
        .await;
    assert_eq!(seen, Err(Error::Forbidden(Refusal::NotParticipant)));
    chats::join_room(&app, &bob, room).await.expect("bob joins");
    let owned = app
        .db
        .read(move |c| chats::owned_room(c, room, bob_id).map(|_| ()))
        .await;
    assert_eq!(owned, Err(Error::Forbidden(Refusal::NotOwner)));
    let owned = app
        .db
        .read(move |c| chats::owned_room(c, room, alice_id).map(|_| ()))
        .await;
    assert_eq!(owned, Ok(()));
    assert_eq!(
        chats::join_room(&app, &bob, room).await,
        Err(Error::field("user", Problem::AlreadyParticipant))
    );
    let small = NewGroup {
        kind: ChatKind::Room,
        title: "for one".into(),
        description: String::new(),
        max_participants: Some(1),
        is_private: false,
        member_ids: Vec::new(),
    };
    let small = chats::create_group(&app, &alice, small)
        .await
        .expect("a room for one")
        .id;
    assert_eq!(
        chats::join_room(&app, &bob, small).await,
        Err(Error::Conflict(Conflict::RoomFull))
    );
    let direct = chats::get_or_create_direct(&app, &alice, bob.id)
        .await
        .expect("a direct chat")
        .0
        .id;
    assert_eq!(
        chats::add_members(&app, &alice, direct, vec![]).await,
        Err(Error::Conflict(Conflict::AddToDirect))
    );
}
