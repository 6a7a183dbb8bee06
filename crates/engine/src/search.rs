//! Finding a life event from the person's own words ("my mum died", "laid off"): no wrong
//! door. Matching is on whole words after folding case and accents, against each life event's
//! title, synonyms and summary; a synonym matched in full ranks first.

use crate::definition::Journey;

/// One life event found, with how well it matched.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The index of the journey in the list searched.
    pub index: usize,
    pub score: u32,
}

/// Words that say nothing about which life event is meant.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "the", "i", "im", "i'm", "my", "me", "we", "our", "is", "am", "are", "was",
    "been", "have", "has", "had", "to", "of", "in", "on", "for", "just", "got", "get", "been",
    "it", "do", "what", "how", "need",
];

/// The life events matching a query, best first. An empty query finds nothing.
pub fn search(journeys: &[&Journey], query: &str, lang: &str) -> Vec<Found> {
    let query_words = words(query);
    if query_words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<Found> = journeys
        .iter()
        .enumerate()
        .filter_map(|(index, journey)| {
            let score = score(journey, &query_words, lang);
            (score > 0).then_some(Found { index, score })
        })
        .collect();
    // Highest score first, ties in catalogue order. An insertion sort: a catalogue is short,
    // and the standard sorts would put about 8 KB of code in the WebAssembly for this.
    for i in 1..found.len() {
        let mut j = i;
        while j > 0 && found[j - 1].score < found[j].score {
            found.swap(j - 1, j);
            j -= 1;
        }
    }
    found
}

fn score(journey: &Journey, query: &[String], lang: &str) -> u32 {
    let synonyms = journey.synonyms.get(lang).cloned().unwrap_or_default();
    let title = words(journey.title.tr(lang));
    let summary = words(journey.summary.tr(lang));
    let mut score = 0;
    for synonym in &synonyms {
        let synonym_words = words(synonym);
        if synonym_words.is_empty() {
            continue;
        }
        // Every word of the synonym is in the query: "my mum died" has "mum died".
        if synonym_words.iter().all(|w| query.contains(w)) {
            score += 10 * synonym_words.len() as u32;
        } else {
            score += 3 * query.iter().filter(|w| synonym_words.contains(w)).count() as u32;
        }
    }
    score += 4 * query.iter().filter(|w| title.contains(w)).count() as u32;
    score += query.iter().filter(|w| summary.contains(w)).count() as u32;
    score
}

/// The meaningful words of a text: lower case, accents folded, punctuation dropped, stop
/// words removed, simple plurals and "-ing"/"-ed" reduced so "moving" meets "move".
pub fn words(text: &str) -> Vec<String> {
    text.split(separates)
        .map(|w| fold(&w.replace('\'', "")))
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| stem(&w))
        .collect()
}

/// Whether a character comes between words: a space, or punctuation or a symbol, but not the
/// apostrophe, which is dropped inside a word ("I'm" is "im"). Written out rather than
/// `!char::is_alphanumeric()`, whose tables for all of Unicode would add about 3 KB to the
/// WebAssembly: it covers the punctuation of Latin-1, general punctuation, symbols, arrows and
/// dingbats, CJK and fullwidth punctuation, emoji, and Arabic's comma, semicolon, question mark
/// and percent sign.
fn separates(c: char) -> bool {
    let latin_1_punctuation = matches!(c, '\u{80}'..='\u{BF}' | '×' | '÷')
        && !matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼'..='¾');
    c.is_whitespace()
        || (c.is_ascii() && !c.is_ascii_alphanumeric() && c != '\'')
        || latin_1_punctuation
        || matches!(
            c,
            '\u{2010}'..='\u{2BFF}'
                | '\u{3000}'..='\u{303F}'
                | '\u{FE30}'..='\u{FE4F}'
                | '\u{FF01}'..='\u{FF0F}'
                | '\u{1F000}'..='\u{1FAFF}'
                | '،'
                | '؛'
                | '؟'
                | '٪'
                | '۔'
        )
}

