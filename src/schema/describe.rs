//! The description of every kind of route: one exhaustive match, so a kind added to
//! `kinds` does not compile until it is described, and a test checks that each
//! description's methods are exactly those its row in the route table accepts.

use crate::schema::doc::Doc;
use crate::schema::kinds::RouteKind;
use crate::schema::surfaces::{
    accounts, bots, chats, chats_groups, chats_pins, chats_previews, chats_scheduled, chats_status,
    chats_threads, dm, inbox, language, messenger, own, rooms, web,
};
use serde_json::Value;

/// What `kind` is and answers.
pub fn describe(kind: RouteKind) -> Doc {
    use RouteKind as K;
    match kind {
        K::Index => web::index(),
        K::Health => web::health(),
        K::Static => web::static_file(),
        K::DefaultAvatar => web::default_avatar(),
        K::Register => accounts::register(),
        K::Login => accounts::login(),
        K::Logout => accounts::logout(),
        K::Me => accounts::me(),
        K::TokenForSession => accounts::token_for_session(),
        K::Users => accounts::users(),
        K::User => accounts::user(),
        K::AccountsUsers => accounts::accounts_users(),
        K::JwtPair => accounts::jwt_pair(),
        K::JwtRefresh => accounts::jwt_refresh(),
        K::SessionLogin => accounts::session_login(),
        K::SessionLogout => accounts::session_logout(),
        K::Chats => chats::chats(),
        K::Chat => chats::chat(),
        K::ChatMessages => chats::chat_messages(),
        K::MarkRead => chats::mark_read(),
        K::Typing => chats::typing(),
        K::AddMembers => chats::add_members(),
        K::RemoveMember => chats::remove_member(),
        K::ChatsMessage => chats::chats_message(),
        K::React => chats::react(),
        K::SearchUsers => chats::search_users(),
        K::SearchMessages => chats::search_messages(),
        K::Threads => chats_threads::followed(),
        K::Thread => chats_threads::thread(),
        K::ThreadFollow => chats_threads::follow(),
        K::ThreadRead => chats_threads::read(),
        K::LinkPreview => chats_previews::remove(),
        K::LinkPreviewImage => chats_previews::image(),
        K::ChatPins => chats_pins::chat_pins(),
        K::MessagePin => chats_pins::message_pin(),
        K::SavedMessages => chats_pins::saved_messages(),
        K::SavedMessage => chats_pins::saved_message(),
        K::UserGroups => chats_groups::user_groups(),
        K::UserGroup => chats_groups::user_group(),
        K::UserGroupMembers => chats_groups::user_group_members(),
        K::UserGroupMember => chats_groups::user_group_member(),
        K::RoomsBrowser => chats_groups::rooms_browser(),
        K::ChatArchive => chats_groups::chat_archive(),
        K::ScheduledMessages => chats_scheduled::scheduled_messages(),
        K::ScheduledMessage => chats_scheduled::scheduled_message(),
        K::MyStatus => chats_status::my_status(),
        K::MyQuietHours => chats_status::my_quiet_hours(),
        K::MyLanguage => language::my_language(),
        K::Statuses => chats_status::statuses(),
        K::UserStatus => chats_status::user_status(),
        K::MessageLink => chats_pins::message_link(),
        K::ChatsSocket => chats::chats_socket(),
        K::ChatSocket => chats::chat_socket(),
        K::Rooms => rooms::rooms(),
        K::Room => rooms::room(),
        K::Join => rooms::join(),
        K::Leave => rooms::leave(),
        K::Participants => rooms::participants(),
        K::CallState => rooms::call_state(),
        K::RoomMessages => rooms::room_messages(),
        K::Upload => rooms::upload(),
        K::File => rooms::file(),
        K::Download => rooms::download(),
        K::Thumbnail => rooms::thumbnail(),
        K::RoomSocket => rooms::room_socket(),
        K::Message => rooms::message(),
        K::RootChats => chats::root_chats(),
        K::RootAccounts => accounts::root_accounts(),
        K::RootProfiles => messenger::root_profiles(),
        K::RootMessenger => messenger::root_messenger(),
        K::ApiRoot => inbox::api_root(),
        K::InboxMessages => inbox::inbox_messages(),
        K::UpdateMessage => inbox::update_message(),
        K::DeleteMessage => inbox::delete_message(),
        K::InboxSocket => inbox::inbox_socket(),
        K::DmChats => dm::dm_chats(),
        K::DmCreate => dm::dm_create(),
        K::DmSocket => dm::dm_socket(),
        K::Profile => messenger::profile(),
        K::Posts => messenger::posts(),
        K::SearchUser => messenger::search_user(),
        K::AddFriend => messenger::add_friend(),
        K::RemoveFriend => messenger::remove_friend(),
        K::Chatrooms => messenger::chatrooms(),
        K::UserChatrooms => messenger::user_chatrooms(),
        K::ChatroomMessages => messenger::chatroom_messages(),
        K::MessengerSocket => messenger::messenger_socket(),
        K::RegistrationMode => own::registration_mode(),
        K::Account => own::account(),
        K::AccountPassword => own::account_password(),
        K::AccountTwoFactor => own::account_two_factor(),
        K::AccountTwoFactorConfirm => own::account_two_factor_confirm(),
        K::AccountSessions => own::account_sessions(),
        K::AccountSession => own::account_session(),
        K::AccountReset => own::account_reset(),
        K::AccountForgot => own::account_forgot(),
        K::AccountConfirmEmail => own::account_confirm_email(),
        K::AccountConfirmEmailSend => own::account_confirm_email_send(),
        K::AccountExport => own::account_export(),
        K::MailUnsubscribe => own::mail_unsubscribe(),
        K::SignInProviders => own::sign_in_providers(),
        K::SignInCode => own::sign_in_code(),
        K::MatrixLoginToken => own::matrix_login_token(),
        K::MatrixOauthSignIn => own::matrix_oauth_sign_in(),
        K::OidcStart => web::oidc_start(),
        K::OidcCallback => web::oidc_callback(),
        K::AccountIdentities => own::account_identities(),
        K::AccountIdentity => own::account_identity(),
        K::AdminPeople => own::admin_people(),
        K::AdminPerson => own::admin_person(),
        K::AdminPersonAction => own::admin_person_action(),
        K::AdminInvitations => own::admin_invitations(),
        K::AdminInvitation => own::admin_invitation(),
        K::AdminMessage => own::admin_message(),
        K::AdminChats => own::admin_chats(),
        K::AdminChat => own::admin_chat(),
        K::AdminChatMember => own::admin_chat_member(),
        K::AdminChatArchive => own::admin_chat_archive(),
        K::AdminChatDefault => own::admin_chat_default(),
        K::People => own::people(),
        K::AdminAudit => own::admin_audit(),
        K::Mentions => own::mentions(),
        K::Calls => own::calls(),
        K::CallIceServers => own::call_ice_servers(),
        K::CallSfu => own::call_sfu(),
        K::MentionsRead => own::mentions_read(),
        K::NotifyLevels => own::notify_levels(),
        K::NotifyLevel => own::notify_level(),
        K::Push => own::push(),
        K::PushSubscriptions => own::push_subscriptions(),
        K::PushSubscription => own::push_subscription(),
        K::Emoji => own::emoji(),
        K::EmojiOne => own::emoji_one(),
        K::EmojiImage => own::emoji_image(),
        K::Bots => bots::bots(),
        K::Bot => bots::bot(),
        K::BotKey => bots::bot_key(),
        K::BotChats => bots::bot_chats(),
        K::BotChat => bots::bot_chat(),
        K::Schema => web::schema(),
        K::SchemaDocs => web::schema_docs(),
        K::AsyncApi => web::async_api(),
        K::Hook => bots::hook(),
    }
}

