//! Shortcodes in guides and pages: known names, known arguments, and catalog data that exists in
//! this build.

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Sources;
use crate::load::shortcode::{self, Segment, Shortcode};

use super::refs::{Codes, check_code};
use super::video;

/// What each shortcode accepts. The theme draws each with `templates/shortcodes/<name>.html`.
struct Spec {
    name: &'static str,
    args: &'static [&'static str],
    required: &'static [&'static str],
}

const SPECS: [Spec; 5] = [
    Spec {
        name: "procedure",
        args: &["code"],
        required: &["code"],
    },
    Spec {
        name: "steps",
        args: &["code"],
        required: &["code"],
    },
    Spec {
        name: "documents",
        args: &["code"],
        required: &["code"],
    },
    Spec {
        name: "video",
        args: &["youtube", "file", "captions", "poster", "title", "duration"],
        // The title names the play button for screen readers.
        required: &["title"],
    },
    Spec {
        name: "callout",
        args: &["kind", "title"],
        required: &[],
    },
];

/// The kinds of callout box; the theme has a label and a look for each (`t.callout.<kind>`).
const CALLOUT_KINDS: [&str; 3] = ["luu-y", "canh-bao", "meo"];

/// Checks every shortcode of `body`. Codes must name data that exists in this build: a card for a
/// draft would be an empty box on the published page.
pub fn check(
    file: &str,
    body: &[Segment],
    codes: &Codes,
    drafts: bool,
    sources: &Sources,
    diags: &Diagnostics,
) {
    for sc in shortcode::all(body) {
        let error = |message: String| Diagnostic::error(file, message).at(Some(sc.location()));
        let Some(spec) = SPECS.iter().find(|s| s.name == sc.name) else {
            let names = SPECS.iter().map(|s| s.name);
            let hint = did_you_mean(&sc.name, names.clone())
                .map(|n| format!("did you mean `{n}`?"))
                .unwrap_or_else(|| {
                    format!("shortcodes are {}", names.collect::<Vec<_>>().join(", "))
                });
            diags.push(error(format!("unknown shortcode `{}`", sc.name)).help(hint));
            continue;
        };
        let mut problems = arguments(spec, sc);
        match sc.name.as_str() {
            "procedure" | "steps" | "documents" => {
                problems.extend(sc.arg("code").and_then(|c| code(c, codes, drafts)));
            }
            "callout" => problems.extend(sc.arg("kind").and_then(callout_kind)),
            _ => {}
        }
        diags.extend(problems.into_iter().map(error));
        if sc.name == "video" {
            for p in video::check(&sc.video(), sources) {
                let d = if p.warning {
                    Diagnostic::warning(file, p.message)
                } else {
                    Diagnostic::error(file, p.message)
                };
                let field = p.pointer.trim_start_matches('/');
                diags.push(d.at(Some(sc.location())).field(field));
            }
        }
    }
}

/// Unknown and missing arguments.
fn arguments(spec: &Spec, sc: &Shortcode) -> Vec<String> {
    let mut out = Vec::new();
    for (key, _) in &sc.args {
        if !spec.args.contains(&key.as_str()) {
            let hint = did_you_mean(key, spec.args.iter().copied())
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_else(|| format!("; it takes {}", spec.args.join(", ")));
            out.push(format!("`{}` takes no `{key}`{hint}", spec.name));
        }
    }
    for key in spec.required {
        if sc.arg(key).is_none() {
            out.push(format!("the `{}` shortcode needs `{key}=\"…\"`", spec.name));
        }
    }
    out
}

fn code(code: &str, codes: &Codes, drafts: bool) -> Option<String> {
    if codes.get(code) == Some(&true) && !drafts {
        return Some(format!(
            "`{code}` is a draft and not published in this build; publish it, or preview with --drafts"
        ));
    }
    check_code(code, codes).err()
}

fn callout_kind(kind: &str) -> Option<String> {
    if CALLOUT_KINDS.contains(&kind) {
        return None;
    }
    let hint = did_you_mean(kind, CALLOUT_KINDS)
        .map(|k| format!("did you mean `{k}`?"))
        .unwrap_or_else(|| format!("use one of {}", CALLOUT_KINDS.join(", ")));
    Some(format!("`{kind}` is not a kind of callout; {hint}"))
}
