//! Figures of one run: printed as one `name = value unit` line each, then one JSON
//! line with everything (what `docs/benchmarks.md` medians are computed from).

use serde_json::{json, Map, Value};
use std::time::Duration;

/// One measured number.
#[derive(Debug, Clone)]
pub struct Figure {
    pub name: String,
    pub value: f64,
    pub unit: String,
    /// The target the figure is held to, as text, and whether it was met.
    pub target: Option<(String, bool)>,
}

/// Everything a scenario measured, plus notes on what it could not measure.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub scenario: String,
    pub figures: Vec<Figure>,
    pub notes: Vec<String>,
    /// Which store the server ran on, e.g. `sqlite (--sync full)` or `postgresql 15.8
    /// (...)`; set by `run`.
    pub store: Option<String>,
}

impl Report {
    /// An empty report for `scenario`.
    pub fn new(scenario: &str) -> Report {
        Report {
            scenario: scenario.to_string(),
            ..Report::default()
        }
    }

    /// Records a figure.
    pub fn add(&mut self, name: &str, value: f64, unit: &str) {
        self.figures.push(Figure {
            name: name.to_string(),
            value,
            unit: unit.to_string(),
            target: None,
        });
    }

    /// Records a figure held to a target (`target` as text, e.g. `<= 6144 B`): printed
    /// with the target and whether it was met.
    pub fn check(&mut self, name: &str, value: f64, unit: &str, target: &str, met: bool) {
        self.figures.push(Figure {
            name: name.to_string(),
            value,
            unit: unit.to_string(),
            target: Some((target.to_string(), met)),
        });
    }

    /// Whether every figure held to a target met it.
    pub fn all_met(&self) -> bool {
        self.figures
            .iter()
            .all(|f| f.target.as_ref().is_none_or(|(_, met)| *met))
    }

    /// Records p50 and p99 of `samples` in milliseconds as `{prefix}_p50_ms`/`_p99_ms`.
    pub fn add_latency(&mut self, prefix: &str, samples: &mut [Duration]) {
        self.add(
            &format!("{prefix}_p50_ms"),
            percentile_ms(samples, 50.0),
            "ms",
        );
        self.add(
            &format!("{prefix}_p99_ms"),
            percentile_ms(samples, 99.0),
            "ms",
        );
    }

    /// Records a remark (a fallback taken, a part skipped, an error seen).
    pub fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    /// The value of figure `name`, if measured.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.figures
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value)
    }

    /// The final JSON line.
    pub fn to_json(&self) -> Value {
        let mut figures = Map::new();
        let mut targets = Map::new();
        for f in &self.figures {
            figures.insert(f.name.clone(), json!(round3(f.value)));
            if let Some((target, met)) = &f.target {
                targets.insert(f.name.clone(), json!({"target": target, "met": met}));
            }
        }
        json!({
            "scenario": self.scenario,
            "store": self.store,
            "figures": figures,
            "targets": targets,
            "notes": self.notes,
        })
    }

    /// Prints the store, one line per figure and note, then the JSON line.
    pub fn print(&self) {
        if let Some(store) = &self.store {
            println!("{}.store: {store}", self.scenario);
        }
        for f in &self.figures {
            let target = match &f.target {
                Some((target, met)) => {
                    format!(
                        "   (target {target}: {})",
                        if *met { "met" } else { "NOT met" }
                    )
                }
                None => String::new(),
            };
            println!(
                "{}.{} = {} {}{target}",
                self.scenario,
                f.name,
                round3(f.value),
                f.unit
            );
        }
        for n in &self.notes {
            println!("{}.note: {n}", self.scenario);
        }
        println!("{}", self.to_json());
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The `p`th percentile (nearest rank) of `samples` in milliseconds; 0 when empty.
pub fn percentile_ms(samples: &mut [Duration], p: f64) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    samples.sort_unstable();
    let rank = ((p / 100.0) * samples.len() as f64).ceil() as usize;
    let idx = rank.clamp(1, samples.len()) - 1;
    samples[idx].as_secs_f64() * 1000.0
}

/// Events per second over `elapsed`.
pub fn per_sec(count: usize, elapsed: Duration) -> f64 {
    let s = elapsed.as_secs_f64();
    if s > 0.0 {
        count as f64 / s
    } else {
        0.0
    }
}
