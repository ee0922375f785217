//! Rules for procedures beyond their shape.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::limits::{ADDRESS_SEGMENT, markdown_too_deep, markdown_too_deep_error};
use crate::load::{Loaded, Sources, yaml};
use crate::model::{Document, Method, OnlineLevel, Procedure, Status, Step};
use crate::slug::short_code;

use super::Settings;
use super::markdown::HtmlPolicy;
use super::paths::{check_content_path, check_qr_text, check_url};
use super::refs::{Codes, Registry, check_code};
use super::steps::StepBody;

pub fn check_all(
    sources: &Sources,
    fields: &Registry,
    agencies: &Registry,
    events: &Registry,
    settings: Settings,
    diags: &Diagnostics,
) -> Codes {
    let mut codes = unique_codes(&sources.procedures, diags);
    // Procedures that failed to load are reported once, in their own file.
    for code in &sources.unreadable.codes {
        codes.entry(code.clone()).or_insert(false);
    }
    let max_age = sources.config.review.max_age_days;
    let mut overdue = 0;
    let html = HtmlPolicy::new(&sources.config.markdown);
    for p in &sources.procedures {
        let registries = [fields, agencies, events];
        check_refs(p, registries, &codes, settings.drafts, diags);
        check_links(p, sources, diags);
        check_consistency(p, diags);
        check_markdown(p, &html, diags);
        check_steps(p, diags);
        check_dates(p, settings.today, diags);
        if let Some(age) = review_age_if_overdue(p, settings.today, max_age) {
            overdue += 1;
            // Only a listed warning is built: placing it reads the file again.
            if settings.list_overdue {
                diags.push(overdue_warning(p, age, max_age));
            }
        }
    }
    if overdue > 0 && !settings.list_overdue {
        let msg =
            format!("{overdue} procedure(s) are overdue for review against the official source");
        diags.push(
            Diagnostic::warning("content/procedures/", msg).help("`motcua check` lists them"),
        );
    }
    codes
}

/// Codes and their short forms (the permanent /p/ address) must be unique.
fn unique_codes(procedures: &[Loaded<Procedure>], diags: &Diagnostics) -> Codes {
    let mut seen: HashMap<String, &Loaded<Procedure>> = HashMap::new();
    let mut codes = Codes::new();
    for p in procedures {
        let short = short_code(&p.item.code);
        if let Some(prev) = seen.get(&short) {
            let what = if prev.item.code == p.item.code {
                "code"
            } else {
                "short address"
            };
            let msg = format!(
                "the {what} of `{}` is already used by {}",
                p.item.code, prev.file
            );
            diags.push(
                p.error("/code", msg)
                    .help("every procedure needs its own code"),
            );
            continue;
        }
        seen.insert(short, p);
        codes.insert(p.item.code.clone(), p.item.draft);
    }
    codes
}

fn check_refs(
    p: &Loaded<Procedure>,
    [fields, agencies, events]: [&Registry; 3],
    codes: &Codes,
    drafts: bool,
    diags: &Diagnostics,
) {
    let item = &p.item;
    let mut refs = vec![("/field".to_owned(), fields.check(&item.field))];
    for (i, a) in item.agency.ids().iter().enumerate() {
        refs.push((item.agency.pointer(i), agencies.check(a)));
    }
    for (i, e) in item.life_events.iter().enumerate() {
        refs.push((format!("/life_events/{i}"), events.check(e)));
    }
    for (pointer, result) in refs {
        if let Err(d) = result {
            diags.push(
                p.error(&pointer, d.message)
                    .at(p.loc(&pointer))
                    .help(d.help.unwrap_or_default()),
            );
        }
    }
    match (item.status, &item.replaced_by) {
        (Status::ThayThe, None) => {
            diags.push(p.error(
                "/status",
                "a replaced procedure must name its replacement in `replaced_by`",
            ));
        }
        (Status::ThayThe, Some(code)) if code == &item.code => {
            diags.push(p.error("/replaced_by", "a procedure cannot replace itself"));
        }
        (Status::ThayThe, Some(code)) => {
            if let Err(m) = check_code(code, codes) {
                diags.push(p.error("/replaced_by", m));
            } else if codes[code] && !drafts && !item.draft {
                // The published page would send citizens to a replacement that is not there.
                let msg =
                    format!("the replacement `{code}` is a draft and not published in this build");
                diags.push(
                    p.error("/replaced_by", msg)
                        .help("publish the replacement first"),
                );
            }
        }
        (_, Some(_)) => diags.push(
            p.error("/replaced_by", "`replaced_by` goes with `status: thay-the`")
                .help("add `status: thay-the`"),
        ),
        _ => {}
    }
}

