//! The words of natter's mails, each as plain text and as HTML with every piece of a
//! person's text escaped: a name or a message can hold `<`, `&` or a line break, never
//! markup or a header (the subject is one line; lettre encodes it).

use crate::i18n::{self, Arg, Lang};
use crate::mail::letter::escape_html;

/// A mail's subject and bodies, and for a mail a person may stop, where one click
/// unsubscribes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub subject: String,
    pub text: String,
    pub html: String,
    pub unsubscribe: Option<String>,
}

/// The HTML part around `body`, in `lang`.
fn page(lang: Lang, body: &str) -> String {
    crate::mail::letter::html_page(lang.code(), lang.is_rtl(), body)
}

/// A link in HTML: its address escaped as an attribute and as text.
fn link(url: &str, label: &str) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        escape_html(url),
        escape_html(label)
    )
}

/// The greeting: with the person's name, or without one.
fn hello(lang: Lang, name: Option<&str>) -> (String, String) {
    match name {
        Some(n) => (
            i18n::text(lang, "mail-hello-name", &[("name", Arg::Str(n))]),
            i18n::text(
                lang,
                "mail-hello-name",
                &[("name", Arg::Str(&escape_html(n)))],
            ),
        ),
        None => {
            let plain = i18n::text(lang, "mail-hello", &[]);
            (plain.clone(), escape_html(&plain))
        }
    }
}

/// The mail with a link to set a new password, in the account's language. `name` is the
/// account's shown name, or `None` when the address is unconfirmed: such a mail carries
/// natter's words only, so nobody can have a stranger's inbox sent a name they chose.
pub fn password_reset(
    lang: Lang,
    name: Option<&str>,
    site: &str,
    link_url: &str,
    hours: u64,
) -> Written {
    let (text_hello, html_hello) = hello(lang, name);
    let hours = Arg::Num(i64::try_from(hours).unwrap_or(i64::MAX));
    let asked = |site: &str| i18n::text(lang, "mail-reset-asked", &[("site", Arg::Str(site))]);
    let open = i18n::text(lang, "mail-reset-open", &[("hours", hours)]);
    let after = i18n::text(lang, "mail-reset-after", &[]);
    Written {
        subject: i18n::text(lang, "mail-reset-subject", &[]),
        text: format!(
            "{text_hello}\n\n{}\n{open}\n\n{link_url}\n\n{after}\n",
            asked(site)
        ),
        html: page(
            lang,
            &format!(
                "<p>{html_hello}</p><p>{} {}</p><p>{}</p><p>{}</p>",
                asked(&escape_html(site)),
                escape_html(&open),
                link(link_url, link_url),
                escape_html(&after),
            ),
        ),
        unsubscribe: None,
    }
}

/// The mail with a link confirming an address, in the account's language: natter's
/// words only (no name, no text anyone chose), since until it is used nobody knows whose
/// inbox this is.
pub fn confirm_address(lang: Lang, site: &str, link_url: &str, hours: u64) -> Written {
    let (hello_text, hello_html) = hello(lang, None);
    let hours = Arg::Num(i64::try_from(hours).unwrap_or(i64::MAX));
    let given = |site: &str| i18n::text(lang, "mail-confirm-given", &[("site", Arg::Str(site))]);
    let open = i18n::text(lang, "mail-confirm-open", &[("hours", hours)]);
    let after = i18n::text(lang, "mail-confirm-after", &[]);
    Written {
        subject: i18n::text(lang, "mail-confirm-subject", &[]),
        text: format!(
            "{hello_text}\n\n{}\n{open}\n\n{link_url}\n\n{after}\n",
            given(site)
        ),
        html: page(
            lang,
            &format!(
                "<p>{hello_html}</p><p>{} {}</p><p>{}</p><p>{}</p>",
                given(&escape_html(site)),
                escape_html(&open),
                link(link_url, link_url),
                escape_html(&after),
            ),
        ),
        unsubscribe: None,
    }
}

/// The mail with an invitation's join link, in the inviter's language (the newcomer
/// has no account, so none of their own).
pub fn invitation(lang: Lang, inviter: &str, site: &str, link_url: &str) -> Written {
    let body = |inviter: &str, site: &str| {
        i18n::text(
            lang,
            "mail-invite-body",
            &[("inviter", Arg::Str(inviter)), ("site", Arg::Str(site))],
        )
    };
    let open = i18n::text(lang, "mail-invite-open", &[]);
    Written {
        subject: i18n::text(
            lang,
            "mail-invite-subject",
            &[("inviter", Arg::Str(&one_line(inviter)))],
        ),
        text: format!("{}\n\n{open}\n\n{link_url}\n", body(inviter, site)),
        html: page(
            lang,
            &format!(
                "<p>{}</p><p>{}</p><p>{}</p>",
                body(&escape_html(inviter), &escape_html(site)),
                escape_html(&open),
                link(link_url, link_url),
            ),
        ),
        unsubscribe: None,
    }
}

