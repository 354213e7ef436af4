//! Small tools with no natter type in them, used by any room and using none.

pub mod at_most_every;
pub mod caps;
pub mod clock;
pub mod expiry;
pub mod formatted_html;
pub mod free_space;
pub mod html;
pub mod images;
pub mod log_tally;
pub mod media_type;
pub mod names;
pub mod open_files;
pub mod printable;
pub mod private_files;
pub mod random;
