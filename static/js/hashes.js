// The address's routes that the page and the app both read.

// The routes with parameters: `#chat/<id>`, `#chat/<id>/thread/<root>` (optionally
// `/<reply>` to show): a chat with a thread's panel open, and `#chat/<id>/message/<id>`: a
// chat scrolled to one message (the links in mail). Ids are digits only (see ids.js).
export const CHAT_HASH = /^#chat\/([1-9][0-9]{0,17})(?:\/thread\/([1-9][0-9]{0,17})(?:\/([1-9][0-9]{0,17}))?|\/message\/([1-9][0-9]{0,17}))?$/;
// Pages that take the place of the chats: your account, mentions, saved messages, and
// administration.
export const PAGE_HASHES = new Set(['#account', '#admin', '#admin/bots', '#mentions', '#people', '#saved', '#threads']);
