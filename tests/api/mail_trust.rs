//! Which relay certificates `--smtp-ca-file` makes natter trust, through `natter
//! mail-test` against the real SMTP sink (`mail_sink`) with STARTTLS and with implicit
//! TLS: a relay that is its own authority, with the self-signed certificate `openssl req
//! -x509` makes (`CA:TRUE`, no subject alternative name), is trusted when the file holds
//! that very certificate; another self-signed certificate with the same name is not.

use crate::mail_sink::{MailSink, SinkOptions};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FROM: &str = "Team chat <chat@example.org>";

/// A key and a self-signed certificate for `name`, made as an operator makes them
/// (`openssl req -x509`, OpenSSL's own defaults), in `dir`: (certificate, key).
fn openssl_self_signed(dir: &Path, tag: &str, name: &str) -> (PathBuf, PathBuf) {
    let cert = dir.join(format!("{tag}-cert.pem"));
    let key = dir.join(format!("{tag}-key.pem"));
    let out = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
        ])
        .args(["-subj", &format!("/CN={name}")])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs (apt-get install openssl)");
    assert!(
        out.status.success(),
        "openssl req -x509: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The case this file is about: a certificate that says it is an authority.
    let text = Command::new("openssl")
        .args(["x509", "-noout", "-text", "-in"])
        .arg(&cert)
        .output()
        .expect("openssl x509");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("CA:TRUE"), "{text}");
    assert!(!text.contains("Subject Alternative Name"), "{text}");
    (cert, key)
}

/// `natter mail-test` through `sink` (by the certificate's name), trusting `ca`.
fn mail_test(sink: &MailSink, ca: &Path) -> Output {
    Command::new(crate::helpers::natter_bin())
        .args(["--smtp", &sink.url(), "--mail-from", FROM])
        .arg("--smtp-ca-file")
        .arg(ca)
        .args(["mail-test", "--to", "ann@example.org"])
        .output()
        .expect("natter mail-test")
}

#[tokio::test]
async fn a_relay_with_its_own_self_signed_certificate_is_trusted_through_the_ca_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (cert, key) = openssl_self_signed(dir.path(), "relay", "localhost");
    let opts = SinkOptions {
        starttls: true,
        certificate: Some((cert.clone(), key)),
        ..SinkOptions::default()
    };
    let Some(sink) = MailSink::start_with_or_skip("self_signed_relay", opts) else {
        return;
    };
    let out = mail_test(&sink, &cert);
    assert!(
        out.status.success(),
        "mail-test with the relay's own certificate: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mails = sink.until(1).await;
    assert_eq!(mails[0]["tls"], true, "{}", mails[0]);

    // Another self-signed certificate for the same name proves nothing about this relay.
    let (other, _) = openssl_self_signed(dir.path(), "other", "localhost");
    let out = mail_test(&sink, &other);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "trusted a stranger's certificate");
    assert!(err.contains("certificate"), "{err}");
    assert_eq!(
        sink.received().len(),
        1,
        "a mail went through the wrong trust"
    );
}

#[tokio::test]
async fn a_relay_with_implicit_tls_and_its_own_certificate_is_trusted_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (cert, key) = openssl_self_signed(dir.path(), "relay", "localhost");
    let opts = SinkOptions {
        starttls: true,
        implicit_tls: true,
        certificate: Some((cert.clone(), key)),
        ..SinkOptions::default()
    };
    let Some(sink) = MailSink::start_with_or_skip("self_signed_smtps", opts) else {
        return;
    };
    assert!(sink.url().starts_with("smtps://"), "{}", sink.url());
    let out = mail_test(&sink, &cert);
    assert!(
        out.status.success(),
        "mail-test over implicit TLS: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mails = sink.until(1).await;
    assert_eq!(mails[0]["tls"], true, "{}", mails[0]);
}
