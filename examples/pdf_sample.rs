//! Writes the sample portfolio to `target/pdf-sample.pdf` so it can be looked at,
//! and with `--big` a ~250-page variant with 60 JPEG photos to
//! `target/pdf-sample-big.pdf`, printing how long rendering took.
//!
//!     cargo run --release --example pdf_sample [-- --big]

#[path = "../tests/support/pdf_sample.rs"]
mod pdf_sample;

use std::time::Instant;

fn main() {
    let big = std::env::args().any(|a| a == "--big");
    let (items, photos, name) = if big {
        (150, 60, "pdf-sample-big.pdf")
    } else {
        (60, 4, "pdf-sample.pdf")
    };
    let doc = pdf_sample::sample_document(items, photos);
    let started = Instant::now();
    let rendered = partnership_portfolio::pdf::render_detailed(&doc).expect("render");
    let elapsed = started.elapsed();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join(name);
    std::fs::write(&path, &rendered.pdf).expect("write");
    println!(
        "{}: {} pages, {} bytes, rendered in {:.0} ms",
        path.display(),
        rendered.page_count,
        rendered.pdf.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}
