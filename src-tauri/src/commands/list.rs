// The app's commands, written once: each command's module in `commands/` and
// its name. Everything else is made from this list or checked against it:
// - `build.rs` includes this file and declares the names to Tauri, which
//   generates an `allow-<command>` permission for each; it also fails the
//   build when `capabilities/main.json` does not grant exactly these;
// - `lib.rs` builds the invoke handler (`generate_handler!`) from it;
// - `crate::COMMANDS` (the names) is written to `ui/src/lib/bindings/commands.ts`
//   by a test, and the UI's `api.test.ts` fails unless `api.ts` calls each
//   of them (and `api.ts` can only name a command in that list);
// - `tests/commands.rs` calls every command through the real ACL.
//
// Plain `macro_rules!` with no `use`, so that `build.rs` can include it too.

/// Calls the macro `$then` with the list: `module: command, command, ...;`.
macro_rules! app_commands {
    ($then:ident) => {
        $then! {
            library:
                app_info,
                list_portfolios,
                list_trash,
                create_portfolio,
                add_demo_portfolio,
                rename_portfolio,
                trash_portfolio,
                restore_portfolio,
                delete_portfolio_forever;
            portfolio:
                get_portfolio_frame,
                get_overview,
                get_item,
                set_rating,
                set_account,
                get_profile,
                set_profile,
                get_history;
            evidence:
                list_evidence,
                get_evidence,
                add_evidence,
                update_evidence,
                remove_evidence,
                map_evidence,
                unmap_evidence,
                choose_files,
                attach_files,
                remove_attachment,
                describe_attachment,
                save_attachment_as,
                attachment_preview,
                list_witnesses,
                get_coverage;
            exchange:
                get_assessment,
                submit_portfolio,
                choose_exchange_file,
                open_learner_submission,
                judge_item,
                set_overall_feedback,
                sign_off,
                return_to_learner,
                receive_assessment,
                verify_portfolio,
                get_audit_trail;
            export:
                export_pdf;
            opening:
                take_opened_file,
                identify_file,
                import_portfolio_file,
                open_portfolio_in_place;
            open_export:
                export_open_zip,
                import_open_zip;
            iqa:
                send_to_iqa,
                get_with_iqa,
                receive_iqa,
                open_for_iqa,
                iqa_sample,
                iqa_decide,
                iqa_return;
            partnerships:
                list_partners,
                get_stakeholder_map,
                get_partnership,
                get_partner,
                get_health_check,
                health_check_template,
                get_evidence_draft,
                add_partner,
                update_partner,
                add_partnership_note,
                update_partnership_note,
                get_removal_effects,
                remove_partnership_note,
                add_agreement,
                revise_agreement,
                remove_agreement,
                record_health_check,
                change_health_check_answers,
                remove_health_check,
                add_partnership_action,
                set_action_done,
                remove_partnership_action,
                make_partnership_evidence,
                save_health_check_form;
            assessment_cycle:
                get_assessment_plan,
                set_plan,
                accept_plan,
                remove_plan,
                list_reviews,
                add_review,
                sign_review,
                get_feedback_thread,
                reply_to_feedback;
            caseload:
                get_caseload,
                get_inbox,
                choose_inbox_folder;
        }
    };
}

/// The names of the commands in the list, as a `&[&str]`.
macro_rules! command_names {
    ($($module:ident: $($command:ident),+;)+) => {
        &[$($(stringify!($command)),+),+]
    };
}
