//! A few documents for the crate's tests: names alike with and without diacritics, codes, and a
//! replaced document.

use crate::document::Document;

fn doc(code: &str, title: &str, body: &str, replaced_by: Option<usize>) -> Document {
    Document {
        superseded: replaced_by.is_some(),
        replaced_by,
        code: code.into(),
        title: title.into(),
        keywords: String::new(),
        summary: String::new(),
        body: body.into(),
    }
}

pub(crate) fn corpus() -> Vec<Document> {
    vec![
        doc("1.000001", "Đăng ký kết hôn", "Nộp tờ khai", None),
        doc("1.001193", "Đăng ký khai sinh", "Tờ khai", None),
        doc("1.000002", "Đăng ký khai sinh", "Khai sinh", Some(1)),
        doc("2.000003", "Hoà giải tranh chấp", "hòa giải", None),
        doc("2.000004", "Đang ký hợp đồng", "Hợp đồng", None),
    ]
}
