//! What the store's own tests share: an event to follow through a writer, a person and
//! a group to write about, a runtime for the PostgreSQL tests (whose connections run on threads of
//! their own), and a connection to a fresh PostgreSQL database.

use crate::hub::Published;
use crate::model::events::Event;
use std::sync::Arc;

/// A person named `name` with nothing else set; their id.
pub(crate) fn person(c: &crate::store::Conn, name: &str) -> crate::store::StoreResult<i64> {
    let new = crate::store::people::users::NewUser {
        username: name,
        email: "",
        password_hash: "x",
        display_name: "",
        is_admin: false,
    };
    Ok(crate::store::people::users::insert(c, &new, "t")?.id)
}

/// A public group titled "g" that `created_by` made, to insert with `chats::insert`.
pub(crate) fn group_by(created_by: i64) -> crate::store::messaging::chats::NewChat<'static> {
    crate::store::messaging::chats::NewChat {
        kind: crate::store::ChatKind::Group,
        title: "g",
        name: None,
        description: "",
        max_participants: None,
        is_private: false,
        created_by,
        direct_pair: None,
    }
}

/// A small event for chat 1 and user 7, told apart by `n`.
pub(crate) fn event(n: i64) -> Arc<Published> {
    Published::new(
        1,
        Arc::from([7i64]),
        Event::ReadUpTo {
            user_id: 7,
            message_id: n,
        },
    )
}

/// A two-worker runtime for a test that drives `PgDb` or `PgWriter` from async code.
pub(crate) fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// A connection to a fresh database on the tests' PostgreSQL cluster, or `None` (the
/// test `test` skipped, with a note) where no PostgreSQL can be had.
pub(crate) fn fresh_pg(test: &str) -> Option<super::pg::PgConn> {
    crate::store::pg_cluster::cluster_or_skip(test)?;
    Some(
        super::pg::PgConn::connect(&crate::store::pg_cluster::fresh_database())
            .expect("a connection"),
    )
}

/// [`fresh_pg`] with natter's schema.
pub(crate) fn migrated_pg(test: &str) -> Option<super::pg::PgConn> {
    let pc = fresh_pg(test)?;
    crate::store::schema::postgres::migrate(&pc).expect("the schema");
    Some(pc)
}

/// Brings the database at `url` up to natter's schema, as `Db::open` does before it
/// starts the pools.
pub(crate) fn migrate_pg_at(url: &str) {
    crate::store::schema::postgres::migrate(
        &super::pg::PgConn::connect(url).expect("a connection"),
    )
    .expect("the schema");
}
