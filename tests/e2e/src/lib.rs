//! Harness for the desktop end-to-end tests: starts the real app (the binary
//! built from this tree with the `custom-protocol` feature, so it serves the
//! built `ui/`) through `tauri-driver` and WebKitWebDriver, each app with its
//! own temporary data directory, and gives the tests a small vocabulary to
//! drive it: find by test id, click, type, read, wait, screenshot.
//!
//! Needs a display (run under Xvfb: `scripts/test` does), `tauri-driver` on
//! PATH, and the app built with the `e2e-dialogs` feature so that the tests
//! can answer its file dialogs. Screenshots go to
//! `target/e2e-screenshots/<test>/`.

pub mod a11y;
pub mod exchange_steps;
pub mod processes;
pub mod x11;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

/// How long to wait for anything to appear or change.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// A CSS selector for the element with test id `testid` whose `data-<attr>`
/// is `value` (an item row, a judgement row, a piece of evidence).
pub fn sel(testid: &str, attr: &str, value: &str) -> String {
    format!("[data-testid=\"{testid}\"][data-{attr}=\"{value}\"]")
}

/// The workspace root (where `target/` is).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The desktop binary under test: `$PP_APP_BINARY`, or the debug build.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("PP_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target/debug/partnership-portfolio-desktop"));
    assert!(
        path.is_file(),
        "{} is missing: build it with `cargo build -p partnership-portfolio-desktop --features custom-protocol,e2e-dialogs` (scripts/test does)",
        path.display()
    );
    path
}

/// A user's machine for the test: a home for the app's data that outlives
/// restarts of the app, and a folder of screenshots.
pub struct Machine {
    home: tempfile::TempDir,
    shots: PathBuf,
    shot_count: std::sync::atomic::AtomicUsize,
    /// How many apps were launched here (each prints to its own file).
    launches: std::sync::atomic::AtomicUsize,
    /// The pause point the next launched app holds at (`hold_at`).
    hold: std::sync::Mutex<Option<String>>,
    /// The D-Bus session bus the apps launched from now on use
    /// (`use_session_bus`); none by default.
    session_bus: std::sync::Mutex<Option<String>>,
}

