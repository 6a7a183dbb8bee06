//! Reading a plain decimal ("3", "-12.5", "0.25") as a number.
//!
//! Written here rather than calling `str::parse::<f64>` because the standard parser carries
//! tables of powers of five for exponents up to ±342 (about 21 KB that brotli cannot shrink)
//! into the WebAssembly, and nobody types such a number into a form. Up to 19 significant
//! digits, between 10⁻²¹ and 10³⁸, this reader rounds once to the nearest float, exactly as
//! the standard parser does, so any number Rust prints reads back the same. Beyond that it
//! is within a few units in the last place.

/// Exact powers of ten: every one up to 10²² is a whole number an `f64` holds exactly.
const POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Significant digits kept: 19 fit a `u64`, more than an `f64` can tell apart.
const KEPT: u32 = 19;

/// A decimal written as an optional sign, digits and at most one decimal point with at least
/// one digit ("7", "+7", "-0.5", ".5", "5."); `None` for anything else, and for a number too
/// large for an `f64`. No exponents, spaces or thousands separators: callers strip those.
pub fn parse(text: &str) -> Option<f64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits(whole) || !digits(fraction) {
        return None;
    }
    // The digits as `mantissa × 10^exponent`, skipping leading zeros and dropping digits
    // past the 19th (each dropped whole-number digit still counts towards the exponent).
    let (mut mantissa, mut kept, mut exponent, mut dropped) = (0u64, 0u32, 0i32, false);
    for (b, in_fraction) in whole
        .bytes()
        .map(|b| (b, false))
        .chain(fraction.bytes().map(|b| (b, true)))
    {
        if kept < KEPT && (mantissa != 0 || b != b'0') {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            kept += 1;
            exponent -= i32::from(in_fraction);
        } else if kept == 0 {
            exponent -= i32::from(in_fraction);
        } else {
            exponent += i32::from(!in_fraction);
            dropped |= b != b'0';
        }
    }
    let magnitude = match mantissa {
        0 => 0.0,
        _ => rounded(mantissa, exponent, dropped).unwrap_or_else(|| scale(mantissa, exponent)),
    };
    let value = if negative { -magnitude } else { magnitude };
    value.is_finite().then_some(value)
}

/// `mantissa × 10^exponent` rounded once to the nearest float, ties to even, when the power
/// of ten fits a `u128`; `dropped` says digits beyond the mantissa were not all zero.
fn rounded(mantissa: u64, exponent: i32, dropped: bool) -> Option<f64> {
    let power = 10u128.checked_pow(exponent.unsigned_abs())?;
    if exponent >= 0 {
        let whole = u128::from(mantissa).checked_mul(power)?;
        return Some(binary(whole, 0, dropped));
    }
    // Long division in base two: the whole part, then a bit of the fraction at a time until
    // the quotient holds 56 significant bits, three more than a float keeps.
    let (mut quotient, mut rest) = (u128::from(mantissa) / power, u128::from(mantissa) % power);
    let mut bits = 0;
    while quotient < 1 << 55 {
        rest <<= 1;
        quotient = quotient << 1 | u128::from(rest >= power);
        rest -= if rest >= power { power } else { 0 };
        bits += 1;
    }
    Some(binary(quotient, bits, dropped || rest != 0))
}

/// `quotient / 2^bits` as a float. With at least two bits below the 53 a float keeps, a
/// lowest bit set for a non-zero rest makes the conversion round as the exact value would.
fn binary(quotient: u128, bits: i32, rest: bool) -> f64 {
    let sticky = u128::from(rest && quotient >= 1 << 55);
    let power_of_two = f64::from_bits(((1023 - bits) as u64) << 52);
    (quotient | sticky) as f64 * power_of_two
}

