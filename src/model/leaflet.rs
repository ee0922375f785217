//! Tờ gấp: what an editor may give a procedure's leaflet in place of the text the leaflet
//! would shorten by itself (the `leaflet:` block of a procedure).
//!
//! The page keeps the full official text; the leaflet is the invitation and the checklist, and
//! its QR code leads to the rest. Where the automatic shortening (at a sentence or clause, with
//! a pointer to the QR code) does not read well, the editor writes the short form here.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The leaflet-only short form of a procedure. Every part is optional; a part given replaces
/// the procedure's own on the leaflet only.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeafletText {
    /// The checklist printed on the leaflet, in place of `documents` and of every case's
    /// documents: short names with their counts.
    pub documents: Option<Vec<LeafletDocument>>,
    /// The steps printed on the leaflet, in place of `steps`: inline Markdown, one line or two
    /// each.
    pub steps: Option<Vec<String>>,
    /// One short paragraph printed after the steps (e.g. what the QR code leads to).
    pub note: Option<String>,
}

/// One item of the leaflet's checklist.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeafletDocument {
    #[schemars(length(min = 1))]
    pub name: String,
    /// Bản chính.
    #[serde(default)]
    pub originals: u32,
    /// Bản sao.
    #[serde(default)]
    pub copies: u32,
}
