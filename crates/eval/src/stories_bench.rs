//! Story clustering at scale: how long grouping a generated corpus into stories takes, and how
//! much memory it holds.
//!
//! The articles are read and compared for reuse first (copies always share a story, so the
//! clustering needs the relations), untimed. Then the peak resident memory is reset (Linux's
//! `/proc/self/clear_refs`), and the two steps of the stories stage are timed: building the
//! graph (vectors, candidate pairs from the inverted index, their similarities) and clustering
//! it (average linkage, then splitting). The peak printed is the process's peak during those
//! steps, the articles already in memory included.

use std::time::Instant;

use anyhow::bail;
use newsfold_core::Article;
use newsfold_engine::{Options, Quiet};
use newsfold_stories::{Graph, Settings};

/// Resident memory figures of this process from `/proc/self/status`, in MiB: (now, peak).
fn memory() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<f64>()
                    .ok()
            })
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Run the benchmark on `inputs` and print one table row.
pub fn run(inputs: &[String]) -> anyhow::Result<()> {
    let options = Options {
        as_given: true,
        ..Options::default()
    };
    let report = newsfold_engine::reuse(inputs, &options, &Quiet);
    if report.articles.is_empty() {
        bail!("no articles read from {}", inputs.join(" "));
    }
    let articles: Vec<&Article> = report.articles.iter().collect();
    // Reset the peak to the current resident size, so the peak below is the stories stage's.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let (before, _) = memory();
    let settings = Settings::default();
    let start = Instant::now();
    let graph = Graph::new(&articles, &report.reuse, &settings);
    let built = start.elapsed().as_secs_f64();
    let stories = graph.cluster(&settings);
    let total = start.elapsed().as_secs_f64();
    let (_, peak) = memory();
    let largest = stories.iter().map(Vec::len).max().unwrap_or(0);
    println!(
        "{:>9} {:>9} {:>10} {:>9} {:>8} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "articles",
        "relations",
        "pairs",
        "stories",
        "largest",
        "graph s",
        "cluster s",
        "total s",
        "held MiB",
        "peak MiB"
    );
    println!(
        "{:>9} {:>9} {:>10} {:>9} {:>8} {:>9.2} {:>9.2} {:>9.2} {:>9.0} {:>9.0}",
        articles.len(),
        report.reuse.len(),
        graph.pairs(),
        stories.len(),
        largest,
        built,
        total - built,
        total,
        before,
        peak
    );
    if !reset {
        println!("(the peak could not be reset: it includes reading and reuse detection)");
    }
    Ok(())
}