fn fold(word: &str) -> String {
    word.chars()
        .map(crate::case::lower)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

fn stem(word: &str) -> String {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.chars().count() >= 3 {
                return stem.trim_end_matches('e').to_string();
            }
        }
    }
    match word.strip_suffix('e') {
        Some(stem) if stem.chars().count() >= 3 => stem.to_string(),
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Localized;

    fn journey(title: &str, synonyms: &[&str]) -> Journey {
        let mut journey =
            Journey::from_json(include_str!("../../../tests/fixtures/address-change.json"))
                .unwrap();
        journey.title = crate::text::Text::en(title);
        journey.summary = crate::text::Text::en("");
        journey.synonyms = Localized(
            [(
                "en".to_string(),
                synonyms.iter().map(|s| s.to_string()).collect(),
            )]
            .into_iter()
            .collect(),
        );
        journey
    }

    #[test]
    fn finds_life_events_by_their_synonyms() {
        let moving = journey(
            "Moving house",
            &["change of address", "new address", "relocating", "moved"],
        );
        let death = journey(
            "Death of someone close",
            &[
                "bereavement",
                "someone died",
                "mum died",
                "dad died",
                "funeral",
                "passed away",
            ],
        );
        let job = journey(
            "Losing your job",
            &[
                "laid off",
                "redundant",
                "fired",
                "unemployed",
                "lost my job",
                "new job search",
            ],
        );
        let all = [&moving, &death, &job];
        let first = |query: &str| search(&all, query, "en").first().map(|f| f.index);
        assert_eq!(first("my mum died"), Some(1));
        assert_eq!(first("Mum passed away last week"), Some(1));
        assert_eq!(first("laid off"), Some(2));
        assert_eq!(first("new job"), Some(2));
        assert_eq!(first("I'm relocating"), Some(0));
        assert_eq!(first("moving"), Some(0));
        assert_eq!(first("MOVED!"), Some(0));
        assert_eq!(first("the"), None);
        assert_eq!(first(""), None);
        assert_eq!(first("passport photo"), None);
    }

    #[test]
    fn the_best_match_comes_first_and_ties_keep_their_order() {
        let address = journey("Address", &[]);
        let new_address = journey("New address", &["new address"]);
        let address_too = journey("Address too", &[]);
        let benefits = journey("Benefits", &[]);
        let all = [&address, &benefits, &new_address, &address_too];
        let found = search(&all, "new address", "en");
        let order: Vec<usize> = found.iter().map(|f| f.index).collect();
        assert_eq!(order, [2, 0, 3]);
        let scores: Vec<u32> = found.iter().map(|f| f.score).collect();
        assert!(
            scores[0] > scores[1] && scores[1] == scores[2],
            "{scores:?}"
        );
    }

    #[test]
    fn words_split_where_the_standard_library_would() {
        let letter_blocks = [
            0x0000..0x0300,
            0x0370..0x0590,
            0x0600..0x0700,
            0x1E00..0x1F00,
        ];
        let chars = letter_blocks
            .into_iter()
            .flatten()
            .filter_map(char::from_u32);
        for c in chars {
            if c.is_alphanumeric() || c == '\'' {
                assert!(!separates(c), "{c:?} is part of a word");
            } else if u32::from(c) < 0x100 {
                assert!(separates(c), "{c:?} comes between words");
            }
        }
        let typed = "¿Qué? ¡Hola! «sí» “yes”—no… (3/4) 😀ok، ماذا؟";
        assert_eq!(
            words(typed),
            ["que", "hola", "si", "yes", "no", "3", "4", "ok", "ماذا"]
        );
    }

    #[test]
    fn words_are_folded_and_stemmed() {
        assert_eq!(words("Moving, MOVED & moves"), ["mov", "mov", "mov"]);
        assert_eq!(words("Mudanza de casa"), ["mudanza", "de", "casa"]);
        assert_eq!(words("Jubilación"), ["jubilacion"]);
    }
}
