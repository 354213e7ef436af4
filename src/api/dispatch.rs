//! From a row of the route table to a handler: the 404 and 405 the row implies, the
//! caller its `Auth` asks for (resolved once, passed to the handler as an argument), then
//! the handler of the route and method.

use crate::api::routed::Routed;
use crate::api::{message_path, roots};
use crate::domain::error::{Error, Refusal};
use crate::http::error::{ApiError, ApiResult};
use crate::http::null_chars;
use crate::http::request::Request;
use crate::own::{
    account as own_account, admin, bots, calls, emoji, hooks, language as own_language,
    mail as own_mail, mentions, notify_levels, page, people, push, sign_in, two_factor,
};
use crate::routing::caller::Caller;
use crate::routing::routes::Auth;
use crate::routing::routes::{Route, Row, Target, Verb};
use crate::schema;
use crate::state::App;
use crate::store::people::users::User;
use crate::surfaces::chats::{
    pins, previews, rooms_browser, saved, scheduled, search, status, threads, user_groups,
};
use crate::surfaces::{accounts, chats, dm, inbox, messenger, rooms};
use crate::web::pages;
use warp::reply::Response;

/// The answer to `req`, which the table matched to `row` and `target`.
pub async fn serve(app: &App, req: &Request, row: Row, target: Target<'_>) -> Routed {
    let routed = |result| Routed {
        style: row.style,
        result,
    };
    let route = match target {
        Target::NotFound => return routed(Err(ApiError::not_found())),
        // A socket path asked over plain HTTP is nothing (`ws::upgrade` takes upgrades).
        _ if row.auth == Auth::Socket => return routed(Err(ApiError::not_found())),
        Target::Route(route) => Some(route),
        Target::BadId => None,
    };
    let verb = match Verb::of(&req.method) {
        Some(verb) if row.methods.has(&req.method) => verb,
        _ => return routed(Err(row.methods.refuse(&req.method))),
    };
    let caller = row
        .auth
        .needs_caller(&req.method)
        .then(|| Caller::of(app, req, row.throttle));
    let caller = match caller.transpose() {
        Ok(caller) => caller,
        Err(e) => return routed(Err(e)),
    };
    // Every query parameter is text to DRF: a NUL is its 400, once the caller is known.
    if let Err(e) = null_chars::refuse_in_query(&req.query) {
        return routed(Err(e));
    }
    let Some(route) = route else {
        // Not an id: known only once the caller is (401, then 429, then 404).
        let result = match user(app, caller).await {
            Ok(_) => Err((row.bad_id)()),
            Err(e) => Err(e),
        };
        return routed(result);
    };
    if let Route::Message { message } = route {
        // Its error shape depends on whose the message is (`api::message_path`).
        return match user(app, caller).await {
            Ok(me) => Box::pin(message_path::answer(app, req, me, message)).await,
            Err(e) => routed(Err(e)),
        };
    }
    // On the heap: `handle` awaits every route's handler, so its future is as large as the
    // largest of them (about 11 KB), and every future that awaits it inline was that large
    // too, copied whole three times a request as warp boxed and moved it: 33,000
    // instructions of `memcpy` per REST send (bench/scripts/send-instructions.sh,
    // docs/benchmarks.md).
    routed(Box::pin(handle(app, req, route, verb, caller, row)).await)
}

/// A caller the row asked for; a row that asked for none (a table mistake) is a 500.
fn signed(caller: Option<Caller>) -> ApiResult<Caller> {
    caller.ok_or_else(|| ApiError::Internal("this route's row names no caller".into()))
}

/// The signed-in user, checked in a read of its own, as the server treats them: an
/// administrator who has not turned on two-factor sign-in that the operator asks of
/// administrators (`--two-factor-for-admins`) acts as any other person until they do,
/// on every route (no bots' keys or hook URLs, no one else's address, no bot added to a
/// chat); the administrators' own routes refuse them outright ([`admin_user`]).
async fn user(app: &App, caller: Option<Caller>) -> ApiResult<User> {
    let me = signed(caller)?.user(app).await?;
    Ok(crate::domain::people::two_factor::acting(app, me).await?)
}

