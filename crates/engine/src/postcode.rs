//! UK postcodes, checked by hand rather than with a regular expression engine, which would
//! bloat the WebAssembly.

/// The postcode in its standard form ("sw1a1aa" → "SW1A 1AA") if it has the shape of a full
/// UK postcode: an outward code (A9, A99, AA9, AA99, A9A or AA9A) then an inward code (9AA).
pub fn normalise_uk(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if !(5..=7).contains(&compact.len()) || !compact.is_ascii() {
        return None;
    }
    let (outward, inward) = compact.split_at(compact.len() - 3);
    let shape: String = outward
        .chars()
        .map(|c| match c {
            'A'..='Z' => 'A',
            '0'..='9' => '9',
            _ => '?',
        })
        .collect();
    let inward_ok = {
        let b = inward.as_bytes();
        b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    let outward_ok = matches!(
        shape.as_str(),
        "A9" | "A99" | "AA9" | "AA99" | "A9A" | "AA9A"
    );
    (inward_ok && outward_ok).then(|| format!("{outward} {inward}"))
}

/// The ZIP code in its standard form if it is one: five digits, or ZIP+4 ("20500-0003").
pub fn normalise_zip(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match compact.split_once('-') {
        None if digits(&compact, 5) => Some(compact),
        None if digits(&compact, 9) => Some(format!("{}-{}", &compact[..5], &compact[5..])),
        Some((five, four)) if digits(five, 5) && digits(four, 4) => Some(compact),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{normalise_uk, normalise_zip};

    #[test]
    fn zip_codes() {
        assert_eq!(normalise_zip("20500").as_deref(), Some("20500"));
        assert_eq!(normalise_zip("20500-0003").as_deref(), Some("20500-0003"));
        assert_eq!(normalise_zip("205000003").as_deref(), Some("20500-0003"));
        for bad in ["", "2050", "2050a", "20500-03", "205000-0003"] {
            assert_eq!(normalise_zip(bad), None, "{bad}");
        }
    }

    #[test]
    fn accepts_every_outward_shape() {
        for (typed, standard) in [
            ("M1 1AE", "M1 1AE"),
            ("b338th", "B33 8TH"),
            ("CR2 6XH", "CR2 6XH"),
            ("DN55 1PT", "DN55 1PT"),
            ("W1A 0AX", "W1A 0AX"),
            (" ec1a 1bb ", "EC1A 1BB"),
        ] {
            assert_eq!(normalise_uk(typed).as_deref(), Some(standard), "{typed}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_postcode() {
        for typed in [
            "",
            "SW1",
            "12345",
            "SW1A 1A",
            "SW1A-1AA",
            "ABCDE 1AA",
            "SW1A 1ÄA",
        ] {
            assert_eq!(normalise_uk(typed), None, "{typed}");
        }
    }
}
