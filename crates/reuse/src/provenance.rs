//! Sentence provenance: the origin of every sentence of every article.
//!
//! Article-level origins ([`crate::origins`]) say which articles go back to one piece of
//! reporting; they cannot say that a rewrite's third sentence was taken from a wire story while
//! the rest is its own. Provenance does: a sentence's origin is its article's origin, unless
//! the sentence lies in a verified reused passage (a `duplicate`, `copy` or `partial` relation;
//! quotation never counts), in which case it is the origin of the source's sentence it was
//! taken from, followed back to the first source. A wholly copied article's sentences all have
//! its origin (it is its source's), so provenance never disagrees with article origins there.
//!
//! Articles are resolved sources first (a topological order of the relations, smallest index
//! first among the ready ones, so the result depends on neither threads nor input order beyond
//! the articles' own order); a cycle of relations, which direction rules should never make, is
//! broken by resolving what is left in index order with the sources already known.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use newsfold_core::{Article, Origin, Passage, Reuse, ReuseKind, Span, Taken};
use rayon::prelude::*;

/// Share of a sentence's bytes that a reused passage must cover for the sentence to count as
/// taken from the source. Half: the sentence aligner's passages end at word boundaries and
/// lightly edited sentences are split into several passages, so a taken sentence is rarely
/// covered whole, while a sentence of the copy's own that shares a phrase is covered far less.
pub const TAKEN_SHARE: f64 = 0.5;

/// The sentences of every article whose origin is not the article's own: `out[a]` lists those
/// of `articles[a]` ([`Taken`]: the sentence, its origin, the article it was taken from), by
/// sentence index. Articles missing from `origins` are their own origin (their id).
pub fn taken(articles: &[Article], reuse: &[Reuse], origins: &[Origin]) -> Vec<Vec<Taken>> {
    let (names, resolved) = resolve(articles, reuse, origins);
    resolved
        .into_iter()
        .enumerate()
        .map(|(a, sentences)| {
            let own = sentences.own;
            sentences
                .origin
                .iter()
                .zip(&sentences.from)
                .enumerate()
                .filter(|&(_, (&o, _))| o != own)
                .map(|(k, (&o, &from))| Taken {
                    sentence: k,
                    origin: names[o as usize].clone(),
                    from: articles[from.unwrap_or(a as u32) as usize].id.clone(),
                })
                .collect()
        })
        .collect()
}

/// The origin id of every sentence of every article: `out[a][s]` is the origin of sentence `s`
/// of `articles[a]`. Articles missing from `origins` are their own origin (their id).
pub fn sentence_origins(
    articles: &[Article],
    reuse: &[Reuse],
    origins: &[Origin],
) -> Vec<Vec<String>> {
    let (names, resolved) = resolve(articles, reuse, origins);
    resolved
        .into_iter()
        .map(|s| {
            s.origin
                .iter()
                .map(|&o| names[o as usize].clone())
                .collect()
        })
        .collect()
}

/// One article's sentences resolved: the article's own origin, each sentence's origin, and
/// the article each taken sentence came from directly. Origins are indexes into the names
/// [`resolve`] returns.
#[derive(Debug, Clone, Default)]
struct Resolved {
    own: u32,
    origin: Vec<u32>,
    from: Vec<Option<u32>>,
}

