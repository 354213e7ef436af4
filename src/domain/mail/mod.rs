//! What natter mails, when and to whom: a link confirming an address, a link to set a
//! forgotten password, an invitation's join link, and one mail gathering the mentions
//! and direct messages a person missed. Every mail is queued in the database in the write that owes it
//! (`store::mail`) and sent by [`sender`], so a crash or a relay that is down loses
//! none and sends none twice; the relay itself is `crate::mail`'s.

pub mod confirm;
pub mod forgot;
pub mod missed;
pub mod sender;
pub mod texts;
pub mod unsubscribe;

use crate::domain::error::Result;
use crate::i18n::Lang;
use crate::state::App;
use crate::store::{self, mail::NewMail, Conn};
use texts::Written;

/// The language a mail to `user_id` is written in: the one they chose on their account
/// page, English when they chose none (their browser's, which decides for the web client,
/// is not known to a mail).
pub fn language_of(c: &Conn, user_id: i64) -> Result<Lang> {
    Ok(store::people::language::of(c, user_id)?
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::En))
}

/// Queues `written` to `to` in the caller's write, due now; `kind` names it in the log.
/// Nothing is queued when the server sends no mail.
pub fn queue(c: &Conn, app: &App, kind: &str, to: &str, written: &Written) -> Result<()> {
    queue_at(c, app, kind, to, written, crate::kit::clock::now_ms())
}

/// Queues a mail to be sent at `due_ms` (unix ms), not before.
pub fn queue_at(
    c: &Conn,
    app: &App,
    kind: &str,
    to: &str,
    written: &Written,
    due_ms: i64,
) -> Result<()> {
    let Some(mailer) = &app.mail else {
        return Ok(());
    };
    let message_id = mailer.message_id(kind);
    store::mail::queue(
        c,
        &NewMail {
            message_id: &message_id,
            kind,
            recipient: to,
            subject: &written.subject,
            text_body: &written.text,
            html_body: &written.html,
            unsubscribe: written.unsubscribe.as_deref(),
        },
        due_ms,
        &store::clock::now(),
    )?;
    Ok(())
}

/// Where people reach this server, for the links in mail: `--public-url`, else the
/// address natter listens on. Never a request's `Host`, which whoever asks for a reset
/// link could choose.
pub fn site(app: &App) -> String {
    app.webhooks.base_url()
}

/// Checks that `address` is a mail address lettre can write.
pub fn check_address(field: &'static str, address: &str) -> Result<()> {
    match crate::mail::letter::is_address(address) {
        true => Ok(()),
        false => Err(crate::domain::error::Error::field(
            field,
            crate::domain::error::Problem::BadEmail,
        )),
    }
}

/// Most addresses one invitation is mailed to.
pub const MAX_INVITED: usize = 20;

/// Checks the addresses an invitation is to be mailed to: mail is on, at most
/// [`MAX_INVITED`], each an address; each once, in the order given.
pub fn invitees(app: &App, emails: Vec<String>) -> Result<Vec<String>> {
    use crate::domain::error::{Error, Problem};
    if app.mail.is_none() {
        return Err(Error::field(
            "emails",
            Problem::Worded("This server sends no mail: copy the link instead."),
        ));
    }
    let mut out: Vec<String> = Vec::new();
    for e in emails {
        let e = e.trim().to_string();
        check_address("emails", &e)?;
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&e)) {
            out.push(e);
        }
    }
    if out.len() > MAX_INVITED {
        return Err(Error::field(
            "emails",
            Problem::Worded("Send an invitation to at most 20 addresses at once."),
        ));
    }
    Ok(out)
}

/// What queues the mails of a new invitation from `inviter` to each of `emails` (checked
/// by [`invitees`]), for `domain::administration::admin::invite_and_then`: in the write that makes the
/// invitation, so there is never an invitation whose mails were not queued.
pub fn invitation_mails(
    app: &App,
    inviter_id: i64,
    inviter: String,
    emails: Vec<String>,
) -> impl Fn(&store::Tx, &store::people::invitations::Invitation) -> Result<()> + Send + 'static {
    let app = app.clone();
    move |c, invitation| {
        let site = site(&app);
        let link = format!("{site}/join/{}", invitation.code);
        // The newcomer has no account yet: the inviter's language is the team's best guess.
        let inviter_language = language_of(c, inviter_id)?;
        let written = texts::invitation(inviter_language, &inviter, &site, &link);
        for to in &emails {
            queue(c, &app, "invitation", to, &written)?;
        }
        Ok(())
    }
}

/// Sends the test mail to `to` through the relay of `config` at once, without the queue
/// (the operator is waiting for the relay's answer): the relay it went through, or why
/// it did not go.
pub async fn send_test_now(
    config: &crate::config::Config,
    to: &str,
) -> std::result::Result<String, String> {
    let mailer = crate::mail::Mailer::from_config(config)?
        .ok_or("this server sends no mail: set --smtp and --mail-from")?;
    if !crate::mail::letter::is_address(to) {
        return Err(format!("{to} is not a mail address"));
    }
    let site = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", config.listen));
    let written = texts::test(&site);
    let letter = crate::mail::letter::Letter {
        to: to.to_string(),
        subject: written.subject,
        text: written.text,
        html: written.html,
        message_id: mailer.message_id("test"),
        unsubscribe_url: None,
    };
    match mailer.send(&letter).await {
        Ok(()) => Ok(mailer.describe().to_string()),
        Err(crate::mail::Failure::Retry(why) | crate::mail::Failure::Refused(why)) => Err(why),
    }
}