fn check_links(p: &Loaded<Procedure>, sources: &Sources, diags: &Diagnostics) {
    let item = &p.item;
    let mut urls: Vec<(String, &str)> = Vec::new();
    urls.extend(
        item.portal_url
            .as_deref()
            .map(|u| ("/portal_url".into(), u)),
    );
    urls.extend(
        item.source_url
            .as_deref()
            .map(|u| ("/source_url".into(), u)),
    );
    urls.extend(
        item.decision
            .as_ref()
            .and_then(|d| d.url.as_deref())
            .map(|u| ("/decision/url".into(), u)),
    );
    for (i, l) in item.legal_basis.iter().enumerate() {
        urls.extend(l.url().map(|u| (format!("/legal_basis/{i}/url"), u)));
    }
    for (pointer, url) in urls {
        if let Err(m) = check_url(url) {
            diags.push(p.error(&pointer, m));
        }
    }
    if let Some(Err(m)) = item.portal_url.as_deref().map(check_qr_text) {
        diags.push(p.error("/portal_url", m));
    }
    for (pointer, doc) in documents(item) {
        if let Some(form) = &doc.form
            && let Err(m) = check_content_path(form, sources)
        {
            diags.push(p.error(&format!("{pointer}/form"), m));
        }
    }
    for (i, alias) in item.aliases.iter().enumerate() {
        let ok = alias.starts_with('/')
            && !alias.contains("..")
            && alias
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c));
        let msg = if !ok {
            format!(
                "`{alias}` must be a path on this site such as /thu-tuc/ten-cu/ (ASCII, starting with /)"
            )
        } else if let Some(long) = alias.split('/').find(|s| s.len() > ADDRESS_SEGMENT) {
            format!(
                "a part of this address has {} characters, more than the {ADDRESS_SEGMENT} a folder name may have",
                long.len()
            )
        } else {
            continue;
        };
        diags.push(p.error(&format!("/aliases/{i}"), msg));
    }
}

/// The fields written in Markdown stay within its nesting limit (see `crate::limits`), and what
/// rendering leaves out of them (raw HTML, unsafe links) is a warning at the field.
fn check_markdown(p: &Loaded<Procedure>, html: &HtmlPolicy, diags: &Diagnostics) {
    let item = &p.item;
    let steps = item.steps.iter().enumerate().map(|(i, s)| match s {
        Step::Text(text) => (format!("/steps/{i}"), text.as_str()),
        Step::Titled(s) => (format!("/steps/{i}/text"), s.text.as_str()),
    });
    let notes = documents(item)
        .filter_map(|(pointer, d)| Some((format!("{pointer}/note"), d.note.as_deref()?)));
    let answers = item
        .faq
        .iter()
        .enumerate()
        .map(|(i, f)| (format!("/faq/{i}/a"), f.a.as_str()));
    for (pointer, text) in steps.chain(notes).chain(answers) {
        if markdown_too_deep(text).is_some() {
            let d = markdown_too_deep_error(&p.file);
            diags.push(
                Diagnostic {
                    location: p.loc(&pointer),
                    ..d
                }
                .field(yaml::field_path(&pointer)),
            );
        }
        for dropped in html.dropped(text) {
            diags.push(p.warning(&pointer, dropped.message()).help(dropped.help()));
        }
    }
}