/// The signed-in user as they are, for the pages that show a person their own account
/// (an administrator still told two-factor sign-in is asked of them).
async fn own_user(app: &App, caller: Option<Caller>) -> ApiResult<User> {
    signed(caller)?.user(app).await
}

/// The caller of an administrators-only route (`/api/admin/`, making and changing bots):
/// refused until they turn on two-factor sign-in when the operator asks it of
/// administrators (`--two-factor-for-admins`). Whether they are an administrator at all
/// is the handler's to check, as for every other caller.
async fn admin_user(app: &App, caller: Option<Caller>) -> ApiResult<User> {
    let me = own_user(app, caller).await?;
    if crate::domain::people::two_factor::missing_for_admin(app, &me).await? {
        return Err(Error::Forbidden(Refusal::TwoFactorNeeded).into());
    }
    Ok(me)
}

/// Runs the handler of `route` for `verb`.
async fn handle(
    app: &App,
    req: &Request,
    route: Route<'_>,
    verb: Verb,
    caller: Option<Caller>,
    row: Row,
) -> ApiResult<Response> {
    use Route as R;
    use Verb::*;
    match (route, verb) {
        (R::Index, Get) => {
            // The catalog the client will most likely read: the browser's language.
            let language = req
                .header("accept-language")
                .and_then(crate::i18n::from_accept_language)
                .unwrap_or(crate::i18n::Lang::En);
            let settings = page::sign_in_settings(app).await.to_string();
            let needs_javascript = crate::i18n::text(language, "page-needs-javascript", &[]);
            let shell = pages::PageLanguage {
                code: language.code(),
                rtl: language.is_rtl(),
                needs_javascript: &needs_javascript,
            };
            pages::page_with_settings(&settings, &shell, req)
        }
        (R::Health, Get) => Ok(pages::health()),
        (R::Schema, Get) => schema::serve::openapi(req),
        (R::SchemaDocs, Get) => schema::serve::docs(req),
        (R::AsyncApi, Get) => schema::serve::asyncapi(req),
        (R::Static(path), Get) => pages::static_asset(&path, req),
        (R::DefaultAvatar, Get) => Ok(pages::default_avatar()),

        (R::Register, Post) => accounts::register(app, req).await,
        (R::Login, Post) => accounts::login(app, req).await,
        (R::Logout, Post) => accounts::logout(app, req, user(app, caller).await?).await,
        (R::Me, Get) => accounts::me(user(app, caller).await?).await,
        (R::TokenForSession, Get) => {
            accounts::token_for_session(app, user(app, caller).await?).await
        }
        (R::Users { paged }, Get) => {
            accounts::list_users(app, req, user(app, caller).await?, paged).await
        }
        (R::User { user: id }, Get) => {
            accounts::user_detail(app, user(app, caller).await?, id).await
        }
        (R::User { user: id }, Put | Patch) => {
            accounts::update_user(app, req, user(app, caller).await?, id).await
        }
        (R::AccountsUsers, Get) => accounts::all_users(app, user(app, caller).await?).await,
        (R::AccountsUsers, Post) => accounts::register_plain(app, req).await,
        (R::JwtPair, Post) => accounts::jwt_pair(app, req).await,
        (R::JwtRefresh, Post) => accounts::jwt_refresh(app, req).await,
        (R::SessionLogin, Post) => accounts::session_login(app, req).await,
        (R::SessionLogout, Post) => {
            accounts::session_logout(app, req, user(app, caller).await?).await
        }

        (R::Chats, Get) => chats::list_chats(app, req, signed(caller)?).await,
        (R::Chats, Post) => chats::create_chat(app, req, user(app, caller).await?).await,
        (R::Chat { chat }, Get) => chats::chat_detail(app, user(app, caller).await?, chat).await,
        (R::Chat { chat }, Put | Patch) => {
            chats::update_chat(app, req, user(app, caller).await?, chat).await
        }
        (R::Chat { chat }, Delete) => chats::delete_chat(app, user(app, caller).await?, chat).await,
        (R::ChatMessages { chat }, Get) => {
            chats::list_messages(app, req, signed(caller)?, chat).await
        }
        (R::ChatMessages { chat }, Post) => {
            chats::send_message(app, req, signed(caller)?, chat).await
        }
        (R::MarkRead { chat }, Post) => {
            chats::mark_read(app, req, user(app, caller).await?, chat).await
        }
        (R::Typing { chat }, Post) => chats::typing(app, req, user(app, caller).await?, chat).await,
        (R::AddMembers { chat }, Post) => {
            chats::add_members(app, req, user(app, caller).await?, chat).await
        }
        (R::RemoveMember { chat, user: id }, Delete) => {
            chats::remove_member(app, user(app, caller).await?, chat, id).await
        }
        (R::ChatsMessage { message }, Get) => {
            chats::message_detail(app, user(app, caller).await?, message).await
        }
        (R::ChatsMessage { message }, Put | Patch) => {
            chats::edit_message(app, req, user(app, caller).await?, message).await
        }
        (R::ChatsMessage { message }, Delete) => {
            chats::delete_message(app, user(app, caller).await?, message).await
        }
        (R::React { message }, Post) => {
            chats::react(app, req, user(app, caller).await?, message).await
        }
        (R::MyStatus, Get) => status::mine(app, user(app, caller).await?).await,
        (R::MyStatus, Put | Patch) => status::set(app, req, user(app, caller).await?).await,
        (R::MyStatus, Delete) => status::clear(app, user(app, caller).await?).await,
        (R::MyQuietHours, Get) => status::quiet(app, user(app, caller).await?).await,
        (R::MyQuietHours, Put | Patch) => {
            status::set_quiet(app, req, user(app, caller).await?).await
        }
        (R::MyLanguage, Get) => own_language::get(app, user(app, caller).await?).await,
        (R::MyLanguage, Put | Patch) => own_language::set(app, req, user(app, caller).await?).await,
        (R::Statuses, Get) => status::everyone(app, user(app, caller).await?).await,
        (R::UserStatus { user: id }, Get) => {
            status::one(app, req, user(app, caller).await?, id).await
        }
        (R::SearchUsers, Get) => chats::search_users(app, req, user(app, caller).await?).await,
        (R::SearchMessages, Get) => {
            search::across_my_chats(app, req, user(app, caller).await?).await
        }
        (R::Threads, Get) => threads::followed(app, req, user(app, caller).await?).await,
        (R::Thread { message }, Get) => {
            threads::thread(app, req, user(app, caller).await?, message).await
        }
        (R::ThreadFollow { message }, Post) => {
            threads::follow(app, user(app, caller).await?, message, true).await
        }
        (R::ThreadFollow { message }, Delete) => {
            threads::follow(app, user(app, caller).await?, message, false).await
        }
        (R::ThreadRead { message }, Post) => {
            threads::read(app, req, user(app, caller).await?, message).await
        }
        (R::LinkPreview { message, preview }, Delete) => {
            previews::remove(app, user(app, caller).await?, message, preview).await
        }
        (R::LinkPreviewImage { key }, Get) => {
            previews::image(app, req, user(app, caller).await?, key).await
        }
        (R::ChatPins { chat }, Get) => pins::list(app, user(app, caller).await?, chat).await,
        (R::ChatPins { chat }, Put | Patch) => {
            pins::set_rule(app, req, user(app, caller).await?, chat).await
        }
        (R::MessagePin { message }, Post) => {
            pins::set(app, user(app, caller).await?, message, true).await
        }
        (R::MessagePin { message }, Delete) => {
            pins::set(app, user(app, caller).await?, message, false).await
        }
        (R::UserGroups, Get) => user_groups::list(app, user(app, caller).await?).await,
        (R::UserGroups, Post) => user_groups::create(app, req, user(app, caller).await?).await,
        (R::UserGroup { group }, Get) => {
            user(app, caller).await?;
            user_groups::detail(app, group).await
        }
        (R::UserGroup { group }, Put | Patch) => {
            user_groups::update(app, req, user(app, caller).await?, group).await
        }
        (R::UserGroup { group }, Delete) => {
            user_groups::delete(app, user(app, caller).await?, group).await
        }
        (R::UserGroupMembers { group }, Post) => {
            user_groups::add_members(app, req, user(app, caller).await?, group).await
        }
        (R::UserGroupMember { group, user: u }, Delete) => {
            user_groups::remove_member(app, user(app, caller).await?, group, u).await
        }
        (R::RoomsBrowser, Get) => rooms_browser::browse(app, req, user(app, caller).await?).await,
        (R::ChatArchive { chat }, Post) => {
            rooms_browser::archive(app, user(app, caller).await?, chat, true).await
        }
        (R::ChatArchive { chat }, Delete) => {
            rooms_browser::archive(app, user(app, caller).await?, chat, false).await
        }
        (R::SavedMessages, Get) => saved::list(app, req, user(app, caller).await?).await,
        (R::SavedMessages, Post) => saved::save(app, req, user(app, caller).await?).await,
        (R::SavedMessage { message }, Get) => {
            saved::one(app, user(app, caller).await?, message).await
        }
        (R::SavedMessage { message }, Patch) => {
            saved::set_reminder(app, req, user(app, caller).await?, message).await
        }
        (R::SavedMessage { message }, Delete) => {
            saved::unsave(app, user(app, caller).await?, message).await
        }
        (R::ScheduledMessages, Get) => scheduled::list(app, user(app, caller).await?).await,
        (R::ScheduledMessages, Post) => scheduled::create(app, req, user(app, caller).await?).await,
        (R::ScheduledMessage { id }, Get) => {
            scheduled::one(app, user(app, caller).await?, id).await
        }
        (R::ScheduledMessage { id }, Patch) => {
            scheduled::edit(app, req, user(app, caller).await?, id).await
        }
        (R::ScheduledMessage { id }, Delete) => {
            scheduled::cancel(app, user(app, caller).await?, id).await
        }
        (R::MessageLink { chat, message }, Get) => Ok(crate::http::reply::see_other(&format!(
            "/#chat/{chat}/message/{message}"
        ))),

        (R::Rooms, Get) => rooms::list_rooms(app, req, user(app, caller).await?).await,
        (R::Rooms, Post) => rooms::create_room(app, req, user(app, caller).await?).await,
        (R::Room { room }, Get) => rooms::room_detail(app, user(app, caller).await?, room).await,
        (R::Room { room }, Put | Patch) => {
            rooms::update_room(app, req, user(app, caller).await?, room).await
        }
        (R::Room { room }, Delete) => rooms::delete_room(app, user(app, caller).await?, room).await,
        (R::Join { room }, Post) => rooms::join(app, user(app, caller).await?, room).await,
        (R::Leave { room }, Post) => rooms::leave(app, user(app, caller).await?, room).await,
        (R::Participants { room }, Get) => {
            rooms::participants(app, user(app, caller).await?, room).await
        }
        (R::CallState { room }, Get) => {
            rooms::call_state(app, user(app, caller).await?, room).await
        }
        (R::RoomMessages { room }, Get) => {
            rooms::list_messages(app, req, signed(caller)?, room).await
        }
        (R::RoomMessages { room }, Post) => {
            rooms::send_message(app, req, signed(caller)?, room).await
        }
        (R::Upload, Post) => rooms::upload(app, req, user(app, caller).await?).await,
        (R::File { file }, Get) => rooms::file_detail(app, user(app, caller).await?, file).await,
        (R::Download { file }, Get) => rooms::download(app, user(app, caller).await?, file).await,
        (R::Thumbnail { file, side }, Get) => {
            rooms::thumbnail(app, user(app, caller).await?, file, side).await
        }

        (R::ApiRoot, Get) => inbox::api_root(req).await,
        (R::Root(root), Get) => {
            user(app, caller).await?;
            Ok(roots::answer(req, root))
        }
        (R::InboxMessages, Get) => inbox::list(app, req, signed(caller)?).await,
        (R::InboxMessages, Post) => inbox::send(app, req, signed(caller)?).await,
        (R::UpdateMessage { message }, Post) => {
            inbox::update_message(app, req, user(app, caller).await?, message).await
        }
        (R::DeleteMessage { message }, Delete) => {
            inbox::delete(app, user(app, caller).await?, message).await
        }

        (R::DmChats, Get) => dm::list(app, req, signed(caller)?).await,
        (R::DmCreate, Post) => dm::create(app, req, user(app, caller).await?).await,

        (R::Profile, Get) => messenger::my_profile(app, user(app, caller).await?).await,
        (R::Profile, Put | Patch) => {
            messenger::update_profile(app, req, user(app, caller).await?).await
        }
        (R::Posts, Get) => messenger::list_posts(app, user(app, caller).await?).await,
        (R::Posts, Post) => messenger::create_post(app, req, user(app, caller).await?).await,
        (R::SearchUser, Get) => messenger::search_user(app, req, user(app, caller).await?).await,
        (R::AddFriend, Post) => messenger::add_friend(app, req, user(app, caller).await?).await,
        (R::RemoveFriend, Post) => {
            messenger::remove_friend(app, req, user(app, caller).await?).await
        }
        (R::Chatrooms | R::UserChatrooms, Get) => {
            messenger::list_rooms(app, user(app, caller).await?).await
        }
        (R::Chatrooms, Post) => messenger::create_room(app, req, user(app, caller).await?).await,
        (R::ChatroomMessages { name }, Get) => {
            messenger::list_messages(app, req, signed(caller)?, name).await
        }
        (R::ChatroomMessages { name }, Post) => {
            messenger::send_message(app, req, signed(caller)?, name).await
        }

        (R::RegistrationMode, Get) => own_account::registration(app).await,
        (R::Account, Get) => own_account::show(app, &own_user(app, caller).await?).await,
        (R::Account, Put | Patch) => {
            own_account::update(app, req, own_user(app, caller).await?).await
        }
        (R::AccountPassword, Post) => own_account::change_password(app, req, signed(caller)?).await,
        (R::AccountTwoFactor, Get) => two_factor::show(app, &own_user(app, caller).await?).await,
        (R::AccountTwoFactor, Post) => two_factor::start(app, req, user(app, caller).await?).await,
        (R::AccountTwoFactor, Delete) => {
            two_factor::turn_off(app, req, user(app, caller).await?).await
        }
        (R::AccountTwoFactorConfirm, Post) => {
            two_factor::confirm(app, req, user(app, caller).await?).await
        }
        (R::AccountSessions, Get) => own_account::sessions(app, signed(caller)?).await,
        (R::AccountSession { id }, Delete) => {
            own_account::end_session(app, user(app, caller).await?, id).await
        }
        (R::AccountReset, Post) => own_account::reset(app, req).await,
        (R::AccountForgot, Post) => own_account::forgot(app, req).await,
        (R::AccountConfirmEmail, Post) => {
            own_account::confirm_email(app, req, user(app, caller).await?).await
        }
        (R::AccountConfirmEmailSend, Post) => {
            own_account::send_confirmation(app, user(app, caller).await?).await
        }
        (R::AccountExport, Get) => own_account::export(app, own_user(app, caller).await?).await,
        (R::MailUnsubscribe, Get) => own_mail::unsubscribe_page(app, req).await,
        (R::MailUnsubscribe, Post) => own_mail::unsubscribe(app, req).await,
        (R::SignInProviders, Get) => sign_in::providers(app),
        (R::SignInCode, Post) => sign_in::finish_with_code(app, req).await,
        (R::MatrixLoginToken, Post) => {
            crate::own::matrix_sign_in::login_token(app, req, signed(caller)?).await
        }
        (R::MatrixOauthSignIn { grant }, Get) => {
            crate::own::matrix_sign_in::oauth_sign_in(app, signed(caller)?, grant).await
        }
        (R::OidcStart { provider }, Get) => sign_in::start(app, req, provider).await,
        (R::OidcCallback { provider }, Get) => sign_in::callback(app, req, provider).await,
        (R::AccountIdentities, Get) => sign_in::identities(app, &user(app, caller).await?).await,
        (R::AccountIdentity { provider }, Post) => {
            sign_in::link(app, req, signed(caller)?, provider).await
        }
        (R::AccountIdentity { provider }, Delete) => {
            sign_in::unlink(app, &user(app, caller).await?, provider).await
        }
        (R::AdminPeople, Get) => admin::people(app, req, admin_user(app, caller).await?).await,
        (R::AdminPerson { user: id }, Get) => {
            admin::person(app, admin_user(app, caller).await?, id).await
        }
        (R::AdminPersonAction { user: id, action }, Post) => {
            admin::act_on_person(app, req, admin_user(app, caller).await?, id, action).await
        }
        (R::AdminInvitations, Get) => {
            admin::invitations(app, req, admin_user(app, caller).await?).await
        }
        (R::AdminInvitations, Post) => {
            admin::invite(app, req, admin_user(app, caller).await?).await
        }
        (R::AdminInvitation { invitation }, Delete) => {
            admin::revoke(app, admin_user(app, caller).await?, invitation).await
        }
        (R::AdminMessage { message }, Delete) => {
            admin::remove_message(app, admin_user(app, caller).await?, message).await
        }
        (R::AdminChats, Get) => admin::chats(app, req, admin_user(app, caller).await?).await,
        (R::AdminChat { chat }, Delete) => {
            admin::remove_chat(app, admin_user(app, caller).await?, chat).await
        }
        (R::AdminChatArchive { chat }, Post) => {
            admin::archive(app, admin_user(app, caller).await?, chat, true).await
        }
        (R::AdminChatArchive { chat }, Delete) => {
            admin::archive(app, admin_user(app, caller).await?, chat, false).await
        }
        (R::AdminChatDefault { chat }, Post) => {
            admin::set_default(app, admin_user(app, caller).await?, chat, true).await
        }
        (R::AdminChatDefault { chat }, Delete) => {
            admin::set_default(app, admin_user(app, caller).await?, chat, false).await
        }
        (R::People, Get) => people::list(app, req, user(app, caller).await?).await,
        (R::AdminChatMember { chat, user: id }, Delete) => {
            admin::remove_member(app, admin_user(app, caller).await?, chat, id).await
        }
        (R::AdminAudit, Get) => admin::audit(app, req, admin_user(app, caller).await?).await,
        (R::Mentions, Get) => mentions::list(app, req, user(app, caller).await?).await,
        (R::Calls, Get) => calls::list(app, req, user(app, caller).await?).await,
        (R::CallIceServers, Get) => calls::ice_servers(app, &user(app, caller).await?).await,
        (R::CallSfu, Post) => calls::sfu(app, req, &user(app, caller).await?).await,
        (R::MentionsRead, Post) => mentions::mark_read(app, req, user(app, caller).await?).await,
        (R::NotifyLevels, Get) => notify_levels::all(app, user(app, caller).await?).await,
        (R::NotifyLevel { chat }, Get) => {
            notify_levels::one(app, user(app, caller).await?, chat).await
        }
        (R::NotifyLevel { chat }, Put | Patch) => {
            notify_levels::set(app, req, user(app, caller).await?, chat).await
        }
        (R::Push, Get) => push::overview(app, user(app, caller).await?).await,
        (R::PushSubscriptions, Post) => push::subscribe(app, req, signed(caller)?).await,
        (R::PushSubscription { id }, Delete) => {
            push::unsubscribe(app, user(app, caller).await?, id).await
        }

        (R::Emoji, Get) => emoji::list(app, user(app, caller).await?).await,
        (R::Emoji, Post) => emoji::add(app, req, user(app, caller).await?).await,
        (R::EmojiOne { emoji }, Delete) => {
            emoji::remove(app, user(app, caller).await?, emoji).await
        }
        (R::EmojiImage { emoji }, Get) => {
            user(app, caller).await?;
            emoji::image(app, emoji).await
        }
        (R::Bots, Get) => bots::list(app, req, user(app, caller).await?).await,
        (R::Bots, Post) => bots::create(app, req, admin_user(app, caller).await?).await,
        (R::Bot { bot }, Get) => bots::one(app, req, user(app, caller).await?, bot).await,
        (R::Bot { bot }, Patch) => {
            bots::update(app, req, admin_user(app, caller).await?, bot).await
        }
        (R::Bot { bot }, Delete) => bots::delete(app, admin_user(app, caller).await?, bot).await,
        (R::BotKey { bot }, Post) => {
            bots::rotate_key(app, req, admin_user(app, caller).await?, bot).await
        }
        (R::BotChats { bot }, Post) => {
            bots::add_to_chat(app, req, admin_user(app, caller).await?, bot).await
        }
        (R::BotChat { bot, chat }, Delete) => {
            bots::remove_from_chat(app, admin_user(app, caller).await?, bot, chat).await
        }
        (R::Hook { token }, Post) => hooks::post(app, req, token).await,

        // A method the row lists without a handler here (a table mistake) is refused as
        // any other; socket routes and `/api/messages/{id}/` never get here.
        _ => Err(row.methods.refuse(&req.method)),
    }
}
