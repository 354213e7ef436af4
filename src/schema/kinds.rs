//! Every kind of route the table answers, with one path of each (what the OpenAPI document
//! is built on). [`kind_of`] is an exhaustive match on `Route`, so a new route fails to
//! compile until its kind is listed here; the OpenAPI document is built from
//! [`RouteKind::ALL`], so a listed kind cannot be left out of it; and a test checks that
//! each kind's example path is found as that kind, with the methods its row accepts.

use crate::routing::routes::{ApiRoot, Route};

/// Declares [`RouteKind`] with its [`RouteKind::ALL`] list and each kind's path template
/// (OpenAPI's, `{name}` for a path parameter) and example path, from one list.
macro_rules! route_kinds {
    ($($kind:ident => $template:literal, $example:literal;)*) => {
        /// A kind of route: a `Route` variant (the roots and nothing else split further,
        /// one per prefix), without its parameters.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RouteKind { $($kind),* }

        impl RouteKind {
            /// Every kind, in the table's order.
            pub const ALL: &'static [RouteKind] = &[$(RouteKind::$kind),*];

            /// The path template, as OpenAPI writes it.
            pub fn template(self) -> &'static str {
                match self { $(RouteKind::$kind => $template),* }
            }

            /// One path of this kind, for the tests and the document's examples.
            pub fn example(self) -> &'static str {
                match self { $(RouteKind::$kind => $example),* }
            }
        }
    };
}

