//! Who a client is, for rate limits: its address, read from `X-Forwarded-For` only behind a
//! trusted proxy, and the network that address is counted in.
//!
//! The algorithm (the "rightmost untrusted address"):
//! 1. Addresses are normalised first: an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, what a
//!    dual-stack listener on `::` reports for IPv4 peers) is the IPv4 address, for the peer, for
//!    every `X-Forwarded-For` entry and for the configured trusted proxies alike.
//! 2. A peer that is not a trusted proxy is the client; its headers are not read.
//! 3. Behind a trusted proxy, every `X-Forwarded-For` line is read, in order, as one list (a proxy
//!    may append its own line instead of extending the first one), and the list is walked from the
//!    right: trusted proxies are skipped, and the first other address is the client. Entries may
//!    carry a port (`203.0.113.7:4711`, `[2001:db8::1]:443`). An entry that is not an address ends
//!    the walk: the client is then the last trusted hop (a proxy that writes garbage is not
//!    believed past it). With no untrusted entry the client is the leftmost trusted hop.
//! 4. An IPv6 client is counted per network of `ipv6_prefix_len` bits (default /64: a host is
//!    usually given a whole /64 and can rotate within it); an IPv4 client per address.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use actix_web::dev::ServiceRequest;
use actix_web::http::header::HeaderMap;

use crate::settings::RateLimitSettings;

/// How client addresses are read and grouped.
#[derive(Debug, Clone)]
pub struct ClientAddresses {
    trusted_proxies: Vec<IpAddr>,
    ipv6_prefix_len: u8,
}

impl ClientAddresses {
    /// From the rate-limit settings (trusted proxies, IPv6 prefix).
    pub fn from_settings(settings: &RateLimitSettings) -> Self {
        Self {
            trusted_proxies: settings
                .trusted_proxies
                .iter()
                .filter_map(|ip| ip.parse().ok())
                .map(normalised)
                .collect(),
            ipv6_prefix_len: settings.ipv6_prefix_len.clamp(1, 128),
        }
    }

    /// The client of `req`, by the algorithm of this module.
    pub fn client(&self, req: &ServiceRequest) -> Option<IpAddr> {
        self.client_of(req.peer_addr().map(|address| address.ip()), req.headers())
    }

    fn client_of(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = normalised(peer?);
        if !self.is_trusted(peer) {
            return Some(peer);
        }
        let mut client = peer;
        let lines: Vec<&[u8]> = headers
            .get_all("x-forwarded-for")
            .map(|value| value.as_bytes())
            .collect();
        for entry in lines.iter().rev().flat_map(|line| line.rsplit(|&b| b == b',')) {
            let entry = entry.trim_ascii();
            if entry.is_empty() {
                continue;
            }
            let Some(address) = std::str::from_utf8(entry).ok().and_then(parse_entry) else {
                return Some(client);
            };
            client = address;
            if !self.is_trusted(address) {
                return Some(address);
            }
        }
        Some(client)
    }

    fn is_trusted(&self, address: IpAddr) -> bool {
        self.trusted_proxies.contains(&address)
    }

    /// The text a client is counted under: the IPv4 address, or the IPv6 network of the
    /// configured prefix (`2001:db8:1:2::/64`).
    pub fn bucket(&self, client: Option<IpAddr>) -> String {
        match client {
            None => String::new(),
            Some(IpAddr::V4(v4)) => v4.to_string(),
            Some(IpAddr::V6(v6)) => {
                let bits = u128::from(v6);
                let prefix = u32::from(self.ipv6_prefix_len);
                let mask = u128::MAX.checked_shl(128 - prefix).unwrap_or(0);
                format!("{}/{prefix}", Ipv6Addr::from(bits & mask))
            }
        }
    }
}

/// An IPv4-mapped IPv6 address as the IPv4 address it carries; any other address unchanged.
pub fn normalised(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// One `X-Forwarded-For` entry: an address, with or without a port, normalised.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .or_else(|_| entry.parse::<SocketAddr>().map(|socket| socket.ip()))
        .ok()
        .map(normalised)
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn addresses(trusted: &[&str]) -> ClientAddresses {
        ClientAddresses::from_settings(&RateLimitSettings {
            trusted_proxies: trusted.iter().map(|ip| (*ip).to_owned()).collect(),
            ..RateLimitSettings::default()
        })
    }

    fn forwarded(lines: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for line in lines {
            headers.append(
                HeaderName::from_static("x-forwarded-for"),
                HeaderValue::from_str(line).expect("a header value"),
            );
        }
        headers
    }

    fn ip(text: &str) -> Option<IpAddr> {
        Some(text.parse().expect("an address"))
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let addresses = addresses(&["10.0.0.1"]);
        let client = addresses.client_of(ip("198.51.100.9"), &forwarded(&["203.0.113.7"]));
        assert_eq!(client, ip("198.51.100.9"));
    }

    #[test]
    fn every_forwarded_line_is_read_and_the_rightmost_untrusted_address_wins() {
        let addresses = addresses(&["10.0.0.1", "10.0.0.2"]);
        // A client sent a spoofed first line; HAProxy appended its own line with the real peer.
        let headers = forwarded(&["1.2.3.4", "203.0.113.7, 10.0.0.2"]);
        assert_eq!(addresses.client_of(ip("10.0.0.1"), &headers), ip("203.0.113.7"));
        let one_line = forwarded(&["1.2.3.4, 203.0.113.7"]);
        assert_eq!(addresses.client_of(ip("10.0.0.1"), &one_line), ip("203.0.113.7"));
    }

    #[test]
    fn mapped_addresses_are_ipv4_for_peers_entries_and_trusted_proxies() {
        let addresses = addresses(&["127.0.0.1"]);
        let headers = forwarded(&["::ffff:203.0.113.7"]);
        assert_eq!(addresses.client_of(ip("::ffff:127.0.0.1"), &headers), ip("203.0.113.7"));
        let mapped_setting = self::addresses(&["::ffff:127.0.0.1"]);
        assert_eq!(
            mapped_setting.client_of(ip("127.0.0.1"), &forwarded(&["198.51.100.1"])),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn ports_are_dropped_and_garbage_ends_the_walk() {
        let addresses = addresses(&["10.0.0.1"]);
        let ported = forwarded(&["[2001:db8::1]:443, 203.0.113.7:4711"]);
        assert_eq!(addresses.client_of(ip("10.0.0.1"), &ported), ip("203.0.113.7"));
        let garbage = forwarded(&["203.0.113.7, not-an-address"]);
        assert_eq!(addresses.client_of(ip("10.0.0.1"), &garbage), ip("10.0.0.1"));
        assert_eq!(addresses.client_of(ip("10.0.0.1"), &forwarded(&[])), ip("10.0.0.1"));
    }

    #[test]
    fn ipv6_clients_share_a_bucket_per_network() {
        let addresses = addresses(&[]);
        let a = addresses.bucket(ip("2001:db8:1:2:aaaa::1"));
        let b = addresses.bucket(ip("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        let other = addresses.bucket(ip("2001:db8:1:3::1"));
        assert_eq!(a, "2001:db8:1:2::/64");
        assert_eq!(a, b);
        assert_ne!(a, other);
        assert_eq!(addresses.bucket(ip("203.0.113.7")), "203.0.113.7");
        let whole = ClientAddresses::from_settings(&RateLimitSettings {
            ipv6_prefix_len: 128,
            ..RateLimitSettings::default()
        });
        assert_eq!(whole.bucket(ip("2001:db8::1")), "2001:db8::1/128");
    }
}
