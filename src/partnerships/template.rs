//! The partnership health check's built-in statements: eight elements of a
//! healthy partnership (the six key elements of effective partnership
//! working, trust and personal relationships, and handling difficulties),
//! each with three to five statements written in our own words from
//! `partnership-working.md`, answered on a five-point agreement scale or
//! "don’t know". Element and statement ids are stable: they go into files
//! and answer sheets, so a statement may be reworded but never renumbered.

use serde::Serialize;
use ts_rs::TS;

/// The version of the statements a check was answered against (stored with
/// each check, so a later rewording never changes what an old check meant).
pub const TEMPLATE_VERSION: u32 = 1;

/// One statement a respondent scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckStatement")]
pub struct Statement {
    /// Stable id: the element's id, a dot and a number (`goals.1`).
    pub id: &'static str,
    pub text: &'static str,
}

/// One element of a healthy partnership, with its statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckElement")]
pub struct Element {
    /// Stable id (`goals`, `vision`, ... `difficulties`).
    pub id: &'static str,
    /// The name people read.
    pub name: &'static str,
    /// What a healthy partnership shows on this element.
    pub healthy: &'static str,
    pub statements: &'static [Statement],
}

/// A point of the agreement scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "HealthCheckScalePoint")]
pub struct ScalePoint {
    pub score: u8,
    pub label: &'static str,
}

/// What the app prints and shows before anyone answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct HealthCheckTemplate {
    pub version: u32,
    pub title: &'static str,
    /// How to answer, and what the scores are for (and not for).
    pub introduction: &'static str,
    pub scale: &'static [ScalePoint],
    /// The label of the "don’t know" answer (a score of null).
    pub dont_know: &'static str,
    /// How an element's mean is read.
    pub reading: &'static str,
    pub elements: &'static [Element],
}

/// The five-point scale.
pub const SCALE: &[ScalePoint] = &[
    ScalePoint {
        score: 1,
        label: "Strongly disagree",
    },
    ScalePoint {
        score: 2,
        label: "Disagree",
    },
    ScalePoint {
        score: 3,
        label: "Neither agree nor disagree",
    },
    ScalePoint {
        score: 4,
        label: "Agree",
    },
    ScalePoint {
        score: 5,
        label: "Strongly agree",
    },
];

const fn s(id: &'static str, text: &'static str) -> Statement {
    Statement { id, text }
}

/// The eight elements, in the order they are asked and shown.
pub const ELEMENTS: &[Element] = &[
    Element {
        id: "goals",
        name: "Clear shared goals",
        healthy: "Everyone can say what the partnership is for and what it should achieve, and the goals are realistic.",
        statements: &[
            s("goals.1", "Everyone involved could say in a sentence or two what this partnership is for."),
            s("goals.2", "We have agreed what the partnership should achieve, and by when."),
            s("goals.3", "Our goals are realistic for the time, people and money we have between us."),
            s("goals.4", "The goals are written down where every partner can see them."),
        ],
    },
    Element {
        id: "vision",
        name: "Shared vision and values",
        healthy: "Partners hold compatible values and a common picture of success; differences in culture are known and respected.",
        statements: &[
            s("vision.1", "We share a common picture of what success would look like for the people we serve."),
            s("vision.2", "The values our organisations work by fit together well enough for us to work as one."),
            s("vision.3", "We know where our organisations’ ways of working differ, and we respect those differences."),
            s("vision.4", "We put the needs of learners and the community ahead of any one organisation’s interests."),
        ],
    },
    Element {
        id: "communication",
        name: "Open communication and mutual respect",
        healthy: "Information flows both ways, in time, by the means that suit each partner; people are listened to and disagree safely.",
        statements: &[
            s("communication.1", "Information reaches me in time for me to use it."),
            s("communication.2", "Information flows both ways, not only from one partner to the others."),
            s("communication.3", "We keep in touch in ways that suit every partner."),
            s("communication.4", "When I raise a concern, I am listened to and taken seriously."),
            s("communication.5", "People can disagree openly without it harming the relationship."),
        ],
    },
    Element {
        id: "resources",
        name: "Sharing resources, knowledge and skills",
        healthy: "Partners contribute what they can (time, people, rooms, money, expertise) and use each other’s services.",
        statements: &[
            s("resources.1", "Each partner puts in what it can: time, staff, rooms, money or know-how."),
            s("resources.2", "We know what each other’s services offer, and we point people to them."),
            s("resources.3", "We pass on what we learn, so nobody has to start from scratch."),
            s("resources.4", "We avoid doing the same work twice."),
        ],
    },
    Element {
        id: "roles",
        name: "Clear, agreed roles and responsibilities",
        healthy: "Who does what, who decides what, and who speaks for each partner is agreed, written down and followed.",
        statements: &[
            s("roles.1", "It is clear who does what in this partnership."),
            s("roles.2", "It is clear who can make decisions for each partner, and about what."),
            s("roles.3", "Our roles and responsibilities are written down and agreed."),
            s("roles.4", "People do what they said they would, or say early on when they cannot."),
        ],
    },
    Element {
        id: "evaluation",
        name: "Ongoing evaluation and improvement",
        healthy: "Agreed measures are monitored, feedback from partners and service users is sought, and the partnership changes as a result.",
        statements: &[
            s("evaluation.1", "We have agreed how we will know whether the partnership is working."),
            s("evaluation.2", "We check our progress against the measures we agreed."),
            s("evaluation.3", "We ask partners and the people who use our services what they think of our work together."),
            s("evaluation.4", "We change the way we work together because of what we find out."),
        ],
    },
    Element {
        id: "trust",
        name: "Trust and personal relationships",
        healthy: "The people involved trust and respect each other, keep their word, and relationships survive a change of staff.",
        statements: &[
            s("trust.1", "I trust the people I work with in this partnership."),
            s("trust.2", "People here keep their word."),
            s("trust.3", "I feel able to ask the other partners for help when I need it."),
            s("trust.4", "The partnership would carry on well if one of the people in it moved on."),
        ],
    },
    Element {
        id: "difficulties",
        name: "Handling difficulties",
        healthy: "Conflicts of interest, imbalances of power or influence, and pressure on time and resources are named and dealt with, not ignored.",
        statements: &[
            s("difficulties.1", "When our organisations’ interests pull in different directions, we talk about it openly."),
            s("difficulties.2", "Every partner has a fair say, whatever its size or influence."),
            s("difficulties.3", "We are honest with each other about how much time and resource each of us can give."),
            s("difficulties.4", "When something goes wrong, we deal with it rather than let it drift."),
        ],
    },
];

