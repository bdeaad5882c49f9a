//! Story clustering against gold events (ECB+): B-cubed precision, recall and F1, and the
//! adjusted Rand index, for newsfold's stories and, in the same run, a TF-IDF + average-linkage
//! baseline.
//!
//! ECB+ holds, per topic, two different events of one kind (two earthquakes, two celebrities
//! entering rehab), so grouping by topic scores poorly and only what tells events apart scores
//! well. The corpus folder has `docs/<doc>.txt` and `labels.tsv` (doc, topic, subtopic); the
//! subtopic is the gold event. Three figures are printed for each system:
//!
//! - **as shipped / tuned on all**: newsfold with its default settings; the baseline with its
//!   threshold tuned on these same articles (the most favourable reading of the baseline);
//! - **split halves**: topics are dealt into two halves (alternately, in topic order); the
//!   threshold is chosen on one half and the other half is clustered with it, both ways round,
//!   and the two test scores are averaged over articles. This is the honest figure for both.
//!
//! Average linkage is computed once down to similarity 0, recording the similarity at which each
//! merge happens (it never rises, so the clustering at any threshold is the merges above it).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::{Context, bail};
use newsfold_core::{Article, Reuse, UnionFind};
use newsfold_engine::{Options, Quiet};
use newsfold_stories::{Vector, cosine};
use newsfold_text::{is_stop_word, stem, tokens};
use rayon::prelude::*;

/// One setting of a system's thresholds: the linkage threshold and, for newsfold, the
/// threshold under which a story is split in two (`Settings::split`).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Point {
    threshold: f32,
    split: Option<f32>,
}

impl Point {
    /// newsfold's settings at this point.
    fn settings(self) -> newsfold_stories::Settings {
        let shipped = newsfold_stories::Settings::default();
        newsfold_stories::Settings {
            threshold: self.threshold,
            split: self.split.unwrap_or(shipped.split),
            ..shipped
        }
    }

    fn show(self) -> String {
        match self.split {
            Some(split) => format!("{:.2}+{split:.3}", self.threshold),
            None => format!("{:.2}", self.threshold),
        }
    }
}

/// Clustering quality of one labelling against the gold one.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scores {
    /// B-cubed precision.
    pub precision: f64,
    /// B-cubed recall.
    pub recall: f64,
    /// B-cubed F1.
    pub f1: f64,
    /// Adjusted Rand index.
    pub ari: f64,
    /// Clusters found.
    pub clusters: usize,
}

/// B-cubed and ARI of `found` against `gold` (one label per item, same order).
pub fn score(found: &[usize], gold: &[usize]) -> Scores {
    let n = found.len();
    if n == 0 {
        return Scores::default();
    }
    let mut both: HashMap<(usize, usize), usize> = HashMap::new();
    let mut in_found: HashMap<usize, usize> = HashMap::new();
    let mut in_gold: HashMap<usize, usize> = HashMap::new();
    for (&f, &g) in found.iter().zip(gold) {
        *both.entry((f, g)).or_default() += 1;
        *in_found.entry(f).or_default() += 1;
        *in_gold.entry(g).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (&f, &g) in found.iter().zip(gold) {
        let shared = both[&(f, g)] as f64;
        precision += shared / in_found[&f] as f64;
        recall += shared / in_gold[&g] as f64;
    }
    precision /= n as f64;
    recall /= n as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let pairs = |k: usize| (k * k.saturating_sub(1)) as f64 / 2.0;
    let index: f64 = both.values().map(|&k| pairs(k)).sum();
    let found_pairs: f64 = in_found.values().map(|&k| pairs(k)).sum();
    let gold_pairs: f64 = in_gold.values().map(|&k| pairs(k)).sum();
    let expected = found_pairs * gold_pairs / pairs(n).max(1.0);
    let max = (found_pairs + gold_pairs) / 2.0;
    let ari = if (max - expected).abs() < f64::EPSILON {
        1.0
    } else {
        (index - expected) / (max - expected)
    };
    Scores {
        precision,
        recall,
        f1,
        ari,
        clusters: in_found.len(),
    }
}

/// One ECB+ article with its gold labels.
struct Doc {
    /// The document's name in `labels.tsv` (its file name without `.txt`).
    name: String,
    article: Article,
    topic: String,
    event: usize,
}

/// Read the corpus: cleaned articles (through newsfold's own reading and cleaning) with their
/// topic and gold event, sorted by document name.
fn load(dir: &Path) -> anyhow::Result<Vec<Doc>> {
    let labels_path = dir.join("labels.tsv");
    let labels = std::fs::read_to_string(&labels_path)
        .with_context(|| format!("reading {}", labels_path.display()))?;
    let mut gold: BTreeMap<String, (String, String)> = BTreeMap::new();
    for line in labels.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            bail!(
                "{}: a line with fewer than 3 columns: {line:?}",
                labels_path.display()
            );
        }
        gold.insert(cols[0].to_owned(), (cols[1].to_owned(), cols[2].to_owned()));
    }
    let docs = dir.join("docs");
    let extracted = newsfold_engine::extract(
        &[docs.to_string_lossy().into_owned()],
        &Options::default(),
        &Quiet,
    );
    if !extracted.rejected.is_empty() {
        bail!(
            "{} documents of {} could not be read",
            extracted.rejected.len(),
            docs.display()
        );
    }
    let events: BTreeMap<&String, usize> = gold
        .values()
        .map(|(_, e)| e)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .enumerate()
        .map(|(k, e)| (e, k))
        .collect();
    let mut out = Vec::new();
    for article in extracted.articles {
        let name = Path::new(&article.path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some((topic, event)) = gold.get(&name) else {
            bail!("{} has no line in {}", article.path, labels_path.display());
        };
        out.push(Doc {
            name: name.clone(),
            topic: topic.clone(),
            event: events[event],
            article,
        });
    }
    if out.len() != gold.len() {
        bail!("{} documents read, {} labelled", out.len(), gold.len());
    }
    out.sort_by(|a, b| a.article.path.cmp(&b.article.path));
    Ok(out)
}

