//! Hand-off reference codes: what a person reads out on the phone or at a counter, or types on
//! another device, to pick up answers they chose to save (see `docs/handoff-api.md`).
//!
//! A code is 8 random characters and a check character, grouped for reading aloud:
//! `K7QP-M4XR-K`. The alphabet has 29 characters, none easily taken for another (no 0/O, 1/I/L,
//! U/V): `23456789ABCDEFGHJKMNPQRSTWXYZ`. 29 is prime, so a weighted sum modulo 29, each
//! position with its own weight from 1 to 9, catches every single wrong character (the sum
//! changes by weight × difference, and neither is a multiple of 29) and every swap of two
//! neighbours (it changes by the difference of their weights, 1, × the difference of the
//! characters). A mistyped code is then refused at once, without a trip to the server and
//! without counting as a guess. 29⁸ ≈ 5 × 10¹¹ codes (about 39 bits): with the server's limit
//! of a few wrong tries per code and per client, guessing one is hopeless.
//!
//! The engine checks and normalises codes; the server makes them, from its own randomness.

use crate::locales;
use std::fmt;

/// The characters of a code, in the order of their values 0 to 28.
pub const ALPHABET: &[u8; 29] = b"23456789ABCDEFGHJKMNPQRSTWXYZ";
/// Random characters in a code, before its check character.
pub const RANDOM_LENGTH: usize = 8;
/// Characters in a code, its check character included (not counting hyphens).
pub const LENGTH: usize = RANDOM_LENGTH + 1;
/// An example to show people the format.
pub const EXAMPLE: &str = "K7QP-M4XR-K";

const MODULUS: u32 = ALPHABET.len() as u32;

/// A well-formed code, its check character right.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Code(String);

/// Why a code typed by a person cannot be right; [`CodeError::message`] says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    Empty,
    /// It has this many characters (without spaces and hyphens), not [`LENGTH`].
    Length(usize),
    /// A character codes never have, e.g. `O` or `1`.
    Character(char),
    /// Every character could be in a code, but the check character does not match: one is
    /// mistyped, or two are swapped.
    Check,
}

impl CodeError {
    /// The message for the person, in their language (falling back to English).
    pub fn message(&self, lang: &str) -> String {
        match self {
            CodeError::Empty => locales::message(lang, "handoff.code_empty", &[]),
            CodeError::Length(_) => locales::message(
                lang,
                "handoff.code_length",
                &[("length", &LENGTH.to_string()), ("example", EXAMPLE)],
            ),
            CodeError::Character(c) => locales::message(
                lang,
                "handoff.code_character",
                &[("character", &c.to_string()), ("example", EXAMPLE)],
            ),
            CodeError::Check => locales::message(lang, "handoff.code_check", &[]),
        }
    }
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(crate::text::DEFAULT_LANG))
    }
}

impl std::error::Error for CodeError {}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|v| v as u32)
}

/// The check value for these character values: the one that makes
/// Σ (position + 1) × value ≡ 0 (mod 29) over the whole code.
fn check_value(values: &[u32]) -> u32 {
    let sum: u32 = values
        .iter()
        .enumerate()
        .map(|(i, v)| (i as u32 + 1) * v)
        .sum::<u32>()
        % MODULUS;
    let weight = values.len() as u32 + 1;
    // The inverse of the check position's weight, modulo the prime 29 (Fermat).
    let inverse = (0..MODULUS - 2).fold(1, |acc, _| acc * weight % MODULUS);
    (MODULUS - sum) % MODULUS * inverse % MODULUS
}

/// True when the weighted sum of the whole code is 0 modulo 29.
fn sums_to_zero(values: &[u32]) -> bool {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (i as u32 + 1) * v)
        .sum::<u32>()
        % MODULUS
        == 0
}

impl Code {
    /// A code from 8 random numbers (each taken modulo 29, so any source of random bytes
    /// will do, nearly evenly), with its check character added.
    pub fn from_random(random: [u32; RANDOM_LENGTH]) -> Code {
        let values: Vec<u32> = random.iter().map(|r| r % MODULUS).collect();
        let check = check_value(&values);
        let text = values
            .iter()
            .chain(std::iter::once(&check))
            .map(|&v| ALPHABET[v as usize] as char)
            .collect();
        Code(text)
    }

    /// Reads a code as a person typed it: in any case, with or without spaces and hyphens.
    pub fn parse(typed: &str) -> Result<Code, CodeError> {
        let text: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—'))
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if text.is_empty() {
            return Err(CodeError::Empty);
        }
        if let Some(bad) = text
            .chars()
            .find(|c| !c.is_ascii() || value(*c as u8).is_none())
        {
            // Arabic-Indic digits are digits too, but a code never has 0 or 1.
            return Err(CodeError::Character(bad));
        }
        if text.len() != LENGTH {
            return Err(CodeError::Length(text.chars().count()));
        }
        let values: Vec<u32> = text.bytes().filter_map(value).collect();
        if !sums_to_zero(&values) {
            return Err(CodeError::Check);
        }
        Ok(Code(text))
    }

