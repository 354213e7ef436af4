//! The hub's door to other nodes. Every event the hub delivers locally, and every
//! revoke, is also handed to a `Bus`. On one node the bus is `LocalBus`, which does
//! nothing more; several nodes share events over NATS (docs/scale-out.md) behind the
//! same trait, and a message that arrives from another node goes to `Hub::receive`.
//! Everything a message carries serializes (serde), so it can cross a wire as JSON.

use super::published::Published;
use crate::model::events::Event;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Carries hub messages to the other nodes' hubs.
pub trait Bus: Send + Sync {
    /// Sends `message` on. Called by the delivery task right after a commit (and for
    /// typing and call signals), so it must not block: queue and return.
    fn carry(&self, message: &BusMessage);
}

/// The bus of a node alone: the local delivery the hub already did is all there is.
pub struct LocalBus;

impl Bus for LocalBus {
    fn carry(&self, _message: &BusMessage) {}
}

/// What travels between nodes: a published event, a revoke (a removed member's
/// sockets on a chat are closed with 1008 on every node), or a sign-out (the sockets
/// opened with a key or session are closed with 1008 on every node).
#[derive(Clone, Serialize, Deserialize)]
pub enum BusMessage {
    Event(Arc<Published>),
    Revoke {
        chat_id: i64,
        user_id: i64,
    },
    SignOut(super::published::SignIn),
    /// A person's sockets close with 1008 on every node (`Hub::lock_out`).
    LockOut {
        user_id: i64,
        keep: Option<super::published::SignIn>,
    },
}

/// A published event as it crosses the wire: without the renderings cached so far.
#[derive(Serialize, Deserialize)]
struct WirePublished {
    chat_id: i64,
    audience: Arc<[i64]>,
    event: Event,
    /// Absent from a node of the previous version: its events are unsequenced.
    #[serde(default)]
    seq: u64,
}

impl Serialize for Published {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WirePublished {
            chat_id: self.chat_id,
            audience: self.audience.clone(),
            event: self.event.clone(),
            seq: self.seq(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let wire = WirePublished::deserialize(d)?;
        let published = Published {
            chat_id: wire.chat_id,
            audience: wire.audience,
            event: wire.event,
            seq: Default::default(),
            rendered: Default::default(),
        };
        published.set_seq(wire.seq);
        Ok(published)
    }
}

#[cfg(test)]
mod tests {
    use super::{Bus, BusMessage};
    use crate::hub::{Hub, Published};
    use crate::model::events::{CallEvent, CallParticipant, CallState, Event, SignalKind};
    use crate::model::ChatState;
    use crate::model::{Chat, ChatKind, Member, MemberRole};
    use crate::model::{MessageView, ReactionView, UserBrief};
    use crate::store::people::users::User;
    use std::sync::{Arc, Mutex};

    fn user(id: i64) -> UserBrief {
        UserBrief::from(&User::example(id))
    }

