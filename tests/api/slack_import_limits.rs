//! `natter import slack` reads every entry within its limit and checks it: an entry that
//! inflates past the size its header gives (a 3 MB zip whose `users.json` says 200 bytes
//! and holds 30 MB) or whose CRC-32 differs is refused with a sentence naming it, before
//! anything changes; an export with entries named to lead out of a folder (`../`,
//! absolute) is refused as malformed, each such entry named, before anything changes.

use crate::helpers::*;
use crate::team_cli::{done, natter};
use serde_json::json;
use std::io::Write;
use std::path::Path;
use zip::CompressionMethod::{Deflated, Stored};

/// Writes a zip at `path` of `entries` (name, bytes, method), names taken as given.
fn zip_of(path: &Path, entries: &[(&str, Vec<u8>, zip::CompressionMethod)]) {
    let file = std::fs::File::create(path).expect("zip file");
    let mut zip = zip::ZipWriter::new(file);
    for (name, bytes, method) in entries {
        let options = zip::write::SimpleFileOptions::default().compression_method(*method);
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("entry written");
    }
    zip.finish().expect("zip finished");
}

/// Makes entry `name`'s local and central headers give `size` as its inflated size, as
/// a forged export does (its CRC-32 stays that of the true content).
fn forge_size(path: &Path, name: &str, size: u32) {
    let (local, central) = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("zip")).expect("zip");
        let entry = zip.by_name(name).expect("entry");
        (entry.header_start(), entry.central_header_start())
    };
    let mut bytes = std::fs::read(path).expect("zip read");
    for at in [local as usize + 22, central as usize + 24] {
        bytes[at..at + 4].copy_from_slice(&size.to_le_bytes());
    }
    std::fs::write(path, bytes).expect("zip written");
}

fn json_bytes(value: serde_json::Value) -> Vec<u8> {
    value.to_string().into_bytes()
}

/// The people and channel of the small exports below: mallory is new here, alice is
/// matched by her email.
fn people_and_general() -> Vec<(&'static str, Vec<u8>, zip::CompressionMethod)> {
    vec![
        (
            "users.json",
            json_bytes(json!([
                {"id": "U1", "name": "alice", "profile": {"email": "alice@example.org"}},
                {"id": "U2", "name": "mallory", "profile": {"email": "mallory@example.org"}}
            ])),
            Deflated,
        ),
        (
            "channels.json",
            json_bytes(json!([{"id": "C1", "name": "general", "members": ["U1", "U2"]}])),
            Deflated,
        ),
        (
            "general/2024-01-02.json",
            json_bytes(
                json!([{"type": "message", "user": "U1", "text": "day one", "ts": "1704186000.000100"}]),
            ),
            Deflated,
        ),
    ]
}

fn said(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// What the import must not have changed: alice alone, in no chat.
async fn nothing_changed(app: &TestApp, alice: &str) {
    let list = done(app, &["users", "list"]);
    assert!(!list.contains("mallory"), "{list}");
    let (_, chats) = app.get("/messages/api/chats/", alice).await;
    assert_eq!(chats["count"], 0, "{chats}");
}

#[tokio::test]
async fn an_entry_that_inflates_past_its_header_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;
    let mut entries = people_and_general();
    // users.json: the list, then 30 MB of blanks (valid JSON, a 30 KB deflated entry).
    entries[0].1.resize(30 * 1024 * 1024, b' ');
    let path = app.dir.path().join("forged.zip");
    zip_of(&path, &entries);
    forge_size(&path, "users.json", 200);

    let refused = natter(&app, &["import", "slack", path.to_str().expect("path")], "");
    let text = said(&refused);
    assert_eq!(refused.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "the export's users.json is damaged: it holds more than the 200 bytes its header gives; nothing was imported"
        ),
        "{text}"
    );
    nothing_changed(&app, &alice).await;
}

#[tokio::test]
async fn an_entry_whose_crc_differs_is_refused_before_anything_changes() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;
    let mut entries = people_and_general();
    // A second day, stored as it is, whose text is then changed inside the zip: the
    // first day and the people would be written before it is read.
    entries.push((
        "general/2024-01-03.json",
        json_bytes(json!([{"type": "message", "user": "U1", "text": "MARKER-A", "ts": "1704272400.000100"}])),
        Stored,
    ));
    let path = app.dir.path().join("damaged.zip");
    zip_of(&path, &entries);
    let mut bytes = std::fs::read(&path).expect("zip read");
    let at = bytes
        .windows(8)
        .position(|w| w == b"MARKER-A")
        .expect("the stored text");
    bytes[at + 7] = b'B';
    std::fs::write(&path, bytes).expect("zip written");

    let refused = natter(&app, &["import", "slack", path.to_str().expect("path")], "");
    let text = said(&refused);
    assert_eq!(refused.status.code(), Some(1), "{text}");
    assert!(
        text.contains("the export's general/2024-01-03.json is damaged")
            && text.contains("nothing was imported"),
        "{text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    nothing_changed(&app, &alice).await;
}

#[tokio::test]
async fn an_export_with_entries_named_out_of_it_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let (_, alice) = app.register("alice").await;
    // Her address confirmed by the operator: only that makes her Slack's alice.
    done(&app, &["users", "confirm-email", "alice"]);
    let mut entries = people_and_general();
    let day = |text: &str| {
        json_bytes(
            json!([{"type": "message", "user": "U1", "text": text, "ts": "1704186000.000200"}]),
        )
    };
    entries.push(("../general/2024-01-02.json", day("from above"), Deflated));
    entries.push(("/general/2024-01-02.json", day("from the root"), Deflated));
    entries.push(("general/../../2024-01-02.json", day("climbing"), Deflated));
    entries.push((
        "__uploads/../F1/x.txt",
        b"not a file of the export".to_vec(),
        Deflated,
    ));
    let path = app.dir.path().join("hostile.zip");
    zip_of(&path, &entries);

    let refused = natter(&app, &["import", "slack", path.to_str().expect("path")], "");
    let text = said(&refused);
    assert_eq!(refused.status.code(), Some(1), "{text}");
    assert!(
        text.contains("the export is malformed: its entries ")
            && text.contains("lead out of the export's folder")
            && text.contains("nothing was imported"),
        "{text}"
    );
    for name in [
        "../general/2024-01-02.json",
        "/general/2024-01-02.json",
        "general/../../2024-01-02.json",
        "__uploads/../F1/x.txt",
    ] {
        assert!(text.contains(name), "{name} not named in:\n{text}");
    }
    assert!(!text.contains("panicked"), "{text}");
    nothing_changed(&app, &alice).await;

    // One such entry alone is named as one, and the export without it is imported.
    let path = app.dir.path().join("one-hostile.zip");
    let mut entries = people_and_general();
    entries.push(("../x.json", json_bytes(json!([])), Deflated));
    zip_of(&path, &entries);
    let refused = natter(&app, &["import", "slack", path.to_str().expect("path")], "");
    let text = said(&refused);
    assert_eq!(refused.status.code(), Some(1), "{text}");
    assert!(
        text.contains(
            "the export is malformed: its entry ../x.json leads out of the export's folder"
        ),
        "{text}"
    );
    nothing_changed(&app, &alice).await;
    let path = app.dir.path().join("clean.zip");
    zip_of(&path, &people_and_general());
    let run = natter(&app, &["import", "slack", path.to_str().expect("path")], "");
    assert!(run.status.success(), "{}", said(&run));
}
