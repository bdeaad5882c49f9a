//! The "who copied whom" graph of one story, as inline SVG for the HTML report.
//!
//! Nodes are the story's articles, placed on a circle in the story's article order (a layout that
//! needs no iteration, so the same story always draws the same picture); arrows run from the
//! source to the copy, and a relation whose direction is undetermined is a line without an
//! arrowhead. Edges bend slightly to their left, so two articles that copy each other get two
//! visible arrows. Line style tells the kind of reuse, node colour the origin. Labels are
//! escaped and shortened; nodes link to the article entries below the graph.

use std::f64::consts::PI;

use newsfold_core::ReuseKind;

use crate::html::escape;
use crate::view;

/// One article in the graph.
pub(crate) struct Node<'a> {
    /// The article's number in the story's list, drawn inside the circle.
    pub number: usize,
    /// The article's label (outlet, else title, else id), drawn beside the circle.
    pub label: &'a str,
    /// The element id of the article's entry in the report (without `#`).
    pub anchor: &'a str,
    /// Index of the article's origin among the story's origins, which picks the fill colour.
    pub group: usize,
    /// Tooltip text.
    pub title: String,
}

/// One reuse record in the graph: an arrow from `source` to `copy` (indexes into the nodes), or
/// a plain line between them when the direction is undetermined.
pub(crate) struct Edge {
    /// Index of the source node.
    pub source: usize,
    /// Index of the copy node.
    pub copy: usize,
    /// The kind of reuse, which picks the line style.
    pub kind: ReuseKind,
    /// False when nothing tells which article is the source: no arrowhead.
    pub directed: bool,
    /// Tooltip text.
    pub title: String,
}

/// Fill colours of the origins, light enough for dark text; repeated past the end.
const PALETTE: [&str; 8] = [
    "#cfe2f3", "#d9ead3", "#fce5cd", "#ead1dc", "#fff2cc", "#d0e0e3", "#e4dcf5", "#e6e6e6",
];

/// Radius of a node's circle.
const NODE: f64 = 13.0;
/// Room for a label beside the circle, on each side.
const LABEL_ROOM: f64 = 205.0;
/// Longest label drawn, in characters.
const LABEL_CHARS: usize = 24;

