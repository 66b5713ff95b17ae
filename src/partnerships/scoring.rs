//! The health check's arithmetic, apart from any file: each element's mean
//! per respondent and for all respondents, its band, the spread flag where
//! respondents see it differently, and the change from the previous check.
//!
//! Means are kept as whole hundredths (`367` is 3.67), rounded half up from
//! the exact fraction with integers, so 3.995 is never shown as 4.00 with the
//! band of 3.99: the band, the spread and the change are all worked out from
//! the two-decimal means people see. "Don’t know" answers are left out of
//! every mean; an element with no scores has no mean and no band.

use super::template::{Element, ELEMENTS};
use serde::{Serialize, Serializer};
use ts_rs::TS;

/// A mean to two decimals, held as whole hundredths; serialised as a number
/// (`3.67`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(export, rename = "HealthCheckMean", type = "number")]
pub struct Mean(pub i64);

impl Mean {
    /// The mean of some scores, or `None` when there are none.
    pub fn of(scores: &[u8]) -> Option<Mean> {
        if scores.is_empty() {
            return None;
        }
        let n = scores.len() as i64;
        let sum: i64 = scores.iter().map(|&s| i64::from(s)).sum();
        // round(sum / n, 2 places), half up: (200 sum + n) / 2n, all integers.
        Some(Mean((200 * sum + n).div_euclid(2 * n)))
    }

    /// As a number: 3.67.
    pub fn value(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// Its band.
    pub fn band(self) -> Band {
        if self.0 >= 400 {
            Band::Strength
        } else if self.0 >= 300 {
            Band::Developing
        } else {
            Band::Concern
        }
    }
}

impl std::fmt::Display for Mean {
    /// Two decimals, with a sign only when negative: `3.67`, `-0.50`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.abs();
        write!(f, "{sign}{}.{:02}", a / 100, a % 100)
    }
}

impl Serialize for Mean {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

/// How an element's mean reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "HealthCheckBand")]
pub enum Band {
    /// 4.0 and above.
    Strength,
    /// 3.0 to 3.9.
    Developing,
    /// Below 3.0.
    Concern,
}

impl Band {
    pub fn label(self) -> &'static str {
        match self {
            Band::Strength => "Strength",
            Band::Developing => "Developing",
            Band::Concern => "Concern",
        }
    }
}

/// Respondents whose means on an element differ by this much (two points)
/// or more see it differently enough to talk about it.
pub const SPREAD_FLAG: Mean = Mean(200);

/// How far apart respondents' means on an element are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckSpread")]
pub struct Spread {
    pub lowest: Mean,
    pub highest: Mean,
    pub difference: Mean,
    /// Two points or more apart: something to talk about.
    pub flagged: bool,
}

impl Spread {
    /// The spread of the respondents' means that exist; `None` unless at
    /// least two respondents scored the element.
    pub fn of(means: impl IntoIterator<Item = Option<Mean>>) -> Option<Spread> {
        let means: Vec<Mean> = means.into_iter().flatten().collect();
        if means.len() < 2 {
            return None;
        }
        let lowest = *means.iter().min()?;
        let highest = *means.iter().max()?;
        let difference = Mean(highest.0 - lowest.0);
        Some(Spread {
            lowest,
            highest,
            difference,
            flagged: difference >= SPREAD_FLAG,
        })
    }
}

/// Which way an element moved since the previous check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename = "HealthCheckDirection")]
pub enum Direction {
    Improved,
    Declined,
    Unchanged,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Improved => "improved",
            Direction::Declined => "declined",
            Direction::Unchanged => "unchanged",
        }
    }
}

/// The change of an element's mean (for all respondents) from the previous check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckChange")]
pub struct Trend {
    /// The previous check of the same partnership (`HC1`).
    pub previous_check: String,
    pub previous_mean: Mean,
    /// Now minus then (negative when it declined).
    pub change: Mean,
    pub direction: Direction,
}

impl Trend {
    /// From the previous mean to this one; `None` if either is missing.
    pub fn between(previous_check: &str, before: Option<Mean>, now: Option<Mean>) -> Option<Trend> {
        let (before, now) = (before?, now?);
        let change = Mean(now.0 - before.0);
        let direction = match change.0 {
            c if c > 0 => Direction::Improved,
            c if c < 0 => Direction::Declined,
            _ => Direction::Unchanged,
        };
        Some(Trend {
            previous_check: previous_check.to_string(),
            previous_mean: before,
            change,
            direction,
        })
    }
}

/// One respondent's answers, as the arithmetic needs them: each statement id
/// with its score (`None`: don’t know).
pub struct Answers<'a> {
    pub respondent: &'a str,
    pub scores: &'a [(String, Option<u8>)],
}

/// One respondent's mean on an element.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckRespondentMean")]
pub struct RespondentMean {
    pub respondent: String,
    /// `None` when every answer on the element was "don’t know".
    pub mean: Option<Mean>,
    /// Statements scored 1–5.
    pub scored: u32,
    /// Statements answered "don’t know" (or left blank).
    pub dont_know: u32,
}

