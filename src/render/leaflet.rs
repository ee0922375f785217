//! Tờ gấp: a leaflet per procedure in force, made for print, and bundles of them per field and
//! per life event.
//!
//! The leaflet is HTML with `@page` rules (themes/default/templates/leaflet.html and
//! static/css/leaflet.css); `motcua leaflets --pdf` prints it through Chromium. Whether it fits
//! on one sheet is estimated here, from the amount of text, so `check` can warn without a browser.

use serde::Serialize;

use crate::catalog::{Catalog, ProcedureEntry};
use crate::config::LeafletLayout;
use crate::model::{Agency, Channel, Document, Procedure};
use crate::validate::steps::StepBody;

use serde_json::Value;

use super::qr;
use super::views::{Ctx, ProcedureView};

mod portrait;
pub mod printed;

/// What the leaflet templates see.
#[derive(Serialize)]
pub struct LeafletView {
    pub procedure: ProcedureView,
    /// The leaflet page on the site.
    pub url: String,
    pub layout: LeafletLayout,
    pub size: TextSize,
    /// Estimated sheets of paper (one sheet is both sides of an A4 for the tri-fold).
    pub sheets: u32,
    /// Estimated share of the first sheet's flowing space used (for checking the estimate).
    pub fill: f64,
    /// Some text was cut short to fit (and ends with "…"), which the leaflet says once.
    pub shortened: bool,
    /// The editor's short note printed after the steps (`leaflet.note`).
    pub note: Option<String>,
    /// A name too long for the cover's largest type (set smaller, so the QR code keeps its room).
    pub long_name: bool,
    /// The QR code's image (see `qr_files`), to the procedure's permanent address.
    pub qr_src: String,
    /// The permanent address as printed under the QR code.
    pub qr_url: String,
    /// The image of the QR code to the procedure on the submission portal, for procedures
    /// offered online.
    pub portal_qr_src: Option<String>,
}

/// The QR code images of a leaflet, beside its page: site path → SVG.
pub fn qr_files(p: &ProcedureEntry, qr_url: &str) -> Vec<(String, String)> {
    let Some(dir) = p.leaflet_path.as_deref() else {
        return Vec::new();
    };
    let mut codes = vec![(format!("{dir}{QR_FILE}"), qr_url)];
    if let Some(portal) = p.portal_url.as_deref() {
        codes.push((format!("{dir}{PORTAL_QR_FILE}"), portal));
    }
    codes
        .into_iter()
        .filter_map(|(file, text)| Some((file, qr::svg(text)?)))
        .collect()
}

/// File names of a leaflet's QR codes, in its folder.
const QR_FILE: &str = "qr.svg";
const PORTAL_QR_FILE: &str = "qr-cong.svg";

impl LeafletView {
    /// The leaflet of a procedure in force; `None` for replaced and repealed procedures. Reads
    /// what the procedure's page shows, the site's notice and the leaflet layout of site.toml.
    pub fn of(ctx: &Ctx, counts: Counts, p: &ProcedureEntry) -> Option<LeafletView> {
        let path = p.leaflet_path.as_ref()?;
        let c = ctx.catalog;
        let layout = c.config.leaflet.layout;
        let (data, fit) = plan(&p.data, Around::of(c, p, counts), layout);
        let qr_url = c.base.absolute(&p.short_path);
        let note = printed::note(&data).map(str::to_owned);
        let shortened = printed::shortened(&p.data, &data);
        let long_name = data.name.chars().count() > LONG_NAME;
        // The page's view of the procedure as the leaflet prints it.
        let mut entry = p.clone();
        // Its steps are read again from the shortened text, as the page's are from the full one.
        entry.steps = StepBody::of_steps(&data.steps);
        entry.data = data;
        Some(LeafletView {
            procedure: ctx.procedure(&entry),
            note,
            shortened,
            url: ctx.url(path),
            layout,
            size: fit.size,
            sheets: fit.sheets,
            fill: (f64::from(fit.fill) * 100.0).round() / 100.0,
            long_name,
            qr_src: ctx.url(&format!("{path}{QR_FILE}")),
            portal_qr_src: (p.portal_url.is_some())
                .then(|| ctx.url(&format!("{path}{PORTAL_QR_FILE}"))),
            qr_url,
        })
    }
}