    /// The code without hyphens, as stored and compared: `K7QPM4XRK`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Grouped for reading aloud: `K7QP-M4XR-K`.
impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", &self.0[..4], &self.0[4..8], &self.0[8..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every code with one character replaced by every other character of the alphabet, and
    /// with every two neighbours swapped (when they differ).
    fn variants(code: &str) -> Vec<String> {
        let bytes = code.as_bytes();
        let mut out = Vec::new();
        for i in 0..bytes.len() {
            for &other in ALPHABET.iter().filter(|&&a| a != bytes[i]) {
                let mut changed = bytes.to_vec();
                changed[i] = other;
                out.push(String::from_utf8(changed).unwrap());
            }
            if i + 1 < bytes.len() && bytes[i] != bytes[i + 1] {
                let mut swapped = bytes.to_vec();
                swapped.swap(i, i + 1);
                out.push(String::from_utf8(swapped).unwrap());
            }
        }
        out
    }

    #[test]
    fn the_alphabet_has_no_ambiguous_characters_and_a_prime_size() {
        for ambiguous in b"01OILUV" {
            assert!(!ALPHABET.contains(ambiguous), "{}", *ambiguous as char);
        }
        assert_eq!(ALPHABET.len(), 29);
        assert!((2..29).all(|d| 29 % d != 0));
        let mut sorted = ALPHABET.to_vec();
        sorted.dedup();
        assert_eq!(sorted.len(), 29, "no character twice");
    }

    #[test]
    fn a_code_is_grouped_for_reading_aloud_and_reads_back() {
        let code = Code::from_random([9, 5, 20, 19, 17, 2, 25, 21]);
        assert_eq!(code.as_str().len(), LENGTH);
        let shown = code.to_string();
        assert_eq!(shown.len(), 11);
        assert_eq!(shown.matches('-').count(), 2);
        assert_eq!(Code::parse(&shown), Ok(code.clone()));
        let typed = format!(" {} ", shown.to_lowercase().replace('-', " "));
        assert_eq!(Code::parse(&typed), Ok(code.clone()));
        assert_eq!(Code::parse(code.as_str()), Ok(code));
        assert_eq!(
            Code::parse(EXAMPLE).map(|c| c.to_string()),
            Ok(EXAMPLE.to_string())
        );
    }

    #[test]
    fn a_mistyped_code_is_refused_with_a_message_saying_how_to_fix_it() {
        assert_eq!(Code::parse("  - "), Err(CodeError::Empty));
        assert_eq!(Code::parse("K7QP-M4XR"), Err(CodeError::Length(8)));
        assert_eq!(Code::parse("K7QP-M4XR-K9"), Err(CodeError::Length(10)));
        assert_eq!(Code::parse("K7QP-M4XR-O"), Err(CodeError::Character('O')));
        assert_eq!(Code::parse("k1qp-m4xr-9"), Err(CodeError::Character('1')));
        assert_eq!(Code::parse("K7QP-M4XR-8"), Err(CodeError::Check));
        assert_eq!(
            CodeError::Character('O').message("en"),
            "Reference codes do not use the character O. Check the code, which looks like K7QP-M4XR-K"
        );
        assert_eq!(
            CodeError::Length(8).message("en"),
            "The reference code must have 9 letters and numbers, like K7QP-M4XR-K"
        );
        for error in [
            CodeError::Empty,
            CodeError::Length(3),
            CodeError::Character('O'),
            CodeError::Check,
        ] {
            for lang in ["es", "ar"] {
                assert_ne!(
                    error.message(lang),
                    error.message("en"),
                    "{error:?} in {lang}"
                );
            }
        }
    }

    /// The proof the check character is worth having: for every code tried, each of its
    /// 9 × 28 single-character errors and each adjacent swap is refused.
    #[test]
    fn every_single_error_and_adjacent_swap_is_caught_for_ten_thousand_codes() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            // xorshift: a fixed, varied sample.
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 32) as u32
        };
        let mut checked = 0;
        for _ in 0..10_000 {
            let code = Code::from_random(std::array::from_fn(|_| next()));
            assert!(Code::parse(code.as_str()).is_ok());
            for wrong in variants(code.as_str()) {
                assert_eq!(
                    Code::parse(&wrong),
                    Err(CodeError::Check),
                    "{wrong} from {code}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 10_000 * 9 * 28, "{checked}");
    }

    proptest! {
        #[test]
        fn any_code_catches_every_single_error_and_adjacent_swap(random in proptest::array::uniform8(any::<u32>())) {
            let code = Code::from_random(random);
            prop_assert!(Code::parse(&code.to_string()).is_ok());
            for wrong in variants(code.as_str()) {
                prop_assert_eq!(Code::parse(&wrong), Err(CodeError::Check));
            }
        }
    }
}