/// The results of one element in one check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckElementResult")]
pub struct ElementResult {
    /// The element's id (`goals`).
    pub element: String,
    pub name: String,
    /// Each respondent's mean, in the order they answered (never sorted by score).
    pub respondents: Vec<RespondentMean>,
    /// The mean of every score given on the element, by anyone; `None` when
    /// nobody scored it.
    pub mean: Option<Mean>,
    /// Scores that went into `mean`.
    pub scored: u32,
    pub band: Option<Band>,
    /// Set when at least two respondents scored the element.
    pub spread: Option<Spread>,
    /// Against the previous check of the same partnership, when both have a mean.
    pub change: Option<Trend>,
    /// The result in words: "Strength (4.25); views differ by 2.25 points:
    /// worth talking about; improved by 0.50 since HC1".
    pub summary: String,
}

/// Each element's results for a set of respondents' answers. `previous`
/// gives the previous check's reference and its results, for the trend.
pub fn results(
    answers: &[Answers<'_>],
    previous: Option<(&str, &[ElementResult])>,
) -> Vec<ElementResult> {
    ELEMENTS
        .iter()
        .map(|element| element_result(element, answers, previous))
        .collect()
}

fn element_result(
    element: &Element,
    answers: &[Answers<'_>],
    previous: Option<(&str, &[ElementResult])>,
) -> ElementResult {
    let in_element = |id: &str| element.statements.iter().any(|s| s.id == id);
    let mut everyone: Vec<u8> = Vec::new();
    let respondents: Vec<RespondentMean> = answers
        .iter()
        .map(|a| {
            let scores: Vec<u8> = a
                .scores
                .iter()
                .filter(|(id, _)| in_element(id))
                .filter_map(|(_, s)| *s)
                .collect();
            everyone.extend_from_slice(&scores);
            let scored = scores.len() as u32;
            RespondentMean {
                respondent: a.respondent.to_string(),
                mean: Mean::of(&scores),
                scored,
                dont_know: (element.statements.len() as u32).saturating_sub(scored),
            }
        })
        .collect();
    let mean = Mean::of(&everyone);
    let spread = Spread::of(respondents.iter().map(|r| r.mean));
    let change = previous.and_then(|(reference, results)| {
        let before = results.iter().find(|r| r.element == element.id)?.mean;
        Trend::between(reference, before, mean)
    });
    let summary = summary(mean, spread.as_ref(), change.as_ref(), answers.is_empty());
    ElementResult {
        element: element.id.to_string(),
        name: element.name.to_string(),
        respondents,
        mean,
        scored: everyone.len() as u32,
        band: mean.map(Mean::band),
        spread,
        change,
        summary,
    }
}

fn summary(
    mean: Option<Mean>,
    spread: Option<&Spread>,
    change: Option<&Trend>,
    no_respondents: bool,
) -> String {
    let mut parts = vec![match mean {
        Some(m) => format!("{} ({m})", m.band().label()),
        None if no_respondents => "No answers yet".to_string(),
        None => "No mean: every answer was “don’t know”".to_string(),
    }];
    if let Some(s) = spread.filter(|s| s.flagged) {
        parts.push(format!(
            "views differ by {} points: worth talking about",
            s.difference
        ));
    }
    if let Some(t) = change {
        parts.push(match t.direction {
            Direction::Unchanged => format!("unchanged since {}", t.previous_check),
            Direction::Improved => format!("improved by {} since {}", t.change, t.previous_check),
            Direction::Declined => format!(
                "declined by {} since {}",
                Mean(-t.change.0),
                t.previous_check
            ),
        });
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, Option<u8>)]) -> Vec<(String, Option<u8>)> {
        pairs.iter().map(|(id, s)| (id.to_string(), *s)).collect()
    }

    #[test]
    fn means_round_half_up_to_two_decimals_in_integers() {
        assert_eq!(Mean::of(&[]), None);
        assert_eq!(Mean::of(&[4]), Some(Mean(400)));
        assert_eq!(Mean::of(&[4, 3, 4]), Some(Mean(367))); // 3.666...
        assert_eq!(Mean::of(&[3, 4, 4, 4, 4, 4]), Some(Mean(383))); // 3.8333...
        assert_eq!(Mean::of(&[1, 2]), Some(Mean(150)));
        // 1/8 = 0.125 -> 0.13 (half up); 3 + 0.125 = 3.125
        assert_eq!(Mean::of(&[3, 3, 3, 3, 3, 3, 3, 4]), Some(Mean(313)));
        assert_eq!(Mean(367).to_string(), "3.67");
        assert_eq!(Mean(-50).to_string(), "-0.50");
        assert_eq!(Mean(400).to_string(), "4.00");
        assert_eq!(serde_json::to_string(&Mean(367)).unwrap(), "3.67");
        assert_eq!(serde_json::to_string(&Mean(400)).unwrap(), "4.0");
    }

    #[test]
    fn bands_at_their_edges() {
        assert_eq!(Mean(500).band(), Band::Strength);
        assert_eq!(Mean(400).band(), Band::Strength);
        assert_eq!(Mean(399).band(), Band::Developing);
        assert_eq!(Mean(300).band(), Band::Developing);
        assert_eq!(Mean(299).band(), Band::Concern);
        assert_eq!(Mean(100).band(), Band::Concern);
        // 3.995 rounds to 4.00 and is then a strength, as shown.
        let m = Mean::of(&[4; 199].iter().chain(&[3]).copied().collect::<Vec<u8>>()).unwrap();
        assert_eq!((m, m.band()), (Mean(400), Band::Strength));
    }

    #[test]
    fn spread_needs_two_respondents_and_flags_two_points() {
        assert_eq!(Spread::of([Some(Mean(100))]), None);
        assert_eq!(Spread::of([Some(Mean(100)), None]), None);
        let s = Spread::of([Some(Mean(450)), Some(Mean(250)), None]).unwrap();
        assert_eq!(
            (s.lowest, s.highest, s.difference),
            (Mean(250), Mean(450), Mean(200))
        );
        assert!(s.flagged);
        assert!(
            !Spread::of([Some(Mean(450)), Some(Mean(251))])
                .unwrap()
                .flagged
        );
    }

    #[test]
    fn trend_compares_means_and_needs_both() {
        let t = Trend::between("HC1", Some(Mean(300)), Some(Mean(350))).unwrap();
        assert_eq!((t.change, t.direction), (Mean(50), Direction::Improved));
        let t = Trend::between("HC1", Some(Mean(300)), Some(Mean(275))).unwrap();
        assert_eq!((t.change, t.direction), (Mean(-25), Direction::Declined));
        let t = Trend::between("HC1", Some(Mean(300)), Some(Mean(300))).unwrap();
        assert_eq!(t.direction, Direction::Unchanged);
        assert_eq!(Trend::between("HC1", None, Some(Mean(300))), None);
        assert_eq!(Trend::between("HC1", Some(Mean(300)), None), None);
    }

    #[test]
    fn results_per_element_per_respondent_and_for_all() {
        let ann = answers(&[
            ("goals.1", Some(5)),
            ("goals.2", Some(4)),
            ("goals.3", Some(5)),
            ("goals.4", None),
            ("trust.1", None),
            ("trust.2", None),
            ("trust.3", None),
            ("trust.4", None),
            ("roles.1", Some(2)),
        ]);
        let bob = answers(&[
            ("goals.1", Some(2)),
            ("goals.2", Some(2)),
            ("goals.3", Some(3)),
            ("goals.4", Some(2)),
            ("roles.1", Some(3)),
        ]);
        let set = [
            Answers {
                respondent: "Ann",
                scores: &ann,
            },
            Answers {
                respondent: "Bob",
                scores: &bob,
            },
        ];
        let r = results(&set, None);
        assert_eq!(r.len(), 8);
        let goals = &r[0];
        assert_eq!(goals.element, "goals");
        assert_eq!(goals.respondents[0].mean, Some(Mean(467))); // 14/3
        assert_eq!(goals.respondents[0].dont_know, 1);
        assert_eq!(goals.respondents[1].mean, Some(Mean(225))); // 9/4
                                                                // For all: every score pooled, 23/7 = 3.2857...
        assert_eq!(goals.mean, Some(Mean(329)));
        assert_eq!(goals.scored, 7);
        assert_eq!(goals.band, Some(Band::Developing));
        assert!(goals.spread.unwrap().flagged); // 4.67 - 2.25 = 2.42
        assert!(
            goals.summary.contains("worth talking about"),
            "{}",
            goals.summary
        );
        // Ann knows nothing of trust; Bob left it out: no mean, no band, said so.
        let trust = r.iter().find(|e| e.element == "trust").unwrap();
        assert_eq!((trust.mean, trust.band, trust.spread), (None, None, None));
        assert!(trust.summary.contains("don’t know"), "{}", trust.summary);
        // One score each on roles: a spread of 1 point is not flagged.
        let roles = r.iter().find(|e| e.element == "roles").unwrap();
        assert_eq!(roles.mean, Some(Mean(250)));
        assert_eq!(roles.band, Some(Band::Concern));
        assert!(!roles.spread.unwrap().flagged);

        // A later check: goals up, roles down, trust still unknown.
        let later = answers(&[("goals.1", Some(4)), ("roles.1", Some(2))]);
        let again = results(
            &[Answers {
                respondent: "Ann",
                scores: &later,
            }],
            Some(("HC1", &r)),
        );
        let g = again[0].change.as_ref().unwrap();
        assert_eq!((g.change, g.direction), (Mean(71), Direction::Improved));
        assert!(again[0].summary.ends_with("improved by 0.71 since HC1"));
        let roles = again.iter().find(|e| e.element == "roles").unwrap();
        assert_eq!(
            roles.change.as_ref().unwrap().direction,
            Direction::Declined
        );
        assert!(roles.summary.contains("declined by 0.50 since HC1"));
        assert_eq!(
            again.iter().find(|e| e.element == "trust").unwrap().change,
            None
        );
    }
}