impl Machine {
    /// `name` names the screenshot folder (use the test's name).
    pub fn new(name: &str) -> Machine {
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no DISPLAY: run the end-to-end tests under Xvfb (scripts/test does)"
        );
        let shots = workspace().join("target/e2e-screenshots").join(name);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).expect("screenshot folder");
        Machine {
            home: tempfile::tempdir().expect("temp home"),
            shots,
            shot_count: 0.into(),
            launches: 0.into(),
            hold: Default::default(),
            session_bus: Default::default(),
        }
    }

    /// Makes the apps launched from now on hold still at a pause point of
    /// the core (`"temp.exporting:1"`; see `src/pause_points.rs`, debug
    /// builds only) until `resume()` is called, so a test can act while a
    /// long operation is certainly under way, without guessing its length.
    pub fn hold_at(&self, point: &str) {
        let _ = std::fs::remove_file(self.resume_file());
        *self.hold.lock().unwrap() = Some(point.to_string());
    }

    /// Lets an app held by `hold_at` go on.
    pub fn resume(&self) {
        std::fs::write(self.resume_file(), "").expect("write the resume file");
    }

    /// Makes the apps launched from now on use the D-Bus session bus at
    /// `address` (a test's own `dbus-daemon`). Without it an app gets no
    /// session bus at all, not the one of the machine running the tests:
    /// the app lets only one instance of itself run per session bus
    /// (tauri-plugin-single-instance), so two apps of a test, or of two
    /// tests, on a shared bus would hand over to each other and exit.
    pub fn use_session_bus(&self, address: &str) {
        *self.session_bus.lock().unwrap() = Some(address.to_string());
    }

    /// The session bus address an app launched now is given: the test's
    /// own bus, or a socket that does not exist in this machine's home (so
    /// the D-Bus library falls back on neither the environment's bus nor
    /// $XDG_RUNTIME_DIR/bus).
    pub fn session_bus_address(&self) -> String {
        self.session_bus.lock().unwrap().clone().unwrap_or_else(|| {
            format!(
                "unix:path={}",
                self.home.path().join("no-session-bus").display()
            )
        })
    }

    /// A new file for what the next app launched here prints.
    fn next_output_file(&self) -> PathBuf {
        let n = self
            .launches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.home.path().join(format!("app-output-{}.log", n + 1))
    }

    fn resume_file(&self) -> PathBuf {
        self.home.path().join("resume")
    }

    /// The XDG data directory the app uses on this machine.
    pub fn data_home(&self) -> PathBuf {
        self.home.path().join("data")
    }

    /// The app's library folder on this machine.
    pub fn library(&self) -> PathBuf {
        self.data_home()
            .join("uk.org.partnership-portfolio/library")
    }

    /// The one portfolio file in the library (asserting there is exactly one),
    /// for the core to read after the app has quit.
    pub fn only_portfolio(&self) -> PathBuf {
        let files: Vec<_> = std::fs::read_dir(self.library().join("portfolios"))
            .expect("the library folder")
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "portfolio"))
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        files.into_iter().next().unwrap()
    }

    /// A scratch folder on this machine (for files to attach, exports...).
    pub fn files(&self) -> PathBuf {
        let p = self.home.path().join("files");
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    /// Where the test writes the answer to the app's next file dialog.
    fn dialog_answer_file(&self) -> PathBuf {
        self.home.path().join("next-dialog-answer")
    }

    /// Answers the app's next file dialog with these paths (the app is built
    /// with the `e2e-dialogs` feature); an empty list answers "cancel".
    pub fn answer_next_dialog(&self, paths: &[&Path]) {
        let text: String = paths.iter().map(|p| format!("{}\n", p.display())).collect();
        std::fs::write(self.dialog_answer_file(), text).expect("write the dialog answer");
    }

    /// Starts the app on this machine.
    pub async fn launch(&self) -> App<'_> {
        App::launch(self, &[]).await
    }

    /// Starts the app on this machine with these command-line arguments
    /// (a file opened from the desktop).
    pub async fn launch_with_args(&self, args: &[&str]) -> App<'_> {
        App::launch(self, args).await
    }
}

/// Writes a small photo-like PNG (a soft gradient with a band across it) to
/// `path`, for attaching: a real image, so the app makes previews of it.
/// Encoded here (stored, uncompressed deflate) to need no image library.
pub fn write_sample_photo(path: &Path, width: u32, height: u32) {
    let mut raw = Vec::with_capacity(((width * 3 + 1) * height) as usize);
    for y in 0..height {
        raw.push(0); // no filter
        for x in 0..width {
            let fx = x as f32 / width.max(1) as f32;
            let fy = y as f32 / height.max(1) as f32;
            if (fy - 0.55).abs() < 0.08 {
                raw.extend_from_slice(&[242, 184, 75]);
            } else {
                raw.extend_from_slice(&[
                    (31.0 + 180.0 * fx) as u8,
                    (122.0 + 90.0 * fy) as u8,
                    (114.0 + 100.0 * (1.0 - fx)) as u8,
                ]);
            }
        }
    }
    // zlib stream of stored blocks.
    let mut z = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        z.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        z.extend_from_slice(&len.to_le_bytes());
        z.extend_from_slice(&(!len).to_le_bytes());
        z.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    z.extend_from_slice(&((b << 16) | a).to_be_bytes());

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"IDAT", &z);
    chunk(&mut png, b"IEND", &[]);
    std::fs::write(path, png).expect("write the sample photo");
}

/// A running app and the WebDriver session driving it.
pub struct App<'m> {
    pub client: Client,
    driver: Child,
    /// tauri-driver's process group (its process id), until it is ended.
    group: Option<u32>,
    machine: &'m Machine,
    /// What tauri-driver, WebKitWebDriver, the app and WebKit's processes
    /// printed (shown when the test fails).
    output: PathBuf,
}

