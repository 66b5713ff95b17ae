//! A 500 MB attachment goes in and comes back out whole, with memory that
//! stays flat (bytes stream in 1 MiB chunks). In its own test binary so that
//! its process's peak memory is its own.

mod common;

use partnership_portfolio::Portfolio;

#[test]
fn a_500_mb_file_streams_in_and_out_with_flat_memory() {
    const SIZE: usize = 500 * 1024 * 1024;
    let dir = common::temp_dir();
    let source = dir.path().join("fideo-cyfarfod.mp4");
    let expected = common::patterned_file(&source, SIZE as u64);
    let path = common::new_portfolio(dir.path(), "big.portfolio");
    let before = common::peak_rss_mib();
    let mut p = Portfolio::open(&path).unwrap();
    let (e, _) = p.add_evidence(common::video_evidence(&source)).unwrap();
    let a = &e.attachments[0];
    assert_eq!(
        (a.size, a.sha256.as_str()),
        (SIZE as u64, expected.as_str())
    );
    let out = dir.path().join("back-out.mp4");
    assert_eq!(p.save_attachment(a.id, &out).unwrap(), SIZE as u64);
    p.close().unwrap();
    let grew = common::peak_rss_mib().saturating_sub(before);
    assert!(
        grew < 100,
        "peak memory grew by {grew} MiB for a 500 MiB file"
    );

    let got = common::file_sha256(&out);
    assert_eq!(got, expected);
}
