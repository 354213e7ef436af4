//! natter's OpenAPI document (issue 40 point 3), built from the route table. So far the
//! foundation: [`kinds`], every kind of route with its path template, which the document
//! will describe one by one.

pub mod kinds;
