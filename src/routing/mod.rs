//! What a request is for and who sends it, below every surface: `routes` is the route
//! table (path -> typed route and its row, how its caller authenticates, the 404 and 405
//! rows), `caller` the one check of the credential a request presents.

pub mod caller;
pub mod routes;
