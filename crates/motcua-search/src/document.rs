//! What the index is given: the text of one document, field by field.

/// One search document (a procedure, a guide, any page), its texts already plain (no markup).
/// Documents are named by their position in the list given to [`crate::SearchIndex::build`].
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// No longer in force (replaced or repealed): ranked just below its replacement when both
    /// are found (see [`crate::SearchIndex::search`]).
    pub superseded: bool,
    /// The document that replaces this one, by its position in the list.
    pub replaced_by: Option<usize>,
    /// An identifier typed as it is written, e.g. a procedure's code `1.001193`; may be empty.
    pub code: String,
    pub title: String,
    pub keywords: String,
    pub summary: String,
    /// Everything else that should find the document.
    pub body: String,
}
