//! What templates see: small serialisable views of catalog entries, built per page.
//!
//! A page's context holds only what that page shows; lists hold cards, not whole procedures.
//! Labels for ids (`online`, `level`, `method`, `status`) come from the theme's strings.

use serde::Serialize;

use crate::catalog::{Catalog, Group, GuideEntry, ProcedureEntry};
use crate::model::{Channel, Date, Document, Level, Step};

use super::markdown::Markdown;
use super::video::{Media, VideoView};

#[derive(Serialize)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// A procedure in a list: enough to recognise it and decide to open it.
#[derive(Serialize)]
pub struct ProcedureCard {
    pub code: String,
    pub name: String,
    pub summary: Option<String>,
    pub url: String,
    pub online: String,
    pub status: String,
    pub field: Option<Link>,
    pub updated: String,
    pub initial: String,
    /// Time and fee of the first channel, for cards and shortcodes.
    pub duration: Option<String>,
    pub fee: Option<String>,
}

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
    pub agency: Option<AgencyView>,
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
}

#[derive(Serialize)]
pub struct StepView {
    pub title: Option<String>,
    pub html: String,
}

#[derive(Serialize)]
pub struct DocumentView {
    pub name: String,
    pub originals: u32,
    pub copies: u32,
    pub note_html: Option<String>,
    pub form: Option<FormView>,
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
    pub date: String,
    pub url: Option<String>,
}

#[derive(Serialize)]
pub struct GuideCard {
    pub title: String,
    pub summary: Option<String>,
    pub url: String,
    pub updated: String,
    pub has_video: bool,
}

/// A guide's video shown on another page, with the guide it belongs to.
#[derive(Serialize)]
pub struct GuideVideo {
    pub guide: GuideCard,
    pub video: VideoView,
}

#[derive(Serialize)]
pub struct GroupView {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub url: String,
    pub count: usize,
}

/// Everything views are built with.
pub struct Ctx<'a, 'm> {
    pub catalog: &'a Catalog,
    pub markdown: &'a Markdown<'m>,
    pub media: &'a Media,
}

impl Ctx<'_, '_> {
    pub fn url(&self, path: &str) -> String {
        self.catalog.base.url(path)
    }

    pub fn link(&self, p: &ProcedureEntry) -> Link {
        Link {
            name: p.data.name.clone(),
            url: self.url(&p.path),
        }
    }

    pub fn card(&self, p: &ProcedureEntry) -> ProcedureCard {
        let d = &p.data;
        let first = d.channels.first();
        ProcedureCard {
            code: d.code.clone(),
            name: d.name.clone(),
            summary: d.summary.clone(),
            url: self.url(&p.path),
            online: id_of(&d.online),
            status: id_of(&d.status),
            field: p
                .field
                .map(|f| self.group_link(&self.catalog.fields[f], |x| &x.name)),
            updated: d.updated.to_string(),
            initial: p.initial.clone(),
            duration: first.map(|c| c.duration.clone()),
            fee: first.map(|c| c.fee.clone()),
        }
    }

    pub fn cards(&self, indices: &[usize]) -> Vec<ProcedureCard> {
        indices
            .iter()
            .map(|&i| self.card(&self.catalog.procedures[i]))
            .collect()
    }

    pub fn group_link<T>(&self, g: &Group<T>, name: impl Fn(&T) -> &String) -> Link {
        Link {
            name: name(&g.item).clone(),
            url: self.url(&g.path),
        }
    }

    pub fn group_view<T>(
        &self,
        g: &Group<T>,
        name: impl Fn(&T) -> String,
        description: impl Fn(&T) -> Option<String>,
    ) -> GroupView {
        GroupView {
            id: g.id.clone(),
            name: name(&g.item),
            description: description(&g.item),
            url: self.url(&g.path),
            count: g.procedures.len(),
        }
    }

    pub fn guide_card(&self, g: &GuideEntry) -> GuideCard {
        GuideCard {
            title: g.meta.title.clone(),
            summary: g.meta.summary.clone(),
            url: self.url(&g.path),
            updated: g.meta.updated.to_string(),
            has_video: g.meta.video.is_some(),
        }
    }

