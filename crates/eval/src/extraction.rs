//! `newsfold-eval extraction DIR`: main-text extraction quality and speed on a benchmark folder.
//!
//! DIR holds `html/<id>.html.gz` pages and `ground-truth.json` (id → `{articleBody}`), as in
//! `../shared/corpora/extraction-dev`. Two extractors run on the same decoded pages in the same
//! run: the rs-trafilatura crate as published (the crate newsfold starts from) and newsfold's
//! clean stage (rs-trafilatura plus newsfold's own news cleaning). For each it prints precision,
//! recall and F1 under the benchmark's metric ([`crate::shingles`]) and pages per second from
//! HTML bytes to text, on all worker threads, best of several rounds.

use std::io::Read as _;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};
use newsfold_core::{Raw, RawBody};
use rayon::prelude::*;

use crate::shingles::{Counts, compare, score};

/// One benchmark page.
struct Page {
    id: String,
    html: Vec<u8>,
    truth: String,
}

/// An extractor under test: page bytes in, body text out.
struct Extractor {
    name: &'static str,
    run: fn(&[u8]) -> String,
}

/// The row of newsfold's default cleaner.
const NEWSFOLD: &str = "newsfold clean (on dom_smoothie)";

const EXTRACTORS: [Extractor; 5] = [
    Extractor {
        name: "newsfold clean on rs-trafilatura",
        run: newsfold_on_rs,
    },
    Extractor {
        name: "dom_smoothie 0.19 (crate as published)",
        run: dom_smoothie_crate,
    },
    Extractor {
        name: "trafilatura 0.6 (crate as published)",
        run: trafilatura_crate,
    },
    Extractor {
        name: "rs-trafilatura 0.2.2 (crate as published)",
        run: crate_as_published,
    },
    Extractor {
        name: "newsfold clean (on dom_smoothie)",
        run: newsfold_clean,
    },
];

fn html_of(bytes: &[u8]) -> Option<String> {
    match decode(bytes)?.body {
        RawBody::Html(html) => Some(html),
        RawBody::Text(_) => None,
    }
}

fn newsfold_on_rs(bytes: &[u8]) -> String {
    let options = newsfold_text::CleanOptions {
        extractor: newsfold_text::Base::RsTrafilatura,
        ..newsfold_text::CleanOptions::default()
    };
    decode(bytes)
        .map(|raw| newsfold_text::clean_with(&raw, &options).text)
        .unwrap_or_default()
}

fn trafilatura_crate(bytes: &[u8]) -> String {
    html_of(bytes)
        .and_then(|html| trafilatura::extract(&html, &trafilatura::Options::default()).ok())
        .map(|r| r.content_text)
        .unwrap_or_default()
}

fn dom_smoothie_crate(bytes: &[u8]) -> String {
    html_of(bytes)
        .and_then(|html| {
            dom_smoothie::Readability::new(html, None, None)
                .ok()?
                .parse()
                .ok()
        })
        .map(|a| a.text_content.to_string())
        .unwrap_or_default()
}

fn decode(bytes: &[u8]) -> Option<Raw> {
    newsfold_read::read_bytes("page.html", bytes, &newsfold_read::ReadOptions::default())
        .raws
        .into_iter()
        .next()
}

