//! A page answered from memory (`pages`) or built and kept there: the caller's read job
//! first checks the credential as always, then reads the live versions of the chats the
//! page shows (`store::messaging::page_versions`), and only when a page kept under the
//! same address was built at exactly those versions is it answered, without a row read
//! or rendered. Who may read is decided by that job on every request; a kept page
//! decides nothing. The job's answers are remembered at the database's commit mark
//! (`state::checked_pages`; on PostgreSQL only a node serving alone has one), and while
//! no commit has moved it a request is answered from them without the job: the same
//! reads would answer the same.

use crate::http::compress::{self, Encoding};
use crate::http::error::ApiResult;
use crate::http::request::Request;
use crate::pages::{PageVersion, ReadyPage, ReadyPages};
use crate::routing::caller::Caller;
use crate::state::checked_pages::{self, Checked};
use crate::state::App;
use crate::store::messaging::page_versions::Versions;
use crate::store::people::users::User;
use crate::store::Conn;
use bytes::Bytes;
use http_body_util::BodyExt;
use std::sync::Arc;
use warp::http::{header, HeaderValue, StatusCode};
use warp::reply::Response;

/// Whose page it is: the same for every member who may read it (a chat's history), or
/// one person's own (their inbox, their chat list).
#[derive(Clone, Copy)]
pub enum Whose {
    Members,
    Own,
}

/// A page read through the ready pages: answered from memory, or built by the handler
/// and then kept with [`Keep::keep`].
pub enum Paged<T> {
    Ready(Response),
    Built(T, Keep),
}

/// Where a built page is kept, and at which versions (`None`: not kept, as when pages
/// are off or the caller may not read the chat).
pub struct Keep {
    pages: Arc<ReadyPages>,
    at: Option<Place>,
}

/// Runs `build` in the caller's read job unless a page kept under this request's
/// address (and, for [`Whose::Own`], this caller) was built at the versions
/// `versions` reads now. `versions` answers `None` when the caller may not read the
/// page: `build` then runs and answers as it always did (a 404, say).
pub async fn read<T, V, F>(
    app: &App,
    req: &Request,
    caller: Caller,
    whose: Whose,
    versions: V,
    build: F,
) -> ApiResult<Paged<T>>
where
    T: Send + 'static,
    V: Fn(&Conn, &User) -> ApiResult<Option<Versions>> + Send + 'static,
    F: FnMut(&Conn, &User) -> ApiResult<T> + Send + 'static,
{
    let (pages, mut job) = lookup_then(app, req, whose, versions, build);
    // A session is never remembered: its requests read no mark either.
    let remembered_as =
        checked_pages::key_of(caller.credential(), &job.address).filter(|_| pages.enabled());
    if pages.enabled() {
        // First the check remembered at the database's last commit, when nothing was
        // committed since (`state::checked_pages`): no read at all.
        let mark = remembered_as.as_ref().and_then(|_| app.db.commit_mark());
        let remembered = match (&mark, &remembered_as) {
            (Some(mark), Some(key)) => app.checked_pages.get(key, mark),
            _ => None,
        };
        // A remembered check of a page the caller may read stands for the job's reads.
        let looked = match remembered.filter(|checked| checked.place.is_some()) {
            Some(checked) => {
                let me = caller.settle_remembered(checked.user.clone())?;
                pages.note_remembered_check();
                let page = checked.place.as_ref().and_then(|(k, v)| pages.get(k, v));
                Some(Ok((me, (checked.place.clone(), page))))
            }
            // Else the check and the versions are read here, and only a page to build
            // goes to a reader thread (`store::engine::quick_reads`).
            None => {
                let looked = caller.read_here(app, |c, me| job.lookup(c, me));
                if let (Some(mark), Some(key), Some(Ok((me, (place, _))))) =
                    (mark, remembered_as.clone(), &looked)
                {
                    let checked = Checked {
                        mark,
                        user: me.clone(),
                        place: place.clone(),
                    };
                    app.checked_pages.put(key, checked);
                }
                looked
            }
        };
        match looked {
            Some(Ok((_, (_, Some(page))))) => return Ok(Paged::Ready(answer(&pages, &page))),
            Some(Ok((me, (at, None)))) => {
                let mut build = job.build;
                let built = app.db.read(move |c| build(c, &me)).await?;
                return Ok(Paged::Built(built, Keep { pages, at }));
            }
            // Refused, or the quick read failed: the check runs again below, as always.
            Some(Err(_)) | None => {}
        }
    }
    // On PostgreSQL (and on SQLite when the quick read failed) the check is read with
    // the page, and remembered at the mark read before it as above.
    let mark = remembered_as.and_then(|key| Some((app.db.commit_mark()?, key)));
    let (me, place, outcome) = caller
        .read(app, move |c, me| {
            let (place, outcome) = job.run(c, me)?;
            Ok((me.clone(), place, outcome))
        })
        .await?;
    if let (Some((mark, key)), Some(_)) = (mark, &place) {
        let checked = Checked {
            mark,
            user: me,
            place: place.clone(),
        };
        app.checked_pages.put(key, checked);
    }
    Ok(settle(pages, place, outcome))
}

