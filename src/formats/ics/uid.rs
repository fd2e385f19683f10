//! Event UIDs: a FNV-1a 64 hash of what identifies the plan and the item, stable across Rust
//! versions and requests.

use crate::protocol::AftercarePlan;

/// The UID of one item of the plan: stable for the same request, different across requests. A
/// FNV-1a hash of the treatment instant, zone, locale, protocol id and version (hashed once per
/// plan, [`uid_prefix`]), then the item id and the overrides fingerprint, each separated by the
/// unit separator, which keeps ("a", "bc") and ("ab", "c") apart.
pub(super) fn uid(prefix: u64, item_id: &str, fingerprint: &str) -> String {
    let hash = fnv1a_64_continue(prefix, item_id.as_bytes());
    let hash = fnv1a_64_continue(hash, SEPARATOR);
    let hash = fnv1a_64_continue(hash, fingerprint.as_bytes());
    format!("{hash:016x}@aftercare")
}

/// The unit separator between hashed fields.
const SEPARATOR: &[u8] = "\u{1f}".as_bytes();

/// The hash state after the fields every UID of `plan` shares, each followed by the separator.
pub(super) fn uid_prefix(plan: &AftercarePlan) -> u64 {
    let treated_at = plan.treated_at.utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    [
        treated_at.as_str(),
        plan.timezone.as_str(),
        plan.locale.as_str(),
        plan.protocol.id.as_str(),
        plan.protocol.version.as_str(),
    ]
    .iter()
    .fold(FNV_OFFSET_BASIS, |hash, field| {
        fnv1a_64_continue(fnv1a_64_continue(hash, field.as_bytes()), SEPARATOR)
    })
}

const FNV_OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64 bits: a tiny hash whose values never change between Rust versions.
#[cfg(test)]
pub(super) fn fnv1a_64(bytes: &[u8]) -> u64 {
    fnv1a_64_continue(FNV_OFFSET_BASIS, bytes)
}

/// FNV-1a over `bytes`, continuing from `hash` (streaming: hashing `a` then `b` is hashing `ab`).
fn fnv1a_64_continue(hash: u64, bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(hash, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(PRIME))
}
