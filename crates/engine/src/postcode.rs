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

#[cfg(test)]
mod tests {
    use super::normalise_uk;

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
