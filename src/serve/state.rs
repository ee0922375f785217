//! What the server knows about the latest build, shared with waiting browsers.

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::diagnostics::Diagnostic;

#[derive(Default)]
pub struct State {
    inner: Mutex<Snapshot>,
    changed: Condvar,
}

#[derive(Clone, Default)]
pub struct Snapshot {
    /// Counts finished builds, good or bad; pages reload when it moves past theirs.
    pub generation: u64,
    /// The errors of the latest build; empty when it succeeded.
    pub errors: Vec<Diagnostic>,
}

impl State {
    pub fn publish(&self, errors: Vec<Diagnostic>) {
        let mut s = self.inner.lock().unwrap();
        s.generation += 1;
        s.errors = errors;
        self.changed.notify_all();
    }

    pub fn snapshot(&self) -> Snapshot {
        self.inner.lock().unwrap().clone()
    }

    /// Waits until a build newer than `since` finishes, or `timeout` passes.
    pub fn wait_past(&self, since: u64, timeout: Duration) -> Snapshot {
        let guard = self.inner.lock().unwrap();
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation <= since)
            .unwrap();
        guard.clone()
    }
}
