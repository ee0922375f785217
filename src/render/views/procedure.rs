//! A procedure as its page, its leaflet and the shortcodes that draw it show it: every part, with
//! its Markdown rendered and its addresses made.

use serde::Serialize;

use crate::catalog::{Catalog, Group, ProcedureEntry, routes};
use crate::model::{Agency, Case, Channel, Date, Document, Procedure};
use crate::render::markdown::Markdown;
use crate::render::video::{Media, VideoView};
use crate::validate::steps::{StepBody, StepPart};

use super::cards::{GuideCard, Link, ProcedureCard};
use super::format::{Numbers, id_of};

#[derive(Serialize)]
pub struct ProcedureView {
    #[serde(flatten)]
    pub card: ProcedureCard,
    pub short_url: String,
    pub absolute_short_url: String,
    pub portal_url: Option<String>,
    /// The printable leaflet (tờ gấp), for procedures in force.
    pub leaflet_url: Option<String>,
    pub levels: Vec<Link>,
    /// Where to go: every agency, in the editor's order.
    pub agencies: Vec<AgencyView>,
    pub applicants: Vec<String>,
    pub channels: Vec<ChannelView>,
    pub steps: Vec<StepView>,
    pub documents: Vec<DocumentView>,
    pub cases: Vec<CaseView>,
    pub result: String,
    pub conditions: Vec<String>,
    pub legal_basis: Vec<LegalView>,
    pub keywords: Vec<String>,
    pub life_events: Vec<Link>,
    pub faq: Vec<FaqView>,
    pub guides: Vec<GuideCard>,
    /// The videos of the guides that explain this procedure.
    pub videos: Vec<GuideVideo>,
    pub decision: Option<DecisionView>,
    pub source_url: Option<String>,
    pub reviewed: Option<String>,
    pub replaced_by: Option<Link>,
    pub replaces: Vec<Link>,
}

#[derive(Serialize)]
pub struct AgencyView {
    pub id: String,
    pub name: String,
    pub url: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub hours: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub map_url: Option<String>,
}

#[derive(Serialize)]
pub struct ChannelView {
    pub method: String,
    pub duration: String,
    pub days: Option<f64>,
    pub fee: String,
    pub fee_vnd: Option<u64>,
    /// The portal's description of the channel, for the page only.
    pub note: Option<String>,
}

/// A step as `partials/step.html` draws it: its title, and its body's parts in order, their
/// inline Markdown rendered.
#[derive(Serialize)]
pub struct StepView {
    pub title: Option<String>,
    pub parts: Vec<StepPartView>,
}

/// `kind` is `text` (with `html`) or `list` (with `items`).
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum StepPartView {
    Text { html: String },
    List { items: Vec<SubItemView> },
}

#[derive(Serialize)]
pub struct SubItemView {
    /// "a)", "(ii)" as written; none for a bullet.
    pub label: Option<String>,
    pub html: String,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    /// The note, unless it only names an upstream form (then `named_form`).
    pub note_html: Option<String>,
    pub form: Option<FormView>,
    /// Neither originals nor copies: an explanation to read, not a thing to bring.
    pub is_note: bool,
    /// The form the note names ("Mẫu đơn, tờ khai: Mẫu số 09.docx" upstream), when the item has
    /// no form file of its own.
    pub named_form: Option<NamedForm>,
}

/// A form that the national database names but the site does not publish.
#[derive(Debug, Clone, Serialize)]
pub struct NamedForm {
    /// The file's name without its extension: "Mẫu số 09".
    pub name: String,
    /// "DOCX", "PDF"…
    pub kind: String,
}

#[derive(Serialize)]
pub struct FormView {
    pub url: String,
    pub name: String,
    /// "DOCX", "PDF"…
    pub kind: String,
    pub size_bytes: u64,
    pub size: String,
}

#[derive(Serialize)]
pub struct CaseView {
    pub name: String,
    pub documents: Vec<DocumentView>,
    /// The case's own channels, or the procedure's when it has none.
    pub channels: Vec<ChannelView>,
    pub own_channels: bool,
    /// Shown open: the case the editor marks, else the first.
    pub open: bool,
}

