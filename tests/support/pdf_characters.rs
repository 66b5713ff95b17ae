//! Text with every kind of character a learner in the UK and Europe may type:
//! Latin with its diacritics, Greek, Cyrillic, typographic punctuation,
//! currency, arrows, maths, fractions, common symbols and emoji. Shared by the
//! PDF engine's and the PDF export's tests of the fallback fonts.

/// A line of each kind of character a learner might type, in the UK and Europe.
pub const EVERY_CHARACTER: [(&str, &str); 10] = [
    ("Latin", "Ŵŷ ŵŶ Łódź Ærøskøbing Çà ß ẞ Őő Űű Șș Țț Ğğ İı Āā Ėę Ěě Ññ Ŀŀ Ŋŋ Œœ Þð Ąą Čč Ďď Ľľ Ňň Řř Šš Ťť Ůů Žž ẁẃẅ ỳ"),
    ("Greek", "Αλφάβητο ελληνικά ΩΣΔ άέήίόύώ ϊϋΐΰ"),
    ("Cyrillic", "Кириллица Україна Ёё Її Єє Іі Ўў Ђђ Љљ Њњ Ћћ Џџ Ґґ"),
    ("Punctuation", "‘quotes’ “double” ‚low„ ‹single› «double» en–dash em—dash … • · † ‡ ′ ″ ¡ ¿ § ¶"),
    ("Currency", "£ € $ ¥ ₹ ₽ ₺ ₴ ₿ ¢ ₩"),
    ("Arrows", "← ↑ → ↓ ↔ ↕ ⇒ ⇐ ⇔ ↩"),
    ("Maths", "≈ ≤ ≥ ± × ÷ √ ∞ ≠ ∑ ∏ ∫ ∂ ∆ ∈ ∩ ∪ ⊂ ∀ ∃ ¬ ∧ ∨ ° ‰ µ π"),
    ("Fractions", "½ ⅓ ⅔ ¼ ¾ ⅕ ⅛ ⅞ 3⁄4"),
    ("Symbols", "✓ ✔ ✗ ✘ ★ ☆ © ® ™ ♥ ☺ ☀ ☎ ✉ ♀ ♂ ⚠ ♪"),
    ("Emoji", "😀 👍 🎉 📚 ❤\u{FE0F} 🙂 🚀 🌍 ✅ ❌"),
];
