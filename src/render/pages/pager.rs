//! Numbered pages of a long list: which members a page shows, and the pager that leads through
//! the list without JavaScript. The addresses come from [`routes::numbered`].

use serde::Serialize;

use crate::catalog::{Catalog, routes};

/// How many page numbers the pager shows on each side of the current one, besides the first
/// and the last: a list of 400 pages still has a pager of a few links.
const AROUND: usize = 2;

/// Where a page stands in its list, as the template's `pager`.
#[derive(Debug, Clone, Serialize)]
pub struct Pager {
    /// This page's number, from 1, and how many pages the list has.
    pub number: usize,
    pub count: usize,
    /// Positions (from 1) of the first and last member shown, and how many the list has.
    pub from: usize,
    pub to: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The numbers linked: the first, the last and those around this page, a gap where
    /// numbers are left out.
    pub links: Vec<PagerLink>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PagerLink {
    /// `None` for a gap (drawn as "…").
    pub number: Option<usize>,
    pub url: Option<String>,
    pub current: bool,
}

/// Page `number` (from 1) of the list at `list` whose members are `members`: the members it
/// shows, its address and its pager. A number past the last page shows nothing.
pub fn page<'a, T>(
    c: &Catalog,
    list: &str,
    members: &'a [T],
    number: usize,
) -> (&'a [T], String, Pager) {
    let count = routes::page_count(members.len());
    let start = ((number - 1) * routes::PER_PAGE).min(members.len());
    let end = (start + routes::PER_PAGE).min(members.len());
    let url = |n: usize| c.base.url(&routes::numbered(list, n));
    let pager = Pager {
        number,
        count,
        from: start + 1,
        to: end,
        total: members.len(),
        prev: (number > 1).then(|| url(number - 1)),
        next: (number < count).then(|| url(number + 1)),
        links: shown(number, count)
            .into_iter()
            .map(|n| PagerLink {
                number: n,
                url: n.map(url),
                current: n == Some(number),
            })
            .collect(),
    };
    (&members[start..end], routes::numbered(list, number), pager)
}

/// The page numbers a pager links, in order, `None` where a run of numbers is left out.
fn shown(number: usize, count: usize) -> Vec<Option<usize>> {
    let near = |n: usize| n == 1 || n == count || n.abs_diff(number) <= AROUND;
    let mut out = Vec::new();
    for n in 1..=count {
        if near(n) {
            out.push(Some(n));
        } else if out.last() != Some(&None) {
            out.push(None);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn the_pager_links_the_ends_and_the_pages_around_this_one() {
        assert_eq!(shown(1, 1), vec![Some(1)]);
        assert_eq!(shown(2, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            shown(6, 400),
            vec![
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(400)
            ]
        );
        assert_eq!(shown(1, 9), vec![Some(1), Some(2), Some(3), None, Some(9)]);
    }
}