#[derive(Serialize)]
pub struct LegalView {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct FaqView {
    pub q: String,
    pub a_html: String,
}

#[derive(Serialize)]
pub struct DecisionView {
    pub number: String,
    pub date: Option<String>,
    pub url: Option<String>,
}

/// A guide's video shown on another page, with the guide it belongs to.
#[derive(Serialize)]
pub struct GuideVideo {
    pub guide: GuideCard,
    pub video: VideoView,
}

/// What a procedure's view is made from besides the catalog.
pub struct Parts<'a, 'm> {
    pub markdown: &'a Markdown<'m>,
    pub media: &'a Media,
    pub numbers: &'a Numbers,
}

impl ProcedureView {
    /// Reads the procedure, its agency, field, life events, guides (and their videos), the
    /// procedures it replaces or is replaced by, and its forms among the published files.
    pub fn of(c: &Catalog, parts: &Parts, p: &ProcedureEntry) -> ProcedureView {
        let d = &p.data;
        let channels = channel_views(&d.channels);
        ProcedureView {
            card: ProcedureCard::of(c, p),
            short_url: c.base.url(&p.short_path),
            absolute_short_url: c.base.absolute(&p.short_path),
            portal_url: p.portal_url.clone(),
            leaflet_url: p.leaflet_path.as_deref().map(|l| c.base.url(l)),
            levels: d.level.iter().map(|l| Link::level(c, *l)).collect(),
            agencies: p
                .agencies
                .iter()
                .map(|&a| AgencyView::of(c, &c.agencies[a]))
                .collect(),
            applicants: d.applicants.clone(),
            steps: steps(parts.markdown, d, &p.steps),
            documents: d
                .documents
                .iter()
                .flatten()
                .map(|doc| document(c, parts, doc))
                .collect(),
            cases: d
                .cases
                .iter()
                .enumerate()
                .map(|(i, case)| CaseView::of(c, parts, d, case, open_case(d) == Some(i)))
                .collect(),
            channels,
            result: d.result.clone(),
            conditions: d.conditions.clone(),
            legal_basis: d
                .legal_basis
                .iter()
                .map(|l| LegalView {
                    title: l.title().to_owned(),
                    url: l.url().map(str::to_owned),
                })
                .collect(),
            keywords: d.keywords.clone(),
            life_events: p
                .life_events
                .iter()
                .map(|&e| Link::group(c, &c.life_events[e], |x| &x.name))
                .collect(),
            faq: d
                .faq
                .iter()
                .map(|f| FaqView {
                    q: f.q.clone(),
                    a_html: parts.markdown.block(&f.a, "", 1, &Default::default()).html,
                })
                .collect(),
            guides: p
                .guides
                .iter()
                .map(|&g| GuideCard::of(c, &c.guides[g]))
                .collect(),
            videos: GuideVideo::of_procedure(c, parts.media, p),
            decision: d.decision.as_ref().map(|x| DecisionView {
                number: x.number.clone(),
                date: x.date.map(|d| d.to_string()),
                url: x.url.clone(),
            }),
            source_url: d.source_url.clone(),
            reviewed: d.reviewed.map(|r: Date| r.to_string()),
            replaced_by: p.replaced_by.map(|r| Link::procedure(c, &c.procedures[r])),
            replaces: p
                .replaces
                .iter()
                .map(|&r| Link::procedure(c, &c.procedures[r]))
                .collect(),
        }
    }
}

impl CaseView {
    /// A case of `d`, with the procedure's channels when it has none of its own.
    fn of(c: &Catalog, parts: &Parts, d: &Procedure, case: &Case, open: bool) -> CaseView {
        CaseView {
            open,
            name: case.name.clone(),
            documents: case
                .documents
                .iter()
                .map(|doc| document(c, parts, doc))
                .collect(),
            own_channels: case.channels.is_some(),
            channels: case
                .channels
                .as_deref()
                .map_or_else(|| channel_views(&d.channels), channel_views),
        }
    }
}

impl GuideVideo {
    /// The videos of the guides that explain `p`, with ids unique on its page.
    fn of_procedure(c: &Catalog, media: &Media, p: &ProcedureEntry) -> Vec<GuideVideo> {
        p.guides
            .iter()
            .filter_map(|&g| {
                let guide = &c.guides[g];
                let v = guide.meta.video.as_ref()?;
                let id = format!("video_{}", g + 1);
                Some(GuideVideo {
                    guide: GuideCard::of(c, guide),
                    video: media.view(&c.base, v, &id, &guide.meta.title),
                })
            })
            .collect()
    }
}

impl AgencyView {
    pub fn of(c: &Catalog, g: &Group<Agency>) -> AgencyView {
        let a = &g.item;
        AgencyView {
            id: g.id.clone(),
            name: a.name.clone(),
            url: c.base.url(&g.path),
            address: a.address.clone(),
            phone: a.phone.clone(),
            hours: a.hours.clone(),
            email: a.email.clone(),
            website: a.website.clone(),
            map_url: a.map_url.clone(),
        }
    }
}

fn channel_views(channels: &[Channel]) -> Vec<ChannelView> {
    channels
        .iter()
        .map(|c| ChannelView {
            method: id_of(&c.method),
            duration: c.duration.clone(),
            days: c.days,
            fee: c.fee.clone(),
            fee_vnd: c.fee_vnd,
            note: c.note.clone(),
        })
        .collect()
}

/// The steps with their bodies; one with neither title nor text is left out (`check` says so).
fn steps(markdown: &Markdown, d: &Procedure, bodies: &[StepBody]) -> Vec<StepView> {
    d.steps
        .iter()
        .zip(bodies)
        .filter(|(s, body)| s.title().is_some() || !body.is_empty())
        .map(|(s, body)| StepView {
            title: s.title().map(str::to_owned),
            parts: body
                .parts
                .iter()
                .map(|part| match part {
                    StepPart::Text(t) => StepPartView::Text {
                        html: markdown.inline(t),
                    },
                    StepPart::List(items) => StepPartView::List {
                        items: items
                            .iter()
                            .map(|i| SubItemView {
                                label: i.label.clone(),
                                html: markdown.inline(&i.text),
                            })
                            .collect(),
                    },
                })
                .collect(),
        })
        .collect()
}

/// The case shown open: the first the editor marks `open`, else the first.
fn open_case(d: &Procedure) -> Option<usize> {
    let marked = d.cases.iter().position(|c| c.open);
    marked.or((!d.cases.is_empty()).then_some(0))
}

fn document(c: &Catalog, parts: &Parts, d: &Document) -> DocumentView {
    let form = d.form.as_ref().and_then(|f| form(c, parts.numbers, f));
    let named_form = d.note.as_deref().and_then(named_form);
    DocumentView {
        name: d.name.clone(),
        originals: d.originals,
        copies: d.copies,
        note_html: match named_form {
            Some(_) => None,
            None => d.note.as_ref().map(|n| parts.markdown.inline(n)),
        },
        // A published form file says more than its upstream name.
        named_form: named_form.filter(|_| form.is_none()),
        form,
        is_note: d.originals == 0 && d.copies == 0,
    }
}

/// Extensions of the form files the national database names in notes.
const FORM_EXTENSIONS: [&str; 7] = ["doc", "docx", "pdf", "xls", "xlsx", "odt", "rtf"];

/// The form a note names, when the note is only a file name after a label, as the national
/// database writes them: "<label>: Mẫu số 09.docx". Read by shape, not by the label's words.
fn named_form(note: &str) -> Option<NamedForm> {
    let note = note.trim();
    let file = note.split_once(": ").map_or(note, |(_, f)| f).trim();
    let (stem, ext) = file.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    let stem = stem.trim_end_matches('.').trim();
    let plain = file.chars().count() <= 200 && !file.contains('\n');
    (plain && !stem.is_empty() && FORM_EXTENSIONS.contains(&ext.as_str())).then(|| NamedForm {
        name: stem.to_owned(),
        kind: ext.to_ascii_uppercase(),
    })
}

fn form(c: &Catalog, numbers: &Numbers, path: &str) -> Option<FormView> {
    let file = c.files.get(path)?;
    let name = path.rsplit('/').next().unwrap_or(path).to_owned();
    let kind = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_uppercase())
        .unwrap_or_default();
    Some(FormView {
        url: c.base.url(&routes::content_file(path)),
        name,
        kind,
        size_bytes: file.size,
        size: numbers.size(file.size),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_that_is_an_upstream_file_name_names_a_form() {
        let f = named_form("Mẫu đơn, tờ khai: Mẫu số 36..docx").unwrap();
        assert_eq!((f.name.as_str(), f.kind.as_str()), ("Mẫu số 36", "DOCX"));
        assert_eq!(named_form("Mau57.doc").unwrap().name, "Mau57");
        assert!(named_form("Chỉ xuất trình để đối chiếu.").is_none());
        assert!(named_form("Nộp bản sao: xem Điều 5 Nghị định 01/2025/NĐ-CP.").is_none());
    }
}
