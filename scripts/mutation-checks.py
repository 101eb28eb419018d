#!/usr/bin/env python3
"""Mutation checks of the checks that guard money, consensus and keys.

For each check below: weaken it in the source, run the test that guards it, expect that
test to FAIL, restore the source. A check whose test still passes is reported as a
survivor. cargo-mutants covers operators and return values systematically, but not the
conditions inside `ensure!` and other macros; this list covers those by hand.

    scripts/mutation-checks.py            # all
    scripts/mutation-checks.py nil anchor # by name

Builds with `cargo test -p <package>` (one feature set per package, cached in the shared
target directory after the first run). Takes about a minute per check once warm.
"""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
V = "pallets/shielded/src/validation.rs"
L = "pallets/shielded/src/lib.rs"
SV = "pallets/share-pool/src/votes.rs"
SL = "pallets/share-pool/src/lib.rs"
PN = "pallets/shielded/src/public_notes.rs"
T = "pallets/tickets/src/lib.rs"
LV = "pallets/shielded/src/leaves.rs"
MG = "pallets/shielded/src/migrations.rs"

# name, file, what the check reads, what the mutant reads, package (and features), test filter
CHECKS = [
    ("nil", V, "ensure!(is_canonical_base(&input.nil.0), ", "ensure!(true, ",
     "pallet-shielded", "tests::encodings::a_nullifier_plus_the_modulus_is_refused"),
    ("anchor", V, "ensure!(is_canonical_base(&input.anchor.0), ", "ensure!(true, ",
     "pallet-shielded", "tests::encodings::an_anchor_plus_the_modulus_is_refused"),
    ("duplicate", V, "body.inputs.iter().skip(i + 1).all(|other| other.nil != input.nil),", "true,",
     "pallet-shielded", "tests::double_spend::a_signed_transaction_spending_one_note_twice_is_refused"),
    ("spent", V, "ensure!(!Nullifiers::<T>::contains_key(input.nil), ", "ensure!(true, ",
     "pallet-shielded", "tests::double_spend::two_transactions_spending_one_note_never_share_a_block"),
    ("known-anchor", V, "ensure!(Roots::<T>::contains_key(input.anchor), ", "ensure!(true, ",
     "pallet-shielded", "tests::unknown_and_expired_anchors_are_rejected"),
    ("tree-room", V, "Frontier::<T>::get().size.saturating_add(notes as u64) <= CAPACITY,", "true,",
     "pallet-shielded", "tests::payouts::a_full_tree_is_refused_before_anything_is_written"),
    ("payout-to-pool", V, "ensure!(*to != pool, ", "ensure!(true, ",
     "pallet-shielded", "tests::payouts::a_payout_to_the_pool_account_is_refused"),
    ("shield-from-pool", V, "ensure!(*from != pool, ", "ensure!(true, ",
     "pallet-shielded", "tests::payouts::a_shield_its_payer_cannot_pay_is_refused"),
    ("payout-deposit", V, ") == DepositConsequence::Success,\n", ") == DepositConsequence::Success || true,\n",
     "pallet-shielded", "tests::payouts::a_payout_below_the_existential_deposit_to_a_fresh_account_is_refused"),
    ("token-supply", V, "ensure!(Supply::<T>::get(asset) >= *value, ", "ensure!(true, ",
     "pallet-shielded", "tests::payouts::a_payout_of_a_frozen_token_is_refused"),
    ("pool-leaves-no-dust", V, "WithdrawConsequence::Success | WithdrawConsequence::ReducedToZero(0)",
     "WithdrawConsequence::Success | WithdrawConsequence::ReducedToZero(_)", "pallet-shielded",
     "tests::payouts::a_token_payout_that_would_leave_dust_in_the_pool_is_refused"),
    ("native-supply", V, "ensure!(Supply::<T>::get(native) >= native_out, ", "ensure!(true, ",
     "pallet-shielded", "tests::payouts::a_transaction_the_pool_cannot_pay_is_refused"),
    ("pool-keeps-alive", V, ".is_ok(),\n\t\t\tError::<T>::PoolExhausted", ".is_ok() || true,\n\t\t\tError::<T>::PoolExhausted",
     "pallet-shielded", "tests::payouts::a_transaction_the_pool_cannot_pay_is_refused"),
    ("transfer-possible", V, "ensure!(possible, ", "ensure!(true, ",
     "pallet-shielded", "tests::payouts::a_payout_of_a_frozen_token_is_refused"),
    ("pre-dispatch-validates", L,
     "let checked = Self::validate(tx).map_err(Self::invalid)?;\n\t\t\tVerified",
     "let checked = Self::verify(tx).map_err(Self::invalid)?;\n\t\t\tVerified",
     "pallet-shielded", "tests::payouts::a_payout_below_the_existential_deposit_to_a_fresh_account_is_refused"),
    ("marker-names-the-transaction", L, "Some(verified) if verified.hash == Self::transaction_hash(tx) =>",
     "Some(verified) =>", "pallet-shielded", "tests::double_spend::the_call_verifies_what_pre_dispatch_did_not"),
    ("call-rechecks-state", L, "\t\t\t\t\tSelf::check_state(tx)?;\n\t\t\t\t\tChecked {", "\t\t\t\t\tChecked {",
     "pallet-shielded", "tests::double_spend::the_call_verifies_what_pre_dispatch_did_not"),
    ("vote-signature", SV, "\tif !polkadot_sdk::sp_io::crypto::sr25519_verify(",
     "\tif false && !polkadot_sdk::sp_io::crypto::sr25519_verify(", "pallet-share-pool",
     "tests::votes::votes_are_checked_against_the_shares_drawn"),
    ("vote-drawn-position", SV, "keys.get(usize::from(vote.position)).ok_or(",
     "keys.get(usize::from(vote.position)).or(keys.first()).ok_or(", "pallet-share-pool",
     "tests::votes::a_pool_of_two_shares_draws_two_positions"),
    ("vote-duplicate", SV, "if *seen {", "if false {", "pallet-share-pool",
     "tests::votes::votes_are_checked_against_the_shares_drawn"),
    ("need-two-votes", SL, "if count < 2 && Self::need_two_votes() {", "if false {", "pallet-share-pool",
     "tests::votes::a_block_needs_two_votes_while_need_two_votes_holds"),
    ("need-two-votes-missed", SL, "u64::from(MissedInWindow::<T>::get()) * 5 <= possible", "true",
     "pallet-share-pool", "tests::votes::need_two_votes_holds_from_the_pool_threshold_while_few_draws_are_missed"),
    ("drawn-shares-leave-the-pool", SL, "if tree.remove(slot, 1).is_ok() {", "if true {", "pallet-share-pool",
     "tests::votes::drawn_shares_without_votes_are_missed_and_their_principal_is_released_after_the_lock"),
    ("settled-votes-verified", SV, "if let Ok(position) = verify(pre_hash, seed, vote, keys) {",
     "if let Some(position) = Some(vote.position) {", "pallet-share-pool",
     "tests::votes::votes_that_do_not_verify_count_as_missed_when_the_draw_is_settled"),
    ("seal-signature", "primitives/consensus/src/verify.rs", "if !sr25519::Pair::verify(",
     "if false && !sr25519::Pair::verify(", "sero-consensus-primitives --features verify",
     "verify::tests::only_the_author_signs_the_seal"),
    ("seal-height", "primitives/consensus/src/verify.rs",
     "if epoch > current.saturating_add(1) || epoch.saturating_add(1) < current {", "if false {", "sero-consensus-primitives --features verify", "verify::tests::heights_beyond_the_neighbouring_epochs_are_not_verified"),
    ("batch-randomisers", "primitives/groth16/src/lib.rs", "Fr::from_le_bytes_mod_order(r.as_bytes())",
     "Fr::from(1u64 + 0 * r.as_bytes()[0] as u64)", "sero-groth16",
     "tests::errors_that_cancel_under_equal_randomisers_are_caught"),
    ("point-one-encoding", "primitives/crypto/src/point.rs", "(point.is_on_curve() && encode(&point) == *bytes).then_some(point)",
     "point.is_on_curve().then_some(point)", "pallet-shielded", "tests::encodings::a_second_encoding_of_a_point_is_refused"),
    ("public-note-tree-full", PN, "ensure!(position < CAPACITY, ", "ensure!(true, ",
     "pallet-shielded", "tests::public_notes::refusals_hand_the_credit_back_and_write_nothing"),
    ("public-note-supply", PN,
     "Supply::<T>::mutate(note.asset, |supply| *supply = supply.saturating_add(note.value));", "",
     "pallet-shielded", "tests::public_notes::a_note_paid_by_the_runtime_is_found_and_spent_by_its_owner"),
    ("issue-not-backed", PN, "ensure!(!Registry::<T>::contains_key(asset), ", "ensure!(true, ", "pallet-shielded",
     "tests::tickets::issuing_is_refused_for_a_registered_asset_a_bad_pkr_or_nothing_and_writes_nothing"),
    ("token-not-a-category", L, "ensure!(!T::ReservedNames::contains(&name.to_vec()), ", "ensure!(true, ",
     "pallet-shielded", "tests::tickets::a_token_may_not_take_a_ticket_categorys_name"),
    ("package-new-id", V, "ensure!(!Packages::<T>::contains_key(id), ", "ensure!(true, ",
     "pallet-shielded", "tests::packages::creating_a_package_conserves_value_and_uses_an_id_once"),
    ("package-owner", V, "ensure!(from == Some(package.owner), ", "ensure!(true, ",
     "pallet-shielded", "tests::packages::only_the_owner_transfers_or_opens_a_package_once"),
    ("package-once", V, "ensure!(package.opened_at.is_none(), ", "ensure!(true, ",
     "pallet-shielded", "tests::packages::only_the_owner_transfers_or_opens_a_package_once"),
    ("package-proof-fee", V, "u32::from(matches!(body.package, Some(PackageAction::Create { .. })));", "0u32;",
     "pallet-shielded", "tests::packages::creating_a_package_conserves_value_and_uses_an_id_once"),
    ("package-opened-in-balance", V,
     "public_terms.push((package.asset_cm.0, scalar_to_bytes(&Scalar::from(1u64))));", "let _ = package;",
     "pallet-shielded", "tests::packages::a_package_is_created_transferred_and_opened_with_its_value_conserved"),
    ("package-created-in-balance", V, "				&with_package\n", "				let _ = &with_package;\n				&body.outputs\n",
     "pallet-shielded", "tests::packages::a_package_is_created_transferred_and_opened_with_its_value_conserved"),
    ("package-new-owner-pkr", V, "ensure!(OneTimeAddress::from_bytes(to).is_some(), ", "ensure!(true, ",
     "pallet-shielded", "tests::packages::only_the_owner_transfers_or_opens_a_package_once"),
    ("package-alone", V, "body.package.is_none() || body.transparent.is_none(),", "true,",
     "pallet-shielded", "tests::packages::a_package_travels_in_a_private_transfer_only"),
    ("package-pool-tag", L, "valid = valid.and_provides((b\"package\", action.id()));", "let _ = action;",
     "pallet-shielded", "tests::packages::two_actions_on_one_package_never_share_a_block"),
    ("ticket-issuer", T, "ensure!(record.issuer == *who, ", "ensure!(true, ",
     "pallet-tickets", "tests::allot_refusals_change_nothing"),
    ("ticket-once", T, "ensure!(!Tickets::<T>::contains_key(ticket), ", "ensure!(true, ",
     "pallet-tickets", "tests::allot_refusals_change_nothing"),
    ("category-not-a-token", T, "ensure!(!T::Notes::is_token_name(&category[..]), ", "ensure!(true, ",
     "pallet-tickets", "tests::category_names_are_checked_and_unique_and_not_a_tokens"),
    ("category-unique", T, "ensure!(!Categories::<T>::contains_key(&category), ", "ensure!(true, ",
     "pallet-tickets", "tests::category_names_are_checked_and_unique_and_not_a_tokens"),
    ("wallet-known-asset", "wallet/src/spend.rs", "	Err(SpendError::UnknownAsset(asset))\n}", "	Ok(())\n}",
     "sero-wallet", "spend::tests::a_spend_of_an_unregistered_token_or_beyond_the_balance_submits_nothing"),
    ("wallet-no-ticket-shield", "wallet/src/spend.rs",
     "		// Tickets live only in the pool: none can be shielded.\n		return Err(SpendError::UnknownAsset(order.asset));",
     "", "sero-wallet", "spend::tests::a_ticket_moves_as_one_note_of_value_1_the_fee_paid_in_sero"),
    ("private-reward-deferred", "pallets/block-rewards/src/lib.rs",
     "if let Some(pkr) = Self::reward_pkr() {", "if let Some(pkr) = Self::reward_pkr().filter(|_| false) {",
     "pallet-block-rewards", "tests::a_block_naming_a_pkr_pays_reward_and_fees_into_one_note_at_its_end"),
    ("private-fees-counted", "pallets/block-rewards/src/lib.rs",
     "if RewardTo::<T>::exists() {", "if false {",
     "pallet-block-rewards", "tests::a_block_naming_a_pkr_pays_reward_and_fees_into_one_note_at_its_end"),
    ("node-key-at-the-draw", "pallets/staking-nodes/src/lib.rs", "if drawn_at > record.key_changed_at {",
     "if true {", "pallet-share-pool", "tests::staking_nodes::a_key_changed_in_a_block_still_signs_for_that_blocks_draw"),
    ("solo-not-a-node-key", "pallets/share-pool/src/lib.rs",
     "ensure!(!T::StakingNodes::is_node_key(&key), Error::<T>::VoteKeyOfANode);", "",
     "pallet-share-pool", "tests::staking_nodes::a_solo_purchase_may_not_name_a_nodes_key"),
    ("node-fee-limit", SL, "ensure!(fee_bps <= offer.max_fee_bps, Error::<T>::FeeAboveLimit);", "",
     "pallet-share-pool", "tests::staking_nodes::a_purchase_refuses_a_fee_above_the_buyers_limit"),
    # Calls to modules and `From` (session 12).
    ("from-signed", V, "body.from.is_some() == tx.from_signature.is_some(),", "true,",
     "pallet-shielded", "tests::calls::a_from_must_be_signed_by_its_owner"),
    ("call-needs-from", V, "=> ensure!(body.from.is_some(), Error::<T>::NoSender),", "=> {},",
     "pallet-shielded", "tests::calls::a_call_without_a_from_is_refused"),
    ("from-only-in-calls", V, "_ => ensure!(body.from.is_none(), Error::<T>::UnexpectedFrom),",
     "_ => {},", "pallet-shielded", "tests::calls::a_from_outside_a_call_is_refused"),
    ("call-fee", V, "body.fee >= Self::minimum_fee(inputs, outputs.saturating_add(1)),",
     "body.fee >= Self::minimum_fee(inputs, outputs),",
     "pallet-shielded", "tests::calls::a_call_pays_the_fee_of_an_output_more"),
    ("call-tree-room", V, "Some(Transparent::Call { .. }) => outputs.saturating_add(1),",
     "Some(Transparent::Call { .. }) => outputs,",
     "pallet-shielded", "tests::calls::a_call_needs_room_for_a_note_more"),
    ("call-in-sero", V, "ensure!(*asset == native, Error::<T>::CallNotInSero);", "",
     "pallet-shielded", "tests::calls::calls_pay_in_sero_only"),
    ("call-supply", V, "native_out = native_out.checked_add(*value).ok_or(Error::<T>::PoolExhausted)?;\n\t\t\t\tcall",
     "let _ = value;\n\t\t\t\tcall",
     "pallet-shielded", "tests::calls::a_call_the_pool_cannot_pay_is_refused"),
    ("module-checks", V, "T::PublicCalls::check(target, from, value, command).map_err(Self::call_refused)?;",
     "let _ = (target, from, value, command);",
     "pallet-shielded", "tests::calls::the_module_s_refusals_are_the_call_s"),
    ("host-from-signature", "primitives/host/src/native.rs",
     "return Err(Rejection::InvalidFromSignature);", "{}",
     "sero-host --test host", "verify_transaction_accepts_a_real_transfer_and_names_what_is_wrong"),
    ("private-check-rolls-back", "pallets/share-pool/src/private.rs",
     "TransactionOutcome::Rollback(Ok::<_", "TransactionOutcome::Commit(Ok::<_",
     "pallet-share-pool", "tests::private::a_private_purchase_is_checked_as_it_applies_and_the_check_writes_nothing"),
    ("private-queue", SL, "Owner::Note(_) => PendingPrivate::<T>::try_append(id),",
     "Owner::Note(_) => Pending::<T>::try_append(id),", "pallet-share-pool",
     "tests::private::a_block_moves_a_bounded_number_of_private_purchases_into_the_pool"),
    ("private-change-paid", "pallets/share-pool/src/private.rs", "if value > 0 {", "if false {",
     "pallet-share-pool",
     "tests::private::a_private_purchase_is_held_on_the_pallet_account_and_its_change_paid_into_a_note"),
    ("private-principal-released", SL, "let released = Self::release(&account, principal);",
     "let released = principal;", "pallet-share-pool",
     "tests::private::voted_shares_of_a_private_purchase_are_paid_principal_and_reward_into_notes"),
    # Leaf records in pages (storage version 1) and the migration from one entry per leaf.
    ("leaf-page", LV, "position / LEAF_PAGE as u64", "position / 32",
     "pallet-shielded", "tests::leaves::records_fill_pages_of_64_in_order"),
    ("leaf-read-offset", LV, "let skip = (position % LEAF_PAGE as u64) as usize;", "let skip = 0;",
     "pallet-shielded", "tests::leaves::records_fill_pages_of_64_in_order"),
    ("leaf-read-legacy", LV, "range.next <= page && page < range.end", "range.next < page && page < range.end",
     "pallet-shielded", "tests::leaves::blocks_move_the_old_pages_a_few_at_a_time_and_then_stop"),
    ("leaf-pages-moved-per-block", L, ".saturating_add(Self::move_legacy_leaves(LEGACY_PAGES_PER_BLOCK))", "",
     "pallet-shielded", "tests::leaves::blocks_move_the_old_pages_a_few_at_a_time_and_then_stop"),
    ("leaf-move-charged", LV, "db.reads_writes(1 + leaves, 1 + leaves + moved)", "db.reads_writes(1, 1 + moved)",
     "pallet-shielded", "tests::leaves::blocks_move_the_old_pages_a_few_at_a_time_and_then_stop"),
    ("leaf-move-done", LV, "if range.next == range.end {", "if range.next > range.end {",
     "pallet-shielded", "tests::leaves::blocks_move_the_old_pages_a_few_at_a_time_and_then_stop"),
    ("leaf-upgrade-last-page", MG, "LeafPages::<T>::insert(last, LeafPage::truncate_from(records));", "",
     "pallet-shielded", "tests::leaves::the_upgrade_moves_the_last_page_and_leaves_the_full_ones_for_later_blocks"),
    ("leaf-upgrade-legacy-range", MG, "LegacyLeafPages::<T>::put(PageRange { next: 0, end: last });", "",
     "pallet-shielded", "tests::leaves::the_upgrade_moves_the_last_page_and_leaves_the_full_ones_for_later_blocks"),
    ("leaf-check-end", LV, "!= size % LEAF_PAGE as u64", "> size % LEAF_PAGE as u64",
     "pallet-shielded", "tests::leaves::a_page_that_does_not_end_where_the_tree_does_fails_the_check"),
    ("leaf-stored-by-transfers", "pallets/shielded/src/apply.rs", "Self::store_leaf(LeafRecord {", "core::mem::drop(LeafRecord {",
     "pallet-shielded", "tests::shield_moves_value_into_new_notes"),
    ("leaf-stored-by-payouts", PN, "Self::store_leaf(LeafRecord {", "core::mem::drop(LeafRecord {",
     "pallet-shielded", "tests::public_notes::a_note_paid_by_the_runtime_is_found_and_spent_by_its_owner"),
    # The node's memo of verified transactions: every argument is part of the key, the memo
    # is off unless enabled, and it is bounded.
    *[("memo-key-" + part, "primitives/host/src/native.rs", f"\t\t\t{arg},\n", "",
       "sero-host --test memo", "the_memo_answers_exactly_the_arguments_it_accepted")
      for part, arg in [("input-key", "keys.input"), ("output-key", "keys.output"),
                        ("inputs", "tx.inputs"), ("outputs", "tx.outputs"),
                        ("spend-signatures", "tx.spend_signatures"),
                        ("public-terms", "tx.public_terms"), ("message", "tx.message"),
                        ("balance-signature", "tx.balance_signature"), ("from", "&tx.from")]],
    # Proofs deferred to the block's batch (pallet_shielded::deferral): the batch runs at the
    # block's end and before a key change, refuses the block, keeps every record; an author
    # verifies in full; the host's batch verifies.
    ("deferred-batch-at-block-end", L,
     "fn on_finalize(n: BlockNumberFor<T>) {\n\t\t\tSelf::verify_deferred_proofs();",
     "fn on_finalize(n: BlockNumberFor<T>) {",
     "pallet-shielded", "tests::deferral::an_imported_block_with_a_false_proof_fails_at_its_end"),
    ("deferred-batch-refuses-the-block", L, "assert!(valid, \"a shielded",
     "assert!(valid || true, \"a shielded",
     "pallet-shielded", "tests::deferral::an_imported_block_with_a_false_proof_fails_at_its_end"),
    ("deferred-batch-before-key-change", L,
     "\t\t\t// The proofs deferred so far were checked against the key in force.\n"
     "\t\t\tSelf::verify_deferred_proofs();\n", "",
     "pallet-shielded",
     "tests::deferral::a_verifying_key_change_after_a_false_proof_fails_the_block"),
    ("deferred-records-kept", L, "if !checked.deferred.is_empty() {", "if false {",
     "pallet-shielded", "tests::deferral::an_imported_block_with_a_false_proof_fails_at_its_end"),
    ("author-verifies-in-full", L, "let proofs = if deferral::importing() {",
     "let proofs = if true {",
     "pallet-shielded", "tests::deferral::a_block_being_built_verifies_each_transaction_in_full"),
    ("deferred-proofs-charged", L,
     ".saturating_add(Self::deferred_proofs_weight(inputs.saturating_add(outputs)))\n"
     "\t\t\t\t.saturating_add(package)", ".saturating_add(package)",
     "pallet-shielded", "tests::token_flows_pay_for_the_token_transfer"),
    ("deferred-batch-verifies", "primitives/host/src/native.rs",
     "let valid = verify_batches(&[(&input_key, &inputs), (&output_key, &outputs)]);",
     "let valid = true;",
     "sero-host --test deferred", "the_batch_refuses_records_that_do_not_decode_or_do_not_verify"),
    ("memo-off-by-default", "primitives/host/src/memo.rs",
     "if !ENABLED.load(Ordering::Relaxed) {", "if false {",
     "sero-host --test memo", "the_memo_answers_exactly_the_arguments_it_accepted"),
    ("memo-bounded", "primitives/host/src/memo.rs",
     "newer.len() >= GENERATION", "newer.len() > 2 * GENERATION",
     "sero-host", "memo::tests::an_entry_lives_two_generations"),
]