/// What the page could not show of the steps as written (see `steps`).
fn check_steps(p: &Loaded<Procedure>, diags: &Diagnostics) {
    for (i, step) in p.item.steps.iter().enumerate() {
        let pointer = match step {
            Step::Text(_) => format!("/steps/{i}"),
            Step::Titled(_) => format!("/steps/{i}/text"),
        };
        for change in StepBody::read(step, i + 1).1 {
            diags.push(p.warning(&pointer, change.message()).help(change.help()));
        }
    }
}

/// Every document of a procedure, its own and its cases', with its JSON pointer.
fn documents(item: &Procedure) -> impl Iterator<Item = (String, &Document)> {
    let top = item
        .documents
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, d)| (format!("/documents/{i}"), d));
    let cases = item.cases.iter().enumerate().flat_map(|(c, case)| {
        case.documents
            .iter()
            .enumerate()
            .map(move |(i, d)| (format!("/cases/{c}/documents/{i}"), d))
    });
    top.chain(cases)
}

/// Facts that contradict each other within one procedure.
fn check_consistency(p: &Loaded<Procedure>, diags: &Diagnostics) {
    let item = &p.item;
    if item.documents.is_none() && item.cases.is_empty() {
        diags.push(p.error("", "the required key `documents` is missing").field("documents").help(
            "list the documents to bring, or `documents: []` if there are none, or describe them per case in `cases`",
        ));
    }
    let has_online_channel = item.channels.iter().any(|c| c.method == Method::TrucTuyen);
    match item.online {
        OnlineLevel::Khong if has_online_channel => diags.push(p.warning(
            "/online",
            "`online: khong` but a channel is `truc-tuyen`; the page will not show the portal button",
        )),
        OnlineLevel::ToanTrinh | OnlineLevel::MotPhan if !has_online_channel => diags.push(p.warning(
            "/channels",
            "the procedure is offered online but no channel has `method: truc-tuyen`, so its online time and fee are unknown",
        )),
        _ => {}
    }
    let mut levels = item.level.clone();
    levels.sort();
    levels.dedup();
    if levels.len() != item.level.len() {
        diags.push(p.warning("/level", "a level is listed twice"));
    }
}

fn check_dates(p: &Loaded<Procedure>, today: NaiveDate, diags: &Diagnostics) {
    let item = &p.item;
    if item.updated.0 > today {
        diags.push(p.error("/updated", format!("{} is in the future", item.updated)));
    }
    if let Some(reviewed) = item.reviewed
        && reviewed.0 > today
    {
        diags.push(p.error("/reviewed", format!("{reviewed} is in the future")));
    }
}

/// The days since an in-force procedure was last checked (or, never checked, last edited), when
/// that is longer ago than the site allows.
fn review_age_if_overdue(
    p: &Loaded<Procedure>,
    today: NaiveDate,
    max_age_days: u32,
) -> Option<i64> {
    let item = &p.item;
    let reviewed = item.reviewed.unwrap_or(item.updated);
    let age = (today - reviewed.0).num_days();
    let overdue = age > i64::from(max_age_days) && item.status == Status::HieuLuc && !item.draft;
    overdue.then_some(age)
}

fn overdue_warning(p: &Loaded<Procedure>, age: i64, max_age_days: u32) -> Diagnostic {
    let item = &p.item;
    let reviewed = item.reviewed.unwrap_or(item.updated);
    let msg = format!("overdue for review: last checked {age} days ago ({reviewed})");
    let help = format!(
        "check it against the official source and set `reviewed`; review.max_age_days is {max_age_days}"
    );
    p.warning(
        if item.reviewed.is_some() {
            "/reviewed"
        } else {
            "/updated"
        },
        msg,
    )
    .help(help)
}
