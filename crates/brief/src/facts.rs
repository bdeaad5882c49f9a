//! Facts: sentences from different articles of one story that state the same thing.
//!
//! Two sentences state the same fact when [`crate::similarity::same_fact`] says so: the
//! paraphrase model (MSRP-fitted, see `similarity.rs`) judges them the same, or one holds
//! [`crate::similarity::CONTAINED`] of the other's content stems (a copy that trimmed a
//! clause). Paraphrase is stricter than "the same fact": "the call fell on Xi's 69th birthday"
//! and "they spoke on Wednesday, which was Xi's birthday" are no paraphrase, but one fact. So
//! sentences that share two stems rare in the story (in at most [`RARE`] of its sentences) and
//! half their content stems are joined as long as the model gives them at least [`RARE_FLOOR`]
//! (values tuned on DUC 2003's briefs). Only sentences of different articles that share a
//! content stem are compared. Sentences join transitively.
//!
//! Repeated text costs what its distinct sentences cost. [`read_sentences`] reads each distinct
//! sentence once, and [`align`] compares *readings* (sentences that read alike, see
//! [`Sentence`]), never occurrences: all occurrences of one reading in one article form a
//! *cell*, whose members have the same neighbours, and a pair of readings judged the same joins
//! their cells across articles in time linear in the cells. The groups are those of comparing
//! every pair of occurrences, byte for byte: a story of two articles made of one sentence
//! repeated 1,000 and 2,000 times took 12 s in the brief stage by pairs of occurrences (release
//! build), and one of 4,000 and 8,000 over a minute; it now compares one pair. Candidate pairs come from shared stems ([`crate::close`]), never
//! from comparing every pair.

use std::collections::{BTreeSet, HashMap};

use newsfold_core::{Article, UnionFind};
use rayon::prelude::*;

use crate::close::{Index, Scratch, Shared};
use crate::similarity::{MIN_SHARED, MIN_STEMS, SAME, Sentence, same_fact_probability};

/// A stem in at most this many sentences of a story is rare there.
pub const RARE: usize = 3;
/// Rare stems two sentences must share to be joined on them...
pub const RARE_SHARED: usize = 2;
/// ...with at least this share of the smaller one's content stems...
pub const RARE_CONTAINED: f64 = 0.5;
/// ...and at least this probability from the paraphrase model.
pub const RARE_FLOOR: f64 = 0.2;
/// Occurrences a fact must have gathered for pairs inside it to go uncompared (see
/// `Links::settled`): its wording is then the one most of its occurrences print, not the one
/// most similar to the others. Far above the facts of the evaluation corpora (a DUC cluster has
/// 10 articles), whose briefs are the same with it as without it. The largest story of 100,000
/// generated articles (1,150 of them, a sentence carried in hundreds of edited readings) is
/// briefed in about 3 s with it, 4.8 s without (22 s before pairs were counted along postings and
/// shared stems by merge); 32 gives the same time there.
pub const SETTLED_FACT: u32 = 128;
/// Share of the smaller reading's content stems below which two readings are only *loosely*
/// close (they still share [`MIN_SHARED`]): such a pair is judged only while one of the two has
/// joined no fact through a closer pair. The share at which the rare-stem rule starts. On the
/// largest story of 100,000 generated articles, 2.2 million of the 2.5 million close pairs are
/// loose and the model says "same" of one in 2,500 of them.
pub const LOOSE_SHARE: f64 = RARE_CONTAINED;
/// Readings whose close pairs are found, and judged by the model, together on the caller's
/// threads before the verdicts are applied in order. Any size gives the same facts; this one
/// keeps each round's pairs in the thousands.
const CHUNK: usize = 64;

/// A sentence of a story: article index (into the story's article list) and sentence index.
pub type SentenceRef = (usize, usize);

/// A group of sentences stating one fact.
#[derive(Debug, Clone)]
pub struct FactGroup {
    /// The sentences, sorted.
    pub members: Vec<SentenceRef>,
    /// The member whose wording best represents the group (most similar to the others).
    pub representative: SentenceRef,
}

/// The sentences of a story's articles as read for comparison, each distinct reading once.
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    /// The distinct readings, in order of first occurrence.
    readings: Vec<Sentence>,
    /// Per article, per sentence: its reading.
    of: Vec<Vec<usize>>,
}