/// Every article's sentences resolved, with the origin names their indexes point to.
fn resolve(
    articles: &[Article],
    reuse: &[Reuse],
    origins: &[Origin],
) -> (Vec<String>, Vec<Resolved>) {
    let index: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut names: Vec<String> = origins.iter().map(|o| o.id.clone()).collect();
    let mut own_of: Vec<Option<u32>> = vec![None; articles.len()];
    for (k, o) in origins.iter().enumerate() {
        for a in &o.articles {
            if let Some(&i) = index.get(a.as_str()) {
                own_of[i] = Some(k as u32);
            }
        }
    }
    let own_of: Vec<u32> = own_of
        .into_iter()
        .enumerate()
        .map(|(i, o)| {
            o.unwrap_or_else(|| {
                names.push(articles[i].id.clone());
                (names.len() - 1) as u32
            })
        })
        .collect();
    // Each article's incoming relations, strongest first, as (source index, relation).
    let mut incoming: Vec<Vec<(usize, &Reuse)>> = vec![Vec::new(); articles.len()];
    for r in reuse.iter().filter(|r| r.kind != ReuseKind::Quotes) {
        if let (Some(&s), Some(&c)) = (index.get(r.source.as_str()), index.get(r.copy.as_str()))
            && s != c
        {
            incoming[c].push((s, r));
        }
    }
    for list in &mut incoming {
        list.sort_by(|(s1, r1), (s2, r2)| r2.coverage.total_cmp(&r1.coverage).then(s1.cmp(s2)));
    }
    let held = held_by_own_origin(articles, reuse, &index, &own_of);
    let stems = rewording_stems(articles, &incoming, &own_of);
    let mut resolved: Vec<Option<Resolved>> = vec![None; articles.len()];
    for a in resolution_order(&incoming) {
        let n = articles[a].sentences.len();
        let mut sentences = Resolved {
            own: own_of[a],
            origin: vec![own_of[a]; n],
            from: vec![None; n],
        };
        for &(s, r) in &incoming[a] {
            let Some(source) = resolved[s].as_ref() else {
                continue; // a cycle: the source is not known yet
            };
            let foreign = own_of[s] != own_of[a];
            let spans = &articles[a].sentences;
            for p in r.passages.iter().filter(|p| !p.quote) {
                // Only the sentences the passage overlaps (sentences are in text order).
                let first = spans.partition_point(|s| s.end <= p.copy.start);
                for (k, sentence) in spans.iter().enumerate().skip(first) {
                    if sentence.start >= p.copy.end {
                        break;
                    }
                    if sentences.from[k].is_some()
                        || covered(*sentence, p.copy) < TAKEN_SHARE
                        || (foreign && held[a].binary_search(&k).is_ok())
                    {
                        continue;
                    }
                    if let Some(j) = source_sentence(&articles[s], *sentence, p) {
                        sentences.origin[k] = source.origin[j];
                        sentences.from[k] = Some(s as u32);
                    }
                }
            }
        }
        for &k in &held[a] {
            // Held by the article's own origin: no source of another origin explains it.
            if sentences.from[k].is_none() {
                sentences.from[k] = Some(a as u32);
            }
        }
        reworded(&stems, a, &incoming[a], &resolved, &mut sentences);
        for &k in &held[a] {
            if sentences.from[k] == Some(a as u32) {
                sentences.from[k] = None;
            }
        }
        resolved[a] = Some(sentences);
    }
    let resolved = resolved
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect();
    (names, resolved)
}

/// The sentences of each article (sorted indexes) that lie in a passage it shares with a source
/// of its own origin (or with an article of its own origin when the direction is
/// undetermined). The origin carries them by itself, so a source of another origin does not
/// explain them: a copy of a wire story shares its sentences with a roundup that pasted part
/// of the wire, and the copy, though dated after the roundup, took them from the wire. What
/// the article's own copies hold says nothing of where the article got it.
fn held_by_own_origin(
    articles: &[Article],
    reuse: &[Reuse],
    index: &BTreeMap<&str, usize>,
    own_of: &[u32],
) -> Vec<Vec<usize>> {
    let mut held: Vec<Vec<usize>> = vec![Vec::new(); articles.len()];
    for r in reuse.iter().filter(|r| r.kind != ReuseKind::Quotes) {
        let (Some(&s), Some(&c)) = (index.get(r.source.as_str()), index.get(r.copy.as_str()))
        else {
            continue;
        };
        if s == c || own_of[s] != own_of[c] {
            continue;
        }
        let undetermined = r.direction == crate::UNDETERMINED;
        for p in r.passages.iter().filter(|p| !p.quote) {
            let sides = [(c, p.copy, true), (s, p.source, undetermined)];
            for (a, span, _) in sides.into_iter().filter(|side| side.2) {
                let spans = &articles[a].sentences;
                let first = spans.partition_point(|x| x.end <= span.start);
                for (k, sentence) in spans.iter().enumerate().skip(first) {
                    if sentence.start >= span.end {
                        break;
                    }
                    if covered(*sentence, span) >= TAKEN_SHARE {
                        held[a].push(k);
                    }
                }
            }
        }
    }
    for list in &mut held {
        list.sort_unstable();
        list.dedup();
    }
    held
}