route_kinds! {
    Index => "/", "/";
    Health => "/healthz/", "/healthz/";
    Static => "/static/{path}", "/static/app.css";
    DefaultAvatar => "/media/user_images/default.jpg", "/media/user_images/default.jpg";
    Register => "/api/auth/register/", "/api/auth/register/";
    Login => "/api/auth/login/", "/api/auth/login/";
    Logout => "/api/auth/logout/", "/api/auth/logout/";
    Me => "/api/auth/me/", "/api/auth/me/";
    TokenForSession => "/api/token/", "/api/token/";
    Users => "/api/users/", "/api/users/";
    User => "/api/users/{user_id}/", "/api/users/1/";
    AccountsUsers => "/accounts/api/users/", "/accounts/api/users/";
    JwtPair => "/accounts/api/token/", "/accounts/api/token/";
    JwtRefresh => "/accounts/api/token/refresh/", "/accounts/api/token/refresh/";
    SessionLogin => "/accounts/login/", "/accounts/login/";
    SessionLogout => "/accounts/logout/", "/accounts/logout/";
    Chats => "/messages/api/chats/", "/messages/api/chats/";
    Chat => "/messages/api/chats/{chat_id}/", "/messages/api/chats/1/";
    ChatMessages => "/messages/api/chats/{chat_id}/messages/", "/messages/api/chats/1/messages/";
    MarkRead => "/messages/api/chats/{chat_id}/mark-as-read/", "/messages/api/chats/1/mark-as-read/";
    Typing => "/messages/api/chats/{chat_id}/typing/", "/messages/api/chats/1/typing/";
    AddMembers => "/messages/api/chats/{chat_id}/members/add/", "/messages/api/chats/1/members/add/";
    RemoveMember => "/messages/api/chats/{chat_id}/members/{user_id}/remove/", "/messages/api/chats/1/members/2/remove/";
    ChatsMessage => "/messages/api/messages/{message_id}/", "/messages/api/messages/1/";
    React => "/messages/api/messages/{message_id}/reactions/", "/messages/api/messages/1/reactions/";
    SearchUsers => "/messages/api/users/search/", "/messages/api/users/search/";
    SearchMessages => "/messages/api/search/", "/messages/api/search/";
    Threads => "/api/threads/", "/api/threads/";
    Thread => "/api/threads/{message_id}/", "/api/threads/1/";
    ThreadFollow => "/api/threads/{message_id}/follow/", "/api/threads/1/follow/";
    ThreadRead => "/api/threads/{message_id}/read/", "/api/threads/1/read/";
    LinkPreview => "/messages/api/messages/{message_id}/previews/{preview_id}/", "/messages/api/messages/1/previews/2/";
    LinkPreviewImage => "/messages/api/link-previews/{key}/image/", "/messages/api/link-previews/0a1b/image/";
    ChatPins => "/messages/api/chats/{chat_id}/pins/", "/messages/api/chats/1/pins/";
    MessagePin => "/messages/api/messages/{message_id}/pin/", "/messages/api/messages/1/pin/";
    SavedMessages => "/messages/api/saved/", "/messages/api/saved/";
    SavedMessage => "/messages/api/saved/{message_id}/", "/messages/api/saved/1/";
    UserGroups => "/messages/api/groups/", "/messages/api/groups/";
    UserGroup => "/messages/api/groups/{group_id}/", "/messages/api/groups/1/";
    UserGroupMembers => "/messages/api/groups/{group_id}/members/", "/messages/api/groups/1/members/";
    UserGroupMember => "/messages/api/groups/{group_id}/members/{user_id}/", "/messages/api/groups/1/members/2/";
    RoomsBrowser => "/messages/api/rooms/", "/messages/api/rooms/";
    ChatArchive => "/messages/api/chats/{chat_id}/archive/", "/messages/api/chats/1/archive/";
    ScheduledMessages => "/messages/api/scheduled/", "/messages/api/scheduled/";
    ScheduledMessage => "/messages/api/scheduled/{id}/", "/messages/api/scheduled/1/";
    MyStatus => "/messages/api/me/status/", "/messages/api/me/status/";
    MyQuietHours => "/messages/api/me/quiet-hours/", "/messages/api/me/quiet-hours/";
    MyLanguage => "/messages/api/me/language/", "/messages/api/me/language/";
    Statuses => "/messages/api/statuses/", "/messages/api/statuses/";
    UserStatus => "/messages/api/statuses/{user_id}/", "/messages/api/statuses/1/";
    MessageLink => "/m/{chat_id}/{message_id}", "/m/1/2";
    ChatsSocket => "/messages/ws/", "/messages/ws/";
    ChatSocket => "/messages/ws/chats/{chat_id}/", "/messages/ws/chats/1/";
    Rooms => "/api/rooms/", "/api/rooms/";
    Room => "/api/rooms/{room_id}/", "/api/rooms/1/";
    Join => "/api/rooms/{room_id}/join/", "/api/rooms/1/join/";
    Leave => "/api/rooms/{room_id}/leave/", "/api/rooms/1/leave/";
    Participants => "/api/rooms/{room_id}/participants/", "/api/rooms/1/participants/";
    CallState => "/api/rooms/{room_id}/call-state/", "/api/rooms/1/call-state/";
    RoomMessages => "/api/rooms/{room_id}/messages/", "/api/rooms/1/messages/";
    Upload => "/api/files/upload/", "/api/files/upload/";
    File => "/api/files/{file_id}/", "/api/files/1/";
    Download => "/api/files/{file_id}/download/", "/api/files/1/download/";
    Thumbnail => "/api/files/{file_id}/thumbnail/{side}/", "/api/files/1/thumbnail/360/";
    RoomSocket => "/ws/room/{room_id}/", "/ws/room/1/";
    Message => "/api/messages/{message_id}/", "/api/messages/1/";
    RootChats => "/messages/api/", "/messages/api/";
    RootAccounts => "/accounts/api/", "/accounts/api/";
    RootProfiles => "/profiles/api/", "/profiles/api/";
    RootMessenger => "/messenger/api/", "/messenger/api/";
    ApiRoot => "/api/", "/api/";
    InboxMessages => "/api/messages/", "/api/messages/";
    UpdateMessage => "/api/messages/{message_id}/update_message/", "/api/messages/1/update_message/";
    DeleteMessage => "/api/messages/{message_id}/delete_message/", "/api/messages/1/delete_message/";
    InboxSocket => "/ws/chat/{username}/", "/ws/chat/ann/";
    DmChats => "/api/chats/", "/api/chats/";
    DmCreate => "/api/chats/create/", "/api/chats/create/";
    DmSocket => "/ws/chat/{chat_id}/", "/ws/chat/1/";
    Profile => "/profiles/api/profile/", "/profiles/api/profile/";
    Posts => "/profiles/api/posts/", "/profiles/api/posts/";
    SearchUser => "/profiles/api/search-user/", "/profiles/api/search-user/";
    AddFriend => "/profiles/api/add-friend/", "/profiles/api/add-friend/";
    RemoveFriend => "/profiles/api/remove-friend/", "/profiles/api/remove-friend/";
    Chatrooms => "/messenger/api/chatrooms/", "/messenger/api/chatrooms/";
    UserChatrooms => "/messenger/api/user/chatrooms/", "/messenger/api/user/chatrooms/";
    ChatroomMessages => "/messenger/api/chatrooms/{name}/messages/", "/messenger/api/chatrooms/ann_bob/messages/";
    MessengerSocket => "/messenger/ws/ws/chat/{name}/", "/messenger/ws/ws/chat/ann_bob/";
    RegistrationMode => "/api/registration/", "/api/registration/";
    Account => "/api/account/", "/api/account/";
    AccountPassword => "/api/account/password/", "/api/account/password/";
    AccountTwoFactor => "/api/account/two-factor/", "/api/account/two-factor/";
    AccountTwoFactorConfirm => "/api/account/two-factor/confirm/", "/api/account/two-factor/confirm/";
    AccountSessions => "/api/account/sessions/", "/api/account/sessions/";
    AccountSession => "/api/account/sessions/{session_id}/", "/api/account/sessions/s1/";
    AccountReset => "/api/account/reset/", "/api/account/reset/";
    AccountForgot => "/api/account/forgot/", "/api/account/forgot/";
    AccountConfirmEmail => "/api/account/confirm-email/", "/api/account/confirm-email/";
    AccountConfirmEmailSend => "/api/account/confirm-email/send/", "/api/account/confirm-email/send/";
    AccountExport => "/api/account/export/", "/api/account/export/";
    MailUnsubscribe => "/api/mail/unsubscribe/", "/api/mail/unsubscribe/";
    SignInProviders => "/api/auth/providers/", "/api/auth/providers/";
    SignInCode => "/api/auth/two-factor/", "/api/auth/two-factor/";
    MatrixLoginToken => "/api/auth/matrix/login-token/", "/api/auth/matrix/login-token/";
    MatrixOauthSignIn => "/api/auth/matrix/oauth/{grant_id}/", "/api/auth/matrix/oauth/nmg_0123abcd/";
    OidcStart => "/auth/oidc/{provider}/start", "/auth/oidc/google/start";
    OidcCallback => "/auth/oidc/{provider}/callback", "/auth/oidc/google/callback";
    AccountIdentities => "/api/account/identities/", "/api/account/identities/";
    AccountIdentity => "/api/account/identities/{provider}/", "/api/account/identities/google/";
    AdminPeople => "/api/admin/users/", "/api/admin/users/";
    AdminPerson => "/api/admin/users/{user_id}/", "/api/admin/users/1/";
    AdminPersonAction => "/api/admin/users/{user_id}/{action}/", "/api/admin/users/1/deactivate/";
    AdminInvitations => "/api/admin/invitations/", "/api/admin/invitations/";
    AdminInvitation => "/api/admin/invitations/{invitation_id}/", "/api/admin/invitations/1/";
    AdminMessage => "/api/admin/messages/{message_id}/", "/api/admin/messages/1/";
    AdminChats => "/api/admin/chats/", "/api/admin/chats/";
    AdminChat => "/api/admin/chats/{chat_id}/", "/api/admin/chats/1/";
    AdminChatMember => "/api/admin/chats/{chat_id}/members/{user_id}/", "/api/admin/chats/1/members/2/";
    AdminChatArchive => "/api/admin/chats/{chat_id}/archive/", "/api/admin/chats/1/archive/";
    AdminChatDefault => "/api/admin/chats/{chat_id}/default/", "/api/admin/chats/1/default/";
    People => "/api/people/", "/api/people/";
    AdminAudit => "/api/admin/audit/", "/api/admin/audit/";
    Mentions => "/api/mentions/", "/api/mentions/";
    Calls => "/api/calls/", "/api/calls/";
    CallIceServers => "/api/calls/ice-servers/", "/api/calls/ice-servers/";
    CallSfu => "/api/calls/sfu/", "/api/calls/sfu/";
    MentionsRead => "/api/mentions/read/", "/api/mentions/read/";
    NotifyLevels => "/api/notifications/", "/api/notifications/";
    NotifyLevel => "/api/notifications/{chat_id}/", "/api/notifications/1/";
    Push => "/api/push/", "/api/push/";
    PushSubscriptions => "/api/push/subscriptions/", "/api/push/subscriptions/";
    PushSubscription => "/api/push/subscriptions/{subscription_id}/", "/api/push/subscriptions/1/";
    Emoji => "/api/emoji/", "/api/emoji/";
    EmojiOne => "/api/emoji/{emoji_id}/", "/api/emoji/1/";
    EmojiImage => "/api/emoji/{emoji_id}/image/", "/api/emoji/1/image/";
    Bots => "/api/bots/", "/api/bots/";
    Bot => "/api/bots/{bot_id}/", "/api/bots/1/";
    BotKey => "/api/bots/{bot_id}/key/", "/api/bots/1/key/";
    BotChats => "/api/bots/{bot_id}/chats/", "/api/bots/1/chats/";
    BotChat => "/api/bots/{bot_id}/chats/{chat_id}/", "/api/bots/1/chats/2/";
    Schema => "/api/schema/", "/api/schema/";
    SchemaDocs => "/api/schema/docs/", "/api/schema/docs/";
    AsyncApi => "/api/schema/asyncapi/", "/api/schema/asyncapi/";
    Hook => "/hooks/{token}", "/hooks/1-2-0123456789abcdef0123456789abcdef01234567";
}