impl Sentences {
    /// How one sentence reads.
    pub fn get(&self, (a, i): SentenceRef) -> &Sentence {
        &self.readings[self.of[a][i]]
    }

    /// One distinct reading, by its index.
    pub fn get_reading(&self, reading: usize) -> &Sentence {
        &self.readings[reading]
    }

    /// The index of a sentence's reading: equal for sentences that read alike.
    pub fn reading(&self, (a, i): SentenceRef) -> usize {
        self.of[a][i]
    }

    /// The number of distinct readings.
    pub fn distinct(&self) -> usize {
        self.readings.len()
    }

    /// The readings of one article's sentences, in order.
    pub fn of_article(&self, a: usize) -> impl Iterator<Item = &Sentence> {
        self.of[a].iter().map(|&r| &self.readings[r])
    }

    /// The distinct readings of one article's sentences, sorted.
    pub fn distinct_of_article(&self, a: usize) -> Vec<usize> {
        let mut readings = self.of[a].clone();
        readings.sort_unstable();
        readings.dedup();
        readings
    }

    /// The number of articles.
    pub fn articles(&self) -> usize {
        self.of.len()
    }
}

/// Every sentence of every article, read for comparison: each distinct text is read once, and
/// texts that read alike share one reading.
pub fn read_sentences(articles: &[&Article]) -> Sentences {
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    let mut distinct: Vec<&str> = Vec::new();
    let of_text: Vec<Vec<usize>> = articles
        .iter()
        .map(|a| {
            (0..a.sentences.len())
                .map(|i| {
                    let text = a.sentence(i);
                    *by_text.entry(text).or_insert_with(|| {
                        distinct.push(text);
                        distinct.len() - 1
                    })
                })
                .collect()
        })
        .collect();
    // Reading is most of the cost of a large story's repeated text: done on the caller's
    // threads.
    let texts: Vec<Sentence> = distinct.par_iter().map(|t| Sentence::new(t)).collect();
    // Texts that read alike (they differ in nothing the comparison sees) become one reading.
    let mut by_reading: HashMap<&Sentence, usize> = HashMap::new();
    let mut first: Vec<usize> = Vec::new();
    let reading_of: Vec<usize> = texts
        .iter()
        .enumerate()
        .map(|(t, s)| {
            *by_reading.entry(s).or_insert_with(|| {
                first.push(t);
                first.len() - 1
            })
        })
        .collect();
    drop(by_reading);
    let mut keep = vec![false; texts.len()];
    for &t in &first {
        keep[t] = true;
    }
    let readings = texts
        .into_iter()
        .zip(keep)
        .filter_map(|(s, k)| k.then_some(s))
        .collect();
    let of = of_text
        .into_iter()
        .map(|ts| ts.into_iter().map(|t| reading_of[t]).collect())
        .collect();
    Sentences { readings, of }
}

/// The occurrences of one reading in one article.
struct Cell {
    reading: usize,
    article: usize,
}

/// True for a sentence that is a fragment rather than a statement on its own: its first word is
/// in lower case, it opens with a closing mark or a stop (`,`, `;`, `)`, `”`), or its quotation
/// marks do not balance, so it begins inside a quotation an earlier sentence opened (`The audit
/// will begin next week.”`) or leaves one open for the next (`said in a statement: “Our
/// thoughts are with the families.`). The sentence splitter rightly ends sentences inside a
/// quotation (ECB+ does: 644 of its 8,618 gold sentences begin inside one), so such sentences
/// exist; a fragment states no fact by itself: it counts as a source of the fact it tells (the
/// copy that cut a quotation differently still carries it), but it is never the wording of a
/// fact, a brief sentence or a dated fact, and fragments alone make no fact. The quotation it
/// belongs to is still a quote.
pub fn is_fragment(sentence: &str) -> bool {
    let text = sentence.trim();
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first_word.chars().next().is_some_and(char::is_lowercase)
        && first_word.chars().all(|c| !c.is_uppercase())
    {
        return true;
    }
    if text.starts_with(['”', '’', '»', ')', ']', ',', ';', ':', '.']) {
        return true;
    }
    crate::quotes::quoted(text)
        .iter()
        .any(|(_, part)| *part != crate::quotes::Part::Whole)
}

