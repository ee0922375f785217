//! The open-data export: every procedure and guide in catalog.json and catalog.csv.

use serde::Serialize;
use serde_json::{Value, json};

use crate::catalog::{Catalog, ProcedureEntry, routes};
use crate::model::Video;
use crate::render::sink::{Sink, Stream};
use crate::render::views::id_of;

/// Writes catalog.json and catalog.csv a procedure at a time: for a large catalog they run to
/// tens of megabytes, and the JSON as one tree of values to several times that.
pub fn write(c: &Catalog, sink: &dyn Sink) -> Result<(), csv::Error> {
    let mut json = sink.stream(routes::CATALOG_JSON);
    // The keys in the order a JSON value sorts them, the order the export has always had.
    json.push(br#"{"guides":"#);
    json.push(&serde_json::to_vec(&guides(c)).expect("guides serialize"));
    json.push(br#","procedures":["#);
    let mut csv = sink.stream(routes::CATALOG_CSV);
    // A BOM, so spreadsheet programs open the Vietnamese text as UTF-8.
    csv.push(b"\xef\xbb\xbf");
    let mut csv = csv::Writer::from_writer(Parts(csv));
    csv.write_record(CSV_COLUMNS)?;
    let mut text = Vec::new();
    for (n, p) in c.procedures.iter().enumerate() {
        let r = record(c, p);
        text.clear();
        if n > 0 {
            text.push(b',');
        }
        // Through a value, so the record's keys are sorted like the rest of the export.
        let value = serde_json::to_value(&r).expect("records serialize");
        serde_json::to_writer(&mut text, &value).expect("records serialize");
        json.push(&text);
        csv_row(&mut csv, &r)?;
    }
    json.push(b"]}");
    json.finish();
    csv.into_inner().map_err(|e| e.into_error())?.0.finish();
    Ok(())
}

fn guides(c: &Catalog) -> Vec<Value> {
    c.guides
        .iter()
        .map(|g| {
            json!({
                "title": g.meta.title,
                "url": c.base.absolute(&g.path),
                "summary": g.meta.summary,
                "procedures": g.procedures.iter().map(|&i| &c.procedures[i].data.code).collect::<Vec<_>>(),
                "print_url": c.base.absolute(&g.print_path),
                "video": g.meta.video.as_ref().map(|v| video_record(c, v)),
                "updated": g.meta.updated,
            })
        })
        .collect()
}

/// A stream as a writer, for the CSV writer (which gathers its rows in a buffer of its own).
struct Parts<'s>(Box<dyn Stream + 's>);

impl std::io::Write for Parts<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.push(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A guide's video in catalog.json: where to watch it and what it holds.
fn video_record(c: &Catalog, v: &Video) -> Value {
    let file = |p: &Option<String>| {
        p.as_ref()
            .map(|p| c.base.absolute(&routes::content_file(p)))
    };
    json!({
        "youtube": v.youtube,
        "file": file(&v.file),
        "captions": file(&v.captions),
        "title": v.title,
        "duration": v.duration,
        "duration_seconds": v.seconds(),
        "chapters": v.chapters.iter().map(|ch| json!({"at": ch.at, "seconds": ch.seconds(), "title": ch.title})).collect::<Vec<_>>(),
    })
}

/// One procedure in catalog.json and catalog.csv.
#[derive(Serialize)]
struct Record {
    code: String,
    name: String,
    summary: Option<String>,
    url: String,
    short_url: String,
    portal_url: Option<String>,
    /// The printable leaflet; `null` for procedures no longer in force.
    leaflet_url: Option<String>,
    field: String,
    /// Every agency id, in the editor's order, like `level`.
    agency: Vec<String>,
    level: Vec<String>,
    online: String,
    status: String,
    replaced_by: Option<String>,
    updated: String,
    reviewed: Option<String>,
    fee_vnd: Option<u64>,
    days: Option<f64>,
    life_events: Vec<String>,
    source_url: Option<String>,
}

fn record(c: &Catalog, p: &ProcedureEntry) -> Record {
    let d = &p.data;
    Record {
        code: d.code.clone(),
        name: d.name.clone(),
        summary: d.summary.clone(),
        url: c.base.absolute(&p.path),
        short_url: c.base.absolute(&p.short_path),
        portal_url: p.portal_url.clone(),
        leaflet_url: p.leaflet_path.as_deref().map(|l| c.base.absolute(l)),
        field: d.field.clone(),
        agency: d.agency.ids().to_vec(),
        level: d.level.iter().map(|l| l.id().to_owned()).collect(),
        online: id_of(&d.online),
        status: id_of(&d.status),
        replaced_by: d.replaced_by.clone(),
        updated: d.updated.to_string(),
        reviewed: d.reviewed.map(|r| r.to_string()),
        fee_vnd: d.channels.iter().filter_map(|ch| ch.fee_vnd).min(),
        days: d.channels.iter().filter_map(|ch| ch.days).reduce(f64::min),
        life_events: d.life_events.clone(),
        source_url: d.source_url.clone(),
    }
}

const CSV_COLUMNS: [&str; 15] = [
    "code",
    "name",
    "url",
    "short_url",
    "portal_url",
    "field",
    "agency",
    "level",
    "online",
    "status",
    "replaced_by",
    "updated",
    "reviewed",
    "fee_vnd",
    "days",
];

fn csv_row(w: &mut csv::Writer<Parts>, r: &Record) -> Result<(), csv::Error> {
    w.write_record([
        r.code.as_str(),
        &r.name,
        &r.url,
        &r.short_url,
        r.portal_url.as_deref().unwrap_or_default(),
        &r.field,
        &r.agency.join(";"),
        &r.level.join(";"),
        &r.online,
        &r.status,
        r.replaced_by.as_deref().unwrap_or_default(),
        &r.updated,
        r.reviewed.as_deref().unwrap_or_default(),
        &r.fee_vnd.map(|f| f.to_string()).unwrap_or_default(),
        &r.days.map(|d| d.to_string()).unwrap_or_default(),
    ])
}
