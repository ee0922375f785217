//! What the server knows about the latest build, shared with waiting browsers.

use std::time::Duration;

use tokio::sync::watch;

use crate::diagnostics::Diagnostic;

/// The latest build's outcome. Pages waiting for the next build wait on it without a thread.
pub struct State {
    latest: watch::Sender<Snapshot>,
}

#[derive(Clone, Default)]
pub struct Snapshot {
    /// Counts finished builds, good or bad; pages reload when it moves past theirs.
    pub generation: u64,
    /// The errors of the latest build; empty when it succeeded.
    pub errors: Vec<Diagnostic>,
}

impl Default for State {
    fn default() -> State {
        State {
            latest: watch::Sender::new(Snapshot::default()),
        }
    }
}

impl State {
    pub fn publish(&self, errors: Vec<Diagnostic>) {
        self.latest.send_modify(|s| {
            s.generation += 1;
            s.errors = errors;
        });
    }

    pub fn snapshot(&self) -> Snapshot {
        self.latest.borrow().clone()
    }

    /// Waits until a build newer than `since` finishes, or `timeout` passes.
    pub async fn wait_past(&self, since: u64, timeout: Duration) -> Snapshot {
        let mut changes = self.latest.subscribe();
        let newer = changes.wait_for(|s| s.generation > since);
        match tokio::time::timeout(timeout, newer).await {
            Ok(Ok(snapshot)) => snapshot.clone(),
            _ => self.snapshot(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_ends_with_the_next_build_or_the_timeout() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let state = State::default();
        state.publish(Vec::new());
        runtime.block_on(async {
            // Already past: at once.
            assert_eq!(
                state.wait_past(0, Duration::from_secs(60)).await.generation,
                1
            );
            // Nothing new: the timeout, with the current build.
            let waited = state.wait_past(1, Duration::from_millis(10)).await;
            assert_eq!(waited.generation, 1);
        });
        // A build while waiting ends the wait.
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(50));
                state.publish(Vec::new());
            });
            let waited = runtime.block_on(state.wait_past(1, Duration::from_secs(60)));
            assert_eq!(waited.generation, 2);
        });
    }
}
