//! Real-browser end-to-end test of the web client (static/).
//!
//! Starts the natter binary on a free port with a fresh database, then runs
//! `node tests/browser/e2e.mjs <base-url> target/web-client-chat.png`, which drives the
//! system Chromium through playwright-core (two people chatting; see that file).
//!
//! The script restarts the server halfway through over stdio: it prints `STOP` and this
//! test kills natter (SIGKILL) and answers `STOPPED`; it prints `START` and this test
//! starts natter again on the same address with the same database and answers `STARTED`.
//!
//! A second test, `web_client_follows_only_its_own_routes`, runs
//! `node tests/browser/own-routes.mjs <base-url>` against a natter on plain HTTP and then
//! against one serving TLS itself (a certificate for `localhost` made at run time): hostile
//! `#chat/` hashes, avatar URLs and search results, and the live
//! socket under the page's `connect-src 'self'`.
//!
//! A fourth, `a_team_invites_and_deactivates_people_in_the_browser`, serves with
//! `--registration invite`, makes the one administrator with `natter create-user --admin`
//! and runs `node tests/browser/team.mjs <base-url> <admin> <password>`: an
//! invitation made on the admin page and used through its link, and a deactivated
//! person's open tab dropping to the sign-in screen.
//!
//! A fifth, `mentions_levels_and_pushes_in_the_browser`, runs
//! `node tests/browser/notify.mjs <base-url> target/`: the `@` list, mentions
//! highlighted and listed, notification levels, the manifest, the service worker (offline
//! shell, a push shown and clicked); for its last step it prints `STOP` and this test
//! kills natter and answers `STOPPED`. Its screenshots go to `target/`.
//!
//! A sixth, `the_composer_formats_picks_emoji_uploads_and_keeps_drafts`, runs
//! `node tests/browser/composer.mjs <base-url> target/`: Markdown rendered
//! safely, the emoji picker (message box and reactions), pasted and dropped files with
//! upload progress, a draft per chat across switches and reloads, a refused send kept; at
//! 1100 and 390 px. Its screenshots go to `target/`.
//!
//! A seventh, `where_you_left_off_replies_and_the_viewer_in_the_browser`, runs
//! `node tests/browser/place.mjs <base-url> target/` at 1100 and 390 px: opening
//! at the first unread (divider, jump and "new messages below" cues, the read marker moved
//! only by rows seen, checked through the API), quote-replies (the text format, the header
//! paging back to the original), the image viewer and inline audio, and `/`. Its
//! screenshots go to `target/`.
//!
//! An eighth, `bots_post_through_their_hooks_in_the_browser`, makes an administrator with
//! `natter create-user --admin` and runs
//! `node tests/browser/bots.mjs <base-url> <admin> <password> target/` at 1100
//! and 390 px: a bot made on the Bots page (its key shown once), added to a room, its hook
//! URL copied; a Slack payload posted to that URL shows up live with a "BOT" badge; the
//! webhook edited, a new key, leaving the room and deletion. Its screenshots go to `target/`.
//!
//! A ninth, `browsable_pages_post_through_their_forms_in_the_browser`, runs
//! `node tests/browser/browsable.mjs <base-url> target/`: signed in with the
//! session, `/messages/api/chats/` opens as DRF's browsable page, a group chat is posted
//! through its POST form (the 201 shown on the page) and renamed through a chat's PATCH
//! form, with no CSP violation reported. Its screenshot goes to `target/`.
//!
//! A tenth, `swagger_ui_tries_the_api_in_the_browser`, runs
//! `node tests/browser/swagger-ui.mjs <base-url> target/`: Swagger UI at
//! `/api/schema/docs/` lists every surface, and "Try it out" with the session answers
//! GET /api/auth/me/ and creates a chat (CSRF added by its script), with no CSP violation.
//!
//! `signing_out_leaves_no_draft_or_push_subscription_in_the_browser` runs
//! `node tests/browser/sign-out.mjs <base-url> target/`: "Sign out" on a shared computer
//! leaves no draft, push subscription or notification choice in the browser, and none
//! of the person's subscriptions on the server.
//! `a_page_of_an_older_build_reloads_cleanly_and_a_warm_one_fetches_nothing_again` runs
//! `node tests/browser/upgrade.mjs <base-url> target/`: a page of an older build (the
//! real page with some files' versions changed to one this server does not hold) reloads
//! once, cleanly, at start and when its person signs in; no module runs from two
//! versions; a warm visit fetches no file of the client again.
//! An eleventh, `message_text_renders_in_linear_time_in_the_browser`, runs
//! `node tests/browser/markdown.mjs <base-url> target/`: pathological message texts of
//! 10,000 characters each render within a bound measured in the page, twice the text in
//! about twice the time, and a chat holding three of them opens at once. Beside it,
//! `message_text_unit_tests_under_node` runs `node --test tests/browser/markdown.test.mjs
//! tests/browser/shortcode.test.mjs` (the message box's `:shortcode:` conversion too).
//!
//! A twelfth, `an_administrator_moderates_in_the_browser`, makes an administrator with
//! `natter create-user --admin` and runs
//! `node tests/browser/moderation.mjs <base-url> <admin> <password>`: a message deleted
//! from its hover menu, a person taken out of a group and the group deleted (each
//! confirmed, none offered to others), the audit log by name, and a deactivated person
//! marked "(deactivated)" wherever their name shows.
//!
//! `a_teams_first_day_in_the_browser` makes an administrator and runs
//! `node tests/browser/first-day.mjs <base-url> <admin> <password> target/`: a team that
//! shares a room, where a teammate's name + Enter opens the direct chat (the message
//! reaches it, not the room), "New message" to one or several people, the chat list's
//! sections and stars, delete asked once, names and initials, the notifications prompt,
//! and no self-deactivation on the admin page.
//!
//! `threads_in_the_browser` makes an administrator, serves with `--webhook-allow-private`
//! and runs `node tests/browser/threads.mjs <base-url> <admin> <password> target/` at
//! 1100 and 390 px: a thread started on a message in a shared room and answered by two
//! people ("2 replies" under it, the replies kept out of the channel's timeline), a
//! mentioned third person seeing it unread under Threads, a reply also sent to the
//! channel, a search hit opening the thread, a bot answering in the thread, the replies
//! read through the rooms surface with their quote line, and a text quote that is no reply.
//!
//! `a_first_day_on_a_fresh_server_in_the_browser` runs
//! `node tests/browser/fresh-server.mjs <base-url> target/`: the first person signs up and
//! lands in `general`, sees the first administrator's notice once, marks a room
//! "Newcomers start here" and makes an invitation; a second person joins through its
//! link and lands in both rooms; the people directory lists both and "Message" opens the
//! direct chat; someone in no chat sees the empty list's welcome.
//!
//! `link_previews_in_the_browser` runs a small website of its own (a page with Open Graph
//! tags and a picture), serves with `--link-previews-private` naming it and runs `node
//! tests/browser/link-previews.mjs <base-url> <site-url> target/` at 1100 and 390 px: the
//! card arrives live, its picture sized before it loads and loaded from natter only, and
//! the sender removes it.
//!
//! `forgot_password_in_the_browser` starts the API tests' SMTP sink (`tests/mail/sink.py`)
//! first, then a natter on a port picked beforehand (on its own loopback address,
//! [`MAIL_NATTER_HOST`]) with `--smtp` to the sink, `--mail-from` and `--public-url`
//! naming natter itself, makes an administrator, and runs `node
//! tests/browser/forgot-password.mjs <base-url> <mail-dir> <admin> <password> target/` at
//! 1100 and 390 px: "Forgot password?" on the sign-in page, the mail's `/reset/` link
//! read from the sink's folder and opened, a new password set and used, the old one
//! refused, an unknown address answered with the same sentence; the missed-mail setting on
//! the account page, and an invitation mailed from the admin page.
//!
//! `thread_replies_read_as_messages_in_the_browser` makes an administrator and runs
//! `node tests/browser/thread-reads.mjs <base-url> <admin> <password> target/` at 1100 and
//! 390 px: a reply in one's thread on the Mentions page as a reply with its thread, read
//! in a second tab's thread panel and cleared live in the first (Mentions, @ and Threads
//! badges), and a message an administrator removed leaving "removed by an administrator".
//!
//! `a_teams_first_week_in_the_browser` makes an administrator and runs `node
//! tests/browser/first-week.mjs <base-url> <admin> <password> target/` at 1100 and 390 px
//! on a server without mail: "Forgot password?" saying to ask an administrator, the emoji
//! fonts in the page's font stack, a newcomer landing in general with their arrival told
//! there, the sessions list without the sign-up's key, the recovery codes copied and
//! downloaded, a phone's message actions on a tap or a long press, and the
//! administrator's top bar at 390 px.
//!
//! `a_team_moves_in_from_slack_in_the_browser` runs `node tests/browser/moving-in.mjs
//! <base-url> target/`: the first person signs up (an empty `general`), then on the
//! script's `IMPORT` this test runs `natter import slack` on the server's database and
//! answers `IMPORTED`; the open tab shows one general with Slack's history, its preview
//! the room's last message (not a reply kept to a thread), and no "Seen by" naming people
//! the import made, who never signed in.
//!
//! `a_call_names_people_shows_muted_tiles_and_knows_other_tabs` runs
//! `node tests/browser/call-words.mjs <base-url> target/`: display names in a call's ring,
//! tiles and line, a crossed microphone on another's tile, "<name> declined", and no
//! "Join call" in a second tab of someone in the call.
//!
//! `an_office_joins_by_one_link_in_the_browser` runs `node tests/browser/joining.mjs
//! <base-url> <admin> <password> target/`: the Admin page and the first administrator's
//! notice saying who may join, a one-use link with no "null" under it and its audit line,
//! the sign-up limit in a person's words at 1100 and 390 px, a colleague joining by the
//! link past that limit, and the link counting its use. `an_invite_only_first_page_says_who_may_join`
//! runs `node tests/browser/invite-first-page.mjs <base-url> empty|staffed` against a
//! `--registration invite` server before and after its first account.
//!
//! `pins_saved_and_message_links_in_the_browser` makes an administrator and runs `node
//! tests/browser/pins.mjs <base-url> <admin> <password> target/` at 1100 and 390 px: a
//! message pinned from its menu (the header's count on both members' screens, live), the
//! pinned list opening the message, a message saved and found under Saved with its
//! reminder coming back, "Copy link", the pasted link quoted for a member of the source
//! chat and bare for someone outside it, and the link opened by both (not available; a
//! sign-in first, then the message).
//! `pictures_in_chats_in_the_browser` runs `node tests/browser/pictures.mjs <base-url>
//! <admin> <password> target/` at 1100 and 390 px: photos drawn from their thumbnails in
//! boxes sized before they load, ten times fewer bytes than the originals by the
//! browser's own count, the viewer fetching the original only on "Full size", a PDF's
//! file card; custom emoji added, used in messages and reactions, and removed.
//! `user_groups_topics_and_the_rooms_browser_in_the_browser` runs `node
//! tests/browser/groups-topics.mjs <base-url> <admin> <password> target/` at 1100 and 390
//! px: a user group made on the People page, picked from the `@` list and marked in the
//! message; a room's topic set in its details, shown in a member's header with its line,
//! live; the rooms dialog with the room's topic, size and membership.
//!
//! `search_operators_and_send_later_in_the_browser` runs `node tests/browser/search-later.mjs
//! <base-url> <admin> <password> target/` at 1100 and 390 px in a Berlin browser: the search
//! box's operators listed, `from:@` and `in:#` finished from names, "Send later" at
//! tomorrow 9:00 Berlin time, and the scheduled list cancelling it.
//!
//! `statuses_and_quiet_hours_in_the_browser` runs `node tests/browser/status.mjs <base-url>
//! <admin> <password> target/` at 1100 and 390 px: the browser's zone saved by itself, a
//! status set from the picker and shown live beside the name on the other person's
//! screen and in the directory, a pause on the account page and the quiet line above a
//! direct chat's message box, the status cleared live.
//!
//! `every_page_of_the_client_passes_axe_in_the_browser` runs `node
//! tests/browser/accessibility.mjs <base-url> <admin> <password> target/`: axe-core
//! (pinned in tests/browser/package.json, run by `axe.mjs`) on every page and state of the
//! client at 1100 and 390 px in the light and the dark theme, zero WCAG 2.1 A and AA
//! violations. `a_days_work_with_the_keyboard_only_in_the_browser` runs `keyboard.mjs`:
//! signing in, finding a person, sending, a thread reply, a reaction, answering and
//! leaving a call and searching with the keyboard alone, the focus visible after every
//! Tab and trapped only in a modal dialog. `announcements_motion_and_zoom_in_the_browser`
//! runs `announcements-motion-zoom.mjs`: messages, ringing and errors said once in the
//! live regions, an arrival said in German on a German page, no motion under reduced
//! motion, and no sideways scrolling at 320 px or at 200 % zoom.
//!
//! `live_changes_reach_the_open_client_in_the_browser` runs
//! `node tests/browser/live-frames.mjs <base-url> <admin> <password> target/` at 1100 and
//! 390 px: a chat's pin rule, custom emoji, user groups, a quiet mark and a scheduled
//! message that failed, each reaching an open page from the socket without a reload,
//! and the Saved page reading its next page as it is scrolled.
//!
//! `a_matrix_app_signs_in_through_the_sign_in_page_in_the_browser` runs `node
//! tests/browser/matrix-sso.mjs <base-url> target/`: a Matrix app's single sign-on
//! (`m.login.sso`) through natter's sign-in page, for an account with two-factor sign-in:
//! the redirect's `matrix_sso` kept for the tab through the password and the code, the
//! question naming the app's origin and the person (axe-core, light and dark),
//! "Continue" sending the browser back with a `loginToken` that `/login` trades once, a
//! refused address said as an alert, and "Cancel" opening the chats.
//!
//! `a_matrix_app_signs_in_through_oauth_with_a_two_factor_code_in_the_browser` runs `node
//! tests/browser/matrix-oauth.mjs <base-url> target/`: Matrix's OAuth 2.0 API (MSC2964-2967)
//! with natter as the authorization server, for an account with two-factor sign-in: the
//! app reads `/_matrix/client/v1/auth_metadata`, registers itself and sends the browser to
//! the authorization endpoint with a PKCE S256 challenge; natter's sign-in page asks the
//! password and the code, then the question (axe-core, light and dark); "Continue" sends
//! the browser back with a `code` and the same `state`, which the token endpoint trades
//! only with the right verifier and only once, for the device the scope named (whoami,
//! `/devices`, the account page); a refresh replaces both tokens, a revoked access token is
//! `M_UNKNOWN_TOKEN`, and an unregistered redirect URI is an error page, not a redirect.
//!
//! `an_encrypted_message_is_said_in_the_readers_language_in_the_browser` runs `node
//! tests/browser/encrypted-message.mjs <base-url> target/`: a Matrix app sends an encrypted
//! message in an encrypted direct chat; natter's client, read in German, says in German
//! that it is encrypted (the chat and the chat list), shows no ciphertext and no edit
//! action, and shows what the reader then writes as text.
//!
//! `matrix_apps_the_account_page_and_pictures_in_the_browser` runs `node
//! tests/browser/matrix-apps-page.mjs <base-url> target/`: the sign-up form refusing what
//! the server refuses and taking "zoë"; the account page's Matrix id (as a Matrix app's
//! sign-in answers it), the homeserver address and "Use natter in an app" (every catalog,
//! the pseudo-language, axe-core light and dark at 1100 and 390 px); a picture a Matrix app
//! sends without text shown in the chat list as a small thumbnail and "Picture: <name>",
//! live and after a reload; a direct chat's other person's photo in the list and header.
//!
//! `hydrogen_a_matrix_client_signs_in_reads_and_sends_in_the_browser` runs `node
//! tests/browser/matrix-hydrogen.mjs <base-url> target/`: Hydrogen (`hydrogen-view-sdk`,
//! pinned in tests/browser/package.json), a Matrix client natter's team did not write,
//! served from another origin: natter's address typed as the homeserver, a natter name and
//! password, a group's history read back to its first message under its senders' names,
//! a message sent from its composer and found through natter's REST API, and one sent
//! through that API showing up live in its timeline.
//!
//! Without Chromium, Node.js or `tests/browser/node_modules/playwright-core`
//! (`cd tests/browser && npm ci`), the test prints `browser test SKIPPED: <reason>` and passes.
//!
//! `the_client_speaks_pseudo_arabic_german_and_japanese_in_the_browser` runs
//! `node tests/browser/languages.mjs <base-url> <admin> <password> target/`: every visible
//! text of the main screens, the admin pages, the dialogs and a call comes from the
//! catalogs (the pseudo-language), Arabic lays the page out right to
//! left, German and Japanese show their words and dates, and a language chosen on the
//! account page is stored on the account. Beside it, `the_client_catalogs_are_complete_under_node`
//! runs `node --test tests/browser/catalogs.test.mjs`: every catalog complete, the same
//! placeholders, no id the code asks for missing.

