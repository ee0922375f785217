//! Ids and codes that one file uses and another defines.

use std::collections::{HashMap, HashSet};

use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::{Loaded, Unreadable};

/// The ids of one registry file, for lookups with "did you mean".
pub struct Registry {
    kind: &'static str,
    /// In file order, which is the order "did you mean" weighs ties in.
    ids: Vec<String>,
    /// The same, to look references up in: a catalog may name thousands of agencies.
    known: HashSet<String>,
    /// False when the registry file could not be read: then no reference to it is judged.
    complete: bool,
}

impl Registry {
    /// Collects ids, reporting any defined twice.
    pub fn new<T>(
        kind: &'static str,
        items: &[Loaded<T>],
        id: impl Fn(&T) -> &String,
        unreadable: &Unreadable,
        diags: &Diagnostics,
    ) -> Registry {
        let mut first: HashMap<&str, &Loaded<T>> = HashMap::new();
        for item in items {
            let key = id(&item.item).as_str();
            if let Some(prev) = first.get(key) {
                let line = prev
                    .loc("/id")
                    .map_or(String::new(), |l| format!(" at line {}", l.line));
                diags.push(item.error(
                    "/id",
                    format!("the {kind} id `{key}` is already defined{line}"),
                ));
            } else {
                first.insert(key, item);
            }
        }
        let mut ids: Vec<String> = items.iter().map(|i| id(&i.item).clone()).collect();
        ids.extend(unreadable.ids.iter().cloned());
        let file = Registry::file_of(kind);
        Registry {
            kind,
            known: ids.iter().cloned().collect(),
            ids,
            complete: !unreadable.registries.contains(file),
        }
    }

    /// `Ok` if `id` is defined; otherwise the message for the editor.
    pub fn check(&self, id: &str) -> Result<(), Diagnostic> {
        if !self.complete || self.known.contains(id) {
            return Ok(());
        }
        let d = Diagnostic::error("", format!("there is no {} with the id `{id}`", self.kind));
        Err(
            match did_you_mean(id, self.ids.iter().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`?")),
                None => d.help(format!(
                    "the {} ids are defined in content/{}",
                    self.kind,
                    Registry::file_of(self.kind)
                )),
            },
        )
    }

    fn file_of(kind: &str) -> &'static str {
        match kind {
            "field" => "fields.yaml",
            "agency" => "agencies.yaml",
            _ => "life-events.yaml",
        }
    }
}

/// Procedure codes in the catalog, and whether each is a draft.
pub type Codes = HashMap<String, bool>;

/// Looks up a procedure code named by another file.
pub fn check_code(code: &str, codes: &Codes) -> Result<(), String> {
    if codes.contains_key(code) {
        return Ok(());
    }
    let hint = did_you_mean(code, codes.keys().map(String::as_str))
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    Err(format!("no procedure has the code `{code}`{hint}"))
}
