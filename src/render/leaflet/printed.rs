//! What a leaflet prints of a procedure: the invitation and the checklist, not the official
//! text, which is behind the QR code.
//!
//! Real records carry document names of a thousand characters, channel descriptions of several
//! thousand, ten applicants and four cases of fifteen items; printed whole, a leaflet ran to
//! thirteen pages. So the leaflet leaves out what the page has (document notes, legal basis,
//! questions), drops items that are explanations rather than things to bring (no original, no
//! copy) where the list has others, prints identical channels once, and cuts each long text at
//! a sentence or clause boundary, followed by the theme's pointer to the QR code. Where an
//! editor gave a `leaflet:` block, its parts replace the procedure's own.
//!
//! The leaflet's templates and the estimate of its sheets both read the result, so what is
//! counted is what is printed.

use crate::model::{Case, Channel, Document, LeafletDocument, Procedure, Step};

/// The longest each kind of text may run on a leaflet, in characters, before the pointer.
/// A document name of 200 characters takes four lines of a 89 mm column at 10 pt.
pub mod limits {
    /// The name on the cover: five lines at 16 pt in the cover's 88 mm.
    pub const NAME: usize = 150;
    pub const SUMMARY: usize = 220;
    pub const DOCUMENT: usize = 200;
    pub const CASE: usize = 120;
    pub const STEP_TITLE: usize = 60;
    pub const STEP: usize = 280;
    pub const CONDITION: usize = 200;
    /// All conditions together, and all steps together: past these, the rest is behind the
    /// QR code (real records list up to 43 conditions and 38 steps).
    pub const CONDITIONS: usize = 900;
    pub const STEPS: usize = 2400;
    /// Who may apply, all together.
    pub const APPLICANTS: usize = 240;
    pub const RESULT: usize = 160;
    pub const NOTE: usize = 300;
    /// Time and fee of a channel, on the cover and the flap: the widest the flap's table takes.
    pub const CHANNEL: [usize; 4] = [90, 60, 40, 25];
}

/// How much of each long text a leaflet keeps: `channel` is the longest time or fee printed
/// (one of `limits::CHANNEL`), `scale` the share of the other limits (1 first; smaller for a
/// leaflet that would otherwise take a second sheet).
#[derive(Debug, Clone, Copy)]
pub struct Room {
    pub channel: usize,
    pub scale: f32,
}

/// The shares of the limits tried in turn, until the leaflet fits one sheet.
pub const SCALES: [f32; 5] = [1.0, 0.7, 0.5, 0.35, 0.2];

/// The procedure as its leaflet prints it; `more` is the theme's pointer to the QR code
/// ("xem đủ tại mã QR"), the last item of a list cut short.
pub fn printed(d: &Procedure, more: &str, room: Room) -> Procedure {
    let channel = room.channel;
    let scaled = |max: usize| ((max as f32 * room.scale) as usize).max(40);
    let cut = |text: &str, max: usize| shorten(text, scaled(max));
    let short = d.leaflet.clone().unwrap_or_default();
    let mut p = d.clone();
    p.name = cut(&d.name, limits::NAME);
    p.summary = d.summary.as_deref().map(|s| cut(s, limits::SUMMARY));
    p.applicants = applicants(&d.applicants, &cut);
    let conditions = d.conditions.iter().map(|c| cut(c, limits::CONDITION));
    p.conditions = capped(conditions, scaled(limits::CONDITIONS), |c| {
        c.chars().count()
    })
    .into_iter()
    .map(|c| c.unwrap_or_else(|| format!("… ({more})")))
    .collect();
    p.channels = channels(&d.channels, channel);
    p.result = cut(&d.result, limits::RESULT);
    p.legal_basis.clear();
    p.faq.clear();
    p.steps = match &short.steps {
        Some(steps) => steps
            .iter()
            .map(|s| Step::Text(cut(s, limits::STEP)))
            .collect(),
        None => {
            let steps = d.steps.iter().map(|s| step(s, &cut));
            let len =
                |s: &Step| s.text().chars().count() + s.title().map_or(0, |t| t.chars().count());
            capped(steps, scaled(limits::STEPS), len)
                .into_iter()
                .map(|s| s.unwrap_or_else(|| Step::Text(format!("… ({more})"))))
                .collect()
        }
    };
    match &short.documents {
        Some(docs) => {
            p.documents = Some(docs.iter().map(|x| given(x, &cut)).collect());
            p.cases.clear();
        }
        None => {
            let (common, cases) = common_documents(&d.cases);
            let top = d.documents.iter().flatten().chain(&common).cloned();
            let top: Vec<Document> = top.collect();
            p.documents = (d.documents.is_some() || !top.is_empty()).then(|| documents(&top, &cut));
            p.cases = cases.iter().map(|c| case(c, channel, &cut)).collect();
        }
    }
    p.leaflet = short.note.map(|note| crate::model::LeafletText {
        note: Some(cut(&note, limits::NOTE)),
        ..Default::default()
    });
    p
}

/// Whether any text of the leaflet was cut (and so ends with "…").
pub fn shortened(original: &Procedure, printed: &Procedure) -> bool {
    let json = |p: &Procedure| {
        let mut p = p.clone();
        (p.legal_basis, p.faq, p.leaflet) = (Vec::new(), Vec::new(), None);
        serde_json::to_string(&p).unwrap_or_default()
    };
    original.leaflet.is_none() && json(original) != json(printed)
}

/// The leaflet's own note, as `printed` left it.
pub fn note(printed: &Procedure) -> Option<&str> {
    printed.leaflet.as_ref()?.note.as_deref()
}

