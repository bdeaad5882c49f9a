//! A linear pre-pass that bounds how deeply an HTML page nests, before any parser sees it.
//!
//! Hostile pages nest tens of thousands of elements (`<b><i>` pairs, `<div>`, tables in cells).
//! html5ever checks "has an element in scope" by walking its stack of open elements for every
//! start tag, so parsing takes time in the square of the depth, and the extractors and the block
//! walk that read the tree may recurse once per level. [`bound_depth`] reads the raw HTML once,
//! keeps a model of the parser's stack of open elements (with the implied end tags of `<p>`,
//! `<li>`, `<dd>`/`<dt>`, table rows and cells, headings and `<option>`, the `<form>` pointer,
//! and the list of active formatting elements that the parser reopens), and drops every start
//! tag that would take the model past [`MAX_DEPTH`], together with the end tag that closes it.
//! All text is kept: the deeper part of the page is flattened into its deepest kept element.
//! Comments, raw text (`<script>`, `<style>`, `<textarea>`, `<title>`...), void elements,
//! self-closing tags in SVG and MathML, and quoted attributes containing `>` are read as a
//! browser reads them. A page that never reaches the bound is returned as it is, borrowed.
//!
//! The model is not a full tree builder: where it cannot follow the parser it keeps more
//! elements open than the parser would, so its depth is an upper bound on the parser's in the
//! cases it models; the adoption agency algorithm for misnested formatting elements is followed
//! in its common steps only.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// The deepest nesting a page keeps. Chromium's HTML parser stops nesting at the same depth
/// (`kMaximumHTMLParserDOMTreeDepth = 512`, deeper elements become siblings); real news pages
/// nest 20 to 60 deep, and at 512 html5ever's scope checks still cost little per tag.
pub const MAX_DEPTH: usize = 512;

/// The HTML with its nesting bounded by [`MAX_DEPTH`]: unchanged (borrowed) when the page never
/// reaches it; otherwise with the start tags past the bound, and their end tags, removed.
pub fn bound_depth(html: &str) -> Cow<'_, str> {
    let mut pass = Pass {
        html,
        out: None,
        copied_to: 0,
        model: Model::default(),
    };
    pass.run();
    match pass.out {
        None => Cow::Borrowed(html),
        Some(mut out) => {
            out.push_str(&html[pass.copied_to..]);
            Cow::Owned(out)
        }
    }
}

/// A tag name, lowercased: the bytes themselves up to 16 bytes, else a hash of them.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Name([u8; 16]);

impl Name {
    fn new(raw: &[u8]) -> Name {
        let mut bytes = [0u8; 16];
        if raw.len() <= 16 {
            for (b, r) in bytes.iter_mut().zip(raw) {
                *b = r.to_ascii_lowercase();
            }
        } else {
            let mut hasher = DefaultHasher::new();
            raw.to_ascii_lowercase().hash(&mut hasher);
            bytes[0] = 0xff;
            bytes[8..].copy_from_slice(&hasher.finish().to_le_bytes());
        }
        Name(bytes)
    }

    /// The name as text; empty for a hashed long name (no element the model knows is long).
    fn as_str(&self) -> &str {
        let len = self.0.iter().position(|&b| b == 0).unwrap_or(16);
        std::str::from_utf8(&self.0[..len]).unwrap_or("")
    }
}

fn is_void(n: &str) -> bool {
    matches!(
        n,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "image"
            | "input"
            | "keygen"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "basefont"
            | "bgsound"
            | "frame"
    )
}

