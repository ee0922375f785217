//! Which Host a request may name: the preview's own loopback address.
//!
//! A page on any site can make its name resolve to 127.0.0.1 (DNS rebinding) and then read what
//! the preview serves as if it were its own. The browser still sends that page's name as the
//! Host, so answering only to the loopback names and addresses, with our port, closes that door.

/// The authorities (`host:port`) the preview answers to.
#[derive(Debug, Clone, Copy)]
pub struct Loopback {
    port: u16,
}

impl Loopback {
    pub fn on_port(port: u16) -> Loopback {
        Loopback { port }
    }

    /// Whether `authority` (a Host header, or the authority of an absolute request target) is
    /// `127.0.0.1`, `localhost` or `[::1]` with our port. Without a port it means port 80.
    pub fn allows(&self, authority: &str) -> bool {
        let Some((host, port)) = split(authority) else {
            return false;
        };
        let port_matches = port.unwrap_or(80) == self.port;
        let loopback =
            host == "127.0.0.1" || host == "[::1]" || host.eq_ignore_ascii_case("localhost");
        port_matches && loopback
    }

    /// A short answer for a request that names another host, saying where the preview is.
    pub fn misdirected(&self) -> String {
        format!(
            "421 Misdirected Request: this is motcua's preview; it answers only to \
             http://127.0.0.1:{port}/ (or localhost:{port}).\n",
            port = self.port
        )
    }
}

/// `host[:port]` into its host and port; `None` when the port is not a number.
fn split(authority: &str) -> Option<(&str, Option<u16>)> {
    // An IPv6 address is bracketed and holds colons of its own.
    let after_host = match authority.strip_prefix('[') {
        Some(rest) => rest.find(']')? + 2,
        None => authority.find(':').unwrap_or(authority.len()),
    };
    let (host, rest) = authority.split_at(after_host);
    match rest {
        "" => Some((host, None)),
        _ => Some((host, Some(rest.strip_prefix(':')?.parse().ok()?))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_with_our_port() {
        let hosts = Loopback::on_port(1111);
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST:1111",
            "[::1]:1111",
        ] {
            assert!(hosts.allows(ok), "{ok} refused");
        }
        for bad in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example:1111",
            "127.0.0.1:1112",
            "127.0.0.1",
            "127.0.0.1:",
            "127.0.0.1:1111:1111",
            "[::1]",
            "[::1:1111",
            "127.0.0.2:1111",
            "",
        ] {
            assert!(!hosts.allows(bad), "{bad} allowed");
        }
        // Port 80 may be left out, as browsers do.
        let hosts = Loopback::on_port(80);
        assert!(hosts.allows("localhost") && hosts.allows("[::1]") && hosts.allows("127.0.0.1:80"));
    }
}