/// Group the sentences of a story's articles (given as read by [`read_sentences`]) into facts.
/// Every sentence with enough content belongs to exactly one group, except that a group of
/// fragments only ([`is_fragment`]) is dropped; a fragment is never a group's representative.
/// Groups are sorted by their first member.
pub fn align(sentences: &Sentences) -> Vec<FactGroup> {
    let refs: Vec<SentenceRef> = (0..sentences.articles())
        .flat_map(|a| {
            sentences
                .of_article(a)
                .enumerate()
                .filter(|(_, s)| s.content.len() >= MIN_STEMS)
                .map(move |(i, _)| (a, i))
        })
        .collect();
    let (cells, cell_of) = cells(sentences, &refs);
    let mut cells_of: HashMap<usize, Vec<usize>> = HashMap::new();
    for (c, cell) in cells.iter().enumerate() {
        cells_of.entry(cell.reading).or_default().push(c);
    }
    let mut linked = Links {
        cells: &cells,
        union: UnionFind::new(cells.len()),
        linked: vec![false; cells.len()],
        size: vec![1; cells.len()],
    };
    let weights = compare(sentences, &refs, &cells_of, &mut linked);

    // Occurrences of a cell no pair joined stay alone (they are not compared with each other).
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of_root: HashMap<usize, usize> = HashMap::new();
    for (k, &c) in cell_of.iter().enumerate() {
        if !linked.linked[c] {
            groups.push(vec![k]);
            continue;
        }
        let root = linked.union.find(c);
        let g = *group_of_root.entry(root).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[g].push(k);
    }
    let weight = |x: usize, y: usize| -> f64 {
        let (r, s) = (cells[cell_of[x]].reading, cells[cell_of[y]].reading);
        weights.get(&(r.min(s), r.max(s))).copied().unwrap_or(0.0)
    };
    // A fragment is a member of the fact it tells, never its wording: a group of fragments
    // only is no fact.
    let whole = |k: &usize| !sentences.get(refs[*k]).fragment;
    groups
        .into_iter()
        .filter(|ks| ks.iter().any(whole))
        .map(|ks| {
            // A member's score is the sum of its similarities to the members of other articles
            // (all the pairs of occurrences that were judged the same), added in member order.
            // Members of one cell score alike, so the first of each cell stands for it.
            let score = |k: usize| -> f64 {
                ks.iter()
                    .map(|&o| {
                        if refs[o].0 == refs[k].0 {
                            0.0
                        } else {
                            weight(k, o)
                        }
                    })
                    .sum()
            };
            let mut seen: BTreeSet<usize> = BTreeSet::new();
            let best = if ks.len() < SETTLED_FACT as usize {
                ks.iter()
                    .copied()
                    .filter(|&k| seen.insert(cell_of[k]) && whole(&k))
                    .map(|k| (score(k), k))
                    .max_by(|x, y| x.0.total_cmp(&y.0).then(y.1.cmp(&x.1)))
                    .map_or(ks[0], |(_, k)| k)
            } else {
                // A large fact was not compared pair by pair to the end: its wording is the one
                // most of its occurrences print (the first of those, on a tie).
                let mut carried: HashMap<usize, usize> = HashMap::new();
                for &k in &ks {
                    *carried.entry(cells[cell_of[k]].reading).or_default() += 1;
                }
                ks.iter()
                    .copied()
                    .filter(|k| whole(k))
                    .map(|k| (carried[&cells[cell_of[k]].reading], k))
                    .max_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)))
                    .map_or(ks[0], |(_, k)| k)
            };
            FactGroup {
                members: ks.iter().map(|&k| refs[k]).collect(),
                representative: refs[best],
            }
        })
        .collect()
}

/// The cells of the occurrences (in order of their first member) and each occurrence's cell.
fn cells(sentences: &Sentences, refs: &[SentenceRef]) -> (Vec<Cell>, Vec<usize>) {
    let mut index: HashMap<(usize, usize), usize> = HashMap::new();
    let mut cells: Vec<Cell> = Vec::new();
    let cell_of = refs
        .iter()
        .map(|&r| {
            let reading = sentences.reading(r);
            *index.entry((reading, r.0)).or_insert_with(|| {
                cells.push(Cell {
                    reading,
                    article: r.0,
                });
                cells.len() - 1
            })
        })
        .collect();
    (cells, cell_of)
}

/// The cells joined so far, and which cells some pair joined at all.
struct Links<'c> {
    cells: &'c [Cell],
    union: UnionFind,
    linked: Vec<bool>,
    /// Cells in each set, by its root.
    size: Vec<u32>,
}