/// Names longer than this are set at 16 pt instead of 20 pt on the cover: at 20 pt, 90 mm holds
/// about 14 characters a line, and the cover has room for five lines above the key facts.
const LONG_NAME: usize = 70;

/// Size of the body text. A leaflet starts at 11 pt and shrinks to 10 pt, then to 9 pt, the
/// smallest size allowed on a leaflet, before going on to a second sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TextSize {
    Normal,
    Compact,
    Small,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub size: TextSize,
    pub sheets: u32,
    /// Estimated share of the first sheet's flowing space used at the chosen size.
    pub fill: f32,
}

/// Layout figures that the estimate shares with leaflet.css. Both layouts flow their long parts
/// (who may apply, documents, steps) in columns 89 mm wide.
///
/// Calibration (tri-fold, Chromium 156, Liberation Sans, whose metrics are Arial's): the three
/// longest procedures of the example catalog (khai sinh, giấy phép xây dựng, lý lịch tư pháp) were
/// copied with their documents and steps repeated 1.3 to 5 times, 24 leaflets in all, printed to
/// PDF, and their page counts compared with this estimate. At 0.50 em per character and the
/// allowances below, the estimated fill of the inside ran from 0.64 to 2.1; every leaflet up to
/// 0.94 printed on one sheet (2 pages) and every one from 0.96 needed a second (3–4 pages), so a
/// sheet is taken as full at `SURE` of its space: column breaks keep list items whole and lose
/// a few lines. The 29 leaflets of the example catalog estimate 0.20–0.87 and print on 2 pages
/// (checked again with `motcua leaflets --pdf` when the QR codes became images).
const COLUMN_MM: f32 = 89.0;
const EM_PER_CHAR: f32 = 0.50;
const PT_MM: f32 = 0.3528;
/// Share of a sheet's flowing space that surely holds the text.
///
/// Recalibrated on the 394 real records of the national database (motcua leaflets --pdf, every
/// PDF's pages counted with pdfinfo): their items are longer (a document of four lines, a step
/// of six), and a column break that keeps an item whole loses more of the column. Leaflets
/// estimated at 0.95 of their space (the synthetic calibration above) took a second sheet from
/// 0.93 of it on, while others printed on one up to 0.99; so a sheet is taken as full at 0.88,
/// below the lowest of those that spilled. A leaflet a little under it shrinks its text or its
/// cuts once more, which costs less than a second sheet.
const SURE: f32 = 0.88;

/// Share of a sheet's flowing space that can be counted on (see the calibration above, and
/// leaflet/portrait.rs for the portrait's).
fn usable(layout: LeafletLayout) -> f32 {
    match layout {
        LeafletLayout::TriFold => SURE,
        LeafletLayout::Portrait => portrait::USABLE,
    }
}

impl TextSize {
    fn pt(self) -> f32 {
        match self {
            TextSize::Normal => 11.0,
            TextSize::Compact => 10.0,
            TextSize::Small => 9.0,
        }
    }

    fn line_height(self) -> f32 {
        match self {
            TextSize::Normal => 1.3,
            TextSize::Compact | TextSize::Small => 1.2,
        }
    }

    fn line_mm(self) -> f32 {
        self.pt() * self.line_height() * PT_MM
    }

    fn chars_per_line(self) -> f32 {
        (COLUMN_MM / (self.pt() * EM_PER_CHAR * PT_MM)).floor()
    }
}

/// What a leaflet prints besides the procedure's own text: the agency's contacts and the site's
/// notice, which the portrait layout flows with the text, and the theme's wording around it.
#[derive(Debug, Default, Clone, Copy)]
pub struct Around<'a> {
    pub agency: Option<&'a Agency>,
    /// Characters of the names of the procedure's other agencies, which leaflet_where.html
    /// prints on one line after the first agency's contacts.
    pub also: usize,
    pub notice: Option<&'a str>,
    pub counts: Counts<'a>,
}

