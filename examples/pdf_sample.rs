//! Writes the sample portfolio to `target/pdf-sample.pdf` so it can be looked at,
//! printing how long rendering took. With `--big`: a ~250-page variant with 60
//! JPEG photos (`target/pdf-sample-big.pdf`); with `--photos`: only the 60 photos
//! (`target/pdf-sample-photos.pdf`). Timings are the best of five renders.
//!
//!     cargo run --release --example pdf_sample [-- --big | --photos]

#[path = "../tests/support/pdf_sample.rs"]
mod pdf_sample;

use std::time::Instant;

fn main() {
    let arg = std::env::args().nth(1).unwrap_or_default();
    let (doc, name) = match arg.as_str() {
        "--big" => (pdf_sample::sample_document(246, 60), "pdf-sample-big.pdf"),
        "--photos" => (pdf_sample::photos_document(60), "pdf-sample-photos.pdf"),
        _ => (pdf_sample::sample_document(60, 4), "pdf-sample.pdf"),
    };
    let mut best = std::time::Duration::MAX;
    let mut rendered = None;
    for _ in 0..5 {
        let started = Instant::now();
        let r = partnership_portfolio::pdf::render_detailed(&doc).expect("render");
        best = best.min(started.elapsed());
        rendered = Some(r);
    }
    let (rendered, elapsed) = (rendered.expect("rendered"), best);
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
