//! Small tools with no natter type in them, used by any room and using none.

pub mod expiry;
pub mod random;