impl Links<'_> {
    /// Join what comparing every occurrence in `xs` with every occurrence in `ys` of another
    /// article would join (the cells of each list are of one reading, one per article). Cells
    /// of an article that only the other list's article holds meet no one; the others form one
    /// group, except when both lists hold the same two articles, which pair crosswise.
    fn join_across(&mut self, xs: &[usize], ys: &[usize]) {
        let cells = self.cells;
        let article = |c: &usize| cells[*c].article;
        let (ax, ay): (Vec<usize>, Vec<usize>) = (
            xs.iter().map(article).collect(),
            ys.iter().map(article).collect(),
        );
        if ax.len() == 2 && ax == ay {
            self.join(xs[0], ys[1]);
            self.join(xs[1], ys[0]);
            return;
        }
        let meets = |a: usize, others: &[usize]| others.iter().any(|&b| b != a);
        let live: Vec<usize> = xs
            .iter()
            .zip(&ax)
            .filter(|(_, a)| meets(**a, &ay))
            .chain(ys.iter().zip(&ay).filter(|(_, a)| meets(**a, &ax)))
            .map(|(&c, _)| c)
            .collect();
        for &c in &live {
            self.join(live[0], c);
        }
    }

    /// True when every cell of `xs` and `ys` is already in one set of at least [`SETTLED_FACT`]
    /// cells: joining them would change nothing.
    fn settled(&mut self, xs: &[usize], ys: &[usize]) -> bool {
        let root = self.union.find(xs[0]);
        self.size[root] >= SETTLED_FACT && xs.iter().chain(ys).all(|&c| self.union.find(c) == root)
    }

    /// Join two cells.
    fn join(&mut self, x: usize, y: usize) {
        let (rx, ry) = (self.union.find(x), self.union.find(y));
        if rx != ry {
            self.size[rx.min(ry)] = self.size[rx] + self.size[ry];
        }
        self.union.join(x, y);
        self.linked[x] = true;
        self.linked[y] = true;
    }
}