def run_check(name, path, original, mutant, package, test):
    source = ROOT / path
    text = source.read_text()
    if text.count(original) != 1:
        return "NOT FOUND", 0.0
    source.write_text(text.replace(original, mutant))
    started = time.time()
    try:
        result = subprocess.run(
            ["cargo", "test", "-p", *package.split(), "--lib", "--", test],
            cwd=ROOT, capture_output=True, text=True,
        )
    finally:
        source.write_text(text)
    elapsed = time.time() - started
    output = result.stdout + result.stderr
    if "error[" in output and "could not compile" in output:
        return "DOES NOT COMPILE", elapsed
    # A filter may match no test of one binary (the library's, beside `--test`): what counts
    # is that some binary ran a test.
    if not re.search(r" [1-9][0-9]* passed", output) and "FAILED" not in output:
        return "NO TEST RAN", elapsed
    return ("caught" if result.returncode != 0 else "SURVIVED"), elapsed


def main():
    wanted = set(sys.argv[1:])
    os.environ.setdefault("CARGO_TARGET_DIR", str(Path.home() / ".cache" / "sero-target"))
    survivors = 0
    for check in CHECKS:
        if wanted and check[0] not in wanted:
            continue
        outcome, elapsed = run_check(*check)
        survivors += outcome != "caught"
        print(f"{check[0]:32} {outcome:16} {elapsed:6.0f} s  {check[5]}", flush=True)
    sys.exit(1 if survivors else 0)


if __name__ == "__main__":
    main()