/// newsfold's stories over `docs` at each of `points`: a story label per document. `reuse`
/// holds the reuse relations among all documents (those with an end outside `docs` are not
/// used), as the fold passes them to the stories stage.
fn newsfold_labels(docs: &[&Doc], reuse: &[Reuse], points: &[Point]) -> Vec<Vec<usize>> {
    let articles: Vec<&Article> = docs.iter().map(|d| &d.article).collect();
    let graph =
        newsfold_stories::Graph::new(&articles, reuse, &newsfold_stories::Settings::default());
    points
        .par_iter()
        .map(|point| {
            let groups = graph.cluster(&point.settings());
            let mut labels = vec![0; docs.len()];
            for (k, group) in groups.iter().enumerate() {
                group.iter().for_each(|&i| labels[i] = k);
            }
            labels
        })
        .collect()
}

/// The baseline's representation: TF-IDF over stems (stop words and numbers dropped; log term
/// frequency, smoothed IDF), L2-normalised. Nothing for names, dates or numbers.
fn tfidf(docs: &[&Doc]) -> Vec<Vector> {
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let counts: Vec<BTreeMap<u32, f32>> = docs
        .iter()
        .map(|d| {
            let mut c = BTreeMap::new();
            let text = &d.article.text;
            for t in tokens(text) {
                if t.norm.chars().count() < 2
                    || is_stop_word(&t.norm)
                    || t.norm.chars().all(|ch| ch.is_ascii_digit())
                {
                    continue;
                }
                let next = vocabulary.len() as u32;
                let id = *vocabulary.entry(stem(&t.norm)).or_insert(next);
                *c.entry(id).or_insert(0.0) += 1.0;
            }
            c
        })
        .collect();
    let mut df = vec![0u32; vocabulary.len()];
    counts
        .iter()
        .flat_map(|c| c.keys())
        .for_each(|&t| df[t as usize] += 1);
    let n = docs.len() as f32;
    counts
        .iter()
        .map(|c| {
            let mut v: Vec<(u32, f32)> = c
                .iter()
                .map(|(&t, &k)| {
                    let idf = ((1.0 + n) / (1.0 + df[t as usize] as f32)).ln() + 1.0;
                    (t, (1.0 + f32::ln(k)) * idf)
                })
                .collect();
            let norm = v
                .iter()
                .map(|(_, w)| w * w)
                .sum::<f32>()
                .sqrt()
                .max(f32::MIN_POSITIVE);
            v.iter_mut().for_each(|(_, w)| *w /= norm);
            v
        })
        .collect()
}

