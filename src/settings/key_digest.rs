//! [`KeyDigest`]: the SHA-256 digest of an API key, the only form in which settings hold a key.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};

/// The SHA-256 digest of an accepted API key, written in settings as 64 hex digits (e.g. from
/// `printf %s KEY | sha256sum`). Parsed when the settings load, so a malformed digest stops
/// start-up instead of silently matching nothing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct KeyDigest([u8; 32]);

impl KeyDigest {
    /// The digest of `key`, as a client presents it.
    pub fn of_key(key: &str) -> Self {
        Self(Sha256::digest(key.as_bytes()).into())
    }

    /// The 32 bytes of the digest.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

/// Why a text is not a [`KeyDigest`]. The settings loader names the key after this message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a SHA-256 digest of 64 hex digits (make one with `printf %s KEY | sha256sum`)")]
pub struct KeyDigestError;

impl FromStr for KeyDigest {
    type Err = KeyDigestError;

    /// 64 hex digits, either case, surrounding white space ignored.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.len() != 64 {
            return Err(KeyDigestError);
        }
        let mut digest = [0u8; 32];
        for (index, byte) in digest.iter_mut().enumerate() {
            let pair = text.get(index * 2..index * 2 + 2).ok_or(KeyDigestError)?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| KeyDigestError)?;
        }
        Ok(Self(digest))
    }
}

impl fmt::Display for KeyDigest {
    /// 64 lowercase hex digits, the form `sha256sum` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|byte| write!(f, "{byte:02x}"))
    }
}

impl fmt::Debug for KeyDigest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyDigest({self})")
    }
}

impl Serialize for KeyDigest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KeyDigest {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_64_hex_digits_in_either_case() {
        let lower = "ab".repeat(32);
        assert_eq!(lower.parse::<KeyDigest>().unwrap().as_bytes(), &[0xab; 32]);
        assert_eq!(lower.to_uppercase().parse::<KeyDigest>(), lower.parse());
        for bad in ["abc", &"g".repeat(64), &"a".repeat(65), "é".repeat(32).as_str()] {
            assert_eq!(bad.parse::<KeyDigest>(), Err(KeyDigestError), "{bad}");
        }
    }

    #[test]
    fn a_digest_is_written_as_sha256sum_prints_it() {
        // printf %s abc | sha256sum
        let digest = KeyDigest::of_key("abc");
        assert_eq!(
            digest.to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(digest.to_string().parse::<KeyDigest>(), Ok(digest));
    }
}
