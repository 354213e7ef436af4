//! natter's OpenAPI document, built from the route table: [`kinds`]
//! lists every kind of route with its path, [`describe`] says what each one takes and
//! answers (one file per surface under `surfaces`), and [`openapi`] puts them together
//! with what each row of the table already knows (credentials, the row's errors).

pub mod asyncapi;
pub mod components;
pub mod describe;
pub mod doc;
pub mod errors;
pub mod kinds;
pub mod openapi;
pub mod serve;
pub mod surfaces;
pub mod yaml;
