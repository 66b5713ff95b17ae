//! Accessibility checks in the real web view, for the end-to-end tests:
//! axe-core (the npm package in `ui/node_modules`, injected through
//! WebDriver's "execute script", which the app's CSP allows) with the WCAG
//! 2.0/2.1/2.2 A and AA rules; the dark colour scheme emulated (WebKitGTK
//! cannot be switched from WebDriver) by applying the app's own
//! `prefers-color-scheme: dark` rules; the window's zoom; sideways overflow;
//! and whether the focused control shows a focus indicator.

use crate::{workspace, App};
use std::time::Duration;

/// The axe-core tags for WCAG 2.0, 2.1 and 2.2, levels A and AA.
pub const WCAG_TAGS: [&str; 5] = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

fn axe_source() -> String {
    let path = workspace().join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (axe-core is a devDependency of ui/: run `npm ci` in ui/)",
            path.display()
        )
    })
}

impl App<'_> {
    /// Runs axe-core on the page as it is now. `rules`: `None` for every
    /// WCAG A/AA rule, or only these rule ids. Returns one line per
    /// violation: its id, what it asks, and the nodes (CSS targets and a
    /// bit of their HTML), each prefixed with `label`.
    pub async fn axe(&self, label: &str, rules: Option<&[&str]>) -> Vec<String> {
        let loaded = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .expect("ask for axe");
        if loaded != serde_json::json!(true) {
            let script = format!("{}\n;return typeof window.axe;", axe_source());
            let kind = self
                .client
                .execute(&script, vec![])
                .await
                .expect("inject axe-core");
            assert_eq!(kind, serde_json::json!("object"), "axe-core did not load");
        }
        // Let the page settle (fonts, a transition) before judging colours.
        self.settle().await;
        let run_only = match rules {
            None => serde_json::json!({ "type": "tag", "values": WCAG_TAGS }),
            Some(ids) => serde_json::json!({ "type": "rule", "values": ids }),
        };
        let script = r##"
            const [runOnly, done] = [arguments[0], arguments[arguments.length - 1]];
            axe.run(document, { runOnly, resultTypes: ["violations"] })
              .then((r) => done(r.violations.map((v) =>
                `${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n` +
                v.nodes.map((n) => `      at ${n.target.join(" ")}: ${n.html.slice(0, 160)}\n        ${(n.failureSummary || "").replace(/\n/g, " ")}`).join("\n"))))
              .catch((e) => done([`axe failed: ${e}`]));
        "##;
        let found = self
            .client
            .execute_async(script, vec![run_only])
            .await
            .expect("run axe-core");
        let found: Vec<String> = serde_json::from_value(found).expect("axe's violations");
        found
            .into_iter()
            .map(|v| format!("[{label}] {v}"))
            .collect()
    }

    /// axe-core on the page as it is now, in the light scheme (every WCAG
    /// A/AA rule) and the dark one (colour contrast), each violation
    /// prefixed with `label`.
    pub async fn axe_light_and_dark(&self, label: &str) -> Vec<String> {
        let mut found = self.axe(label, None).await;
        assert!(
            self.emulate_dark(true).await > 0,
            "the app has no dark scheme"
        );
        found.extend(
            self.axe(&format!("{label}, dark"), Some(&["color-contrast"]))
                .await,
        );
        self.emulate_dark(false).await;
        found
    }

    /// Applies (or takes away) the app's `prefers-color-scheme: dark` rules
    /// as if the system preferred dark: each such media block's rules are
    /// appended to its style sheet (CSSOM, which the CSP allows), so they
    /// win as they would if the media matched. Returns how many rules.
    pub async fn emulate_dark(&self, on: bool) -> u64 {
        let script = r##"
            const on = arguments[0];
            window.__e2eDark = window.__e2eDark || [];
            for (const [sheet, n] of window.__e2eDark.reverse()) for (let i = 0; i < n; i++) sheet.deleteRule(sheet.cssRules.length - 1);
            window.__e2eDark = [];
            if (!on) return 0;
            let count = 0;
            for (const sheet of document.styleSheets) {
              let rules;
              try { rules = [...sheet.cssRules]; } catch { continue; }
              const texts = [];
              const walk = (list) => {
                for (const r of list) {
                  if (r instanceof CSSMediaRule) {
                    if (/prefers-color-scheme:\s*dark/.test(r.media.mediaText)) texts.push(...[...r.cssRules].map((x) => x.cssText));
                  } else if (r.cssRules) walk(r.cssRules);
                }
              };
              walk(rules);
              for (const t of texts) sheet.insertRule(t, sheet.cssRules.length);
              if (texts.length) window.__e2eDark.push([sheet, texts.length]);
              count += texts.length;
            }
            return count;
        "##;
        let n = self
            .client
            .execute(script, vec![serde_json::json!(on)])
            .await
            .expect("emulate the dark scheme");
        self.settle().await;
        n.as_u64().unwrap_or(0)
    }

    /// Presses `key` (a character or a [`fantoccini::key::Key`] as a
    /// char) while holding `modifiers`, as the keyboard would, to whatever
    /// has focus.
    pub async fn chord(&self, modifiers: &[char], key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".into());
        for &m in modifiers {
            actions = actions.then(KeyAction::Down { value: m });
        }
        actions = actions
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        for &m in modifiers.iter().rev() {
            actions = actions.then(KeyAction::Up { value: m });
        }
        self.client
            .perform_actions(actions)
            .await
            .expect("press keys");
    }

    /// Presses one key.
    pub async fn press(&self, key: impl Into<char>) {
        self.chord(&[], key.into()).await;
    }

    /// Presses Ctrl with `key` (the app's zoom keys: "=", "-", "0").
    pub async fn ctrl_key(&self, key: char) {
        self.chord(&[char::from(fantoccini::key::Key::Control)], key)
            .await;
    }

    /// The page's width in CSS pixels (`innerWidth`).
    pub async fn css_width(&self) -> f64 {
        self.client
            .execute("return window.innerWidth;", vec![])
            .await
            .expect("innerWidth")
            .as_f64()
            .unwrap_or(0.0)
    }

    /// Zooms the window with Ctrl + "=" / "-" until the page lays out
    /// `width` CSS pixels wide (or panics).
    pub async fn zoom_to_width(&self, width: f64) {
        let key = if self.css_width().await > width {
            '='
        } else {
            '-'
        };
        for _ in 0..10 {
            let before = self.css_width().await;
            if (before - width).abs() < 2.0 {
                self.settle().await;
                return;
            }
            self.ctrl_key(key).await;
            // Each step's new width before the next key, so that a slow
            // relayout is not stepped past (a step that changes nothing,
            // at the end of the zoom range, is given up on after 5 s).
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            while self.css_width().await == before && std::time::Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
        panic!(
            "the window did not zoom to {width} CSS pixels wide: {}",
            self.css_width().await
        );
    }

    /// What sticks out sideways on the page as it is: the page scrolling
    /// sideways, or text whose box runs past the window's right edge or is
    /// cut off by its own box (an ellipsis, clipped overflow); a region that
    /// scrolls by design (the coverage table) is exempt. Prefixed `label`.
    pub async fn sideways_overflow(&self, label: &str) -> Vec<String> {
        let script = r##"
            const out = [];
            const root = document.scrollingElement || document.documentElement;
            if (root.scrollWidth > root.clientWidth + 1) out.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
            const width = document.documentElement.clientWidth;
            const scrolls = (el) => { for (let e = el.parentElement; e; e = e.parentElement) { const o = getComputedStyle(e).overflowX; if ((o === "auto" || o === "scroll") && e !== document.documentElement && e !== document.body) return true; } return false; };
            for (const el of document.body.querySelectorAll("*")) {
              if (!el.offsetParent && getComputedStyle(el).position !== "fixed") continue;
              const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
              if (!own) continue;
              const cs = getComputedStyle(el);
              if (cs.visibility === "hidden" || el.closest(".visually-hidden, [aria-hidden='true']")) continue;
              const r = el.getBoundingClientRect();
              if (r.width === 0) continue;
              const what = `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : ""} “${el.textContent.trim().slice(0, 50)}”`;
              if (r.right > width + 1 && !scrolls(el)) out.push(`runs past the right edge (${Math.round(r.right)} > ${width}): ${what}`);
              const clips = cs.textOverflow === "ellipsis" || cs.overflowX === "hidden" || cs.overflowX === "clip";
              if (clips && el.scrollWidth > el.clientWidth + 1 && !scrolls(el)) out.push(`cut off (${el.scrollWidth} > ${el.clientWidth}): ${what}`);
            }
            return out;
        "##;
        let found = self
            .client
            .execute(script, vec![])
            .await
            .expect("look for sideways overflow");
        let found: Vec<String> = serde_json::from_value(found).expect("a list");
        found
            .into_iter()
            .map(|v| format!("[{label}] {v}"))
            .collect()
    }

    /// The focused element (tag, test id, text) and whether it shows a
    /// focus indicator: an outline or a box shadow, its own or (for a radio
    /// or checkbox drawn as a card) its card's.
    pub async fn focus_state(&self) -> (String, bool) {
        let script = r##"
            const el = document.activeElement;
            if (!el || el === document.body) return ["(nothing: the page)", false];
            const shows = (e) => { const cs = getComputedStyle(e); return (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== "none"); };
            const card = el.closest(".option-card");
            const data = [el.dataset.testid, el.dataset.item && "item=" + el.dataset.item, el.dataset.reference && "reference=" + el.dataset.reference].filter(Boolean).join(" ");
            const what = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${data ? "[" + data + "]" : ""} “${(el.textContent || el.value || "").trim().slice(0, 40)}”`;
            return [what, !!(shows(el) || (card && shows(card)))];
        "##;
        let v = self
            .client
            .execute(script, vec![])
            .await
            .expect("ask what has focus");
        let (what, shows): (String, bool) = serde_json::from_value(v).expect("focus state");
        (what, shows)
    }
}