/// The first items that hold together in `total` characters (at least one), and `None` in place
/// of the rest, where the pointer to the QR code goes.
fn capped<T>(
    items: impl Iterator<Item = T>,
    total: usize,
    len: impl Fn(&T) -> usize,
) -> Vec<Option<T>> {
    let mut used = 0;
    let mut out = Vec::new();
    for item in items {
        used += len(&item);
        if used > total && !out.is_empty() {
            out.push(None);
            break;
        }
        out.push(Some(item));
    }
    out
}

/// Cuts a text to (a share of) a limit.
type Cut<'a> = dyn Fn(&str, usize) -> String + 'a;

fn applicants(all: &[String], cut: &Cut) -> Vec<String> {
    let total: usize = all.iter().map(|a| a.chars().count() + 2).sum();
    let joined = all.join("; ");
    if cut(&joined, limits::APPLICANTS) == joined && total <= limits::APPLICANTS {
        return all.to_vec();
    }
    vec![cut(&joined, limits::APPLICANTS)]
}

/// Each channel once: real records repeat the same time and fee for each case.
fn channels(all: &[Channel], max: usize) -> Vec<Channel> {
    let mut out: Vec<Channel> = Vec::new();
    for c in all {
        let mut c = c.clone();
        // The channel's description is the page's, never the leaflet's.
        c.note = None;
        c.duration = shorten(&c.duration, max);
        c.fee = shorten(&c.fee, max);
        let same = |o: &Channel| o.method == c.method && o.duration == c.duration && o.fee == c.fee;
        if !out.iter().any(same) {
            out.push(c);
        }
    }
    out
}

fn step(s: &Step, cut: &Cut) -> Step {
    match s {
        Step::Text(t) => Step::Text(cut(t, limits::STEP)),
        Step::Titled(t) => {
            let mut t = t.clone();
            t.title = cut(&t.title, limits::STEP_TITLE);
            t.text = cut(&t.text, limits::STEP);
            Step::Titled(t)
        }
    }
}

/// Things to bring; explanations (neither an original nor a copy) only where nothing else is
/// listed, since the leaflet has no room for notes.
fn documents(all: &[Document], cut: &Cut) -> Vec<Document> {
    let counted = |x: &&Document| x.originals > 0 || x.copies > 0;
    let keep: Vec<&Document> = if all.iter().any(|x| counted(&x)) {
        all.iter().filter(counted).collect()
    } else {
        all.iter().collect()
    };
    keep.into_iter()
        .map(|x| Document {
            name: cut(&x.name, limits::DOCUMENT),
            note: None,
            ..x.clone()
        })
        .collect()
}

/// The documents that every case asks for (the same name and counts), printed once before the
/// cases, and the cases without them. Real records repeat them in each of up to ten cases.
fn common_documents(cases: &[Case]) -> (Vec<Document>, Vec<Case>) {
    let same = |a: &Document, b: &Document| {
        a.name == b.name && a.originals == b.originals && a.copies == b.copies
    };
    let Some((first, rest)) = cases.split_first() else {
        return (Vec::new(), Vec::new());
    };
    if rest.is_empty() {
        return (Vec::new(), cases.to_vec());
    }
    let common: Vec<Document> = first
        .documents
        .iter()
        .filter(|x| rest.iter().all(|c| c.documents.iter().any(|y| same(x, y))))
        .cloned()
        .collect();
    let cases = cases
        .iter()
        .map(|c| Case {
            documents: (c.documents.iter())
                .filter(|x| !common.iter().any(|y| same(x, y)))
                .cloned()
                .collect(),
            ..c.clone()
        })
        .collect();
    (common, cases)
}

fn given(x: &LeafletDocument, cut: &Cut) -> Document {
    Document {
        name: cut(&x.name, limits::DOCUMENT),
        originals: x.originals,
        copies: x.copies,
        form: None,
        note: None,
    }
}

fn case(c: &Case, channel: usize, cut: &Cut) -> Case {
    Case {
        name: cut(&c.name, limits::CASE),
        documents: documents(&c.documents, cut),
        open: c.open,
        channels: c.channels.as_deref().map(|x| channels(x, channel)),
    }
}

/// `text` if it has at most `max` characters; else its beginning up to the last sentence end
/// (". ", "; ", ": ") in that room, or the last clause (", ", " – ") if the sentence would lose
/// more than half, or the last word, followed by "…". The leaflet says once what "…" means.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let room: String = text.chars().take(max).collect();
    let half = room.len() / 2;
    let end = |marks: &[&str]| {
        marks
            .iter()
            .filter_map(|m| room.rfind(m).map(|i| i + m.trim_end().len()))
            .max()
            .filter(|&i| i >= half)
    };
    let at = end(&[". ", "; ", ": ", ".\n", ";\n"])
        .or_else(|| end(&[", ", " – ", " - ", " ("]))
        .or_else(|| room.rfind(char::is_whitespace))
        .unwrap_or(room.len());
    let kept = room[..at].trim_end_matches([' ', ',', ';', ':', '(', '-', '–', '.']);
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(shorten("Tờ khai.", 20), "Tờ khai.");
    }

    #[test]
    fn long_text_ends_at_a_sentence() {
        let text = "Tờ khai theo mẫu. Bản sao giấy tờ tùy thân của người yêu cầu, có chứng thực.";
        assert_eq!(shorten(text, 30), "Tờ khai theo mẫu…");
    }

    #[test]
    fn without_a_sentence_end_it_ends_at_a_clause_or_a_word() {
        let text =
            "Giấy tờ chứng minh nơi cư trú, giấy khai sinh của con và giấy chứng nhận kết hôn";
        assert_eq!(shorten(text, 50), "Giấy tờ chứng minh nơi cư trú…");
        let words = "Giấy tờ chứng minh nơi cư trú của người yêu cầu đăng ký";
        assert_eq!(shorten(words, 30), "Giấy tờ chứng minh nơi cư trú…");
    }
}
