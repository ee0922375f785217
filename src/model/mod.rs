//! The content model: what editors write, as Rust types.
//!
//! These types are the single source of truth for the content contract: they deserialize the
//! files, and their derived JSON Schemas drive validation messages and `motcua schema`.

pub mod body;
mod date;
mod guide;
mod leaflet;
mod procedure;
mod registry;

pub use body::{Block, Body, Call, Callout, CalloutKind, Fault, Shortcode};
pub use date::Date;
#[cfg(test)]
pub use guide::Chapter;
pub use guide::{GuideMeta, PageMeta, Video, clock_seconds};
pub use leaflet::{LeafletDocument, LeafletText};
pub use procedure::{Case, Channel, Document, Level, Method, OnlineLevel, Procedure, Status, Step};
pub use registry::{Agency, Field, LifeEvent};

/// Lowercase ASCII words joined by hyphens: the shape of every id and slug.
pub const ID_PATTERN: &str = r"^[a-z0-9]+(-[a-z0-9]+)*$";
