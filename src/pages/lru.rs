//! The bounded store of ready pages: least recently used first out, counted in bytes.

use super::page::{PageVersion, ReadyPage};
use crate::metrics::ReadyPagesMetrics;
use bytes::Bytes;
use hashlink::LruCache;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

/// Ready pages by key (the surface, the page's address and whose page it is), most
/// recently used last.
pub struct ReadyPages {
    kept: Mutex<Kept>,
    /// The bound on all pages together; 0 keeps none.
    most_bytes: usize,
    metrics: ReadyPagesMetrics,
}

struct Kept {
    pages: LruCache<Box<str>, Arc<ReadyPage>>,
    bytes: usize,
}

impl ReadyPages {
    /// Ready pages within `most_bytes` in all (0: none is ever kept).
    pub fn new(most_bytes: usize, metrics: ReadyPagesMetrics) -> ReadyPages {
        ReadyPages {
            kept: Mutex::new(Kept {
                pages: LruCache::new_unbounded(),
                bytes: 0,
            }),
            most_bytes,
            metrics,
        }
    }

    /// Counts a request checked by a check remembered at an unchanged commit mark.
    pub fn note_remembered_check(&self) {
        self.metrics.remembered.inc();
    }

    /// Whether pages are kept at all.
    pub fn enabled(&self) -> bool {
        self.most_bytes > 0
    }

    /// The page kept under `key` if it was built at exactly `live`; a page built at other
    /// versions is dropped (it can never be answered again).
    pub fn get(&self, key: &str, live: &PageVersion) -> Option<Arc<ReadyPage>> {
        if !self.enabled() {
            return None;
        }
        let mut kept = self.lock();
        let found = match kept.pages.get(key) {
            Some(page) if page.version == *live => Some(page.clone()),
            Some(_) => {
                if let Some(stale) = kept.pages.remove(key) {
                    kept.let_go(&stale);
                }
                None
            }
            None => None,
        };
        self.metrics.bytes.set(kept.bytes as i64);
        drop(kept);
        match &found {
            Some(_) => self.metrics.hits.inc(),
            None => self.metrics.misses.inc(),
        };
        found
    }

    /// Keeps `plain`, built at `version`, under `key`, unless it is larger than a
    /// sixteenth of the bound; older pages give way until all fit.
    pub fn put(&self, key: &str, version: PageVersion, plain: Bytes) -> Option<Arc<ReadyPage>> {
        let page = Arc::new(ReadyPage {
            version,
            plain,
            brotli: Default::default(),
            gzip: Default::default(),
            counted: Default::default(),
        });
        let size = key.len() + page.size();
        if !self.enabled() || size > self.most_bytes / 16 {
            return None;
        }
        let mut kept = self.lock();
        page.counted.store(size, Ordering::Relaxed);
        if let Some(old) = kept.pages.insert(key.into(), page.clone()) {
            kept.let_go(&old);
        }
        kept.bytes += size;
        self.make_room(&mut kept);
        self.metrics.bytes.set(kept.bytes as i64);
        Some(page)
    }

    /// Counts `more` bytes `page` took since it was put (a compressed form made for a
    /// client), making room if the bound is passed; nothing if it is no longer kept.
    pub fn grew(&self, page: &ReadyPage, more: usize) {
        let mut kept = self.lock();
        let counted = page.counted.load(Ordering::Relaxed);
        if counted == 0 {
            return;
        }
        page.counted.store(counted + more, Ordering::Relaxed);
        kept.bytes += more;
        self.make_room(&mut kept);
        self.metrics.bytes.set(kept.bytes as i64);
    }

    fn make_room(&self, kept: &mut Kept) {
        while kept.bytes > self.most_bytes {
            let Some((_, old)) = kept.pages.remove_lru() else {
                kept.bytes = 0;
                break;
            };
            kept.let_go(&old);
            self.metrics.evictions.inc();
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Kept {
    /// Takes a page that left the map out of the count (all its bytes, its compressed
    /// forms included, counted under the lock).
    fn let_go(&mut self, page: &ReadyPage) {
        let counted = page.counted.swap(0, Ordering::Relaxed);
        self.bytes = self.bytes.saturating_sub(counted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(chat: i64, v: i64) -> PageVersion {
        PageVersion {
            epoch: 0,
            chats: vec![(chat, v)].into(),
        }
    }

    /// A page is answered only at the versions it was built at; past the bound the
    /// least recently used goes first; a page over a sixteenth of the bound is not kept.
    #[test]
    fn pages_answer_at_their_versions_and_the_oldest_give_way() {
        let metrics = ReadyPagesMetrics::default();
        let pages = ReadyPages::new(16 * 1024, metrics.clone());
        let body = Bytes::from(vec![b'x'; 600]);
        pages.put("a", version(1, 1), body.clone());
        assert!(pages.get("a", &version(1, 1)).is_some());
        assert!(pages.get("a", &version(1, 2)).is_none(), "moved on");
        assert!(
            pages.get("a", &version(1, 1)).is_none(),
            "dropped when it moved on"
        );
        for n in 0..40 {
            pages.put(&format!("p{n}"), version(n, 1), body.clone());
            pages.get("p0", &version(0, 1));
        }
        assert!(
            pages.get("p0", &version(0, 1)).is_some(),
            "used most recently"
        );
        assert!(
            pages.get("p1", &version(1, 1)).is_none(),
            "used least recently"
        );
        assert!(metrics.evictions.get() > 0);
        assert!(metrics.bytes.get() as usize <= 16 * 1024);
        let big = Bytes::from(vec![b'x'; 1100]);
        assert!(pages.put("big", version(9, 1), big).is_none());
        assert!(pages.get("big", &version(9, 1)).is_none());
        let off = ReadyPages::new(0, ReadyPagesMetrics::default());
        assert!(off.put("a", version(1, 1), body).is_none());
    }

    /// A compressed form made for a page that has left since is not counted: the bytes
    /// gauge comes back to zero once every page is gone.
    #[test]
    fn a_form_made_after_its_page_left_is_not_counted() {
        let metrics = ReadyPagesMetrics::default();
        let pages = ReadyPages::new(16 * 1024, metrics.clone());
        let page = pages
            .put("a", version(1, 1), Bytes::from(vec![b'x'; 600]))
            .expect("kept");
        pages.grew(&page, 100);
        let with_form = metrics.bytes.get();
        assert!(
            pages.get("a", &version(1, 2)).is_none(),
            "moved on, dropped"
        );
        assert_eq!(
            metrics.bytes.get(),
            0,
            "all of it let go, {with_form} before"
        );
        pages.grew(&page, 100);
        assert_eq!(metrics.bytes.get(), 0);
    }
}
