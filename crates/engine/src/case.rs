//! Letter case: `a` ↔ `A`, for folding a search and opening a sentence with a capital.
//!
//! Written here rather than calling `char::to_lowercase` and `char::to_uppercase`: those
//! carry the case tables of all of Unicode into the WebAssembly (about 36 KB, 11 KB
//! compressed). These tables are the standard library's mappings for the scripts a journey
//! is likely to be written or answered in: Latin (with Vietnamese and Welsh letters),
//! Greek, Cyrillic, Armenian and fullwidth Latin; letters of other scripts are left as they
//! are. A letter whose other case is two letters (`ß` → `SS`, `İ` → `i̇`) is left as it
//! is too. The test `tables_are_the_standard_librarys` rebuilds the tables from the standard
//! library and prints them if they differ.

/// The blocks of Unicode whose case mappings are kept (the tests rebuild the tables from them).
#[cfg(test)]
const BLOCKS: [(u32, u32); 6] = [
    (0x0000, 0x024F), // Basic Latin, Latin-1, Latin Extended-A and -B
    (0x0370, 0x03FF), // Greek and Coptic
    (0x0400, 0x052F), // Cyrillic and its supplement
    (0x0530, 0x058F), // Armenian
    (0x1E00, 0x1EFF), // Latin Extended Additional
    (0xFF00, 0xFFEF), // Halfwidth and fullwidth forms
];

/// Runs of letters `(first, last, shift)`: each letter of the run becomes itself plus
/// `shift`, wrapping at 2¹⁶ (see [`step`]).
type Runs = [(u16, u16, u16)];

/// How far apart a run's letters are: a shift of one either way pairs neighbours (Ā ā Ă ă …),
/// so such a run steps by two; any other run takes every letter from its first to its last.
const fn step(shift: u16) -> u16 {
    if matches!(shift, 1 | 0xFFFF) {
        2
    } else {
        1
    }
}