/// `mantissa × 10^exponent` for exponents too far out to round once: one exact power of ten
/// at a time, each step rounding.
fn scale(mantissa: u64, mut exponent: i32) -> f64 {
    const MOST: i32 = POWERS.len() as i32 - 1;
    let mut n = mantissa as f64;
    while exponent != 0 && n != 0.0 && n.is_finite() {
        let step = exponent.clamp(-MOST, MOST);
        let power = POWERS[step.unsigned_abs() as usize];
        n = if step > 0 { n * power } else { n / power };
        exponent -= step;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_what_people_type() {
        assert_eq!(parse("3"), Some(3.0));
        assert_eq!(parse("-12.5"), Some(-12.5));
        assert_eq!(parse("+7"), Some(7.0));
        assert_eq!(parse("0.25"), Some(0.25));
        assert_eq!(parse(".5"), Some(0.5));
        assert_eq!(parse("5."), Some(5.0));
        assert_eq!(parse("0007.100"), Some(7.1));
        assert_eq!(parse("0.1"), Some(0.1));
        assert_eq!(parse("37.5"), Some(37.5));
        assert_eq!(parse("-0"), Some(-0.0));
    }

    #[test]
    fn refuses_what_is_not_a_plain_decimal() {
        for text in [
            "", "-", "+", ".", "-.", "1.2.3", "1e3", "inf", "NaN", " 1", "1 ", "1,000", "--1", "½",
            "١٢",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_number_too_large_for_a_float_is_refused() {
        let huge = format!("1{}", "0".repeat(400));
        assert_eq!(parse(&huge), None);
        assert_eq!(parse(&format!("-{huge}")), None);
        // 10³⁰⁸ is near the largest float, and still reads.
        let large = parse(&format!("1{}", "0".repeat(308))).unwrap();
        assert!(
            (large - 1e308).abs() <= 1e308 * 8.0 * f64::EPSILON,
            "{large}"
        );
    }

    #[test]
    fn long_and_tiny_numbers_come_close() {
        let near = |text: &str, expected: f64| {
            let got = parse(text).unwrap();
            assert!(
                (got - expected).abs() <= expected * 8.0 * f64::EPSILON,
                "{text}: {got}"
            );
        };
        near(&format!("0.{}1", "0".repeat(300)), 1e-301);
        near("123456789012345678901234567890", 1.2345678901234568e29);
        near("0.1234567890123456789012345", 0.12345678901234568);
    }

    proptest! {
        /// Up to 15 significant digits and 22 places, it agrees exactly with the standard parser.
        #[test]
        fn agrees_with_the_standard_parser(
            whole in 0u64..1_000_000_000_000_000,
            places in 0usize..=22,
            negative in any::<bool>(),
        ) {
            let digits = whole.to_string();
            let places = places.min(digits.len());
            let (int, frac) = digits.split_at(digits.len() - places);
            let text = format!("{}{}.{}", if negative { "-" } else { "" }, int, frac);
            prop_assert_eq!(parse(&text), text.parse::<f64>().ok(), "{}", text);
        }

        /// Whatever float Rust prints between 10⁻²¹ and 10³⁸ reads back as the same float.
        #[test]
        fn reads_back_what_rust_prints(n in 1e-21f64..1e38) {
            let printed = n.to_string();
            prop_assert_eq!(parse(&printed), Some(n), "{}", printed);
        }

        /// Up to 19 digits it agrees exactly with the standard parser, wherever the point is.
        #[test]
        fn nineteen_digits_agree_with_the_standard_parser(
            digits in "[1-9][0-9]{0,18}",
            places in 0usize..=19,
        ) {
            let places = places.min(digits.len());
            let (int, frac) = digits.split_at(digits.len() - places);
            let text = format!("{int}.{frac}");
            prop_assert_eq!(parse(&text), text.parse::<f64>().ok(), "{}", text);
        }

        /// Any longer decimal is within a couple of units in the last place.
        #[test]
        fn comes_within_an_ulp_or_two_of_the_standard_parser(
            text in "[0-9]{1,40}(\\.[0-9]{1,40})?",
        ) {
            let expected: f64 = text.parse().unwrap();
            let got = parse(&text).unwrap();
            let close = (got - expected).abs() <= expected * 2.0 * f64::EPSILON;
            prop_assert!(close, "{}: {} rather than {}", text, got, expected);
        }
    }
}
