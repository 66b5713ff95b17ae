//! Reading PDFs back with the real tools (poppler-utils, qpdf) in the tests
//! of the PDF engine and of the PDF export: run a tool, a page's text, words
//! with their boxes, text squashed or normalised for comparing, and fonts
//! checked as embedded.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// Runs `name` (poppler-utils or qpdf) and returns what it did.
pub fn tool(name: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{name}` ({e}); install it with: apt-get install -y poppler-utils qpdf")
    })
}

/// Runs `name`, which must succeed, and returns its standard output.
pub fn tool_ok(name: &str, args: &[&str]) -> String {
    let out = tool(name, args);
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

pub fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The text of one page (counted from 1).
pub fn page_text(path: &Path, page: usize) -> String {
    let n = page.to_string();
    tool_ok("pdftotext", &["-f", &n, "-l", &n, p(path), "-"])
}

/// All whitespace and hyphens removed: pdftotext joins a line that ends in a
/// hyphen with the next one and drops the hyphen; the engine only ever breaks
/// after hyphens that are in the text (it never adds any).
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

/// Runs of whitespace made single spaces.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's size and its words with their boxes `[x0, y0, x1, y1]` (y down).
pub type PageWords = ((f32, f32), Vec<(String, [f32; 4])>);

/// Words with their boxes, per page, from `pdftotext -bbox`.
pub fn word_boxes(path: &Path) -> Vec<PageWords> {
    let html = tool_ok("pdftotext", &["-bbox", p(path), "-"]);
    let attr = |s: &str, name: &str| -> f32 {
        let start = s.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        let end = start + s[start..].find('"').unwrap();
        s[start..end].parse().unwrap()
    };
    let mut pages = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(((attr(line, "width"), attr(line, "height")), Vec::new()));
        } else if line.starts_with("<word ") {
            let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
            let b = [
                attr(line, "xMin"),
                attr(line, "yMin"),
                attr(line, "xMax"),
                attr(line, "yMax"),
            ];
            pages.last_mut().unwrap().1.push((text.to_owned(), b));
        }
    }
    pages
}

/// Asserts that `pdffonts` lists each of `faces` (such as `NotoEmoji-Regular`)
/// as embedded, subset (with a subset tag) and with a Unicode map.
pub fn assert_fonts_embedded(path: &Path, faces: &[&str]) {
    let fonts = tool_ok("pdffonts", &[p(path)]);
    for face in faces {
        let row = fonts
            .lines()
            .find(|l| {
                l.split_whitespace()
                    .next()
                    .is_some_and(|n| n.ends_with(&format!("+{face}")))
            })
            .unwrap_or_else(|| panic!("{face} not embedded:\n{fonts}"));
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            (cols[n - 5], cols[n - 4], cols[n - 3]),
            ("yes", "yes", "yes"),
            "not embedded, subset and mapped to Unicode: {row}"
        );
    }
}
