//! Everything back out: the whole server as a Slack-format export (the format other chat
//! servers import, and natter's own `import slack`), written by `natter export`. People,
//! rooms and groups (public ones as channels, private ones as groups), direct chats and
//! group direct messages, every live message with its time, edit, thread, reactions and
//! files (as links, as Slack's own exports carry them). And each person's own data, the
//! zip their account page downloads. Both read in short read jobs and write through
//! `archive`, a zip on disk written a batch at a time.

pub mod archive;
pub mod personal;
pub mod slack;