/// Share of their content words two sentences must have in common (Jaccard) for a sentence of
/// an article to count as a rewording of a sentence of its verified source. A rewrite that
/// keeps a wire's facts rewords whole sentences ("The last two carriages ... came to rest on
/// the riverbank" becomes "The final two carriages ... ended up on the riverbank"): such pairs
/// keep the names, numbers and most nouns, about 0.4 of the union, where the aligner's bar for
/// a passage is 0.5. Only sentences of articles with a verified relation are compared, so two
/// outlets that report one event independently are never read as rewording each other.
pub const REWORDED: f64 = 0.35;
/// ...and at least this many content words in common, so that short sentences ("Police said
/// the road was closed.") are not read as taken.
pub const REWORDED_WORDS: usize = 5;

/// The content stems of each sentence (hashed, sorted, distinct) of the articles a rewording
/// can be looked for in: both sides of every relation between articles of different origins.
/// `None` for the others. Read once per article, in parallel, before the resolution (which
/// goes article by article, sources first).
fn rewording_stems(
    articles: &[Article],
    incoming: &[Vec<(usize, &Reuse)>],
    own_of: &[u32],
) -> Vec<Option<Vec<Vec<u64>>>> {
    let mut wanted = vec![false; articles.len()];
    for (a, list) in incoming.iter().enumerate() {
        for &(s, _) in list.iter().filter(|(s, _)| own_of[*s] != own_of[a]) {
            wanted[a] = true;
            wanted[s] = true;
        }
    }
    articles
        .par_iter()
        .zip(wanted)
        .map(|(article, wanted)| {
            wanted.then(|| {
                (0..article.sentences.len())
                    .map(|i| {
                        let mut stems: Vec<u64> = newsfold_text::content_stems(article.sentence(i))
                            .iter()
                            .map(|stem| fnv(stem.as_bytes()))
                            .collect();
                        stems.sort_unstable();
                        stems.dedup();
                        stems
                    })
                    .collect()
            })
        })
        .collect()
}

/// FNV-1a of some bytes: a stem as a number.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Sentences of article `a` not taken through a passage that reword a sentence of one of its
/// sources (`incoming`, strongest first): each takes that sentence's origin. `stems` are those
/// of [`rewording_stems`].
fn reworded(
    stems: &[Option<Vec<Vec<u64>>>],
    a: usize,
    incoming: &[(usize, &Reuse)],
    resolved: &[Option<Resolved>],
    sentences: &mut Resolved,
) {
    // Only a source of another origin can give a sentence another origin (a copy's sentences
    // have its source's origin already): most relations, those between copies, cost nothing.
    for &(s, _) in incoming {
        let Some(source) = resolved[s].as_ref().filter(|r| r.own != sentences.own) else {
            continue;
        };
        if sentences.from.iter().all(Option::is_some) {
            return;
        }
        let (Some(own), Some(theirs)) = (&stems[a], &stems[s]) else {
            continue;
        };
        for (k, mine) in own.iter().enumerate() {
            if sentences.from[k].is_some() || mine.len() < REWORDED_WORDS {
                continue;
            }
            let best = theirs
                .iter()
                .enumerate()
                .map(|(j, t)| (newsfold_text::shared_count(mine, t), j, t.len()))
                .filter(|&(n, _, len)| {
                    n >= REWORDED_WORDS && n as f64 / (mine.len() + len - n) as f64 >= REWORDED
                })
                .max_by_key(|&(n, j, _)| (n, std::cmp::Reverse(j)));
            if let Some((_, j, _)) = best {
                sentences.origin[k] = source.origin[j];
                sentences.from[k] = Some(s as u32);
            }
        }
    }
}

