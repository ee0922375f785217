//! The A–Z list of procedures and the page of each initial letter.

use serde::Serialize;

use crate::catalog::{Catalog, Letter, routes};
use crate::render::views::ProcedureCard;

use super::pager;
use super::renderer::Page;

/// How many procedures the A–Z page lists in full before it only links to one page per letter.
const AZ_INLINE_LIMIT: usize = 600;

/// A letter with the cards of its procedures.
#[derive(Serialize)]
struct LetterView {
    letter: String,
    procedures: Vec<ProcedureCard>,
}

impl LetterView {
    /// The letter with the cards of `procedures`, some or all of its own.
    fn of(c: &Catalog, l: &Letter, procedures: &[usize]) -> LetterView {
        LetterView {
            letter: l.letter.clone(),
            procedures: ProcedureCard::list(c, procedures),
        }
    }
}

#[derive(Serialize)]
struct AtoZ {
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<Vec<LetterView>>,
}

/// Reads the letters; the procedures too while they are few enough to list on one page.
pub fn index(c: &Catalog) -> Page<'_> {
    let groups = (c.procedures.len() <= AZ_INLINE_LIMIT).then(|| {
        let view = |l: &Letter| LetterView::of(c, l, &l.procedures);
        c.letters.iter().map(view).collect()
    });
    Page::new("az.html", routes::PROCEDURES, &AtoZ { groups })
}

#[derive(Serialize)]
struct LetterPage {
    letter: LetterView,
}

/// Reads the letter and the procedures of page `number` of its list.
pub fn letter<'c>(c: &'c Catalog, l: &Letter, number: usize) -> Page<'c> {
    let (shown, path, pager) = pager::page(c, &l.path, &l.procedures, number);
    let view = LetterPage {
        letter: LetterView::of(c, l, shown),
    };
    Page::new("letter.html", &path, &view)
        .titled(&l.letter)
        .paged(&pager)
}