/// Every surface's named schemas.
pub fn schemas() -> Vec<(&'static str, Value)> {
    [
        web::schemas(),
        accounts::schemas(),
        chats::schemas(),
        chats_threads::schemas(),
        chats_previews::schemas(),
        chats_pins::schemas(),
        chats_scheduled::schemas(),
        chats_status::schemas(),
        rooms::schemas(),
        inbox::schemas(),
        dm::schemas(),
        messenger::schemas(),
        own::schemas(),
        bots::schemas(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routing::routes::Auth;
    use crate::routing::routes::{lookup, Verb};

    /// The guard against a route without a description: every kind's description names
    /// exactly the methods its row accepts, and a socket path is described as one.
    #[test]
    fn each_description_names_exactly_the_methods_its_row_accepts() {
        let mut wrong = Vec::new();
        for kind in RouteKind::ALL {
            let (row, _) = lookup(kind.example(), "");
            match describe(*kind) {
                Doc::Http { ops, .. } => {
                    let described: Vec<Verb> = ops.iter().map(|op| op.verb).collect();
                    let accepted: Vec<Verb> = row.methods.verbs().collect();
                    let mut sorted = described.clone();
                    sorted.sort_by_key(|v| *v as u8);
                    if sorted != accepted || sorted.len() != described.len() {
                        wrong.push(format!(
                            "{kind:?}: described {described:?}, accepts {accepted:?}"
                        ));
                    }
                    for op in &ops {
                        if !op.answers.iter().any(|a| (200..400).contains(&a.status)) {
                            wrong.push(format!("{kind:?} {:?}: no success answer", op.verb));
                        }
                    }
                }
                Doc::Socket(_) if row.auth == Auth::Socket => {}
                Doc::Socket(_) => wrong.push(format!("{kind:?} is no socket")),
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