fn crate_as_published(bytes: &[u8]) -> String {
    match decode(bytes).map(|r| r.body) {
        Some(RawBody::Html(html)) => rs_trafilatura::extract(&html)
            .map(|r| r.content_text)
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn newsfold_clean(bytes: &[u8]) -> String {
    decode(bytes)
        .map(|raw| newsfold_text::clean(&raw).text)
        .unwrap_or_default()
}

fn load(dir: &Path) -> anyhow::Result<Vec<Page>> {
    let truth_path = dir.join("ground-truth.json");
    let truth: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&truth_path)
            .with_context(|| format!("cannot read {}", truth_path.display()))?,
    )
    .with_context(|| format!("{} is not JSON", truth_path.display()))?;
    let Some(map) = truth.as_object() else {
        bail!("{} is not an object", truth_path.display())
    };
    let mut pages = Vec::new();
    for (id, entry) in map {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(
            std::fs::File::open(&path)
                .with_context(|| format!("cannot open {}", path.display()))?,
        )
        .read_to_end(&mut html)
        .with_context(|| format!("cannot decompress {}", path.display()))?;
        let truth = entry["articleBody"].as_str().unwrap_or_default().to_owned();
        pages.push(Page {
            id: id.clone(),
            html,
            truth,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Run the benchmark and print one line per extractor; with `errors > 0`, also the worst pages
/// of newsfold's extractor with the text it got wrong.
pub fn run(
    dir: &Path,
    rounds: usize,
    errors: usize,
    show: &str,
    min_f1: Option<f64>,
) -> anyhow::Result<()> {
    let pages = load(dir)?;
    println!(
        "extraction benchmark: {} pages from {}, {} threads, best of {rounds} rounds",
        pages.len(),
        dir.display(),
        rayon::current_num_threads()
    );
    println!(
        "{:<44} {:>9} {:>9} {:>9} {:>10}",
        "extractor", "precision", "recall", "F1", "pages/s"
    );
    for extractor in &EXTRACTORS {
        let mut best = f64::MAX;
        let mut texts = Vec::new();
        for _ in 0..rounds.max(1) {
            let start = Instant::now();
            texts = pages.par_iter().map(|p| (extractor.run)(&p.html)).collect();
            best = best.min(start.elapsed().as_secs_f64());
        }
        let counts: Vec<Counts> = pages
            .iter()
            .zip(&texts)
            .map(|(p, t)| compare(&p.truth, t))
            .collect();
        let (precision, recall, f1) = score(&counts);
        println!(
            "{:<44} {precision:>9.4} {recall:>9.4} {f1:>9.4} {:>10.1}",
            extractor.name,
            pages.len() as f64 / best
        );
        if errors > 0 && extractor.name.contains(show) {
            print_errors(&pages, &texts, &counts, errors);
        }
        if let Some(min) = min_f1
            && extractor.name == NEWSFOLD
            && f1 < min
        {
            bail!("newsfold's extraction F1 {f1:.4} is below the required {min}");
        }
    }
    Ok(())
}

/// For newsfold's cleaner: how often each removal reason took out text the truth keeps, so a
/// rule that costs recall shows itself.
pub fn audit(dir: &Path) -> anyhow::Result<()> {
    let pages = load(dir)?;
    let mut by_reason: std::collections::BTreeMap<String, (usize, usize, Vec<String>)> =
        Default::default();
    for page in &pages {
        let Some(raw) = decode(&page.html) else {
            continue;
        };
        let article = newsfold_text::clean(&raw);
        let truth: String = page.truth.split_whitespace().collect::<Vec<_>>().join(" ");
        for r in &article.removed {
            let text: String = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let entry = by_reason.entry(r.reason.clone()).or_default();
            entry.0 += 1;
            if text.len() > 3 && truth.contains(&text) {
                entry.1 += 1;
                if entry.2.len() < 8 {
                    entry.2.push(text.chars().take(120).collect());
                }
            }
        }
    }
    for (reason, (n, wrong, examples)) in by_reason {
        println!("{reason:<18} removed {n:>4}, of which in the truth {wrong:>4}");
        for e in examples {
            println!("    {e}");
        }
    }
    Ok(())
}

fn print_errors(pages: &[Page], texts: &[String], counts: &[Counts], n: usize) {
    let mut order: Vec<usize> = (0..pages.len()).collect();
    order.sort_by(|&a, &b| (counts[a].tp).total_cmp(&counts[b].tp));
    for &i in order.iter().take(n) {
        let c = counts[i];
        println!(
            "\n--- {} tp={:.3} fp={:.3} fn={:.3}",
            pages[i].id, c.tp, c.fp, c.fn_
        );
        let truth_lines: std::collections::HashSet<&str> =
            pages[i].truth.lines().map(str::trim).collect();
        let got_lines: std::collections::HashSet<&str> = texts[i].lines().map(str::trim).collect();
        for line in texts[i]
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !truth_lines.contains(l))
            .take(12)
        {
            println!("  + {}", line.chars().take(160).collect::<String>());
        }
        for line in pages[i]
            .truth
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !got_lines.contains(l))
            .take(12)
        {
            println!("  - {}", line.chars().take(160).collect::<String>());
        }
    }
}
