//! Sentence segmentation into byte spans.
//!
//! News sentences end in `.`, `!`, `?` or `…`, often followed by closing quotes
//! (`…development.”`), and are full of periods that end nothing: titles (`Mr.`, `Gen.`),
//! months (`Feb. 24`), initials (`J. K.`), abbreviations with inner periods (`U.S.`, `a.m.`).
//! Every line is its own paragraph, and a paragraph always ends a sentence, so headlines and
//! list items without final punctuation stay whole.

use newsfold_core::Span;

/// Words that end in a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ave", "Blvd", "Bros", "Capt", "Cmdr", "Co", "Col", "Corp", "Cpl", "Dept", "Det", "Dr",
    "Fr", "Ft", "Gen", "Gov", "Hon", "Inc", "Insp", "Jr", "Lt", "Ltd", "Maj", "Messrs", "Mr",
    "Mrs", "Ms", "Msgr", "Mt", "No", "Nos", "Pres", "Prof", "Pvt", "Rd", "Rep", "Rev", "Sen",
    "Sgt", "Sr", "St", "Supt", "approx", "cf", "e.g", "etc", "i.e", "vs", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed",
    "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "Ariz", "Calif", "Colo", "Conn", "Fla", "Ill",
    "Mass", "Mich", "Minn", "Nev", "Okla", "Ore", "Penn", "Tenn", "Va", "Wash", "Wis",
];

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']')
}

fn is_opening(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '(' | '[')
}

/// The sentence spans of `text`, in order, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line.trim_end_matches('\n'), &mut spans);
        line_start += line.len();
    }
    spans
}

fn split_line(text: &str, offset: usize, line: &str, spans: &mut Vec<Span>) {
    let mut start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Take the whole run of terminators and closing quotes.
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closing(chars[j].1))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(line.len(), |&(b, _)| b);
        if j < chars.len() && !chars[j].1.is_whitespace() {
            i = j;
            continue;
        }
        let next = chars[j..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        let starts_sentence = match next {
            None => true,
            Some(n) => n.is_uppercase() || n.is_ascii_digit() || is_opening(n),
        };
        if starts_sentence && (c != '.' || !ends_abbreviation(&line[..at], next)) {
            push(text, offset, line, start, end, spans);
            start = end;
        }
        i = j;
    }
    push(text, offset, line, start, line.len(), spans);
}

fn push(text: &str, offset: usize, line: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let piece = &line[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = offset + start + lead;
    debug_assert_eq!(&text[s..s + trimmed.len()], trimmed);
    spans.push(Span::new(s, s + trimmed.len()));
}

/// True when the word before a period is an abbreviation, an initial or a dotted acronym, so the
/// period does not end the sentence.
fn ends_abbreviation(before: &str, next: Option<char>) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || is_opening(c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(a), None) if a.is_uppercase());
    let dotted = word.contains('.') && word.split('.').all(|p| p.chars().count() <= 2);
    if dotted && next.is_some_and(char::is_lowercase) {
        return true;
    }
    single_initial || dotted || ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::sentences;

    fn check(text: &str, want: &[&str]) {
        let got: Vec<&str> = sentences(text).iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn abbreviations_and_quotes() {
        check(
            "Mr. Xi met Gen. Li on Feb. 24 in the U.S. capital. “We agree,” he said. Then he left!",
            &[
                "Mr. Xi met Gen. Li on Feb. 24 in the U.S. capital.",
                "“We agree,” he said.",
                "Then he left!",
            ],
        );
    }

    #[test]
    fn sentence_ending_inside_quotes() {
        check(
            "He called it “a disaster.” Officials disagreed. J. K. Rowling was not there.",
            &[
                "He called it “a disaster.”",
                "Officials disagreed.",
                "J. K. Rowling was not there.",
            ],
        );
    }

    #[test]
    fn lines_are_paragraphs() {
        check(
            "A headline without a stop\nThe body. It goes on.",
            &["A headline without a stop", "The body.", "It goes on."],
        );
    }

    #[test]
    fn numbers_do_not_split() {
        check(
            "Trade rose 3.5 percent to $147.2 billion. Next.",
            &["Trade rose 3.5 percent to $147.2 billion.", "Next."],
        );
    }
}