#[rustfmt::skip]
const LOWER: [(u16, u16, u16); 90] = [
    (0x0041, 0x005A, 0x0020), (0x00C0, 0x00D6, 0x0020), (0x00D8, 0x00DE, 0x0020), (0x0100, 0x012E, 0x0001),
    (0x0132, 0x0136, 0x0001), (0x0139, 0x0147, 0x0001), (0x014A, 0x0176, 0x0001), (0x0178, 0x0178, 0xFF87),
    (0x0179, 0x017D, 0x0001), (0x0181, 0x0181, 0x00D2), (0x0182, 0x0184, 0x0001), (0x0186, 0x0186, 0x00CE),
    (0x0187, 0x0187, 0x0001), (0x0189, 0x018A, 0x00CD), (0x018B, 0x018B, 0x0001), (0x018E, 0x018E, 0x004F),
    (0x018F, 0x018F, 0x00CA), (0x0190, 0x0190, 0x00CB), (0x0191, 0x0191, 0x0001), (0x0193, 0x0193, 0x00CD),
    (0x0194, 0x0194, 0x00CF), (0x0196, 0x0196, 0x00D3), (0x0197, 0x0197, 0x00D1), (0x0198, 0x0198, 0x0001),
    (0x019C, 0x019C, 0x00D3), (0x019D, 0x019D, 0x00D5), (0x019F, 0x019F, 0x00D6), (0x01A0, 0x01A4, 0x0001),
    (0x01A6, 0x01A6, 0x00DA), (0x01A7, 0x01A7, 0x0001), (0x01A9, 0x01A9, 0x00DA), (0x01AC, 0x01AC, 0x0001),
    (0x01AE, 0x01AE, 0x00DA), (0x01AF, 0x01AF, 0x0001), (0x01B1, 0x01B2, 0x00D9), (0x01B3, 0x01B5, 0x0001),
    (0x01B7, 0x01B7, 0x00DB), (0x01B8, 0x01B8, 0x0001), (0x01BC, 0x01BC, 0x0001), (0x01C4, 0x01C4, 0x0002),
    (0x01C5, 0x01C5, 0x0001), (0x01C7, 0x01C7, 0x0002), (0x01C8, 0x01C8, 0x0001), (0x01CA, 0x01CA, 0x0002),
    (0x01CB, 0x01DB, 0x0001), (0x01DE, 0x01EE, 0x0001), (0x01F1, 0x01F1, 0x0002), (0x01F2, 0x01F4, 0x0001),
    (0x01F6, 0x01F6, 0xFF9F), (0x01F7, 0x01F7, 0xFFC8), (0x01F8, 0x021E, 0x0001), (0x0220, 0x0220, 0xFF7E),
    (0x0222, 0x0232, 0x0001), (0x023A, 0x023A, 0x2A2B), (0x023B, 0x023B, 0x0001), (0x023D, 0x023D, 0xFF5D),
    (0x023E, 0x023E, 0x2A28), (0x0241, 0x0241, 0x0001), (0x0243, 0x0243, 0xFF3D), (0x0244, 0x0244, 0x0045),
    (0x0245, 0x0245, 0x0047), (0x0246, 0x024E, 0x0001), (0x0370, 0x0372, 0x0001), (0x0376, 0x0376, 0x0001),
    (0x037F, 0x037F, 0x0074), (0x0386, 0x0386, 0x0026), (0x0388, 0x038A, 0x0025), (0x038C, 0x038C, 0x0040),
    (0x038E, 0x038F, 0x003F), (0x0391, 0x03A1, 0x0020), (0x03A3, 0x03AB, 0x0020), (0x03CF, 0x03CF, 0x0008),
    (0x03D8, 0x03EE, 0x0001), (0x03F4, 0x03F4, 0xFFC4), (0x03F7, 0x03F7, 0x0001), (0x03F9, 0x03F9, 0xFFF9),
    (0x03FA, 0x03FA, 0x0001), (0x03FD, 0x03FF, 0xFF7E), (0x0400, 0x040F, 0x0050), (0x0410, 0x042F, 0x0020),
    (0x0460, 0x0480, 0x0001), (0x048A, 0x04BE, 0x0001), (0x04C0, 0x04C0, 0x000F), (0x04C1, 0x04CD, 0x0001),
    (0x04D0, 0x052E, 0x0001), (0x0531, 0x0556, 0x0030), (0x1E00, 0x1E94, 0x0001), (0x1E9E, 0x1E9E, 0xE241),
    (0x1EA0, 0x1EFE, 0x0001), (0xFF21, 0xFF3A, 0x0020),
];

