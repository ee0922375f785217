//! What is searchable about each published procedure and guide, as plain text per index field.

use motcua_search::Document;
use pulldown_cmark::{Event, Parser};

use crate::catalog::Catalog;
use crate::model::{Status, Step, body};

/// Every published procedure (in catalog order), then every guide: the documents of
/// [`super::Entry`] order. A procedure's position is its index in the catalog, so its
/// `replaced_by` names the replacing procedure's document. Superseded: replaced (thay thế) or
/// repealed (hết hiệu lực); code: mã thủ tục, empty for guides; body: field and agency names,
/// steps, documents, result (procedures), the body (guides).
pub fn documents(catalog: &Catalog) -> Vec<Document> {
    let procedures = catalog.procedures.iter().map(|p| {
        let d = &p.data;
        let mut body = Vec::new();
        body.extend(p.field.map(|f| catalog.fields[f].item.name.clone()));
        body.extend(
            p.agencies
                .iter()
                .map(|&a| catalog.agencies[a].item.name.clone()),
        );
        for step in &d.steps {
            body.extend(step.title().map(str::to_owned));
            body.push(plain_text(match step {
                Step::Text(t) => t,
                Step::Titled(s) => &s.text,
            }));
        }
        let documents = d.documents.iter().flatten();
        let case_documents = d.cases.iter().flat_map(|c| &c.documents);
        body.extend(d.cases.iter().map(|c| c.name.clone()));
        for doc in documents.chain(case_documents) {
            body.push(doc.name.clone());
            body.extend(doc.note.as_deref().map(plain_text));
        }
        body.push(plain_text(&d.result));
        Document {
            superseded: d.status != Status::HieuLuc,
            replaced_by: p.replaced_by,
            code: d.code.clone(),
            title: d.name.clone(),
            keywords: d.keywords.join("\n"),
            summary: d.summary.clone().unwrap_or_default(),
            body: body.join("\n"),
        }
    });
    let guides = catalog.guides.iter().map(|g| {
        // Other shortcodes than boxes draw catalog data, indexed with its own entry.
        let body = body::markdown(&g.body).into_iter().map(plain_text);
        Document {
            superseded: false,
            replaced_by: None,
            code: String::new(),
            title: g.meta.title.clone(),
            keywords: String::new(),
            summary: g.meta.summary.clone().unwrap_or_default(),
            body: body.collect::<Vec<_>>().join("\n"),
        }
    });
    procedures.chain(guides).collect()
}

/// The words of a Markdown text without its markup or link addresses.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            _ => out.push(' '),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup_and_addresses() {
        let text = plain_text("Nộp **tờ khai** tại [cổng](https://dichvucong.gov.vn/x) `mã`");
        assert!(!text.contains("https"), "{text}");
        assert!(!text.contains('*'), "{text}");
        assert_eq!(
            motcua_search::tokenize::folded(&text),
            ["nop", "to", "khai", "tai", "cong", "ma"]
        );
    }
}
