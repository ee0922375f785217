//! Thủ tục hành chính: one procedure per YAML file under content/procedures/.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Mã thủ tục, e.g. "1.001193": unique, the stable identity of the procedure. The national
    /// code, maybe with a province's suffix ("1.001193.000.00.00.H36"), or a local code of
    /// letters, digits, `_` and `-` ("CCCX_01"). Addresses and leaflets are named after it.
    #[schemars(regex(pattern = r"^(\d\.\d{6}(\.[0-9A-Za-z]+)*|[0-9A-Za-z_-]+)$"))]
    #[schemars(length(max = crate::limits::CODE_LEN))]
    pub code: String,
    /// Tên thủ tục.
    #[schemars(length(min = 1))]
    pub name: String,
    /// One plain-language sentence for citizens.
    pub summary: Option<String>,
    /// Lĩnh vực: an id from fields.yaml.
    pub field: String,
    /// Cấp thực hiện.
    #[schemars(length(min = 1))]
    pub level: Vec<Level>,
    /// Cơ quan thực hiện: an id from agencies.yaml, or a list of ids when several agencies handle
    /// the procedure ("Công an tỉnh, Công an cấp xã").
    pub agency: Agencies,
    /// Đối tượng thực hiện.
    #[serde(default)]
    pub applicants: Vec<String>,
    /// Mức độ dịch vụ công trực tuyến.
    pub online: OnlineLevel,
    /// Overrides site.toml's `portal.procedure_url` for this procedure.
    pub portal_url: Option<String>,
    /// Cách thức thực hiện.
    #[schemars(length(min = 1))]
    pub channels: Vec<Channel>,
    /// Trình tự thực hiện.
    #[schemars(length(min = 1))]
    pub steps: Vec<Step>,
    /// Thành phần hồ sơ; required unless `cases` is given.
    pub documents: Option<Vec<Document>>,
    /// Trường hợp: when documents, time or fee differ by case.
    #[serde(default)]
    pub cases: Vec<Case>,
    /// Kết quả thực hiện.
    #[schemars(length(min = 1))]
    pub result: String,
    /// Yêu cầu, điều kiện thực hiện.
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Căn cứ pháp lý.
    #[serde(default)]
    pub legal_basis: Vec<LegalRef>,
    /// Words citizens use that the name lacks.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Ids from life-events.yaml.
    #[serde(default)]
    pub life_events: Vec<String>,
    #[serde(default)]
    pub faq: Vec<Faq>,
    /// Old addresses that must keep working.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Quyết định công bố the text comes from.
    pub decision: Option<Decision>,
    /// The official record editors check the text against.
    pub source_url: Option<String>,
    #[serde(default)]
    pub status: Status,
    /// The code of the procedure that replaces this one (with `status: thay-the`).
    pub replaced_by: Option<String>,
    pub updated: Date,
    pub reviewed: Option<Date>,
    #[serde(default)]
    pub draft: bool,
    /// Tờ gấp: a short form printed on the leaflet instead of the text above.
    pub leaflet: Option<super::LeafletText>,
    /// Pins the page address (`/thu-tuc/<slug>/`) instead of deriving it from the name.
    #[schemars(regex(pattern = crate::model::ID_PATTERN))]
    #[schemars(length(max = crate::limits::ID_LEN))]
    pub slug: Option<String>,
}

/// One agency id, or a list of ids: `agency: so-tu-phap` or `agency: [cong-an-tinh, cong-an-xa]`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Agencies {
    One(String),
    Many(#[schemars(length(min = 1))] Vec<String>),
}

impl Agencies {
    /// The ids in the editor's order.
    pub fn ids(&self) -> &[String] {
        match self {
            Agencies::One(id) => std::slice::from_ref(id),
            Agencies::Many(ids) => ids,
        }
    }

    /// The JSON pointer of the `i`-th id in the procedure's file.
    pub fn pointer(&self, i: usize) -> String {
        match self {
            Agencies::One(_) => "/agency".to_owned(),
            Agencies::Many(_) => format!("/agency/{i}"),
        }
    }
}

/// Cấp thực hiện.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    TrungUong,
    Tinh,
    Huyen,
    Xa,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::TrungUong, Level::Tinh, Level::Huyen, Level::Xa];

    pub fn id(self) -> &'static str {
        match self {
            Level::TrungUong => "trung-uong",
            Level::Tinh => "tinh",
            Level::Huyen => "huyen",
            Level::Xa => "xa",
        }
    }
}

/// Dịch vụ công trực tuyến toàn trình / một phần / không.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OnlineLevel {
    ToanTrinh,
    MotPhan,
    Khong,
}

/// Cách thức thực hiện: at the counter, online, or by post.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    pub method: Method,
    /// Thời hạn giải quyết, as text.
    #[schemars(length(min = 1))]
    pub duration: String,
    /// The same in working days, for sorting and comparing.
    #[schemars(range(min = 0))]
    pub days: Option<f64>,
    /// Phí, lệ phí, as text.
    #[schemars(length(min = 1))]
    pub fee: String,
    #[schemars(range(min = 0))]
    pub fee_vnd: Option<u64>,
    /// The portal's description of the channel (mô tả): shown on the procedure page only, never
    /// on cards or leaflet covers.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    TrucTiep,
    TrucTuyen,
    BuuChinh,
}

/// A step: plain text, or a title with text. Text is inline Markdown.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Step {
    Text(String),
    Titled(TitledStep),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TitledStep {
    pub title: String,
    pub text: String,
}

impl Step {
    pub fn title(&self) -> Option<&str> {
        match self {
            Step::Text(_) => None,
            Step::Titled(s) => Some(&s.title),
        }
    }

    pub fn text(&self) -> &str {
        match self {
            Step::Text(t) => t,
            Step::Titled(s) => &s.text,
        }
    }
}

/// Thành phần hồ sơ: one document to bring.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[schemars(length(min = 1))]
    pub name: String,
    /// Bản chính.
    #[serde(default)]
    pub originals: u32,
    /// Bản sao.
    #[serde(default)]
    pub copies: u32,
    /// A form template, as a path under content/ (e.g. forms/to-khai.docx).
    pub form: Option<String>,
    pub note: Option<String>,
}

/// Trường hợp: a case whose documents (and maybe channels) differ.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    #[schemars(length(min = 1))]
    pub name: String,
    pub documents: Vec<Document>,
    /// Replace the top-level channels for this case.
    pub channels: Option<Vec<Channel>>,
    /// Shown open on the page; without any case marked, the first is open.
    #[serde(default)]
    pub open: bool,
}

/// Căn cứ pháp lý: a title, optionally linked.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum LegalRef {
    Text(String),
    Linked(LinkedRef),
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkedRef {
    pub title: String,
    pub url: String,
}

impl LegalRef {
    pub fn title(&self) -> &str {
        match self {
            LegalRef::Text(t) => t,
            LegalRef::Linked(l) => &l.title,
        }
    }

    pub fn url(&self) -> Option<&str> {
        match self {
            LegalRef::Text(_) => None,
            LegalRef::Linked(l) => Some(&l.url),
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Faq {
    pub q: String,
    /// Markdown.
    pub a: String,
}

/// Quyết định công bố.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub number: String,
    /// Real records often give the number alone.
    pub date: Option<Date>,
    pub url: Option<String>,
}

/// Hiệu lực: in force, replaced, repealed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    HieuLuc,
    ThayThe,
    HetHieuLuc,
}