/// Elements whose content the tokenizer reads as text up to their end tag.
fn is_raw_text(n: &str) -> bool {
    matches!(
        n,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

fn is_formatting(n: &str) -> bool {
    matches!(
        n,
        "a" | "b"
            | "big"
            | "code"
            | "em"
            | "font"
            | "i"
            | "nobr"
            | "s"
            | "small"
            | "strike"
            | "strong"
            | "tt"
            | "u"
    )
}

/// The parser's "special" category, plus the MathML and SVG integration points.
fn is_special(n: &str) -> bool {
    is_void(n)
        || is_raw_text(n)
        || is_table_part(n)
        || closes_p(n)
        || matches!(
            n,
            "applet"
                | "body"
                | "button"
                | "frameset"
                | "head"
                | "html"
                | "marquee"
                | "noscript"
                | "object"
                | "select"
                | "template"
                | "table"
                | "mi"
                | "mo"
                | "mn"
                | "ms"
                | "mtext"
                | "annotation-xml"
                | "foreignobject"
                | "desc"
        )
}

/// Elements that end the default scope (and so every narrower scope).
fn ends_scope(n: &str) -> bool {
    matches!(
        n,
        "applet"
            | "caption"
            | "html"
            | "table"
            | "td"
            | "th"
            | "marquee"
            | "object"
            | "template"
            | "svg"
            | "math"
            | "mi"
            | "mo"
            | "mn"
            | "ms"
            | "mtext"
            | "annotation-xml"
            | "foreignobject"
            | "desc"
            | "title"
    )
}

/// Elements that clear the list of active formatting elements when they close.
fn is_marker(n: &str) -> bool {
    matches!(
        n,
        "applet" | "object" | "marquee" | "template" | "td" | "th" | "caption"
    )
}

fn is_table_part(n: &str) -> bool {
    matches!(
        n,
        "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption" | "colgroup"
    )
}

fn is_heading(n: &str) -> bool {
    matches!(n, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Start tags that close an open `<p>` first (`table` too in standards mode; left out, so the
/// model keeps the `<p>` open, which can only overcount).
fn closes_p(n: &str) -> bool {
    is_heading(n)
        || matches!(
            n,
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "center"
                | "details"
                | "dialog"
                | "dir"
                | "div"
                | "dl"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "header"
                | "hgroup"
                | "main"
                | "menu"
                | "nav"
                | "ol"
                | "p"
                | "search"
                | "section"
                | "summary"
                | "ul"
                | "pre"
                | "listing"
                | "form"
                | "hr"
                | "xmp"
                | "li"
                | "dd"
                | "dt"
        )
}

/// One element on the model's stack of open elements.
#[derive(Clone, Copy)]
struct Open {
    name: Name,
    /// A hash of the raw attributes, so identical formatting elements can be told apart.
    attrs: u64,
    /// Inside SVG or MathML, where `/>` closes an element and raw text does not exist.
    foreign: bool,
}

/// An entry of the list of active formatting elements that is not on the stack.
#[derive(Clone, Copy, PartialEq)]
enum Active {
    Marker,
    Formatting(Name, u64),
}

#[derive(Default)]
struct Model {
    /// The open elements below `<html><body>`.
    stack: Vec<Open>,
    /// Formatting elements the parser would reopen, with markers.
    active: Vec<Active>,
    /// How many `Active::Formatting` entries `active` holds.
    pending: usize,
    /// Whether the parser's form element pointer is set.
    form_open: bool,
    /// End tags still owed to dropped start tags, by name.
    dropped: HashMap<Name, usize>,
    /// The stack's length when the first of `dropped` was dropped.
    dropped_at: usize,
}

impl Model {
    fn depth(&self) -> usize {
        self.stack.len() + self.pending
    }

    fn top_name(&self) -> &str {
        self.stack.last().map_or("", |o| o.name.as_str())
    }

    fn in_foreign(&self) -> bool {
        self.stack.last().is_some_and(|o| {
            o.foreign
                && !matches!(
                    o.name.as_str(),
                    "foreignobject" | "desc" | "title" | "mi" | "mo" | "mn" | "ms" | "mtext"
                )
        })
    }

    fn push(&mut self, name: Name, attrs: u64) {
        let n = name.as_str();
        let foreign = n == "svg" || n == "math" || self.in_foreign();
        if is_marker(n) {
            self.active.push(Active::Marker);
        }
        self.stack.push(Open {
            name,
            attrs,
            foreign,
        });
    }

    /// Pop the stack down to `len` elements; formatting elements popped go on the active list.
    fn pop_to(&mut self, len: usize) {
        let mut reopen = Vec::new();
        while self.stack.len() > len {
            let Some(open) = self.stack.pop() else { break };
            let n = open.name.as_str();
            if is_marker(n) {
                reopen.clear();
                self.clear_to_marker();
            } else if is_formatting(n) {
                reopen.push(Active::Formatting(open.name, open.attrs));
            }
        }
        self.pending += reopen.len();
        self.active.extend(reopen.into_iter().rev());
        if self.stack.len() < self.dropped_at && !self.dropped.is_empty() {
            self.dropped.clear();
            self.dropped_at = usize::MAX;
        }
    }

    fn clear_to_marker(&mut self) {
        while let Some(entry) = self.active.pop() {
            match entry {
                Active::Marker => break,
                Active::Formatting(..) => self.pending -= 1,
            }
        }
    }

    /// Put the formatting elements waiting on the active list back on the stack.
    fn reconstruct(&mut self) {
        let start = self
            .active
            .iter()
            .rposition(|a| *a == Active::Marker)
            .map_or(0, |i| i + 1);
        for entry in self.active.split_off(start) {
            if let Active::Formatting(name, attrs) = entry {
                self.pending -= 1;
                self.push(name, attrs);
            }
        }
    }

    /// The index of the topmost element `want` accepts, searching down to an element that ends
    /// the scope (`boundary`).
    fn find(&self, want: impl Fn(&str) -> bool, boundary: impl Fn(&str) -> bool) -> Option<usize> {
        for (i, open) in self.stack.iter().enumerate().rev() {
            let n = open.name.as_str();
            if want(n) {
                return Some(i);
            }
            if boundary(n) {
                return None;
            }
        }
        None
    }

    fn close_p(&mut self) {
        if let Some(i) = self.find(|n| n == "p", |n| ends_scope(n) || n == "button") {
            self.pop_to(i);
        }
    }

    /// The nearest table part or table, and its index.
    fn table_context(&self) -> Option<(usize, Name)> {
        self.find(
            |n| is_table_part(n) || n == "table" || n == "template",
            |n| n == "html",
        )
        .map(|i| (i, self.stack[i].name))
    }

    /// Apply an emitted start tag of an element that stays open.
    fn start(&mut self, name: Name, attrs: u64) {
        let n = name.as_str();
        if self.in_foreign() {
            self.push(name, attrs);
            return;
        }
        match n {
            "html" | "body" | "head" | "frameset" => return,
            "form" if self.form_open => return,
            "form" => self.form_open = true,
            _ => {}
        }
        if matches!(
            n,
            "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "caption" | "colgroup"
        ) {
            self.table_start(name, attrs);
            return;
        }
        if n == "table"
            && let Some((i, ctx)) = self.table_context()
            && matches!(
                ctx.as_str(),
                "table" | "tbody" | "thead" | "tfoot" | "tr" | "colgroup"
            )
        {
            // In table modes a `<table>` closes the open table first.
            let table = self.find(|n| n == "table", |n| n == "html").unwrap_or(i);
            self.pop_to(table);
        }
        if closes_p(n) {
            self.close_p();
        }
        match n {
            _ if is_heading(n) && is_heading(self.top_name()) => {
                let len = self.stack.len() - 1;
                self.pop_to(len);
            }
            "li" | "dd" | "dt" => {
                let same = |m: &str| {
                    if n == "li" {
                        m == "li"
                    } else {
                        m == "dd" || m == "dt"
                    }
                };
                let stop = |m: &str| is_special(m) && !matches!(m, "address" | "div" | "p");
                if let Some(i) = self.find(same, stop) {
                    self.pop_to(i);
                }
                self.close_p();
            }
            "button" => {
                if let Some(i) = self.find(|m| m == "button", ends_scope) {
                    self.pop_to(i);
                }
            }
            "option" | "optgroup" | "rp" | "rt" | "rb" => {
                if matches!(self.top_name(), "option" | "rp" | "rt" | "rb") {
                    let len = self.stack.len() - 1;
                    self.pop_to(len);
                }
            }
            "a" => self.adoption(name),
            "nobr" if self.find(|m| m == "nobr", ends_scope).is_some() => self.adoption(name),
            _ => {}
        }
        if !closes_p(n) {
            self.reconstruct();
        }
        if is_formatting(n) {
            self.noahs_ark(name, attrs);
        }
        self.push(name, attrs);
    }

    /// At most three identical formatting elements wait on the active list.
    fn noahs_ark(&mut self, name: Name, attrs: u64) {
        let same = Active::Formatting(name, attrs);
        let start = self
            .active
            .iter()
            .rposition(|a| *a == Active::Marker)
            .map_or(0, |i| i + 1);
        let count = self.active[start..].iter().filter(|a| **a == same).count();
        if count >= 3
            && let Some(first) = self.active[start..].iter().position(|a| *a == same)
        {
            self.active.remove(start + first);
            self.pending -= 1;
        }
    }

    fn table_start(&mut self, name: Name, attrs: u64) {
        let n = name.as_str();
        loop {
            let Some((i, ctx)) = self.table_context() else {
                return; // outside a table the parser ignores table parts
            };
            let ctx = ctx.as_str();
            let fits = match n {
                "td" | "th" => matches!(ctx, "tr" | "tbody" | "thead" | "tfoot" | "table"),
                "tr" => matches!(ctx, "tbody" | "thead" | "tfoot" | "table"),
                _ => ctx == "table",
            };
            if ctx == "template" {
                break;
            }
            if fits {
                self.pop_to(i + 1);
                let implied: &[&str] = match (n, ctx) {
                    ("td" | "th", "table") => &["tbody", "tr"],
                    ("td" | "th", "tbody" | "thead" | "tfoot") => &["tr"],
                    ("tr", "table") => &["tbody"],
                    _ => &[],
                };
                for part in implied {
                    self.push(Name::new(part.as_bytes()), 0);
                }
                break;
            }
            self.pop_to(i);
        }
        self.push(name, attrs);
    }

    /// How many elements a start tag may add, for the bound. A `<table>` counts the row and cell
    /// that will follow it, so a nested table is kept whole or dropped whole; a row or cell
    /// counts the parts the parser implies around it.
    fn adds(&self, n: &str) -> usize {
        let ctx = || self.table_context().map(|(_, c)| c);
        let ctx_is =
            |c: Option<Name>, names: &[&str]| c.is_some_and(|c| names.contains(&c.as_str()));
        match n {
            "table" => 4,
            "td" | "th" => {
                let c = ctx();
                if ctx_is(c, &["tr"]) {
                    1
                } else if ctx_is(c, &["tbody", "thead", "tfoot"]) {
                    2
                } else {
                    3
                }
            }
            "tr" => {
                if ctx_is(ctx(), &["tbody", "thead", "tfoot"]) {
                    1
                } else {
                    2
                }
            }
            _ => 1,
        }
    }

    fn end(&mut self, name: Name) {
        let n = name.as_str();
        if self.in_foreign()
            && let Some(i) = self.find(|m| m == n, |_| false)
            && self.stack[i..].iter().all(|o| o.foreign)
        {
            self.pop_to(i);
            return;
        }
        match n {
            "body" | "html" | "head" | "br" => {}
            "form" => {
                if std::mem::take(&mut self.form_open)
                    && let Some(i) = self.find(|m| m == "form", ends_scope)
                {
                    // The parser removes the form element alone, leaving its children open.
                    self.stack.remove(i);
                }
            }
            "p" => self.close_p(),
            "li" => {
                let boundary = |m: &str| ends_scope(m) || m == "ol" || m == "ul";
                if let Some(i) = self.find(|m| m == "li", boundary) {
                    self.pop_to(i);
                }
            }
            _ if is_heading(n) => {
                if let Some(i) = self.find(is_heading, ends_scope) {
                    self.pop_to(i);
                }
            }
            _ if is_table_part(n) || n == "table" => {
                if let Some(i) =
                    self.find(|m| m == n, |m| matches!(m, "html" | "table" | "template"))
                {
                    self.pop_to(i);
                }
            }
            _ if is_formatting(n) => self.adoption(name),
            _ if is_special(n) => {
                if let Some(i) = self.find(|m| m == n, ends_scope) {
                    self.pop_to(i);
                }
            }
            _ => {
                if let Some(i) = self.find(|m| m == n, is_special) {
                    self.pop_to(i);
                }
            }
        }
    }

    /// The adoption agency algorithm, in its common steps: a misnested formatting element is
    /// taken off the stack, the plain elements between it and the first special element above
    /// it go with it, and what stays open above no special element is closed.
    fn adoption(&mut self, name: Name) {
        let n = name.as_str();
        let Some(mut k) = self.find(|m| m == n, ends_scope) else {
            let start = self
                .active
                .iter()
                .rposition(|a| *a == Active::Marker)
                .map_or(0, |i| i + 1);
            if let Some(at) = self.active[start..]
                .iter()
                .rposition(|a| matches!(a, Active::Formatting(m, _) if *m == name))
            {
                self.active.remove(start + at);
                self.pending -= 1;
            }
            return;
        };
        let attrs = self.stack[k].attrs;
        for _ in 0..8 {
            let Some(block) =
                (k + 1..self.stack.len()).find(|&i| is_special(self.stack[i].name.as_str()))
            else {
                self.stack.remove(k);
                self.pop_to(k);
                return;
            };
            let between: Vec<Open> = self.stack[k + 1..block]
                .iter()
                .filter(|o| is_formatting(o.name.as_str()))
                .copied()
                .collect();
            let above = self.stack.split_off(block);
            self.stack.truncate(k);
            self.stack.extend(between);
            k = self.stack.len() + 1;
            self.stack.extend(above);
            self.stack.insert(
                k,
                Open {
                    name,
                    attrs,
                    foreign: false,
                },
            );
        }
    }
}

/// One pass over the page: the model and the output, copied lazily on the first drop.
struct Pass<'a> {
    html: &'a str,
    out: Option<String>,
    copied_to: usize,
    model: Model,
}

/// A tag read at some `<`.
enum Tag {
    /// Not markup: the `<` is text.
    Text,
    /// A comment, doctype or processing instruction, up to the given end.
    Skip(usize),
    Start {
        name: Name,
        attrs: u64,
        self_closing: bool,
        end: usize,
    },
    End {
        name: Name,
        end: usize,
    },
    /// The page ends inside the tag.
    Eof,
}

impl Pass<'_> {
    fn run(&mut self) {
        let bytes = self.html.as_bytes();
        let mut at = 0;
        let mut text_from = 0;
        while let Some(found) = memchr_lt(&bytes[at..]) {
            let lt = at + found;
            let tag = read_tag(bytes, lt, self.model.in_foreign());
            if !matches!(tag, Tag::Text) && lt > text_from {
                self.model.reconstruct();
            }
            match tag {
                Tag::Text => {
                    at = lt + 1;
                    continue;
                }
                Tag::Eof => return,
                Tag::Skip(end) => at = end,
                Tag::Start {
                    name,
                    attrs,
                    self_closing,
                    end,
                } => match self.start(name, attrs, self_closing, lt, end) {
                    Some(next) => at = next,
                    None => return,
                },
                Tag::End { name, end } => {
                    at = end;
                    if let Some(owed) = self.model.dropped.get_mut(&name)
                        && *owed > 0
                    {
                        *owed -= 1;
                        self.drop_range(lt, end);
                    } else {
                        self.model.end(name);
                    }
                }
            }
            text_from = at;
        }
    }

    /// Handle a start tag at `lt..end`; the offset to go on from, or `None` at the page's end.
    fn start(
        &mut self,
        name: Name,
        attrs: u64,
        self_closing: bool,
        lt: usize,
        end: usize,
    ) -> Option<usize> {
        let n = name.as_str();
        let foreign = self.model.in_foreign();
        if (foreign && self_closing) || (!foreign && is_void(n)) {
            if !foreign && n == "hr" {
                self.model.close_p();
            }
            return Some(end);
        }
        if !foreign && n == "plaintext" {
            return None;
        }
        if !foreign && is_raw_text(n) {
            if n == "xmp" {
                self.model.close_p();
            }
            return raw_text_end(self.html.as_bytes(), end, n);
        }
        if self.model.depth() + self.model.adds(n) > MAX_DEPTH {
            if self.model.dropped.is_empty() {
                self.model.dropped_at = self.model.stack.len();
            }
            *self.model.dropped.entry(name).or_default() += 1;
            self.drop_range(lt, end);
            return Some(end);
        }
        self.model.start(name, attrs);
        Some(end)
    }

    fn drop_range(&mut self, from: usize, to: usize) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.html.len()));
        out.push_str(&self.html[self.copied_to..from]);
        self.copied_to = to;
    }
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// Find `needle` (ASCII) in `bytes` from `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// The offset after the end tag of raw text element `name` whose content starts at `from`;
/// `None` when the page ends first.
fn raw_text_end(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let lt = find(bytes, at, b"</")?;
        let name_end = lt + 2 + name.len();
        let matches = bytes
            .get(lt + 2..name_end)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        let closed = matches!(
            bytes.get(name_end),
            Some(b'\t' | b'\n' | b'\x0c' | b'\r' | b' ' | b'/' | b'>')
        );
        if matches && closed {
            return match read_tag(bytes, lt, false) {
                Tag::End { end, .. } => Some(end),
                _ => None,
            };
        }
        at = lt + 2;
    }
}