/// The merges of average-linkage clustering down to similarity 0: `(similarity, a, b)` in the
/// order made, `a` and `b` being any members of the two clusters joined.
fn average_linkage(vectors: &[Vector]) -> Vec<(f32, usize, usize)> {
    let n = vectors.len();
    // Sums of pairwise similarity between live clusters, and their sizes.
    let mut sum = vec![vec![0.0f32; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let s = cosine(&vectors[i], &vectors[j]);
            sum[i][j] = s;
            sum[j][i] = s;
        }
    }
    let mut size = vec![1usize; n];
    let mut live: Vec<usize> = (0..n).collect();
    let mut merges = Vec::new();
    while live.len() > 1 {
        let mut best: Option<(f32, usize, usize)> = None;
        for (x, &a) in live.iter().enumerate() {
            for &b in &live[x + 1..] {
                let avg = sum[a][b] / (size[a] * size[b]) as f32;
                if best.is_none_or(|(s, _, _)| avg > s) {
                    best = Some((avg, a, b));
                }
            }
        }
        let Some((s, a, b)) = best else { break };
        if s <= 0.0 {
            break;
        }
        merges.push((s, a, b));
        for &c in &live {
            if c != a && c != b {
                let v = sum[a][c] + sum[b][c];
                sum[a][c] = v;
                sum[c][a] = v;
            }
        }
        size[a] += size[b];
        live.retain(|&c| c != b);
    }
    merges
}

/// Cluster labels from the merges made at similarity `threshold` or above.
fn cut(n: usize, merges: &[(f32, usize, usize)], threshold: f32) -> Vec<usize> {
    let mut groups = UnionFind::new(n);
    for &(_, a, b) in merges.iter().take_while(|m| m.0 >= threshold) {
        groups.join(a, b);
    }
    (0..n).map(|i| groups.find(i)).collect()
}

/// A system under evaluation: labels for a set of documents at each of some settings.
trait System {
    fn name(&self) -> &'static str;
    /// The settings tried when tuning.
    fn grid(&self) -> Vec<Point>;
    fn labels(&self, docs: &[&Doc], points: &[Point]) -> Vec<Vec<usize>>;
}

/// newsfold's stories, with the reuse relations newsfold finds among the documents.
struct Newsfold {
    reuse: Vec<Reuse>,
}

impl System for Newsfold {
    fn name(&self) -> &'static str {
        "newsfold stories"
    }

    /// Linkage 0.01 to 0.30 in steps of 0.01, each with a split threshold from 0.030 to 0.120
    /// in steps of 0.005.
    fn grid(&self) -> Vec<Point> {
        (1..=30)
            .flat_map(|t| {
                (6..=24).map(move |s| Point {
                    threshold: t as f32 / 100.0,
                    split: Some(s as f32 / 200.0),
                })
            })
            .collect()
    }

    fn labels(&self, docs: &[&Doc], points: &[Point]) -> Vec<Vec<usize>> {
        newsfold_labels(docs, &self.reuse, points)
    }
}

struct Baseline;

impl System for Baseline {
    fn name(&self) -> &'static str {
        "TF-IDF + average linkage"
    }

    /// 0.01 to 0.80 in steps of 0.01.
    fn grid(&self) -> Vec<Point> {
        (1..=80)
            .map(|t| Point {
                threshold: t as f32 / 100.0,
                split: None,
            })
            .collect()
    }

    fn labels(&self, docs: &[&Doc], points: &[Point]) -> Vec<Vec<usize>> {
        let merges = average_linkage(&tfidf(docs));
        points
            .iter()
            .map(|p| cut(docs.len(), &merges, p.threshold))
            .collect()
    }
}

/// The best setting on the system's grid for `docs` (highest F1; the first in grid order on a
/// tie) and its scores.
fn tune(system: &dyn System, docs: &[&Doc]) -> (Point, Scores) {
    let gold: Vec<usize> = docs.iter().map(|d| d.event).collect();
    let points = system.grid();
    let mut best = (points[0], Scores::default());
    for (&p, labels) in points.iter().zip(system.labels(docs, &points)) {
        let s = score(&labels, &gold);
        if s.f1 > best.1.f1 {
            best = (p, s);
        }
    }
    best
}

/// Stories as sets of article paths, from a fold: a label per path.
fn labels_by_path(fold: &newsfold_core::Fold) -> BTreeMap<String, usize> {
    let path_of: BTreeMap<&str, &str> = fold
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.path.as_str()))
        .collect();
    let mut labels = BTreeMap::new();
    for (k, story) in fold.stories.iter().enumerate() {
        for id in &story.articles {
            labels.insert(path_of[id.as_str()].to_owned(), k);
        }
    }
    labels
}

/// Stories as sorted lists of article paths, sorted: two labellings are the same stories when
/// these are equal.
fn partition(labels: &BTreeMap<String, usize>) -> Vec<Vec<&String>> {
    let mut groups: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for (path, &k) in labels {
        groups.entry(k).or_default().push(path);
    }
    let mut g: Vec<Vec<&String>> = groups.into_values().collect();
    g.sort();
    g
}

