//! Build script of the desktop shell: declares the app's own commands so that
//! Tauri generates a permission for each (`allow-<command>`), which
//! `capabilities/main.json` grants to the main window only. A command missing
//! here cannot be called from the UI at all.

/// Every command in `src/commands/`, in the order they appear there.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_portfolios",
    "list_trash",
    "create_portfolio",
    "add_demo_portfolio",
    "rename_portfolio",
    "trash_portfolio",
    "restore_portfolio",
    "delete_portfolio_forever",
    "get_overview",
    "get_item",
    "set_rating",
    "set_account",
    "get_profile",
    "set_profile",
    "get_history",
    "list_evidence",
    "get_evidence",
    "add_evidence",
    "update_evidence",
    "remove_evidence",
    "set_mappings",
    "map_evidence",
    "unmap_evidence",
    "choose_files",
    "attach_files",
    "remove_attachment",
    "save_attachment_as",
    "attachment_preview",
    "list_witnesses",
    "get_coverage",
    "get_assessment",
    "submit_portfolio",
    "open_learner_submission",
    "judge_item",
    "set_overall_feedback",
    "sign_off",
    "return_to_learner",
    "receive_assessment",
    "verify_portfolio",
    "get_audit_trail",
    "export_pdf",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run the Tauri build script");
}