/// The test mail of `natter mail-test`, in the server's default language.
pub fn test(site: &str) -> Written {
    let lang = Lang::En;
    let body = |site: &str| i18n::text(lang, "mail-test-body", &[("site", Arg::Str(site))]);
    Written {
        subject: i18n::text(lang, "mail-test-subject", &[]),
        text: format!("{}\n", body(site)),
        html: page(lang, &format!("<p>{}</p>", body(&escape_html(site)))),
        unsubscribe: None,
    }
}

/// A push's title for a saved message's reminder in `chat`.
pub fn reminder_title(lang: Lang, chat: &str) -> String {
    one_line(&i18n::text(
        lang,
        "mail-reminder-subject",
        &[("chat", Arg::Str(chat))],
    ))
}

/// The mail of a saved message's reminder: `text` is the message's text as shown (cut),
/// `link_url` where it opens.
pub fn reminder(lang: Lang, name: &str, chat: &str, text: &str, link_url: &str) -> Written {
    let (text_hello, html_hello) = hello(lang, Some(name));
    let asked = |chat: &str| i18n::text(lang, "mail-reminder-asked", &[("chat", Arg::Str(chat))]);
    let open = i18n::text(lang, "mail-missed-open", &[]);
    Written {
        subject: reminder_title(lang, chat),
        text: format!(
            "{text_hello}\n\n{}\n\n{text}\n\n{open}: {link_url}\n",
            asked(chat)
        ),
        html: page(lang, &format!(
            "<p>{html_hello}</p><p>{}</p><blockquote style=\"white-space:pre-wrap\">{}</blockquote><p>{}</p>",
            asked(&escape_html(chat)),
            escape_html(text),
            link(link_url, &open),
        )),
        unsubscribe: None,
    }
}

/// One missed message as a mail lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissedLine {
    pub chat: String,
    pub sender: String,
    pub text: String,
    /// When it was sent, as stored (ISO 8601, UTC).
    pub at: String,
    pub link: String,
}

/// `at` (a stored instant, RFC 3339) as a date and time in `tz`, written the language's
/// way (`mail-missed-when`: 27.11.2026, 15:05 in German, 2026/11/27 15:05 in Japanese);
/// an instant that does not read is shown as stored.
fn when_in(lang: Lang, tz: &jiff::tz::TimeZone, at: &str) -> String {
    let Ok(instant) = at.parse::<jiff::Timestamp>() else {
        return at.get(..16).unwrap_or(at).replace('T', " ");
    };
    let local = instant.to_zoned(tz.clone());
    let two = |n: i8| format!("{n:02}");
    i18n::text(
        lang,
        "mail-missed-when",
        &[
            ("year", Arg::Str(&local.year().to_string())),
            ("month", Arg::Str(&two(local.month()))),
            ("day", Arg::Str(&two(local.day()))),
            ("hour", Arg::Str(&two(local.hour()))),
            ("minute", Arg::Str(&two(local.minute()))),
        ],
    )
}

