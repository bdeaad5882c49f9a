//! Extracted article HTML to text blocks, with the structure cleaning needs.
//!
//! Extractors hand back the article as a fragment of HTML. Turning it into text is ours to do,
//! because the rules matter for news: whitespace inside a paragraph collapses (a source that
//! hard-wraps its paragraphs must not become one line per wrap), every block element and `<br>`
//! ends a paragraph, headings and list items stay their own lines, table cells are joined with
//! spaces, and for each block we count how much of its text sits inside links, which is how a
//! list of related stories gives itself away.

use scraper::{ElementRef, Html, Node};

use crate::depth::bound_depth;

/// What kind of element a block came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph or any other block of prose.
    Paragraph,
    /// `h1`–`h6`.
    Heading,
    /// `li`.
    ListItem,
    /// `tr`.
    TableRow,
    /// `figcaption` or `caption`.
    Caption,
}

/// One paragraph-like block of extracted text.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The text, whitespace collapsed.
    pub text: String,
    /// Where it came from.
    pub kind: BlockKind,
    /// Share of its characters inside `<a>` elements, 0..1.
    pub link_share: f32,
}

const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "button", "form", "iframe", "select",
    "input", "textarea", "nav", "object", "embed", "canvas", "audio", "video", "picture", "img",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "figure",
    "address",
    "hr",
    "center",
    "details",
    "summary",
    "body",
    "html",
];

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    text: String,
    link_chars: usize,
    kind: Option<BlockKind>,
    pending_space: bool,
}

impl Builder {
    fn push_text(&mut self, text: &str, in_link: bool) {
        let mut rest = text;
        while !rest.is_empty() {
            let word_start = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if word_start > 0 {
                self.pending_space = true;
            }
            rest = &rest[word_start..];
            let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..word_end];
            if !word.is_empty() {
                if self.pending_space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.pending_space = false;
                self.text.push_str(word);
                if in_link {
                    self.link_chars += word.chars().count();
                }
            }
            rest = &rest[word_end..];
        }
    }

    fn space(&mut self) {
        self.pending_space = true;
    }

    fn end_block(&mut self) {
        let text = self.text.trim();
        if !text.is_empty() {
            let chars = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
            self.blocks.push(Block {
                text: text.to_owned(),
                kind: self.kind.unwrap_or(BlockKind::Paragraph),
                link_share: (self.link_chars as f32 / chars as f32).min(1.0),
            });
        }
        self.text.clear();
        self.link_chars = 0;
        self.kind = None;
        self.pending_space = false;
    }

    /// Read `root` and everything under it into blocks. The walk keeps its own stack instead of
    /// recursing, so no depth of nesting can overflow the thread's stack.
    fn walk(&mut self, root: ElementRef<'_>) {
        let mut todo = vec![Visit::Enter(root, false)];
        while let Some(visit) = todo.pop() {
            match visit {
                Visit::Enter(element, in_link) => self.enter(element, in_link, &mut todo),
                Visit::Text(text, in_link) => self.push_text(text, in_link),
                Visit::Leave => self.end_block(),
            }
        }
    }

    /// Open `element`: start its block if it is one, and queue its children (and the end of its
    /// block) on `todo`, last first.
    fn enter<'a>(&mut self, element: ElementRef<'a>, in_link: bool, todo: &mut Vec<Visit<'a>>) {
        let name = element.value().name();
        if SKIPPED.contains(&name) || is_hidden(element) {
            return;
        }
        let kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
            "li" => Some(BlockKind::ListItem),
            "tr" => Some(BlockKind::TableRow),
            "figcaption" | "caption" => Some(BlockKind::Caption),
            _ => None,
        };
        let is_block = kind.is_some() || BLOCKS.contains(&name);
        if is_block {
            self.end_block();
            self.kind = kind;
        }
        if name == "br" {
            self.end_block();
            return;
        }
        if matches!(name, "td" | "th") {
            self.space();
        }
        let in_link = in_link || name == "a";
        if is_block {
            todo.push(Visit::Leave);
        }
        for child in element.children().rev() {
            match child.value() {
                Node::Text(text) => todo.push(Visit::Text(text, in_link)),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        todo.push(Visit::Enter(child, in_link));
                    }
                }
                _ => {}
            }
        }
    }
}

/// A step of the block walk: open an element, read a text node, or end the block of an element
/// whose children are all read.
enum Visit<'a> {
    Enter(ElementRef<'a>, bool),
    Text(&'a str, bool),
    Leave,
}

/// True for an element a reader never sees: `hidden`, `aria-hidden`, `display: none`, or a class
/// that hides it until hover (name cards, tooltips, screen-reader-only text).
fn is_hidden(element: ElementRef<'_>) -> bool {
    let e = element.value();
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if e.attr("style").is_some_and(|s| {
        s.replace(' ', "")
            .to_ascii_lowercase()
            .contains("display:none")
    }) {
        return true;
    }
    e.classes().any(|c| {
        let c = c.to_ascii_lowercase();
        matches!(
            c.as_str(),
            "hidden"
                | "d-none"
                | "sr-only"
                | "visually-hidden"
                | "visuallyhidden"
                | "screen-reader-text"
        ) || (c.starts_with("rollover") && c.contains("block"))
            || ["tooltip", "popover", "hovercard", "hover-card"]
                .iter()
                .any(|h| c.contains(h))
    })
}

/// The text blocks of an HTML fragment, in document order. The fragment's nesting is bounded
/// first ([`bound_depth`]), so parsing it stays linear in its size.
pub fn blocks(html: &str) -> Vec<Block> {
    let fragment = Html::parse_fragment(&bound_depth(html));
    let mut builder = Builder::default();
    builder.walk(fragment.root_element());
    builder.end_block();
    builder.blocks
}

#[cfg(test)]
mod tests {
    use super::{BlockKind, blocks};

    #[test]
    fn paragraphs_collapse_whitespace_and_blocks_split() {
        let got = blocks(
            "<div>Photos\n which were\n released.<br>Next line</div><h2>A  heading</h2><ul><li><a href='#'>Related story</a></li></ul><table><tr><td>1</td><td>Kyle</td></tr></table>",
        );
        let texts: Vec<(&str, BlockKind, bool)> = got
            .iter()
            .map(|b| (b.text.as_str(), b.kind, b.link_share > 0.9))
            .collect();
        assert_eq!(
            texts,
            [
                ("Photos which were released.", BlockKind::Paragraph, false),
                ("Next line", BlockKind::Paragraph, false),
                ("A heading", BlockKind::Heading, false),
                ("Related story", BlockKind::ListItem, true),
                ("1 Kyle", BlockKind::TableRow, false),
            ]
        );
    }

    #[test]
    fn inline_elements_keep_their_spaces() {
        let got = blocks(
            "<p>Rep. <a href='x'>Ilhan Omar</a> (D-Minn.) said <b>no</b>.</p><script>alert(1)</script>",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "Rep. Ilhan Omar (D-Minn.) said no.");
    }
}