/// The template as the app, the CLI and the blank form show it.
pub const TEMPLATE: HealthCheckTemplate = HealthCheckTemplate {
    version: TEMPLATE_VERSION,
    title: "Partnership health check",
    introduction: "Please say how far you agree with each statement about this partnership, as you see it today. Answer on your own, without comparing notes first: the value is as much in seeing where we see things differently as in the scores. If you cannot say, choose “don’t know”. Scores are a prompt for conversation, not a grade: they are never used to rank partners or people.",
    scale: SCALE,
    dont_know: "Don’t know",
    reading: "An element’s average of 4.0 or more is a strength, 3.0 to 3.9 is developing, and below 3.0 is a concern. Where two people’s averages on an element differ by two points or more, it is worth talking about.",
    elements: ELEMENTS,
};

/// The element with this id.
pub fn element(id: &str) -> Option<&'static Element> {
    ELEMENTS.iter().find(|e| e.id == id)
}

/// The statement with this id, and its element.
pub fn statement(id: &str) -> Option<(&'static Element, &'static Statement)> {
    ELEMENTS
        .iter()
        .find_map(|e| e.statements.iter().find(|s| s.id == id).map(|s| (e, s)))
}

/// Every statement id, in order.
pub fn statement_ids() -> impl Iterator<Item = &'static str> {
    ELEMENTS
        .iter()
        .flat_map(|e| e.statements.iter().map(|s| s.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn eight_elements_of_three_to_five_statements_with_stable_unique_ids() {
        let ids: Vec<&str> = ELEMENTS.iter().map(|e| e.id).collect();
        assert_eq!(
            ids,
            [
                "goals",
                "vision",
                "communication",
                "resources",
                "roles",
                "evaluation",
                "trust",
                "difficulties"
            ]
        );
        let mut seen = HashSet::new();
        for e in ELEMENTS {
            assert!(
                (3..=5).contains(&e.statements.len()),
                "{} has {}",
                e.id,
                e.statements.len()
            );
            for (n, st) in e.statements.iter().enumerate() {
                assert_eq!(st.id, format!("{}.{}", e.id, n + 1));
                assert!(seen.insert(st.id));
                assert!(st.text.ends_with('.'), "{}", st.id);
            }
        }
        assert_eq!(statement("trust.2").unwrap().0.id, "trust");
        assert!(statement("trust.9").is_none());
        assert_eq!(statement_ids().count(), seen.len());
    }
}
