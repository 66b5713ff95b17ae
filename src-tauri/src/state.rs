//! The app's state: the library folder and the portfolios open in it. Each
//! open portfolio has one connection behind a mutex, opened on first use and
//! kept until the portfolio is moved, replaced or trashed, or the app quits.
//! Also the paths the user has chosen (see `dialogs`).

use partnership_portfolio::library::Library;
use partnership_portfolio::{Error, Portfolio, Result};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

pub struct AppState {
    pub library: Library,
    open: Mutex<HashMap<String, Arc<Mutex<Portfolio>>>>,
    /// Files the user picked in a dialog or dropped on the window.
    pub granted: crate::dialogs::Granted,
}

impl AppState {
    pub fn open(root: &Path) -> Result<Self> {
        Ok(Self {
            library: Library::open(root)?,
            open: Mutex::new(HashMap::new()),
            granted: Default::default(),
        })
    }

    /// Runs `f` on the open portfolio `id`, opening it first if needed.
    pub fn with_portfolio<T>(
        &self,
        id: &str,
        f: impl FnOnce(&mut Portfolio) -> Result<T>,
    ) -> Result<T> {
        let handle = {
            let mut open = self.open.lock().map_err(|_| poisoned())?;
            match open.get(id) {
                Some(h) => h.clone(),
                None => {
                    let h = Arc::new(Mutex::new(self.library.open_portfolio(id)?));
                    open.insert(id.to_string(), h.clone());
                    h
                }
            }
        };
        let mut portfolio = handle.lock().map_err(|_| poisoned())?;
        f(&mut portfolio)
    }

    /// Closes portfolio `id` if it is open (before it is moved or renamed).
    pub fn close(&self, id: &str) -> Result<()> {
        let handle = self.open.lock().map_err(|_| poisoned())?.remove(id);
        if let Some(handle) = handle {
            if let Ok(mutex) = Arc::try_unwrap(handle) {
                mutex.into_inner().map_err(|_| poisoned())?.close()?;
            }
        }
        Ok(())
    }
}

impl AppState {
    /// Closes every open portfolio (before the library replaces a file).
    pub fn close_all(&self) -> Result<()> {
        let ids: Vec<String> = self
            .open
            .lock()
            .map_err(|_| poisoned())?
            .keys()
            .cloned()
            .collect();
        for id in ids {
            self.close(&id)?;
        }
        Ok(())
    }
}

fn poisoned() -> Error {
    Error::internal("An earlier operation failed badly; please restart the app.")
}