    fn message() -> Arc<MessageView> {
        Arc::new(MessageView {
            id: 41,
            chat_id: 7,
            in_direct_chat: true,
            sender: Some(Arc::new(user(1))),
            receiver: Some(Arc::new(user(2))),
            content: "héllo \"there\"\n".into(),
            created_at: "2026-11-23T10:00:00.000000Z".into(),
            edited_at: None,
            attachments: Vec::new(),
            threading: crate::model::Threading {
                reply_to: Some(40),
                thread_id: Some(40),
                in_channel: false,
                ..Default::default()
            },
            removed: true,
            previews: Some(r#"[{"id":1,"title":"A page"}]"#.into()),
            sealed: Some(r#"{"algorithm":"m.megolm.v1.aes-sha2","ciphertext":"AwgA"}"#.into()),
        })
    }

    /// Every kind of event a node publishes, as it would cross to another node.
    fn every_event() -> Vec<Event> {
        let mut payload = serde_json::Map::new();
        payload.insert("sdp".into(), serde_json::json!("v=0"));
        payload.insert("target_user_id".into(), serde_json::json!(2));
        vec![
            Event::MessageCreated(message()),
            Event::MessageEdited(message()),
            Event::MessageDeleted(message()),
            Event::ReactionChanged {
                message_id: 41,
                reactions: vec![ReactionView {
                    emoji: "👍".into(),
                    users: vec![2],
                }],
                change: Some(crate::model::events::ReactionChange {
                    user_id: 2,
                    emoji: "👍".into(),
                    added: true,
                }),
            },
            Event::ReadUpTo {
                user_id: 2,
                message_id: 41,
            },
            Event::ThreadRead {
                root_id: 40,
                user_id: 2,
                message_id: 41,
            },
            Event::Typing {
                user: user(1),
                is_typing: true,
            },
            Event::MemberJoined { user: user(3) },
            Event::PinChanged {
                message_id: 41,
                pinned: true,
                user_id: 2,
                pin_count: 1,
            },
            Event::Reminder {
                user_id: 2,
                message_id: 41,
            },
            Event::ScheduledFailed {
                user_id: 2,
                scheduled_id: 7,
                reason: "You are no longer in this chat.".into(),
            },
            Event::MemberLeft { user_id: 3 },
            Event::MatrixNews,
            Event::PinsByChanged {
                pins_by: "admins".into(),
                user_id: 2,
            },
            Event::CustomEmojiChanged {
                emoji_id: 5,
                name: "shipit".into(),
                added: true,
            },
            Event::UserGroupChanged {
                group_id: 4,
                handle: "design".into(),
                change: "members".into(),
            },
            Event::QuietChanged {
                user_id: 2,
                quiet: true,
                changes_at: Some(1_700_000_000_000),
                time_zone: Some("Europe/Berlin".into()),
            },
            Event::StatusChanged {
                user_id: 2,
                status: Some(crate::model::status::StatusView {
                    emoji: "🌴".into(),
                    text: "On holiday".into(),
                    ends_at: Some(1_700_000_000_000),
                    in_call: false,
                    away: true,
                }),
            },
            Event::ThreadUpdated {
                root_id: 40,
                threading: crate::model::Threading {
                    reply_count: 2,
                    last_reply_at: Some("2026-11-23T10:00:00.000000Z".into()),
                    reply_users: "2,1".into(),
                    ..Default::default()
                },
            },
            Event::ChatUpdated(Arc::new(ChatState {
                chat: Chat {
                    id: 7,
                    kind: ChatKind::Group,
                    title: "Team".into(),
                    name: None,
                    description: String::new(),
                    max_participants: Some(10),
                    is_private: false,
                    created_by: Some(1),
                    last_message_id: 41,
                    message_count: 1,
                    created_at: "2026-11-23T10:00:00.000000Z".into(),
                    updated_at: "2026-11-23T10:00:00.000000Z".into(),
                    archived_at: None,
                    topic: String::new(),
                    image: String::new(),
                    encryption: String::new(),
                },
                members: vec![(
                    user(1),
                    Member {
                        chat_id: 7,
                        user_id: 1,
                        role: MemberRole::Admin,
                        joined_at: "2026-11-23T10:00:00.000000Z".into(),
                        last_read_message_id: 41,
                    },
                )],
                last_message: Some((*message()).clone()),
            })),
            Event::Call {
                call: CallEvent::State(CallState {
                    participants: vec![CallParticipant {
                        user_id: 1,
                        username: "user1".into(),
                        display_name: "User One".into(),
                        microphone_on: false,
                        camera_on: true,
                        sfu: true,
                    }],
                }),
                only_to: None,
                except: None,
            },
            Event::Call {
                call: CallEvent::Signal {
                    kind: SignalKind::IceCandidate,
                    from_user_id: 1,
                    payload,
                    outside_call: true,
                },
                only_to: Some(2),
                except: None,
            },
            Event::Call {
                call: CallEvent::Declined {
                    user_id: 3,
                    username: "user3".into(),
                    display_name: "User Three".into(),
                },
                only_to: None,
                except: None,
            },
        ]
    }

    #[test]
    fn every_event_crosses_the_wire_unchanged() {
        for event in every_event() {
            let sent = BusMessage::Event(Published::new(7, Arc::from([1i64, 2]), event));
            let wire = serde_json::to_string(&sent).expect("serialize");
            let back: BusMessage = serde_json::from_str(&wire).expect("deserialize");
            assert_eq!(serde_json::to_string(&back).expect("serialize again"), wire);
            let BusMessage::Event(back) = back else {
                panic!("not an event: {wire}");
            };
            assert_eq!((back.chat_id, &back.audience[..]), (7, &[1i64, 2][..]));
        }
        let revoke = BusMessage::Revoke {
            chat_id: 7,
            user_id: 3,
        };
        let wire = serde_json::to_string(&revoke).expect("serialize");
        let back: BusMessage = serde_json::from_str(&wire).expect("deserialize");
        assert!(matches!(
            back,
            BusMessage::Revoke {
                chat_id: 7,
                user_id: 3
            }
        ));
    }

    /// A bus that keeps what it was given, as JSON.
    struct Recording(Arc<Mutex<Vec<String>>>);

    impl Bus for Recording {
        fn carry(&self, message: &BusMessage) {
            let json = serde_json::to_string(message).expect("serialize");
            self.0.lock().expect("lock").push(json);
        }
    }

    #[test]
    fn the_hub_delivers_locally_and_hands_every_event_and_revoke_to_the_bus() {
        let carried = Arc::new(Mutex::new(Vec::new()));
        let hub = Arc::new(Hub::with_bus(
            Default::default(),
            Box::new(Recording(carried.clone())),
        ));
        let inbox = hub.open_inbox(2);
        let _subscription = hub.subscribe_chat(7, &inbox.handle());
        let mut events = inbox.events;
        hub.publish(Published::new(
            7,
            Arc::from([2i64]),
            Event::MemberLeft { user_id: 3 },
        ));
        hub.revoke(7, 3);
        assert!(matches!(
            events.try_recv().expect("delivered locally").event,
            Event::MemberLeft { user_id: 3 }
        ));
        let carried = carried.lock().expect("lock");
        assert_eq!(carried.len(), 2, "{carried:?}");
        assert!(carried[0].contains("MemberLeft"), "{}", carried[0]);
        assert!(carried[1].contains("Revoke"), "{}", carried[1]);
        // What came over the bus is delivered here only, not carried on again.
        let back: BusMessage = serde_json::from_str(&carried[0]).expect("deserialize");
        drop(carried);
        hub.receive(back);
        assert!(events.try_recv().is_ok());
    }

    /// What a socket's loop reads from the hub's watch: whether and how to close.
    fn close_code(inbox: &crate::hub::Inbox) -> Option<u16> {
        inbox
            .closing
            .borrow()
            .close_for(inbox.bus_epoch)
            .map(|(code, _)| code)
    }

    #[test]
    fn losing_the_bus_closes_open_sockets_with_1012_until_it_is_back() {
        let metrics = crate::metrics::HubMetrics::default();
        metrics.bus_up.set(1);
        let hub = Hub::new(metrics.clone());
        let before = hub.open_inbox(1);
        assert!(hub.bus_is_up());
        assert_eq!(close_code(&before), None);

        hub.bus_lost();
        assert!(!hub.bus_is_up(), "upgrades are refused");
        assert_eq!(close_code(&before), Some(1012));
        assert_eq!(metrics.bus_up.get(), 0, "/metrics shows the bus down");
        hub.bus_lost();
        let epoch = hub.bus_epoch();
        hub.bus_back();
        assert!(hub.bus_is_up());
        assert_eq!(metrics.bus_up.get(), 1);
        assert_eq!(metrics.bus_interruptions.get(), 1, "one loss counted once");
        assert_eq!(hub.bus_epoch(), epoch, "one loss, one epoch");
        assert_eq!(close_code(&before), Some(1012), "it may have missed events");

        let after = hub.open_inbox(1);
        assert_eq!(close_code(&after), None);
        hub.bus_gap();
        assert!(hub.bus_is_up(), "a gap closes sockets but refuses none");
        assert_eq!(close_code(&after), Some(1012));
        assert_eq!(metrics.bus_interruptions.get(), 2);

        let last = hub.open_inbox(1);
        hub.shutdown();
        assert_eq!(close_code(&last), Some(1001));
        assert_eq!(close_code(&before), Some(1001), "shutdown says so first");
    }
}