    pub fn procedure(&self, p: &ProcedureEntry) -> ProcedureView {
        let c = self.catalog;
        let d = &p.data;
        let channels = self.channels(&d.channels);
        ProcedureView {
            card: self.card(p),
            short_url: self.url(&p.short_path),
            absolute_short_url: c.base.absolute(&p.short_path),
            portal_url: p.portal_url.clone(),
            leaflet_url: p.leaflet_path.as_deref().map(|l| self.url(l)),
            levels: d.level.iter().map(|l| self.level_link(*l)).collect(),
            agency: p.agency.map(|a| self.agency(&c.agencies[a])),
            applicants: d.applicants.clone(),
            steps: d.steps.iter().map(|s| self.step(s)).collect(),
            documents: d
                .documents
                .iter()
                .flatten()
                .map(|doc| self.document(doc))
                .collect(),
            cases: d
                .cases
                .iter()
                .map(|case| CaseView {
                    name: case.name.clone(),
                    documents: case
                        .documents
                        .iter()
                        .map(|doc| self.document(doc))
                        .collect(),
                    own_channels: case.channels.is_some(),
                    channels: case
                        .channels
                        .as_deref()
                        .map_or_else(|| self.channels(&d.channels), |ch| self.channels(ch)),
                })
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
                .map(|&e| self.group_link(&c.life_events[e], |x| &x.name))
                .collect(),
            faq: d
                .faq
                .iter()
                .map(|f| FaqView {
                    q: f.q.clone(),
                    a_html: self.markdown.block(&f.a, "", 1, &Default::default()).html,
                })
                .collect(),
            guides: p
                .guides
                .iter()
                .map(|&g| self.guide_card(&c.guides[g]))
                .collect(),
            videos: p
                .guides
                .iter()
                .filter_map(|&g| {
                    let guide = &c.guides[g];
                    let v = guide.meta.video.as_ref()?;
                    Some(GuideVideo {
                        guide: self.guide_card(guide),
                        video: self.media.view(
                            &c.base,
                            v,
                            &format!("video_{}", g + 1),
                            &guide.meta.title,
                        ),
                    })
                })
                .collect(),
            decision: d.decision.as_ref().map(|x| DecisionView {
                number: x.number.clone(),
                date: x.date.to_string(),
                url: x.url.clone(),
            }),
            source_url: d.source_url.clone(),
            reviewed: d.reviewed.map(|r: Date| r.to_string()),
            replaced_by: p.replaced_by.map(|r| self.link(&c.procedures[r])),
            replaces: p
                .replaces
                .iter()
                .map(|&r| self.link(&c.procedures[r]))
                .collect(),
        }
    }

    pub fn level_link(&self, level: Level) -> Link {
        Link {
            name: level.id().to_owned(),
            url: self.url(&format!(
                "{}{}/",
                crate::catalog::routes::LEVELS,
                level.id()
            )),
        }
    }

    pub fn agency(&self, g: &Group<crate::model::Agency>) -> AgencyView {
        let a = &g.item;
        AgencyView {
            id: g.id.clone(),
            name: a.name.clone(),
            url: self.url(&g.path),
            address: a.address.clone(),
            phone: a.phone.clone(),
            hours: a.hours.clone(),
            email: a.email.clone(),
            website: a.website.clone(),
            map_url: a.map_url.clone(),
        }
    }

    fn channels(&self, channels: &[Channel]) -> Vec<ChannelView> {
        channels
            .iter()
            .map(|c| ChannelView {
                method: id_of(&c.method),
                duration: c.duration.clone(),
                days: c.days,
                fee: c.fee.clone(),
                fee_vnd: c.fee_vnd,
            })
            .collect()
    }

    fn step(&self, s: &Step) -> StepView {
        StepView {
            title: s.title().map(str::to_owned),
            html: self.markdown.inline(s.text()),
        }
    }

    fn document(&self, d: &Document) -> DocumentView {
        DocumentView {
            name: d.name.clone(),
            originals: d.originals,
            copies: d.copies,
            note_html: d.note.as_ref().map(|n| self.markdown.inline(n)),
            form: d.form.as_ref().and_then(|f| self.form(f)),
        }
    }

    fn form(&self, path: &str) -> Option<FormView> {
        let file = self.catalog.files.get(path)?;
        let name = path.rsplit('/').next().unwrap_or(path).to_owned();
        let kind = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_uppercase())
            .unwrap_or_default();
        Some(FormView {
            url: self.url(&format!("/{path}")),
            name,
            kind,
            size_bytes: file.size,
            size: human_size(file.size),
        })
    }
}

/// The serde name of an enum value (`toan-trinh`), which is also its key in the theme strings.
pub fn id_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// File sizes as people read them: "18 KB", "1,2 MB" (Vietnamese decimal comma).
pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)).replace('.', ","),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(300), "300 B");
        assert_eq!(human_size(18_000), "18 KB");
        assert_eq!(human_size(1_300_000), "1,2 MB");
    }
}