mod browser_env;
#[path = "browser_env/janus.rs"]
mod janus_server;
// The api suite's throwaway PostgreSQL, for the calls on two nodes; some of it unused here.
#[path = "browser_env/mail_sink.rs"]
mod mail_sink;
#[allow(dead_code)]
#[path = "api/pg.rs"]
mod pg;

use browser_env::{drain, Log};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const OVERALL_TIMEOUT: Duration = Duration::from_secs(180);
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running natter; killed when dropped.
struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(listen: &str, dir: &Path, log: &Arc<Mutex<Vec<String>>>) -> Server {
        Server::start_with(listen, dir, &[], log)
    }

    /// A natter with `extra` flags (e.g. `--tls-cert`).
    fn start_with(
        listen: &str,
        dir: &Path,
        extra: &[&std::ffi::OsStr],
        log: &Arc<Mutex<Vec<String>>>,
    ) -> Server {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            match Server::try_start(listen, dir, extra, log) {
                Ok(server) => return server,
                // The old process's port may take a moment to be free again.
                Err(e) if Instant::now() < deadline => {
                    log.lock()
                        .unwrap()
                        .push(format!("[test] natter did not start ({e}); retrying"));
                    thread::sleep(Duration::from_millis(200));
                }
                Err(e) => panic!(
                    "natter did not start on {listen}: {e}\n{}",
                    log.lock().unwrap().join("\n")
                ),
            }
        }
    }

    fn try_start(
        listen: &str,
        dir: &Path,
        extra: &[&std::ffi::OsStr],
        log: &Arc<Mutex<Vec<String>>>,
    ) -> Result<Server, String> {
        // A database of the test's own (`--db` in `extra`), or a SQLite file in `dir`.
        let own_db = extra.iter().any(|a| *a == "--db");
        let db = dir.join("natter.db");
        let mut child = Command::new(env!("CARGO_BIN_EXE_natter"))
            .arg("--listen")
            .arg(listen)
            .args(if own_db {
                vec![]
            } else {
                vec![std::ffi::OsStr::new("--db"), db.as_os_str()]
            })
            .arg("--media-dir")
            .arg(dir.join("media"))
            .args(["--log", "warn"])
            // Off unless the test turns the limits on itself.
            .args(if extra.iter().any(|a| *a == "--rate-limits") {
                &[][..]
            } else {
                &["--rate-limits", "off"][..]
            })
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run natter: {e}"))?;
        drain("natter stderr", child.stderr.take().unwrap(), log.clone());
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let log2 = log.clone();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let first = lines.next().and_then(|l| l.ok());
            let _ = tx.send(first);
            for line in lines.map_while(Result::ok) {
                log2.lock().unwrap().push(format!("[natter stdout] {line}"));
            }
        });
        let first = match rx.recv_timeout(START_TIMEOUT) {
            Ok(Some(line)) => line,
            Ok(None) | Err(_) => {
                let _ = child.kill();
                let status = child.wait().ok();
                return Err(format!("no `listening on` line (exit: {status:?})"));
            }
        };
        let addr = first
            .strip_prefix("listening on http://")
            .or_else(|| first.strip_prefix("listening on https://"));
        match addr {
            Some(addr) => Ok(Server {
                child,
                addr: addr.trim().to_string(),
            }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!("unexpected first line {first:?}"))
            }
        }
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

