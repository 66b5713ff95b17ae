//! The app's state: the library folder and the portfolios open in it, the
//! paths the user has chosen (see `dialogs`) and where the logs go.
//!
//! Locks. Each portfolio has its own slot: a mutex around its connection
//! (opened on first use, kept until the portfolio is closed or the app quits)
//! and a count of the PDF exports reading it with their own connection. The
//! map from ids to slots is locked only to find or add a slot, never while a
//! file is opened, migrated or used, so a slow portfolio never holds up
//! another. Closing (before a rename, a move to the trash, or the library
//! replacing a file) takes the slot's lock, so it waits for work already
//! under way on that portfolio, really closes the connection, and keeps the
//! slot locked until the rename or move is done; it refuses, saying why,
//! while a PDF of the portfolio is being made.

use crate::dialogs::Granted;
use partnership_portfolio::inbox::InboxReader;
use partnership_portfolio::library::Library;
use partnership_portfolio::{Error, ErrorCode, Portfolio, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

pub struct AppState {
    pub library: Library,
    open: Mutex<HashMap<String, Arc<Slot>>>,
    /// Files the user picked in a dialog or dropped on the window.
    pub granted: Granted,
    /// Where the app's log files are.
    pub log_folder: PathBuf,
    /// A file opened from the desktop, until the UI asks for it (`opening`).
    pub opened: Mutex<Option<PathBuf>>,
    /// The inbox folder's files as last read (`commands::caseload`).
    pub inbox: InboxReader,
}

/// One portfolio of the library, open or not.
#[derive(Default)]
struct Slot {
    /// `None` until first used, and again once closed.
    portfolio: Mutex<Option<Portfolio>>,
    /// PDF exports reading the file right now.
    exports: AtomicUsize,
}

impl AppState {
    pub fn open(library_root: &Path, log_folder: &Path) -> Result<Self> {
        Ok(Self {
            library: Library::open(library_root)?,
            open: Mutex::new(HashMap::new()),
            granted: Granted::default(),
            log_folder: log_folder.to_path_buf(),
            opened: Mutex::new(None),
            inbox: InboxReader::default(),
        })
    }

    /// Runs `f` on portfolio `id`, opening it first if needed. Only this
    /// portfolio waits while it is opened.
    pub fn with_portfolio<T>(
        &self,
        id: &str,
        f: impl FnOnce(&mut Portfolio) -> Result<T>,
    ) -> Result<T> {
        let slot = self.slot(id)?;
        let mut guard = lock(&slot.portfolio);
        let portfolio = match guard.as_mut() {
            Some(p) => p,
            None => guard.insert(self.library.open_portfolio(id)?),
        };
        f(portfolio)
    }

    /// Closes portfolio `id` (waiting for work on it already under way) and
    /// runs `f` (a rename, a move) while it stays closed. Refuses while a PDF
    /// of it is being made.
    pub fn with_closed<T>(&self, id: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        self.with_all_closed(&[id.to_string()], f)
    }

    /// [`Self::with_closed`] for several portfolios at once (locked in the
    /// order of their ids, so two callers cannot wait for each other).
    pub fn with_all_closed<T>(&self, ids: &[String], f: impl FnOnce() -> Result<T>) -> Result<T> {
        let mut ids = ids.to_vec();
        ids.sort();
        ids.dedup();
        let slots = ids
            .iter()
            .map(|id| self.slot(id))
            .collect::<Result<Vec<_>>>()?;
        let mut guards: Vec<MutexGuard<'_, Option<Portfolio>>> =
            slots.iter().map(|s| lock(&s.portfolio)).collect();
        if slots.iter().any(|s| s.exports.load(Ordering::SeqCst) > 0) {
            return Err(Error::new(
                ErrorCode::Busy,
                "A PDF of this portfolio is being made; try again when it has finished.",
            ));
        }
        for guard in &mut guards {
            if let Some(portfolio) = guard.take() {
                portfolio.close()?;
            }
        }
        f()
    }

    /// Marks a PDF export of `id` as reading the file until the lease is
    /// dropped (closing the portfolio is refused meanwhile). Waits for a
    /// rename or move of it under way.
    pub fn export_lease(&self, id: &str) -> Result<ExportLease> {
        let slot = self.slot(id)?;
        let _guard = lock(&slot.portfolio);
        slot.exports.fetch_add(1, Ordering::SeqCst);
        Ok(ExportLease(slot.clone()))
    }

    /// Whether some work holds portfolio `id` right now (for tests that
    /// need to know a command is under way before starting another); false
    /// while the map of portfolios is locked.
    #[doc(hidden)]
    pub fn in_use(&self, id: &str) -> bool {
        let slot = self
            .open
            .try_lock()
            .ok()
            .and_then(|open| open.get(id).cloned());
        slot.is_some_and(|s| s.portfolio.try_lock().is_err())
    }

    /// The slot of `id`, added if it has none yet.
    fn slot(&self, id: &str) -> Result<Arc<Slot>> {
        let mut open = self.open.lock().map_err(|_| poisoned())?;
        Ok(open.entry(id.to_string()).or_default().clone())
    }
}

/// A PDF export under way (see [`AppState::export_lease`]).
pub struct ExportLease(Arc<Slot>);

impl Drop for ExportLease {
    fn drop(&mut self) {
        self.0.exports.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Locks a slot. If earlier work on it panicked, its connection is dropped
/// (rolling back whatever it had not committed) and opened afresh next time.
fn lock(mutex: &Mutex<Option<Portfolio>>) -> MutexGuard<'_, Option<Portfolio>> {
    mutex.lock().unwrap_or_else(|poison| {
        mutex.clear_poison();
        let mut guard = poison.into_inner();
        *guard = None;
        guard
    })
}

fn poisoned() -> Error {
    Error::internal("An earlier operation failed badly; please restart the app.")
}