/// The mail gathering what a person missed, in their language, its times in their time
/// zone (`tz`), named beside them.
pub fn missed(
    lang: Lang,
    tz: &jiff::tz::TimeZone,
    name: &str,
    site: &str,
    lines: &[MissedLine],
    unsubscribe_url: &str,
) -> Written {
    let count = Arg::Num(i64::try_from(lines.len()).unwrap_or(i64::MAX));
    let (text_hello, html_hello) = hello(lang, Some(name));
    let intro = |site: &str| {
        i18n::text(
            lang,
            "mail-missed-intro",
            &[("count", count), ("site", Arg::Str(site))],
        )
    };
    let mut text = format!("{text_hello}\n\n{}\n\n", intro(site));
    let mut html = format!("<p>{html_hello}</p><p>{}</p>", intro(&escape_html(site)));
    let zone_name = tz.iana_name().unwrap_or("UTC");
    for l in lines {
        let when = when_in(lang, tz, &l.at);
        let head = |sender: &str, chat: &str, when: &str| {
            i18n::text(
                lang,
                "mail-missed-line",
                &[
                    ("sender", Arg::Str(sender)),
                    ("chat", Arg::Str(chat)),
                    ("when", Arg::Str(when)),
                    ("zone", Arg::Str(zone_name)),
                ],
            )
        };
        text.push_str(&format!(
            "{}\n{}\n{}\n\n",
            head(&l.sender, &l.chat, &when),
            indent(&l.text),
            l.link
        ));
        html.push_str(&format!(
            "<p>{}<br><span style=\"white-space:pre-wrap\">{}</span><br>{}</p>",
            head(
                &format!("<b>{}</b>", escape_html(&l.sender)),
                &format!("<b>{}</b>", escape_html(&l.chat)),
                &escape_html(&when)
            ),
            escape_html(&l.text),
            link(&l.link, &i18n::text(lang, "mail-missed-open", &[]))
        ));
    }
    let why = i18n::text(lang, "mail-missed-why", &[]);
    text.push_str(&format!(
        "{why} {}\n",
        i18n::text(
            lang,
            "mail-missed-off",
            &[("url", Arg::Str(unsubscribe_url))]
        )
    ));
    let unsubscribe = link(
        unsubscribe_url,
        &i18n::text(lang, "mail-missed-unsubscribe", &[]),
    );
    html.push_str(&format!(
        "<p style=\"color:#555\">{} {}</p>",
        escape_html(&why),
        i18n::text(
            lang,
            "mail-missed-off-html",
            &[("link", Arg::Str(&unsubscribe))]
        )
    ));
    Written {
        subject: i18n::text(lang, "mail-missed-subject", &[("count", count)]),
        text,
        html: page(lang, &html),
        unsubscribe: Some(unsubscribe_url.to_string()),
    }
}

/// `s` on one line (a subject holds no line break).
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A message's text indented as a quote, cut to 500 characters.
fn indent(text: &str) -> String {
    let cut: String = text.chars().take(500).collect();
    let cut = if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    };
    cut.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_persons_text_is_escaped_in_html_and_kept_in_text() {
        let line = MissedLine {
            chat: "<script>".into(),
            sender: "Анна & co".into(),
            text: "<b>hi</b>\nthere".into(),
            at: "2026-11-25T10:00:00.000000Z".into(),
            link: "https://chat.example.org/#chat/3".into(),
        };
        let w = missed(
            Lang::En,
            &jiff::tz::TimeZone::UTC,
            "Bob",
            "https://chat.example.org",
            &[line],
            "https://u/x?t=\"1\"",
        );
        assert!(
            !w.html.contains("<script>") && !w.html.contains("<b>hi"),
            "{}",
            w.html
        );
        assert!(w.html.contains("&lt;b&gt;hi&lt;/b&gt;"));
        assert!(w.html.contains("Анна &amp; co"));
        assert!(w.text.contains("  <b>hi</b>\n  there"), "{}", w.text);
        assert_eq!(w.subject, "You missed 1 message at natter");
        assert_eq!(
            invitation(Lang::En, "Ann\r\nBcc: x", "s", "l").subject,
            "Ann Bcc: x invites you to natter"
        );
    }

    #[test]
    fn a_missed_messages_time_is_written_in_the_persons_language_and_zone() {
        let line = |at: &str| MissedLine {
            chat: "ops".into(),
            sender: "Ann".into(),
            text: "hi".into(),
            at: at.into(),
            link: "https://chat.example.org/#chat/3".into(),
        };
        let at = "2026-11-25T23:30:00.000000Z";
        let said = |lang, zone: Option<&str>| {
            let tz = crate::domain::status::quiet::zone_of(zone);
            missed(lang, &tz, "Bob", "s", &[line(at)], "u").text
        };
        let english = said(Lang::En, None);
        assert!(
            english.contains("Ann in ops, 2026-11-25 23:30 (UTC):"),
            "{english}"
        );
        // Berlin is an hour ahead in November: the next day there.
        let german = said(Lang::De, Some("Europe/Berlin"));
        assert!(
            german.contains("26.11.2026, 00:30 (Europe/Berlin)"),
            "{german}"
        );
        let japanese = said(Lang::Ja, Some("Asia/Tokyo"));
        assert!(
            japanese.contains("2026/11/26 08:30（Asia/Tokyo）"),
            "{japanese}"
        );
        // A zone the system does not know is UTC, named so.
        let unknown = said(Lang::Es, Some("Mars/Olympus"));
        assert!(unknown.contains("25/11/2026, 23:30 (UTC)"), "{unknown}");
    }
}