/// Compare the readings that share enough stems and occur in different articles; join the
/// cells of those that state the same fact. Returns the similarity of each such pair of
/// readings.
fn compare(
    sentences: &Sentences,
    refs: &[SentenceRef],
    cells_of: &HashMap<usize, Vec<usize>>,
    links: &mut Links,
) -> HashMap<(usize, usize), f64> {
    // In how many sentences (occurrences) of the story each stem stands: rare ones are few.
    let mut frequency: HashMap<u64, usize> = HashMap::new();
    for &r in refs {
        for &stem in sentences.get(r).content_ids() {
            *frequency.entry(stem).or_default() += 1;
        }
    }
    let mut readings: Vec<usize> = cells_of.keys().copied().collect();
    readings.sort_unstable();
    let read = |p: usize| &sentences.readings[readings[p]];
    // The cells of each reading, by position, and the article of a reading only one holds.
    let cells: Vec<&[usize]> = readings.iter().map(|d| cells_of[d].as_slice()).collect();
    let one_article: Vec<Option<usize>> = cells
        .iter()
        .map(|c| (c.len() == 1).then(|| links.cells[c[0]].article))
        .collect();
    // The model's word on a close pair of readings (by position).
    let verdict = |&(p, q, shared): &(u32, u32, Shared)| -> f64 {
        let sim = same_fact_probability(read(p as usize), read(q as usize));
        // Sentences that share two of the story's rare stems and half their content are
        // the same fact told differently, unless the model firmly says no.
        if shared.rare as usize >= RARE_SHARED
            && sim >= RARE_FLOOR
            && shared.share() >= RARE_CONTAINED
        {
            sim.max(SAME)
        } else {
            sim
        }
    };
    let mut weights: HashMap<(usize, usize), f64> = HashMap::new();
    // Judge pairs in order: the model's verdicts are reached on the caller's threads, then
    // applied one by one, each pair still `wanted` when its turn comes (what `wanted` rules out
    // stays ruled out as facts grow, so the result is that of judging one pair at a time).
    let mut judge = |links: &mut Links,
                     pairs: &[(u32, u32, Shared)],
                     wanted: &dyn Fn(&mut Links, usize, usize) -> bool| {
        let pairs: Vec<(u32, u32, Shared)> = pairs
            .iter()
            .copied()
            .filter(|&(p, q, _)| wanted(links, p as usize, q as usize))
            .collect();
        let sims: Vec<f64> = pairs.par_iter().map(verdict).collect();
        for (&(p, q, _), sim) in pairs.iter().zip(sims) {
            let (p, q) = (p as usize, q as usize);
            if sim >= SAME && wanted(links, p, q) {
                weights.insert((readings[p], readings[q]), sim);
                links.join_across(cells[p], cells[q]);
            }
        }
    };
    // A pair whose occurrences all stand in one large fact already would join nothing: the
    // model's word would only weigh the choice of its wording. Skipped, so that a sentence 500
    // copies carry in 500 slightly edited readings costs about its readings, not their square.
    let unsettled = |links: &mut Links, p: usize, q: usize| !links.settled(cells[p], cells[q]);
    let items: Vec<&[u64]> = (0..readings.len()).map(|p| read(p).content_ids()).collect();
    let index = Index::new(&items, |stem| frequency[&stem] <= RARE);
    // Occurrences of one article only are never compared.
    let apart = |p: usize, q: usize| one_article[p].is_some_and(|a| one_article[q] == Some(a));
    // Loosely close pairs (see [`LOOSE_SHARE`]), judged after the others.
    let mut loose: Vec<(u32, u32, Shared)> = Vec::new();
    for first in (0..readings.len()).step_by(CHUNK) {
        let lists: Vec<Vec<(u32, Shared)>> = (first..readings.len().min(first + CHUNK))
            .into_par_iter()
            // A scratch is as long as the story: made once per thread's share, not per item.
            .with_min_len(CHUNK / 8)
            .map_init(Scratch::default, |scratch, p| {
                index.close_to(p, MIN_SHARED, apart, scratch)
            })
            .collect();
        let mut close = Vec::new();
        for (p, list) in (first..).zip(lists) {
            for (q, shared) in list {
                let pair = (p as u32, q, shared);
                if shared.share() >= LOOSE_SHARE {
                    close.push(pair);
                } else {
                    loose.push(pair);
                }
            }
        }
        judge(links, &close, &unsettled);
    }
    // A loosely close pair is judged only while one of its readings has joined no fact: one
    // paraphrase in other words is how a sentence finds its fact, but two facts gathered
    // already are not merged on so little shared wording.
    let unplaced = |links: &mut Links, p: usize, q: usize| {
        let placed = |r: usize| cells[r].iter().any(|&c| links.linked[c]);
        let both_placed = placed(p) && placed(q);
        !both_placed && !links.settled(cells[p], cells[q])
    };
    for part in loose.chunks(CHUNK * 64) {
        judge(links, part, &unplaced);
    }
    weights
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, HashMap};

    use newsfold_core::{Article, UnionFind};

    use super::{
        FactGroup, RARE, RARE_CONTAINED, RARE_FLOOR, RARE_SHARED, SentenceRef, Sentences, align,
        read_sentences,
    };
    use crate::similarity::{MIN_SHARED, MIN_STEMS, SAME, same_fact_probability};

    /// Sentences that state a few facts, two of them in two wordings.
    const POOL: &[&str] = &[
        "The ferry sank off Keldport on Monday with 43 people aboard.",
        "A ferry sank off Keldport on Monday, with 43 people on board.",
        "The mayor of Keldport opened the new ferry terminal on Friday.",
        "Keldport's mayor opened a new ferry terminal on Friday morning.",
        "Rescuers pulled 40 survivors from the cold water near the harbour.",
        "The harbour master said the weather had been calm all week.",
        "Short one.",
        // Fragments: a quotation's end, and one left open.
        "The ferry sank off Keldport on Monday with 43 people aboard.”",
        "The harbour master said: “The weather had been calm all week.",
    ];

    fn article(body: &[&str]) -> Article {
        let text = body.join(" ");
        Article {
            sentences: newsfold_text::sentences(&text),
            text,
            ..Article::default()
        }
    }

    /// The grouping as it was before readings: every pair of occurrences of different articles
    /// compared, the representative scored over all of them.
    fn every_pair(sentences: &Sentences) -> Vec<(Vec<SentenceRef>, SentenceRef)> {
        let refs: Vec<SentenceRef> = (0..sentences.articles())
            .flat_map(|a| {
                sentences
                    .of_article(a)
                    .enumerate()
                    .filter(|(_, s)| s.content.len() >= MIN_STEMS)
                    .map(move |(i, _)| (a, i))
                    .collect::<Vec<_>>()
            })
            .collect();
        let mut frequency: HashMap<&str, usize> = HashMap::new();
        for &r in &refs {
            for stem in &sentences.get(r).content {
                *frequency.entry(stem.as_str()).or_default() += 1;
            }
        }
        let mut same = UnionFind::new(refs.len());
        let mut sims: HashMap<(usize, usize), f64> = HashMap::new();
        for k in 0..refs.len() {
            for other in k + 1..refs.len() {
                if refs[k].0 == refs[other].0 {
                    continue;
                }
                let (x, y) = (sentences.get(refs[k]), sentences.get(refs[other]));
                let shared: Vec<&String> = x.content.intersection(&y.content).collect();
                let rare = shared
                    .iter()
                    .filter(|s| frequency[s.as_str()] <= RARE)
                    .count();
                let smaller = x.content.len().min(y.content.len());
                if shared.is_empty() || (shared.len() as f64) < MIN_SHARED * smaller as f64 {
                    continue;
                }
                let mut sim = same_fact_probability(x, y);
                if rare >= RARE_SHARED
                    && sim >= RARE_FLOOR
                    && (shared.len() as f64) >= RARE_CONTAINED * smaller as f64
                {
                    sim = sim.max(SAME);
                }
                if sim >= SAME {
                    sims.insert((k, other), sim);
                    same.join(k, other);
                }
            }
        }
        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for k in 0..refs.len() {
            groups.entry(same.find(k)).or_default().push(k);
        }
        let whole = |k: &usize| !sentences.get(refs[*k]).fragment;
        groups
            .into_values()
            .filter(|ks| ks.iter().any(whole))
            .map(|ks| {
                let score = |k: usize| -> f64 {
                    ks.iter()
                        .map(|&o| sims.get(&(k.min(o), k.max(o))).copied().unwrap_or(0.0))
                        .sum()
                };
                let best = ks
                    .iter()
                    .copied()
                    .filter(whole)
                    .max_by(|&x, &y| score(x).total_cmp(&score(y)).then(y.cmp(&x)))
                    .unwrap_or(ks[0]);
                (ks.iter().map(|&k| refs[k]).collect(), refs[best])
            })
            .collect()
    }

    fn shape(groups: &[FactGroup]) -> Vec<(Vec<SentenceRef>, SentenceRef)> {
        groups
            .iter()
            .map(|g| (g.members.clone(), g.representative))
            .collect()
    }

    #[test]
    fn readings_group_as_every_pair_of_occurrences_does() {
        // Stories of 1 to 4 articles, each of 1 to 8 sentences drawn from the pool with
        // repeats, from a fixed pseudo-random sequence: repeats within an article, across two
        // articles only (where cells pair crosswise), and across three or more.
        let mut seed: u64 = 17;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for _ in 0..300 {
            let n = 1 + next(4);
            let articles: Vec<Article> = (0..n)
                .map(|_| {
                    let len = 1 + next(8);
                    let body: Vec<&str> = (0..len).map(|_| POOL[next(POOL.len())]).collect();
                    article(&body)
                })
                .collect();
            let refs: Vec<&Article> = articles.iter().collect();
            let sentences = read_sentences(&refs);
            assert_eq!(
                shape(&align(&sentences)),
                every_pair(&sentences),
                "{:?}",
                articles.iter().map(|a| &a.text).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_repeated_sentence_is_read_once() {
        let one = POOL[0];
        let a = article(&[one; 300]);
        let b = article(&[one, POOL[4], one]);
        let sentences = read_sentences(&[&a, &b]);
        assert_eq!(a.sentences.len(), 300);
        assert_eq!(sentences.distinct(), 2);
        let groups = align(&sentences);
        assert_eq!(groups.len(), 2, "one fact in both articles, one in b alone");
        assert_eq!(groups[0].members.len(), 302);
        // A fact of SETTLED_FACT occurrences or more is worded as most of them print it: one
        // reading here, its first occurrence.
        assert_eq!(groups[0].representative, (0, 0));

        // Below SETTLED_FACT, the wording most like the others': b's first occurrence is like
        // the 20 of a; each of a's is like b's two.
        let a = article(&[one; 20]);
        let sentences = read_sentences(&[&a, &b]);
        let groups = align(&sentences);
        assert_eq!(groups[0].members.len(), 22);
        assert_eq!(groups[0].representative, (1, 0));
    }
}