fn answer(stdin: &mut ChildStdin, line: &str) {
    stdin
        .write_all(format!("{line}\n").as_bytes())
        .and_then(|_| stdin.flush())
        .expect("cannot write to the browser script's stdin");
}

#[test]
fn web_client_in_a_real_browser() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser/e2e.mjs");
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip("browser test", reason);
            return;
        }
    };

    let dir = tempfile::tempdir().expect("temp dir");
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut server = Server::start("127.0.0.1:0", dir.path(), &log);
    let addr = server.addr.clone();
    let shot = root.join("target/web-client-chat.png");
    let _ = std::fs::create_dir_all(shot.parent().unwrap());

    let base = format!("http://{addr}");
    let run = browser_env::run_node(
        &script,
        &[base.as_ref(), shot.as_os_str()],
        &chromium,
        &log,
        OVERALL_TIMEOUT,
        |line, stdin| match line {
            "STOP" => {
                server.kill();
                answer(stdin, "STOPPED");
            }
            "START" => {
                server = Server::start(&addr, dir.path(), &log);
                assert_eq!(server.addr, addr, "natter came back on another address");
                answer(stdin, "STARTED");
            }
            _ => {}
        },
    );
    drop(server);

    if !run.passed() {
        let log = log.lock().unwrap();
        panic!(
            "browser test failed ({}).\n--- script output ---\n{}\n--- server and script stderr ---\n{}",
            run.why(OVERALL_TIMEOUT),
            run.output.join("\n"),
            log.join("\n"),
        );
    }
    println!(
        "browser test: screenshot of the chat view at {}",
        shot.display()
    );
}

/// Runs `node <script> <base>` to its end (or kills it after [`OWN_ROUTES_TIMEOUT`]);
/// returns whether it passed and its output.
fn run_script(script: &Path, base: &str, chromium: &Path, log: &Log) -> (bool, Vec<String>) {
    let run = browser_env::run_node(
        script,
        &[base.as_ref()],
        chromium,
        log,
        OWN_ROUTES_TIMEOUT,
        |_, _| {},
    );
    let passed = run.passed();
    let mut output = run.output;
    if run.timed_out {
        output.push(format!("[test] timed out after {OWN_ROUTES_TIMEOUT:?}"));
    }
    (passed, output)
}

/// How long one run of `own-routes.mjs` may take before it is taken for hung: it loads the
/// client fresh a dozen times and took 63 s (plain HTTP) and 71 s (TLS) alone on two
/// cores, and ran past 120 s beside another browser test in CI.
const OWN_ROUTES_TIMEOUT: Duration = Duration::from_secs(300);

/// How long a browser script run by [`run_script_with_an_administrator`] may take.
const ROUTES_TIMEOUT: Duration = Duration::from_secs(120);