/// The articles in an order that puts every source before its copies: ready articles smallest
/// index first, then, if relations form a cycle, the rest in index order.
fn resolution_order(incoming: &[Vec<(usize, &Reuse)>]) -> Vec<usize> {
    let n = incoming.len();
    let mut waiting: Vec<usize> = incoming.iter().map(Vec::len).collect();
    let mut copies: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (c, list) in incoming.iter().enumerate() {
        for &(s, _) in list {
            copies[s].push(c);
        }
    }
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..n).filter(|&a| waiting[a] == 0).map(Reverse).collect();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    loop {
        while let Some(Reverse(a)) = ready.pop() {
            if done[a] {
                continue;
            }
            done[a] = true;
            order.push(a);
            for &c in &copies[a] {
                waiting[c] = waiting[c].saturating_sub(1);
                if waiting[c] == 0 && !done[c] {
                    ready.push(Reverse(c));
                }
            }
        }
        // What is left waits on a cycle: take its smallest article as if ready.
        match (0..n).find(|&a| !done[a]) {
            Some(a) => ready.push(Reverse(a)),
            None => return order,
        }
    }
}

/// The share of `sentence`'s bytes that `passage` covers.
fn covered(sentence: Span, passage: Span) -> f64 {
    let start = sentence.start.max(passage.start);
    let end = sentence.end.min(passage.end);
    let len = sentence.end.saturating_sub(sentence.start).max(1);
    f64::from(end.saturating_sub(start)) / f64::from(len)
}

