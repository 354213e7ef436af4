//! What a request is for and who sends it, below every surface: `routes` is the route
//! table (path -> typed route and its row, how its caller authenticates, the 404 and 405
//! rows), `caller` the one check of the credential a request presents, `ready` a page
//! answered from the ready pages once that check and the chats' live versions allow it.

pub mod caller;
pub mod ready;
pub mod routes;
