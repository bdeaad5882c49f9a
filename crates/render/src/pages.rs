//! A report too large for one page: an index and a page per story.
//!
//! One self-contained `report.html` suits the folds people read through (the examples, a day's
//! news of an outlet or two); at 100,000 articles it weighed 1.2 GB and no browser opened it.
//! Past [`ONE_PAGE_STORIES`] stories or [`ONE_PAGE_ARTICLES`] articles the report is split:
//! `report.html` becomes an index of every story (a row each, no article text) and each story
//! gets a page of its own in `report-stories/`, the same page `newsfold serve` shows, with a
//! link back. [`StoryParts`] cuts the fold into the stories' parts in one pass over its articles,
//! reuse relations and origins, so writing every page costs the size of the fold, not stories
//! times relations.

use std::collections::HashMap;

use newsfold_core::Fold;

/// Most stories a report shows on one page.
pub const ONE_PAGE_STORIES: usize = 200;

/// Most articles a report shows on one page: about 12 MB of page, at the 11.8 KB per article
/// (text and markup) of the one-page report of 100,000 generated articles, half of the 25 MB
/// issue 20 allows a report.
pub const ONE_PAGE_ARTICLES: usize = 1_000;

/// The folder beside `report.html` that holds the story pages of a split report.
pub const STORY_PAGES: &str = "report-stories";

/// True when the whole fold is shown on one page; else the report is an index
/// ([`crate::report_index_html`]) and a page per story.
pub fn report_fits_one_page(fold: &Fold) -> bool {
    fold.stories.len() <= ONE_PAGE_STORIES && fold.articles.len() <= ONE_PAGE_ARTICLES
}

/// The file name of a story's page in [`STORY_PAGES`]: its id when the id is a plain name
/// (letters, digits, `-` and `_`, as newsfold writes them), else its position in the fold.
pub fn story_page_name(fold: &Fold, index: usize) -> String {
    let id = fold.stories.get(index).map_or("", |s| s.id.as_str());
    let plain = !id.is_empty()
        && id.len() <= 100
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if plain {
        format!("{id}.html")
    } else {
        format!("story-{}.html", index + 1)
    }
}

/// Each story's part of a fold: its articles, the reuse relations between two of them and the
/// origins that hold one of them, found in one pass over each.
#[derive(Debug)]
pub struct StoryParts<'f> {
    fold: &'f Fold,
    articles: Vec<Vec<usize>>,
    reuse: Vec<Vec<usize>>,
    origins: Vec<Vec<usize>>,
}

impl<'f> StoryParts<'f> {
    /// The parts of every story of `fold`.
    pub fn new(fold: &'f Fold) -> StoryParts<'f> {
        let position: HashMap<&str, usize> = fold
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        // The stories that list each article (a roundup may be listed by several).
        let mut stories_of: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut articles = vec![Vec::new(); fold.stories.len()];
        for (s, story) in fold.stories.iter().enumerate() {
            for id in &story.articles {
                stories_of.entry(id.as_str()).or_default().push(s);
                articles[s].extend(position.get(id.as_str()).copied());
            }
        }
        let none = Vec::new();
        let of = |id: &str| stories_of.get(id).unwrap_or(&none);
        let mut reuse = vec![Vec::new(); fold.stories.len()];
        for (r, relation) in fold.reuse.iter().enumerate() {
            let copy = of(&relation.copy);
            for &s in of(&relation.source).iter().filter(|s| copy.contains(s)) {
                reuse[s].push(r);
            }
        }
        let mut origins = vec![Vec::new(); fold.stories.len()];
        for (o, origin) in fold.origins.iter().enumerate() {
            let mut held: Vec<usize> = origin
                .articles
                .iter()
                .flat_map(|a| of(a))
                .copied()
                .collect();
            held.sort_unstable();
            held.dedup();
            for s in held {
                origins[s].push(o);
            }
        }
        StoryParts {
            fold,
            articles,
            reuse,
            origins,
        }
    }

    /// The fold of story `index` alone: the story, its articles, the relations among them and
    /// their origins (no rejected inputs), what [`crate::story_html`] shows.
    pub fn part(&self, index: usize) -> Fold {
        let fold = self.fold;
        Fold {
            articles: self.articles[index]
                .iter()
                .map(|&i| fold.articles[i].clone())
                .collect(),
            stories: vec![fold.stories[index].clone()],
            reuse: self.reuse[index]
                .iter()
                .map(|&r| fold.reuse[r].clone())
                .collect(),
            origins: self.origins[index]
                .iter()
                .map(|&o| fold.origins[o].clone())
                .collect(),
            rejected: Vec::new(),
            run: fold.run.clone(),
        }
    }
}