#[rustfmt::skip]
const UPPER: [(u16, u16, u16); 83] = [
    (0x0061, 0x007A, 0xFFE0), (0x00B5, 0x00B5, 0x02E7), (0x00E0, 0x00F6, 0xFFE0), (0x00F8, 0x00FE, 0xFFE0),
    (0x00FF, 0x00FF, 0x0079), (0x0101, 0x012F, 0xFFFF), (0x0131, 0x0131, 0xFF18), (0x0133, 0x0137, 0xFFFF),
    (0x013A, 0x0148, 0xFFFF), (0x014B, 0x0177, 0xFFFF), (0x017A, 0x017E, 0xFFFF), (0x017F, 0x017F, 0xFED4),
    (0x0180, 0x0180, 0x00C3), (0x0183, 0x0185, 0xFFFF), (0x0188, 0x0188, 0xFFFF), (0x018C, 0x018C, 0xFFFF),
    (0x0192, 0x0192, 0xFFFF), (0x0195, 0x0195, 0x0061), (0x0199, 0x0199, 0xFFFF), (0x019A, 0x019A, 0x00A3),
    (0x019B, 0x019B, 0xA641), (0x019E, 0x019E, 0x0082), (0x01A1, 0x01A5, 0xFFFF), (0x01A8, 0x01A8, 0xFFFF),
    (0x01AD, 0x01AD, 0xFFFF), (0x01B0, 0x01B0, 0xFFFF), (0x01B4, 0x01B6, 0xFFFF), (0x01B9, 0x01B9, 0xFFFF),
    (0x01BD, 0x01BD, 0xFFFF), (0x01BF, 0x01BF, 0x0038), (0x01C5, 0x01C5, 0xFFFF), (0x01C6, 0x01C6, 0xFFFE),
    (0x01C8, 0x01C8, 0xFFFF), (0x01C9, 0x01C9, 0xFFFE), (0x01CB, 0x01CB, 0xFFFF), (0x01CC, 0x01CC, 0xFFFE),
    (0x01CE, 0x01DC, 0xFFFF), (0x01DD, 0x01DD, 0xFFB1), (0x01DF, 0x01EF, 0xFFFF), (0x01F2, 0x01F2, 0xFFFF),
    (0x01F3, 0x01F3, 0xFFFE), (0x01F5, 0x01F5, 0xFFFF), (0x01F9, 0x021F, 0xFFFF), (0x0223, 0x0233, 0xFFFF),
    (0x023C, 0x023C, 0xFFFF), (0x023F, 0x0240, 0x2A3F), (0x0242, 0x0242, 0xFFFF), (0x0247, 0x024F, 0xFFFF),
    (0x0371, 0x0373, 0xFFFF), (0x0377, 0x0377, 0xFFFF), (0x037B, 0x037D, 0x0082), (0x03AC, 0x03AC, 0xFFDA),
    (0x03AD, 0x03AF, 0xFFDB), (0x03B1, 0x03C1, 0xFFE0), (0x03C2, 0x03C2, 0xFFE1), (0x03C3, 0x03CB, 0xFFE0),
    (0x03CC, 0x03CC, 0xFFC0), (0x03CD, 0x03CE, 0xFFC1), (0x03D0, 0x03D0, 0xFFC2), (0x03D1, 0x03D1, 0xFFC7),
    (0x03D5, 0x03D5, 0xFFD1), (0x03D6, 0x03D6, 0xFFCA), (0x03D7, 0x03D7, 0xFFF8), (0x03D9, 0x03EF, 0xFFFF),
    (0x03F0, 0x03F0, 0xFFAA), (0x03F1, 0x03F1, 0xFFB0), (0x03F2, 0x03F2, 0x0007), (0x03F3, 0x03F3, 0xFF8C),
    (0x03F5, 0x03F5, 0xFFA0), (0x03F8, 0x03F8, 0xFFFF), (0x03FB, 0x03FB, 0xFFFF), (0x0430, 0x044F, 0xFFE0),
    (0x0450, 0x045F, 0xFFB0), (0x0461, 0x0481, 0xFFFF), (0x048B, 0x04BF, 0xFFFF), (0x04C2, 0x04CE, 0xFFFF),
    (0x04CF, 0x04CF, 0xFFF1), (0x04D1, 0x052F, 0xFFFF), (0x0561, 0x0586, 0xFFD0), (0x1E01, 0x1E95, 0xFFFF),
    (0x1E9B, 0x1E9B, 0xFFC5), (0x1EA1, 0x1EFF, 0xFFFF), (0xFF41, 0xFF5A, 0xFFE0),
];

/// The lowercase of a letter (`Á` → `á`); any other character as it is.
pub fn lower(c: char) -> char {
    shift(&LOWER, c)
}

/// The uppercase of a letter (`á` → `Á`); any other character as it is.
pub fn upper(c: char) -> char {
    shift(&UPPER, c)
}

/// The text in lowercase, letter by letter.
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// The text with its first letter in lowercase ("Name" → "name"), the rest as it is.
pub fn lower_first(text: &str) -> String {
    first_letter(text, lower)
}