impl<'a> Around<'a> {
    pub fn of(c: &'a Catalog, p: &ProcedureEntry, counts: Counts<'a>) -> Around<'a> {
        Around {
            agency: p.agencies.first().map(|&i| &c.agencies[i].item),
            also: p.agencies[p.agencies.len().min(1)..]
                .iter()
                .map(|&i| c.agencies[i].item.name.chars().count() + 2)
                .sum(),
            notice: c.config.notice.as_deref(),
            counts,
        }
    }
}

/// The printed length of the theme's words after a document's name, " (1 bản chính, 2 bản
/// sao)": `t.ui.originals` and `t.ui.copies` of strings.toml, as partials/leaflet_documents.html
/// sets them; and the pointer to the QR code after a text cut short, `t.leaflet.more_at_qr`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts<'s> {
    originals: usize,
    copies: usize,
    more: &'s str,
}

impl<'s> Counts<'s> {
    pub fn of(strings: &'s Value) -> Counts<'s> {
        let text = |key: &str| strings.pointer(key).and_then(Value::as_str).unwrap_or("");
        Counts {
            originals: text("/ui/originals").chars().count(),
            copies: text("/ui/copies").chars().count(),
            more: text("/leaflet/more_at_qr"),
        }
    }

    /// Each count is taken as one digit, as nearly all are: " (", the number and its word, ", "
    /// between the two, ")".
    fn len(self, x: &Document) -> usize {
        let originals = 2 + self.originals;
        let copies = 2 + self.copies;
        match (x.originals > 0, x.copies > 0) {
            (true, true) => 3 + originals + 2 + copies,
            (true, false) => 3 + originals,
            (false, true) => 3 + copies,
            (false, false) => 0,
        }
    }
}

/// Space, in mm of one column, that the flowing part of the first sheet offers.
fn capacity_mm(d: &Procedure, layout: LeafletLayout) -> f32 {
    match layout {
        // Three columns of the inside, 194 mm high (A4 landscape less 8 mm margins).
        LeafletLayout::TriFold => 3.0 * 194.0,
        // Two columns of 273 mm (A4 portrait less 12 mm margins), below the header band, less
        // what the column break may leave empty: the table of time and fee is never split, so
        // when it does not fit under the text of the first column it starts the second and the
        // room below the text stays blank (seen on the example's marriage leaflet).
        LeafletLayout::Portrait => 2.0 * (273.0 - portrait::band_mm(d)) - portrait::channels_mm(d),
    }
}

/// Estimates the text size and the number of sheets a procedure's leaflet needs.
pub fn fit(d: &Procedure, around: Around, layout: LeafletLayout) -> Fit {
    plan(d, around, layout).1
}

/// The procedure as the leaflet prints it (see `printed`), and the size and sheets it takes.
/// On the tri-fold, time and fee are cut shorter until the flap holds its table.
pub fn plan(d: &Procedure, around: Around, layout: LeafletLayout) -> (Procedure, Fit) {
    let more = around.counts.more;
    let mut planned = None;
    for scale in printed::SCALES {
        let data = channels_fitted(d, more, scale, layout);
        let shortened = printed::shortened(d, &data);
        let fit = fit_printed(&data, around, layout, shortened);
        let done = fit.sheets == 1;
        if std::env::var_os("MOTCUA_LEAFLET_DEBUG").is_some() {
            eprintln!("{} scale {scale}: {fit:?} flap {}", d.code, flap_mm(&data));
        }
        planned = Some((data, fit));
        if done {
            break;
        }
    }
    planned.expect("a scale")
}

/// The procedure printed at `scale`; on the tri-fold, with time and fee cut shorter until the
/// flap holds its table.
fn channels_fitted(d: &Procedure, more: &str, scale: f32, layout: LeafletLayout) -> Procedure {
    let room = |channel| printed::Room { channel, scale };
    let mut limits = printed::limits::CHANNEL.iter();
    let mut data = printed::printed(d, more, room(*limits.next().expect("a limit")));
    if layout == LeafletLayout::TriFold {
        for &limit in limits {
            if flap_mm(&data) <= FLAP_MM {
                break;
            }
            data = printed::printed(d, more, room(limit));
        }
    }
    data
}

/// Height of the tri-fold's flap (inner flap: time and fee per channel, result, the portal's QR
/// code), which does not flow: the flap is 97 mm wide, 194 mm high.
const FLAP_MM: f32 = 188.0;

fn flap_mm(d: &Procedure) -> f32 {
    let size = TextSize::Normal;
    let heading = 2.0 * size.line_mm() + 2.0;
    let result = (d.result.chars().count() as f32 / size.chars_per_line()).ceil() * size.line_mm();
    let portal = if d.online == crate::model::OnlineLevel::Khong {
        0.0
    } else {
        36.0
    };
    2.0 * heading + portrait::channels_mm(d) + result + portal
}

/// `shortened`: the leaflet says once that "…" marks a text cut short.
fn fit_printed(d: &Procedure, around: Around, layout: LeafletLayout, shortened: bool) -> Fit {
    let space = capacity_mm(d, layout);
    let capacity = space * usable(layout);
    let flow_mm = |size| {
        let line = flow_mm(d, around, layout, size);
        let said = (size.chars_per_line() * 2.0) as usize;
        line + if shortened {
            size.line_mm() * lines_of(said, size) + 1.2
        } else {
            0.0
        }
    };
    let normal = flow_mm(TextSize::Normal);
    // The smaller text is cheap and a second sheet is not: any doubt about the normal size
    // shrinks the text.
    if normal <= space * SURE {
        return Fit {
            size: TextSize::Normal,
            sheets: 1,
            fill: normal / capacity,
        };
    }
    let mut size = TextSize::Compact;
    let mut compact = flow_mm(size);
    if compact > capacity {
        size = TextSize::Small;
        compact = flow_mm(size);
    }
    // Later sheets of the tri-fold are a whole sheet (outside and inside) of flowing text; later
    // pages of the portrait have no band.
    let later = match layout {
        LeafletLayout::TriFold => 2.0 * capacity,
        LeafletLayout::Portrait => 2.0 * 273.0 * usable(layout),
    };
    let sheets = if compact <= capacity {
        1
    } else {
        1 + ((compact - capacity) / later).ceil() as u32
    };
    Fit {
        size,
        sheets,
        fill: compact / capacity,
    }
}

/// Lines of a column that `chars` characters take.
fn lines_of(chars: usize, size: TextSize) -> f32 {
    (chars as f32 / size.chars_per_line()).ceil().max(1.0)
}

/// Height of the flowing text, in mm of one column.
fn flow_mm(d: &Procedure, around: Around, layout: LeafletLayout, size: TextSize) -> f32 {
    let cpl = size.chars_per_line();
    let line = size.line_mm();
    let lines = |chars: usize| (chars as f32 / cpl).ceil().max(1.0);
    // A list item: its lines plus the gap below it.
    let item = |chars: usize| lines(chars) * line + 1.2;
    // A heading (13–14 pt, bold) with its margins, or a case name.
    let heading = 2.0 * line + 2.0;
    let doc = |x: &Document| {
        item(
            x.name.chars().count()
                + around.counts.len(x)
                + x.note.as_ref().map_or(0, |n| plain_len(n) + 1),
        )
    };
    let channel = |c: &Channel| item(c.duration.chars().count() + c.fee.chars().count() + 16);

    let mut mm = d.summary.as_ref().map_or(0.0, |s| item(s.chars().count()));
    if !d.applicants.is_empty() {
        mm += heading
            + d.applicants
                .iter()
                .map(|a| item(a.chars().count()))
                .sum::<f32>();
    }
    if !d.conditions.is_empty() {
        mm += heading + d.conditions.iter().map(|a| item(plain_len(a))).sum::<f32>();
    }
    mm += heading + d.documents.iter().flatten().map(doc).sum::<f32>();
    if d.documents.as_ref().is_some_and(|x| !x.is_empty()) && !d.cases.is_empty() {
        // "For every case", above the documents that all cases share.
        mm += item(20);
    }
    for case in &d.cases {
        mm += item(case.name.chars().count()) + case.documents.iter().map(doc).sum::<f32>();
        mm += case.channels.iter().flatten().map(channel).sum::<f32>();
    }
    mm += heading
        + d.steps
            .iter()
            .map(|s| item(s.title().map_or(0, |t| t.chars().count() + 2) + plain_len(s.text())))
            .sum::<f32>();
    mm += printed::note(d).map_or(0.0, |n| item(plain_len(n)));
    if layout == LeafletLayout::Portrait {
        // The portrait sheet has no outside panels: time, fee, result and contacts flow too.
        mm += portrait::rest_mm(d, around, size);
    }
    mm
}

/// Length of inline Markdown as printed: without link targets and emphasis marks.
fn plain_len(md: &str) -> usize {
    let mut n = 0;
    let mut in_target = false;
    let mut prev = ' ';
    for ch in md.chars() {
        match ch {
            '(' if prev == ']' => in_target = true,
            ')' if in_target => in_target = false,
            _ if in_target => {}
            '*' | '_' | '[' | ']' | '`' => {}
            _ => n += 1,
        }
        prev = ch;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_and_link_targets_are_not_printed() {
        assert_eq!(
            plain_len("Nộp **tờ khai** tại [cổng](https://dichvucong.gov.vn)."),
            "Nộp tờ khai tại cổng.".chars().count()
        );
    }

    /// What the default theme prints around the text.
    fn around() -> Around<'static> {
        let strings = crate::render::theme::builtin("strings.toml").unwrap();
        let strings: Value = toml::from_str(std::str::from_utf8(strings).unwrap()).unwrap();
        let strings: &'static Value = Box::leak(Box::new(strings));
        Around {
            counts: Counts::of(strings),
            ..Around::default()
        }
    }

    fn procedure(items: usize) -> Procedure {
        let step = "Nộp hồ sơ tại Bộ phận Một cửa; công chức kiểm tra, hướng dẫn bổ sung một lần nếu thiếu giấy tờ.";
        serde_json::from_value(serde_json::json!({
            "code": "1.000001", "name": "Thủ tục thử", "field": "f", "level": ["xa"], "agency": "a",
            "online": "khong", "result": "Giấy xác nhận", "updated": "2026-01-01",
            "channels": [{"method": "truc-tiep", "duration": "03 ngày làm việc", "fee": "Miễn phí"}],
            "steps": vec![step; items],
            "documents": vec![serde_json::json!({"name": "Tờ khai theo mẫu, có chữ ký của người yêu cầu", "originals": 1}); items],
        }))
        .unwrap()
    }

    #[test]
    fn long_leaflets_shrink_then_take_a_second_sheet() {
        let tri = LeafletLayout::TriFold;
        assert_eq!(
            (
                fit(&procedure(8), around(), tri).size,
                fit(&procedure(8), around(), tri).sheets
            ),
            (TextSize::Normal, 1)
        );
        let shrunk = fit(&procedure(27), around(), tri);
        assert!(
            shrunk.size != TextSize::Normal && shrunk.sheets == 1,
            "{shrunk:?}"
        );
        // Steps are cut short on paper, documents are not: a checklist of 150 items takes a
        // second sheet at the smallest size.
        let two = fit(&procedure(150), around(), tri);
        assert_eq!((two.size, two.sheets), (TextSize::Small, 2), "{two:?}");
        assert!(
            fit(&procedure(20), around(), LeafletLayout::Portrait).sheets
                >= fit(&procedure(20), around(), tri).sheets
        );
    }

    #[test]
    fn sizes_step_down_before_a_second_sheet() {
        assert!(TextSize::Compact.chars_per_line() > TextSize::Normal.chars_per_line());
        assert!(TextSize::Compact.line_mm() >= 10.0 * PT_MM);
    }
}