#[test]
fn web_client_follows_only_its_own_routes() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser/own-routes.mjs");
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip("own-routes browser test", reason);
            return;
        }
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));

    // Plain HTTP.
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = Server::start("127.0.0.1:0", dir.path(), &log);
    let (plain_ok, plain_out) =
        run_script(&script, &format!("http://{}", plain.addr), &chromium, &log);
    drop(plain);

    // TLS served by natter itself: the socket is wss:// to the page's own host.
    let tls_dir = tempfile::tempdir().expect("temp dir");
    let made = rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("certificate");
    let cert = tls_dir.path().join("cert.pem");
    let key = tls_dir.path().join("key.pem");
    std::fs::write(&cert, made.cert.pem()).expect("write cert");
    std::fs::write(&key, made.key_pair.serialize_pem()).expect("write key");
    let flags = [
        std::ffi::OsStr::new("--tls-cert"),
        cert.as_os_str(),
        std::ffi::OsStr::new("--tls-key"),
        key.as_os_str(),
    ];
    let tls = Server::start_with("127.0.0.1:0", tls_dir.path(), &flags, &log);
    let port = tls.addr.rsplit(':').next().unwrap_or_default().to_string();
    let (tls_ok, tls_out) = run_script(
        &script,
        &format!("https://localhost:{port}"),
        &chromium,
        &log,
    );
    drop(tls);

    if !plain_ok || !tls_ok {
        panic!(
            "own-routes browser test failed (plain HTTP: {}, TLS: {}).\n--- plain HTTP ---\n{}\n--- TLS ---\n{}\n--- server and script stderr ---\n{}",
            if plain_ok { "passed" } else { "FAILED" },
            if tls_ok { "passed" } else { "FAILED" },
            plain_out.join("\n"),
            tls_out.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

#[test]
fn signing_out_in_one_tab_signs_out_every_tab() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser/two-tabs.mjs");
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip("two-tabs browser test", reason);
            return;
        }
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start("127.0.0.1:0", dir.path(), &log);
    let (ok, out) = run_script(&script, &format!("http://{}", server.addr), &chromium, &log);
    drop(server);
    if !ok {
        panic!(
            "two-tabs browser test failed.\n{}\n--- server and script stderr ---\n{}",
            out.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

/// Makes an account in the database `db` with `natter create-user`, the password piped in.
fn create_user(db: &Path, username: &str, password: &str, admin: bool) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_natter"));
    command
        .arg("create-user")
        .arg(username)
        .arg("--email")
        .arg(format!("{username}@example.com"))
        .arg("--password-stdin")
        .arg("--db")
        .arg(db);
    if admin {
        command.arg("--admin");
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run natter create-user");
    child
        .stdin
        .take()
        .expect("create-user's stdin")
        .write_all(format!("{password}\n").as_bytes())
        .expect("cannot write the password to create-user");
    let out = child
        .wait_with_output()
        .expect("create-user did not finish");
    assert!(
        out.status.success(),
        "natter create-user {username} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
}

#[test]
fn a_team_invites_and_deactivates_people_in_the_browser() {
    let _slot = browser_env::slot();
    // Registration by API is invitation-only.
    run_script_with_an_administrator(
        "team",
        "team.mjs",
        &["--registration", "invite"],
        ROUTES_TIMEOUT,
    );
}

/// Runs `node tests/browser/<script> <base-url> <admin> <password> target/` against a
/// natter of its own started with `flags`, with one administrator made by `create-user`
/// beside the running server (natter makes the database when it first serves). SKIPPED
/// without a browser; fails with the script's output and the server's log.
fn run_script_with_an_administrator(label: &str, script: &str, flags: &[&str], timeout: Duration) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser").join(script);
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip(&format!("{label} browser test"), reason);
            return;
        }
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let flags: Vec<&std::ffi::OsStr> = flags.iter().map(std::ffi::OsStr::new).collect();
    let server = Server::start_with("127.0.0.1:0", dir.path(), &flags, &log);
    let (admin, password) = ("boss", "boss password 1");
    create_user(&dir.path().join("natter.db"), admin, password, true);
    let shots = root.join("target");
    let _ = std::fs::create_dir_all(&shots);
    let base = format!("http://{}", server.addr);
    let run = browser_env::run_node(
        &script,
        &[
            base.as_ref(),
            admin.as_ref(),
            password.as_ref(),
            shots.as_os_str(),
        ],
        &chromium,
        &log,
        timeout,
        |_, _| {},
    );
    drop(server);
    if !run.passed() {
        panic!(
            "{label} browser test failed ({}).\n{}\n--- server and script stderr ---\n{}",
            run.why(timeout),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

/// Runs `node tests/browser/<script> <base-url> target/` against a natter of its own
/// (SKIPPED without a browser); the script's `STOP` line kills natter (answered
/// `STOPPED`). Fails with the script's output and the server's log.
fn run_script_against_natter(label: &str, script: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser").join(script);
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip(&format!("{label} browser test"), reason);
            return;
        }
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let mut server = Server::start("127.0.0.1:0", dir.path(), &log);
    let shots = root.join("target");
    let _ = std::fs::create_dir_all(&shots);
    let base = format!("http://{}", server.addr);
    let run = browser_env::run_node(
        &script,
        &[base.as_ref(), shots.as_os_str()],
        &chromium,
        &log,
        OVERALL_TIMEOUT,
        |line, stdin| {
            if line == "STOP" {
                server.kill();
                answer(stdin, "STOPPED");
            }
        },
    );
    drop(server);
    if !run.passed() {
        panic!(
            "{label} browser test failed ({}).\n{}\n--- server and script stderr ---\n{}",
            run.why(OVERALL_TIMEOUT),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

#[test]
fn a_first_day_on_a_fresh_server_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("fresh-server", "fresh-server.mjs");
}

#[test]
fn a_page_of_an_older_build_reloads_cleanly_and_a_warm_one_fetches_nothing_again() {
    let _slot = browser_env::slot();
    run_script_against_natter("upgrade", "upgrade.mjs");
}

#[test]
fn signing_out_leaves_no_draft_or_push_subscription_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("sign-out", "sign-out.mjs");
}

#[test]
fn two_factor_sign_in_is_set_up_and_asked_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("two-factor", "two-factor.mjs");
}

#[test]
fn a_matrix_app_signs_in_through_the_sign_in_page_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("matrix-sso", "matrix-sso.mjs");
}

/// Matrix's OAuth 2.0 API in a real browser: a registered app's authorization through
/// natter's sign-in page (password, two-factor code, the question), the code traded with
/// its PKCE verifier once, refresh and revocation (tests/browser/matrix-oauth.mjs).
#[test]
fn a_matrix_app_signs_in_through_oauth_with_a_two_factor_code_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("matrix-oauth", "matrix-oauth.mjs");
}

/// An encrypted message from a Matrix app in natter's own client: said in the reader's
/// language, never its ciphertext (tests/browser/encrypted-message.mjs).
#[test]
fn an_encrypted_message_is_said_in_the_readers_language_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("encrypted-message", "encrypted-message.mjs");
}

/// What Matrix apps need and send, in natter's own client: sign-up names as the server
/// takes them, the account page's Matrix id and homeserver address, a picture's preview in
/// the chat list and a direct chat's photo (tests/browser/matrix-apps-page.mjs).
#[test]
fn matrix_apps_the_account_page_and_pictures_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("matrix-apps-page", "matrix-apps-page.mjs");
}

#[test]
fn hydrogen_a_matrix_client_signs_in_reads_and_sends_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("matrix-hydrogen", "matrix-hydrogen.mjs");
}

#[test]
fn mentions_levels_and_pushes_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("notify", "notify.mjs");
}

#[test]
fn the_composer_formats_picks_emoji_uploads_and_keeps_drafts() {
    let _slot = browser_env::slot();
    run_script_against_natter("composer", "composer.mjs");
}

#[test]
fn where_you_left_off_replies_and_the_viewer_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("place", "place.mjs");
}

#[test]
fn bots_post_through_their_hooks_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("bots", "bots.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn an_administrator_moderates_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("moderation", "moderation.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn a_teams_first_day_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("first-day", "first-day.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn threads_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator(
        "threads",
        "threads.mjs",
        &["--webhook-allow-private"],
        OVERALL_TIMEOUT,
    );
}

