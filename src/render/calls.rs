//! Where the shortcodes of a body stand in its Markdown.
//!
//! The Markdown around a call must parse as one document: a list may go on after a card, and a
//! call may stand inside a sentence. So the parser reads each call as one plain word at its
//! place, and the event of that word becomes an [`Item::Call`]: the call's drawn HTML is put
//! there, as an event, never by searching the finished HTML for it. A call that is a paragraph
//! of its own takes the paragraph's place.
//!
//! Under a site's allow-list the sanitizer must read the whole page's Markdown, but must not
//! clean the theme's HTML: there each call crosses it as an empty [`SLOT`] element, which
//! content cannot write (raw HTML naming it is dropped), and is drawn after.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use crate::limits;
use crate::model::Block;

/// The element a call stands as while the sanitizer reads the page.
pub const SLOT_TAG: &str = "motcua-shortcode";
const SLOT: &str = "<motcua-shortcode></motcua-shortcode>";

/// A Markdown event with the bytes of the text it comes from, or the place of a call.
pub enum Item<'a> {
    Event(Event<'a>, Range<usize>),
    /// The `index`-th call of the body; `alone` when it is a paragraph of its own.
    Call {
        index: usize,
        alone: bool,
    },
}

/// The text the parser reads for `blocks`, and the bytes of the word each call stands as.
pub fn text_of(blocks: &[Block]) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut words = Vec::new();
    for block in blocks {
        match block {
            Block::Markdown(m) => text.push_str(m),
            Block::Call(_) => {
                let start = text.len();
                // Letters and digits only: a word that no Markdown rule treats specially.
                text.push_str(&format!("MOTCUASHORTCODE{}X", words.len()));
                words.push(start..text.len());
            }
        }
    }
    (text, words)
}

/// The events of a text without calls.
pub fn plain(text: &str) -> impl Iterator<Item = Item<'_>> {
    let events = Parser::new_ext(text, limits::markdown_options()).into_offset_iter();
    events.map(|(e, r)| Item::Event(e, r))
}

/// The events of `text`, with the calls at `words` in their places.
pub fn items<'a>(text: &'a str, words: &[Range<usize>]) -> Vec<Item<'a>> {
    let events: Vec<_> = Parser::new_ext(text, limits::markdown_options())
        .into_offset_iter()
        .collect();
    let word_at = |range: &Range<usize>| words.iter().position(|w| w == range);
    let mut out = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let [
            (Event::Start(Tag::Paragraph), _),
            (Event::Text(_), range),
            (Event::End(TagEnd::Paragraph), _),
            ..,
        ] = &events[i..]
            && let Some(index) = word_at(range)
        {
            out.push(Item::Call { index, alone: true });
            i += 3;
            continue;
        }
        let (event, range) = events[i].clone();
        match event {
            Event::Text(t) if words.iter().any(|w| overlaps(w, &range)) => {
                split_text(&t, &range, text, words, &mut out)
            }
            event => out.push(Item::Event(event, range)),
        }
        i += 1;
    }
    out
}

fn overlaps(word: &Range<usize>, range: &Range<usize>) -> bool {
    word.start < range.end && range.start < word.end
}

/// A text event around one or more calls' words: the text before each, the call, the rest.
fn split_text<'a>(
    t: &str,
    range: &Range<usize>,
    text: &str,
    words: &[Range<usize>],
    out: &mut Vec<Item<'a>>,
) {
    let mut rest = t;
    for (index, w) in words.iter().enumerate() {
        if !overlaps(w, range) {
            continue;
        }
        let Some(at) = rest.find(&text[w.clone()]) else {
            continue;
        };
        if at > 0 {
            let before = CowStr::from(rest[..at].to_owned());
            out.push(Item::Event(Event::Text(before), range.clone()));
        }
        out.push(Item::Call {
            index,
            alone: false,
        });
        rest = &rest[at + w.len()..];
    }
    if !rest.is_empty() {
        let after = CowStr::from(rest.to_owned());
        out.push(Item::Event(Event::Text(after), range.clone()));
    }
}

/// The event a call becomes: its HTML, or its slot when the page will be sanitized.
pub fn event(drawn: &[String], index: usize, alone: bool, sanitized: bool) -> Event<'static> {
    let html = if sanitized {
        SLOT
    } else {
        drawn[index].as_str()
    };
    // A paragraph of its own ended its line.
    let end = if alone { "\n" } else { "" };
    Event::Html(format!("{html}{end}").into())
}

/// Whether raw HTML from content names the slot element, which only calls may use.
pub fn names_slot(raw: &str) -> bool {
    raw.to_ascii_lowercase().contains(SLOT_TAG)
}

/// Sanitized HTML with each slot replaced by its call's HTML, in order.
pub fn fill_slots(html: &str, drawn: &[String]) -> String {
    let mut out = String::with_capacity(html.len() + drawn.iter().map(String::len).sum::<usize>());
    let mut pieces = html.split(SLOT);
    out.push_str(pieces.next().unwrap_or_default());
    for (piece, call) in pieces.zip(drawn) {
        out.push_str(call);
        out.push_str(piece);
    }
    out
}