/// The kind of `route`.
pub fn kind_of(route: &Route<'_>) -> RouteKind {
    use RouteKind as K;
    match route {
        Route::Index => K::Index,
        Route::Health => K::Health,
        Route::Static(_) => K::Static,
        Route::DefaultAvatar => K::DefaultAvatar,
        Route::Register => K::Register,
        Route::Login => K::Login,
        Route::Logout => K::Logout,
        Route::Me => K::Me,
        Route::TokenForSession => K::TokenForSession,
        Route::Users { .. } => K::Users,
        Route::User { .. } => K::User,
        Route::AccountsUsers => K::AccountsUsers,
        Route::JwtPair => K::JwtPair,
        Route::JwtRefresh => K::JwtRefresh,
        Route::SessionLogin => K::SessionLogin,
        Route::SessionLogout => K::SessionLogout,
        Route::Chats => K::Chats,
        Route::Chat { .. } => K::Chat,
        Route::ChatMessages { .. } => K::ChatMessages,
        Route::MarkRead { .. } => K::MarkRead,
        Route::Typing { .. } => K::Typing,
        Route::AddMembers { .. } => K::AddMembers,
        Route::RemoveMember { .. } => K::RemoveMember,
        Route::ChatsMessage { .. } => K::ChatsMessage,
        Route::React { .. } => K::React,
        Route::SearchUsers => K::SearchUsers,
        Route::SearchMessages => K::SearchMessages,
        Route::Threads => K::Threads,
        Route::Thread { .. } => K::Thread,
        Route::ThreadFollow { .. } => K::ThreadFollow,
        Route::ThreadRead { .. } => K::ThreadRead,
        Route::LinkPreview { .. } => K::LinkPreview,
        Route::LinkPreviewImage { .. } => K::LinkPreviewImage,
        Route::ChatPins { .. } => K::ChatPins,
        Route::MessagePin { .. } => K::MessagePin,
        Route::SavedMessages => K::SavedMessages,
        Route::SavedMessage { .. } => K::SavedMessage,
        Route::UserGroups => K::UserGroups,
        Route::UserGroup { .. } => K::UserGroup,
        Route::UserGroupMembers { .. } => K::UserGroupMembers,
        Route::UserGroupMember { .. } => K::UserGroupMember,
        Route::RoomsBrowser => K::RoomsBrowser,
        Route::ChatArchive { .. } => K::ChatArchive,
        Route::ScheduledMessages => K::ScheduledMessages,
        Route::ScheduledMessage { .. } => K::ScheduledMessage,
        Route::MyStatus => K::MyStatus,
        Route::MyQuietHours => K::MyQuietHours,
        Route::MyLanguage => K::MyLanguage,
        Route::Statuses => K::Statuses,
        Route::UserStatus { .. } => K::UserStatus,
        Route::MessageLink { .. } => K::MessageLink,
        Route::ChatsSocket => K::ChatsSocket,
        Route::ChatSocket { .. } => K::ChatSocket,
        Route::Rooms => K::Rooms,
        Route::Room { .. } => K::Room,
        Route::Join { .. } => K::Join,
        Route::Leave { .. } => K::Leave,
        Route::Participants { .. } => K::Participants,
        Route::CallState { .. } => K::CallState,
        Route::RoomMessages { .. } => K::RoomMessages,
        Route::Upload => K::Upload,
        Route::File { .. } => K::File,
        Route::Download { .. } => K::Download,
        Route::Thumbnail { .. } => K::Thumbnail,
        Route::RoomSocket { .. } => K::RoomSocket,
        Route::Message { .. } => K::Message,
        Route::Root(ApiRoot::Chats) => K::RootChats,
        Route::Root(ApiRoot::Accounts) => K::RootAccounts,
        Route::Root(ApiRoot::Profiles) => K::RootProfiles,
        Route::Root(ApiRoot::Messenger) => K::RootMessenger,
        Route::ApiRoot => K::ApiRoot,
        Route::InboxMessages => K::InboxMessages,
        Route::UpdateMessage { .. } => K::UpdateMessage,
        Route::DeleteMessage { .. } => K::DeleteMessage,
        Route::InboxSocket { .. } => K::InboxSocket,
        Route::DmChats => K::DmChats,
        Route::DmCreate => K::DmCreate,
        Route::DmSocket { .. } => K::DmSocket,
        Route::Profile => K::Profile,
        Route::Posts => K::Posts,
        Route::SearchUser => K::SearchUser,
        Route::AddFriend => K::AddFriend,
        Route::RemoveFriend => K::RemoveFriend,
        Route::Chatrooms => K::Chatrooms,
        Route::UserChatrooms => K::UserChatrooms,
        Route::ChatroomMessages { .. } => K::ChatroomMessages,
        Route::MessengerSocket { .. } => K::MessengerSocket,
        Route::RegistrationMode => K::RegistrationMode,
        Route::Account => K::Account,
        Route::AccountPassword => K::AccountPassword,
        Route::AccountTwoFactor => K::AccountTwoFactor,
        Route::AccountTwoFactorConfirm => K::AccountTwoFactorConfirm,
        Route::AccountSessions => K::AccountSessions,
        Route::AccountSession { .. } => K::AccountSession,
        Route::AccountReset => K::AccountReset,
        Route::AccountForgot => K::AccountForgot,
        Route::AccountConfirmEmail => K::AccountConfirmEmail,
        Route::AccountConfirmEmailSend => K::AccountConfirmEmailSend,
        Route::AccountExport => K::AccountExport,
        Route::MailUnsubscribe => K::MailUnsubscribe,
        Route::SignInProviders => K::SignInProviders,
        Route::SignInCode => K::SignInCode,
        Route::MatrixLoginToken => K::MatrixLoginToken,
        Route::MatrixOauthSignIn { .. } => K::MatrixOauthSignIn,
        Route::OidcStart { .. } => K::OidcStart,
        Route::OidcCallback { .. } => K::OidcCallback,
        Route::AccountIdentities => K::AccountIdentities,
        Route::AccountIdentity { .. } => K::AccountIdentity,
        Route::AdminPeople => K::AdminPeople,
        Route::AdminPerson { .. } => K::AdminPerson,
        Route::AdminPersonAction { .. } => K::AdminPersonAction,
        Route::AdminInvitations => K::AdminInvitations,
        Route::AdminInvitation { .. } => K::AdminInvitation,
        Route::AdminMessage { .. } => K::AdminMessage,
        Route::AdminChats => K::AdminChats,
        Route::AdminChat { .. } => K::AdminChat,
        Route::AdminChatMember { .. } => K::AdminChatMember,
        Route::AdminChatArchive { .. } => K::AdminChatArchive,
        Route::AdminChatDefault { .. } => K::AdminChatDefault,
        Route::People => K::People,
        Route::AdminAudit => K::AdminAudit,
        Route::Mentions => K::Mentions,
        Route::Calls => K::Calls,
        Route::CallIceServers => K::CallIceServers,
        Route::CallSfu => K::CallSfu,
        Route::MentionsRead => K::MentionsRead,
        Route::NotifyLevels => K::NotifyLevels,
        Route::NotifyLevel { .. } => K::NotifyLevel,
        Route::Push => K::Push,
        Route::PushSubscriptions => K::PushSubscriptions,
        Route::PushSubscription { .. } => K::PushSubscription,
        Route::Emoji => K::Emoji,
        Route::EmojiOne { .. } => K::EmojiOne,
        Route::EmojiImage { .. } => K::EmojiImage,
        Route::Bots => K::Bots,
        Route::Bot { .. } => K::Bot,
        Route::BotKey { .. } => K::BotKey,
        Route::BotChats { .. } => K::BotChats,
        Route::BotChat { .. } => K::BotChat,
        Route::Hook { .. } => K::Hook,
        Route::Schema => K::Schema,
        Route::SchemaDocs => K::SchemaDocs,
        Route::AsyncApi => K::AsyncApi,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::routes::{lookup, Methods, Target};

    #[test]
    fn each_kinds_example_is_found_as_that_kind_with_methods() {
        for kind in RouteKind::ALL {
            let (row, target) = lookup(kind.example(), "");
            let Target::Route(route) = target else {
                panic!("{kind:?}: {} is not a route", kind.example());
            };
            assert_eq!(kind_of(&route), *kind, "{}", kind.example());
            assert_ne!(row.methods, Methods::NONE, "{kind:?} accepts no method");
            let params = kind.template().matches('{').count();
            let segments_differ = kind
                .template()
                .split('/')
                .zip(kind.example().split('/'))
                .filter(|(t, e)| t != e)
                .count();
            assert_eq!(
                params, segments_differ,
                "{kind:?}: template and example differ only in parameters"
            );
        }
    }

    #[test]
    fn every_kind_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for kind in RouteKind::ALL {
            assert!(seen.insert(*kind), "{kind:?} twice");
            assert!(seen.len() <= RouteKind::ALL.len());
        }
        let templates: std::collections::HashSet<&str> =
            RouteKind::ALL.iter().map(|k| k.template()).collect();
        // Each its own template. `/ws/chat/{chat_id}/` and `/ws/chat/{username}/` are one
        // path to the table (digits are a dm chat, anything else an inbox username): the
        // sockets' description must say so where it lists them.
        assert_eq!(templates.len(), RouteKind::ALL.len());
    }
}
