//! The headings of a rendered page: each gets an id of its own for links and the table of
//! contents, even when the page is rendered in parts (a guide and the boxes inside it).

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

use crate::slug::slugify;

/// The heading ids given out on one page, with how often each was asked for.
pub type HeadingIds = HashMap<String, usize>;

/// A heading of a rendered body, for tables of contents and anchor checks.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// The events of a page being written; each heading gets its id as it closes.
#[derive(Default)]
pub struct Page<'e> {
    pub events: Vec<Event<'e>>,
    heading: Option<(HeadingLevel, Vec<Event<'e>>)>,
    pub headings: Vec<Heading>,
}

impl<'e> Page<'e> {
    pub fn push(&mut self, event: Event<'e>, ids: &mut HeadingIds) {
        match (&mut self.heading, event) {
            (None, Event::Start(Tag::Heading { level, .. })) => {
                self.heading = Some((level, Vec::new()))
            }
            (Some(_), Event::End(TagEnd::Heading(level))) => {
                let (_, inner) = self.heading.take().unwrap_or((level, Vec::new()));
                let text = plain_text(&inner);
                let id = unique_id(&slugify(&text), ids);
                self.headings.push(Heading {
                    level: level as u8,
                    id: id.clone(),
                    text,
                });
                let start = Tag::Heading {
                    level,
                    id: Some(id.into()),
                    classes: vec![],
                    attrs: vec![],
                };
                self.events.push(Event::Start(start));
                self.events.extend(inner);
                self.events.push(Event::End(TagEnd::Heading(level)));
            }
            (Some((_, inner)), e) => inner.push(e),
            (None, e) => self.events.push(e),
        }
    }
}

fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

fn unique_id(base: &str, seen: &mut HashMap<String, usize>) -> String {
    let base = if base.is_empty() { "muc" } else { base };
    let n = seen.entry(base.to_owned()).or_default();
    *n += 1;
    if *n == 1 {
        base.to_owned()
    } else {
        format!("{base}-{n}")
    }
}