/// Sends SIGKILL to every process in process group `group`.
fn kill_group(group: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--", &format!("-{group}")])
        .stderr(Stdio::null())
        .status();
}

/// The live (not zombie) processes of process group `group`.
fn group_members(group: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                return false;
            };
            let Some(close) = stat.rfind(')') else {
                return false;
            };
            // After the name: state, parent, process group.
            let mut fields = stat[close + 2..].split_whitespace();
            let state = fields.next();
            let pgrp = fields.nth(1).and_then(|g| g.parse::<u32>().ok());
            state != Some("Z") && pgrp == Some(group)
        })
        .collect()
}

/// An app left running by a test that failed part way still goes, with
/// its WebDriver servers.
impl Drop for App<'_> {
    fn drop(&mut self) {
        if let Some(group) = self.group.take() {
            kill_group(group);
        }
        if std::thread::panicking() {
            print_tail(&self.output);
        }
    }
}

/// Prints the end of what an app's processes printed, for a failed test's
/// log: a crash of WebKit's web process is only told there.
fn print_tail(output: &Path) {
    const LINES: usize = 60;
    let text = std::fs::read_to_string(output).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    eprintln!(
        "---- the last {} of {} lines the app and its drivers printed ({}) ----",
        lines.len().min(LINES),
        lines.len(),
        output.display()
    );
    for line in &lines[lines.len().saturating_sub(LINES)..] {
        eprintln!("{line}");
    }
    eprintln!("---- end ----");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl<'m> App<'m> {
    async fn launch(machine: &'m Machine, args: &[&str]) -> App<'m> {
        let app = app_binary();
        let (port, native_port) = (free_port(), free_port());
        let home = machine.home.path();
        x11::keep_windows_offscreen().expect("talk to the X server");
        let output = machine.next_output_file();
        let log = std::fs::File::create(&output).expect("the app's output file");
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env("PP_E2E_DIALOG_ANSWER", machine.dialog_answer_file())
            .env("DBUS_SESSION_BUS_ADDRESS", machine.session_bus_address())
            .envs(machine.hold.lock().unwrap().iter().flat_map(|point| {
                [
                    ("PARTNERSHIP_PORTFOLIO_PAUSE_AT", point.into()),
                    (
                        "PARTNERSHIP_PORTFOLIO_RESUME_WHEN",
                        machine.resume_file().into_os_string(),
                    ),
                ]
            }))
            .stdout(log.try_clone().expect("the app's output file"))
            .stderr(log)
            // Its own process group, holding WebKitWebDriver and the app
            // too, so that ending the group leaves nothing behind.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .expect("start tauri-driver (is it installed? scripts/setup installs it)");
        let url = format!("http://127.0.0.1:{port}");
        // tauri-driver listens first, then starts WebKitWebDriver on the
        // native port; a session can only be made once both answer.
        let deadline = Instant::now() + TIMEOUT;
        for p in [port, native_port] {
            while tokio::net::TcpStream::connect(("127.0.0.1", p))
                .await
                .is_err()
            {
                assert!(
                    Instant::now() < deadline,
                    "the WebDriver servers did not start listening (port {p})"
                );
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app, "args": args }),
        );
        let mut attempt = 0;
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                // A busy machine can drop the first connection while the driver starts up.
                Err(e) if attempt < 3 => {
                    attempt += 1;
                    eprintln!("WebDriver session attempt {attempt} failed ({e}); trying again");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("a WebDriver session with the app: {e}"),
            }
        };
        let group = driver.id();
        App {
            client,
            driver,
            group,
            machine,
            output,
        }
    }

    /// Closes the window the way a user does (the window manager's close
    /// request, which the app handles by saving what is pending), waits for
    /// the app to exit, and ends the session.
    pub async fn quit(mut self) {
        let app = self.app_process();
        let asked = x11::request_close(app).expect("talk to the X server");
        assert!(asked > 0, "the app's window was not found on the display");
        let deadline = Instant::now() + TIMEOUT;
        while Path::new(&format!("/proc/{app}")).exists() {
            assert!(
                Instant::now() < deadline,
                "the app did not exit after its window was closed"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let _ = self.client.clone().close().await;
        self.end_drivers().await;
    }

    /// Ends the app abruptly (as a crash or power cut would).
    pub async fn kill(mut self) {
        let _ = self.client.clone().close().await;
        self.end_drivers().await;
    }

    /// Kills tauri-driver's whole process group (tauri-driver,
    /// WebKitWebDriver and the app, if still there) and waits until none
    /// of them is left.
    async fn end_drivers(&mut self) {
        let Some(group) = self.group.take() else {
            return;
        };
        kill_group(group);
        let _ = self.driver.wait().await;
        let deadline = Instant::now() + TIMEOUT;
        while !group_members(group).is_empty() {
            assert!(
                Instant::now() < deadline,
                "processes of the WebDriver group {group} outlived their test: {:?}",
                group_members(group)
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn by_id(id: &str) -> String {
        format!("[data-testid=\"{id}\"]")
    }

    /// Waits for the element with `data-testid=id`.
    pub async fn el(&self, id: &str) -> Element {
        self.css(&Self::by_id(id)).await
    }

    /// Waits for the element matching a CSS selector.
    pub async fn css(&self, selector: &str) -> Element {
        self.css_within(selector, TIMEOUT).await
    }

    /// Waits up to `limit` for the element matching a CSS selector (for
    /// work known to be slow in a debug build, such as making the demo).
    pub async fn css_within(&self, selector: &str, limit: Duration) -> Element {
        self.client
            .wait()
            .at_most(limit)
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("no element {selector} within {limit:?}: {e}"))
    }

    /// Every element matching a CSS selector, right now.
    pub async fn all(&self, selector: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(selector))
            .await
            .expect("find_all")
    }

    pub async fn click(&self, id: &str) {
        self.click_css(&Self::by_id(id)).await;
    }

    /// Clicks the element matching a CSS selector, first scrolled to the
    /// middle of the window (so nothing fixed at the bottom, such as a
    /// notice, is in the way, as a person would scroll to see it).
    pub async fn click_css(&self, selector: &str) {
        let element = self.css(selector).await;
        let arg = serde_json::to_value(&element).expect("an element as an argument");
        let _ = self
            .client
            .execute(
                "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
                vec![arg],
            )
            .await;
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {selector}: {e}"));
    }

    /// Types `text` into the field `id` (after clearing it). Line breaks are
    /// typed as the Enter key (WebKitWebDriver drops a typed "\n"); an empty
    /// text leaves the field empty.
    pub async fn fill(&self, id: &str, text: &str) {
        let enter = char::from(fantoccini::key::Key::Enter).to_string();
        // An empty text is typed as a space taken back, so the page hears
        // the field change (WebDriver refuses to type nothing).
        let keys = if text.is_empty() {
            format!(" {}", char::from(fantoccini::key::Key::Backspace))
        } else {
            text.replace('\n', &enter)
        };
        // WebKitWebDriver now and then refuses keys with an empty error
        // while the page is busy laying out; clear and type again then.
        let mut attempt = 0;
        loop {
            let field = self.el(id).await;
            field
                .clear()
                .await
                .unwrap_or_else(|e| panic!("clear {id}: {e}"));
            match field.send_keys(&keys).await {
                Ok(()) => return,
                Err(e) if attempt < 2 => {
                    attempt += 1;
                    eprintln!("typing into {id} failed ({e}); trying again");
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(e) => panic!("type into {id}: {e}"),
            }
        }
    }

    pub async fn text(&self, id: &str) -> String {
        self.el(id)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of {id}: {e}"))
    }

    /// The `value` property of a form field.
    pub async fn value(&self, id: &str) -> String {
        self.el(id)
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    pub async fn attr(&self, selector: &str, name: &str) -> Option<String> {
        self.css(selector)
            .await
            .attr(name)
            .await
            .expect("attribute")
    }

    /// Waits until `check` holds for the text of element `id`.
    pub async fn wait_text(&self, id: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = match self.client.find(Locator::Css(&Self::by_id(id))).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(&found) {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "{id} never showed {what}; last text: {found:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element matching `selector` has attribute `name` = `value`.
    pub async fn wait_attr(&self, selector: &str, name: &str, value: &str) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = match self.client.find(Locator::Css(selector)).await {
                Ok(e) => e.attr(name).await.ok().flatten(),
                Err(_) => None,
            };
            if found.as_deref() == Some(value) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{selector} never had {name}={value:?}; last: {found:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Two frames and a moment, for the page to paint what changed.
    pub async fn settle(&self) {
        let _ = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
                vec![],
            )
            .await;
    }

    /// Saves a screenshot of the window as `NN-name.png`: the window as the
    /// X server shows it, once the page has painted what the test has just
    /// seen. Taken from the display rather than by WebDriver, whose
    /// screenshot (WebKit's snapshot of the view) waits for the page's next
    /// paint and, with the app's unaccelerated rendering, never answers on a
    /// page that has nothing more to paint (docs/benchmarks.md, "Start-up
    /// and footprint").
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let n = self
            .machine
            .shot_count
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        let path = self.machine.shots.join(format!("{n:02}-{name}.png"));
        // Let the web view paint what the test has just seen in the page,
        // then wait until that paint has reached the window: two pictures
        // in a row alike. A window still changing after 40 pictures (a
        // spinner) is taken as it is then.
        self.settle().await;
        let pid = self.app_process();
        let mut picture = x11::window_picture(pid).expect("the window's picture");
        for _ in 0..40 {
            tokio::time::sleep(Duration::from_millis(50)).await;
            let next = x11::window_picture(pid).expect("the window's picture");
            if next == picture {
                break;
            }
            picture = next;
        }
        image::RgbImage::from_raw(picture.width, picture.height, picture.rgb)
            .expect("a whole picture")
            .save(&path)
            .expect("write screenshot");
        path
    }

    /// The value of `variable` in the environment WebKit's web process
    /// (the one painting the page) started with.
    pub fn web_process_environment(&self, variable: &str) -> Option<String> {
        let web = processes::with_descendants(self.app_process())
            .into_iter()
            .find(|&p| processes::name_of(p).starts_with("WebKitWebProc"))
            .expect("WebKit's web process under the app");
        processes::environment_variable(web, variable)
    }

    /// The app's process id.
    fn app_process(&self) -> u32 {
        let driver = self.driver.id().expect("tauri-driver is running");
        processes::find_app_process(driver, &app_binary()).expect("the app's process")
    }

    /// Starts a portfolio from the home screen (empty library or not) with
    /// a full profile, and waits for its overview.
    pub async fn create_portfolio(&self, name: &str) {
        self.el("home").await;
        self.click("new-portfolio").await;
        self.el("new-portfolio-form").await;
        self.fill("profile-full-name", name).await;
        self.fill("profile-registration-number", "CLD/2026/0042")
            .await;
        self.fill("profile-centre", "Canolfan Gymunedol Aberystwyth")
            .await;
        self.fill("profile-qualification", "Award in Adult Learning")
            .await;
        self.fill("profile-assessor-name", "Màiri NicDhòmhnaill")
            .await;
        self.fill("profile-start-date", "2026-09-01").await;
        self.click("create-portfolio").await;
        self.el("overview").await;
    }

    /// Opens `item`'s page from the overview.
    pub async fn open_item(&self, item: &str) {
        self.click("nav-overview").await;
        self.click_css(&sel("item-row", "item", item)).await;
        self.wait_attr("[data-testid=\"item-page\"]", "data-item", item)
            .await;
    }

    /// On an item's page: rates it `rating` (1 to 4), writes `account`, and
    /// waits until both are saved.
    pub async fn rate_and_write(&self, rating: u8, account: &str) {
        self.click(&format!("rating-{rating}")).await;
        self.fill("account", account).await;
        self.wait_attr("[data-testid=\"save-state\"]", "data-state", "saved")
            .await;
    }

    /// Waits until some element matching `selector` exists.
    pub async fn wait_for(&self, selector: &str) -> Element {
        self.css(selector).await
    }

    /// Waits until nothing matches `selector`.
    pub async fn wait_gone(&self, selector: &str) {
        let deadline = Instant::now() + TIMEOUT;
        while !self.all(selector).await.is_empty() {
            assert!(
                Instant::now() < deadline,
                "{selector} was still there after {TIMEOUT:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until exactly `n` elements match `selector`; returns them.
    pub async fn wait_count(&self, selector: &str, n: usize) -> Vec<Element> {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = self.all(selector).await;
            if found.len() == n {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "{selector}: wanted {n}, found {} after {TIMEOUT:?}",
                found.len()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The visible text of the first element matching `selector`.
    pub async fn text_css(&self, selector: &str) -> String {
        self.css(selector)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("text of {selector}: {e}"))
    }

    /// Waits until the text of the element matching `selector` satisfies `check`.
    pub async fn wait_text_css(
        &self,
        selector: &str,
        what: &str,
        check: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let found = match self.client.find(Locator::Css(selector)).await {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if check(&found) {
                return found;
            }
            assert!(
                Instant::now() < deadline,
                "{selector} never showed {what}; last text: {found:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Scrolls the page so the element `id` is at the top (for screenshots
    /// of long screens); `None` scrolls to the top of the page.
    pub async fn scroll_to(&self, id: Option<&str>) {
        let script = match id {
            Some(_) => "document.querySelector(`[data-testid=\"${arguments[0]}\"]`)?.scrollIntoView({block: 'start'});",
            None => "window.scrollTo(0, 0);",
        };
        let args = id.map(|i| vec![serde_json::json!(i)]).unwrap_or_default();
        self.client.execute(script, args).await.expect("scroll");
    }

    /// Resizes the window's viewport (for checking small windows).
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }

    /// Asserts every control on the current screen has a label (see
    /// [`App::unlabelled_controls`]), naming the screen in the failure.
    pub async fn assert_labelled(&self, screen: &str) {
        assert_eq!(
            self.unlabelled_controls().await,
            Vec::<String>::new(),
            "unlabelled controls on {screen}"
        );
    }

    /// Controls on the current screen that a screen reader could not name:
    /// every input, select, textarea and button needs a label.
    pub async fn unlabelled_controls(&self) -> Vec<String> {
        let script = r#"
            const bad = [];
            for (const el of document.querySelectorAll('input, select, textarea, button, [role="button"], a[href]')) {
                if (el.type === 'hidden' || el.closest('[hidden], [aria-hidden="true"]')) continue;
                const labelled = (el.labels && el.labels.length > 0 && [...el.labels].some(l => l.textContent.trim()))
                    || (el.getAttribute('aria-label') || '').trim()
                    || (el.getAttribute('aria-labelledby') || '').split(' ').some(id => id && document.getElementById(id)?.textContent.trim())
                    || (el.tagName !== 'INPUT' && el.tagName !== 'SELECT' && el.tagName !== 'TEXTAREA' && el.textContent.trim())
                    || (el.getAttribute('title') || '').trim();
                if (!labelled) bad.push(el.outerHTML.slice(0, 120));
            }
            return bad;
        "#;
        let value = self
            .client
            .execute(script, vec![])
            .await
            .expect("run the label check");
        serde_json::from_value(value).expect("a list of strings")
    }
}