/// The sentence of `source` that the copy's `sentence` was taken from through `passage`: the
/// one holding the point of the source's span that corresponds to the middle of the part of
/// `sentence` the passage covers (offsets scaled by the two spans' lengths, which differ when
/// the passage was lightly edited).
fn source_sentence(source: &Article, sentence: Span, passage: &Passage) -> Option<usize> {
    let start = sentence.start.max(passage.copy.start);
    let end = sentence.end.min(passage.copy.end);
    let middle = f64::from(start + end) / 2.0 - f64::from(passage.copy.start);
    let copy_len = f64::from(passage.copy.end.saturating_sub(passage.copy.start).max(1));
    let source_len = f64::from(passage.source.end.saturating_sub(passage.source.start));
    let at = passage.source.start + (middle / copy_len * source_len) as u32;
    let at = at
        .min(passage.source.end.saturating_sub(1))
        .max(passage.source.start);
    let i = source.sentences.partition_point(|s| s.end <= at);
    source.sentences.get(i).filter(|s| s.start <= at).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article of `sentences`, joined by spaces, with their spans.
    fn article(id: &str, sentences: &[&str]) -> Article {
        let mut text = String::new();
        let mut spans = Vec::new();
        for s in sentences {
            if !text.is_empty() {
                text.push(' ');
            }
            spans.push(Span::new(text.len(), text.len() + s.len()));
            text.push_str(s);
        }
        Article {
            id: id.to_owned(),
            text,
            sentences: spans,
            ..Article::default()
        }
    }

    /// A relation whose passages are the given sentences of `source`, found at the given
    /// sentences of `copy`.
    fn taken(
        source: &Article,
        copy: &Article,
        pairs: &[(usize, usize)],
        kind: ReuseKind,
        coverage: f64,
    ) -> Reuse {
        Reuse {
            source: source.id.clone(),
            copy: copy.id.clone(),
            kind,
            coverage,
            direction: "earlier date".to_owned(),
            passages: pairs
                .iter()
                .map(|&(s, c)| Passage {
                    source: source.sentences[s],
                    copy: copy.sentences[c],
                    quote: false,
                })
                .collect(),
        }
    }

    fn origin(id: &str, articles: &[&str]) -> Origin {
        Origin {
            id: id.to_owned(),
            root: articles[0].to_owned(),
            articles: articles.iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    #[test]
    fn a_passage_taken_by_a_rewrite_keeps_the_wire_origin_through_a_copy_of_the_rewrite() {
        let wire = article(
            "wire",
            &[
                "A bridge collapsed in Keldport on Tuesday evening.",
                "Forty-three people were injured.",
                "The ministry ordered inspections of every bridge of the design.",
            ],
        );
        let rewrite = article(
            "rewrite",
            &[
                "Residents say the bridge was neglected for years.",
                "Forty-three people were injured.",
                "Council records show complaints about rust since 2015.",
            ],
        );
        let reprint = article(
            "reprint",
            &[
                "Residents say the bridge was neglected for years.",
                "Forty-three people were injured.",
                "Council records show complaints about rust since 2015.",
            ],
        );
        let reuse = [
            taken(&wire, &rewrite, &[(1, 1)], ReuseKind::Partial, 0.2),
            taken(
                &rewrite,
                &reprint,
                &[(0, 0), (1, 1), (2, 2)],
                ReuseKind::Duplicate,
                1.0,
            ),
        ];
        let origins = [
            origin("o-wire", &["wire"]),
            origin("o-rewrite", &["reprint", "rewrite"]),
        ];
        // Input order does not matter: the reprint comes first here.
        let articles = [reprint, wire, rewrite];
        let got = sentence_origins(&articles, &reuse, &origins);
        assert_eq!(got[1], ["o-wire"; 3]);
        assert_eq!(got[2], ["o-rewrite", "o-wire", "o-rewrite"]);
        assert_eq!(
            got[0],
            ["o-rewrite", "o-wire", "o-rewrite"],
            "followed back to the wire"
        );
    }

    #[test]
    fn quotation_and_slight_overlap_take_nothing() {
        let a = article(
            "a",
            &["The Kremlin said the talks were constructive and would go on."],
        );
        let b = article(
            "b",
            &[
                "Moscow called the talks constructive, officials in Kyiv disagreed sharply on Monday.",
            ],
        );
        let mut quoted = taken(&a, &b, &[(0, 0)], ReuseKind::Quotes, 0.3);
        quoted.passages[0].quote = true;
        let mut phrase = taken(&a, &b, &[(0, 0)], ReuseKind::Partial, 0.1);
        // A passage of a few words only: under half of b's sentence.
        phrase.passages[0].copy = Span::new(0, 20);
        phrase.passages[0].source = Span::new(0, 20);
        let origins = [origin("o-a", &["a"]), origin("o-b", &["b"])];
        let got = sentence_origins(&[a.clone(), b.clone()], &[quoted], &origins);
        assert_eq!(got[1], ["o-b"]);
        let got = sentence_origins(&[a, b], &[phrase], &origins);
        assert_eq!(got[1], ["o-b"]);
    }

    #[test]
    fn a_copy_keeps_what_its_own_source_holds_though_a_roundup_is_dated_earlier() {
        let lines = [
            "The port of Vessary closed on Monday as dockworkers walked out over pay.",
            "Ships were turned away from the harbour for the first time since 1998.",
            "The union said the strike would last until the owners raised their offer.",
        ];
        let wire = article("wire", &lines);
        // A truncated copy of the wire: held whole by the wire and by the roundup alike.
        let copy = article("copy", &lines[..2]);
        let roundup = article(
            "roundup",
            &[
                "The central bank held its main rate at 4.25 percent on Tuesday.",
                lines[0],
                lines[1],
            ],
        );
        let reuse = [
            taken(&wire, &copy, &[(0, 0), (1, 1)], ReuseKind::Copy, 1.0),
            // The copy is dated after the roundup: the relation between them reads the roundup
            // as the copy's source, but the copy's own source holds what they share. (Between
            // the roundup and the wire's origin this is the one relation detection keeps.)
            taken(&roundup, &copy, &[(1, 0), (2, 1)], ReuseKind::Copy, 1.0),
        ];
        let origins = [
            origin("o-wire", &["wire", "copy"]),
            origin("o-roundup", &["roundup"]),
        ];
        // The roundup first: of two relations that cover the copy alike, it would be read first.
        let got = sentence_origins(&[roundup, wire, copy], &reuse, &origins);
        assert_eq!(got[2], ["o-wire"; 2]);
    }

    #[test]
    fn a_cycle_of_relations_still_gives_every_sentence_an_origin() {
        let a = article(
            "a",
            &["One sentence that both articles carry word for word."],
        );
        let b = article(
            "b",
            &["One sentence that both articles carry word for word."],
        );
        let reuse = [
            taken(&a, &b, &[(0, 0)], ReuseKind::Duplicate, 1.0),
            taken(&b, &a, &[(0, 0)], ReuseKind::Duplicate, 1.0),
        ];
        let origins = [origin("o-ab", &["a", "b"])];
        let got = sentence_origins(&[a, b], &reuse, &origins);
        assert_eq!(got, [["o-ab"], ["o-ab"]]);
    }
}
