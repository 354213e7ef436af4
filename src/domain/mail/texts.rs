//! The words of natter's mails, each as plain text and as HTML with every piece of a
//! person's text escaped: a name or a message can hold `<`, `&` or a line break, never
//! markup or a header (the subject is one line; lettre encodes it).

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

/// The HTML page around `body`.
fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
         <body style=\"font-family:sans-serif;line-height:1.4\">{body}</body></html>"
    )
}

/// A link in HTML: its address escaped as an attribute and as text.
fn link(url: &str, label: &str) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        escape_html(url),
        escape_html(label)
    )
}

/// The mail with a link to set a new password. `name` is the account's shown name, or
/// `None` when the address is unconfirmed: such a mail carries natter's words only, so
/// nobody can have a stranger's inbox sent a name they chose.
pub fn password_reset(name: Option<&str>, site: &str, link_url: &str, hours: u64) -> Written {
    let (text_hello, html_hello) = match name {
        Some(n) => (format!("Hello {n},"), format!("Hello {},", escape_html(n))),
        None => ("Hello,".to_string(), "Hello,".to_string()),
    };
    Written {
        subject: "Set a new password for natter".into(),
        text: format!(
            "{text_hello}\n\nsomeone (we hope you) asked to set a new password for your account at {site}.\n\
             Open this link within {hours} hours to choose one; it works once:\n\n{link_url}\n\n\
             Setting it signs you out everywhere else. If you did not ask, ignore this mail: \
             your password stays as it is.\n"
        ),
        html: page(&format!(
            "<p>{html_hello}</p><p>someone (we hope you) asked to set a new password for your account at {}.\
             Open this link within {hours} hours to choose one; it works once:</p><p>{}</p>\
             <p>Setting it signs you out everywhere else. If you did not ask, ignore this mail: \
             your password stays as it is.</p>",
            escape_html(site),
            link(link_url, link_url),
        )),
        unsubscribe: None,
    }
}

/// The mail with a link confirming an address: natter's words only (no name, no text
/// anyone chose), since until it is used nobody knows whose inbox this is.
pub fn confirm_address(site: &str, link_url: &str, hours: u64) -> Written {
    Written {
        subject: "Confirm your address for natter".into(),
        text: format!(
            "Hello,\n\nthis address was given for an account at {site}.\n\
             If that account is yours, sign in to it and open this link within {hours} hours \
             to confirm the address; it works once:\n\n{link_url}\n\n\
             If you did not make an account there, ignore this mail: the address stays \
             unconfirmed, gets no other mail from there, and is matched to no one.\n"
        ),
        html: page(&format!(
            "<p>Hello,</p><p>this address was given for an account at {}.\
             If that account is yours, sign in to it and open this link within {hours} hours \
             to confirm the address; it works once:</p><p>{}</p>\
             <p>If you did not make an account there, ignore this mail: the address stays \
             unconfirmed, gets no other mail from there, and is matched to no one.</p>",
            escape_html(site),
            link(link_url, link_url),
        )),
        unsubscribe: None,
    }
}

/// The mail with an invitation's join link.
pub fn invitation(inviter: &str, site: &str, link_url: &str) -> Written {
    Written {
        subject: format!("{} invites you to natter", one_line(inviter)),
        text: format!(
            "{inviter} invites you to the team's chat at {site}.\n\n\
             Open this link to make your account:\n\n{link_url}\n"
        ),
        html: page(&format!(
            "<p>{} invites you to the team's chat at {}.</p><p>Open this link to make your account:</p><p>{}</p>",
            escape_html(inviter),
            escape_html(site),
            link(link_url, link_url),
        )),
        unsubscribe: None,
    }
}

/// The test mail of `natter mail-test`.
pub fn test(site: &str) -> Written {
    Written {
        subject: "natter can send mail".into(),
        text: format!("This mail was sent by natter at {site} to check its mail settings.\n"),
        html: page(&format!(
            "<p>This mail was sent by natter at {} to check its mail settings.</p>",
            escape_html(site)
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

/// The mail gathering what a person missed.
pub fn missed(name: &str, site: &str, lines: &[MissedLine], unsubscribe_url: &str) -> Written {
    let count = lines.len();
    let what = if count == 1 {
        "1 message".to_string()
    } else {
        format!("{count} messages")
    };
    let mut text = format!("Hello {name},\n\nyou have {what} you have not read at {site}:\n\n");
    let mut html = format!(
        "<p>Hello {},</p><p>you have {what} you have not read at {}:</p>",
        escape_html(name),
        escape_html(site)
    );
    for l in lines {
        let when = l.at.get(..16).unwrap_or(&l.at).replace('T', " ");
        text.push_str(&format!(
            "{} in {}, {when} UTC:\n{}\n{}\n\n",
            l.sender,
            l.chat,
            indent(&l.text),
            l.link
        ));
        html.push_str(&format!(
            "<p><b>{}</b> in <b>{}</b>, {} UTC:<br><span style=\"white-space:pre-wrap\">{}</span><br>{}</p>",
            escape_html(&l.sender),
            escape_html(&l.chat),
            escape_html(&when),
            escape_html(&l.text),
            link(&l.link, "Open it")
        ));
    }
    text.push_str(&format!(
        "You get this mail because you were mentioned or written to while away. \
         Turn these mails off on your account page, or here: {unsubscribe_url}\n"
    ));
    html.push_str(&format!(
        "<p style=\"color:#555\">You get this mail because you were mentioned or written to while away. \
         Turn these mails off on your account page, or {}.</p>",
        link(unsubscribe_url, "unsubscribe")
    ));
    Written {
        subject: format!("You missed {what} at natter"),
        text,
        html: page(&html),
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
            invitation("Ann\r\nBcc: x", "s", "l").subject,
            "Ann Bcc: x invites you to natter"
        );
    }
}
