//! What `/metrics` shows of link previews: links fetched and shown from the shared
//! cache, requests that brought nothing by why, pictures kept, and how many messages
//! wait for their previews. Recorded by `domain::link_previews`; the reasons are the
//! labels `unfurl::Reason` names (this floor cannot name it, so they are listed here
//! and the domain picks one by its index).

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

/// Why a request of a preview brought nothing, as labelled: `refused` (the outbound
/// guard or the link's checks), `timeout`, `too_large`, `bad_status` (not 2xx),
/// `other`.
pub const REASONS: [&str; 5] = ["refused", "timeout", "too_large", "bad_status", "other"];

/// The handles the link previews' worker records into.
#[derive(Clone, Debug, Default)]
pub struct LinkPreviewMetrics {
    /// Links whose preview was fetched from their site (whatever it found).
    pub fetched: Counter,
    /// Requests of a preview (a page, its oEmbed document, its picture) that brought
    /// nothing, one counter per reason of [`REASONS`], in that order.
    pub failed: [Counter; REASONS.len()],
    /// Links shown from the cache every chat shares, with no request.
    pub cached: Counter,
    /// Preview pictures made small and kept.
    pub images: Counter,
    /// Messages owed previews (waiting or being made), on every node, as of the last
    /// message this node made them for.
    pub queue: Gauge,
}

impl LinkPreviewMetrics {
    /// Registers every series (each reason at zero) in `registry`.
    pub fn register(registry: &mut Registry) -> LinkPreviewMetrics {
        let failures = Family::<[(&'static str, &'static str); 1], Counter>::default();
        let m = LinkPreviewMetrics {
            failed: REASONS.map(|r| failures.get_or_create(&[("reason", r)]).clone()),
            ..LinkPreviewMetrics::default()
        };
        registry.register(
            "link_previews_fetched",
            "Links whose preview was fetched from their site (not the shared cache), whatever it found",
            m.fetched.clone(),
        );
        registry.register(
            "link_preview_failures",
            "Requests of a link preview (page, oEmbed document, picture) that brought nothing, by reason: refused (outbound guard or the link's checks), timeout, too_large, bad_status (not 2xx), other",
            failures,
        );
        registry.register(
            "link_previews_cached",
            "Links whose preview came from the cache every chat shares, with no request",
            m.cached.clone(),
        );
        registry.register(
            "link_preview_images",
            "Preview pictures fetched, made small and kept",
            m.images.clone(),
        );
        registry.register(
            "link_preview_queue",
            "Messages owed link previews (waiting or being made), as of the last message this node made them for",
            m.queue.clone(),
        );
        m
    }
}
