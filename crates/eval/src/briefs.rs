//! `newsfold-eval briefs`: ROUGE of newsfold's briefs beside a LexRank baseline, on summary
//! corpora laid out as `clusters/<id>/docs/*.txt` and `clusters/<id>/models/*.txt` (DUC 2003
//! tasks 2 and 4, MultiLing 2011 English).
//!
//! Each cluster is briefed as `newsfold brief` does it (`engine::brief`: the cluster's files read
//! and cleaned, reuse and origins found, all articles one story), and its brief is scored with
//! [`crate::rouge`] against the human summaries. The baseline is LexRank (Erkan and Radev 2004)
//! as sumy runs it, on the same cleaned sentences: TF-IDF vectors of stemmed content words,
//! sentences linked where their cosine exceeds 0.1, PageRank with damping 0.85, and the best
//! ranked sentences taken until the word limit. Both are timed, in the same run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use rayon::prelude::*;

use newsfold_core::Article;
use newsfold_engine::{Options, Quiet};

use crate::rouge::{Rouge, Scorer};

/// One cluster: its documents folder and its human summaries.
struct Cluster {
    id: String,
    docs: PathBuf,
    models: Vec<String>,
}

/// The clusters of a corpus folder, sorted by id.
fn clusters(dir: &Path) -> anyhow::Result<Vec<Cluster>> {
    let root = dir.join("clusters");
    let entries = std::fs::read_dir(&root)
        .with_context(|| format!("{} has no clusters/ folder", dir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let path = entry?.path();
        if !path.is_dir() {
            continue;
        }
        let id = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut models = Vec::new();
        let mut names: Vec<PathBuf> = std::fs::read_dir(path.join("models"))
            .with_context(|| format!("cluster {id} has no models/ folder"))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()?;
        names.sort();
        for name in names {
            models.push(
                std::fs::read_to_string(&name)
                    .with_context(|| format!("could not read {}", name.display()))?,
            );
        }
        if models.is_empty() {
            bail!("cluster {id} has no human summaries");
        }
        out.push(Cluster {
            id,
            docs: path.join("docs"),
            models,
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    if out.is_empty() {
        bail!("no clusters in {}", root.display());
    }
    Ok(out)
}

/// What one system wrote for one cluster.
struct Written {
    summary: String,
    seconds: f64,
}

/// newsfold's brief of a cluster, as `newsfold brief --words N --format text` prints it.
fn newsfold_brief(cluster: &Cluster, words: usize) -> anyhow::Result<(Written, Vec<Article>)> {
    let mut options = Options::default();
    options.brief.words = words;
    options.brief.sentences = usize::MAX;
    let start = Instant::now();
    let fold = newsfold_engine::brief(
        &[cluster.docs.to_string_lossy().into_owned()],
        &options,
        &Quiet,
    );
    let seconds = start.elapsed().as_secs_f64();
    let Some(story) = fold.stories.first() else {
        bail!("cluster {}: no article could be read", cluster.id);
    };
    let summary = story
        .brief
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    Ok((Written { summary, seconds }, fold.articles))
}

/// LexRank over the sentences of `articles`, best first until `words` words.
fn lexrank(articles: &[Article], words: usize) -> Written {
    let start = Instant::now();
    let sentences: Vec<&str> = articles
        .iter()
        .flat_map(|a| (0..a.sentences.len()).map(move |i| a.sentence(i)))
        .collect();
    let bags: Vec<BTreeMap<String, f64>> = sentences
        .iter()
        .map(|s| {
            let mut bag = BTreeMap::new();
            for stem in newsfold_text::content_stems(s) {
                *bag.entry(stem).or_insert(0.0) += 1.0;
            }
            bag
        })
        .collect();
    let n = sentences.len();
    let mut df: BTreeMap<&str, f64> = BTreeMap::new();
    for bag in &bags {
        for stem in bag.keys() {
            *df.entry(stem.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let vectors: Vec<BTreeMap<&str, f64>> = bags
        .iter()
        .map(|bag| {
            let v: BTreeMap<&str, f64> = bag
                .iter()
                .map(|(t, tf)| (t.as_str(), tf * (n as f64 / df[t.as_str()]).ln()))
                .collect();
            let norm = v.values().map(|x| x * x).sum::<f64>().sqrt();
            v.into_iter()
                .map(|(t, x)| (t, if norm > 0.0 { x / norm } else { 0.0 }))
                .collect()
        })
        .collect();
    let cosine = |a: &BTreeMap<&str, f64>, b: &BTreeMap<&str, f64>| -> f64 {
        let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
        small
            .iter()
            .filter_map(|(t, x)| large.get(t).map(|y| x * y))
            .sum()
    };
    let links: Vec<Vec<usize>> = (0..n)
        .into_par_iter()
        .map(|i| {
            (0..n)
                .filter(|&j| j != i && cosine(&vectors[i], &vectors[j]) > 0.1)
                .collect()
        })
        .collect();
    let damping = 0.85;
    let mut rank = vec![1.0 / n.max(1) as f64; n];
    for _ in 0..100 {
        let mut next = vec![(1.0 - damping) / n as f64; n];
        for (i, out) in links.iter().enumerate() {
            if out.is_empty() {
                continue;
            }
            let share = damping * rank[i] / out.len() as f64;
            out.iter().for_each(|&j| next[j] += share);
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < 1e-9 {
            break;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rank[b].total_cmp(&rank[a]).then(a.cmp(&b)));
    let mut chosen = Vec::new();
    let mut count = 0;
    for i in order {
        if count >= words {
            break;
        }
        count += sentences[i].split_whitespace().count();
        chosen.push(sentences[i]);
    }
    Written {
        summary: chosen.join("\n"),
        seconds: start.elapsed().as_secs_f64(),
    }
}

/// Score newsfold and LexRank on every cluster of each corpus folder and print a table; with
/// `show`, also print newsfold's summary of the clusters named; with `dump`, write every summary,
/// its human summaries and its scores as JSON lines (what `bench/rouge_check.sh` reads).
pub fn run(
    dirs: &[PathBuf],
    words: usize,
    show: &[String],
    dump: Option<&Path>,
    limit: Option<usize>,
    (min_r1, min_r2): (Option<f64>, Option<f64>),
) -> anyhow::Result<()> {
    let mut short = Vec::new();
    let scorer = Scorer::new(words);
    let mut dumped = String::new();
    let mut left = limit.unwrap_or(usize::MAX);
    let (mut all_clusters, mut all_articles, mut all_seconds) = (0usize, 0usize, 0.0);
    println!(
        "ROUGE recall x100, summaries and human summaries cut to {words} words, Porter stemming (rouge-score's tokenizer)"
    );
    println!(
        "{:<28} {:>8} {:<10} {:>7} {:>7} {:>9}",
        "corpus", "clusters", "system", "R-1", "R-2", "seconds"
    );
    for dir in dirs {
        let mut clusters = clusters(dir)?;
        clusters.truncate(left);
        left -= clusters.len();
        if clusters.is_empty() {
            continue;
        }
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let (mut our_time, mut their_time) = (0.0, 0.0);
        for cluster in &clusters {
            // A few words more than the limit: the sentence that crosses it is cut by ROUGE.
            let (written, articles) = newsfold_brief(cluster, words + 25)?;
            let baseline = lexrank(&articles, words);
            all_articles += articles.len();
            if show.contains(&cluster.id) {
                println!("--- {} (newsfold)\n{}\n", cluster.id, written.summary);
            }
            let scores = [
                scorer.score(&written.summary, &cluster.models),
                scorer.score(&baseline.summary, &cluster.models),
            ];
            for (system, summary, score) in [
                ("newsfold", &written.summary, scores[0]),
                ("LexRank", &baseline.summary, scores[1]),
            ] {
                let line = serde_json::json!({
                    "corpus": dir.to_string_lossy(),
                    "cluster": cluster.id,
                    "system": system,
                    "summary": summary,
                    "models": cluster.models,
                    "r1": score.r1,
                    "r2": score.r2,
                });
                dumped.push_str(&line.to_string());
                dumped.push('\n');
            }
            ours.push(scores[0]);
            theirs.push(scores[1]);
            our_time += written.seconds;
            all_seconds += written.seconds;
            all_clusters += 1;
            their_time += baseline.seconds;
        }
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = if name == "english" {
            dir.parent()
                .and_then(Path::file_name)
                .map(|p| format!("{}/english", p.to_string_lossy()))
                .unwrap_or(name)
        } else {
            name
        };
        let mean = Rouge::mean(&ours);
        if min_r1.is_some_and(|m| 100.0 * mean.r1 < m)
            || min_r2.is_some_and(|m| 100.0 * mean.r2 < m)
        {
            short.push(format!(
                "{name}: R-1 {:.2}, R-2 {:.2}",
                100.0 * mean.r1,
                100.0 * mean.r2
            ));
        }
        for (system, scores, seconds) in [
            ("newsfold", &ours, our_time),
            ("LexRank", &theirs, their_time),
        ] {
            let mean = Rouge::mean(scores);
            println!(
                "{:<28} {:>8} {:<10} {:>7.2} {:>7.2} {:>9.2}",
                name,
                clusters.len(),
                system,
                100.0 * mean.r1,
                100.0 * mean.r2,
                seconds
            );
        }
    }
    println!(
        "(newsfold's seconds: the whole of `newsfold brief` per cluster, reading and reuse included; LexRank's: ranking and selection only)"
    );
    println!(
        "newsfold briefed {all_clusters} clusters ({all_articles} articles) in {all_seconds:.2} s on {} threads",
        rayon::current_num_threads()
    );
    if let Some(path) = dump {
        std::fs::write(path, dumped)
            .with_context(|| format!("could not write {}", path.display()))?;
    }
    if !short.is_empty() {
        bail!(
            "below the bar (R-1 {min_r1:?}, R-2 {min_r2:?}): {}",
            short.join("; ")
        );
    }
    Ok(())
}
