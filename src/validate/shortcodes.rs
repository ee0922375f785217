//! Shortcodes in guides and pages: what their reading found wrong (unknown names, unknown or
//! missing arguments, unknown kinds of box), and catalog data that exists in this build.

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::Sources;
use crate::model::body::{SPECS, Spec, calls};
use crate::model::{Block, Call, CalloutKind, Fault, Shortcode};

use super::refs::{Codes, check_code};
use super::video;

/// Checks every shortcode of `body`. Codes must name data that exists in this build: a card for a
/// draft would be an empty box on the published page.
pub fn check(
    file: &str,
    body: &[Block],
    codes: &Codes,
    drafts: bool,
    sources: &Sources,
    diags: &Diagnostics,
) {
    for call in calls(body) {
        let error = |message: String| Diagnostic::error(file, message).at(Some(call.at));
        for f in &call.faults {
            let (message, help) = fault(call, f);
            diags.push(match help {
                Some(help) => error(message).help(help),
                None => error(message),
            });
        }
        if let Some(m) = call.shortcode.code().and_then(|c| code(c, codes, drafts)) {
            diags.push(error(m));
        }
        if let Shortcode::Video(v) = &call.shortcode {
            for p in video::check(v, sources) {
                let d = if p.warning {
                    Diagnostic::warning(file, p.message)
                } else {
                    Diagnostic::error(file, p.message)
                };
                let field = p.pointer.trim_start_matches('/');
                diags.push(d.at(Some(call.at)).field(field));
            }
        }
    }
}

/// The message for a mistake in how `call` is written, and its help when it has one apart.
fn fault(call: &Call, fault: &Fault) -> (String, Option<String>) {
    let name = call.shortcode.name();
    let spec = Spec::named(name);
    let args = spec.map_or(&[][..], |s| s.args);
    let message = match fault {
        Fault::UnknownName => {
            let names = SPECS.iter().map(|s| s.name);
            let hint = did_you_mean(name, names.clone())
                .map(|n| format!("did you mean `{n}`?"))
                .unwrap_or_else(|| {
                    format!("shortcodes are {}", names.collect::<Vec<_>>().join(", "))
                });
            return (format!("unknown shortcode `{name}`"), Some(hint));
        }
        Fault::UnknownArgument(key) => {
            let hint = did_you_mean(key, args.iter().copied())
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_else(|| format!("; it takes {}", args.join(", ")));
            format!("`{name}` takes no `{key}`{hint}")
        }
        Fault::MissingArgument(key) => format!("the `{name}` shortcode needs `{key}=\"…\"`"),
        Fault::UnknownKind(kind) => {
            let kinds = CalloutKind::ALL.map(CalloutKind::id);
            let hint = did_you_mean(kind, kinds)
                .map(|k| format!("did you mean `{k}`?"))
                .unwrap_or_else(|| format!("use one of {}", kinds.join(", ")));
            format!("`{kind}` is not a kind of callout; {hint}")
        }
    };
    (message, None)
}

fn code(code: &str, codes: &Codes, drafts: bool) -> Option<String> {
    if codes.get(code) == Some(&true) && !drafts {
        return Some(format!(
            "`{code}` is a draft and not published in this build; publish it, or preview with --drafts"
        ));
    }
    check_code(code, codes).err()
}