/// The graph as an `<svg>` element. `id` must be unique in the page: it prefixes the element
/// ids the drawing needs.
pub(crate) fn reuse_graph(
    id: &str,
    description: &str,
    nodes: &[Node<'_>],
    edges: &[Edge],
) -> String {
    let n = nodes.len();
    let radius = if n <= 1 {
        0.0
    } else {
        (50.0 + 14.0 * n as f64).min(240.0)
    };
    let angle = |i: usize| -PI / 2.0 + 2.0 * PI * i as f64 / n.max(1) as f64;
    // The circle is cut to the rows its nodes use, so three nodes do not leave an empty bottom.
    let (top, bottom) = (0..n).fold((0.0_f64, 0.0_f64), |(top, bottom), i| {
        let sin = angle(i).sin();
        (top.min(sin), bottom.max(sin))
    });
    let margin = 36.0;
    let width = 2.0 * (radius + LABEL_ROOM);
    let height = radius * (bottom - top) + 2.0 * margin;
    let (cx, cy) = (width / 2.0, margin - radius * top);
    let position = |i: usize| {
        let a = angle(i);
        (cx + radius * a.cos(), cy + radius * a.sin())
    };
    let id = escape(id);

    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" viewBox=\"0 0 {width:.0} \
         {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" \
         aria-labelledby=\"{id}-title\">\n<title id=\"{id}-title\">{}</title>\n",
        escape(description)
    );
    svg.push_str(&format!(
        "<defs><marker id=\"{id}-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" \
         fill=\"#333\"/></marker></defs>\n"
    ));

    for edge in edges {
        if edge.source == edge.copy || edge.source >= n || edge.copy >= n {
            continue;
        }
        let (x1, y1) = position(edge.source);
        let (x2, y2) = position(edge.copy);
        let (dx, dy) = (x2 - x1, y2 - y1);
        let length = dx.hypot(dy);
        if length < 1.0 {
            continue;
        }
        let (ux, uy) = (dx / length, dy / length);
        let (sx, sy) = (x1 + ux * (NODE + 2.0), y1 + uy * (NODE + 2.0));
        let (ex, ey) = (x2 - ux * (NODE + 3.0), y2 - uy * (NODE + 3.0));
        let bend = 0.12 * length;
        let (qx, qy) = ((sx + ex) / 2.0 + uy * bend, (sy + ey) / 2.0 - ux * bend);
        let style = match edge.kind {
            ReuseKind::Duplicate | ReuseKind::Copy => "",
            ReuseKind::Partial => " stroke-dasharray=\"6 4\"",
            ReuseKind::Quotes => " stroke-dasharray=\"2 3\"",
        };
        let stroke_width = if edge.kind.is_copying() { 2.0 } else { 1.4 };
        let arrow = if edge.directed {
            format!(" marker-end=\"url(#{id}-arrow)\"")
        } else {
            String::new()
        };
        svg.push_str(&format!(
            "<path d=\"M{sx:.1},{sy:.1} Q{qx:.1},{qy:.1} {ex:.1},{ey:.1}\" fill=\"none\" \
             stroke=\"#333\" stroke-width=\"{stroke_width}\"{style}{arrow}><title>{}</title>\
             </path>\n",
            escape(&edge.title)
        ));
    }

    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = position(i);
        let a = angle(i);
        let (cos, sin) = (a.cos(), a.sin());
        let (anchor, lx, ly) = if n > 1 && cos.abs() <= 0.25 {
            let ly = if sin < 0.0 {
                y - NODE - 6.0
            } else {
                y + NODE + 14.0
            };
            ("middle", x, ly)
        } else if n > 1 && cos < 0.0 {
            ("end", x - NODE - 8.0, y + 4.0)
        } else {
            ("start", x + NODE + 8.0, y + 4.0)
        };
        let fill = PALETTE[node.group % PALETTE.len()];
        svg.push_str(&format!(
            "<a href=\"#{}\"><g><title>{}</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" \
             r=\"{NODE}\" fill=\"{fill}\" stroke=\"#333\"/><text x=\"{x:.1}\" y=\"{:.1}\" \
             text-anchor=\"middle\" class=\"num\">{}</text><text x=\"{lx:.1}\" y=\"{ly:.1}\" \
             text-anchor=\"{anchor}\">{}</text></g></a>\n",
            escape(node.anchor),
            escape(&node.title),
            y + 4.0,
            node.number,
            escape(&view::shorten(node.label, LABEL_CHARS)),
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use newsfold_core::ReuseKind;

    use super::{Edge, Node, reuse_graph};
    use crate::view::shorten;

    #[test]
    fn labels_are_shortened_by_characters() {
        assert_eq!(shorten("Süddeutsche Zeitung", 30), "Süddeutsche Zeitung");
        assert_eq!(shorten("Süddeutsche Zeitung", 5), "Südd…");
    }

    #[test]
    fn edges_to_missing_nodes_are_skipped() {
        let nodes = [Node {
            number: 1,
            label: "<b>A</b>",
            anchor: "article-a",
            group: 0,
            title: "A".into(),
        }];
        let edges = [Edge {
            source: 0,
            copy: 7,
            kind: ReuseKind::Copy,
            directed: true,
            title: "x".into(),
        }];
        let svg = reuse_graph("g", "graph", &nodes, &edges);
        assert!(!svg.contains("marker-end"));
        assert!(svg.contains("&lt;b&gt;A&lt;/b&gt;"));
    }

    #[test]
    fn undetermined_relations_have_no_arrowhead() {
        let node = |number: usize| Node {
            number,
            label: "A",
            anchor: "a",
            group: 0,
            title: "A".into(),
        };
        let nodes = [node(1), node(2), node(3)];
        let edge = |copy: usize, directed: bool| Edge {
            source: 0,
            copy,
            kind: ReuseKind::Duplicate,
            directed,
            title: "x".into(),
        };
        let svg = reuse_graph("g", "graph", &nodes, &[edge(1, true), edge(2, false)]);
        assert_eq!(svg.matches("fill=\"none\"").count(), 2);
        assert_eq!(svg.matches("marker-end").count(), 1);
    }
}