/// Fold the documents in `batches` batches of a random order (each batch added to the fold of
/// the previous ones with `newsfold_engine::extend`, as `newsfold fold --extend` does), and
/// compare with folding them all at once: B-cubed of the batched stories against the
/// all-at-once ones, whether they are identical, and how many story ids differ.
fn batch_agreement(docs: &[&Doc], batches: usize, seed: u64) -> anyhow::Result<()> {
    let options = Options::default();
    let mut paths: Vec<String> = docs.iter().map(|d| d.article.path.clone()).collect();
    let at_once = newsfold_engine::fold(&paths, &options, &Quiet);
    crate::rng::Rng::new(seed).shuffle(&mut paths);
    let size = paths.len().div_ceil(batches.max(1));
    let mut folded: Option<newsfold_core::Fold> = None;
    for batch in paths.chunks(size) {
        folded = Some(match folded {
            None => newsfold_engine::fold(batch, &options, &Quiet),
            Some(previous) => newsfold_engine::extend(previous, batch, &options, &Quiet),
        });
    }
    let Some(batched) = folded else {
        bail!("no documents to fold in batches");
    };
    let (once, parts) = (labels_by_path(&at_once), labels_by_path(&batched));
    if once.len() != parts.len() {
        bail!(
            "{} articles folded at once, {} in batches",
            once.len(),
            parts.len()
        );
    }
    let gold: Vec<usize> = once.values().copied().collect();
    let found: Vec<usize> = once.keys().map(|p| parts[p]).collect();
    let s = score(&found, &gold);
    let identical = partition(&once) == partition(&parts);
    println!(
        "batches: {} articles in {batches} batches of a random order (seed {seed}) against all at once: \
         B-cubed agreement P {:.4} R {:.4} F1 {:.4}, ARI {:.4}; {} stories against {}; identical: {}",
        docs.len(),
        s.precision,
        s.recall,
        s.f1,
        s.ari,
        batched.stories.len(),
        at_once.stories.len(),
        if identical { "yes" } else { "no" },
    );
    if !identical && s.f1 < 0.99 {
        bail!(
            "batches agree with folding all at once only at B-cubed F1 {:.4} (< 0.99)",
            s.f1
        );
    }
    Ok(())
}

