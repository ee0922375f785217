//! A procedure's page, with its schema.org `GovernmentService` JSON-LD.

use serde::Serialize;
use serde_json::{Value, json};

use crate::catalog::{Catalog, ProcedureEntry};
use crate::model::Agency;
use crate::render::jsonld::script_json;
use crate::render::views::{Ctx, ProcedureView};

use super::renderer::Page;

#[derive(Serialize)]
struct ProcedurePage {
    procedure: ProcedureView,
    jsonld: String,
}

/// Reads what [`ProcedureView::of`] reads, and the site's language.
pub fn page<'c>(ctx: &Ctx<'c, '_>, p: &'c ProcedureEntry) -> Page<'c> {
    let view = ProcedurePage {
        procedure: ctx.procedure(p),
        jsonld: government_service(ctx.catalog, p),
    };
    let video_script = !view.procedure.videos.is_empty();
    Page::new("procedure.html", &p.path, &view)
        .of_file(&p.data.name, &p.file)
        .with_video(video_script)
}

/// schema.org GovernmentService for a procedure page, as a string safe inside `<script>`.
fn government_service(c: &Catalog, p: &ProcedureEntry) -> String {
    let d = &p.data;
    let agencies: Vec<&Agency> = p.agencies.iter().map(|&a| &c.agencies[a].item).collect();
    let organization = |a: &Agency| json!({"@type": "GovernmentOrganization", "name": a.name, "address": a.address, "telephone": a.phone, "url": a.website});
    // One provider reads as an object, several as a list: both are schema.org.
    let provider = match agencies.as_slice() {
        [] => Value::Null,
        [one] => organization(one),
        many => many.iter().map(|a| organization(a)).collect(),
    };
    let mut channels = Vec::new();
    if let Some(url) = &p.portal_url {
        channels.push(json!({"@type": "ServiceChannel", "serviceUrl": url, "availableLanguage": c.config.language}));
    }
    for a in &agencies {
        channels.push(json!({
            "@type": "ServiceChannel",
            "serviceLocation": {"@type": "Place", "name": a.name, "address": a.address},
            "servicePhone": a.phone,
        }));
    }
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "identifier": d.code,
        "name": d.name,
        "description": d.summary,
        "url": c.base.absolute(&p.path),
        "serviceType": p.field.map(|f| &c.fields[f].item.name),
        "provider": provider,
        "availableChannel": channels,
        "audience": d.applicants.iter().map(|a| json!({"@type": "Audience", "audienceType": a})).collect::<Vec<_>>(),
        "dateModified": d.updated,
    });
    script_json(ld)
}