/// Read the markup starting at `bytes[lt] == b'<'`.
fn read_tag(bytes: &[u8], lt: usize, foreign: bool) -> Tag {
    let rest = &bytes[lt + 1..];
    let to_gt = |from: usize| find(bytes, from, b">").map_or(Tag::Eof, |e| Tag::Skip(e + 1));
    match rest.first() {
        Some(b'!') => {
            if rest.starts_with(b"!--") {
                let body = lt + 4;
                if bytes.get(body) == Some(&b'>') {
                    return Tag::Skip(body + 1);
                }
                if bytes.get(body..body + 2) == Some(b"->") {
                    return Tag::Skip(body + 2);
                }
                let mut at = body;
                while let Some(dash) = find(bytes, at, b"--") {
                    if bytes.get(dash + 2) == Some(&b'>') {
                        return Tag::Skip(dash + 3);
                    }
                    if bytes.get(dash + 2..dash + 4) == Some(b"!>") {
                        return Tag::Skip(dash + 4);
                    }
                    at = dash + 1;
                }
                Tag::Eof
            } else if foreign && rest.starts_with(b"![CDATA[") {
                find(bytes, lt, b"]]>").map_or(Tag::Eof, |e| Tag::Skip(e + 3))
            } else {
                to_gt(lt)
            }
        }
        Some(b'?') => to_gt(lt),
        Some(b'/') => match rest.get(1) {
            Some(c) if c.is_ascii_alphabetic() => match read_name_and_attrs(bytes, lt + 2) {
                Some((name, _, _, end)) => Tag::End { name, end },
                None => Tag::Eof,
            },
            Some(b'>') => Tag::Skip(lt + 3),
            Some(_) => to_gt(lt),
            None => Tag::Text,
        },
        Some(c) if c.is_ascii_alphabetic() => match read_name_and_attrs(bytes, lt + 1) {
            Some((name, attrs, self_closing, end)) => Tag::Start {
                name,
                attrs,
                self_closing,
                end,
            },
            None => Tag::Eof,
        },
        _ => Tag::Text,
    }
}

