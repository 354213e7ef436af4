//! Rooms and what is in them, outside the sync: reading a room (`reading`: its
//! messages, state, members and single events), a message's relations and a room's
//! threads (`relations`), sending, editing, reacting and redacting, typing and receipts
//! (`send`), with mentions read back as `@username` (`pills`) and a device's own events
//! given back with their transaction ids (`echoes`), setting a room's state
//! (`room_state`), making, joining and leaving rooms (`membership`), finding people and
//! public rooms (`directory`), and the two things every room route shares: natter's
//! rows written as Matrix events (`events`) and a room in a path looked up as natter's
//! chat (`room_lookup`).

pub mod directory;
pub mod echoes;
pub mod events;
pub mod membership;
pub mod pills;
pub mod reading;
pub mod relations;
pub mod room_lookup;
pub mod room_state;
pub mod send;