/// The text with its first letter in uppercase, so a noun phrase can open a sentence ("your
/// date of birth" → "Your date of birth must be in the past").
pub fn capitalise(text: &str) -> String {
    first_letter(text, upper)
}

fn first_letter(text: &str, case: fn(char) -> char) -> String {
    let mut chars = text.chars();
    chars.next().map(case).into_iter().chain(chars).collect()
}

fn shift(runs: &Runs, c: char) -> char {
    let Ok(u) = u16::try_from(u32::from(c)) else {
        return c;
    };
    let Some(&(first, last, shift)) = runs[..runs.partition_point(|r| r.0 <= u)].last() else {
        return c;
    };
    match u <= last && (u - first) % step(shift) == 0 {
        true => char::from_u32(u32::from(u.wrapping_add(shift))).unwrap_or(c),
        false => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of a standard-library mapping over [`BLOCKS`], as the tables write them.
    fn runs_from_std(map: impl Fn(char) -> String) -> Vec<(u16, u16, u16)> {
        let mut runs: Vec<(u16, u16, u16)> = vec![];
        let chars = BLOCKS
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .filter_map(char::from_u32);
        for c in chars {
            let mapped: Vec<char> = map(c).chars().collect();
            let [m] = mapped[..] else { continue };
            if m == c {
                continue;
            }
            let (u, shift) = (c as u16, (m as u16).wrapping_sub(c as u16));
            match runs.last_mut() {
                Some(run) if run.2 == shift && u == run.1 + step(shift) => run.1 = u,
                _ => runs.push((u, u, shift)),
            }
        }
        runs
    }

    fn source(runs: &[(u16, u16, u16)]) -> String {
        runs.iter()
            .map(|(f, l, s)| format!("(0x{f:04X}, 0x{l:04X}, 0x{s:04X}),"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn tables_are_the_standard_librarys() {
        let lower = runs_from_std(|c| c.to_lowercase().collect());
        assert!(
            LOWER[..] == lower[..],
            "LOWER should be\n{}",
            source(&lower)
        );
        let upper = runs_from_std(|c| c.to_uppercase().collect());
        assert!(
            UPPER[..] == upper[..],
            "UPPER should be\n{}",
            source(&upper)
        );
    }

    #[test]
    fn every_character_maps_as_the_standard_library_does_or_stays() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let kept = BLOCKS.iter().any(|&(a, b)| (a..=b).contains(&u32::from(c)));
            for (ours, std) in [
                (lower(c), c.to_lowercase().collect::<String>()),
                (upper(c), c.to_uppercase().collect::<String>()),
            ] {
                let single = std.chars().count() == 1;
                match kept && single {
                    true => assert_eq!(ours.to_string(), std, "{c:?}"),
                    false => assert_eq!(ours, c, "{c:?} is left as it is"),
                }
            }
        }
    }

    #[test]
    fn folds_the_letters_of_our_languages() {
        assert_eq!(lowercase("ÁRBOL Ñandú"), "árbol ñandú");
        let upper_case = |text: &str| text.chars().map(upper).collect::<String>();
        assert_eq!(upper_case("qq 12 34 56 c"), "QQ 12 34 56 C");
        assert_eq!(lowercase("ĐƯỜNG Trần Hưng Đạo"), "đường trần hưng đạo");
        assert_eq!(lowercase("ΑΘΗΝΑ Москва ԵՐԵՎԱՆ"), "αθηνα москва երեվան");
        assert_eq!(lowercase("مرحبا 123"), "مرحبا 123");
        assert_eq!(upper('ß'), 'ß');
        assert_eq!(lower_first("Ángel Pérez"), "ángel Pérez");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn capitalises_the_first_letter_only() {
        assert_eq!(capitalise("the date you moved"), "The date you moved");
        assert_eq!(capitalise("école"), "École");
        assert_eq!(capitalise(""), "");
    }
}
