//! The parts of the portrait leaflet the tri-fold keeps on its fixed outside panels: the header
//! band above the columns, and the time, fee, result and contacts that flow after the steps.
//!
//! Figures from leaflet.css: the band is the cover text (116 mm wide) beside the QR codes
//! (64 mm); the table of channels sets time and fee in 12 pt cells.
//!
//! Calibration (Chromium 156, Liberation Sans): the 29 leaflets of the example catalog were laid
//! out by Chromium with the flow in one 89 mm column, and each part measured. The band's estimate
//! is within 2.5 mm of the real one, the table's within 11 mm (most within 1 mm), the contacts'
//! within 5 mm; the text before them shares the tri-fold's estimate, within 11 mm. Printed to PDF,
//! the leaflets whose text filled up to 0.960 of the columns (as measured) printed on one page and
//! those from 0.963 on two: the example has leaflets on both sides of the break, a line apart. The
//! estimate overshoots by about 1%, so a page is taken as full at `USABLE` of its columns, the
//! value that separates the two for the example catalog; leaflets within a percent or two of the
//! break may be off by a page elsewhere.

use crate::model::{Agency, Channel, OnlineLevel, Procedure};

use crate::render::views::summary::Summary;

use super::{Around, COLUMN_MM, EM_PER_CHAR, LONG_NAME, PT_MM, TextSize};

/// Share of the columns below the band that can be counted on; see the calibration above.
pub(super) const USABLE: f32 = 0.983;

/// Lines that `chars` characters take at `pt` in `width_mm`.
fn lines(chars: usize, pt: f32, width_mm: f32) -> f32 {
    (chars as f32 / chars_per_line(pt, width_mm))
        .ceil()
        .max(1.0)
}

fn chars_per_line(pt: f32, width_mm: f32) -> f32 {
    (width_mm / (pt * EM_PER_CHAR * PT_MM)).floor().max(1.0)
}

fn line_mm(pt: f32, height: f32) -> f32 {
    pt * height * PT_MM
}

/// Height of the header band with its padding, rule and margin.
pub(super) fn band_mm(d: &Procedure) -> f32 {
    const COVER_MM: f32 = 116.0;
    let name_chars = d.name.chars().count();
    let name_pt = if name_chars > LONG_NAME { 16.0 } else { 20.0 };
    let fact =
        |chars: usize| line_mm(12.0, 1.3) + lines(chars, 12.0, COVER_MM) * line_mm(12.0, 1.3);
    // A time and fee line per method, then the saving online (partials/leaflet_cover.html).
    let values = Summary::of(d).cover_chars();
    // Each value has 1.5 mm below it; the constants hold two rows' (a time and a fee).
    let rows = values.len() as f32;
    let summary = 6.0
        + values.iter().map(|&chars| fact(chars)).sum::<f32>()
        + 3.0
        + 1.5 * (rows - 2.0).max(0.0);
    // Never less than the first channel's time and fee took, which Chromium's print was
    // measured against: a shorter summary does not always print shorter (tests/leaflets.rs).
    let first = d.channels.first().map_or(0.0, |c| {
        let chars = |t: &str| t.chars().count();
        6.0 + fact(chars(&c.duration)) + fact(chars(&c.fee)) + 3.0
    });
    let facts = summary.max(first);
    // Site name and kicker (1 mm apart), the name, the code and the online badge, the key facts.
    let cover = line_mm(10.0, 1.3)
        + 1.0
        + line_mm(11.0, 1.3)
        + lines(name_chars, name_pt, COVER_MM) * line_mm(name_pt, 1.15)
        + 4.0
        + line_mm(12.0, 1.3)
        + 6.0
        + facts;
    // The code to the page (38 mm and 3 mm above it), and the one to the portal (28 mm).
    let codes = 41.0
        + if d.online == OnlineLevel::Khong {
            0.0
        } else {
            31.0
        };
    cover.max(codes) + 3.0 + 0.8 + 4.0
}

/// Height, in mm of a column, of what flows after the steps.
pub(super) fn rest_mm(d: &Procedure, around: Around, size: TextSize) -> f32 {
    let line = size.line_mm();
    let text = |chars: usize| lines(chars, size.pt(), COLUMN_MM) * line;
    let heading = 2.0 * line + 2.0;
    let channels = heading + channels_mm(d);
    let result = heading + text(d.result.chars().count()) + 1.2;
    let pair = |value: &Option<String>| {
        value
            .as_ref()
            .map_or(0.0, |v| line + text(v.chars().count()) + 1.2)
    };
    let agency = around.agency.map_or(0.0, |a: &Agency| {
        heading
            + text(a.name.chars().count())
            + 1.2
            + pair(&a.address)
            + pair(&a.hours)
            + pair(&a.phone)
    });
    let also = if around.also > 0 {
        // "Hoặc nộp tại: " and the names.
        text(around.also + 14) + 1.2
    } else {
        0.0
    };
    // Help: hotline (16 pt), Zalo and e-mail, each under its label.
    let help = heading + 3.0 * (line + 1.2) + line_mm(16.0, 1.3) + 2.0 * line;
    // The footer: date checked, source decision and notice at 10 pt, below a rule.
    let small = |chars: usize| lines(chars, 10.0, COLUMN_MM) * line_mm(10.0, size.line_height());
    let footer = 6.0
        + small(60)
        + d.decision.as_ref().map_or(0.0, |_| small(70))
        + around.notice.map_or(0.0, |n| small(n.chars().count()));
    channels + result + agency + also + help + footer
}

/// The table of time and fee per channel. The browser gives the time and fee columns widths in
/// proportion to their longest text, within the 65 mm the method column leaves; a row is as tall
/// as its fullest cell, and at least two lines (the method's name wraps). The header row takes
/// three lines at 10 pt.
pub(super) fn channels_mm(d: &Procedure) -> f32 {
    const TEXT_MM: f32 = 65.0;
    let longest = |f: fn(&Channel) -> &str| {
        d.channels
            .iter()
            .map(|c| f(c).chars().count())
            .max()
            .unwrap_or(1) as f32
    };
    let (time, fee) = (longest(|c| &c.duration), longest(|c| &c.fee));
    let cpl = |share: f32| (TEXT_MM * share / (time + fee) / (12.0 * EM_PER_CHAR * PT_MM)).max(8.0);
    let (time_cpl, fee_cpl) = (cpl(time), cpl(fee));
    let rows: f32 = d
        .channels
        .iter()
        .map(|c| {
            let time = (c.duration.chars().count() as f32 / time_cpl).ceil();
            let fee = (c.fee.chars().count() as f32 / fee_cpl).ceil();
            time.max(fee).max(2.0) * line_mm(12.0, 1.25) + 2.2
        })
        .sum();
    14.0 + rows
}