/// A tag's name and attributes from `from` (just after `<` or `</`): the name, a hash of the
/// attributes, whether it ends `/>`, and the offset after `>`. `None` when the page ends first.
fn read_name_and_attrs(bytes: &[u8], from: usize) -> Option<(Name, u64, bool, usize)> {
    let is_space = |b: u8| matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
    let mut at = from;
    while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'/' && bytes[at] != b'>' {
        at += 1;
    }
    let name = Name::new(&bytes[from..at]);
    let attrs_from = at;
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            if bytes[at] == b'/' && bytes.get(at + 1) == Some(&b'>') {
                let attrs = hash(&bytes[attrs_from..at]);
                return Some((name, attrs, true, at + 2));
            }
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => return Some((name, hash(&bytes[attrs_from..at]), false, at + 1)),
            _ => {
                // An attribute name (its first character may be `=`), then maybe a value.
                at += 1;
                while at < bytes.len()
                    && !is_space(bytes[at])
                    && !matches!(bytes[at], b'/' | b'>' | b'=')
                {
                    at += 1;
                }
                while at < bytes.len() && is_space(bytes[at]) {
                    at += 1;
                }
                if bytes.get(at) == Some(&b'=') {
                    at += 1;
                    while at < bytes.len() && is_space(bytes[at]) {
                        at += 1;
                    }
                    match bytes.get(at)? {
                        q @ (b'"' | b'\'') => {
                            let q = *q;
                            at += 1 + bytes.get(at + 1..)?.iter().position(|&b| b == q)? + 1;
                        }
                        _ => {
                            while at < bytes.len() && !is_space(bytes[at]) && bytes[at] != b'>' {
                                at += 1;
                            }
                        }
                    }
                }
            }
        }
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::{MAX_DEPTH, bound_depth};
    use std::borrow::Cow;

    #[test]
    fn a_normal_page_is_borrowed() {
        let page = "<html><head><title>a<b></title><script>if (a<b) x='<div>'</script></head>\
                    <body><!-- <div> --><p>one<p>two<ul><li>a<li>b</ul><img src=x alt='>'>\
                    <table><tr><td>1<td>2<tr><td>3</table></body></html>";
        assert!(matches!(bound_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_bound_and_keeps_its_text() {
        let page = format!("{}x{}", "<div>".repeat(2000), "</div>".repeat(2000));
        let bounded = bound_depth(&page);
        assert_eq!(bounded.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(bounded.matches("</div>").count(), MAX_DEPTH);
        assert!(bounded.contains('x'));
    }
}