/// Where a page is kept: its key and the versions it was built at.
type Place = (String, PageVersion);

/// What a read job answers: a kept page, or what `build` made.
type Outcome<T> = Result<T, Arc<ReadyPage>>;

/// The read job of [`read`]: the live versions, then the kept page or `build`.
struct Job<V, F> {
    pages: Arc<ReadyPages>,
    /// The page's address as its links are written.
    address: String,
    whose: Whose,
    versions: V,
    build: F,
}

impl<V, F> Job<V, F> {
    /// Where the page is kept at the live versions (`None`: it is not kept, or the
    /// caller may not read it), and the page when it is there.
    fn lookup(&self, c: &Conn, me: &User) -> ApiResult<(Option<Place>, Option<Arc<ReadyPage>>)>
    where
        V: Fn(&Conn, &User) -> ApiResult<Option<Versions>>,
    {
        if !self.pages.enabled() {
            return Ok((None, None));
        }
        let at = (self.versions)(c, me)?.map(|(epoch, chats)| {
            let who = match self.whose {
                Whose::Members => 0,
                Whose::Own => me.id,
            };
            let version = PageVersion {
                epoch,
                chats: chats.into(),
            };
            (format!("{who} {}", self.address), version)
        });
        let page = at
            .as_ref()
            .and_then(|(key, version)| self.pages.get(key, version));
        Ok((at, page))
    }

    /// [`Job::lookup`], then `build` when no page was kept; with where the page is kept.
    fn run<T>(&mut self, c: &Conn, me: &User) -> ApiResult<(Option<Place>, Outcome<T>)>
    where
        V: Fn(&Conn, &User) -> ApiResult<Option<Versions>>,
        F: FnMut(&Conn, &User) -> ApiResult<T>,
    {
        match self.lookup(c, me)? {
            (at, Some(page)) => Ok((at, Err(page))),
            (at, None) => Ok((at, Ok((self.build)(c, me)?))),
        }
    }
}

/// The job of [`read`] for this request, and the ready pages.
fn lookup_then<V, F>(
    app: &App,
    req: &Request,
    whose: Whose,
    versions: V,
    build: F,
) -> (Arc<ReadyPages>, Job<V, F>) {
    let pages = app.ready_pages.clone();
    // The client's scheme and host, the path and the query as sent.
    let address = format!("{} {}?{}", req.base_url(), req.path, req.query);
    let job = Job {
        pages: pages.clone(),
        address,
        whose,
        versions,
        build,
    };
    (pages, job)
}

fn settle<T>(pages: Arc<ReadyPages>, at: Option<Place>, outcome: Outcome<T>) -> Paged<T> {
    match outcome {
        Err(page) => Paged::Ready(answer(&pages, &page)),
        Ok(built) => Paged::Built(built, Keep { pages, at }),
    }
}

impl Keep {
    /// Keeps `response`'s body as the page, when it is a whole 200 JSON answer, and
    /// answers it.
    pub async fn keep(self, response: Response) -> Response {
        let Some((key, version)) = self.at else {
            return response;
        };
        if response.status() != StatusCode::OK
            || response.headers().contains_key(header::CONTENT_ENCODING)
        {
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(collected) = body.collect().await else {
            return Response::from_parts(parts, Default::default());
        };
        let plain: Bytes = collected.to_bytes();
        let kept = self.pages.put(&key, version, plain.clone());
        let mut response = Response::from_parts(parts, plain.into());
        if let Some(page) = kept {
            offer_forms(&mut response, &self.pages, &page);
        }
        response
    }
}

/// A kept page as an answer: its JSON, with its brotli and gzip forms at hand for
/// `http::compress::json_answer` (made the first time a client asks, then kept beside
/// it), so it answers exactly as the page built anew would, compressed or browsable
/// (`api::browsable` renders the JSON before it is compressed).
fn answer(pages: &Arc<ReadyPages>, page: &Arc<ReadyPage>) -> Response {
    let mut response = Response::new(page.plain.clone().into());
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    offer_forms(&mut response, pages, page);
    response
}

/// Puts `page`'s compressed forms in `response`'s extensions, for
/// `http::compress::json_answer` to take instead of compressing the body again.
fn offer_forms(response: &mut Response, pages: &Arc<ReadyPages>, page: &Arc<ReadyPage>) {
    let (pages, page) = (pages.clone(), page.clone());
    let forms = move |encoding: Encoding| {
        let cell = match encoding {
            Encoding::Brotli => &page.brotli,
            Encoding::Gzip => &page.gzip,
        };
        let mut made = 0;
        let packed = cell.get_or_init(|| {
            let packed = Bytes::from(compress::compress(encoding, &page.plain, false));
            made = packed.len();
            packed
        });
        if made > 0 {
            pages.grew(&page, made);
        }
        packed.clone()
    };
    response
        .extensions_mut()
        .insert(compress::KeptForms(Arc::new(forms)));
}