/// `node --test tests/browser/markdown.test.mjs`: the rendering of message text under
/// Node with a stand-in DOM (what ordinary Markdown becomes, and slow-to-render inputs
/// in milliseconds). Skipped as the browser tests are.
#[test]
fn message_text_unit_tests_under_node() {
    let _slot = browser_env::slot();
    if let Err(reason) = browser_env::chromium_or_skip_reason() {
        browser_env::skip("markdown unit tests", reason);
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg("--test")
        .arg(root.join("tests/browser/markdown.test.mjs"))
        .arg(root.join("tests/browser/shortcode.test.mjs"))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "markdown unit tests failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn message_text_renders_in_linear_time_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("markdown", "markdown.mjs");
}

#[test]
fn browsable_pages_post_through_their_forms_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("browsable", "browsable.mjs");
}

#[test]
fn swagger_ui_tries_the_api_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("swagger-ui", "swagger-ui.mjs");
}

/// The loopback address the natter of the mail test listens on: its port is picked free
/// before natter starts (its `--public-url` names it), and on an address no other test's
/// natter binds (they take 127.0.0.1:0), no other test can take that port meanwhile.
const MAIL_NATTER_HOST: &str = "127.0.0.3";

/// "Forgot password?" through real mail: the sink gets the reset link natter sends, the
/// browser opens it (tests/browser/forgot-password.mjs).
#[test]
fn forgot_password_in_the_browser() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip("forgot-password browser test", reason);
            return;
        }
    };
    if let Some(reason) = mail_sink::missing() {
        browser_env::skip("forgot-password browser test", reason);
        return;
    }
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let sink = mail_sink::MailSink::start(&dir.path().join("mails"), &log);
    let port = std::net::TcpListener::bind((MAIL_NATTER_HOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let base = format!("http://{MAIL_NATTER_HOST}:{port}");
    let smtp = sink.url();
    let flags = [
        "--smtp",
        &smtp,
        "--mail-from",
        "natter@example.org",
        "--public-url",
        &base,
    ];
    let extra: Vec<&std::ffi::OsStr> = flags.iter().map(std::ffi::OsStr::new).collect();
    let server = Server::start_with(
        &format!("{MAIL_NATTER_HOST}:{port}"),
        dir.path(),
        &extra,
        &log,
    );
    let (admin, password) = ("boss", "boss password 1");
    create_user(&dir.path().join("natter.db"), admin, password, true);
    let shots = root.join("target");
    let _ = std::fs::create_dir_all(&shots);
    let run = browser_env::run_node(
        &root.join("tests/browser/forgot-password.mjs"),
        &[
            base.as_ref(),
            sink.dir.as_os_str(),
            admin.as_ref(),
            password.as_ref(),
            shots.as_os_str(),
        ],
        &chromium,
        &log,
        OVERALL_TIMEOUT,
        |_, _| {},
    );
    drop(server);
    drop(sink);
    if !run.passed() {
        panic!(
            "forgot-password browser test failed ({}).\n{}\n--- server, sink and script stderr ---\n{}",
            run.why(OVERALL_TIMEOUT),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

/// The loopback address the OpenID provider listens on: not natter's 127.0.0.1, where a
/// port picked free could be taken by a natter of another test before the provider binds.
const PROVIDER_HOST: &str = "127.0.0.2";

/// The OpenID provider of `tests/oidc` (panva's `oidc-provider` under node) on `port`,
/// accepting natter's callback at `base`; killed when dropped.
struct OidcProvider(Child);

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl OidcProvider {
    fn start(port: u16, base: &str, log: &Log) -> OidcProvider {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut child = Command::new("node")
            .arg(root.join("tests/oidc/provider.mjs"))
            .env("PORT", port.to_string())
            .env("HOST", PROVIDER_HOST)
            .env("REDIRECT_URIS", format!("{base}/auth/oidc/test/callback"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("node starts");
        drain("provider stderr", child.stderr.take().unwrap(), log.clone());
        let mut lines = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        lines
            .read_line(&mut first)
            .expect("the provider's first line");
        assert!(first.starts_with("listening on"), "provider said {first:?}");
        // The rest is read and dropped: a closed pipe would stop it.
        thread::spawn(move || std::io::copy(&mut lines, &mut std::io::sink()));
        OidcProvider(child)
    }
}

/// Clicks the provider's button on the sign-in page, signs in at the provider's own form
/// and lands in the chat list; seed 000's `oauth` login from that browser; a cancelled
/// sign-in comes back as a sentence, and a link's own `?sign_in_error=` text never shows
/// (tests/browser/oidc.mjs).
#[test]
fn signing_in_through_an_openid_provider_in_the_browser() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip("OpenID Connect browser test", reason);
            return;
        }
    };
    if !root.join("tests/oidc/node_modules/oidc-provider").is_dir() {
        let why = "tests/oidc/node_modules is missing (cd tests/oidc && npm ci)";
        if std::env::var("NATTER_REQUIRE_OIDC").is_ok_and(|v| v == "1") {
            panic!(
                "the OpenID Connect browser test needs its provider (NATTER_REQUIRE_OIDC=1): {why}"
            );
        }
        eprintln!("*** OpenID Connect browser test SKIPPED: {why}");
        return;
    }
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let port = std::net::TcpListener::bind((PROVIDER_HOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let secret = dir.path().join("oidc-secret");
    std::fs::write(&secret, "natter-test-secret").expect("secret file");
    let oidc = format!("test=http://{PROVIDER_HOST}:{port},natter,Test ID");
    let secret_arg = format!("test={}", secret.display());
    let flags = ["--oidc", &oidc, "--oidc-secret-file", &secret_arg];
    let extra: Vec<&std::ffi::OsStr> = flags.iter().map(std::ffi::OsStr::new).collect();
    let server = Server::start_with("127.0.0.1:0", dir.path(), &extra, &log);
    let base = format!("http://{}", server.addr);
    let _provider = OidcProvider::start(port, &base, &log);
    let shots = root.join("target");
    let run = browser_env::run_node(
        &root.join("tests/browser/oidc.mjs"),
        &[base.as_ref(), shots.as_os_str()],
        &chromium,
        &log,
        OVERALL_TIMEOUT,
        |_, _| {},
    );
    drop(server);
    if !run.passed() {
        panic!(
            "OpenID Connect browser test failed ({}).\n{}\n--- server, provider and script stderr ---\n{}",
            run.why(OVERALL_TIMEOUT),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

/// How long one run of `calls.mjs` may take (several calls, each connecting anew).
const CALLS_TIMEOUT: Duration = Duration::from_secs(300);

/// Runs `node tests/browser/calls.mjs <base-url> target/ <mode>` against a natter of its
/// own started with `flags`; SKIPPED without a browser, failing with the script's output
/// and the logs of natter (and anything else that wrote to `log`).
fn run_calls_script(label: &str, mode: &str, flags: &[std::ffi::OsString], log: &Log) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip(label, reason);
            return;
        }
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let extra: Vec<&std::ffi::OsStr> = flags.iter().map(|f| f.as_os_str()).collect();
    let server = Server::start_with("127.0.0.1:0", dir.path(), &extra, log);
    let shots = root.join("target");
    let _ = std::fs::create_dir_all(&shots);
    let base = format!("http://{}", server.addr);
    let run = browser_env::run_node(
        &root.join("tests/browser/calls.mjs"),
        &[base.as_ref(), shots.as_os_str(), mode.as_ref()],
        &chromium,
        log,
        CALLS_TIMEOUT,
        |_, _| {},
    );
    drop(server);
    if !run.passed() {
        panic!(
            "{label} failed ({}).\n{}\n--- server and script stderr ---\n{}",
            run.why(CALLS_TIMEOUT),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

/// Two, then three people call each other in the web client (a mesh of peer connections
/// over natter's own socket; media seen in getStats on every end); ringing, declining,
/// leaving, a full call refused, call lines in the timeline, and natter's client in one
/// call with a seed-003 client on `/ws/call/<room>/` (tests/browser/calls.mjs, mesh).
#[test]
fn calls_connect_people_in_the_browser() {
    let _slot = browser_env::slot();
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let flags = ["--call-max-participants", "3"].map(std::ffi::OsString::from);
    run_calls_script("calls browser test", "mesh", &flags, &log);
}

/// Calls through the SFU (Janus, started here with natter's shared secret, and coturn
/// beside it for the relay): three people in a room each receive the other two and send
/// one audio and one video stream on one connection to the SFU, their microphone, camera
/// and screen on it; a seed-003 client on the mesh joins and everyone receives everyone;
/// two forced through the relay still connect (tests/browser/calls.mjs, sfu). Without
/// Janus or coturn the test says so and passes, unless `NATTER_REQUIRE_SFU=1` (CI).
#[test]
fn calls_go_through_the_sfu_in_the_browser() {
    let label = "calls through the SFU browser test";
    let turnserver = find_turnserver();
    let (true, Some(turnserver)) = (janus_server::installed(), turnserver) else {
        let why = "Janus and coturn are needed (apt-get install janus coturn)";
        if std::env::var("NATTER_REQUIRE_SFU").is_ok_and(|v| v == "1") {
            panic!("{label} needs them (NATTER_REQUIRE_SFU=1): {why}");
        }
        eprintln!("{label} SKIPPED: {why}");
        return;
    };
    let _slot = browser_env::slot();
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let secret = "south-wind";
    let janus = janus_server::Janus::start(dir.path(), secret);
    let secret_file = janus_server::Janus::secret_file(dir.path(), secret);
    let turn_secret_file = dir.path().join("turn-secret");
    std::fs::write(&turn_secret_file, secret).expect("turn secret file");
    let port = free_udp_and_tcp_port();
    // Janus offers no loopback candidate (it skips loopback interfaces), so the relay
    // reaches it from an address of the machine's network, as on a real server.
    let relay_ip = interface_ipv4().expect("an IPv4 address besides loopback (Janus needs one)");
    let _coturn = Coturn::start(&turnserver, port, &relay_ip, secret, dir.path(), &log);
    let flags = [
        std::ffi::OsString::from("--sfu"),
        janus.api.clone().into(),
        "--sfu-secret-file".into(),
        secret_file.into_os_string(),
        "--turn".into(),
        format!("turn:127.0.0.1:{port}?transport=udp").into(),
        "--turn-secret-file".into(),
        turn_secret_file.into_os_string(),
    ];
    run_calls_script(label, "sfu", &flags, &log);
    drop(janus);
}

/// nats-server, killed when dropped.
struct NatsServer(Child);

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts nats-server on a free port of 127.0.0.1 and waits until it takes connections:
/// it and its `nats://` address.
fn start_nats(bin: &Path) -> (NatsServer, String) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = Command::new(bin)
        .args(["-a", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nats-server starts");
    let nats = NatsServer(child);
    let deadline = Instant::now() + START_TIMEOUT;
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "nats-server did not listen on {port}"
        );
        thread::sleep(Duration::from_millis(50));
    }
    (nats, format!("nats://127.0.0.1:{port}"))
}

/// Two natter nodes on one PostgreSQL database with NATS between them, both handing out
/// ways into one Janus: ann on one node calls bob and cy on the other, everyone receives
/// everyone through the SFU, and when bob leaves the other two go on
/// (tests/browser/calls.mjs, sfu-nodes). Without Janus, nats-server or PostgreSQL the
/// test says so and passes, unless `NATTER_REQUIRE_SFU=1` or `NATTER_REQUIRE_NATS=1`.
#[test]
fn calls_go_through_the_sfu_on_two_nodes_in_the_browser() {
    let label = "calls through the SFU on two nodes browser test";
    let nats = ["/usr/sbin/nats-server", "/usr/bin/nats-server"]
        .map(std::path::PathBuf::from)
        .into_iter()
        .find(|p| p.exists());
    let missing = match (janus_server::installed(), &nats, pg::cluster()) {
        (false, _, _) => Some("Janus (apt-get install janus)".to_string()),
        (_, None, _) => Some("nats-server (apt-get install nats-server)".to_string()),
        (_, _, Err(why)) => Some(format!("PostgreSQL ({why})")),
        _ => None,
    };
    if let Some(what) = missing {
        let required = ["NATTER_REQUIRE_SFU", "NATTER_REQUIRE_NATS"]
            .iter()
            .any(|v| std::env::var(v).is_ok_and(|v| v == "1"));
        assert!(!required, "{label} needs {what}");
        eprintln!("{label} SKIPPED: no {what}");
        return;
    }
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip(label, reason);
            return;
        }
    };
    let _slot = browser_env::slot();
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let secret = "south-wind";
    let janus = janus_server::Janus::start(dir.path(), secret);
    let secret_file = janus_server::Janus::secret_file(dir.path(), secret);
    let (_nats, hub) = start_nats(nats.as_deref().expect("checked above"));
    let db = pg::fresh_database();
    let node = |id: &str| {
        let folder = dir.path().join(id);
        std::fs::create_dir_all(&folder).expect("node folder");
        let flags: Vec<std::ffi::OsString> = vec![
            "--db".into(),
            db.clone().into(),
            "--hub".into(),
            hub.clone().into(),
            "--node-id".into(),
            id.into(),
            "--sfu".into(),
            janus.api.clone().into(),
            "--sfu-secret-file".into(),
            secret_file.clone().into_os_string(),
        ];
        let extra: Vec<&std::ffi::OsStr> = flags.iter().map(|f| f.as_os_str()).collect();
        Server::start_with("127.0.0.1:0", &folder, &extra, &log)
    };
    let (one, two) = (node("a"), node("b"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shots = root.join("target");
    let (base, other) = (
        format!("http://{}", one.addr),
        format!("http://{}", two.addr),
    );
    let run = browser_env::run_node(
        &root.join("tests/browser/calls.mjs"),
        &[
            base.as_ref(),
            shots.as_os_str(),
            "sfu-nodes".as_ref(),
            other.as_ref(),
        ],
        &chromium,
        &log,
        CALLS_TIMEOUT,
        |_, _| {},
    );
    drop((one, two));
    assert!(
        run.passed(),
        "{label} failed ({}).\n{}\n--- server and script stderr ---\n{}",
        run.why(CALLS_TIMEOUT),
        run.output.join("\n"),
        log.lock().unwrap().join("\n"),
    );
}

/// The first IPv4 address of this machine's that is not loopback (`ip -4 -o addr`).
fn interface_ipv4() -> Option<String> {
    let out = Command::new("ip")
        .args(["-4", "-o", "addr", "show", "scope", "global"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let word = text
        .split_whitespace()
        .skip_while(|w| *w != "inet")
        .nth(1)?;
    Some(word.split('/').next()?.to_string())
}

/// coturn's `turnserver`: on PATH, or where Debian's package puts it.
fn find_turnserver() -> Option<std::path::PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain(["/usr/bin", "/usr/sbin"].map(std::path::PathBuf::from))
        .map(|dir| dir.join("turnserver"))
        .find(|p| p.is_file())
}

/// A coturn on 127.0.0.1 with a shared secret (TURN REST credentials, as natter mints
/// them), relaying between loopback peers; killed when dropped.
struct Coturn(Child);

impl Drop for Coturn {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Coturn {
    /// Listens on 127.0.0.1:`port` and relays from `relay_ip`.
    fn start(
        turnserver: &Path,
        port: u16,
        relay_ip: &str,
        secret: &str,
        dir: &Path,
        log: &Log,
    ) -> Coturn {
        let mut child = Command::new(turnserver)
            .args([
                "-n",
                "--no-cli",
                "--no-tls",
                "--no-dtls",
                "--log-file",
                "stdout",
            ])
            .args([
                "--use-auth-secret",
                &format!("--static-auth-secret={secret}"),
            ])
            .args(["--realm", "natter.test", "--cli-password", "x"])
            .args(["--listening-ip", "127.0.0.1", "--relay-ip", relay_ip])
            .args(["--listening-port", &port.to_string()])
            .arg("--allow-loopback-peers")
            .arg("--pidfile")
            .arg(dir.join("turnserver.pid"))
            .arg("--userdb")
            .arg(dir.join("turndb"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("turnserver starts");
        drain(
            "turnserver",
            child.stdout.take().expect("stdout"),
            log.clone(),
        );
        drain(
            "turnserver stderr",
            child.stderr.take().expect("stderr"),
            log.clone(),
        );
        let coturn = Coturn(child);
        coturn.wait_until_it_answers(port, log);
        coturn
    }

    /// Sends STUN binding requests until one is answered (coturn logs no line that says
    /// it is ready).
    fn wait_until_it_answers(&self, port: u16, log: &Log) {
        let socket = std::net::UdpSocket::bind("127.0.0.1:0").expect("a UDP socket");
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("a read timeout");
        // Binding request: type 0x0001, length 0, the magic cookie, a transaction id.
        let mut request = vec![0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42];
        request.extend_from_slice(b"natter-test!");
        let deadline = Instant::now() + START_TIMEOUT;
        let mut answer = [0u8; 512];
        while Instant::now() < deadline {
            let _ = socket.send_to(&request, ("127.0.0.1", port));
            if let Ok((n, _)) = socket.recv_from(&mut answer) {
                if n >= 20 && answer[..2] == [0x01, 0x01] {
                    return;
                }
            }
        }
        panic!(
            "turnserver did not answer STUN on 127.0.0.1:{port}\n{}",
            log.lock().unwrap().join("\n")
        );
    }
}

/// A port free for both UDP and TCP on 127.0.0.1 (coturn listens on both).
fn free_udp_and_tcp_port() -> u16 {
    for _ in 0..50 {
        let Ok(udp) = std::net::UdpSocket::bind("127.0.0.1:0") else {
            continue;
        };
        let Ok(port) = udp.local_addr().map(|a| a.port()) else {
            continue;
        };
        if std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no port free for both UDP and TCP on 127.0.0.1");
}

/// The two-person call forced through TURN (`natter.iceTransportPolicy` = relay) against
/// a real coturn started here, natter minting its credentials from the shared secret
/// (`--turn`, `--turn-secret-file`): both ends' selected candidate pairs are relay ones.
/// Without `turnserver` (Debian's coturn) it is SKIPPED, or fails under NATTER_REQUIRE_TURN=1.
#[test]
fn calls_go_through_a_turn_relay_in_the_browser() {
    let _slot = browser_env::slot();
    let Some(turnserver) = find_turnserver() else {
        let why = "no turnserver (apt-get install coturn)";
        if std::env::var("NATTER_REQUIRE_TURN").is_ok_and(|v| v == "1") {
            panic!("the TURN browser test needs coturn (NATTER_REQUIRE_TURN=1): {why}");
        }
        eprintln!("*** TURN browser test SKIPPED: {why}");
        return;
    };
    if let Err(reason) = browser_env::chromium_or_skip_reason() {
        browser_env::skip("TURN browser test", reason);
        return;
    }
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let secret = "natter-turn-test-secret";
    let secret_file = dir.path().join("turn-secret");
    std::fs::write(&secret_file, secret).expect("secret file");
    let port = free_udp_and_tcp_port();
    let _coturn = Coturn::start(&turnserver, port, "127.0.0.1", secret, dir.path(), &log);
    let mut flags = vec![
        std::ffi::OsString::from("--turn"),
        format!("turn:127.0.0.1:{port}?transport=udp").into(),
        "--turn-secret-file".into(),
    ];
    flags.push(secret_file.into_os_string());
    run_calls_script("TURN browser test", "relay", &flags, &log);
}

#[test]
fn thread_replies_read_as_messages_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("thread-reads", "thread-reads.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn a_teams_first_week_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("first-week", "first-week.mjs", &[], OVERALL_TIMEOUT);
}

/// Writes a Slack export at `path` whose general channel (`is_general`) Slack renamed
/// `everyone`: alice (the browser's first arrival, by her address), bob and cy, who
/// never sign in here; a thread whose reply kept to it is the channel's newest record.
fn moving_in_export(path: &Path) {
    use serde_json::json;
    let user = |id: &str, name: &str, email: &str| {
        json!({"id": id, "name": name, "real_name": name.to_uppercase(),
               "profile": {"email": email, "real_name": name.to_uppercase()}})
    };
    let files = [
        (
            "users.json",
            json!([
                user("U1", "alice", "alice@example.org"),
                user("U2", "bob", "bob@slack.example.com"),
                user("U3", "cy", "")
            ]),
        ),
        (
            "channels.json",
            json!([
                {"id": "C2", "name": "random", "members": ["U1", "U2"]},
                {"id": "C1", "name": "everyone", "is_general": true, "creator": "U2",
                 "members": ["U1", "U2", "U3"], "purpose": {"value": "The whole company"}}
            ]),
        ),
        (
            "everyone/2023-11-14.json",
            json!([
                {"type": "message", "user": "U1", "text": "Welcome, all", "ts": "1700000000.000100"},
                {"type": "message", "user": "U2", "text": "Lunch at noon?", "ts": "1700000100.000100",
                 "thread_ts": "1700000100.000100", "reply_count": 1},
                {"type": "message", "user": "U1", "text": "Count me in", "ts": "1700000200.000100"},
                {"type": "message", "user": "U3", "text": "Only in the thread",
                 "ts": "1700000300.000100", "thread_ts": "1700000100.000100"}
            ]),
        ),
        (
            "random/2023-11-14.json",
            json!([{"type": "message", "user": "U2", "text": "cats", "ts": "1700000050.000100"}]),
        ),
    ];
    let file = std::fs::File::create(path).expect("zip file");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, value) in files {
        zip.start_file(name, options).expect("entry");
        zip.write_all(value.to_string().as_bytes())
            .expect("entry written");
    }
    zip.finish().expect("zip finished");
}

/// Runs `natter ARGS --db DB`; panics with its output unless it succeeds.
fn natter_done(db: &Path, args: &[&std::ffi::OsStr]) {
    let out = Command::new(env!("CARGO_BIN_EXE_natter"))
        .args(["--log", "warn"])
        .args(args)
        .arg("--db")
        .arg(db)
        .stdin(Stdio::null())
        .output()
        .expect("natter runs");
    assert!(
        out.status.success(),
        "natter {args:?} failed ({}):\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
}

#[test]
fn a_team_moves_in_from_slack_in_the_browser() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser/moving-in.mjs");
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip("moving-in browser test", reason);
            return;
        }
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start("127.0.0.1:0", dir.path(), &log);
    let db = dir.path().join("natter.db");
    let export = dir.path().join("slack-export.zip");
    moving_in_export(&export);
    let shots = root.join("target");
    let _ = std::fs::create_dir_all(&shots);
    let base = format!("http://{}", server.addr);
    let run = browser_env::run_node(
        &script,
        &[base.as_ref(), shots.as_os_str()],
        &chromium,
        &log,
        OVERALL_TIMEOUT,
        |line, stdin| {
            if line == "IMPORT" {
                natter_done(
                    &db,
                    &["users", "confirm-email", "alice"].map(std::ffi::OsStr::new),
                );
                let media = dir.path().join("media");
                natter_done(
                    &db,
                    &[
                        "--media-dir".as_ref(),
                        media.as_os_str(),
                        "import".as_ref(),
                        "slack".as_ref(),
                        export.as_os_str(),
                    ],
                );
                answer(stdin, "IMPORTED");
            }
        },
    );
    drop(server);
    if !run.passed() {
        panic!(
            "moving-in browser test failed ({}).\n{}\n--- server and script stderr ---\n{}",
            run.why(OVERALL_TIMEOUT),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

/// Calls name people as the rest of the client does: the ring, the tiles and the call
/// line by display name ("with you" in lower case), a crossed microphone on the tile of
/// someone who turned theirs off, "<name> declined" ending a one-to-one call, and no
/// "Join call" in a second tab of someone already in the call
/// (tests/browser/call-words.mjs).
#[test]
fn a_call_names_people_shows_muted_tiles_and_knows_other_tabs() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let label = "call words browser test";
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip(label, reason);
            return;
        }
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let server = Server::start_with("127.0.0.1:0", dir.path(), &[], &log);
    let shots = root.join("target");
    let _ = std::fs::create_dir_all(&shots);
    let base = format!("http://{}", server.addr);
    let run = browser_env::run_node(
        &root.join("tests/browser/call-words.mjs"),
        &[base.as_ref(), shots.as_os_str()],
        &chromium,
        &log,
        CALLS_TIMEOUT,
        |_, _| {},
    );
    drop(server);
    if !run.passed() {
        panic!(
            "{label} failed ({}).\n{}\n--- server and script stderr ---\n{}",
            run.why(CALLS_TIMEOUT),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

/// The whole office joins by one link on an open server, whatever the sign-up limit; the
/// link counts its uses; the Admin page says who may join (tests/browser/joining.mjs).
#[test]
fn an_office_joins_by_one_link_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator(
        "joining",
        "joining.mjs",
        &["--rate-limits", "on"],
        OVERALL_TIMEOUT,
    );
}

/// An invite-only server's first page says who may join before anyone fills a form: the
/// first administrator's link is in the log while no account exists, an invitation is
/// needed after (tests/browser/invite-first-page.mjs).
#[test]
fn an_invite_only_first_page_says_who_may_join() {
    let _slot = browser_env::slot();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let label = "invite-only first page browser test";
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip(label, reason);
            return;
        }
    };
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let flags = ["--registration", "invite"].map(std::ffi::OsStr::new);
    let server = Server::start_with("127.0.0.1:0", dir.path(), &flags, &log);
    let base = format!("http://{}", server.addr);
    let script = root.join("tests/browser/invite-first-page.mjs");
    for which in ["empty", "staffed"] {
        if which == "staffed" {
            create_user(
                &dir.path().join("natter.db"),
                "boss",
                "boss password 1",
                true,
            );
        }
        let run = browser_env::run_node(
            &script,
            &[base.as_ref(), which.as_ref()],
            &chromium,
            &log,
            OVERALL_TIMEOUT,
            |_, _| {},
        );
        if !run.passed() {
            panic!(
                "{label} ({which}) failed ({}).\n{}\n--- server and script stderr ---\n{}",
                run.why(OVERALL_TIMEOUT),
                run.output.join("\n"),
                log.lock().unwrap().join("\n"),
            );
        }
    }
    drop(server);
}

/// A website for `link_previews_in_the_browser` to preview: `/doc`, a page with Open
/// Graph tags, and `/card.png`, its picture; every other path is a 404. Answers until the
/// test ends; its address.
fn preview_site() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(800, 420, |x, y| {
        image::Rgb([(x / 4) as u8, (y / 2) as u8, 160])
    }))
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .expect("png");
    let page = br#"<!doctype html><html><head><title>Plain</title>
        <meta property="og:title" content="Design &lt;b&gt;doc&lt;/b&gt; v2">
        <meta property="og:description" content="Screens, flows and the open questions of the second version.">
        <meta property="og:site_name" content="Example Docs">
        <meta property="og:image" content="/card.png"></head><body></body></html>"#;
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut head = [0u8; 4096];
            let n = std::io::Read::read(&mut stream, &mut head).unwrap_or(0);
            let path = String::from_utf8_lossy(&head[..n])
                .split(' ')
                .nth(1)
                .unwrap_or("")
                .to_string();
            let (kind, body): (&str, &[u8]) = match path.as_str() {
                "/doc" => ("text/html", page),
                "/card.png" => ("image/png", &png),
                _ => ("text/plain", b"not here"),
            };
            let status = if kind == "text/plain" {
                "404 Not Found"
            } else {
                "200 OK"
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(body);
        }
    });
    addr
}

/// Runs `script` against a natter that may fetch the test's preview site (a private
/// address), with the site's address as the script's second argument.
fn run_script_with_the_preview_site(label: &str, script: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script = root.join("tests/browser").join(script);
    let chromium = match browser_env::chromium_or_skip_reason() {
        Ok(chromium) => chromium,
        Err(reason) => {
            browser_env::skip(&format!("{label} browser test"), reason);
            return;
        }
    };
    let site = preview_site();
    let log = Arc::new(Mutex::new(Vec::<String>::new()));
    let dir = tempfile::tempdir().expect("temp dir");
    let private = site.to_string();
    let flags = ["--link-previews-private", private.as_str()].map(std::ffi::OsStr::new);
    let server = Server::start_with("127.0.0.1:0", dir.path(), &flags, &log);
    let shots = root.join("target");
    let _ = std::fs::create_dir_all(&shots);
    let base = format!("http://{}", server.addr);
    let site_url = format!("http://{site}");
    let run = browser_env::run_node(
        &script,
        &[base.as_ref(), site_url.as_ref(), shots.as_os_str()],
        &chromium,
        &log,
        OVERALL_TIMEOUT,
        |_, _| {},
    );
    drop(server);
    if !run.passed() {
        panic!(
            "{label} browser test failed ({}).\n{}\n--- server and script stderr ---\n{}",
            run.why(OVERALL_TIMEOUT),
            run.output.join("\n"),
            log.lock().unwrap().join("\n"),
        );
    }
}

#[test]
fn link_previews_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_the_preview_site("link previews", "link-previews.mjs");
}

/// The Arabic client shows English text, titles and cards left to right, each cut at its
/// own end, and an English page sets an Arabic name apart (tests/browser/rtl.mjs); the
/// preview site gives the English card.
#[test]
fn right_to_left_all_the_way_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_the_preview_site("right-to-left", "rtl.mjs");
}

#[test]
fn messages_name_their_authors_and_files_keep_their_order_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_against_natter("rows and files", "rows-and-files.mjs");
}

#[test]
fn pins_saved_and_message_links_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("pins", "pins.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn pictures_in_chats_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("pictures", "pictures.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn user_groups_topics_and_the_rooms_browser_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("groups-topics", "groups-topics.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn search_operators_and_send_later_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator(
        "search and send later",
        "search-later.mjs",
        &[],
        OVERALL_TIMEOUT,
    );
}

#[test]
fn statuses_and_quiet_hours_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("status", "status.mjs", &[], OVERALL_TIMEOUT);
}

/// How long the axe tour of every page, twice (two widths) in two themes, may take.
const AXE_TOUR_TIMEOUT: Duration = Duration::from_secs(480);

#[test]
fn every_page_of_the_client_passes_axe_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("accessibility", "accessibility.mjs", &[], AXE_TOUR_TIMEOUT);
}

#[test]
fn a_days_work_with_the_keyboard_only_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("keyboard", "keyboard.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn announcements_motion_and_zoom_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator(
        "announcements, motion and zoom",
        "announcements-motion-zoom.mjs",
        &[],
        OVERALL_TIMEOUT,
    );
}

#[test]
fn live_changes_reach_the_open_client_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("live frames", "live-frames.mjs", &[], OVERALL_TIMEOUT);
}

#[test]
fn the_client_speaks_pseudo_arabic_german_and_japanese_in_the_browser() {
    let _slot = browser_env::slot();
    run_script_with_an_administrator("languages", "languages.mjs", &[], OVERALL_TIMEOUT);
}

/// `node --test tests/browser/catalogs.test.mjs`: the client's catalogs against English
/// and against the ids the code asks for. Skipped as the browser tests are.
#[test]
fn the_client_catalogs_are_complete_under_node() {
    let _slot = browser_env::slot();
    if let Err(reason) = browser_env::chromium_or_skip_reason() {
        browser_env::skip("catalog checks", reason);
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg("--test")
        .arg(root.join("tests/browser/catalogs.test.mjs"))
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "catalog checks failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