/// Run the evaluation and print the table; with `min_f1`, fail when newsfold's F1 (default
/// settings) is below it.
pub fn run(dir: &Path, min_f1: Option<f64>, errors: bool) -> anyhow::Result<()> {
    let docs = load(dir)?;
    let all: Vec<&Doc> = docs.iter().collect();
    // Copies always share a story: the clustering gets the reuse relations, as in a fold.
    let ours_system = Newsfold {
        reuse: newsfold_engine::reuse(
            &[dir.join("docs").to_string_lossy().into_owned()],
            &Options::default(),
            &Quiet,
        )
        .reuse,
    };
    let gold: Vec<usize> = all.iter().map(|d| d.event).collect();
    let mut topics: Vec<&str> = docs.iter().map(|d| d.topic.as_str()).collect();
    topics.sort_by_key(|t| (t.parse::<u32>().unwrap_or(u32::MAX), t.to_string()));
    topics.dedup();
    let half_of = |topic: &str| topics.iter().position(|t| *t == topic).unwrap_or(0) % 2;
    let halves: [Vec<&Doc>; 2] = [0, 1].map(|h| {
        docs.iter()
            .filter(|d| half_of(&d.topic) == h)
            .collect::<Vec<_>>()
    });
    let events = gold.iter().collect::<std::collections::BTreeSet<_>>().len();
    println!(
        "corpus: {} ({} articles, {} topics, {} events)",
        dir.display(),
        docs.len(),
        topics.len(),
        events
    );
    println!();
    println!(
        "{:<28} {:<34} {:>23} {:>7} {:>7} {:>7} {:>7} {:>8}",
        "system", "reading", "threshold", "P", "R", "F1", "ARI", "stories"
    );
    let row = |system: &str, reading: &str, threshold: String, s: &Scores| {
        println!(
            "{system:<28} {reading:<34} {threshold:>23} {:>7.4} {:>7.4} {:>7.4} {:>7.4} {:>8}",
            s.precision, s.recall, s.f1, s.ari, s.clusters
        );
    };
    let defaults = newsfold_stories::Settings::default();
    let shipped = Point {
        threshold: defaults.threshold,
        split: Some(defaults.split),
    };
    let ours = score(
        &newsfold_labels(&all, &ours_system.reuse, &[shipped]).swap_remove(0),
        &gold,
    );
    row(
        ours_system.name(),
        "default settings",
        shipped.show(),
        &ours,
    );
    for system in [&ours_system as &dyn System, &Baseline] {
        let (t, s) = tune(system, &all);
        row(system.name(), "threshold tuned on all", t.show(), &s);
        // Split halves: tune on one, test on the other, both ways; scores averaged by articles.
        let mut weighted = (0.0, 0.0, 0.0, 0.0);
        let mut chosen = Vec::new();
        for (train, test) in [(0, 1), (1, 0)] {
            let (t, _) = tune(system, &halves[train]);
            let test_gold: Vec<usize> = halves[test].iter().map(|d| d.event).collect();
            let labels = system.labels(&halves[test], &[t]).swap_remove(0);
            let s = score(&labels, &test_gold);
            let w = halves[test].len() as f64;
            weighted.0 += s.precision * w;
            weighted.1 += s.recall * w;
            weighted.2 += s.f1 * w;
            weighted.3 += s.ari * w;
            chosen.push(t.show());
        }
        let n = docs.len() as f64;
        let split = Scores {
            precision: weighted.0 / n,
            recall: weighted.1 / n,
            f1: weighted.2 / n,
            ari: weighted.3 / n,
            clusters: 0,
        };
        row(
            system.name(),
            "split halves (tuned on the other)",
            chosen.join("/"),
            &split,
        );
    }
    if errors {
        println!();
        println!("stories at default settings that hold more than one event (event: articles):");
        let labels = newsfold_labels(&all, &ours_system.reuse, &[shipped]).swap_remove(0);
        // Articles of each event in each story.
        let mut stories: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
        for (d, &l) in all.iter().zip(&labels) {
            *stories.entry(l).or_default().entry(d.event).or_default() += 1;
        }
        let event_names: BTreeMap<usize, String> = all
            .iter()
            .map(|d| {
                let kind = if d.name.ends_with("plus") {
                    "ecbplus"
                } else {
                    "ecb"
                };
                (d.event, format!("{}{}", d.topic, kind))
            })
            .collect();
        for events in stories.values().filter(|e| e.len() > 1) {
            let parts: Vec<String> = events
                .iter()
                .map(|(e, count)| format!("{}: {count}", event_names[e]))
                .collect();
            println!("  {}", parts.join(", "));
        }
        println!();
        println!("events at default settings spread over more than one story (story: articles):");
        let mut spread: BTreeMap<usize, BTreeMap<usize, Vec<&str>>> = BTreeMap::new();
        for (d, &l) in all.iter().zip(&labels) {
            spread
                .entry(d.event)
                .or_default()
                .entry(l)
                .or_default()
                .push(&d.name);
        }
        for (event, parts) in spread.iter().filter(|(_, p)| p.len() > 1) {
            let parts: Vec<String> = parts
                .values()
                .map(|names| format!("[{}]", names.join(" ")))
                .collect();
            println!("  {}: {}", event_names[event], parts.join(" "));
        }
    }
    println!();
    println!(
        "(B-cubed precision, recall and F1 averaged over articles; ARI = adjusted Rand index. \
         Split halves: topics dealt alternately into two halves; each half clustered alone with \
         the threshold that was best on the other; the stories column is empty for this reading.)"
    );
    println!();
    batch_agreement(&all, 5, 1)?;
    if let Some(min) = min_f1 {
        if ours.f1 < min {
            bail!("newsfold's B-cubed F1 {:.4} is below {min}", ours.f1);
        }
        println!("newsfold's B-cubed F1 {:.4} >= {min}: ok", ours.f1);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{cut, score};

    #[test]
    fn perfect_and_lumped_clusterings_score_as_known() {
        let gold = [0, 0, 1, 1];
        let perfect = score(&[5, 5, 7, 7], &gold);
        assert!((perfect.f1 - 1.0).abs() < 1e-9 && (perfect.ari - 1.0).abs() < 1e-9);
        let lumped = score(&[0, 0, 0, 0], &gold);
        assert!((lumped.precision - 0.5).abs() < 1e-9 && (lumped.recall - 1.0).abs() < 1e-9);
        assert!(lumped.ari.abs() < 1e-9);
    }

    #[test]
    fn cutting_merges_keeps_those_above_the_threshold() {
        let merges = [(0.9, 0, 1), (0.5, 2, 3), (0.2, 0, 2)];
        assert_eq!(cut(4, &merges, 0.4), vec![0, 0, 2, 2]);
        assert_eq!(cut(4, &merges, 0.1), vec![0, 0, 0, 0]);
    }
}
