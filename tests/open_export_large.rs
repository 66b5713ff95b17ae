//! A portfolio with a 1 GiB attachment (the largest one allowed) goes out
//! to an open-export ZIP and comes back as a new portfolio, the file byte
//! for byte, with memory that stays flat (bytes stream in 1 MiB chunks both
//! ways). In its own test binary so that its process's peak memory is its
//! own; every large file is made in a temporary folder that is removed.

mod common;

use partnership_portfolio::open_export;
use partnership_portfolio::Portfolio;

#[test]
fn a_1_gib_attachment_goes_out_and_back_in_flat_memory() {
    const SIZE: u64 = 1 << 30;
    let dir = common::temp_dir();
    let source = dir.path().join("fideo-fforwm.mp4");
    let expected = common::patterned_file(&source, SIZE);
    let path = common::new_portfolio(dir.path(), "big.portfolio");
    let mut p = Portfolio::open(&path).unwrap();
    p.add_evidence(common::video_evidence(&source)).unwrap();
    std::fs::remove_file(&source).unwrap();
    let before = common::peak_rss_mib();

    let zip = dir.path().join("big.zip");
    let exported = open_export::export_zip(&p, &zip, jiff::Timestamp::UNIX_EPOCH).unwrap();
    p.close().unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(exported.bytes > SIZE);
    let back = dir.path().join("back.portfolio");
    let imported = open_export::import_zip(&zip, &back).unwrap();
    std::fs::remove_file(&zip).unwrap();
    assert_eq!(imported.files, 1);

    let grew = common::peak_rss_mib().saturating_sub(before);
    assert!(
        grew < 200,
        "peak memory grew by {grew} MiB exporting and importing a 1 GiB file"
    );
    let p = Portfolio::open(&back).unwrap();
    let a = &p.evidence("E1").unwrap().attachments[0];
    assert_eq!((a.size, a.sha256.as_str()), (SIZE, expected.as_str()));
    let out = dir.path().join("back-out.mp4");
    p.save_attachment(a.id, &out).unwrap();
    assert_eq!(common::file_sha256(&out), expected);
    p.close().unwrap();
}
