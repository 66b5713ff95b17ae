//! The Debian package, installed on this machine (issue 14): `apt-get
//! install ./<package>.deb` (as root, or through sudo), then the installed
//! desktop entry, file type and icons are where the desktop looks for them,
//! the installed app (the entry's own Exec command) started under Xvfb with
//! a `.portfolio` file as its argument opens on that file, and the package
//! is removed again, also when a check fails.
//!
//! Ignored in the ordinary end-to-end run: it needs the release packages
//! (`scripts/package`) and changes the machine. `scripts/test` runs it after
//! packaging: `cargo test -p partnership-portfolio-e2e --test install --
//! --ignored`. `PP_DEB` names the package (default: the one in
//! target/release/bundle/deb/).

mod files;

use partnership_portfolio_e2e::{workspace, Machine};
use std::path::{Path, PathBuf};
use std::process::Command;

const PACKAGE: &str = "partnership-portfolio";
const MIME_TYPE: &str = "application/x-partnership-portfolio";
/// The installed desktop entry: named without spaces, as desktop files are.
const ENTRY: &str = "/usr/share/applications/partnership-portfolio.desktop";

/// The .deb under test.
fn deb() -> PathBuf {
    if let Some(p) = std::env::var_os("PP_DEB") {
        return PathBuf::from(p);
    }
    let dir = workspace().join("target/release/bundle/deb");
    let debs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (run scripts/package first)", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .collect();
    assert_eq!(debs.len(), 1, "one .deb in {}: {debs:?}", dir.display());
    debs.into_iter().next().unwrap()
}

/// Runs `program args` as root (through sudo unless already root), and
/// returns its standard output; panics with its output if it fails.
fn as_root(program: &str, args: &[&str]) -> String {
    let root = Command::new("id").arg("-u").output().unwrap().stdout == b"0\n";
    let mut command = if root {
        Command::new(program)
    } else {
        let mut sudo = Command::new("sudo");
        sudo.args(["-n", program]);
        sudo
    };
    let out = command
        .args(args)
        .env("DEBIAN_FRONTEND", "noninteractive")
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?}: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stdout_of(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().unwrap();
    assert!(out.status.success(), "{program} {args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The package, installed for as long as this lives; removed when dropped,
/// whether the test passed or not.
struct Installed;

impl Installed {
    fn install(deb: &Path) -> Installed {
        as_root("apt-get", &["install", "-y", "-q", deb.to_str().unwrap()]);
        Installed
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        as_root("apt-get", &["remove", "-y", "-q", PACKAGE]);
    }
}

#[test]
#[ignore = "reads the .deb: run by scripts/test after scripts/package, with --ignored"]
fn the_package_depends_on_the_runtime_libraries_and_carries_the_file_type() {
    let deb = deb();
    let info = stdout_of("dpkg-deb", &["-I", deb.to_str().unwrap()]);
    let depends = info
        .lines()
        .find_map(|l| l.trim().strip_prefix("Depends:"))
        .unwrap_or_else(|| panic!("no Depends in {info}"));
    for runtime in ["libwebkit2gtk-4.1-0", "libgtk-3-0"] {
        assert!(depends.contains(runtime), "{runtime} not in: {depends}");
    }
    assert!(
        !depends.contains("-dev"),
        "a development package in: {depends}"
    );
    let contents = stdout_of("dpkg-deb", &["-c", deb.to_str().unwrap()]);
    for path in [
        "usr/share/mime/packages/partnership-portfolio.xml",
        "usr/share/icons/hicolor/16x16/apps/",
        "usr/share/icons/hicolor/32x32/apps/",
        "usr/share/icons/hicolor/48x48/apps/",
        "usr/share/icons/hicolor/128x128/apps/",
        "usr/share/icons/hicolor/256x256/apps/",
        "usr/share/icons/hicolor/512x512/apps/",
        "usr/share/applications/partnership-portfolio.desktop",
    ] {
        assert!(
            contents.contains(path),
            "{path} is not in the package:\n{contents}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "installs the .deb: run by scripts/test after scripts/package, with --ignored"]
async fn the_installed_app_opens_a_portfolio_file_given_as_its_argument() {
    let _installed = Installed::install(&deb());

    // The desktop finds the entry, the file type and the icon.
    let entries: Vec<String> = stdout_of("dpkg", &["-L", PACKAGE])
        .lines()
        .filter(|l| l.starts_with("/usr/share/applications/") && l.ends_with(".desktop"))
        .map(String::from)
        .collect();
    assert_eq!(entries, [ENTRY], "the package's desktop entries");
    let entry = std::fs::read_to_string(ENTRY).unwrap();
    assert!(
        entry.lines().any(|l| l == "Name=Partnership Portfolio"),
        "{entry}"
    );
    assert!(
        entry
            .lines()
            .any(|l| l.starts_with("MimeType=") && l.contains(MIME_TYPE)),
        "{entry}"
    );
    let exec = entry
        .lines()
        .find_map(|l| l.strip_prefix("Exec="))
        .expect("Exec= in the desktop entry");
    assert!(
        exec.ends_with(" %f"),
        "the entry's Exec does not take the opened file: {exec}"
    );
    let binary = PathBuf::from(exec.split_whitespace().next().unwrap());
    let binary = if binary.is_absolute() {
        binary
    } else {
        Path::new("/usr/bin").join(binary)
    };
    assert!(binary.is_file(), "{} is not installed", binary.display());
    // shared-mime-info's trigger has taken the type into the database.
    assert!(
        Path::new("/usr/share/mime")
            .join(format!("{MIME_TYPE}.xml"))
            .is_file(),
        "the .portfolio type is not in the MIME database"
    );

    // The installed app, started with a learner's portfolio file.
    std::env::set_var("PP_APP_BINARY", &binary);
    let machine = Machine::new("install");
    let file = machine.files().join("Ana-CLDAL16.portfolio");
    files::own_portfolio(&file, "Ana Costa", "Ana’s CLDAL16 portfolio")
        .close()
        .unwrap();
    let app = machine.launch_with_args(&[file.to_str().unwrap()]).await;
    app.wait_attr(
        "[data-testid=\"open-file-explanation\"]",
        "data-kind",
        "own_portfolio",
    )
    .await;
    let said = app.text("open-file-explanation").await;
    assert!(said.contains("Ana’s CLDAL16 portfolio"), "{said}");
    app.screenshot("installed-app-opened-a-file").await;
    app.click("open-file-go").await;
    app.wait_text_css("h1", "the portfolio's overview", |t| {
        t.contains("Ana’s CLDAL16 portfolio")
    })
    .await;
    app.quit().await;
}
