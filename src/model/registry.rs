//! The small registries procedures point into: agencies.yaml, fields.yaml, life-events.yaml.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Cơ quan thực hiện: an office that handles procedures.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    #[schemars(regex(pattern = crate::model::ID_PATTERN))]
    #[schemars(length(max = crate::limits::ID_LEN))]
    pub id: String,
    #[schemars(length(min = 1))]
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    /// Giờ làm việc, as it should be shown.
    pub hours: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub map_url: Option<String>,
}

/// Lĩnh vực: the field a procedure belongs to.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Field {
    #[schemars(regex(pattern = crate::model::ID_PATTERN))]
    #[schemars(length(max = crate::limits::ID_LEN))]
    pub id: String,
    #[schemars(length(min = 1))]
    pub name: String,
    pub description: Option<String>,
}

/// A life event (sinh con, kết hôn, xây nhà…) that groups procedures for citizens.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifeEvent {
    #[schemars(regex(pattern = crate::model::ID_PATTERN))]
    #[schemars(length(max = crate::limits::ID_LEN))]
    pub id: String,
    #[schemars(length(min = 1))]
    pub name: String,
    pub description: Option<String>,
}
